"""Pairing quotation marks on characters (lagebild.quotes.marks)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.quotes.lexicon import MarkPair
from lagebild.quotes.marks import find_marks

MARKS = {
    "„": MarkPair("„", frozenset({"“", "”", '"'})),
    "»": MarkPair("»", frozenset({"«"})),
    "“": MarkPair("“", frozenset({"”", "“"})),
    '"': MarkPair('"', frozenset({'"'})),
    "‚": MarkPair("‚", frozenset({"‘", "’"}), single=True),
    "'": MarkPair("'", frozenset({"'"}), single=True),
}


def contents(text: str) -> list[tuple[str, int]]:
    return [(text[m.start:m.end], m.depth) for m in find_marks(text, MARKS)]


@pytest.mark.parametrize("text,expected", [
    ("Er sagte „Ja“ und ging.", [("Ja", 0)]),
    ("»Nein«, sagte sie.", [("Nein", 0)]),
    ('"Vielleicht", hieß es.', [("Vielleicht", 0)]),
    ("“Yes”, she said.", [("Yes", 0)]),
    ("„Er rief ‚Halt‘ und lief“, sagte sie.", [("Er rief ‚Halt‘ und lief", 0), ("Halt", 1)]),
    ("„Erst. Dann. Zuletzt“, sagte er.", [("Erst. Dann. Zuletzt", 0)]),
    ("„Eins“, sagte er, „zwei“.", [("Eins", 0), ("zwei", 0)]),
    ("„Schlampig\", schrieb er.", [("Schlampig", 0)]),
])
def test_pairs(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize("text", [
    "Trump's Plan und Putins Antwort",      # apostrophes are no quotation marks
    "geht's noch?",
    "„Offen bis zum Absatzende\n\nNeuer Absatz“",   # never across a paragraph break
    "Ein einzelnes „ ohne Partner.",
    "„ “",
])
def test_no_pair(text):
    assert [c for c, _ in contents(text) if c.strip()] == []


def test_inner_mark_left_open_is_abandoned():
    # the inner ‚ is never closed: the outer pair still closes
    assert contents("„Er rief ‚Halt und lief“ weiter.") == [("Er rief ‚Halt und lief", 0)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("ab „“”\"»«‚‘’'\n.,"), max_size=60))
def test_spans_are_well_formed(text):
    for m in find_marks(text, MARKS):
        assert 0 <= m.open_at < m.close_at < len(text)
        assert text[m.open_at] in MARKS
        assert text[m.close_at] in MARKS[text[m.open_at]].closes
        assert "\n" not in text[m.open_at:m.close_at]
