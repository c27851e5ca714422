"""Read what stories are made of from a store: articles with their names, and per document
the records (events, quotes, quantities) the fact aligner lines up."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from lagebild.stories.grouping import Article

# Entity labels that name someone or something specific. Not AGENT (a role noun: "Polizei",
# "Menschen") and not GPE: a country is a generic key that chains unrelated stories (a
# basketball match against Poland and drones over Poland), and its name is in the text anyway.
NAME_LABELS = ("PER", "ORG", "LOC", "MISC")


def load_articles(store, doc_ids: list[str] | None = None) -> list[Article]:
    where, params = ("WHERE doc_id IN (SELECT unnest(?))", [doc_ids]) if doc_ids is not None else ("", [])
    names: dict[str, list[str]] = defaultdict(list)
    for doc_id, name in store.rows(
            f"SELECT doc_id, lower(coalesce(identifier_text, text)) FROM entities {where} "
            f"{'AND' if where else 'WHERE'} label IN (SELECT unnest(?))", params + [list(NAME_LABELS)]):
        if name and name not in names[doc_id]:
            names[doc_id].append(name)
    out = []
    for doc_id, seq, published, title, text, url, source, lang in store.rows(
            f"SELECT doc_id, seq, published, title, text, url, source, lang FROM documents {where} ORDER BY seq",
            params):
        out.append(Article(doc_id, published, title or "", text, url, source, tuple(names[doc_id]), seq, lang))
    return out


def load_records(store, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Event, quote and quantity records of the documents, in document order."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc_id, data in store.rows(
            "SELECT doc_id, data FROM events WHERE doc_id IN (SELECT unnest(?)) "
            "UNION ALL SELECT doc_id, data FROM quotes WHERE doc_id IN (SELECT unnest(?)) "
            "UNION ALL SELECT doc_id, data FROM annotations WHERE kind = 'quantity' AND doc_id IN (SELECT unnest(?))",
            [doc_ids, doc_ids, doc_ids]):
        out[doc_id].append(json.loads(data) if isinstance(data, str) else data)
    return out
