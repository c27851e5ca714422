"""Group articles into stories, incrementally, with stable story ids.

Articles arrive in publication order. Each one joins the story whose recent articles it is
most similar to, or opens a new story. Similarity is the cosine of TF-IDF vectors over the
title (counted twice: it names the story) and the lead, plus the named actors and places the
article mentions (as extra terms, so a name shared by half the corpus weighs nothing). Two
guards keep generic overlap from chaining unrelated stories: a time window (an article is
compared only with articles a few days older), and a second, lower bar against the story as a
whole (the mean over its latest articles), so one bridging article cannot pull in a neighbour
that resembles nothing else in the story.

A story's id is derived from its first article's id, so it never changes as articles join.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from lagebild.stories.text import Idf, Vector, cosine, terms, tfidf

NAME_PREFIX = "§"   # marks a name term, so that a name and an ordinary word never collide


@dataclass(frozen=True)
class GroupingSettings:
    window_days: int = 3           # an article joins only stories with an article at most this much older
    link: float = 0.16             # best similarity to one article of the story
    mean: float = 0.10             # ... and mean similarity to the story's latest articles
    mean_over: int = 5             # how many of the latest articles
    lead_chars: int = 600          # characters of the text read as the lead
    title_weight: int = 2
    name_weight: int = 1


@dataclass
class Article:
    """What grouping needs of a stored document."""
    doc_id: str
    published: date | None
    title: str = ""
    text: str = ""
    url: str | None = None
    source: str | None = None
    names: tuple[str, ...] = ()       # named actors and places, as resolved names or their text
    seq: int = 0                      # ingest order, the tie-breaker for equal dates
    lang: str | None = None

    def bag(self, s: GroupingSettings) -> Counter:
        c: Counter = Counter()
        for _ in range(s.title_weight):
            c.update(terms(self.title or ""))
        c.update(terms(self.text[:s.lead_chars]))
        for n in self.names:
            c[NAME_PREFIX + n] += s.name_weight
        return c


@dataclass
class StoryGroup:
    id: str
    members: list[str] = field(default_factory=list)   # doc ids in arrival order


def story_id(first_doc_id: str) -> str:
    return "s" + hashlib.sha1(first_doc_id.encode("utf-8")).hexdigest()[:12]


def arrival_order(a: Article) -> tuple:
    return (a.published or date.min, a.seq, a.doc_id)


class Grouper:
    """Online grouping: `add` assigns one article; earlier assignments never change."""

    def __init__(self, idf: Idf, settings: GroupingSettings | None = None):
        self.idf = idf
        self.s = settings or GroupingSettings()
        self.vectors: dict[str, Vector] = {}
        self.dates: dict[str, date | None] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, StoryGroup] = {}
        self.recent: list[str] = []      # doc ids in arrival order (dates ascending)

    def restore(self, article: Article, sid: str) -> None:
        """Take an assignment made earlier (a stored one) as it is."""
        self._keep(article, sid)

    def add(self, article: Article) -> str:
        v = self._vector(article)
        sid = self._best_story(article.published, v) or story_id(article.doc_id)
        self._keep(article, sid, v)
        return sid

    def _vector(self, a: Article) -> Vector:
        return tfidf(a.bag(self.s), self.idf)

    def _keep(self, a: Article, sid: str, v: Vector | None = None) -> None:
        self.vectors[a.doc_id] = v if v is not None else self._vector(a)
        self.dates[a.doc_id] = a.published
        self.story_of[a.doc_id] = sid
        self.stories.setdefault(sid, StoryGroup(sid)).members.append(a.doc_id)
        self.recent.append(a.doc_id)

    def _in_window(self, day: date | None) -> list[str]:
        if day is None:
            return []
        out = []
        for d in reversed(self.recent):
            other = self.dates[d]
            if other is None:
                continue
            gap = (day - other).days
            if gap > self.s.window_days:
                break     # recent is in date order: everything further back is older still
            if gap >= -self.s.window_days:
                out.append(d)
        return out

    def _best_story(self, day: date | None, v: Vector) -> str | None:
        sims: dict[str, list[float]] = {}
        for d in self._in_window(day):
            sims.setdefault(self.story_of[d], []).append(cosine(v, self.vectors[d]))
        best, best_score = None, 0.0
        for sid, xs in sims.items():
            top = max(xs)
            if top < self.s.link or top <= best_score:
                continue
            # the mean runs over the story's latest articles, in the window or not: a story
            # that has moved on from its first article still admits only what fits its recent
            # course, and one weak link cannot pull a second topic into a young story
            recent = self.stories[sid].members[-self.s.mean_over:]
            mean = sum(cosine(v, self.vectors[d]) for d in recent) / len(recent)
            if mean >= self.s.mean:
                best, best_score = sid, top
        return best


def group_articles(articles: list[Article], settings: GroupingSettings | None = None,
                   assigned: dict[str, str] | None = None, idf: Idf | None = None,
                   progress=None) -> Grouper:
    """Group articles in arrival order; `assigned` (doc id -> story id) are kept as they are."""
    s = settings or GroupingSettings()
    assigned = assigned or {}
    ordered = sorted(articles, key=arrival_order)
    idf = idf or Idf(a.bag(s) for a in ordered)
    g = Grouper(idf, s)
    for a in (progress(ordered) if progress else ordered):
        if a.doc_id in assigned:
            g.restore(a, assigned[a.doc_id])
        else:
            g.add(a)
    return g
