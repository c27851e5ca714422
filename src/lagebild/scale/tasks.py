"""One partition, analysed and written: the task every engine runs (Dask here; Spark in docs/scale.md).

`run_partition` reads the partition's inputs, drops what repeats inside it, runs the same pure
`Analyze` (`store.analyzed`, i.e. `analyze_document`) as `lagebild ingest`, writes the results
as one group of files per publication month and then the partition's manifest, and returns a
small report for the driver. It holds no state between calls: the analysis function it is given
is built once per process by the engine (`cluster.AnalysisPlugin` for Dask).
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lagebild.formats.readers import Problem, ReadOptions
from lagebild.model import Document, content_hash
from lagebild.scale.dataset import Deduper, Group, month_of, write_group, write_manifest, write_skipped
from lagebild.scale.partitions import MAX_POSITION, Partition, read_partition, seq_of
from lagebild.store.analyzed import Analyze, Analyzed
from lagebild.store.rows import skipped_row, url_key

MAX_EXAMPLES = 20        # problems a partition reports with file and line (all are counted)
# analysed once when a worker starts: models load lazily on their first document, and the first
# partition should not pay for it (nor look ten times slower than the rest to the scheduler)
WARM_UP_TEXT = "Die Regierung in Paris hat am Montag Gespräche mit Polen geführt."


@dataclass
class PartitionReport:
    """What the driver learns of a partition (small: it crosses the network)."""
    key: str
    index: int
    read: int = 0
    stored: int = 0
    truncated: int = 0
    renamed: int = 0
    duplicates: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    examples: list[tuple[str, Problem]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    seconds: float = 0.0          # analysis and writing, on the worker
    skipped_done: bool = False    # already in the dataset (a rerun), not analysed again
    skipped_rows: int = 0         # rows in the partition's skipped file (all problems, not only examples)

    def note(self, what: str, p: Problem) -> None:
        from lagebild.store.ingest import reason_class
        (self.skipped if what == "skipped" else self.errors)[reason_class(p.reason)] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append((what, p))

    def manifest(self, run: int) -> dict:
        return {"index": self.index, "run": run, "documents": self.stored,
                "groups": [g.to_json() for g in self.groups], "skipped_rows": self.skipped_rows}


def run_partition(part: Partition, key: str, run: int, analyze: Analyze, read: ReadOptions,
                  root: str | Path) -> PartitionReport:
    """Analyse one partition into the dataset at `root`; see the module docstring."""
    started = time.monotonic()
    root = Path(root)
    report = PartitionReport(key, part.index)
    seen_hashes: set[str] = set()
    seen_urls: set[str] = set()
    dedup = Deduper()
    kept: dict[str, list[tuple[int, Analyzed]]] = {}
    skips: list[dict] = []
    now = datetime.now().replace(microsecond=0)

    def skip(what: str, p: Problem) -> None:
        report.note(what, p)
        skips.append(skipped_row("read" if what == "skipped" else "analysis", p, analyze.pipeline_version, now))
    for position, item in enumerate(read_partition(part, read)):
        report.read += 1
        if position > MAX_POSITION:
            raise ValueError(f"{part.describe()}: more than {MAX_POSITION} items in one partition")
        if isinstance(item, Problem):
            skip("skipped", item)
            continue
        why = _repeat(item, seen_hashes, seen_urls)
        if why:   # before the analysis: a repeated article costs nothing
            report.duplicates[why] += 1
            continue
        result = analyze(item)
        if isinstance(result, Problem):
            skip("error", result)
            continue
        a, note = dedup.check(result)
        if a is None:
            report.duplicates[note] += 1
            continue
        report.renamed += note == "renamed"
        report.truncated += any(w.startswith("text truncated") for w in a.warnings)
        kept.setdefault(month_of(a), []).append((seq_of(run, part.index, position), a))
    for month in sorted(kept):
        report.groups.append(write_group(root, month, kept[month], now))
        report.stored += len(kept[month])
    report.skipped_rows = write_skipped(root, key, skips)
    write_manifest(root, key, report.manifest(run))   # last: the partition counts from here on
    report.seconds = time.monotonic() - started
    return report


def warm_up(analyze: Analyze) -> None:
    analyze(Document(text=WARM_UP_TEXT, id="warm-up"))


def _repeat(doc: Document, hashes: set[str], urls: set[str]) -> str:
    h, u = content_hash(doc.text), url_key(doc.url)
    if h in hashes:
        return "same text"
    if u and u in urls:
        return "same URL"
    hashes.add(h)
    if u:
        urls.add(u)
    return ""
