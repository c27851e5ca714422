"""Fuzzing the pipeline on mutated German text (our own sentences, tests/fuzzing.py): no
exception but a LagebildError escapes, every record validates against the record schema, and
time stays bounded by size. `benchmarks/fuzz.py --examples 10000` is the long soak."""
from __future__ import annotations

import random
import time
from datetime import date

import pytest
from fuzzing import combining_storm, long_line, long_token, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.analysis import analyze_document, make_pipeline
from lagebild.errors import LagebildError
from lagebild.formats.decoding import decode
from lagebild.formats.schema import record_errors
from lagebild.model import Document
from lagebild.settings import Settings

pytestmark = pytest.mark.slow
SECONDS_PER_MB = 60      # generous for a shared CI machine: the issue's bound is 30 s for 5 MB
MIN_SECONDS = 5


@pytest.fixture(scope="module")
def pipeline():
    return make_pipeline(Settings(lang="de", check_language=False, published=date(2024, 2, 10)))


def analyse(pipeline, raw: bytes) -> list[dict] | None:
    try:
        text = decode(raw).text
    except LagebildError:
        return None
    started = time.perf_counter()
    try:
        records = analyze_document(Document(text=text, id="fuzz"), pipeline)
    except LagebildError:
        records = None
    elapsed = time.perf_counter() - started
    assert elapsed < max(MIN_SECONDS, SECONDS_PER_MB * len(raw) / 1e6), f"{elapsed:.1f} s for {len(raw)} bytes"
    for r in records or []:
        assert record_errors(r) == [], r
    return records


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_text_never_breaks_the_pipeline(pipeline, seed):
    analyse(pipeline, mutate(random.Random(seed)))


@pytest.mark.parametrize("text, bound", [
    ("Die Regierung teilte mit, " + "a" * 2000 + " sei wichtig.", 1.0),          # a 2,000-letter word
    ("Merz sagte, https://example.org/" + "x/y-z" * 300 + " sei wichtig.", 1.0),  # a 1,500-character URL
    ("Merz sagte, e" + "\u0301" * 800 + " sei wichtig.", 1.0),                   # a combining storm
    ("Putin sagte, " * 100_000, 10.0),                                           # 1.3 MB of speech verbs
])
def test_issue_15_worst_cases_are_fast(pipeline, text, bound):
    started = time.perf_counter()
    analyze_document(Document(text=text, id="worst"), pipeline)
    assert time.perf_counter() - started < bound * 3    # x3: a shared CI machine; figures in README


@pytest.mark.parametrize("mutation", [combining_storm, long_token, long_line])
def test_each_hostile_mutation_alone(pipeline, mutation):
    rng = random.Random(7)
    for _ in range(3):
        analyse(pipeline, mutation("Der Kanzler sagte, die Lage sei ernst.", rng).encode("utf-8"))
