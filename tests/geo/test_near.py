"""`--near` and `--radius`: place names or points, distances in km or m."""
from __future__ import annotations

import pytest

from lagebild.errors import InputError
from lagebild.geo.locate import distance_km
from lagebild.geo.near import parse_radius, resolve_point


@pytest.mark.parametrize("text, km", [("50km", 50.0), ("50 km", 50.0), ("12.5KM", 12.5), ("800m", 0.8), ("30", 30.0)])
def test_radius(text, km):
    assert parse_radius(text) == km


@pytest.mark.parametrize("text", ["", "fifty", "5 miles", "-3km"])
def test_bad_radius(text):
    with pytest.raises(InputError):
        parse_radius(text)


@pytest.mark.parametrize("place, lat, lon", [("Gaza", 31.42, 34.36), ("Moskau", 55.75, 37.62), ("31.5, 34.45", 31.5, 34.45)])
def test_point(place, lat, lon):
    got = resolve_point(place, "de")
    assert got[0] == pytest.approx(lat, abs=0.01) and got[1] == pytest.approx(lon, abs=0.01)


def test_distance():
    # Berlin to Munich is about 504 km
    assert distance_km(52.52, 13.405, 48.137, 11.575) == pytest.approx(504, abs=5)
