"""A gazetteer entry as a PLOVER location object, and great-circle distances."""
from __future__ import annotations

import math

from lagebild.geo.gazetteer import Place
from lagebild.geo.resolve import Resolver
from lagebild.model import Location

EARTH_RADIUS_KM = 6371.0088


def location(resolver: Resolver, p: Place, extracted: str, start: int = -1, end: int = -1, sent: int = -1) -> Location:
    gaz = resolver.gaz
    country = gaz.country(p.iso2) if p.iso2 else None
    province = gaz.province(p)
    return Location(
        extracted_place=extracted, resolved_place=p.name, geonameid=p.geonameid,
        lat=p.lat, lon=p.lon, country_code=country.iso3 if country else None,
        country=country.name if country else None,
        city=p.name if p.feature_class == "P" else None,
        province=province.name if province else (p.name if p.feature_code == "ADM1" else None),
        feature_class=p.feature_class, feature_code=p.feature_code, resolution=p.resolution,
        adm1_code=(f"{country.fips}{p.admin1}" if country and country.fips and p.admin1 else None),
        fips=country.fips if country and country.fips else None,
        start=start, end=end, sent=sent)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
