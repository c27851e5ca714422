"""Workers forked from a process that built the analysis once, each watched by its pidfd
(store/prefork.py): cheap workers and the liveness of store/workers.py together."""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass

import pytest

from lagebild.errors import StoreError
from lagebild.model import Document
from lagebild.store import prefork
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.workers import PoolAnalyzer, make_analyzer

pytestmark = pytest.mark.skipif(not prefork.available(), reason="forked workers need pidfds (Linux)")


@dataclass(frozen=True)
class PidJob:
    """Analyses a document into (pid of the worker, its parent, the process that built it, text)."""

    def build(self):
        built_in = os.getpid()
        return lambda doc: (os.getpid(), os.getppid(), built_in, doc.text)


@dataclass(frozen=True)
class BrokenJob:
    def build(self):
        raise RuntimeError("no models here")


def _docs(texts):
    return [Document(text=t, id=str(i)) for i, t in enumerate(texts)]


def _run(pool, docs):
    try:
        pool.submit(docs)
        return pool.drain()
    finally:
        pool.close()


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_workers_are_forked_from_the_process_that_built_the_analysis(workers):
    pool = PoolAnalyzer(PidJob(), workers)
    out = _run(pool, _docs([f"text {i}" for i in range(40)]))
    assert sorted(r[3] for r in out) == sorted(f"text {i}" for i in range(40))
    builders = {r[2] for r in out}
    assert len(builders) == 1 and {r[1] for r in out} == builders        # built once, by their parent
    assert builders.isdisjoint(r[0] for r in out) and os.getpid() not in builders


def test_spawn_is_kept_on_request(monkeypatch):
    monkeypatch.setenv("LAGEBILD_WORKERS", "spawn")
    out = _run(PoolAnalyzer(PidJob(), 2), _docs(["a", "b", "c"]))
    assert all(r[2] == r[0] and r[1] == os.getpid() for r in out)      # each built its own


def test_a_build_failure_is_reported():
    with pytest.raises(StoreError, match="could not start.*no models here"):
        make_analyzer(BrokenJob(), 2)


def test_a_killed_forked_worker_is_seen_by_its_pidfd_and_replaced(fake_job):
    pool = PoolAnalyzer(fake_job, 2)
    try:
        first = set(pool.pids())
        os.kill(next(iter(first)), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pool.restarts == 0 and time.monotonic() < deadline:
            pool.ready()
            time.sleep(0.05)
        assert pool.restarts == 1 and len(set(pool.pids()) - first) == 1
        pool.submit(_docs(["FRA AID DEU."] * 20))
        assert len(pool.drain()) == 20
    finally:
        pool.close()


def test_a_killed_zygote_takes_its_workers_and_a_new_one_builds_again(fake_job):
    """The builder dies: its workers notice (their parent is gone) and end, their pidfds say so,
    and the replacements come from a new builder; nothing is lost."""
    pool = PoolAnalyzer(fake_job, 2)
    try:
        zygote = pool._zygote._proc
        os.kill(zygote.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pool.restarts < 2 and time.monotonic() < deadline:   # idle workers see it within a poll
            pool.ready()
            time.sleep(0.05)
        assert pool.restarts == 2
        pool.submit(_docs([f"FRA AID DEU number {i}." for i in range(30)]))
        out = pool.drain()
        assert len(out) == 30 and pool._zygote._proc.pid != zygote.pid
    finally:
        pool.close()


@dataclass(frozen=True)
class RealPidJob:
    """The default pipeline, answering with the worker's pids besides the records."""

    def build(self):
        built_in = os.getpid()
        analyze = AnalysisJob().build()
        return lambda doc: (os.getpid(), os.getppid(), built_in, repr(analyze(doc)))


def test_the_default_pipeline_is_forked_and_analyses_as_inline():
    """Every default component survives the fork: the builder stays single-threaded (so it
    forks), and the workers, the marker-word fallback on a short text included (which reads
    its word lists in the worker), give what the pipeline gives in this process."""
    texts = ["Der Kanzler traf am Montag den Präsidenten Frankreichs in Berlin.", "Ein Tag in Rom",
             "The minister met her counterpart in London on Tuesday."]
    out = _run(PoolAnalyzer(RealPidJob(), 2), _docs(texts))
    assert len({r[2] for r in out}) == 1 and {r[1] for r in out} == {r[2] for r in out}
    inline = AnalysisJob().build()
    assert sorted(r[3] for r in out) == sorted(repr(inline(d)) for d in _docs(texts))


def test_only_the_sample_languages_are_warmed_up():
    """The building process warms up the languages of the input's first documents (a language
    given by the input counts as given); with no sample, or none it can tell, all of them."""
    analyze = AnalysisJob().build()
    german = "Die Regierung in Berlin hat am Montag neue Gespräche mit Polen angekündigt."
    english = "The government in London announced new talks with Poland on Monday."
    assert prefork._sample_languages(analyze, [(german, None)] * 3) == {"de"}
    assert prefork._sample_languages(analyze, [(german, None), (english, None)]) == {"de", "en"}
    assert prefork._sample_languages(analyze, [(english, "en")]) == {"en"}
    assert prefork._sample_languages(analyze, [("Le gouvernement a annoncé de nouveaux entretiens.", None)]) == set()
    assert prefork._sample_languages(analyze, []) == set()
    assert prefork._sample_languages(lambda doc: doc, [(german, None)]) == set()    # no language step


class _LanguageJob:
    """The default analysis, answering with the language resources its worker inherited (held
    before this document) besides the records; it keeps `pipeline`, so the sample counts."""

    def build(self):
        return _LanguageAnalyze(AnalysisJob().build())


class _LanguageAnalyze:
    def __init__(self, analyze):
        self.analyze = analyze
        self.pipeline = analyze.pipeline

    def __call__(self, doc):
        held = sorted(k for k in self.pipeline.resources._cache if k.startswith("lang:"))
        return held, repr(self.analyze(doc))


def test_a_language_not_warmed_up_is_loaded_by_the_worker_and_analysed_as_inline():
    texts = ["Der Kanzler traf am Montag den Präsidenten Frankreichs in Berlin.",
             "The minister met her counterpart in London on Tuesday."]
    out = _run(PoolAnalyzer(_LanguageJob(), 1, sample=[(texts[0], None)]), _docs(texts))
    assert out[0][0] == ["lang:de"]           # the builder warmed up German only
    inline = AnalysisJob().build()
    assert [r[1] for r in out] == [repr(inline(d)) for d in _docs(texts)]


class _OddStep:
    name = "language"

    def __call__(self, doc):
        raise ValueError("a bug on an odd text")


class _OddPipeline:
    components = [_OddStep()]


class _OddAnalyze:
    pipeline = _OddPipeline()


def test_a_sample_text_the_language_step_fails_on_is_only_no_hint():
    assert prefork._sample_languages(_OddAnalyze(), [("Ein Text.", None)]) == set()
