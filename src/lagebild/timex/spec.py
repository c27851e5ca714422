"""The canonical, language-free structure a matched rule is turned into.

A rule's `value` template in the data file names fields of `Spec` and fills them with
literals or with references to what the pattern captured: `$month` (the canonical key of the
captured month word), `-$num` (negated), `$rel|0` (0 when nothing was captured). Capture
values are canonical keys from the data (`last`, `mon`, `3`, `1.5`), never surface words.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping

from lagebild.timex.calendar import DIRECTIONS, SEASON_MONTHS, WEEKDAYS

TYPES = ("date", "time", "duration", "set")
UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "half", "year", "decade", "century")
PARTS = ("early", "mid", "late")
DAYPARTS = {"morning": "MO", "midday": "MI", "afternoon": "AF", "evening": "EV", "night": "NI"}
# Relative words resolve to an offset where a number is wanted and to a direction otherwise.
REL_OFFSETS = {"last": -1, "this": 0, "next": 1}
ANCHORS = ("ref", "previous")


@dataclass(frozen=True, slots=True)
class Spec:
    type: str
    year: int | None = None
    year_shift: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    weekend: bool = False
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None
    shift_unit: str | None = None
    shift_n: float | None = None
    direction: str = "auto"
    daypart: str | None = None
    hour: int | None = None
    minute: int | None = None
    anchor: str = "ref"
    part: str | None = None
    unit: str | None = None
    n: float | None = None


SPEC_FIELDS = frozenset(f.name for f in fields(Spec)) - {"type"}
TEMPLATE_FIELDS = (SPEC_FIELDS - {"shift_unit", "shift_n"}) | {"shift", "monthday"}


class SpecError(ValueError):
    """A template produced a value outside its field's domain (the match gets no value)."""


def number(key: Any) -> float:
    if isinstance(key, bool):
        raise SpecError(f"not a number: {key!r}")
    if isinstance(key, (int, float)):
        return key
    s = str(key).strip()
    if s in REL_OFFSETS:
        return REL_OFFSETS[s]
    try:
        f = float(s.replace(",", "."))
    except ValueError:
        raise SpecError(f"not a number: {key!r}") from None
    return int(f) if f.is_integer() else f


def integer(key: Any) -> int:
    n = number(key)
    if not float(n).is_integer():
        raise SpecError(f"not a whole number: {key!r}")
    return int(n)


def one_of(choices: Any) -> Any:
    def convert(key: Any) -> str:
        s = str(key)
        if s not in choices:
            raise SpecError(f"{s!r} is not one of {sorted(choices)}")
        return s
    return convert


def ranged(lo: int, hi: int) -> Any:
    def convert(key: Any) -> int:
        n = integer(key)
        if not lo <= n <= hi:
            raise SpecError(f"{n} is outside {lo}..{hi}")
        return n
    return convert


CONVERT = {
    "year": integer, "year_shift": integer, "month": ranged(1, 12), "day": ranged(1, 31),
    "weekday": one_of(WEEKDAYS), "weekend": bool, "season": one_of(SEASON_MONTHS),
    "quarter": ranged(1, 4), "half": ranged(1, 2), "decade": integer,
    "shift_unit": one_of(UNITS), "shift_n": number, "direction": one_of(DIRECTIONS),
    "daypart": one_of(DAYPARTS), "hour": ranged(0, 24), "minute": ranged(0, 59),
    "anchor": one_of(ANCHORS), "part": one_of(PARTS), "unit": one_of(UNITS), "n": number,
}


def fill(template: Any, captures: Mapping[str, str | None]) -> Any:
    """Replace `$name`, `-$name` and `$name|default` references by captured canonical keys."""
    if not isinstance(template, str) or "$" not in template:
        return template
    ref, _, default = template.partition("|")
    negate = ref.startswith("-")
    got = captures.get(ref.lstrip("-$"))
    if got is None:
        return default or None
    return -number(got) if negate else got


def build_spec(type_: str, template: Mapping[str, Any], captures: Mapping[str, str | None]) -> Spec:
    """Spec for one match; raises SpecError when a captured key is out of its field's range."""
    values: dict[str, Any] = {}
    for key, raw in template.items():
        if key == "shift":
            values["shift_unit"] = fill(raw.get("unit"), captures)
            values["shift_n"] = fill(raw.get("n", 0), captures)
        elif key == "monthday":
            md = fill(raw, captures)
            if md is not None:
                values["month"], values["day"] = str(md).split("-", 1)
        else:
            values[key] = fill(raw, captures)
    kwargs = {k: CONVERT[k](v) for k, v in values.items() if v is not None}
    return Spec(type=type_, **kwargs)


def template_references(template: Mapping[str, Any]) -> set[str]:
    """Capture names a template refers to (checked against the pattern when compiling)."""
    out: set[str] = set()
    for raw in template.values():
        for v in (raw.values() if isinstance(raw, Mapping) else [raw]):
            if isinstance(v, str) and "$" in v:
                out.add(v.partition("|")[0].lstrip("-$"))
    return out
