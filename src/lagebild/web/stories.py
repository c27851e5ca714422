"""The one seam between the web views and story comparison.

`Store.stories()` and `Store.compare(story_id)` are built elsewhere (the stories issue); they
return the prediction contract of `score_compare.py`: per story `id`, `title`, `documents`
(doc_id, url, source, published) and `facts` (kind, type, label, mentions, omitted_by). Until a
store has them, or when it holds no stories, the views get an empty list and show so.
"""
from __future__ import annotations

from typing import Any


def story_list(store) -> list[dict[str, Any]]:
    """Every story of the store (id, title, documents, facts), or [] when there are none."""
    fn = getattr(store, "stories", None)
    if fn is None:
        return []
    return [_story(s) for s in (fn() or [])]


def story(store, story_id: str) -> dict[str, Any] | None:
    """One story with its comparison: which document reports which fact, and which leaves it out."""
    fn = getattr(store, "compare", None)
    if fn is None:
        return None
    found = fn(story_id)
    if not found:
        return None
    s = _story(found)
    s["matrix"] = coverage(s)
    return s


def _story(s: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(s.get("id", "")), "title": s.get("title") or "", "documents": list(s.get("documents") or []),
            "facts": list(s.get("facts") or [])}


def coverage(s: dict[str, Any]) -> list[dict[str, Any]]:
    """Per fact, per document of the story: 'reported' (with its evidence), 'omitted', or ''
    (neither: the comparison says nothing)."""
    rows = []
    for fact in s["facts"]:
        by_doc: dict[str, list[dict]] = {}
        for m in fact.get("mentions") or []:
            by_doc.setdefault(m.get("doc_id") or m.get("url") or "", []).append(m)
        omitted = set(fact.get("omitted_by") or [])
        cells = []
        for d in s["documents"]:
            keys = {d.get("doc_id"), d.get("url")} - {None}
            mentions = [m for k in keys for m in by_doc.get(k, [])]
            state = "reported" if mentions else ("omitted" if keys & omitted else "")
            cells.append({"doc_id": d.get("doc_id"), "state": state, "mentions": mentions})
        rows.append({"fact": fact, "cells": cells})
    return rows
