"""Stories as the comparison contract's dicts (the JSON `lagebild compare --format json`
prints, `Store.compare` returns and `schemas/compare.json` describes).

The contract is the one in the docstring of the shared scorer (`eval/score_compare.py`):
story id, title, documents, facts with kind, type, label, mentions and omitted_by. We add,
as optional keys the scorer ignores: per mention `according_to` (who the article attributes
it to), per fact `announced` (a planned or announced event), per story `conflicts`.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from lagebild.stories.facts import Fact
from lagebild.stories.grouping import Article, arrival_order
from lagebild.stories.text import Idf, cosine, terms, tfidf
from collections import Counter


def document_dict(a: Article) -> dict[str, Any]:
    return {"doc_id": a.doc_id, "url": a.url, "source": a.source,
            "published": a.published.isoformat() if isinstance(a.published, date) else a.published,
            "title": a.title}


def story_dict(sid: str, articles: list[Article], facts: list[Fact] | None = None,
               conflicts: list[dict] | None = None) -> dict[str, Any]:
    ordered = sorted(articles, key=arrival_order)
    out: dict[str, Any] = {"id": sid, "title": story_title(ordered),
                           "documents": [document_dict(a) for a in ordered]}
    if facts is not None:
        ref = {a.doc_id: a.url or a.doc_id for a in ordered}
        out["facts"] = [fact_dict(f, ref) for f in facts]
        out["conflicts"] = conflicts or []
    return out


def fact_dict(f: Fact, ref: dict[str, str]) -> dict[str, Any]:
    return {"kind": f.kind, "type": f.type, "label": f.label, "announced": f.announced,
            "mentions": [{"doc_id": m.doc_id, "url": ref.get(m.doc_id) if ref.get(m.doc_id) != m.doc_id else None,
                          "start": m.start, "end": m.end, "text": m.text, "according_to": m.according_to}
                         for m in f.mentions],
            "omitted_by": [ref.get(d, d) for d in f.omitted_by]}


def story_title(articles: list[Article]) -> str:
    """The headline most like the others: a title made from the story's content, not its
    outlets. A kicker alone ("Ukraine:") is no headline; it is the fallback."""
    heads = [a.title.strip() for a in articles if a.title and a.title.strip()]
    full = [h for h in heads if not h.endswith(":")] or heads
    if not full:
        return articles[0].text[:80] if articles else ""
    if len(full) == 1:
        return full[0]
    bags = [Counter(terms(h)) for h in full]
    idf = Idf(bags)
    vs = [tfidf(b, idf) for b in bags]
    best = max(range(len(full)), key=lambda i: (sum(cosine(vs[i], v) for v in vs), -i))
    return full[best]
