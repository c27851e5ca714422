"""The library entry points that the CLI, the store and the benchmarks share.

`analyze_document` is a pure function from a Document to its records (given a pipeline),
which is the seam for scale-out: any worker process, or a distributed engine, can run it and
write the records wherever it likes.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from lagebild.errors import LagebildError
from lagebild.formats.readers import Item, Problem
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings


def make_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(settings or Settings())


def analyze_text(text: str, settings: Settings | None = None, pipeline: Pipeline | None = None,
                 **doc_fields: Any) -> Document:
    """Analyse one text: `analyze_text("Putin telefonierte ...", published=date(2024, 2, 9))`."""
    settings = settings or Settings()
    pipeline = pipeline or make_pipeline(settings)
    doc = Document(text=text, **doc_fields)
    _truncate(doc, settings.max_chars)
    if doc.published is None:
        doc.published = settings.published
    return pipeline(doc)


def _truncate(doc: Document, max_chars: int) -> None:
    """Texts past `max_chars` are cut, with a warning on the document: the readers do the same,
    and the library entry points must not let a caller bypass the bound."""
    if max_chars and len(doc.text) > max_chars:
        doc.warnings.append(f"text truncated from {len(doc.text)} to {max_chars} characters")
        doc.text = doc.text[:max_chars]


def analyze_document(doc: Document, pipeline: Pipeline) -> list[dict[str, Any]]:
    """Records of one document (raises LagebildError for a document that cannot be analysed)."""
    _truncate(doc, pipeline.settings.max_chars)
    if doc.published is None and pipeline.settings.published is not None:
        doc.published = pipeline.settings.published
    return list(pipeline(doc).records())


def analyze_items(items: Iterable[Item], pipeline: Pipeline) -> Iterator[tuple[Document | Problem, list[dict[str, Any]]]]:
    """Analyse a stream of reader items; a document that fails becomes a Problem, the run goes on."""
    for item in items:
        if isinstance(item, Problem):
            yield item, []
            continue
        try:
            yield item, analyze_document(item, pipeline)
        except LagebildError as e:
            yield Problem(item.meta.get("origin") or item.id, None, str(e)), []
