"""Turn a `Spec` into an ISO 8601 / TIMEX3 value, given the reference date and the tense.

Underspecified expressions ("on Saturday", "in October", "on 7 October") are resolved in the
direction the clause points to: past tense -> the latest one that has begun by the reference
date (inclusive: a Saturday article's "on Saturday" is that day), future -> the earliest not
yet over, present -> the nearest, unknown -> past (news report what happened).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lagebild.timex import calendar as cal
from lagebild.timex.spec import DAYPARTS, Spec

TENSE_DIRECTION = {"past": "past", "future": "future", "present": "nearest", "unknown": "past"}
# A weekday in a present-tense clause is nearly always a scheduled event ("on Friday the
# ministers meet"); a month in one is as often a report ("in October inflation is at ...").
PRESENT_WEEKDAY = "future"
DURATION_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE",
                  "century": "CE", "quarter": "Q", "hour": "TH", "minute": "TM", "second": "TS"}
# How a fractional amount is carried to the next smaller unit ("one and a half weeks" = 10.5 days).
SMALLER = {"century": ("year", 100), "decade": ("year", 10), "year": ("month", 12),
           "half": ("month", 6), "quarter": ("month", 3), "month": ("day", 30),
           "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}
SUBDAY = ("hour", "minute", "second")


@dataclass(frozen=True, slots=True)
class Context:
    ref: date | None = None          # publication date
    tense: str = "unknown"
    previous: date | None = None     # last day-precise date mentioned before (narrative anchor)


def resolve(spec: Spec, ctx: Context) -> str | None:
    """ISO value for `spec`, or None when it cannot be resolved (e.g. relative, no ref date)."""
    if spec.type == "duration":
        return duration_value(spec.unit, spec.n)
    if spec.type == "set":
        return set_value(spec)
    if spec.decade is not None:
        return decade_value(spec.decade, ctx.ref)
    try:
        period = date_period(spec, ctx)
    except OverflowError:       # a reference date at the very ends of the calendar
        return None
    if period is None:
        return None
    return period.label + time_suffix(spec, period)


def direction_of(spec: Spec, ctx: Context) -> str:
    if spec.direction != "auto":
        return spec.direction
    if ctx.tense == "present" and (spec.weekday is not None or spec.weekend):
        return PRESENT_WEEKDAY
    return TENSE_DIRECTION.get(ctx.tense, "past")


def date_period(spec: Spec, ctx: Context) -> cal.Period | None:
    ref = ctx.ref
    if spec.year is not None or (spec.year_shift is not None and ref is not None):
        year = expand_year(spec.year, ref) if spec.year is not None else ref.year + spec.year_shift
        return in_year(spec, year)
    if ref is None:
        return None
    if spec.shift_unit is not None:
        return shifted(spec, ctx.previous if spec.anchor == "previous" and ctx.previous else ref)
    direction = direction_of(spec, ctx)
    if spec.month is not None or spec.season or spec.quarter or spec.half:
        return yearless(spec, ref, direction)
    if spec.weekday is not None:
        if direction == "this":
            return cal.day_period(*_ymd(cal.weekday_in_week(ref, spec.weekday, 0)))
        return cal.pick(lambda k: _weekday(ref + timedelta(days=k), spec.weekday), ref, direction, range(-7, 8))
    if spec.weekend:
        return cal.pick(lambda k: cal.weekend_period(ref + timedelta(weeks=k)), ref, direction, range(-1, 2))
    if spec.daypart or spec.hour is not None or spec.anchor == "previous":
        day = ctx.previous if spec.anchor == "previous" and ctx.previous else ref
        return cal.day_period(*_ymd(day))
    return None


def in_year(spec: Spec, year: int) -> cal.Period | None:
    if spec.month is not None and spec.day is not None:
        # 31 February: no such day; the month is still right.
        return cal.day_period(year, spec.month, spec.day) or cal.month_period(year, spec.month)
    if spec.month is not None:
        return cal.month_period(year, spec.month)
    if spec.season:
        return cal.season_period(year, spec.season)
    if spec.quarter:
        return cal.quarter_period(year, spec.quarter)
    if spec.half:
        return cal.half_period(year, spec.half)
    return cal.year_period(year)


def yearless(spec: Spec, ref: date, direction: str) -> cal.Period | None:
    """Month, day of month, season, quarter or half without a year: pick the year."""
    years = range(ref.year - 4, ref.year + 5)    # wide enough to reach a 29 February

    def make(y: int) -> cal.Period | None:
        if not 1 <= y <= 9999:
            return None
        if spec.month is not None and spec.day is not None:
            return cal.day_period(y, spec.month, spec.day)
        return in_year(spec, y)

    chosen = cal.pick(make, ref, "nearest" if direction == "this" else direction, years)
    if chosen is None and spec.day is None:
        chosen = cal.pick(make, ref, "nearest", years)
    if chosen is None and spec.day is not None:
        return yearless(Spec(type=spec.type, month=spec.month), ref, direction)
    return chosen


def shifted(spec: Spec, ref: date) -> cal.Period | None:
    unit, n = spec.shift_unit, spec.shift_n or 0
    if not float(n).is_integer() and unit in SMALLER:
        unit, factor = SMALLER[unit]
        n *= factor
    n = round(n)
    if unit in ("half", "quarter"):
        unit, n = "month", n * (6 if unit == "half" else 3)
    d = cal.shift_date(ref, unit, n)
    if d is None or not 1 <= d.year <= 9999:
        return None
    if spec.weekday is not None and unit == "week":
        return cal.day_period(*_ymd(cal.weekday_in_week(ref, spec.weekday, n)))
    if spec.weekend and unit == "week":
        return cal.weekend_period(d)
    if unit in ("day",) + SUBDAY:
        return cal.day_period(*_ymd(d))
    if unit == "week":
        return cal.week_period(d)
    if unit == "month":
        return cal.month_period(d.year, d.month)
    if unit in ("decade", "century"):
        label = decade_value(d.year // 10 * 10, None) if unit == "decade" else f"{d.year // 100:02d}"
        return cal.Period(d, d, label)
    return cal.year_period(d.year)


def expand_year(year: int, ref: date | None) -> int:
    """Two-digit years: the century that puts the year at most 20 years after `ref`."""
    if year >= 100:
        return year
    if ref is None:
        return 2000 + year if year < 50 else 1900 + year
    y = ref.year // 100 * 100 + year
    return y - 100 if y > ref.year + 20 else y


def decade_value(decade: int, ref: date | None) -> str | None:
    if decade < 100:
        if ref is None:
            decade += 1900
        else:
            decade += ref.year // 100 * 100
            if decade > ref.year:
                decade -= 100
    return f"{decade // 10:03d}" if 0 <= decade <= 9999 else None


def time_suffix(spec: Spec, period: cal.Period) -> str:
    if period.start != period.end:
        return ""        # a time of day only refines a single day
    if spec.hour is not None:
        return f"T{spec.hour:02d}:{spec.minute or 0:02d}"
    if spec.daypart:
        return "T" + DAYPARTS[spec.daypart]
    return ""


def duration_value(unit: str | None, n: float | None) -> str | None:
    if unit is None or n is None or n <= 0:
        return None
    if not float(n).is_integer() and unit in SMALLER:
        unit, factor = SMALLER[unit]
        n = n * factor
    if unit == "half":
        unit, n = "month", n * 6
    code = DURATION_CODES.get(unit)
    if code is None:
        return None
    amount = str(int(n)) if float(n).is_integer() else f"{n:g}"
    return f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"


def set_value(spec: Spec) -> str | None:
    if spec.weekday is not None:
        base = f"XXXX-WXX-{cal.WEEKDAYS.index(spec.weekday) + 1}"
        return base + ("T" + DAYPARTS[spec.daypart] if spec.daypart else "")
    if spec.unit is not None:
        return duration_value(spec.unit, spec.n or 1)
    if spec.daypart:
        return "T" + DAYPARTS[spec.daypart]
    return None


def _weekday(d: date, weekday: str) -> cal.Period | None:
    return cal.day_period(*_ymd(d)) if cal.WEEKDAYS[d.weekday()] == weekday else None


def _ymd(d: date) -> tuple[int, int, int]:
    return d.year, d.month, d.day
