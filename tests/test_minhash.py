"""Story signatures (pipeline/minhash.py) equal datasketch's own MinHash, value for value.

``signature`` folds accents with a table and applies datasketch's affine32 permutations with NumPy
itself (faster than ``MinHash.update_batch``): stored signatures must not change, so each text here
is also signed the reference way, datasketch over the folded words' shingles.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from pipeline import minhash
from pipeline.minhash import MIN_WORDS, NUM_PERM, SCHEME, SEED, SHINGLE_WORDS, signature, words

DATA = Path(__file__).resolve().parent / "data"


def test_the_permutations_are_datasketch_s():
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    assert minhash.permutations().dtype == reference.dtype == np.uint32
    assert np.array_equal(minhash.permutations(), reference)


def reference_words(text: str) -> list[str]:
    """The folding as first written: a generator testing each character of the NFKD form."""
    folded = text.casefold()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return minhash._WORD.findall(folded)


def reference_signature(text: str | None) -> np.ndarray | None:
    """datasketch's MinHash over the set of the text's 3-word shingles, as before the rewrite."""
    tokens = reference_words(text or "")
    if len(tokens) < MIN_WORDS:
        return None
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(s.encode("utf-8") for s in shingles)
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def _repeat(words_: str, n: int) -> str:
    """``n`` words cycled from ``words_``, with a number in each so that shingles differ."""
    pool = words_.split()
    return " ".join(f"{pool[i % len(pool)]}{'' if i % 3 else i}" for i in range(n))


SAMPLES = {
    "english": _repeat("The chip maker said on Tuesday that demand for its accelerators kept rising", 150),
    "french": _repeat("L’été dernier, la société française a levé des fonds auprès d’éditeurs côté Île", 150),
    "german": _repeat(
        "Die Straße in München führt zur Größe der Bürogebäude, schließlich Äpfel Öl Übermaß", 150
    ),
    "greek": _repeat("Η εταιρεία ανακοίνωσε σήμερα ότι η τεχνητή νοημοσύνη αλλάζει τα πάντα ΐ ΰ ά", 150),
    "emoji": _repeat("Launch day 🚀 the model 🤖 beats 👍🏽 benchmarks 🇫🇷 again ❤️ café", 150),
    "exactly 80 words": _repeat("un deux trois quatre cinq six sept huit neuf dix", MIN_WORDS),
    "79 words": _repeat("un deux trois quatre cinq six sept huit neuf dix", MIN_WORDS - 1),
    "empty": "",
    "vietnamese": _repeat("Công ty công nghệ Việt Nam đã phát triển mô hình ngôn ngữ lớn", 120),
    "arabic with vowel marks": _repeat("أَعْلَنَتِ الشَّرِكَةُ عَنْ نَمُوذَجٍ جَدِيدٍ لِلذَّكَاءِ الاصْطِنَاعِيِّ", 120),
    "devanagari": _repeat("कंपनी ने आज नया कृत्रिम बुद्धिमत्ता मॉडल पेश किया", 120),
    "ligatures and full width": _repeat("ﬁnance ﬂow Ｎｖｉｄｉａ ＡＩ ½ ² İstanbul ǅ ﬀ", 120),
    "beyond the table (CJK extension B)": _repeat("公司 𠀀𠀁 发布 𪜀 新 模型 é", 120),
    "combining marks of the supplementary plane": _repeat("note\U0001d165\U0001d167 a\U0001e944 é x", 120),
    # A byte that did not decode, kept as a lone surrogate ("surrogateescape"): a separator, as before.
    "a lone surrogate": _repeat("café \udcff naïve x\udcffy résumé fiancée", 120),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_signature_equals_datasketch(name: str):
    text = SAMPLES[name]
    expected = reference_signature(text)
    got = signature(text)
    assert words(text) == reference_words(text)
    if expected is None:
        assert got is None
    else:
        assert got is not None and got.dtype == np.uint32
        assert got.tolist() == expected.tolist()
        assert minhash.signature_blob(text) == expected.astype("<u4").tobytes()


def test_none_and_short_texts_have_no_signature():
    assert signature(None) is None and minhash.signature_blob(None) is None
    assert signature("") is None
    assert signature(SAMPLES["79 words"]) is None
    assert signature(SAMPLES["exactly 80 words"]) is not None


def test_signatures_equal_datasketch_on_the_labelled_and_held_out_articles():
    texts = [
        json.loads(line)["text"]
        for f in sorted((DATA / "labelled").glob("*.jsonl")) + sorted((DATA / "heldout").glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    rng = random.Random(3)
    # The articles, and random runs of words of two articles glued (shorter and longer texts).
    texts += [" ".join(rng.choice(texts).split()[: rng.randint(60, 400)]) for _ in range(200)]
    assert len(texts) > 2_000
    for text in texts:
        expected = reference_signature(text)
        got = signature(text)
        assert (got is None) == (expected is None)
        if got is not None:
            assert got.tolist() == expected.tolist(), text[:80]


def test_every_combining_character_is_stripped_as_unicodedata_says():
    """The table holds exactly the characters ``unicodedata.combining()`` is true for."""
    keep = minhash._not_combining()
    assert [code for code in range(minhash._TABLE_SIZE) if not keep[code]] == [
        code for code in range(minhash._TABLE_SIZE) if unicodedata.combining(chr(code))
    ]
