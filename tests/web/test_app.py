"""Every view as HTML and JSON, security headers, 400s for bad parameters, the read-only rule."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from markupsafe import escape
from web.fixtures import HOSTILE_ID, XSS, fake_stories

PAGES = ["/", "/events", "/timeline", "/network", "/dyad?a=CHN&b=RUS", "/dyad", "/map", "/quotes",
         "/search?q=Putin", "/stories", "/article?id=a-moskau"]


def json_url(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return f"{base}.json" + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_every_view_renders_and_has_json(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    j = client.get(json_url(path))
    assert j.status_code == 200 and j.headers["content-type"] == "application/json"
    assert isinstance(j.json(), dict)
    # the same data by content negotiation
    assert client.get(path, headers={"Accept": "application/json"}).json() == j.json()


@pytest.mark.parametrize("path", PAGES + ["/static/app.js", "/api/openapi.json", "/nothing", "/events?bad=1"])
def test_security_headers_everywhere(client, path):
    h = client.get(path).headers
    csp = h["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert h["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES + ["/article?id=" + HOSTILE_ID.replace('"', "%22"), "/story?id=s1"])
def test_no_inline_script_or_style_and_hostile_text_escaped(client, monkeypatch, path):
    fake_stories(monkeypatch)
    from urllib.parse import quote
    if "id=x" in path:
        path = "/article?id=" + quote(HOSTILE_ID)
    html = client.get(path).text
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "") or "&lt;img" in html
    for bad in XSS.values():
        if "<" in bad:
            assert bad not in html
    assert 'href="javascript:' not in html.lower()


def test_hostile_article_shows_its_text_as_text(client):
    from urllib.parse import quote
    html = client.get("/article?id=" + quote(HOSTILE_ID)).text
    assert "&lt;script&gt;window.__pwned=&#39;script&#39;&lt;/script&gt;" in html
    assert 'class="url"' in html          # the javascript: URL is text, not a link


@pytest.mark.parametrize("path,needle", [
    ("/events?bogus=1", "unknown parameter 'bogus'"),
    ("/events?since=2024-13-01", "not a date"),
    ("/events?since=2024-05-01&until=2024-01-01", "after until"),
    ("/events?page=0", "out of range"),
    ("/events?size=100000", "out of range"),
    ("/events?sort=date;DROP TABLE events", "is not one of date"),
    ("/events?type=NOPE", "not a PLOVER event type"),
    ("/events?actor=' OR 1=1 --", "not an actor code"),
    ("/events?near=1,2", "LAT,LON,KM"),
    ("/events?quad=7", "out of range"),
    ("/timeline?by=decade", "not one of"),
    ("/map?zoom=99", "out of range"),
    ("/api/records?kind=secret", "not one of"),
    ("/article", "give the article's doc_id"),
    ("/search?q=" + "+w" * 9, "at most 8 words"),
    ("/events?source=" + "x" * 300, "longer than"),
    ("/export.xml", "unknown export format"),
    ("/export.csv?quad=1", "unknown parameter"),
])
def test_bad_parameters_are_400_with_a_clear_message(client, path, needle):
    r = client.get(path)
    assert r.status_code == 400, (path, r.status_code)
    assert str(escape(needle)) in r.text
    assert "Traceback" not in r.text
    j = client.get(path, headers={"Accept": "application/json"})
    assert j.status_code == 400 and needle in j.json()["error"]


@pytest.mark.parametrize("path", ["/article?id=nope", "/story?id=nope", "/nowhere", "/static/nothing.js"])
def test_missing_things_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
@pytest.mark.parametrize("path", ["/events", "/api/records", "/export.csv"])
def test_no_write_endpoints(client, method, path):
    r = getattr(client, method)(path)
    assert r.status_code == 405
    assert "read-only" in r.text


def test_the_store_is_opened_read_only(app):
    state = app.app.state.lagebild
    assert state.store.read_only
    with state.request_store() as st, pytest.raises(Exception, match="read-only"):
        st.sql("DELETE FROM events")


def test_filters_change_the_events(client):
    every = client.get("/events.json").json()
    chn = client.get("/events.json?actor=CHN").json()
    assert 0 < chn["total"] < every["total"]
    assert all(r["actor"].startswith("CHN") for r in chn["rows"])
    assert client.get("/events.json?type=ASSAULT&quad=4").json()["total"] >= 1
    assert client.get("/events.json?country=ISR&actor=DEU").json()["total"] == 0


def test_sorting_and_paging(client):
    rows = client.get("/events.json?sort=goldstein&desc=1").json()["rows"]
    g = [r["goldstein"] for r in rows if r["goldstein"] is not None]
    assert g == sorted(g, reverse=True)
    page1 = client.get("/events.json?size=2").json()
    page2 = client.get("/events.json?size=2&page=2").json()
    assert len(page1["rows"]) == 2 and page1["rows"] != page2["rows"]


def test_facets_count_the_filtered_set(client):
    facets = client.get("/events.json?source=Testblatt").json()["facets"]
    assert [v["value"] for v in facets["source"]] == ["Testblatt"]
    assert {v["value"] for v in facets["actor"]} >= {"DEU"}


def test_article_json_has_records_and_the_page_highlights_them(client):
    doc = client.get("/article.json?id=a-moskau").json()
    kinds = {r["kind"] for r in doc["records"]}
    assert {"event", "quote", "entity", "timex"} <= kinds
    html = client.get("/article?id=a-moskau").text
    for cls in ("hl-event", "hl-entity", "hl-quote", "hl-timex"):
        assert cls in html


def test_timeline_dyad_network_map(client):
    t = client.get("/timeline.json?by=month").json()
    assert [p["period"] for p in t["periods"]] == sorted(p["period"] for p in t["periods"])
    assert sum(p["events"] for p in t["periods"]) == t["events"]["total"]
    d = client.get("/dyad.json?a=CHN&b=RUS").json()
    assert d["events"]["total"] >= 1 and sum(p["events"] for p in d["periods"]) >= 1
    n = client.get("/network.json").json()
    assert n["edges"] and {e["source"] for e in n["edges"]} <= {x["id"] for x in n["nodes"]}
    m = client.get("/map.json").json()
    assert m["located"] >= 1 and all(-90 <= c["lat"] <= 90 for c in m["cells"])


def test_search_finds_every_word(client):
    r = client.get("/search.json?q=lawrow+moskau").json()
    assert [x["doc_id"] for x in r["rows"]] == ["a-moskau"]
    assert client.get("/search.json?q=lawrow+gaza").json()["total"] == 0


def test_quotes_by_speaker(client):
    r = client.get("/quotes.json?speaker=Lavrov").json()
    assert r["total"] >= 1 and r["speakers"]


def test_api_records_pages(client):
    first = client.get("/api/records?kind=entity&size=3").json()
    assert first["total"] > 3 and len(first["records"]) == 3
    assert all(r["kind"] == "entity" for r in first["records"])
    second = client.get(first["next_url"]).json()
    assert second["records"] and not {r["id"] for r in first["records"]} & {r["id"] for r in second["records"]}
    every, url = [], "/api/records?kind=entity&size=4"
    while url:
        page = client.get(url).json()
        every += page["records"]
        url = page["next_url"]
    assert len(every) == first["total"] == len({r["id"] for r in every})
    one = client.get("/api/records?kind=event&doc_id=a-gaza").json()
    assert one["records"] and {r["doc_id"] for r in one["records"]} == {"a-gaza"}


def test_openapi_lists_every_json_view(client):
    from lagebild.web.views import VIEWS
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for name in VIEWS:
        assert any(p.endswith(f"/{name}.json") or (name == "index" and p == "/index.json") for p in spec["paths"])
    assert "/api/records" in spec["paths"]


def test_stories_empty_state_and_with_stories(client, monkeypatch):
    assert client.get("/stories.json").json() == {"stories": []}
    assert 'id="no-stories"' in client.get("/stories").text
    fake_stories(monkeypatch)
    assert client.get("/stories.json").json()["stories"][0]["id"] == "s1"
    story = client.get("/story.json?id=s1").json()
    assert [c["state"] for c in story["matrix"][0]["cells"]] == ["reported", "omitted"]


@pytest.mark.parametrize("fmt", ["csv", "plover", "gdelt", "parquet"])
def test_exports_parse(client, fmt):
    r = client.get(f"/export.{fmt}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert rows and "event_type" in rows[0]
    elif fmt == "plover":
        assert r.text and all(json.loads(line)["event"] for line in r.text.splitlines())
    elif fmt == "gdelt":
        assert all(len(line.split("\t")) > 50 for line in r.text.splitlines())
    else:
        import pyarrow.parquet as pq
        z = zipfile.ZipFile(io.BytesIO(r.content))
        assert "events.parquet" in z.namelist()
        assert pq.read_table(io.BytesIO(z.read("events.parquet"))).num_rows > 0


def test_a_filtered_parquet_export_holds_the_matching_events_and_their_documents(client):
    import pyarrow.parquet as pq
    r = client.get("/export.parquet?actor=ISR")
    assert r.status_code == 200
    z = zipfile.ZipFile(io.BytesIO(r.content))
    events = pq.read_table(io.BytesIO(z.read("events.parquet")))
    docs = pq.read_table(io.BytesIO(z.read("documents.parquet")))
    assert events.num_rows > 0 and set(events.column("doc_id").to_pylist()) == set(docs.column("doc_id").to_pylist())
    everything = pq.read_table(io.BytesIO(zipfile.ZipFile(io.BytesIO(client.get("/export.parquet").content))
                                          .read("events.parquet")))
    assert events.num_rows < everything.num_rows


def test_export_follows_the_filters(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv?actor=ISR").text)))
    assert rows and all(r["actor"].startswith("ISR") for r in rows)


def test_query_time_limit_gives_400(web_db):
    from starlette.testclient import TestClient

    from lagebild.store import browse
    from lagebild.web.app import create_app
    slow = create_app(web_db, timeout=0.2, search_cache=web_db.parent / "search", quiet=True,
                      allowed_hosts=("testserver",))
    original = browse.overview

    def very_slow(store, timeout=None):
        store.sql("SELECT count(*) FROM range(10000000000) a", [], timeout=timeout)
        return original(store, timeout)
    with TestClient(slow) as c:
        browse.overview = very_slow
        try:
            r = c.get("/index.json")
        finally:
            browse.overview = original
    assert r.status_code == 400 and "stopped after" in r.json()["error"]


def test_a_bug_is_a_500_with_one_line(client, monkeypatch):
    from lagebild.store import browse
    monkeypatch.setattr(browse, "overview", lambda *a, **k: 1 / 0)
    r = client.get("/index.json")
    assert r.status_code == 500 and r.json()["error"].startswith("internal error (ZeroDivisionError)")
    assert "Traceback" not in r.text


def test_other_host_names_are_refused(client):
    """DNS rebinding: a page on another domain resolving to 127.0.0.1 sends its own Host name."""
    assert client.get("/events.json", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/events.json", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_export_links_only_for_filters_the_exporters_know(client):
    assert 'class="download"' in client.get("/events?actor=CHN").text
    page = client.get("/events?quad=1").text
    assert 'class="download"' not in page and "remove those filters to export" in page
