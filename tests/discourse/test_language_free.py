"""The discourse package names no word of any language: pronouns, determiners, description
heads and role nouns live in lang/<code>/discourse.yaml (and the agents, quotes and actors
data). Comments and docstrings may quote examples; string literals may not."""
from pathlib import Path

import pytest

from lagebild.lang import load_language
from literals import string_literals

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
CODE = sorted((SRC / "discourse").glob("*.py"))


def _words() -> set[str]:
    data = load_language("de")
    out: set[str] = set()
    for e in data.entries("discourse"):
        for k in ("forms", "words", "endings"):
            out |= {w.lower() for w in e.get(k) or ()}
        if e.get("ending"):
            out.add(e["ending"].lower())
    for e in data.entries("agents"):
        if e.get("label") == "PER":
            out |= {f.lower() for f in e["forms"]}
    return {w for w in out if w.isalpha() and len(w) >= 2}


_literals = string_literals


def test_the_word_list_is_not_empty():
    assert {"er", "sie", "beide", "land"} <= _words()


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_discourse_has_no_language_words(path):
    hits = sorted(_literals(path) & _words())
    assert not hits, f"{path.name} names {hits}; move them to lang/<code>/discourse.yaml"
