"""`events --near PLACE --radius 50km`: a place name or "lat,lon" as a point, and a radius."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.errors import InputError
from lagebild.geo.gazetteer import Gazetteer
from lagebild.geo.resolve import PlaceWords, Resolver

RADIUS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|m)?\s*$", re.I)
POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    radius_km: float
    label: str


def parse_radius(text: str) -> float:
    """ "50km", "50 km", "800m", "50" (km) -> kilometres."""
    m = RADIUS.match(text or "")
    if not m:
        raise InputError(f"--radius {text!r}: give a distance such as 50km or 800m")
    value = float(m.group(1))
    return value / 1000 if (m.group(2) or "km").lower() == "m" else value


def resolve_point(place: str, lang: str, gazetteer: Gazetteer | None = None) -> tuple[float, float, str]:
    """A place name (in the language's own forms or the gazetteer's) or "lat,lon" as a point."""
    m = POINT.match(place or "")
    if m:
        lat, lon = float(m.group(1)), float(m.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"--near {place!r}: latitude must be within ±90 and longitude within ±180")
        return lat, lon, place.strip()
    from lagebild.lang import load_language
    data = load_language(lang)
    resolver = Resolver(gazetteer or Gazetteer.load(), PlaceWords.build(data.entries("geo")), data.entries("actors"))
    p = resolver.resolve(place.strip())
    if p is None or p.lat is None or p.lon is None:
        raise InputError(f"--near {place!r}: no such place in the gazetteer (or the name is ambiguous); "
                         "give another name or 'lat,lon'")
    return p.lat, p.lon, p.name


def near(place: str, radius: str, lang: str = "de") -> Near:
    lat, lon, label = resolve_point(place, lang)
    return Near(lat, lon, parse_radius(radius), label)
