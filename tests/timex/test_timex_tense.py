"""Clause tense from data-driven cues (toy cues: the code must not care about the language)."""
from __future__ import annotations

import pytest

from lagebild.timex.tense import TenseCue, Word, clause_ids, clause_tense, words_in

CUES = [
    TenseCue.from_entry({"tense": "past", "strength": 3, "forms": ["was"]}),
    TenseCue.from_entry({"tense": "future", "strength": 3, "forms": ["will"]}),
    TenseCue.from_entry({"tense": "future", "strength": 2, "forms": ["may"]}),
    TenseCue.from_entry({"tense": "past", "strength": 1, "pos": ["VPP"]}),
    TenseCue.from_entry({"tense": "past", "strength": 1, "pos": ["VFIN"], "stem_suffixes": ["ed"],
                         "lemma_endings": ["e"]}),
    TenseCue.from_entry({"tense": "present", "strength": 0, "pos": ["VFIN"]}),
]


def tense(text: str, target: str, tags: dict[str, tuple[str, str]] | None = None) -> str:
    words = words_in(text)
    if tags:
        words = [Word(w.text, w.start, w.end, *tags.get(w.text, ("", ""))) for w in words]
    a = text.index(target)
    return clause_tense(words, text, 0, (a, a + len(target)), CUES)


@pytest.mark.parametrize("text,target,expected", [
    ("it was on DAY", "DAY", "past"),
    ("it will be on DAY", "DAY", "future"),
    ("nothing here on DAY", "DAY", "unknown"),
    ("it was said, that it will happen on DAY", "DAY", "future"),      # own clause first
    ("it will be said, that on DAY", "DAY", "future"),                 # no cue: nearest clause
    ("he says, on DAY, it was over", "DAY", "past"),                   # the following clause first
    ("it may be on DAY as it was", "DAY", "past"),                     # strength beats distance
    ("it was, as it will be on DAY", "DAY", "future"),
])
def test_surface_cues(text, target, expected):
    assert tense(text, target) == expected


def test_tags_and_stem_suffixes():
    tags = {"moved": ("move", "VFIN"), "moves": ("move", "VFIN"), "taken": ("take", "VPP")}
    assert tense("he moved on DAY", "DAY", tags) == "past"
    assert tense("he moves on DAY", "DAY", tags) == "present"
    assert tense("it moves, it was taken on DAY", "DAY", tags) == "past"


def test_clause_ids_split_on_punctuation_not_quotes():
    text = 'a "b" c, d; e (f) g'
    assert clause_ids(words_in(text), text, 0) == [0, 0, 0, 1, 2, 2, 2]


def test_no_words_or_cues():
    assert clause_tense([], "", 0, (0, 0), CUES) == "unknown"
    assert clause_tense(words_in("it was"), "it was", 0, (0, 2), []) == "unknown"
