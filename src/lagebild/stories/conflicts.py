"""Where the articles of a story disagree: versions shown side by side.

- figures: two facts that count the same thing (same unit, and either stated in sentences
  the aligner matched or counting the same word) with different values;
- dates: one event fact whose articles date it differently;
- sources: one fact that articles attribute to different speakers.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from lagebild.stories.facts import Fact, Mention
from lagebild.stories.text import terms


def story_conflicts(facts: list[Fact]) -> list[dict]:
    return _figure_conflicts(facts) + _date_conflicts(facts) + _source_conflicts(facts)


def _version(value: str, mentions: list[Mention]) -> dict:
    return {"value": value, "doc_ids": sorted({m.doc_id for m in mentions}),
            "texts": [m.text for m in mentions]}


def _counted(f: Fact) -> set[str]:
    return {t for m in f.mentions for t in terms(m.counts or "")}


def _same_count(a: Fact, b: Fact) -> bool:
    if not a.key or not b.key or a.key[0] != b.key[0] or a.key[1] == b.key[1]:
        return False
    docs_a, docs_b = {m.doc_id for m in a.mentions}, {m.doc_id for m in b.mentions}
    if docs_a == docs_b:
        return False      # every article gives both figures: two counts, not two versions of one
    aligned = a.sentence_fact is not None and a.sentence_fact == b.sentence_fact
    return aligned or bool(_counted(a) & _counted(b))


def _figure_conflicts(facts: list[Fact]) -> list[dict]:
    figures = [f for f in facts if f.kind == "quantity"]
    parent = {id(f): id(f) for f in figures}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in combinations(figures, 2):
        if _same_count(a, b):
            parent[find(id(a))] = find(id(b))
    groups: dict[int, list[Fact]] = defaultdict(list)
    for f in figures:
        groups[find(id(f))].append(f)
    out = []
    for grp in groups.values():
        if len(grp) < 2:
            continue
        grp.sort(key=lambda f: f.key[1])
        out.append({"kind": "figure", "label": " / ".join(f.label for f in grp),
                    "versions": [_version(f.label, f.mentions) for f in grp]})
    return out


def _date_conflicts(facts: list[Fact]) -> list[dict]:
    out = []
    for f in facts:
        if f.kind != "event":
            continue
        by_date: dict[str, list[Mention]] = defaultdict(list)
        for m in f.mentions:
            if m.date:
                by_date[m.date].append(m)
        if len(by_date) > 1:
            out.append({"kind": "date", "label": f.label,
                        "versions": [_version(d, ms) for d, ms in sorted(by_date.items())]})
    return out


def _source_conflicts(facts: list[Fact]) -> list[dict]:
    out = []
    for f in facts:
        if f.kind == "quantity":
            continue   # a figure's source is its sentence's, already compared there
        by_source: dict[str, list[Mention]] = defaultdict(list)
        for m in f.mentions:
            if m.according_to:
                by_source[m.according_to].append(m)
        if len(by_source) > 1:
            out.append({"kind": "source", "label": f.label,
                        "versions": [_version(s, ms) for s, ms in sorted(by_source.items())]})
    return out
