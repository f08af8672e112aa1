"""Story signatures: the MinHash of a text's word shingles (see pipeline.clusters for how they are
used and why these parameters). Kept apart from pipeline.clusters so that extraction workers,
which sign each text as they extract it, import numpy and datasketch only (no pandas, no DuckDB).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 128
MIN_WORDS = 80
SEED = 1
SCHEME = "affine32"  # 32-bit hash values; pinned, so stored signatures stay comparable

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-case, accent-free words: what two copies of a story are compared on."""
    folded = text.casefold()
    if not folded.isascii():  # the per-character pass is a third of the signing time otherwise
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return _WORD.findall(folded)


@cache
def permutations() -> Any:
    """The MinHash permutation parameters, drawn once per process instead of once per article."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str | None) -> np.ndarray | None:
    """The MinHash hash values of the text's word shingles, or None for a short text."""
    tokens = words(text or "")
    if len(tokens) < MIN_WORDS:
        return None
    from datasketch import MinHash  # numpy/scipy on import: only when signing

    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=permutations())
    mh.update_batch(s.encode("utf-8") for s in shingles)
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def signature_blob(text: str | None) -> bytes | None:
    """The text's signature as stored (``story_signatures.signature``); what extraction workers
    compute alongside each article (``Article.minhash``), so the tag stage does not sign again."""
    values = signature(text)
    return None if values is None else to_blob(values)
