"""`lagebild ingest`: read inputs, analyse them in worker processes, commit them in batches.

    reader (main) --Documents--> N analysis workers --Analyzed--> writer (main, one transaction per batch)

The main process reads, drops documents that are already stored (content hash or URL) before
they cost an analysis, and is the only process that writes. Bad input is counted and reported,
never fatal (unless `strict`).
"""
from __future__ import annotations

import gzip
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from lagebild.errors import InputError, StoreError, Stopped
from lagebild.formats.readers import (JSONL_SUFFIXES, TABLE_SUFFIXES, WARC_SUFFIXES,
                                      Item, Problem, ReadOptions, _kind, iter_inputs,
                                      reason_class)
from lagebild.model import Document, content_hash
from lagebild.store.analyzed import AnalysisJob, Analyzed
from lagebild.store.rows import skipped_row, url_key
from lagebild.store.schema import connect, scalar
from lagebild.store.workers import make_analyzer
from lagebild.store.writer import (DISK_FULL, NEAR_DUPLICATE_THRESHOLD, BatchResult, Writer, disk_full,
                                   fault_hook, optimize)

READ_CHUNK = 64          # documents de-duplicated against the store per query
MAX_EXAMPLES = 200       # problems kept with file and line for the summary (all are counted)
MAX_PENDING_SKIPS = 1000  # skipped rows waiting for the next batch's transaction before one of their own
Progress = Callable[[Iterator[None], "int | None"], Iterable[None]]
Commit = Callable[[list[Analyzed], list[dict]], BatchResult]   # documents and skipped rows, one transaction


@dataclass(frozen=True)
class IngestOptions:
    workers: int = 1                  # analysis processes; 0 = analyse in this process
    batch_size: int = 200             # documents per transaction
    batch_seconds: float = 5.0        # ... or commit at least this often
    strict: bool = False              # stop at the first bad input instead of skipping it
    reprocess: bool = False           # re-analyse stored documents of an older pipeline version
    limit: int = 0                    # read at most this many input items (0 = all)
    job: AnalysisJob = field(default_factory=AnalysisJob)
    read: ReadOptions = field(default_factory=ReadOptions)
    near_threshold: float = NEAR_DUPLICATE_THRESHOLD
    fault: str | None = None          # crash-test hook, see writer.fault_hook
    stop: Callable[[], bool] | None = None   # asked between documents: commit what is done, then stop


@dataclass
class IngestSummary:
    read: int = 0                     # input items seen (documents and unreadable items)
    stored: int = 0
    duplicates: Counter = field(default_factory=Counter)     # reason -> count
    near_duplicates: int = 0          # links to earlier near-duplicate documents
    renamed: int = 0                  # stored under a new id (their id was taken by another text)
    reprocessed: int = 0
    truncated: int = 0
    skipped: Counter = field(default_factory=Counter)        # unreadable input: reason -> count
    errors: Counter = field(default_factory=Counter)         # analysis failures: reason -> count
    examples: list[tuple[str, Problem]] = field(default_factory=list)   # ("skipped"|"error", problem)
    batches: int = 0
    elapsed: float = 0.0

    @property
    def n_duplicates(self) -> int:
        return sum(self.duplicates.values())

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    @property
    def n_errors(self) -> int:
        return sum(self.errors.values())

    def note(self, what: str, p: Problem) -> None:
        (self.skipped if what == "skipped" else self.errors)[reason_class(p.reason)] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append((what, p))

    def add(self, res: BatchResult) -> None:
        self.batches += 1
        self.stored += len(res.stored)
        self.near_duplicates += res.near_links
        self.renamed += res.renamed
        for _, reason in res.duplicates:
            self.duplicates[reason] += 1


class Gate:
    """Drops documents already stored, or already sent for analysis in this run, before analysis.

    Only an optimisation: the writer checks again inside its transaction (authoritative).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.pending_hashes: set[str] = set()
        self.pending_urls: set[str] = set()

    def filter(self, docs: list[Document]) -> tuple[list[Document], list[tuple[Document, str]]]:
        hashes = [content_hash(d.text) for d in docs]
        urls = [url_key(d.url) for d in docs]
        wanted = [u for u in urls if u]
        # one query for both (each query costs the single writer ~1.5 ms, whatever its size)
        stored_h: set[str] = set()
        stored_u: set[str] = set()
        for is_url, value in self.con.execute(
                "SELECT false, content_hash FROM documents WHERE content_hash IN (SELECT unnest(?)) "
                "UNION ALL SELECT true, url_key FROM documents WHERE url_key IN (SELECT unnest(?))",
                [hashes, wanted]).fetchall():
            (stored_u if is_url else stored_h).add(value)
        fresh, dups = [], []
        for d, h, u in zip(docs, hashes, urls):
            if h in stored_h or h in self.pending_hashes:
                dups.append((d, "same text"))
            elif u and (u in stored_u or u in self.pending_urls):
                dups.append((d, "same URL"))
            else:
                self.pending_hashes.add(h)
                if u:
                    self.pending_urls.add(u)
                fresh.append(d)
        return fresh, dups

    def settled(self, results: Iterable[Analyzed]) -> None:
        """Committed documents are found in the store from now on; forget them here."""
        for a in results:
            self.pending_hashes.discard(a.content_hash)
            if (u := url_key(a.url)):
                self.pending_urls.discard(u)


class Pump:
    """Moves items from a reader through the analyzer into the writer, one outcome at a time."""

    def __init__(self, analyzer, commit: Commit, summary: IngestSummary,
                 options: IngestOptions, gate: Gate | None = None):
        self.analyzer = analyzer
        self.commit = commit
        self.summary = summary
        self.options = options
        self.gate = gate
        self.buffer: list[Analyzed] = []
        self.skips: list[dict] = []      # rows of skipped items, stored with the next batch
        self.last_commit = time.monotonic()

    def run(self, items: Iterable[Item]) -> Iterator[None]:
        """Yields once per input item, when its fate is decided (for progress bars)."""
        for chunk in _chunks(items, READ_CHUNK):
            docs: list[Document] = []
            self._check_stop()
            for item in chunk:
                self.summary.read += 1
                if isinstance(item, Problem):
                    self._problem("skipped", item)
                    yield
                else:
                    docs.append(item)
            if self.gate is not None and docs:
                docs, dups = self.gate.filter(docs)
                for _, reason in dups:
                    self.summary.duplicates[reason] += 1
                    yield
            self.analyzer.submit(docs)
            yield from self._take(self.analyzer.ready())
        for results in self.analyzer.draining():
            yield from self._take(results)
        self.flush()

    def _check_stop(self) -> None:
        if self.options.stop is not None and self.options.stop():
            self.flush()   # what is analysed is committed: the transaction is finished, not lost
            raise Stopped(f"stopped on request (SIGTERM) after {self.summary.stored} documents were stored; "
                          "run the same ingest again to resume")

    def _take(self, results: list) -> Iterator[None]:
        self._check_stop()
        for r in results:
            if isinstance(r, Problem):
                self._problem("error", r)
            else:
                if any(w.startswith("text truncated") for w in r.warnings):
                    self.summary.truncated += 1
                self.buffer.append(r)
                if len(self.buffer) >= self.options.batch_size:
                    self.flush()
            yield
        if (self.buffer or self.skips) and time.monotonic() - self.last_commit >= self.options.batch_seconds:
            self.flush()

    def _problem(self, what: str, p: Problem) -> None:
        if self.options.strict:
            raise InputError(f"{p} (stopped by --strict; documents committed so far are kept)")
        self.summary.note(what, p)
        # kept, not only counted: the item, its stage and reason go into the store (`skipped`)
        stage = "read" if what == "skipped" else "analysis"
        self.skips.append(skipped_row(stage, p, self.options.job.pipeline_version,
                                      datetime.now().replace(microsecond=0)))
        if len(self.skips) >= MAX_PENDING_SKIPS:
            self.flush()

    def flush(self) -> None:
        if not self.buffer and not self.skips:
            return
        batch, self.buffer = self.buffer, []
        skips, self.skips = self.skips, []
        res = self.commit(batch, skips)
        self.summary.add(res)
        if self.gate is not None:
            self.gate.settled(batch)
        self.last_commit = time.monotonic()


def ingest(db: str | Path, inputs: list[str], options: IngestOptions | None = None,
           progress: Progress | None = None) -> IngestSummary:
    """Ingest `inputs` (files, directories, `-`) into the store at `db`; see the module docstring."""
    options = options or IngestOptions()
    summary = IngestSummary()
    started = time.monotonic()
    con = connect(db)
    try:
        if options.workers > 0:
            # The analysis workers have the cores: DuckDB's own threads would only compete with
            # them for the small inserts of a batch (one thread costs less CPU per article);
            # the re-sort in `optimize` runs after the workers have stopped, with all of them.
            con.execute("SET threads = 1")
        writer = Writer(con, options.job.hasher, options.near_threshold, fault_hook(options.fault))
        if inputs:
            items: Iterable[Item] = iter_inputs(list(inputs), options.read)
            total = None
            if progress is not None:
                total = estimate_items(inputs, options.read)
            if options.limit:
                items = itertools.islice(items, options.limit)
                total = min(total, options.limit) if total else options.limit
            _drive(items, options, writer.commit, summary, progress, total, Gate(con))
        if options.reprocess:
            stale = stale_versions(con, options.job.pipeline_version)
            n = count_stale(con, stale)
            if n:
                before = summary.stored
                _drive(stale_documents(con, stale), options, writer.replace, summary, progress, n, None)
                summary.reprocessed = summary.stored - before
                summary.stored = before
        if options.workers > 0:
            con.execute("RESET threads")
        optimize(con)
    except duckdb.Error as e:
        if disk_full(e):   # outside a batch's transaction too (checkpoint, optimize)
            raise StoreError(DISK_FULL) from None
        raise
    finally:
        try:
            con.close()
        except duckdb.Error:   # closing checkpoints, which a full disk also refuses; the WAL is kept
            pass
    summary.elapsed = time.monotonic() - started
    return summary


def _drive(items: Iterable[Item], options: IngestOptions, commit: Commit,
           summary: IngestSummary, progress: Progress | None, total: int | None, gate: Gate | None) -> None:
    # the first chunk, read before the workers start, tells them which languages to load
    items = iter(items)
    head = list(itertools.islice(items, READ_CHUNK))
    sample = [(d.text, d.lang) for d in head if isinstance(d, Document)]
    analyzer = make_analyzer(options.job, options.workers, sample)
    items = itertools.chain(head, items)
    failed = True
    try:
        stream = Pump(analyzer, commit, summary, options, gate).run(items)
        for _ in (progress(stream, total) if progress is not None else stream):
            pass
        failed = False
    finally:
        analyzer.close(abort=failed)


# --- re-analysis of stored documents ---------------------------------------------------------
def version_key(v: str) -> tuple:
    """Sort key for version strings: PEP 440 where possible ('0.10.1' > '0.9.3', '1.0rc1' < '1.0')."""
    try:
        from packaging.version import InvalidVersion, Version
        try:
            return (1, Version(v))
        except InvalidVersion:
            pass
    except ImportError:
        pass
    import re
    return (0, tuple(int(x) for x in re.findall(r"\d+", v)))


def stale_versions(con: duckdb.DuckDBPyConnection, current: str) -> list[str]:
    versions = [r[0] for r in con.execute("SELECT DISTINCT pipeline_version FROM documents").fetchall()]
    return [v for v in versions if version_key(v) < version_key(current)]


def count_stale(con: duckdb.DuckDBPyConnection, stale: list[str]) -> int:
    if not stale:
        return 0
    return scalar(con, "SELECT count(*) FROM documents WHERE pipeline_version IN (SELECT unnest(?))", [stale])


def stale_documents(con: duckdb.DuckDBPyConnection, stale: list[str], chunk: int = 256) -> Iterator[Document]:
    """Stored documents analysed by an older pipeline, in ingest order, as fresh Documents."""
    last = 0
    while True:
        rows = con.execute(
            "SELECT seq, doc_id, text, title, published, url, source, origin FROM documents "
            "WHERE pipeline_version IN (SELECT unnest(?)) AND seq > ? ORDER BY seq LIMIT ?",
            [stale, last, chunk]).fetchall()
        if not rows:
            return
        for seq, doc_id, text, title, published, url, source, origin in rows:
            yield Document(text=text, id=doc_id, title=title, published=published, url=url, source=source,
                           meta={"origin": origin or doc_id})
            last = seq


# --- progress estimate -------------------------------------------------------------------------
def estimate_items(inputs: list[str], opts: ReadOptions) -> int | None:
    """Roughly how many items the inputs hold (for the progress bar's ETA); None if unknown."""
    total = 0
    for p in inputs:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file() and _kind(f)) if path.is_dir() else [path]
        for f in files:
            n = _estimate_file(f, opts)
            if n is None:
                return None
            total += n
    return total


def _estimate_file(f: Path, opts: ReadOptions) -> int | None:
    kind = _kind(f)
    if kind in WARC_SUFFIXES:
        return None
    if kind not in JSONL_SUFFIXES and kind not in TABLE_SUFFIXES:
        return 1   # one document per file (a JSON array counts as one: close enough for an ETA)
    try:
        opener = gzip.open if f.suffix.lower() == ".gz" else open
        with opener(f, "rb") as fh:
            lines = sum(1 for line in fh if line.strip())
    except (OSError, EOFError):
        return 1
    header = 1 if kind in TABLE_SUFFIXES and not opts.columns else 0
    return max(lines - header, 0)


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk
