"""The views of `lagebild serve`: each is a function (store, query parameters) -> a dict that
is the page's JSON and its template's context. No view writes; every query goes through
`lagebild.store.browse` (bound parameters, a time limit). The parameters a view accepts are
listed in VIEWS and checked before it runs, so an unknown one is a 400, never ignored.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lagebild.errors import ParameterError
from lagebild.store import browse
from lagebild.store.queries import dyad_sql
from lagebild.web import params as p
from lagebild.web import render
from lagebild.web import stories as story_views

Params = Mapping[str, str]


@dataclass(frozen=True)
class Context:
    """What a view may use: the request's store (read-only cursor), the query time limit, the
    search index."""
    store: Any
    timeout: float
    search: Any = None


class NotFound(ParameterError):
    """The record a URL names does not exist (HTTP 404)."""


@dataclass(frozen=True)
class View:
    name: str
    title: str
    fn: Callable[[Context, Params], dict[str, Any]]
    params: tuple[str, ...]
    nav: bool = True
    json_only: bool = False      # an API endpoint with no page


def index(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    return {"overview": browse.overview(store, timeout)}


def events(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    eq, page = p.event_query(q), p.paging(q)
    sort, desc = p.sorting(q)
    found = browse.events_page(store, eq, sort, desc, page.offset, page.size, timeout, count=False)
    return {**found, **browse.event_facets(store, eq, timeout), "page": page.page, "size": page.size,
            "sort": sort, "desc": desc}


def timeline(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    eq, by = p.event_query(q), p.period(q)
    rows = browse.timeline(store, eq, by, timeout)
    return {"by": by, "periods": rows, "chart": render.bars(rows, tuple(browse.QUADS.values())),
            "events": browse.events_page(store, eq, "date", True, 0, 20, timeout)}


def network(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    net = browse.network(store, p.event_query(q), p.integer(q, "edges", 40, 1, 200), timeout)
    return {**net, "layout": render.circle_layout(net)}


def dyad(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    a, b, by = p.code(q, "a"), p.code(q, "b"), p.period(q)
    if not (a and b):
        return {"a": a, "b": b, "by": by, "periods": [], "chart": render.bars([], ()), "events": None}
    eq = p.event_query({k: v for k, v in q.items() if k in ("since", "until")})
    sql, params = dyad_sql(a, b, by, eq.base.since, eq.base.until)
    periods = store.sql(sql, params, timeout=timeout).to_pylist()
    for row in periods:
        row["end"] = browse.period_end(row["period"], by)
    page = p.paging(q)
    return {"a": a, "b": b, "by": by, "periods": periods,
            "chart": render.bars(periods, tuple(browse.QUADS.values())),
            "events": browse.dyad_events(store, a, b, eq, page.offset, page.size, timeout),
            "page": page.page, "size": page.size}


def map_view(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    return browse.map_cells(store, p.event_query(q), p.zoom(q), timeout=timeout)


def article(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    doc_id = p.text(q, "id")
    if not doc_id:
        raise ParameterError("id: give the article's doc_id (/article?id=...)")
    doc = browse.article(store, doc_id, timeout)
    if doc is None:
        raise NotFound(f"no article with id {doc_id!r} in this store")
    doc["segments"] = render.segments(doc["text"], doc["records"])
    doc["link"] = render.safe_url(doc.get("url"))
    return doc


def quotes(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    page = p.paging(q)
    found = browse.quotes_page(store, p.text(q, "speaker"), p.text(q, "source"), p.a_date(q, "since"),
                               p.a_date(q, "until"), page.offset, page.size, timeout)
    return {**found, "page": page.page, "size": page.size}


def search(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    page = p.paging(q, 20)
    words = p.words(q)
    found = ctx.search.search(store, words, page.offset, page.size, timeout)
    for row in found["rows"]:
        row["snippet"] = browse.snippet(row.pop("text"), found["words"][0])
    for row in found["rows"]:
        row["link"] = render.safe_url(row.get("url"))
    return {**found, "q": " ".join(words), "page": page.page, "size": page.size}


def stories(ctx: Context, q: Params) -> dict[str, Any]:
    store = ctx.store
    return {"stories": story_views.story_list(store)}


def story(ctx: Context, q: Params) -> dict[str, Any]:
    store = ctx.store
    story_id = p.text(q, "id")
    if not story_id:
        raise ParameterError("id: give the story's id (/story?id=...)")
    found = story_views.story(store, story_id)
    if found is None:
        raise NotFound(f"no story with id {story_id!r} in this store")
    return found


def records(ctx: Context, q: Params) -> dict[str, Any]:
    store, timeout = ctx.store, ctx.timeout
    size = p.integer(q, "size", 100, 1, p.MAX_PAGE_SIZE)
    kind = p.choice(q, "kind", browse.RECORD_KINDS, "event")
    after = p.integer(q, "after", -1, 0, 2**62) if p.text(q, "after") else None
    found = browse.records_page(store, kind, p.text(q, "doc_id"), after, size, timeout)
    cursor = {"kind": kind, "doc_id": p.text(q, "doc_id"), "size": size, "after": found["next"]}
    return {**found, "kind": kind, "size": size,
            "next_url": None if found["next"] is None else render.url_for_view("api/records", cursor)}


API_RECORDS = View("records", "Records", records, ("kind", "doc_id", "after", "size"), nav=False, json_only=True)
VIEWS = {v.name: v for v in [
    View("index", "Overview", index, (), nav=False),
    View("events", "Events", events, p.EVENT_KEYS + p.PAGE_KEYS),
    View("timeline", "Timeline", timeline, p.EVENT_KEYS + ("by",)),
    View("network", "Network", network, p.EVENT_KEYS + ("edges",)),
    View("dyad", "Dyad", dyad, ("a", "b", "by", "since", "until", "page", "size")),
    View("map", "Map", map_view, p.EVENT_KEYS + ("zoom",)),
    View("quotes", "Quotes", quotes, ("speaker", "source", "since", "until", "page", "size")),
    View("search", "Search", search, ("q", "page", "size")),
    View("stories", "Stories", stories, ()),
    View("story", "Story", story, ("id",), nav=False),
    View("article", "Article", article, ("id",), nav=False),
]}
