"""Query strings -> filters: anything a client sends is either a filter or a ParameterError."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import ParameterError
from lagebild.store.browse import EventQuery
from lagebild.web import params as p

KEYS = st.sampled_from(p.EVENT_KEYS + p.PAGE_KEYS + ("by", "zoom", "q", "bogus"))
VALUES = st.one_of(st.text(max_size=40), st.sampled_from(["CHN", "2024-01-01", "1", "0", "CONSULT", "50,8,10",
                                                          "", "-1", "9" * 12, "javascript:x", "' OR 1=1"]))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_any_query_is_a_filter_or_a_parameter_error(query):
    try:
        p.check_known(query, p.EVENT_KEYS + p.PAGE_KEYS)
        q = p.event_query(query)
        page = p.paging(query)
        sort, desc = p.sorting(query)
    except ParameterError as e:
        assert "\n" not in str(e) and str(e)
        return
    assert isinstance(q, EventQuery)
    assert 1 <= page.size <= p.MAX_PAGE_SIZE and page.offset >= 0
    if q.base.actor:
        assert p.CODE.match(q.base.actor)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_round_trip(d):
    assert p.a_date({"since": d.isoformat()}, "since") == d


@pytest.mark.parametrize("query,expected", [
    ({}, EventQuery()),
    ({"actor": "chngov", "quad": "4"}, "CHNGOV"),
    ({"near": "31.5,34.47,25"}, (31.5, 34.47, 25.0)),
    ({"type": "consult"}, "CONSULT"),
])
def test_event_query_normalises(query, expected):
    q = p.event_query(query)
    if isinstance(expected, EventQuery):
        assert q == expected
    elif isinstance(expected, tuple):
        assert q.base.near == expected
    else:
        assert expected in (q.base.actor, q.base.type)


@pytest.mark.parametrize("raw,ok", [("1", True), ("yes", True), ("0", False), ("", False), ("maybe", None)])
def test_flags(raw, ok):
    if ok is None:
        with pytest.raises(ParameterError):
            p.flag({"desc": raw}, "desc")
    else:
        assert p.flag({"desc": raw}, "desc") is ok
