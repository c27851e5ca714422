"""Workers forked from a zygote that built the analysis once (store/prefork.py)."""
from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from lagebild.errors import StoreError
from lagebild.model import Document
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.workers import make_analyzer


@dataclass(frozen=True)
class PidJob:
    """Analyses a document into (pid of the worker, parent pid, pid of the building process)."""

    def build(self):
        built_in = os.getpid()
        return lambda doc: (os.getpid(), os.getppid(), built_in, doc.text)


@dataclass(frozen=True)
class ExitJob:
    """A worker that dies (exit code 3) on the document 'EXIT'."""

    def build(self):
        def analyze(doc):
            if doc.text == "EXIT":
                os._exit(3)
            return doc.text
        return analyze


@dataclass(frozen=True)
class BrokenJob:
    def build(self):
        raise RuntimeError("no models here")


def _docs(texts):
    return [Document(text=t, id=str(i)) for i, t in enumerate(texts)]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_workers_are_forked_from_the_process_that_built_the_analysis(workers):
    pool = make_analyzer(PidJob(), workers)
    try:
        pool.submit(_docs([f"text {i}" for i in range(40)]))
        out = pool.drain()
    finally:
        pool.close()
    assert sorted(r[3] for r in out) == sorted(f"text {i}" for i in range(40))
    builders = {r[2] for r in out}
    assert len(builders) == 1                                  # built once ...
    assert {r[1] for r in out} == builders                     # ... by the workers' parent
    assert builders.isdisjoint(r[0] for r in out) and os.getpid() not in builders
    assert len({r[0] for r in out}) <= workers


def test_fake_pipeline_results_match_inline(fake_job: AnalysisJob):
    texts = ["FRA CONSULT DEU about trade.", "CHN/GOV ACCUSE USA.", "FAILME", 'FRA said "we agree".']
    inline = make_analyzer(fake_job, 0)
    inline.submit(_docs(texts))
    pool = make_analyzer(fake_job, 2)
    try:
        pool.submit(_docs(texts))
        pooled = pool.drain()
    finally:
        pool.close()
    key = lambda r: str(getattr(r, "doc_id", None) or r)   # noqa: E731
    assert sorted(map(repr, sorted(pooled, key=key))) == sorted(map(repr, sorted(inline.drain(), key=key)))


def test_a_dying_worker_is_reported():
    pool = make_analyzer(ExitJob(), 2)
    try:
        with pytest.raises(StoreError, match="died"):
            pool.submit(_docs(["a", "EXIT"] + ["b"] * 30))
            pool.drain()
    finally:
        pool.close(abort=True)


def test_a_build_failure_is_reported():
    pool = make_analyzer(BrokenJob(), 2)
    try:
        with pytest.raises(StoreError, match="could not start"):
            pool.submit(_docs(["a"]))
            pool.drain()
    finally:
        pool.close(abort=True)


@dataclass(frozen=True)
class RealPidJob:
    """The default pipeline, answering with the worker's pids besides the records."""

    def build(self):
        built_in = os.getpid()
        analyze = AnalysisJob().build()
        return lambda doc: (os.getpid(), os.getppid(), built_in, repr(analyze(doc)))


def test_the_default_pipeline_is_forked_and_analyses_as_inline():
    """Every default component survives the fork: the zygote stays single-threaded (so it
    forks), and the workers, including lingua's fallback on a short text (which loads models
    in the worker), give what the pipeline gives in this process."""
    texts = ["Der Kanzler traf am Montag den Präsidenten Frankreichs in Berlin.", "Ein Tag in Rom",
             "The minister met her counterpart in London on Tuesday."]
    pool = make_analyzer(RealPidJob(), 2)
    try:
        pool.submit(_docs(texts))
        out = pool.drain()
    finally:
        pool.close()
    assert len({r[2] for r in out}) == 1 and {r[1] for r in out} == {r[2] for r in out}
    inline = AnalysisJob().build()
    assert sorted(r[3] for r in out) == sorted(repr(inline(d)) for d in _docs(texts))


def test_an_unclosed_pool_does_not_keep_the_interpreter_alive(tmp_path):
    """A caller that forgets `close()` still exits: the zygote is stopped at exit."""
    import subprocess
    import sys
    script = tmp_path / "forget.py"
    script.write_text(
        "from lagebild.model import Document\n"
        "from lagebild.store.workers import make_analyzer\n"
        "from tests.store.test_prefork import ExitJob\n"
        "if __name__ == '__main__':\n"
        "    pool = make_analyzer(ExitJob(), 2)\n"
        "    pool.submit([Document(text='a', id='1')])\n"
        "    print(pool.drain())\n", encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=root))
    assert done.returncode == 0 and "['a']" in done.stdout, done.stderr
