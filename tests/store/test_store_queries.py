from __future__ import annotations

from datetime import date

import pytest
from store_fakes import analyzed, event_record, party

from lagebild.errors import QueryError
from lagebild.store import open_store
from lagebild.store.schema import connect
from lagebild.store.writer import Writer

# (doc, source, published, type, actor (code, sector), recipient, quad, scale)
EVENTS = [
    ("a1", "Agency A", "2024-01-05", "CONSULT", ("CHN", "GOV"), ("RUS", "GOV"), 1, 2.0),
    ("a2", "Agency B", "2024-01-06", "CONSULT", ("RUS", "GOV"), ("CHN", "GOV"), 1, 2.0),   # same meeting, other order
    ("a3", "Agency B", "2024-01-07", "CONSULT", ("CHN", "GOV"), ("RUS", None), 1, 2.0),    # chained: within a day of a2
    ("a4", "Agency A", "2024-01-20", "CONSULT", ("CHN", "GOV"), ("RUS", "GOV"), 1, 2.0),   # a later meeting
    ("a5", "Agency A", "2024-01-05", "ACCUSE", ("CHN", "GOV"), ("USA", None), 3, -4.0),
    ("a6", "Agency C", "2024-01-05", "ACCUSE", ("USA", None), ("CHN", "GOV"), 3, -4.0),    # not symmetric: own cluster
    ("a7", "Agency C", "2024-03-11", "ASSAULT", ("RUS", "MIL"), ("UKR", None), 4, -9.0),
    ("a8", "Agency A", "2024-03-12", "AID", ("CHN", None), ("RUS", None), 2, 5.0),
    ("a9", "Agency B", "2024-03-30", "THREATEN", ("RUS", "GOV"), ("CHN", None), 3, -6.0),
]


@pytest.fixture
def store(db):
    con = connect(db)
    w = Writer(con)
    batch = []
    for i, (doc, src, day, typ, (ac, asec), (rc, rsec), quad, scale) in enumerate(EVENTS):
        ev = event_record(doc, [typ], party(ac, asec), party(rc, rsec), day, quad, scale, source=src)
        quote = {"kind": "quote", "doc_id": doc, "text": f"statement {i}", "start": 0, "end": 11, "sentence": 0,
                 "form": "direct", "cue": {"text": "said", "start": 12, "end": 16},
                 "speaker": dict(party(ac, asec, text=f"Minister {doc}"), identifier_id=f"Q{i}",
                                 identifier_text=f"Minister Number {i}"), "addressee": None}
        batch.append(analyzed(doc, f"unique text of article {doc} " * 3, [ev, quote], published=day, source=src))
    w.commit(batch)
    con.close()
    with open_store(db, read_only=True) as st:
        yield st


def test_dyad_by_month_counts_both_directions_and_fills_empty_months(store):
    rows = store.dyad("CHN", "RUS", by="month").to_pylist()
    assert [r["period"] for r in rows] == [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
    jan, feb, mar = rows
    assert (jan["events"], jan["verbal_coop"], jan["cooperation"], jan["conflict"], jan["event_scale"]) == (4, 4, 4, 0, 8.0)
    assert feb["events"] == 0 and feb["event_scale"] == 0
    assert (mar["material_coop"], mar["verbal_conflict"], mar["event_scale"]) == (1, 1, -1.0)


def test_dyad_directed_and_sector_prefix(store):
    directed = store.dyad("CHN", "RUS", directed=True).to_pylist()
    assert sum(r["events"] for r in directed) == 4            # a1, a3, a4, a8
    gov = store.dyad("CHNGOV", "RUSGOV", directed=True).to_pylist()
    assert sum(r["events"] for r in gov) == 2                 # a1, a4


def test_dyad_by_week(store):
    weeks = store.dyad("CHN", "RUS", by="week", until=date(2024, 1, 31)).to_pylist()
    assert [r["period"] for r in weeks] == [date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15)]
    assert [r["events"] for r in weeks] == [3, 0, 1]


def test_unknown_period_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.dyad("CHN", "RUS", by="fortnight")


@pytest.mark.parametrize("kw, docs", [
    ({"actor": "CHN"}, ["a1", "a3", "a4", "a5", "a8"]),
    ({"actor": "CHNGOV", "type": "accuse"}, ["a5"]),
    ({"recipient": "CHN"}, ["a2", "a6", "a9"]),
    ({"type": "CONSULT", "since": date(2024, 1, 6), "until": date(2024, 1, 7)}, ["a2", "a3"]),
    ({"source": "Agency C"}, ["a6", "a7"]),
])
def test_event_filters(store, kw, docs):
    assert sorted(store.events(**kw).column("doc_id").to_pylist()) == docs
    assert sorted(r["doc_id"] for r in store.event_records(**kw)) == docs


def test_clusters_group_mentions_across_articles(store):
    clusters = {(tuple(c["event_types"]), c["first_date"]): c for c in store.clusters().to_pylist()}
    meeting = clusters[(("CONSULT",), date(2024, 1, 5))]
    # a1 + a2 (reversed roles, symmetric type) + a3 (recipient without sector: another party key) ...
    assert {m["doc_id"] for m in meeting["mentions"]} == {"a1", "a2"}
    assert (meeting["num_mentions"], meeting["num_articles"], meeting["num_sources"]) == (2, 2, 2)
    assert meeting["mentions"][0]["span_end"] == 10
    accusations = [c for c in store.clusters().to_pylist() if c["event_types"] == ["ACCUSE"]]
    assert len(accusations) == 2                              # CHN->USA and USA->CHN differ


def test_cluster_window_chains_mentions(store):
    wide = store.clusters(type="CONSULT", window_days=20).to_pylist()
    assert sorted(c["num_mentions"] for c in wide) == [1, 3]  # a1, a2, a4 chained; a3 has other parties
    assert store.clusters(min_articles=2).num_rows == 1


def test_quotes_by_speaker(store):
    assert store.quotes(speaker="minister a7").column("doc_id").to_pylist() == ["a7"]
    assert store.quotes(speaker="Q2").column("doc_id").to_pylist() == ["a3"]
    assert store.quotes(speaker="rusgov").column("doc_id").to_pylist() == ["a2", "a9"]
    assert [r["text"] for r in store.quote_records(speaker="number 0")] == ["statement 0"]


def test_sql_and_views(store):
    assert store.sql("SELECT count(*) AS n FROM entities").to_pylist() == [{"n": 0}]
    assert store.sql("SELECT count(*) AS n FROM events WHERE quad_code = ?", [3]).to_pylist() == [{"n": 3}]
    with pytest.raises(QueryError, match="syntax"):
        store.sql("SELEC 1")


@pytest.mark.parametrize("a, b, directed", [("CHN", "RUS", False), ("CHN", "RUS", True), ("RUS", "CHN", True),
                                            ("CHN", "USA", False), ("DEU", "FRA", False)])
@pytest.mark.parametrize("by", ["week", "month"])
def test_dyad_index_gives_the_same_as_the_events_table(store, a, b, directed, by):
    from lagebild.store.queries import dyad_sql
    fast = store.sql(*dyad_sql(a, b, by, directed=directed)).to_pylist()
    slow = store.sql(*dyad_sql(a, b, by, directed=directed, use_index=False)).to_pylist()
    assert fast == slow


def test_optimize_sorts_the_dyad_index_and_reprocessing_keeps_it_in_step(db):
    con = connect(db)
    w = Writer(con)
    w.commit([analyzed(f"d{i}", f"text number {i}", [event_record(
        f"d{i}", ["AID"], party(["USA", "CHN", "RUS"][i % 3]), party(["UKR", "RUS", "CHN"][i % 3]),
        f"2024-0{1 + i % 5}-01", 2, 5.0)]) for i in range(30)])
    from lagebild.store.writer import optimize
    assert optimize(con) is False            # a small tail is left alone
    assert optimize(con, force=True) is True
    keys = [r[0] for r in con.execute("SELECT pair_key FROM dyad_index").fetchall()]
    assert keys == sorted(keys) and len(keys) == 30
    w.replace([analyzed("d1", "text number 1", [])])          # d1's event is gone
    assert con.execute("SELECT count(*) FROM dyad_index").fetchall() == [(29,)]
    con.close()


@pytest.mark.parametrize("by, stray, expected", [
    ("month", "2022-01-15", [date(2022, 1, 1), date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]),
    ("month", "2023-06-15", [date(2023, 6, 1)] + [date(2023, m, 1) for m in range(7, 13)]
     + [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]),
])
def test_dyad_does_not_pad_a_long_gap_back_to_a_stray_event(db, by, stray, expected):
    con = connect(db)
    Writer(con).commit([analyzed(f"s{i}", f"text of article s{i} about the pair", [event_record(
        f"s{i}", ["CONSULT"], party("CHN"), party("RUS"), day, 1, 1.0)], published=day)
        for i, day in enumerate([stray, "2024-01-10", "2024-03-10"])])
    con.close()
    with open_store(db, read_only=True) as st:
        rows = st.dyad("CHN", "RUS", by=by).to_pylist()
    assert [r["period"] for r in rows] == expected


@pytest.mark.parametrize("given", ["2023", "2023-03", "2023-03-09"])
def test_events_show_the_date_as_precise_as_the_text_gave_it(db, given):
    con = connect(db)
    Writer(con).commit([analyzed("y", "a text with a vague date", [event_record(
        "y", ["CONSULT"], party("CHN"), party("RUS"), given, 1, 1.0)], published="2024-05-05")])
    con.close()
    with open_store(db, read_only=True) as st:
        assert [r["date"] for r in st.events().to_pylist()] == [given]
