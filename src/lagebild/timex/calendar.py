"""Calendar arithmetic for resolving time expressions: no language knowledge here.

Periods (a day, a month, a season ...) are handled uniformly as closed date intervals so
that one function (`pick`) can choose "the Saturday / the October / the 7 October" meant by
a clause from its direction (past, future, last, next, this, nearest).
"""
from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Months that represent a season (TIMEX3 codes). Winter Y is taken as Dec Y .. Feb Y+1.
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
DIRECTIONS = ("auto", "past", "future", "last", "next", "this", "nearest")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    label: str          # the ISO value this period is written as


def last_day(year: int, month: int) -> int:
    return _cal.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    i = year * 12 + (month - 1) + n
    return i // 12, i % 12 + 1


def month_period(year: int, month: int) -> Period | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    return Period(date(year, month, 1), date(year, month, last_day(year, month)), f"{year:04d}-{month:02d}")


def day_period(year: int, month: int, day: int) -> Period | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return Period(d, d, d.isoformat())


def year_period(year: int) -> Period | None:
    if not 1 <= year <= 9999:
        return None
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def months_span(year: int, first: int, last: int, label: str) -> Period | None:
    """Period from month `first` to month `last` (may run past December) of `year`."""
    y2, m2 = add_months(year, first, last - first)
    if not (1 <= year and y2 <= 9999):
        return None
    return Period(date(year, first, 1), date(y2, m2, last_day(y2, m2)), label)


def season_period(year: int, season: str) -> Period | None:
    first, last = SEASON_MONTHS[season]
    return months_span(year, first, last, f"{year:04d}-{season}")


def quarter_period(year: int, q: int) -> Period | None:
    if not 1 <= q <= 4:
        return None
    return months_span(year, 3 * q - 2, 3 * q, f"{year:04d}-Q{q}")


def half_period(year: int, h: int) -> Period | None:
    if not 1 <= h <= 2:
        return None
    return months_span(year, 6 * h - 5, 6 * h, f"{year:04d}-H{h}")


def week_label(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_period(d: date) -> Period:
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), week_label(d))


def weekend_period(d: date) -> Period:
    """The weekend (Saturday, Sunday) of the ISO week of `d`."""
    monday = d - timedelta(days=d.weekday())
    return Period(monday + timedelta(days=5), monday + timedelta(days=6), week_label(d) + "-WE")


def pick(make: Callable[[int], Period | None], ref: date, direction: str, keys: range) -> Period | None:
    """Choose among the periods `make(k)` for k in `keys` the one `direction` points to.

    past: the latest that has begun by `ref` (a Saturday article's "on Saturday" is that day);
    future: the earliest not yet over; last/next: strictly before/after `ref`; this: the one
    containing `ref` or else the nearest; nearest: the closest, a tie going to the past.
    """
    cands = [p for p in (make(k) for k in keys) if p is not None]
    if not cands:
        return None
    if direction == "past":
        return max((p for p in cands if p.start <= ref), key=lambda p: p.start, default=None)
    if direction == "future":
        return min((p for p in cands if p.end >= ref), key=lambda p: p.start, default=None)
    if direction == "last":
        return max((p for p in cands if p.end < ref), key=lambda p: p.start, default=None)
    if direction == "next":
        return min((p for p in cands if p.start > ref), key=lambda p: p.start, default=None)
    inside = [p for p in cands if p.start <= ref <= p.end]
    if inside:
        return inside[0]
    return min(cands, key=lambda p: (distance(p, ref), p.start > ref))


def distance(p: Period, ref: date) -> int:
    if ref < p.start:
        return (p.start - ref).days
    if ref > p.end:
        return (ref - p.end).days
    return 0


def weekday_in_week(ref: date, weekday: str, week_shift: int) -> date:
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=week_shift)
    return monday + timedelta(days=WEEKDAYS.index(weekday))


def shift_date(ref: date, unit: str, n: int) -> date | None:
    """`ref` moved by n units, clamping the day of month (31 March - 1 month = 28/29 Feb)."""
    try:
        if unit == "day":
            return ref + timedelta(days=n)
        if unit == "week":
            return ref + timedelta(weeks=n)
        if unit in ("hour", "minute", "second"):
            # The hour of the reference is unknown: count from its noon.
            noon = datetime.combine(ref, time(12))
            return (noon + timedelta(seconds=n * {"hour": 3600, "minute": 60, "second": 1}[unit])).date()
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
        if months is None:
            return ref
        y, m = add_months(ref.year, ref.month, n * months)
        return date(y, m, min(ref.day, last_day(y, m)))
    except (ValueError, OverflowError):
        return None
