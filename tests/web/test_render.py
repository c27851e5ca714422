"""What the templates draw: safe links, article segments, chart geometry."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.web import render


@pytest.mark.parametrize("url,link", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), (" javascript:alert(1)", None),
    ("java\tscript:alert(1)", None), ("java\nscript:alert(1)", None), ("data:text/html,<script>", None),
    ("vbscript:x", None), ("//evil.example/x", None), ("/relative", None), ("", None), (None, None),
    ("https://", None), ("http://[::1", None), (42, None),
])
def test_safe_url(url, link):
    assert render.safe_url(url) == link


SPAN = st.tuples(st.sampled_from(["entity", "timex", "quantity", "quote"]), st.integers(-5, 60), st.integers(-5, 80))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.lists(SPAN, max_size=8))
def test_segments_cover_the_text_exactly_once(text, spans):
    records = [{"kind": k, "start": a, "end": b} for k, a, b in spans]
    pieces = render.segments(text, records)
    assert "".join(p["text"] for p in pieces) == text
    for piece in pieces:
        assert all(0 <= i < len(records) for i in piece["records"])
        assert set(piece["kinds"]) <= set(render.HIGHLIGHT_ORDER)


def test_events_come_first_in_a_highlight():
    text = "Putin traf Xi."
    records = [{"kind": "entity", "start": 0, "end": 5},
               {"kind": "quote", "start": 0, "end": 14, "cue": {"start": 6, "end": 10}},
               {"kind": "event", "mentions": [{"trigger": {"start": 6, "end": 10}}]}]
    pieces = {p["text"]: p for p in render.segments(text, records)}
    assert pieces["traf"]["kinds"] == ["event", "cue", "quote"] and pieces["traf"]["records"][0] == 2
    assert pieces["Putin"]["kinds"] == ["entity", "quote"]


def test_bars_stack_to_the_total():
    rows = [{"period": "2024-01-01", "end": "2024-01-31", "a": 2, "b": 3}, {"period": "2024-02-01", "a": 0, "b": 1}]
    chart = render.bars(rows, ("a", "b"), width=100, height=50)
    assert chart["max"] == 5 and [b["total"] for b in chart["bars"]] == [5, 1]
    first = chart["bars"][0]["stack"]
    assert round(sum(s["height"] for s in first), 2) == 50 and first[-1]["y"] == 0


@pytest.mark.parametrize("g,colour", [(None, "#999999"), (0, "#999999"), (10, "#2171b5"), (-10, "#cb181d")])
def test_goldstein_colour(g, colour):
    assert render.goldstein_colour(g) == colour
