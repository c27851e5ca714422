"""Which source reports what, and what each one leaves out.

Articles that report at least one common event (same PLOVER type, same actors either way
round for symmetric types, dates within a window) form a *story*. Within a story every event
is listed with the sources that report it and the sources that cover the story but omit it:
the Kremlin readout mentions Ukraine, the Chinese one does not.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.ontology import SYMMETRIC_TYPES, UNASSERTED_CONTEXTS



@dataclass
class StoryEvent:
    key: tuple
    label: str
    date: str | None
    reported_by: set[str] = field(default_factory=set)
    omitted_by: set[str] = field(default_factory=set)


@dataclass
class Story:
    documents: list[str]
    sources: list[str]
    events: list[StoryEvent]


def event_key(rec: dict[str, Any]) -> tuple:
    t = (rec.get("event") or ["?"])[0]
    a = tuple(sorted({x.get("code") for x in rec.get("actor") or [] if x.get("code")}))
    r = tuple(sorted({x.get("code") for x in rec.get("recipient") or [] if x.get("code")}))
    sides = tuple(sorted((a, r))) if t in SYMMETRIC_TYPES else (a, r)
    return (t, sides)


def _label(key: tuple) -> str:
    t, (a, r) = key
    return f"{t} {'+'.join(a) or '?'} → {'+'.join(r) or '?'}"


def _close(d1: str | None, d2: str | None, window: int) -> bool:
    if not d1 or not d2:
        return True
    n = min(len(d1), len(d2))
    if n < 10:
        return d1[:n] == d2[:n]
    try:
        return abs((date.fromisoformat(d1[:10]) - date.fromisoformat(d2[:10])).days) <= window
    except ValueError:
        return False


def compare_sources(events: Iterable[dict[str, Any]], window_days: int = 1) -> list[Story]:
    """Stories from event records (as `analyze --format jsonl` or the store give them)."""
    recs = [e for e in events if not UNASSERTED_CONTEXTS & set(e.get("context") or [])]
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    source_of: dict[str, str] = {}
    for e in recs:
        by_doc[e["doc_id"]].append(e)
        source_of[e["doc_id"]] = e.get("source") or e["doc_id"]
    docs = sorted(by_doc)
    parent = {d: d for d in docs}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    # link two documents when they report the same event
    index: dict[tuple, list[tuple[str, str | None]]] = defaultdict(list)
    for d in docs:
        for e in by_doc[d]:
            k = event_key(e)
            for other, odate in index[k]:
                if other != d and _close(odate, e.get("date"), window_days):
                    parent[find(d)] = find(other)
            index[k].append((d, e.get("date")))
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        groups[find(d)].append(d)
    stories = []
    for members in groups.values():
        if len(members) < 2:
            continue
        sources = sorted({source_of[d] for d in members})
        table: dict[tuple, StoryEvent] = {}
        for d in members:
            for e in by_doc[d]:
                k = (event_key(e), (e.get("date") or "")[:7])   # same month: same event
                se = table.setdefault(k, StoryEvent(k, _label(k[0]), e.get("date")))
                se.reported_by.add(source_of[d])
        for se in table.values():
            se.omitted_by = set(sources) - se.reported_by
        stories.append(Story(sorted(members), sources,
                             sorted(table.values(), key=lambda x: (-len(x.reported_by), x.label))))
    return stories
