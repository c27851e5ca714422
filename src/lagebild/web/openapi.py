"""The OpenAPI 3.1 description of the JSON API (`/api/openapi.json`), built from the views'
own parameter lists, so it cannot drift from what the server accepts."""
from __future__ import annotations

from typing import Any

from lagebild import __version__ as version

DESCRIPTIONS = {
    "actor": "Actor code, CAMEO-style prefix (CHN matches CHN, CHNGOV ...).",
    "recipient": "Recipient code, CAMEO-style prefix.",
    "type": "PLOVER event type (CONSULT, ASSAULT ...).",
    "quad": "PLOVER quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
    "country": "ISO alpha-3 code of the event's location.",
    "context": "PLOVER context of the event.",
    "source": "Outlet name or part of it, any case.",
    "since": "First date, YYYY-MM-DD.", "until": "Last date, YYYY-MM-DD.",
    "near": "LAT,LON,KM: events located within KM kilometres of the point.",
    "page": "Page number, from 1.", "size": "Rows per page (at most 500).",
    "sort": "Sort column.", "desc": "1 to sort descending.",
    "by": "Period: day, week, month, quarter or year.", "edges": "Number of heaviest actor pairs (network).",
    "zoom": "Map clustering level 0-5 (coarse to fine).", "a": "First actor code.", "b": "Second actor code.",
    "id": "Identifier of the article or story.", "speaker": "Speaker: Wikidata id, code or part of the name.",
    "q": "Words that must all occur in the article.", "kind": "Record kind.", "doc_id": "Only this document's records.",
    "after": "Cursor: the `next` of the previous page (records come in storage order).",
}


def schema(views: list) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for v in views:
        path = "/index.json" if v.name == "index" else ("/api/records" if v.name == "records" else f"/{v.name}.json")
        paths[path] = {"get": {
            "summary": v.title, "operationId": v.name,
            "parameters": [{"name": k, "in": "query", "required": False, "schema": {"type": "string"},
                            "description": DESCRIPTIONS.get(k, k)} for k in v.params],
            "responses": {"200": {"description": "The view's data as JSON (the same data the HTML page shows)."},
                          "400": {"$ref": "#/components/responses/Error"},
                          "404": {"$ref": "#/components/responses/Error"}}}}
    paths["/export.{format}"] = {"get": {
        "summary": "The filtered events as a file", "operationId": "export",
        "parameters": [{"name": "format", "in": "path", "required": True,
                        "schema": {"enum": ["csv", "plover", "gdelt", "parquet"]}}],
        "responses": {"200": {"description": "CSV, PLOVER JSON Lines, GDELT TSV or a zip of Parquet tables."},
                      "400": {"$ref": "#/components/responses/Error"}}}}
    return {"openapi": "3.1.0",
            "info": {"title": "lagebild", "version": version,
                     "description": "Read-only HTTP API over a lagebild store. Every HTML page is also JSON "
                                    "at the same URL with a .json suffix (or Accept: application/json)."},
            "paths": paths,
            "components": {"responses": {"Error": {
                "description": "A one-line reason",
                "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}}}}}}
