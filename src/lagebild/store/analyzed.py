"""The seam between analysis and storage.

`Analyze` is a pure function from a `Document` to an `Analyzed` result (its records, content
hash and MinHash signature) or a `Problem`. It holds no connection and writes nothing, so the
same function can run in an ingest worker process, or in a distributed engine that writes the
results as Parquet shards (`store.shards`) for the store to load later.
"""
from __future__ import annotations

import importlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from lagebild import PIPELINE_VERSION
from lagebild.errors import LagebildError, PipelineError
from lagebild.formats.readers import Problem
from lagebild.model import Document, content_hash
from lagebild.settings import Settings
from lagebild.store.minhash import MinHasher

DEFAULT_PIPELINE = "lagebild.analysis:make_pipeline"


@dataclass(slots=True)
class Analyzed:
    """One analysed document, ready to be stored."""
    doc_id: str
    text: str
    content_hash: str
    pipeline_version: str
    minhash: bytes
    records: list[dict[str, Any]]          # as `analyze` emits them; the document record first
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    origin: str | None = None
    warnings: list[str] = field(default_factory=list)
    # `rows.document_columns(self)`, computed by an ingest worker so the writer need not (None:
    # the writer computes them). Derived from the fields above, so not compared; `renamed`
    # drops them, since the rows carry the document id.
    columns: dict[str, dict[str, list[Any]]] | None = field(default=None, compare=False, repr=False)
    # (MinHasher.params, MinHasher.buckets(minhash)), computed by an ingest worker likewise
    bands: tuple[str, list[int]] | None = field(default=None, compare=False, repr=False)

    @property
    def document_record(self) -> dict[str, Any]:
        for r in self.records:
            if r.get("kind") == "document":
                return r
        return {"kind": "document", "doc_id": self.doc_id}

    def renamed(self, new_id: str) -> "Analyzed":
        """The same result under another id (an id already taken by a different text)."""
        from lagebild.formats.records import with_ids
        # ids hash the document id (docs/records.md): derive them again under the new one
        records = list(with_ids(dict(r, doc_id=new_id) for r in self.records))
        return Analyzed(new_id, self.text, self.content_hash, self.pipeline_version, self.minhash,
                        records, self.title, self.published, self.url, self.source, self.lang,
                        self.origin, list(self.warnings))


def origin_of(doc: Document) -> str:
    origin = doc.meta.get("origin") or doc.id
    line = doc.meta.get("line")
    return f"{origin}:{line}" if line else str(origin)


def problem_for(doc: Document, reason: str) -> Problem:
    return Problem(str(doc.meta.get("origin") or doc.id), doc.meta.get("line"), reason, doc.id)


def load_factory(spec: str) -> Callable[[Settings], Any]:
    """`module:function` -> the pipeline factory it names."""
    module, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), name or "make_pipeline")
    except (ImportError, AttributeError) as e:
        raise PipelineError(f"pipeline factory {spec!r} cannot be loaded: {e}") from None


@dataclass(frozen=True)
class AnalysisJob:
    """Everything a worker needs to build its analysis function (picklable, built once per process)."""
    settings: Settings = field(default_factory=Settings)
    pipeline: str = DEFAULT_PIPELINE
    pipeline_version: str = PIPELINE_VERSION
    hasher: MinHasher = field(default_factory=MinHasher)

    def build(self) -> "Analyze":
        return Analyze(load_factory(self.pipeline)(self.settings), self.hasher, self.pipeline_version)


class Analyze:
    """Document -> Analyzed | Problem. Never raises for one bad document."""

    def __init__(self, pipeline: Any, hasher: MinHasher, pipeline_version: str):
        self.pipeline = pipeline
        self.hasher = hasher
        self.pipeline_version = pipeline_version

    def __call__(self, doc: Document) -> Analyzed | Problem:
        from lagebild.analysis import analyze_document
        text = doc.text  # before analysis: components must not change what was hashed
        try:
            records = [_finite(r) for r in analyze_document(doc, self.pipeline)]
        except LagebildError as e:
            return problem_for(doc, str(e))
        except Exception as e:  # a bug in a component must not abort a long ingest; it is reported
            msg = " ".join(str(e).split())[:160]
            return problem_for(doc, f"internal error: {type(e).__name__}: {msg}")
        return Analyzed(
            doc_id=doc.id, text=text, content_hash=content_hash(text),
            pipeline_version=self.pipeline_version, minhash=self.hasher.signature(text),
            records=records, title=doc.title, published=doc.published, url=doc.url,
            source=doc.source, lang=doc.lang, origin=origin_of(doc), warnings=list(doc.warnings))


def _finite(value: Any) -> Any:
    """NaN and infinities are not JSON; stored records must be valid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
