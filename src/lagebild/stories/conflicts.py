"""Where the articles of a story disagree: versions shown side by side.

- figures: two figures that count the same thing (the same unit, and the language data's
  words next to them say they count the same class: the dead, the injured ...; or stated in
  sentences the aligner matched) with different values, given by different articles;
- dates: one event fact whose articles date it differently;
- sources: one fact that articles attribute to different speakers.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from lagebild.stories.facts import Fact, Mention


@dataclass(frozen=True)
class FigureClasses:
    """What a figure counts, from the words next to it (`lang/<code>/stories.yaml`)."""
    stems: tuple[tuple[str, tuple[str, ...]], ...] = ()    # (class, stem words)

    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]]) -> "FigureClasses":
        return cls(tuple((e["count"], tuple(stem.split())) for e in entries for stem in e["stems"]))

    def of(self, words: tuple[str, ...], figure: tuple[int, int] = (0, 0)) -> str | None:
        """The class of the listed stem nearest to the figure (`words[figure[0]:figure[1]]`);
        None when no stem is there."""
        best: tuple[int, str] | None = None
        for i in range(len(words)):
            for count, stem in self.stems:
                if all(i + k < len(words) and (words[i + k].startswith(w) if k == len(stem) - 1
                                               else words[i + k] == w) for k, w in enumerate(stem)):
                    end = i + len(stem)
                    gap = max(figure[0] - end + 1, i - figure[1] + 1, 0)
                    if best is None or gap < best[0]:
                        best = (gap, count)
        return best[1] if best else None


def story_conflicts(facts: list[Fact], classes: FigureClasses | None = None) -> list[dict]:
    classes = classes or FigureClasses()
    return _figure_conflicts(facts, classes) + _date_conflicts(facts) + _source_conflicts(facts)


def _version(value: str, mentions: list[Mention]) -> dict:
    return {"value": value, "doc_ids": sorted({m.doc_id for m in mentions}),
            "texts": [m.text for m in mentions]}


def _same_count(a: Fact, b: Fact, counted: dict[int, str | None]) -> bool:
    if not a.key or not b.key or a.key[1] == b.key[1] or len(a.key) > 2 or len(b.key) > 2:
        return False      # the same value, or a small count ("one attacker")
    if a.key[0] and b.key[0] and a.key[0] != b.key[0]:
        return False      # different units ("mindestens 254" has none: its class decides)
    docs_a, docs_b = {m.doc_id for m in a.mentions}, {m.doc_id for m in b.mentions}
    if docs_a <= docs_b or docs_b <= docs_a:
        return False      # an article gives both figures: two counts (or an update), not two versions
    if a.sentence_fact is not None and a.sentence_fact == b.sentence_fact:
        return True
    return counted[id(a)] is not None and counted[id(a)] == counted[id(b)]


def _figure_conflicts(facts: list[Fact], classes: FigureClasses) -> list[dict]:
    figures = [f for f in facts if f.kind == "quantity"]
    counted = {id(f): next((c for m in f.mentions if (c := classes.of(m.context, m.figure_at))), None) for f in figures}
    parent = {id(f): id(f) for f in figures}

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in combinations(figures, 2):
        if _same_count(a, b, counted):
            parent[find(id(a))] = find(id(b))
    groups: dict[int, list[Fact]] = defaultdict(list)
    for f in figures:
        groups[find(id(f))].append(f)
    out = []
    for grp in groups.values():
        if len(grp) < 2:
            continue
        grp.sort(key=lambda f: f.key[1])
        what = sorted({counted[id(f)] or "figure" for f in grp})
        out.append({"kind": "figure", "label": f"{'/'.join(what)}: " + " / ".join(f.label for f in grp),
                    "versions": [_version(f.label, f.mentions) for f in grp]})
    return out


def _date_conflicts(facts: list[Fact]) -> list[dict]:
    return _differing(facts, "date", lambda f: f.kind == "event", lambda m: m.date)


def _source_conflicts(facts: list[Fact]) -> list[dict]:
    # a figure's source is its sentence's, compared there already
    return _differing(facts, "source", lambda f: f.kind != "quantity", lambda m: m.according_to)


def _differing(facts: list[Fact], kind: str, which: Callable[[Fact], bool],
               value: Callable[[Mention], str | None]) -> list[dict]:
    """Facts whose mentions give more than one value (a date, a source): one conflict each."""
    out = []
    for f in facts:
        if not which(f):
            continue
        by_value: dict[str, list[Mention]] = defaultdict(list)
        for m in f.mentions:
            if (v := value(m)):
                by_value[v].append(m)
        if len(by_value) > 1:
            out.append({"kind": kind, "label": f.label,
                        "versions": [_version(v, ms) for v, ms in sorted(by_value.items())]})
    return out
