"""PLOVER JSON for event records (Open Event Data Alliance, PLOVER manual, "Data Fields").

The event record already uses PLOVER names; this maps it onto the PLOVER field set: `mode`
and `event_text` become lists, the citation goes into `cite_info`, a cross-article cluster
(when known) into `link`, and lagebild's extras (confidence, CAMEO code, Goldstein score,
who reported the event, provenance) stay as additional named fields, which PLOVER allows.
"""
from __future__ import annotations

from typing import Any

from lagebild import __version__

ENTITY_FIELDS = ("code", "sector", "entity_text", "identifier_id", "identifier_text", "start", "end")


def _entity(e: dict[str, Any] | None) -> dict[str, Any] | None:
    if not isinstance(e, dict):
        return None
    return {k: e.get(k) for k in ENTITY_FIELDS}


def _list(v: Any) -> list:
    if v is None:
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER event object (a dict ready for `json.dumps`) from a lagebild event record."""
    cluster = event.get("cluster") if isinstance(event.get("cluster"), dict) else None
    out: dict[str, Any] = {
        "id": event.get("id"),
        "date": event.get("date") or event.get("published"),
        "actor": [x for x in map(_entity, _list(event.get("actor"))) if x],
        "recipient": [x for x in map(_entity, _list(event.get("recipient"))) if x],
        "event": _list(event.get("event")),
        "event_text": _list(event.get("event_text")),
        "quad_code": event.get("quad_code"),
        "event_scale": event.get("event_scale"),
        "mode": _list(event.get("mode")),
        "context": _list(event.get("context")),
        "text_info": dict(event["text_info"]) if isinstance(event.get("text_info"), dict) else None,
        # the manual's field for the location object (table "Location object"); null: the
        # text ties no place to the event
        "event_loc": dict(event["location"]) if isinstance(event.get("location"), dict) else None,
        "cite_info": {
            "corpus": event.get("source"), "citation": event.get("doc_id"),
            "url": event.get("url"), "title": event.get("title"), "language": event.get("lang"),
        },
        "coder": f"lagebild {__version__}",
    }
    if cluster and cluster.get("id"):
        out["link"] = cluster["id"]
        out["num_mentions"] = cluster.get("num_mentions")
        out["num_articles"] = cluster.get("num_articles")
        out["num_sources"] = cluster.get("num_sources")
    out.update({
        "cameo": event.get("cameo"), "goldstein": event.get("goldstein"),
        "confidence": event.get("confidence"), "reported_by": _entity(event.get("reported_by")),
        "doc_id": event.get("doc_id"), "published": event.get("published"),
    })
    return out
