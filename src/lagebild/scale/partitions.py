"""Inputs cut into partitions: the unit of work a cluster task analyses and writes.

    JSON Lines   ranges of lines (a plain file is entered by byte offset, a .gz one by skipping)
    WARC, CSV    one partition per file (records of a CSV may span lines; a WARC is read whole)
    others       consecutive single-document files (.txt, .html, .json), `size` to a partition

A partition names files and line numbers only, never text, so planning reads each JSON Lines
file once (to count its lines) and ships a few hundred bytes per task to the cluster. Its id
hashes what decides its output: the files (path, size, modification time), the range, and the
read and analysis settings, so a rerun of the same ingest recognises partitions already done.
"""
from __future__ import annotations

import gzip
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lagebild.errors import InputError
from lagebild.formats.readers import (JSONL_SUFFIXES, TABLE_SUFFIXES, WARC_SUFFIXES, Item, ReadOptions, _jsonl,
                                      _kind, read_path, supported_files)

# documents per partition: chosen from the scheduler overhead measured by benchmarks/scale.py
# (a few ms per task against ~20 ms per article: at 100 articles the overhead is well below 1 %,
# and a lost worker costs at most 100 articles of work again)
DEFAULT_SIZE = 100
# seq = run << RUN_SHIFT | partition << PART_SHIFT | position: unique across the runs that add
# to one dataset, and ordered as a single-process ingest of the same inputs would store them
PART_SHIFT = 22
RUN_SHIFT = 44
MAX_POSITION = (1 << PART_SHIFT) - 1
MAX_PARTITIONS = (1 << (RUN_SHIFT - PART_SHIFT)) - 1


@dataclass(frozen=True, slots=True)
class Partition:
    index: int                    # position in the plan: orders the dataset like a single-process ingest
    kind: str                     # "files", "lines" or "file"
    files: tuple[str, ...]        # absolute paths
    start: int = 1                # "lines": first line (1-based, as problems report lines)
    stop: int = 0                 # "lines": last line + 1
    offset: int | None = None     # "lines" in a plain file: byte offset of `start`
    fingerprint: str = ""         # sizes and modification times of the files

    def key(self, salt: str) -> str:
        """Stable id of this partition's output under `salt` (the read and analysis settings)."""
        h = hashlib.sha256(f"{salt}\n{self.kind}\n{self.start}:{self.stop}\n{self.fingerprint}\n".encode())
        for f in self.files:
            h.update(f.encode("utf-8", "surrogateescape") + b"\n")
        return h.hexdigest()[:24]

    def describe(self) -> str:
        first = self.files[0] if self.files else "?"
        if self.kind == "lines":
            return f"{first}:{self.start}-{self.stop - 1}"
        return first if len(self.files) == 1 else f"{first} (+{len(self.files) - 1} files)"


def seq_of(run: int, partition: int, position: int) -> int:
    return (run << RUN_SHIFT) | (partition << PART_SHIFT) | position


def plan(inputs: list[str], size: int = DEFAULT_SIZE) -> list[Partition]:
    """Partitions of `inputs` (files and directories), in the order a single-process ingest reads them."""
    if size < 1:
        raise InputError("the partition size must be at least 1")
    out: list[Partition] = []
    singles: list[Path] = []

    def flush_singles() -> None:
        for i in range(0, len(singles), size):
            chunk = singles[i:i + size]
            out.append(Partition(len(out), "files", tuple(str(p) for p in chunk), fingerprint=_fingerprint(chunk)))
        singles.clear()

    for p in _files(inputs):
        kind = _kind(p)
        if kind in JSONL_SUFFIXES:
            flush_singles()
            for start, stop, offset in _line_ranges(p, size):
                out.append(Partition(len(out), "lines", (str(p),), start, stop, offset, _fingerprint([p])))
        elif kind in WARC_SUFFIXES or kind in TABLE_SUFFIXES:
            flush_singles()
            out.append(Partition(len(out), "file", (str(p),), fingerprint=_fingerprint([p])))
        else:
            singles.append(p)
    flush_singles()
    if len(out) > MAX_PARTITIONS:
        raise InputError(f"{len(out)} partitions are more than one run can number ({MAX_PARTITIONS}); "
                         "raise --partition-size or ingest the inputs in several runs")
    return out


def take(parts: list[Partition], limit: int) -> list[Partition]:
    """The first partitions holding about `limit` documents (a line range is cut to fit)."""
    out, n = [], 0
    for p in parts:
        if n >= limit:
            break
        size = p.stop - p.start if p.kind == "lines" else len(p.files)
        if p.kind == "lines" and n + size > limit:
            p = replace(p, stop=p.start + (limit - n))
            size = limit - n
        out.append(p)
        n += size
    return out


def read_partition(part: Partition, opts: ReadOptions) -> Iterator[Item]:
    """The partition's items, exactly as `iter_inputs` would read them from the same lines and files."""
    if part.kind != "lines":
        for f in part.files:
            yield from read_path(Path(f), opts)
        return
    path = Path(part.files[0])
    n = part.stop - part.start
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as fh:
                # gzip cannot seek; skipping lines is cheap next to analysing them
                yield from _jsonl(itertools.islice(fh, part.start - 1, part.start - 1 + n), str(path), opts,
                                  first_line=part.start)
            return
        with open(path, "rb") as fh:
            fh.seek(part.offset or 0)
            yield from _jsonl(itertools.islice(fh, n), str(path), opts, first_line=part.start)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def _files(inputs: list[str]) -> Iterator[Path]:
    for raw in inputs:
        if raw == "-":
            raise InputError("a cluster reads its inputs from files its workers can open, not from stdin")
        p = Path(raw).resolve()   # workers may run elsewhere: every path they get is absolute
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if p.is_dir():
            yield from supported_files(p, raw)
        else:
            yield p


def _line_ranges(p: Path, size: int) -> Iterator[tuple[int, int, int | None]]:
    """(first line, last line + 1, byte offset or None) per `size` non-empty lines."""
    gz = p.suffix.lower() == ".gz"
    try:
        fh = gzip.open(p, "rb") if gz else open(p, "rb")
        with fh:
            start, offset, pos, docs, n = 1, 0, 0, 0, 0
            for n, line in enumerate(fh, start=1):
                if docs == 0:
                    start, offset = n, pos
                pos += len(line)
                if line.strip():
                    docs += 1
                if docs == size:
                    yield start, n + 1, None if gz else offset
                    docs = 0
            if docs:
                yield start, n + 1, None if gz else offset
    except (OSError, EOFError) as e:
        raise InputError(f"{p}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def _fingerprint(paths: list[Path]) -> str:
    parts = []
    for p in paths:
        st = p.stat()
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
