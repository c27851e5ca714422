"""The web views' queries (store/browse.py) on a hand-made store: facets, paging, timeline,
network, map cells, records; and the word index (store/search.py)."""
from __future__ import annotations

from datetime import date

import pytest
from store_fakes import analyzed, event_record, party

from lagebild.errors import QueryError
from lagebild.store import browse, open_store
from lagebild.store.browse import EventQuery
from lagebild.store.queries import EventFilter
from lagebild.store.schema import connect
from lagebild.store.search import SearchIndex, terms
from lagebild.store.writer import Writer

# (doc, source, published, type, actor, recipient, quad, goldstein, place (name, country, lat, lon) or None)
EVENTS = [
    ("b1", "Agency A", "2024-01-05", "CONSULT", "CHN", "RUS", 1, 1.0, ("Moskau", "RUS", 55.75, 37.62)),
    ("b2", "Agency B", "2024-01-20", "ACCUSE", "USA", "CHN", 3, -2.0, None),
    ("b3", "Agency B", "2024-02-11", "ASSAULT", "RUS", "UKR", 4, -10.0, ("Kiew", "UKR", 50.45, 30.52)),
    ("b4", "Agency A", "2024-03-02", "AID", "DEU", "UKR", 2, 7.0, ("Kiew", "UKR", 50.46, 30.50)),
    ("b5", "Agency C", "2024-03-30", "CONSULT", "RUS", "CHN", 1, 1.0, None),
]
TEXTS = {"b1": "Treffen in Moskau über Waffenruhe", "b2": "Vorwürfe aus Washington",
         "b3": "Angriff auf Kiew", "b4": "Hilfe für die Ukraine und Waffenlieferungen", "b5": "Gespräch in Peking"}


@pytest.fixture
def store(db):
    con = connect(db)
    batch = []
    for doc, src, day, typ, a, r, quad, g, place in EVENTS:
        ev = event_record(doc, [typ], party(a, "GOV"), party(r), day, quad, g, source=src)
        ev["goldstein"] = g
        if place:
            ev["location"] = {"resolved_place": place[0], "extracted_place": place[0], "country_code": place[1],
                              "lat": place[2], "lon": place[3], "resolution": 4, "geonameid": None}
        batch.append(analyzed(doc, TEXTS[doc] + " " + doc, [ev], published=day, source=src))
    Writer(con).commit(batch)
    con.close()
    with open_store(db, read_only=True) as st:
        yield st


@pytest.mark.parametrize("q,expected", [
    (EventQuery(), {"b1", "b2", "b3", "b4", "b5"}),
    (EventQuery(EventFilter(actor="RUS")), {"b3", "b5"}),
    (EventQuery(quad=1), {"b1", "b5"}),
    (EventQuery(country="UKR"), {"b3", "b4"}),
    (EventQuery(EventFilter(since=date(2024, 2, 1), until=date(2024, 3, 5))), {"b3", "b4"}),
    (EventQuery(EventFilter(source="agency b"), quad=4), {"b3"}),
])
def test_events_page_filters(store, q, expected):
    page = browse.events_page(store, q)
    assert {r["doc_id"] for r in page["rows"]} == expected and page["total"] == len(expected)
    assert browse.event_facets(store, q)["total"] == len(expected)


def test_sort_paging_and_a_bad_sort(store):
    rows = browse.events_page(store, EventQuery(), sort="goldstein", desc=True, limit=2)["rows"]
    assert [r["goldstein"] for r in rows] == [7.0, 1.0]
    second = browse.events_page(store, EventQuery(), sort="goldstein", desc=True, offset=2, limit=2)["rows"]
    assert not {r["doc_id"] for r in rows} & {r["doc_id"] for r in second}
    with pytest.raises(QueryError, match="cannot sort"):
        browse.events_page(store, EventQuery(), sort="data; DROP TABLE events")


def test_facets_count_each_column(store):
    f = browse.event_facets(store, EventQuery())["facets"]
    assert f["type"][0] == {"value": "CONSULT", "count": 2}
    assert {v["value"]: v["count"] for v in f["quad"]} == {1: 2, 3: 1, 4: 1, 2: 1}
    assert {v["value"] for v in f["source"]} == {"Agency A", "Agency B", "Agency C"}


@pytest.mark.parametrize("by,periods", [("month", 3), ("quarter", 1), ("year", 1), ("day", 5)])
def test_timeline_periods(store, by, periods):
    rows = browse.timeline(store, EventQuery(), by)
    assert len(rows) == periods and sum(r["events"] for r in rows) == 5
    assert all(r["end"] >= r["period"] for r in rows)


@pytest.mark.parametrize("start,by,end", [(date(2024, 2, 1), "month", date(2024, 2, 29)),
                                          (date(2024, 10, 1), "quarter", date(2024, 12, 31)),
                                          (date(2024, 1, 1), "year", date(2024, 12, 31)),
                                          (date(2024, 1, 1), "week", date(2024, 1, 7))])
def test_period_end(start, by, end):
    assert browse.period_end(start, by) == end


def test_network_and_dyad(store):
    net = browse.network(store, EventQuery())
    pairs = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert pairs[("CHN", "RUS")] == 1 and pairs[("RUS", "CHN")] == 1
    assert {n["id"] for n in net["nodes"]} == {"CHN", "RUS", "USA", "UKR", "DEU"}
    both = browse.dyad_events(store, "CHN", "RUS", EventQuery())
    assert both["total"] == 2 and {r["doc_id"] for r in both["rows"]} == {"b1", "b5"}


def test_map_cells_group_nearby_events(store):
    coarse = browse.map_cells(store, EventQuery(), zoom=0)      # 10° cells: Moskau and Kiew in one
    assert coarse["located"] == 3 and [c["events"] for c in coarse["cells"]] == [3]
    fine = browse.map_cells(store, EventQuery(), zoom=5)         # 0.1° cells: the two Kiew events in one
    kiew = [c for c in fine["cells"] if c["country"] == "UKR"]
    assert len(kiew) == 1 and kiew[0]["events"] == 2 and kiew[0]["place"] == "Kiew"
    assert browse.map_cells(store, EventQuery(EventFilter(actor="DEU")))["located"] == 1


def test_article_and_records(store):
    doc = browse.article(store, "b3")
    assert doc["title"] is None and [r["kind"] for r in doc["records"]] == ["event"]
    assert browse.article(store, "nope") is None
    page = browse.records_page(store, "event", limit=2)
    assert page["total"] == 5 and len(page["records"]) == 2 and page["next"] is not None
    rest = browse.records_page(store, "event", after=page["next"], limit=10)
    assert len(rest["records"]) == 3 and rest["next"] is None
    assert browse.records_page(store, "document", doc_id="b1")["records"][0]["doc_id"] == "b1"
    with pytest.raises(QueryError):
        browse.records_page(store, "secrets")


@pytest.mark.parametrize("words,expected", [
    (["moskau"], ["b1"]), (["MOSKAU"], ["b1"]), (["waffen"], ["b4", "b1"]),     # prefix: compounds
    (["waffen", "ukraine"], ["b4"]), (["kiew"], ["b3"]), (["nirgendwo"], []), ([], []),
    (["über"], ["b1"]), (["<script>"], []),
])
def test_search_index(store, tmp_path, words, expected):
    index = SearchIndex.open(store, tmp_path, quiet=True)
    found = index.search(store, words, 0, 10)
    assert [r["doc_id"] for r in found["rows"]] == expected and found["total"] == len(expected)


def test_search_index_is_cached_per_store_state(store, tmp_path):
    first = SearchIndex.open(store, tmp_path, quiet=True)
    assert SearchIndex.open(store, tmp_path, quiet=True).path == first.path
    assert len(list(tmp_path.glob("*.parquet"))) == 1


def test_terms_split_like_the_index():
    assert terms("Waffen-Ruhe, Öl & 12 Panzer") == ["waffen", "ruhe", "öl", "12", "panzer"]
