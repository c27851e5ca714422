"""The one seam between the web views and story comparison.

`Store.stories()` lists the stories (`id`, `title`, `documents`); `Store.compare(story_id)`
returns the prediction contract of `score_compare.py`, `{"stories": [story]}`, each story with
`facts` (kind, type, label, mentions, omitted_by). A store without stories gives an empty list
and the views show so.
"""
from __future__ import annotations

from typing import Any

from lagebild.errors import InputError


def story_list(store) -> list[dict[str, Any]]:
    """Every story of the store (id, title, documents, facts), or [] when there are none."""
    return [_story(s) for s in (store.stories() or [])]


def story(store, story_id: str) -> dict[str, Any] | None:
    """One story with its comparison: which document reports which fact, and which leaves it out."""
    try:
        found = store.compare(story_id)
    except InputError:
        return None         # no such story: the view answers 404
    if found and "stories" in found:    # the contract wraps the story: {"stories": [story]}
        found = next(iter(found["stories"]), None)
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
