"""The library entry points: max_chars applied, and the per-document time budget."""
from __future__ import annotations

import time
from typing import ClassVar

import pytest

from lagebild.analysis import analyze_document, time_budget
from lagebild.errors import BudgetError
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings


class Slow:
    """A component that takes `seconds`, and swallows ordinary exceptions as some components do
    around third-party code: the budget must still stop it."""
    name: ClassVar[str] = "slow"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("doc.lang",)

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __call__(self, doc: Document) -> Document:
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            try:
                sum(range(10_000))
            except Exception:
                pass
        doc.lang = "de"
        return doc


@pytest.mark.parametrize("seconds, budget, over", [(0.0, 0.5, False), (2.0, 0.2, True), (0.3, 0, False)])
def test_a_document_past_the_time_budget_is_refused_with_its_reason(seconds, budget, over):
    settings = Settings(time_budget=budget)
    pipeline = Pipeline(settings, components=[Slow(seconds)])
    doc = Document(text="Ein kurzer Text.", id="a")
    started = time.monotonic()
    if over:
        with pytest.raises(BudgetError, match="time budget"):
            analyze_document(doc, pipeline)
        assert time.monotonic() - started < seconds
    else:
        analyze_document(doc, pipeline)


def test_the_budget_timer_is_taken_down_afterwards():
    import signal
    with time_budget(0.2):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.3)   # nothing fires


@pytest.mark.parametrize("max_chars", [1000, 5000])
def test_max_chars_is_applied_with_a_warning(max_chars):
    pipeline = Pipeline(Settings(max_chars=max_chars), components=[Slow(0)])
    doc = Document(text="Wort " * 3000, id="a")
    analyze_document(doc, pipeline)
    assert len(doc.text) == max_chars and any("truncated" in w for w in doc.warnings)
