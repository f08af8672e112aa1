"""Imported by the extraction fork server only: what every worker needs, loaded once before the
workers are forked from it (trafilatura's imports take ~0.3-1 s, the language model ~0.4 s, the
tagger of the environment's settings ~0.2-0.8 s, the MinHash permutations a millisecond), instead of
once in each worker."""

import logging

import trafilatura  # noqa: F401  (pipeline.articles imports it on first use)

from pipeline.config import Settings
from pipeline.language import identifier
from pipeline.minhash import _not_combining, permutations
from pipeline.tagging import tagger_for

identifier()
permutations()
_not_combining()  # the accent table of story signatures (~7 ms)
try:  # the tag workers' tagger, if the run uses these settings (it is cached per settings)
    tagger_for(Settings.from_env())
except Exception:  # a broken taxonomy is reported by the run itself, not by the fork server
    logging.getLogger(__name__).debug("tagger not preloaded", exc_info=True)
