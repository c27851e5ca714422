"""Resolution of canonical structures to ISO values (no language involved)."""
from __future__ import annotations

from datetime import date

import pytest

from lagebild.timex import Context, Spec, build_spec, resolve
from lagebild.timex.calendar import Period, pick, shift_date
from lagebild.timex.spec import SpecError

SAT = date(2024, 2, 10)


def r(ref=SAT, tense="unknown", previous=None, **kw):
    kw.setdefault("type", "date")
    return resolve(Spec(**kw), Context(ref=ref, tense=tense, previous=previous))


@pytest.mark.parametrize("kw,tense,value", [
    ({"weekday": "sat"}, "past", "2024-02-10"),
    ({"weekday": "sat"}, "future", "2024-02-10"),
    ({"weekday": "sat", "direction": "last"}, "unknown", "2024-02-03"),
    ({"weekday": "sat", "direction": "next"}, "unknown", "2024-02-17"),
    ({"weekday": "wed"}, "unknown", "2024-02-07"),
    ({"weekday": "wed"}, "present", "2024-02-14"),
    ({"weekday": "wed", "direction": "this"}, "past", "2024-02-07"),
    ({"month": 10}, "past", "2023-10"),
    ({"month": 10}, "future", "2024-10"),
    ({"month": 2}, "past", "2024-02"),
    ({"month": 3}, "present", "2024-03"),
    ({"month": 12}, "present", "2023-12"),
    ({"month": 3, "direction": "last"}, "unknown", "2023-03"),
    ({"month": 2, "day": 29}, "past", "2020-02-29"),
    ({"month": 2, "day": 29}, "future", "2024-02-29"),
    ({"month": 2, "day": 30}, "past", "2024-02"),
    ({"month": 2, "day": 31, "year": 2023}, "past", "2023-02"),
    ({"season": "WI"}, "past", "2023-WI"),
    ({"season": "SU"}, "future", "2024-SU"),
    ({"quarter": 4}, "past", "2023-Q4"),
    ({"year": 24}, "past", "2024"),
    ({"year": 99}, "past", "1999"),
    ({"year_shift": -1, "month": 3}, "past", "2023-03"),
    ({"decade": 1990}, "past", "199"),
    ({"decade": 90}, "past", "199"),
    ({"decade": 20}, "past", "202"),
    ({"shift_unit": "day", "shift_n": -1}, "past", "2024-02-09"),
    ({"shift_unit": "week", "shift_n": -1}, "past", "2024-W05"),
    ({"shift_unit": "week", "shift_n": 1.5}, "past", "2024-02-20"),
    ({"shift_unit": "month", "shift_n": -2}, "past", "2023-12"),
    ({"shift_unit": "year", "shift_n": 1.5}, "past", "2025-08"),
    ({"shift_unit": "decade", "shift_n": -1}, "past", "201"),
    ({"shift_unit": "hour", "shift_n": -3}, "past", "2024-02-10"),
    ({"shift_unit": "week", "shift_n": 1, "weekday": "mon"}, "past", "2024-02-12"),
    ({"weekend": True}, "past", "2024-W06-WE"),
    ({"weekend": True, "direction": "last"}, "past", "2024-W05-WE"),
    ({"daypart": "evening"}, "past", "2024-02-10TEV"),
    ({"hour": 7, "minute": 5, "anchor": "previous"}, "past", "2024-02-10T07:05"),
])
def test_date_values(kw, tense, value):
    assert r(tense=tense, **kw) == value


def test_previous_day_anchors_parts_of_day_and_later():
    prev = date(2024, 1, 2)
    assert r(previous=prev, daypart="night", anchor="previous") == "2024-01-02TNI"
    assert r(previous=prev, shift_unit="day", shift_n=2, anchor="previous") == "2024-01-04"
    assert r(previous=prev, daypart="night") == "2024-02-10TNI"


def test_without_reference_only_absolute_values():
    assert r(ref=None, weekday="sat") is None
    assert r(ref=None, shift_unit="day", shift_n=-1) is None
    assert r(ref=None, month=3) is None
    assert r(ref=None, year=2020, month=3, day=1) == "2020-03-01"
    assert r(ref=None, decade=90) == "199"


@pytest.mark.parametrize("kw,value", [
    ({"unit": "year", "n": 3}, "P3Y"), ({"unit": "day", "n": 2}, "P2D"), ({"unit": "week", "n": 1}, "P1W"),
    ({"unit": "hour", "n": 48}, "PT48H"), ({"unit": "minute", "n": 5}, "PT5M"), ({"unit": "year", "n": 0.5}, "P6M"),
    ({"unit": "week", "n": 1.5}, "P10.5D"), ({"unit": "half", "n": 1}, "P6M"), ({"unit": "decade", "n": 2}, "P2DE"),
    ({"unit": "year", "n": 0}, None),
])
def test_durations(kw, value):
    assert r(type="duration", **kw) == value


@pytest.mark.parametrize("kw,value", [
    ({"weekday": "mon"}, "XXXX-WXX-1"), ({"weekday": "fri", "daypart": "evening"}, "XXXX-WXX-5TEV"),
    ({"unit": "year"}, "P1Y"), ({"unit": "year", "n": 2}, "P2Y"), ({"daypart": "night"}, "TNI"),
])
def test_sets(kw, value):
    assert r(type="set", **kw) == value


def test_extreme_dates_do_not_raise():
    for ref in (date(1, 1, 1), date(9999, 12, 31)):
        for kw in ({"weekday": "mon"}, {"month": 1}, {"shift_unit": "year", "shift_n": 5},
                   {"shift_unit": "day", "shift_n": -3}, {"season": "WI"}, {"weekend": True}):
            r(ref=ref, **kw)


def test_build_spec_fills_references():
    spec = build_spec("date", {"month": "$m", "shift": {"unit": "$u", "n": "-$n"}, "direction": "$rel|auto"},
                      {"m": "3", "u": "week", "n": "2", "rel": None})
    assert (spec.month, spec.shift_unit, spec.shift_n, spec.direction) == (3, "week", -2, "auto")
    assert build_spec("date", {"shift": {"unit": "year", "n": "$rel"}}, {"rel": "last"}).shift_n == -1
    with pytest.raises(SpecError):
        build_spec("date", {"weekday": "$w"}, {"w": "someday"})


def test_pick_directions():
    def day(k):
        d = date(2024, 2, 1 + k)
        return Period(d, d, d.isoformat())
    ref = date(2024, 2, 5)
    assert pick(day, ref, "past", range(0, 10)).label == "2024-02-05"
    assert pick(day, ref, "last", range(0, 10)).label == "2024-02-04"
    assert pick(day, ref, "next", range(0, 10)).label == "2024-02-06"
    assert pick(day, ref, "nearest", range(5, 10)).label == "2024-02-06"
    assert pick(lambda k: None, ref, "past", range(3)) is None


def test_shift_date_clamps_month_end():
    assert shift_date(date(2024, 3, 31), "month", -1) == date(2024, 2, 29)
    assert shift_date(date(9999, 12, 31), "day", 1) is None
