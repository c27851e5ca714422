"""The geo package names no word of any language: prepositions, name endings, extra names and
the tags it reads are `geo` data (lang/<code>/geo.yaml)."""
from pathlib import Path

import pytest

from lagebild.lang import load_language
from literals import string_literals

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
CODE = [SRC / "components" / "places.py", *sorted((SRC / "geo").glob("*.py"))]


def _words() -> set[str]:
    out: set[str] = set()
    for e in load_language("de").entries("geo"):
        out |= {f.lower() for f in e.get("forms") or ()} | set(e.get("tags") or ())
        out |= {n.lower() for n in e.get("names") or ()}
    return {w for w in out if len(w) >= 2}


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_no_language_words(path):
    hits = sorted({s.lower() for s in string_literals(path)} & _words())
    assert not hits, f"{path.name} names {hits}; move them to lang/<code>/geo.yaml"
