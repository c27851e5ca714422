"""Group articles into stories, incrementally, with stable story ids.

Articles arrive in publication order. Each one joins the story whose recent articles it is
most similar to, or opens a new story. Similarity has two parts, each a cosine of TF-IDF
vectors: the words of the title (counted twice: it names the story) and the lead, without the
words of names, and the named actors and places. Names help but never suffice: the word part
must pass a bar of its own, so two stories of the same actors ("Merz meets Macron about air
defence", "Merz accuses Macron over car tariffs") stay apart. Two more guards keep generic
overlap from chaining unrelated stories: a time window (an article is
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
    words: float = 0.10            # ... of which the word part alone must reach this
    mean: float = 0.10             # ... and mean similarity to the story's latest articles
    mean_over: int = 5             # how many of the latest articles
    lead_chars: int = 600          # characters of the text read as the lead
    title_weight: int = 2
    name_weight: float = 0.10      # the name part's weight: at most this much of the similarity


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
    seq: int = 0                      # ingest order (shown, never used to order)
    lang: str | None = None

    def bag(self, s: GroupingSettings) -> Counter:
        """Word terms (without the words of names) and name terms, in one bag."""
        c: Counter = Counter()
        for _ in range(s.title_weight):
            c.update(terms(self.title or ""))
        c.update(terms(self.text[:s.lead_chars]))
        name_words = {t for n in self.names for t in terms(n)}
        for t in name_words:
            c.pop(t, None)
        c.update(NAME_PREFIX + n for n in self.names)
        return c


@dataclass
class StoryGroup:
    id: str
    members: list[str] = field(default_factory=list)   # doc ids in arrival order


def story_id(first_doc_id: str) -> str:
    return "s" + hashlib.sha1(first_doc_id.encode("utf-8")).hexdigest()[:12]


def arrival_order(a: Article) -> tuple:
    # not the ingest order (seq): a Parquet dataset numbers its documents otherwise, and the
    # same documents must make the same stories wherever they are stored
    return (a.published or date.min, a.doc_id)


class Grouper:
    """Online grouping: `add` assigns one article; earlier assignments never change."""

    def __init__(self, idf: Idf, settings: GroupingSettings | None = None):
        self.idf = idf
        self.s = settings or GroupingSettings()
        self.vectors: dict[str, tuple[Vector, Vector]] = {}
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

    def _vector(self, a: Article) -> tuple[Vector, Vector]:
        bag = a.bag(self.s)
        words = Counter({t: n for t, n in bag.items() if not t.startswith(NAME_PREFIX)})
        names = Counter({t: n for t, n in bag.items() if t.startswith(NAME_PREFIX)})
        return tfidf(words, self.idf), tfidf(names, self.idf)

    def _similarity(self, v: tuple[Vector, Vector], other: str) -> float:
        """The word cosine plus the weighted name cosine; 0 when the words alone fall short."""
        w = cosine(v[0], self.vectors[other][0])
        if w < self.s.words:
            return 0.0
        return w + self.s.name_weight * cosine(v[1], self.vectors[other][1])

    def _keep(self, a: Article, sid: str, v: tuple[Vector, Vector] | None = None) -> None:
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

    def _best_story(self, day: date | None, v: tuple[Vector, Vector]) -> str | None:
        sims: dict[str, list[float]] = {}
        for d in self._in_window(day):
            sims.setdefault(self.story_of[d], []).append(self._similarity(v, d))
        best, best_score = None, 0.0
        for sid, xs in sims.items():
            top = max(xs)
            if top < self.s.link or top <= best_score:
                continue
            # the mean runs over the story's latest articles, in the window or not: a story
            # that has moved on from its first article still admits only what fits its recent
            # course, and one weak link cannot pull a second topic into a young story
            recent = self.stories[sid].members[-self.s.mean_over:]
            mean = sum(self._similarity(v, d) for d in recent) / len(recent)
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
