"""The shipped gazetteer (`geo/data/gazetteer.tsv.gz`, built by `python -m lagebild.geo.build`
from GeoNames data, CC BY 4.0), loaded with the standard library alone.

Loading keeps each place row as its raw line and parses it only when a lookup returns it:
the name index (about 140,000 names) is what a lookup needs, and parsing 70,000 rows up front
would double the load time and the memory for rows that an article never names.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lagebild.errors import DataError

_INDEX_LINE = re.compile(r"([^\t\n]*)\t([^\n]*)\n")
FEATURE_RESOLUTION = {"A": 2, "P": 4, "L": 2, "T": 2, "H": 2, "S": 5}   # PLOVER: 5 sub-city ... 1 country


# letters NFKD does not take apart
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
                       "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": ""})


def name_key(name: str) -> str:
    """The index key of a name: case and apostrophe variants fold together ("L′Aquila",
    "L'Aquila"), hyphen and space do too ("Addis-Abeba", "Addis Abeba"), and diacritics
    ("Ḩadīthah" is found as "Hadithah", "Doğubayazıt" as "Dogubayazit")."""
    s = unicodedata.normalize("NFC", name).casefold()
    for a in ("’", "′", "`", "´"):
        s = s.replace(a, "'")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(s.replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    fips: str
    name: str
    geonameid: int
    capital: str
    population: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country (feature A/PCLI), a first-level division, a city, a
    region or a sea."""
    id: int                     # GeoNames id; negative for lagebild's own regions
    name: str
    feature_class: str
    feature_code: str
    iso2: str
    admin1: str
    population: int
    lat: float | None
    lon: float | None

    @property
    def geonameid(self) -> int | None:
        return self.id if self.id > 0 else None

    @property
    def resolution(self) -> int:
        if self.feature_code.startswith("PCL"):
            return 1
        return FEATURE_RESOLUTION.get(self.feature_class, 2)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")


class Gazetteer:
    """Name → places. `lookup` returns every entry that bears a name (main or alternate)."""

    def __init__(self, countries: dict[str, Country], rows: bytes | memoryview, index: dict[str, str], states: dict[str, int]):
        self.countries = countries                                   # iso2 -> Country
        self._iso3 = {c.iso3: c for c in countries.values()}
        self._rows = rows                                            # the rows section, parsed on demand
        self._index = index                                          # name key -> "offset,offset"
        self._states = states                                        # "US.TX" -> offset of the state's row

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        try:
            if path is None:
                raw = resources.files("lagebild.geo").joinpath("data/gazetteer.tsv.gz").read_bytes()
            else:
                raw = Path(path).read_bytes()
            data = gzip.decompress(raw)
            del raw
            marker = data.index(b"\n## rows ") + 1
            eol = data.index(b"\n", marker)
            size = int(data[marker + 8:eol])
            head = data[:marker].decode("utf-8")
            tail = data[eol + 1 + size:].decode("utf-8")
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as e:
            raise DataError(f"the gazetteer cannot be read ({e}); rebuild it with `python -m lagebild.geo.build`") from None
        countries: dict[str, Country] = {}
        states: dict[str, int] = {}
        for line in head.splitlines():
            f = line.split("\t")
            if f[0] == "C":
                countries[f[1]] = Country(f[1], f[2], f[3], f[4], int(f[5]), f[6], int(f[7] or 0),
                                          float(f[8]) if f[8] else None, float(f[9]) if f[9] else None)
            elif f[0] == "S":
                states[f[1]] = int(f[2])
        # one dict of strings, filled line by line (no list of all lines: it would double the
        # peak memory); the offsets are split only for the names an article uses
        index = dict(m.groups() for m in _INDEX_LINE.finditer(tail))
        del tail
        # the rows stay in the decompressed buffer; a memoryview slices it without a copy
        rows = memoryview(data)[eol + 1:eol + 1 + size]
        return cls(countries, rows, index, states)

    # --- entries ---------------------------------------------------------------------------
    def country(self, code: str | None) -> Country | None:
        """By ISO2 or ISO3 code."""
        if not code:
            return None
        return self.countries.get(code) if len(code) == 2 else self._iso3.get(code)

    def country_place(self, c: Country) -> Place:
        return Place(c.geonameid, c.name, "A", "PCLI", c.iso2, "", c.population, c.lat, c.lon)

    def _at(self, off: int) -> Place:
        end = off
        while self._rows[end] != 10:      # the row's newline
            end += 1
        f = bytes(self._rows[off:end]).decode("utf-8").split("\t")
        return Place(int(f[0]), f[1], f[2], f[3], f[4], f[5], int(f[6] or 0),
                     float(f[7]) if f[7] else None, float(f[8]) if f[8] else None)

    def lookup(self, name: str) -> list[Place]:
        offsets = self._index.get(name_key(name))
        return [self._at(int(o)) for o in offsets.split(",")] if offsets else []

    def province(self, p: Place) -> Place | None:
        """The first-level division a place lies in, where the gazetteer names it (US states)."""
        off = self._states.get(f"{p.iso2}.{p.admin1}")
        if off is None or p.feature_class != "P":
            return None
        return self._at(off)

    @property
    def names(self) -> int:
        return len(self._index)
