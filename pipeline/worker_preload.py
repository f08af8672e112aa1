"""Imported by the extraction fork server only: what every extraction worker needs, loaded once
before the workers are forked from it (the language model takes ~0.5 s, the MinHash permutations
and datasketch's imports ~0.3 s), instead of once in each worker."""

from pipeline.language import identifier
from pipeline.minhash import permutations

identifier()
permutations()
