"""Queries behind the web views (`lagebild serve`): pages, facets, timelines, networks, map
clusters (the search is `lagebild.store.search`).

Like `queries`, every function builds SQL whose values travel as bound parameters; the few
identifiers that are spliced in (a sort column, a period) come from the fixed tables below,
never from a request. The functions take a `Store` and return plain dicts and lists, so the web
layer only parses parameters and renders.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.errors import QueryError
from lagebild.store.queries import EVENT_COLUMNS, PERIODS, QUADS, EventFilter, event_where, party_condition
from lagebild.store.rows import pair_key

# what a user may sort the events table by -> the SQL expression (identifiers are never taken
# from a request: an unknown name is a 400 before any SQL is built)
EVENT_SORTS = {"date": "events.date", "goldstein": "goldstein", "event_scale": "event_scale",
               "actor": "actor", "recipient": "recipient", "type": "event_type", "source": "source",
               "confidence": "confidence"}
FACETS = {"type": "event_type", "quad": "quad_code", "actor": "actor_code", "recipient": "recipient_code",
          "source": "source"}
FACET_SIZE = 12
RECORD_KINDS = ("document", "event", "quote", "entity", "timex", "quantity")
# how finely the map groups events: degrees per cell by zoom band
MAP_CELLS = {0: 10.0, 1: 5.0, 2: 2.0, 3: 1.0, 4: 0.5, 5: 0.1}


@dataclass(frozen=True)
class EventQuery:
    """The filters of the events views: the CLI's EventFilter plus the web facets it lacks."""
    base: EventFilter = field(default_factory=EventFilter)
    quad: int | None = None              # PLOVER quad class 1-4
    country: str | None = None           # ISO alpha-3 of the event's location
    context: str | None = None           # one of the event's PLOVER contexts

    def where(self) -> tuple[str, list]:
        sql, params = event_where(self.base, "events")
        conds = [sql]
        if self.quad is not None:
            conds.append("events.quad_code = ?")
            params.append(self.quad)
        if self.context:
            conds.append("list_contains(events.context, ?)")
            params.append(self.context)
        if self.country:
            conds.append("EXISTS (SELECT 1 FROM event_locations l WHERE l.doc_id = events.doc_id "
                         "AND l.seq = events.seq AND l.country_code = ?)")
            params.append(self.country)
        return " AND ".join(conds), params


def _rows(store, sql: str, params: list, timeout: float | None) -> list[dict[str, Any]]:
    return store.sql(sql, params, timeout=timeout).to_pylist()


def events_page(store, q: EventQuery, sort: str = "date", desc: bool = False, offset: int = 0,
                limit: int = 50, timeout: float | None = None, count: bool = True) -> dict[str, Any]:
    """One page of the filtered events and (`count`) the size of the whole filtered set."""
    if sort not in EVENT_SORTS:
        raise QueryError(f"cannot sort by {sort!r}; one of {', '.join(EVENT_SORTS)}")
    where, params = q.where()
    order = f"{EVENT_SORTS[sort]} {'DESC' if desc else 'ASC'} NULLS LAST, doc_id, seq"
    rows = _rows(store, f"SELECT {EVENT_COLUMNS}, events.seq FROM events WHERE {where} "
                        f"ORDER BY {order} LIMIT ? OFFSET ?", params + [limit, offset], timeout)
    if not count:
        return {"rows": rows}
    total = _rows(store, f"SELECT count(*) AS n FROM events WHERE {where}", params, timeout)[0]["n"]
    return {"total": total, "rows": rows}


def event_facets(store, q: EventQuery, timeout: float | None = None) -> dict[str, Any]:
    """The most frequent values of each facet in the filtered set and the set's size, in one
    scan (grouping sets; the empty set is the total)."""
    where, params = q.where()
    cols = ", ".join(FACETS.values())
    sets = ", ".join(f"({c})" for c in FACETS.values())
    sql = (f"SELECT {cols}, count(*) AS n, grouping({cols}) AS g FROM events WHERE {where} "
           f"GROUP BY GROUPING SETS ({sets}, ())")
    width = len(FACETS)
    found: dict[str, list[dict]] = {name: [] for name in FACETS}
    total = 0
    for row in _rows(store, sql, params, timeout):
        if row["g"] == (1 << width) - 1:        # no column grouped: the total
            total = row["n"]
            continue
        # grouping() sets a bit for every column NOT grouped; the one clear bit names the facet
        for i, (name, col) in enumerate(FACETS.items()):
            if not row["g"] >> (width - 1 - i) & 1 and row[col] is not None:
                found[name].append({"value": row[col], "count": row["n"]})
    return {"total": total,
            "facets": {name: sorted(vals, key=lambda v: (-v["count"], str(v["value"])))[:FACET_SIZE]
                       for name, vals in found.items()}}


def timeline(store, q: EventQuery, by: str = "month", timeout: float | None = None) -> list[dict[str, Any]]:
    """Events per period by quad class for the filtered set (periods without events left out)."""
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}")
    where, params = q.where()
    quads = ", ".join(f"count(*) FILTER (WHERE quad_code = {code}) AS {name}" for code, name in QUADS.items())
    sql = (f"SELECT date_trunc('{by}', events.date)::DATE AS period, count(*) AS events, {quads} "
           f"FROM events WHERE events.date IS NOT NULL AND {where} GROUP BY 1 ORDER BY 1")
    rows = _rows(store, sql, params, timeout)
    for row in rows:
        row["end"] = period_end(row["period"], by)
    return rows


def period_end(start: date, by: str) -> date:
    """The last day of the period that begins on `start`."""
    from datetime import timedelta
    if by == "day":
        return start
    if by == "week":
        return start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[by]
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1) - timedelta(days=1)


def network(store, q: EventQuery, edges: int = 60, timeout: float | None = None) -> dict[str, Any]:
    """Actor network of the filtered set: the `edges` heaviest (actor, recipient) country pairs
    with their event counts and mean Goldstein; nodes are the codes they connect."""
    where, params = q.where()
    sql = (f"SELECT actor_code AS source, recipient_code AS target, count(*) AS events, "
           f"avg(goldstein) AS goldstein FROM events WHERE actor_code IS NOT NULL AND recipient_code IS NOT NULL "
           f"AND actor_code <> recipient_code AND {where} GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?")
    links = _rows(store, sql, params + [edges], timeout)
    weight: dict[str, int] = {}
    for e in links:
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["events"]
    nodes = [{"id": code, "events": n} for code, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": links}


def dyad_events(store, a: str, b: str, q: EventQuery, offset: int = 0, limit: int = 50,
                timeout: float | None = None) -> dict[str, Any]:
    """Events between two actors in either direction (CAMEO prefixes), newest first."""
    where, params = q.where()
    a, b = a.strip().upper(), b.strip().upper()
    if len(a) == 3 and len(b) == 3:
        # two country codes: one integer comparison (the pair key of migration 002), not four of strings
        cond, allp = f"pair_key = ? AND {where}", [pair_key(a, b)] + params
    else:
        ab, pab = _pair(a, b)
        ba, pba = _pair(b, a)
        cond, allp = f"(({ab}) OR ({ba})) AND {where}", pab + pba + params
    # one scan: a pair's events are few enough to count with a window instead of a second query
    rows = _rows(store, f"SELECT {EVENT_COLUMNS}, events.seq, count(*) OVER () AS _total FROM events WHERE {cond} "
                        f"ORDER BY events.date DESC NULLS LAST, doc_id, seq LIMIT ? OFFSET ?",
                 allp + [limit, offset], timeout)
    if rows or not offset:
        total = rows[0]["_total"] if rows else 0
    else:
        total = _rows(store, f"SELECT count(*) AS n FROM events WHERE {cond}", allp, timeout)[0]["n"]
    for row in rows:
        del row["_total"]
    return {"total": total, "rows": rows}


def _pair(a: str, b: str) -> tuple[str, list]:
    ca, pa_ = party_condition("events.actor", a)
    cb, pb = party_condition("events.recipient", b)
    return f"{ca} AND {cb}", pa_ + pb


def map_cells(store, q: EventQuery, zoom: int = 0, limit: int = 2000, timeout: float | None = None) -> dict[str, Any]:
    """Located events of the filtered set grouped into grid cells (server-side clustering, so a
    million events reach the browser as at most `limit` circles): centre, count, top place."""
    cell = MAP_CELLS[max(0, min(zoom, max(MAP_CELLS)))]
    where, params = q.where()
    # unfiltered, the locations table alone answers (no join with a million events)
    source = "event_locations l" if q == EventQuery() else "event_locations l JOIN events USING (doc_id, seq)"
    sql = f"""
        SELECT floor(l.lat / ?) AS gy, floor(l.lon / ?) AS gx, avg(l.lat) AS lat, avg(l.lon) AS lon,
               count(*) AS events, mode(l.place) AS place, mode(l.country_code) AS country
        FROM {source}
        WHERE l.lat IS NOT NULL AND l.lon IS NOT NULL AND {where}
        GROUP BY 1, 2 ORDER BY events DESC LIMIT ?"""
    cells = _rows(store, sql, [cell, cell] + params + [limit], timeout)
    for c in cells:
        del c["gx"], c["gy"]
    return {"cell_degrees": cell, "cells": cells, "located": sum(c["events"] for c in cells)}


def quotes_page(store, speaker: str | None = None, source: str | None = None, since: date | None = None,
                until: date | None = None, offset: int = 0, limit: int = 50,
                timeout: float | None = None) -> dict[str, Any]:
    from lagebild.store.queries import quotes_sql
    sql, params = quotes_sql(speaker, since, until, source)
    rows = _rows(store, sql + " LIMIT ? OFFSET ?", params + [limit, offset], timeout)
    total = _rows(store, f"SELECT count(*) AS n FROM ({sql})", params, timeout)[0]["n"]
    speakers = _rows(store, "SELECT coalesce(speaker_name, speaker) AS speaker, count(*) AS quotes FROM quotes "
                            "WHERE coalesce(speaker_name, speaker) IS NOT NULL GROUP BY 1 "
                            "ORDER BY 2 DESC, 1 LIMIT ?", [FACET_SIZE], timeout)
    return {"total": total, "rows": rows, "speakers": speakers}


def article(store, doc_id: str, timeout: float | None = None) -> dict[str, Any] | None:
    """One document with its text, all its records and its near-duplicates; None if absent."""
    docs = _rows(store, "SELECT doc_id, title, url, published, source, lang, chars, text, warnings "
                        "FROM documents WHERE doc_id = ?", [doc_id], timeout)
    if not docs:
        return None
    doc = docs[0]
    doc["records"] = [r for r in store.records(doc_id) if r.get("kind") != "document"]
    doc["near_duplicates"] = _rows(store, """
        SELECT o.doc_id, o.title, o.source, o.published, n.jaccard
        FROM near_duplicates n JOIN documents o ON o.doc_id = CASE WHEN n.doc_id = ? THEN n.near_doc_id ELSE n.doc_id END
        WHERE n.doc_id = ? OR n.near_doc_id = ? ORDER BY n.jaccard DESC, o.doc_id""", [doc_id] * 3, timeout)
    return doc


def snippet(text: str, word: str, width: int = 90) -> str:
    """The text around the first occurrence of `word` (plain text: the page highlights nothing)."""
    i = text.lower().find(word)
    if i < 0:
        return text[: 2 * width]
    lo, hi = max(0, i - width), min(len(text), i + len(word) + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def records_page(store, kind: str, doc_id: str | None = None, after: int | None = None, limit: int = 100,
                 timeout: float | None = None) -> dict[str, Any]:
    """Records of one kind (as `analyze` emits them) in storage order, a page at a time: `after`
    is the cursor the previous page returned (`next`). Keyset paging on the row id reads only
    the page (an OFFSET into a million events sorted by id took 0.3 s)."""
    if kind not in RECORD_KINDS:
        raise QueryError(f"kind must be one of {', '.join(RECORD_KINDS)}")
    table, cond, params = {
        "document": ("documents", "true", []),
        "event": ("events", "true", []),
        "quote": ("quotes", "true", []),
    }.get(kind, ("annotations", "kind = ?", [kind]))
    data = "record" if kind == "document" else "data"
    if doc_id:
        cond += " AND doc_id = ?"
        params = params + [doc_id]
    total = _rows(store, f"SELECT count(*) AS n FROM {table} WHERE {cond}", params, timeout)[0]["n"]
    rows = _rows(store, f"SELECT rowid AS rid, {data} AS data FROM {table} WHERE {cond} AND rowid > ? "
                        "ORDER BY rowid LIMIT ?", params + [-1 if after is None else after, limit], timeout)
    return {"total": total, "records": [json.loads(r["data"]) for r in rows if r["data"]],
            "next": rows[-1]["rid"] if len(rows) == limit else None}


def overview(store, timeout: float | None = None) -> dict[str, Any]:
    """What the store holds (the front page)."""
    counts = _rows(store, "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events, "
                          "(SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM event_locations) AS located, "
                          "(SELECT min(published) FROM documents) AS first_published, "
                          "(SELECT max(published) FROM documents) AS last_published", [], timeout)[0]
    return counts


def log_radius(count: int, smallest: float = 4.0, largest: float = 28.0, top: int = 1) -> float:
    """Circle radius for a count on a log scale (the map and the network share it)."""
    if count <= 0:
        return smallest
    return smallest + (largest - smallest) * math.log1p(count) / math.log1p(max(top, count))
