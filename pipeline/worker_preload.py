"""Imported by the extraction fork server only: what every extraction worker needs, loaded once
before the workers are forked from it (trafilatura's imports take ~1 s, the language model
~0.5 s, the MinHash permutations and datasketch's imports ~0.3 s), instead of once in each
worker."""

import trafilatura  # noqa: F401  (pipeline.articles imports it on first use)

from pipeline.language import identifier
from pipeline.minhash import permutations

identifier()
permutations()
