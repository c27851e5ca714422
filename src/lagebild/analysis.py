"""The library entry points that the CLI, the store and the benchmarks share.

`analyze_document` is a pure function from a Document to its records (given a pipeline),
which is the seam for scale-out: any worker process, or a distributed engine, can run it and
write the records wherever it likes.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from lagebild.errors import BudgetError, LagebildError
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
    """Records of one document (raises LagebildError for a document that cannot be analysed,
    BudgetError for one that takes longer than `Settings.time_budget`)."""
    _truncate(doc, pipeline.settings.max_chars)
    if doc.published is None and pipeline.settings.published is not None:
        doc.published = pipeline.settings.published
    with time_budget(pipeline.settings.time_budget):
        return list(pipeline(doc).records())


class _OverBudget(BaseException):
    """Raised by the timer inside whatever component runs. A BaseException, so that the
    components' own `except Exception` (around third-party code) cannot swallow it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """The last line of defence against a slow document: every stage is meant to be near-linear
    (issue 15), but a budget turns an unforeseen slow path into one skipped document instead of
    a stalled run. A real-time interval timer interrupts the running component, so it works
    only in the main thread of a process (the CLI, every ingest worker); elsewhere there is no
    budget. Budgets nest: an outer timer is restored afterwards (not re-armed)."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return

    armed = [True]

    def expire(signum, frame):
        if armed[0]:     # not once the document is done and the timer is being taken down
            raise _OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OverBudget:
        raise BudgetError(f"analysis took longer than the time budget of {seconds:g} s") from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
