"""The interface in a real browser (Debian's headless chromium via Playwright): no hostile
string ever runs, no console error appears, and the interactions work (filters, highlights,
the timeline brush, exports, the map, the network)."""
from __future__ import annotations

import csv
import json
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from web.fixtures import HOSTILE_ID, fake_stories

pytestmark = pytest.mark.slow

VIEWS = ["/", "/events", "/events?sort=goldstein&desc=1", "/timeline", "/network", "/dyad?a=CHN&b=RUS",
         "/map", "/quotes", "/search?q=Putin", "/search?q=pwned", "/stories", "/story?id=s1",
         "/article?id=a-moskau", "/article?id=" + quote(HOSTILE_ID), "/events?bogus=1", "/nowhere",
         "/api/openapi.json", "/events.json"]


def settle(page) -> None:
    """Wait until the page's own scripts have done their work (fetches, map drawing)."""
    page.wait_for_load_state("networkidle")
    if page.locator("#article-text").count():
        page.wait_for_selector("#article-text[data-ready='1']")
    if page.locator("#map").count():
        page.wait_for_selector("#map[data-ready='1']")


@pytest.mark.parametrize("path", VIEWS)
def test_hostile_input_never_runs(page, live_server, monkeypatch, path):
    fake_stories(monkeypatch)
    page.goto(live_server + path)
    settle(page)
    # hover and click everything clickable in the text: handlers in the data must stay inert
    for el in page.locator("#article-text .hl").all()[:30]:
        el.click()
    for el in page.locator("td, li, h1").all()[:60]:
        el.hover()
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
    problems = [p for p in page.problems if "404 (Not Found)" not in p or path != "/nowhere"]
    problems = [p for p in problems if "400 (Bad Request)" not in p or "bogus" not in path]
    assert problems == []


def test_filters_change_the_table(page, live_server):
    page.goto(live_server + "/events")
    before = page.locator("table.events tbody tr").count()
    page.fill("input[name=actor]", "ISR")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**actor=ISR**")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < before
    assert all(t.startswith("ISR") for t in rows.locator("td:nth-child(3)").all_inner_texts())
    # a facet link narrows further and keeps the filter state in the URL
    page.click("aside.facets a:text('ASSAULT')")
    query = parse_qs(urlsplit(page.url).query)
    assert query["actor"] == ["ISR"] and query["type"] == ["ASSAULT"]
    assert page.problems == []


def test_click_on_a_highlighted_event_opens_its_record(page, live_server):
    page.goto(live_server + "/article?id=a-moskau")
    settle(page)
    page.locator("#article-text .hl-event").first.click()
    record = page.locator("#record-panel .rec-event pre")
    data = json.loads(record.first.inner_text())
    assert data["kind"] == "event" and data["event"] == ["CONSULT"]
    assert page.locator(".hl.active").count() >= 1
    assert page.problems == []


def test_event_link_opens_the_article_at_its_record(page, live_server):
    page.goto(live_server + "/events?actor=CHN")
    page.locator("table.events tbody a").first.click()
    settle(page)
    assert page.locator("#record-panel .rec-event").count() == 1


def test_timeline_brush_refilters(page, live_server):
    page.goto(live_server + "/timeline?by=month")
    settle(page)
    total_before = int(page.inner_text("#total").split()[0].replace(",", ""))
    box = page.locator("svg.brushable").bounding_box()
    y = box["y"] + box["height"] / 3
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"][0] <= query["until"][0] and query["by"] == ["month"]
    settle(page)
    assert int(page.inner_text("#total").split()[0].replace(",", "")) < total_before
    assert page.problems == []


@pytest.mark.parametrize("fmt", ["csv", "plover", "gdelt", "parquet"])
def test_export_downloads_a_file_that_parses(page, live_server, tmp_path, fmt):
    page.goto(live_server + "/events?actor=CHN")
    link = {"csv": "CSV", "plover": "PLOVER JSONL", "gdelt": "GDELT TSV", "parquet": "Parquet"}[fmt]
    with page.expect_download() as dl:
        page.click(f"a.download:text('{link}')")
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert rows and all(r["actor"].startswith("CHN") for r in rows)
    elif fmt == "plover":
        assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif fmt == "gdelt":
        assert all("\t" in line for line in path.read_text(encoding="utf-8").splitlines())
    else:
        import zipfile
        assert "events.parquet" in zipfile.ZipFile(path).namelist()


def test_map_draws_clusters_with_popups(page, live_server):
    page.goto(live_server + "/map")
    settle(page)
    circles = page.locator("path.leaflet-interactive")
    assert circles.count() >= 1
    circles.first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    assert "events" in popup.inner_text()
    href = popup.locator("a").get_attribute("href")
    assert href.startswith("/events?") and "near=" in href
    assert page.problems == []


def test_network_edge_opens_the_dyad(page, live_server):
    page.goto(live_server + "/network")
    page.locator("svg.network line").first.dispatch_event("click")
    page.wait_for_url("**/dyad?**")
    assert page.locator("table.events tbody tr").count() >= 1
