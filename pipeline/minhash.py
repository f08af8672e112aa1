"""Story signatures: the MinHash of a text's word shingles (see pipeline.clusters for how they are
used and why these parameters). Kept apart from pipeline.clusters so that extraction workers,
which sign each text as they extract it, import numpy only (no pandas, no DuckDB). The values are
datasketch's MinHash (affine32 scheme), computed here with NumPy; tests/test_minhash.py checks them
against datasketch's own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from hashlib import sha1

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 128
MIN_WORDS = 80
SEED = 1
SCHEME = "affine32"  # 32-bit hash values; pinned, so stored signatures stay comparable

_WORD = re.compile(r"\w+")


# Code points below this (the Basic Multilingual and Supplementary Multilingual Planes, where the
# combining marks and the emoji are) are looked up in a table; a text with one beyond it is rare.
_TABLE_SIZE = 0x20000


@cache
def _not_combining() -> np.ndarray:
    """Code point -> whether ``unicodedata.combining()`` is false for it (~7 ms, once per process)."""
    keep = np.ones(_TABLE_SIZE, dtype=bool)
    keep[[code for code in range(_TABLE_SIZE) if unicodedata.combining(chr(code))]] = False
    return keep


def _strip_combining(text: str) -> str:
    """``text`` without its combining characters (the accents NFKD splits off). One table lookup
    over the code points with NumPy: ~10x faster than testing each character in Python, or than a
    regex or str.translate over the same set of characters."""
    # "surrogatepass": a lone surrogate (text decoded with "surrogateescape") is a code point like
    # any other here, as it is for the per-character test.
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.size and codes.max() >= _TABLE_SIZE:
        return "".join(c for c in text if not unicodedata.combining(c))
    return codes[_not_combining()[codes]].tobytes().decode("utf-32-le", "surrogatepass")


def words(text: str) -> list[str]:
    """Lower-case, accent-free words: what two copies of a story are compared on."""
    folded = text.casefold()
    if not folded.isascii():  # decompose, then drop the combining marks (the accents)
        folded = _strip_combining(unicodedata.normalize("NFKD", folded))
    return _WORD.findall(folded)


@cache
def permutations() -> np.ndarray:
    """The MinHash permutation parameters ``[a, b]`` (uint32, NUM_PERM each), drawn once per process.

    They are datasketch's for SEED and the affine32 scheme (``MinHash(num_perm=NUM_PERM, seed=SEED,
    scheme="affine32").permutations``), drawn as it draws them: odd multipliers, then offsets,
    from NumPy's legacy RandomState, whose streams NumPy keeps unchanged. Drawn here, a process that
    signs texts need not import datasketch (and SciPy, which it imports: ~0.45 s in each extraction
    fork server). tests/test_minhash.py checks them against datasketch's.
    """
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def signature(text: str | None) -> np.ndarray | None:
    """The MinHash hash values of the text's word shingles, or None for a short text."""
    tokens = words(text or "")
    if len(tokens) < MIN_WORDS:
        return None
    # The shingles as UTF-8 bytes (what datasketch hashes): the words encoded in one call, not each
    # shingle apart. SHINGLE_WORDS = 3 consecutive words.
    encoded = " ".join(tokens).encode().split(b" ")
    shingles = {b" ".join(three) for three in zip(encoded, encoded[1:], encoded[2:], strict=False)}
    # What datasketch's MinHash(scheme="affine32").update_batch computes, without its Python int per
    # shingle (sha1_hash32 unpacks each digest with struct): the first 4 bytes of each shingle's SHA-1
    # as a little-endian uint32, read in one call. tests/test_minhash.py checks it against datasketch.
    hashes = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles]), dtype="<u4")
    return _affine32_min(hashes.astype(np.uint32))


def _affine32_min(hashes: np.ndarray) -> np.ndarray:
    """datasketch's affine32 step (``MinHash.update_batch`` and ``_fmix``): pre-mix each input hash
    with the MurmurHash3 finalizer, then per permutation ``a * h + b`` in uint32 (the wraparound is
    the modulo 2^32) and the minimum over the inputs. A MinHash starts at 2^32 - 1, the largest
    uint32, so the minimum over one input or more is the signature."""
    h = hashes ^ (hashes >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    h = h ^ (h >> np.uint32(16))
    a, b = permutations()
    return (h.reshape(-1, 1) * a + b).min(axis=0)


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def signature_blob(text: str | None) -> bytes | None:
    """The text's signature as stored (``story_signatures.signature``); what extraction workers
    compute alongside each article (``Article.minhash``), so the tag stage does not sign again."""
    values = signature(text)
    return None if values is None else to_blob(values)
