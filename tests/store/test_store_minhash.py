from __future__ import annotations

import pytest

from lagebild.store.minhash import MinHasher, jaccard

BASE = ("The council met on Tuesday to discuss the new budget for schools and roads in the northern "
        "district, and members argued for two hours about the cost of repairs before voting.")


def words(n: int, offset: int = 0) -> str:
    return " ".join(f"w{i}" for i in range(offset, offset + n))


def true_jaccard(h: MinHasher, a: str, b: str) -> float:
    sa, sb = h.shingles(a), h.shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_signature_is_stable_across_instances():
    assert MinHasher().signature(BASE) == MinHasher().signature(BASE)
    assert len(MinHasher().signature(BASE)) == 128 * 4


def test_identical_texts_match_fully_and_case_and_spacing_do_not_matter():
    h = MinHasher()
    assert jaccard(h.signature(BASE), h.signature(BASE.upper().replace(" ", "  "))) == 1.0


def test_unrelated_texts_do_not_match():
    h = MinHasher()
    assert jaccard(h.signature(words(300)), h.signature(words(300, offset=1000))) < 0.05


@pytest.mark.parametrize("overlap", [0.3, 0.5, 0.8])
def test_estimate_is_close_to_true_jaccard(overlap):
    h = MinHasher()
    n = 400
    a = words(n)
    b = words(n, offset=int(n * (1 - overlap)))
    assert abs(jaccard(h.signature(a), h.signature(b)) - true_jaccard(h, a, b)) < 0.12


def test_light_edit_stays_similar_and_shares_a_bucket():
    h = MinHasher()
    text = words(250)
    edited = text.replace("w40 ", "x40 ").replace("w200 ", "x200 ") + " a correction was added"
    sa, sb = h.signature(text), h.signature(edited)
    assert true_jaccard(h, text, edited) > 0.85
    assert jaccard(sa, sb) > 0.7
    assert set(h.buckets(sa)) & set(h.buckets(sb))


@pytest.mark.parametrize("text", ["", "one", "two words", "!!! ???"])
def test_short_and_empty_texts_have_signatures(text):
    h = MinHasher()
    sig = h.signature(text)
    assert len(sig) == h.num_perm * 4
    assert len(h.buckets(sig)) == h.bands


def test_bands_must_divide_permutations():
    with pytest.raises(ValueError):
        MinHasher(num_perm=100, bands=32)
