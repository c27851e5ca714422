"""Event locations in the store: written with the events, replaced on reprocessing, migrated
from older stores, and found by distance (`events --near`)."""
from __future__ import annotations

import pytest
from store_fakes import analyzed, event_record, party

from lagebild.errors import QueryError
from lagebild.store import open_store
from lagebild.store.schema import connect
from lagebild.store.writer import Writer


def loc(name, cc, lat, lon, gid=None, resolution=4):
    return {"extracted_place": name, "resolved_place": name, "geonameid": gid, "lat": lat, "lon": lon,
            "city": name if resolution == 4 else None, "district": None, "province": None, "country": None,
            "country_code": cc, "feature_class": "P", "feature_code": "PPL", "resolution": resolution,
            "adm1_code": None, "fips": None, "start": 0, "end": len(name)}


# (doc, location or None)
EVENTS = [
    ("g1", loc("Gaza", "PSE", 31.50, 34.47, 281133)),
    ("g2", loc("Khan Yunis", "PSE", 31.34, 34.31, 281102)),     # ~25 km from Gaza
    ("g3", loc("Tel Aviv", "ISR", 32.08, 34.78, 293397)),       # ~70 km
    ("g4", loc("Kharkiv", "UKR", 49.99, 36.23, 706483)),
    ("g5", None),
]


@pytest.fixture
def store(db):
    con = connect(db)
    w = Writer(con)
    batch = []
    for doc, where in EVENTS:
        ev = event_record(doc, ["ASSAULT"], party("ISR", "MIL"), party("PSE"), "2024-05-01", 4, -9.0, location=where)
        batch.append(analyzed(doc, f"a made-up article {doc} " * 3, [ev], published="2024-05-01"))
    w.commit(batch)
    con.close()
    with open_store(db, read_only=True) as st:
        yield st


def test_locations_round_trip(store):
    rows = store.sql("SELECT doc_id, place, country_code, geonameid, lat, lon, resolution FROM event_locations "
                     "ORDER BY doc_id").to_pylist()
    assert [r["doc_id"] for r in rows] == ["g1", "g2", "g3", "g4"]          # g5 has no location
    assert rows[0] == {"doc_id": "g1", "place": "Gaza", "country_code": "PSE", "geonameid": 281133,
                       "lat": 31.5, "lon": 34.47, "resolution": 4}
    recs = list(store.event_records())
    assert next(r for r in recs if r["doc_id"] == "g1")["location"]["resolved_place"] == "Gaza"


@pytest.mark.parametrize("radius, want", [(10, {"g1"}), (50, {"g1", "g2"}), (100, {"g1", "g2", "g3"})])
def test_near(store, radius, want):
    got = {r["doc_id"] for r in store.events(near=(31.50, 34.47, radius)).to_pylist()}
    assert got == want
    assert {r["doc_id"] for r in store.event_records(near=(31.50, 34.47, radius))} == want


def test_near_shows_the_place(store):
    row = store.events(near=(49.99, 36.23, 5)).to_pylist()[0]
    assert (row["place"], row["place_country"]) == ("Kharkiv", "UKR")


def test_radius_must_be_positive(store):
    with pytest.raises(QueryError):
        store.events(near=(0.0, 0.0, 0))


def test_reprocessing_replaces_locations(db):
    con = connect(db)
    w = Writer(con)
    ev = event_record("r1", ["PROTEST"], party("HUN"), party("HUN"), "2024-05-01", 4, -6.0,
                      location=loc("Budapest", "HUN", 47.5, 19.04))
    w.commit([analyzed("r1", "an article about a protest " * 3, [ev])])
    moved = dict(ev, location=loc("Miskolc", "HUN", 48.1, 20.78))
    w.replace([analyzed("r1", "an article about a protest " * 3, [moved])])
    assert con.execute("SELECT place FROM event_locations").fetchall() == [("Miskolc",)]
    con.close()


def test_migration_fills_locations_of_stored_events(db):
    """A store made before migration 004 gets its event_locations from the stored records."""
    from lagebild.store.schema import migrations
    con = connect(db)
    ev = event_record("m1", ["ASSAULT"], party("RUS"), party("UKR"), "2024-05-01", 4, -9.0,
                      location=loc("Kharkiv", "UKR", 49.99, 36.23, 706483))
    Writer(con).commit([analyzed("m1", "an older article " * 3, [ev])])
    # undo 004 and apply it again, as an older store would
    con.execute("DROP TABLE event_locations")
    con.execute("DELETE FROM schema_migrations WHERE version = 4")
    m4 = next(m for m in migrations() if m.version == 4)
    con.execute(m4.sql)
    assert con.execute("SELECT place, geonameid FROM event_locations").fetchall() == [("Kharkiv", 706483)]
    con.close()
