"""GDELT 2.0 event-table rows (61 tab-separated columns, in codebook order) for event records.

What lagebild does not know stays empty, as in GDELT: ethnic/religion codes, the actors'
geography, tone. ActionGeo is the event's `location`, only where the text ties a place to the
event (never the dateline's or the article's country): type (1 country, 2 US state, 3 US city,
4 world city, 5 world state/region), full name ("City, Province, Country"), FIPS 10-4 country
code, ADM1 code (FIPS + first-level division), point, and the GeoNames id as feature id (the
FIPS code for a country, as GDELT does).
Actor codes are CAMEO-style (country or IGO code followed by the sector: CHNGOV). When a record
carries a cross-article `cluster` (added by the store's export), NumMentions/NumSources/
NumArticles come from it; a single article's event counts 1/1/1. QuadClass is the PLOVER quad
code (same 1-4 scale as CAMEO's QuadClass).
"""
from __future__ import annotations

import hashlib
from calendar import isleap
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from lagebild.formats.readers import parse_date

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in ACTOR_FIELDS) + tuple(f"Actor2{f}" for f in ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in GEO_FIELDS) + tuple(f"Actor2Geo_{f}" for f in GEO_FIELDS)
    + tuple(f"ActionGeo_{f}" for f in GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)


def _s(v: Any) -> str:
    """A cell: no tabs or newlines inside (they would break the row), '' for missing."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return " ".join(str(v).split())


def _first(parties: Any) -> dict[str, Any]:
    if not isinstance(parties, list) or not parties:
        return {}
    coded = [p for p in parties if isinstance(p, dict) and p.get("code")]
    first = coded[0] if coded else parties[0]
    return first if isinstance(first, dict) else {}


def _actor(p: dict[str, Any]) -> list[str]:
    code, sector = p.get("code") or "", p.get("sector") or ""
    country = code if len(code) == 3 and code.isalpha() else ""
    group = code if code and not country else ""
    name = p.get("identifier_text") or p.get("entity_text")
    return [_s(f"{code}{sector}" if code else ""), _s(name.upper() if name else None), _s(country),
            _s(group), "", "", "", _s(sector or None), "", ""]


def global_event_id(event: dict[str, Any]) -> str:
    """A stable integer id: from the cluster id or event id (hex), else a hash of the record."""
    cluster = event.get("cluster") if isinstance(event.get("cluster"), dict) else {}
    key = str(cluster.get("id") or event.get("id") or "")
    try:
        return str(int(key[:15], 16)) if key else _hash_id(event)
    except ValueError:
        return _hash_id(event)


def _hash_id(event: dict[str, Any]) -> str:
    raw = f"{event.get('doc_id')}|{event.get('text_info')}|{event.get('event')}"
    return str(int(hashlib.sha1(raw.encode("utf-8")).hexdigest()[:15], 16))


def _fraction(d: date) -> str:
    days = 366 if isleap(d.year) else 365
    return f"{d.year + (d.timetuple().tm_yday - 1) / days:.4f}"


def gdelt_row(event: dict[str, Any]) -> list[str]:
    d = parse_date(event.get("date")) or parse_date(event.get("published"))
    cluster = event.get("cluster") if isinstance(event.get("cluster"), dict) else {}
    cameo = str(event.get("cameo") or "")
    info = event.get("text_info") if isinstance(event.get("text_info"), dict) else {}
    published = parse_date(event.get("published")) or d
    row = [global_event_id(event),
           d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "", str(d.year) if d else "",
           _fraction(d) if d else ""]
    row += _actor(_first(event.get("actor"))) + _actor(_first(event.get("recipient")))
    row += ["1" if info.get("sequence") in (0, "0") else "0",   # in the lead sentence, as GDELT's IsRootEvent
            _s(cameo or None), _s(cameo[:3] or None), _s(cameo[:2] or None),
            _s(event.get("quad_code")), _s(event.get("goldstein")),
            str(cluster.get("num_mentions") or 1), str(cluster.get("num_sources") or 1),
            str(cluster.get("num_articles") or 1), ""]
    row += [""] * (2 * len(GEO_FIELDS)) + action_geo(event.get("location"))
    row += [published.strftime("%Y%m%d") + "000000" if published else "", _s(event.get("url"))]
    return row


def action_geo(loc: Any) -> list[str]:
    """The eight ActionGeo columns of an event's location object ("" each when it has none)."""
    if not isinstance(loc, dict) or loc.get("lat") is None:
        return [""] * len(GEO_FIELDS)
    fips = str(loc.get("fips") or "")
    us = fips == "US"
    resolution = loc.get("resolution")
    if resolution == 1:
        kind = 1
    elif loc.get("feature_class") == "P" or (isinstance(resolution, int) and resolution >= 4):
        kind = 3 if us else 4
    else:
        kind = 2 if us else 5
    parts = [loc.get("city"), loc.get("province") if loc.get("province") != loc.get("city") else None,
             loc.get("country")]
    if kind != 1 and not loc.get("city") and loc.get("resolved_place") not in parts:
        parts.insert(0, loc.get("resolved_place"))
    name = ", ".join(str(p) for p in parts if p)
    feature = fips if kind == 1 else (loc.get("geonameid") or "")
    return [str(kind), _s(name or None), _s(fips or None), _s(loc.get("adm1_code") or (fips or None)), "",
            _s(float(loc["lat"])), _s(float(loc["lon"])) if loc.get("lon") is not None else "", _s(feature or None)]


def gdelt_rows(events: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """One 61-column row (list of strings) per event record."""
    for ev in events:
        yield gdelt_row(ev)
