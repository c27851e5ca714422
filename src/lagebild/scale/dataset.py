"""The Parquet dataset a cluster ingest writes: layout, atomic writes, manifests.

    DATASET/
      _lagebild.json                          format, MinHash parameters, runs, state (writing | final)
      _parts/<partition key>.json             one manifest per finished partition (its commit mark)
      documents/month=2024-02/part-<h>.parquet
      events/month=2024-02/part-<h>.parquet   ... one folder per table of the store (`store.rows`)
      near_duplicates/part-<h>.parquet        written when the dataset is finalised
      skipped/part-<partition key>.parquet    items a partition skipped (store migration 006)

Every table of the store's record layout gets a folder, so a table added to `store.rows`
(`RECORD_TABLES`) flows through without a change here. A partition's documents are grouped by
publication month (`month=unknown` without a date); each group is one file per table, named by
the hash of its documents' content hashes and the pipeline version, so a retried task writes
the same names again. Each file is written under a temporary name and renamed into place; the
manifest is written last and is what makes the partition count: files no manifest names (of a
task killed half-way) are removed when the dataset is finalised (`scale.finalise`).
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lagebild.errors import StoreError
from lagebild.store.analyzed import Analyzed
from lagebild.store.rows import (DOCUMENTS, EVENT_LOCATIONS, RECORD_TABLES, SKIPPED, document_row, record_rows,
                                 to_table, url_key)

META = "_lagebild.json"
PARTS = "_parts"
FORMAT = "lagebild-parquet"
FORMAT_VERSION = 1
NO_MONTH = "unknown"
NEAR = "near_duplicates"
SKIPS = "skipped"         # one file per partition that skipped items, named by its key (no month)
NEAR_SCHEMA = pa.schema([("doc_id", pa.string()), ("near_doc_id", pa.string()), ("jaccard", pa.float64())])
COMPRESSION = "zstd"     # the text column dominates; zstd halves it against snappy at similar speed


def tables() -> dict[str, pa.Schema]:
    """The per-document tables of the dataset, in the store's layout (with the derived
    event_locations, which `events --near` reads)."""
    return {"documents": DOCUMENTS, **RECORD_TABLES, "event_locations": EVENT_LOCATIONS}


def is_dataset(path: str | Path) -> bool:
    return (Path(path) / META).is_file()


def month_of(a: Analyzed) -> str:
    return a.published.strftime("%Y-%m") if a.published else NO_MONTH


def group_name(docs: Iterable[Analyzed]) -> str:
    """File name of a group: the same documents under the same pipeline give the same name."""
    h = hashlib.sha256()
    for a in docs:
        h.update(f"{a.pipeline_version}|{a.content_hash}|{a.doc_id}\n".encode("utf-8"))
    return f"part-{h.hexdigest()[:24]}"


@dataclass
class Group:
    """One partition's documents of one month, stored as one file per table."""
    month: str
    name: str
    documents: int
    rows: dict[str, int] = field(default_factory=dict)

    def files(self, root: Path) -> list[Path]:
        return [root / t / f"month={self.month}" / f"{self.name}.parquet" for t in tables()]

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "name": self.name, "documents": self.documents, "rows": self.rows}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Group":
        return cls(d["month"], d["name"], int(d["documents"]), dict(d.get("rows") or {}))


def write_atomic(data: bytes | pa.Table, target: Path) -> None:
    """Write under a name of this attempt's own, then rename: readers see the whole file or none,
    and two attempts of one task (a retry racing a worker thought lost) never share a temp file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            pq.write_table(data, tmp, compression=COMPRESSION)
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{target}: cannot write ({e.strerror or e})") from None


def write_group(root: Path, month: str, docs: list[tuple[int, Analyzed]], now: datetime | None = None) -> Group:
    """Write documents (with their seq) of one month as one file per table; returns the group."""
    now = now or datetime.now().replace(microsecond=0)
    group = Group(month, group_name(a for _, a in docs), len(docs))
    rows = {"documents": [document_row(a, seq, now) for seq, a in docs], **record_rows(a for _, a in docs)}
    for (name, schema), target in zip(tables().items(), group.files(root)):
        # every table gets its file, empty or not: a query over any table finds every group
        write_atomic(to_table(rows[name], schema), target)
        group.rows[name] = len(rows[name])
    return group


def skipped_file(root: Path, key: str) -> Path:
    return root / SKIPS / f"part-{key}.parquet"


def write_skipped(root: Path, key: str, rows: list[dict[str, Any]]) -> int:
    """The partition's skipped items (`rows.skipped_row`), before its manifest: kept, not only counted."""
    if rows:
        write_atomic(to_table(rows, SKIPPED), skipped_file(root, key))
    return len(rows)


def write_manifest(root: Path, key: str, manifest: dict[str, Any]) -> None:
    write_atomic((json.dumps(manifest, ensure_ascii=False, sort_keys=True) + "\n").encode(),
                 root / PARTS / f"{key}.json")


def manifests(root: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for p in sorted((root / PARTS).glob("*.json")):
        try:
            out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"{p}: unreadable partition manifest ({e})") from None
    return out


# --- dataset metadata (written by the driver only) ----------------------------------------------
def read_meta(root: Path) -> dict[str, Any]:
    try:
        meta = json.loads((root / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{root}: not a lagebild dataset (no {META}); make one with "
                         "`lagebild ingest --cluster ... --out DIR`") from None
    except (OSError, ValueError) as e:
        raise StoreError(f"{root / META}: unreadable ({e})") from None
    if meta.get("format") != FORMAT:
        raise StoreError(f"{root}: {META} does not describe a lagebild dataset")
    if int(meta.get("version", 0)) > FORMAT_VERSION:
        raise StoreError(f"{root}: dataset format {meta.get('version')} is newer than this lagebild "
                         f"understands ({FORMAT_VERSION}); upgrade lagebild")
    return meta


def write_meta(root: Path, meta: dict[str, Any]) -> None:
    write_atomic((json.dumps(meta, indent=2, sort_keys=True) + "\n").encode(), root / META)


def schema_hashes() -> dict[str, str]:
    return {t: hashlib.sha256(str(s).encode()).hexdigest()[:12] for t, s in tables().items()}


def begin_run(root: Path, minhash: str) -> int:
    """Create the dataset (or reopen it) for a new run; returns the run number (seq prefix)."""
    root.mkdir(parents=True, exist_ok=True)
    if (root / META).exists():
        meta = read_meta(root)
        if meta.get("minhash") != minhash:
            raise StoreError(f"{root}: the dataset's near-duplicate signatures use {meta.get('minhash')}, "
                             f"not {minhash}")
    elif any(root.iterdir()):
        raise StoreError(f"{root}: the directory is not empty and holds no lagebild dataset; "
                         "give a new or empty directory to --out")
    else:
        meta = {"format": FORMAT, "version": FORMAT_VERSION, "minhash": minhash, "runs": 0}
    # a table whose columns changed between runs (a lagebild upgrade added one) is read by
    # column name across its files, which costs every file's footer per query; the rest are not
    layouts = schema_hashes()
    old = meta.get("schemas") or {}
    meta["mixed_schemas"] = sorted(set(meta.get("mixed_schemas") or []) |
                                   {t for t, h in layouts.items() if t in old and old[t] != h})
    meta["schemas"] = layouts
    meta["runs"] = int(meta.get("runs", 0)) + 1
    meta["state"] = "writing"     # queries refuse the dataset until it is finalised
    write_meta(root, meta)
    return meta["runs"]


class Deduper:
    """The store writer's de-duplication rules (`store.writer.Writer._dedup`), in memory: a later
    document with a stored text or URL is dropped; one whose id is taken by another text is
    renamed `id~hash8`."""

    def __init__(self) -> None:
        self.hashes: set[str] = set()
        self.urls: set[str] = set()
        self.ids: set[str] = set()

    def check(self, a: Analyzed) -> tuple[Analyzed | None, str]:
        """(the document to keep, possibly renamed; "" or "renamed") or (None, why it is dropped)."""
        doc_id, note = self.decide(a.content_hash, a.url, a.doc_id)
        if doc_id is None:
            return None, note
        return (a.renamed(doc_id) if doc_id != a.doc_id else a), note

    def decide(self, hash_: str, url: str | None, doc_id: str) -> tuple[str | None, str]:
        """The id to store a document under (None: drop it) and a note (the reason, or "renamed")."""
        key = url_key(url)
        if hash_ in self.hashes:
            return None, "same text"
        if key and key in self.urls:
            return None, "same URL"
        note = ""
        if doc_id in self.ids:
            doc_id, note = f"{doc_id}~{hash_[:8]}", "renamed"
            if doc_id in self.ids:   # the new id is taken too: same id and hash prefix, give up
                return None, "document id taken"
        self.hashes.add(hash_)
        self.ids.add(doc_id)
        if key:
            self.urls.add(key)
        return doc_id, note
