"""What the templates draw, computed in Python: highlighted article segments, chart geometry,
safe links. Templates only place these values (autoescaped); nothing here builds HTML.
"""
from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode, urlsplit

from lagebild.store.browse import log_radius

# which record kinds are highlighted, in the order a click lists them (events first)
HIGHLIGHT_ORDER = ("event", "cue", "entity", "timex", "quantity", "quote")
QUAD_COLOURS = {"verbal_coop": "#6baed6", "material_coop": "#2171b5", "verbal_conflict": "#fc9272",
                "material_conflict": "#cb181d"}


def url_for_view(name: str, params: dict[str, Any] | None = None, suffix: str = "") -> str:
    """`/name?k=v` with empty values dropped (the query-string form of the filter state)."""
    path = "/" if name == "index" and not suffix else f"/{name}{suffix}"
    query = urlencode([(k, str(v)) for k, v in (params or {}).items() if v is not None and v != "" and v is not False])
    return f"{path}?{query}" if query else path


def safe_url(url: Any) -> str | None:
    """The URL if it may be a link (http or https with a host), else None: `javascript:`,
    `data:` and other schemes are shown as text, never as an href."""
    if not isinstance(url, str):
        return None
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def spans(record: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The (kind, start, end) spans of one record that the article highlights."""
    kind = record.get("kind")
    out = []
    if kind == "event":
        for m in record.get("mentions") or []:
            trig = m.get("trigger") or {}
            if isinstance(trig.get("start"), int) and isinstance(trig.get("end"), int):
                out.append(("event", trig["start"], trig["end"]))
    elif kind in ("entity", "timex", "quantity", "quote"):
        if isinstance(record.get("start"), int) and isinstance(record.get("end"), int):
            out.append((kind, record["start"], record["end"]))
        cue = record.get("cue") if kind == "quote" else None
        if isinstance(cue, dict) and isinstance(cue.get("start"), int) and isinstance(cue.get("end"), int):
            out.append(("cue", cue["start"], cue["end"]))
    return out


def segments(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every span boundary; each piece names the records covering it (indices
    into `records`) and their kinds, so the page can mark it and a click can list them."""
    marks: list[tuple[str, int, int, int]] = []
    for i, r in enumerate(records):
        for kind, start, end in spans(r):
            start, end = max(0, start), min(len(text), end)
            if start < end:
                marks.append((kind, start, end, i))
    cuts = sorted({0, len(text), *(m[1] for m in marks), *(m[2] for m in marks)})
    pieces = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[1] <= lo and hi <= m[2]]
        kinds = sorted({m[0] for m in covering}, key=HIGHLIGHT_ORDER.index)
        ids = sorted({m[3] for m in covering}, key=lambda i: (HIGHLIGHT_ORDER.index(_kind_of(records[i])), i))
        pieces.append({"text": text[lo:hi], "kinds": kinds, "records": ids})
    return pieces


def _kind_of(record: dict[str, Any]) -> str:
    kind = record.get("kind")
    return kind if kind in HIGHLIGHT_ORDER else "quote"


def bars(rows: list[dict[str, Any]], series: tuple[str, ...], width: int = 900, height: int = 200) -> dict[str, Any]:
    """Stacked bars, one per period, of the named count columns: SVG geometry in user units."""
    if not rows:
        return {"width": width, "height": height, "bars": [], "max": 0}
    top = max(sum(r.get(s) or 0 for s in series) for r in rows) or 1
    step = width / len(rows)
    out = []
    for i, row in enumerate(rows):
        y = height
        stack = []
        for s in series:
            h = (row.get(s) or 0) / top * height
            y -= h
            stack.append({"series": s, "y": round(y, 2), "height": round(h, 2), "count": row.get(s) or 0,
                          "colour": QUAD_COLOURS.get(s, "#888")})
        out.append({"x": round(i * step, 2), "width": round(max(step - 1, 1), 2), "stack": stack,
                    "start": str(row["period"]), "end": str(row.get("end") or row["period"]),
                    "total": sum(p["count"] for p in stack)})
    return {"width": width, "height": height, "bars": out, "max": top}


def goldstein_colour(g: float | None) -> str:
    """Red for conflict (-10), grey for neutral, blue for cooperation (+10)."""
    if g is None:
        return "#999999"
    t = max(-1.0, min(1.0, g / 10))
    grey = (153, 153, 153)
    end = (33, 113, 181) if t > 0 else (203, 24, 29)
    r, gg, b = (round(c0 + (c1 - c0) * abs(t)) for c0, c1 in zip(grey, end))
    return f"#{r:02x}{gg:02x}{b:02x}"


def circle_layout(net: dict[str, Any], size: int = 600) -> dict[str, Any]:
    """Nodes on a circle, heaviest first (a layout that needs no physics and never moves between
    reloads); edges coloured by mean Goldstein, wider with more events."""
    nodes = net["nodes"]
    c = size / 2
    radius = size / 2 - 50
    top = max((n["events"] for n in nodes), default=1)
    placed = {}
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        placed[n["id"]] = {**n, "x": round(c + radius * math.cos(a), 1), "y": round(c + radius * math.sin(a), 1),
                           "r": round(log_radius(n["events"], 5, 20, top), 1)}
    top_e = max((e["events"] for e in net["edges"]), default=1)
    edges = [{**e, "x1": placed[e["source"]]["x"], "y1": placed[e["source"]]["y"],
              "x2": placed[e["target"]]["x"], "y2": placed[e["target"]]["y"],
              "colour": goldstein_colour(e["goldstein"]),
              "width": round(1 + 7 * e["events"] / top_e, 1)} for e in net["edges"]]
    return {"size": size, "nodes": list(placed.values()), "edges": edges}
