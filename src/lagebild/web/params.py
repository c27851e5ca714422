"""Request parameters -> typed filters, or a ParameterError (HTTP 400) naming what is wrong.

Every view reads its query string through these functions, so the same parameter means the
same thing (and fails with the same message) everywhere; unknown parameters are refused, so a
typo in a bookmarked URL is reported instead of silently ignored.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from lagebild.errors import ParameterError
from lagebild.store.browse import EVENT_SORTS, MAP_CELLS, EventQuery
from lagebild.store.queries import PERIODS, EventFilter

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_PAGE = 10_000          # deep OFFSETs cost a scan each; past this, narrow the filters
MAX_VALUE_CHARS = 200
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,14}$")     # CAMEO-style actor code: CHN, CHNGOV, EU, NATO
ISO3 = re.compile(r"^[A-Za-z]{3}$")
EVENT_KEYS = ("actor", "recipient", "type", "quad", "country", "context", "source", "since", "until", "near")
PAGE_KEYS = ("page", "size", "sort", "desc")


@dataclass(frozen=True)
class Paging:
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def check_known(params: Mapping[str, str], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise ParameterError(f"unknown parameter {unknown[0]!r}; this view takes {', '.join(allowed) or 'none'}")
    for key, value in params.items():
        if len(value) > MAX_VALUE_CHARS:
            raise ParameterError(f"{key}: longer than {MAX_VALUE_CHARS} characters")


def text(params: Mapping[str, str], key: str) -> str | None:
    value = params.get(key, "").strip()
    return value or None


def integer(params: Mapping[str, str], key: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(key, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise ParameterError(f"{key}: {raw!r} is not a whole number")
    value = int(raw)
    if not lo <= value <= hi:
        raise ParameterError(f"{key}: {value} is out of range ({lo}-{hi})")
    return value


def a_date(params: Mapping[str, str], key: str) -> date | None:
    raw = params.get(key, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ParameterError(f"{key}: {raw!r} is not a date in the form YYYY-MM-DD") from None


def flag(params: Mapping[str, str], key: str) -> bool:
    raw = params.get(key, "").strip().lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ParameterError(f"{key}: {raw!r} is not a yes/no value (1 or 0)")


def code(params: Mapping[str, str], key: str, pattern: re.Pattern = CODE) -> str | None:
    raw = text(params, key)
    if raw is None:
        return None
    if not pattern.match(raw):
        raise ParameterError(f"{key}: {raw!r} is not an actor code (letters and digits, such as CHN, CHNGOV or EU)")
    return raw.upper()


def choice(params: Mapping[str, str], key: str, options, default: str | None) -> str | None:
    raw = text(params, key)
    if raw is None:
        return default
    if raw not in options:
        raise ParameterError(f"{key}: {raw!r} is not one of {', '.join(options)}")
    return raw


def paging(params: Mapping[str, str], default_size: int = DEFAULT_PAGE_SIZE) -> Paging:
    return Paging(integer(params, "page", 1, 1, MAX_PAGE), integer(params, "size", default_size, 1, MAX_PAGE_SIZE))


def sorting(params: Mapping[str, str]) -> tuple[str, bool]:
    return choice(params, "sort", EVENT_SORTS, "date"), flag(params, "desc")


def period(params: Mapping[str, str], default: str = "month") -> str:
    return choice(params, "by", PERIODS, default)


def zoom(params: Mapping[str, str]) -> int:
    return integer(params, "zoom", 0, 0, max(MAP_CELLS))


def near(params: Mapping[str, str]) -> tuple[float, float, float] | None:
    """`near=LAT,LON,KM`: events located within KM of the point."""
    raw = text(params, "near")
    if raw is None:
        return None
    parts = raw.split(",")
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ParameterError(f"near: {raw!r} is not LAT,LON,KM (three numbers)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        raise ParameterError(f"near: {raw!r} is out of range (latitude ±90, longitude ±180, 0 < km ≤ 20000)")
    return lat, lon, km


def event_type(params: Mapping[str, str]) -> str | None:
    from lagebild.ontology import load_ontology
    raw = text(params, "type")
    if raw is None:
        return None
    types = load_ontology().types
    if raw.upper() not in types:
        raise ParameterError(f"type: {raw!r} is not a PLOVER event type; one of {', '.join(types)}")
    return raw.upper()


def event_query(params: Mapping[str, str]) -> EventQuery:
    """The event filters every events view shares (all optional)."""
    since, until = a_date(params, "since"), a_date(params, "until")
    if since and until and since > until:
        raise ParameterError(f"since ({since}) is after until ({until})")
    quad = params.get("quad", "").strip()
    return EventQuery(
        base=EventFilter(actor=code(params, "actor"), recipient=code(params, "recipient"), type=event_type(params),
                         since=since, until=until, source=text(params, "source"), near=near(params)),
        quad=integer(params, "quad", 0, 1, 4) if quad else None,
        country=code(params, "country", ISO3),
        context=text(params, "context"))


def words(params: Mapping[str, str], key: str = "q") -> list[str]:
    raw = text(params, key) or ""
    found = raw.split()
    if len(found) > 8:
        raise ParameterError(f"{key}: at most 8 words")
    return found
