"""Finalising a dataset after its partitions are written: one consistent, de-duplicated whole.

1. Files no manifest names (of tasks killed half-way) and temporary files are removed.
2. Exact duplicates across partitions: the store's rules (`Deduper`) applied in seq order to
   the documents that share a content hash, URL or id with another; groups holding a dropped or
   renamed document are rewritten (new file under the new content's name, then the manifest,
   then the old file removed: a crash in between leaves an orphan that the next finalise removes).
3. Near-duplicates: MinHash LSH over all documents, as the store's writer links them (each
   document to earlier ones with a shared band, at most `MAX_CANDIDATES`, Jaccard estimate at
   least the threshold), written as `near_duplicates/part-<hash>.parquet`.
4. `_lagebild.json` says `final`: from then on the dataset can be queried.

Finalising again changes nothing, so a crash anywhere is repaired by running it again.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from lagebild.errors import StoreError
from lagebild.scale.dataset import (NEAR, NEAR_SCHEMA, PARTS, SKIPS, Deduper, Group, group_name, manifests,
                                    read_meta, skipped_file, tables, write_atomic, write_group, write_manifest,
                                    write_meta)
from lagebild.store.minhash import MinHasher
from lagebild.store.rows import RECORD_TABLES, analyzed_from_rows
from lagebild.store.writer import MAX_CANDIDATES, NEAR_DUPLICATE_THRESHOLD

Step = Callable[[str], None]


@dataclass
class FinaliseReport:
    documents: int = 0
    orphans_removed: int = 0
    duplicates: dict[str, int] = field(default_factory=dict)    # reason -> documents dropped
    renamed: int = 0
    groups_rewritten: int = 0
    near_duplicate_links: int = 0


def finalise(root: str | Path, near_threshold: float = NEAR_DUPLICATE_THRESHOLD,
             step: Step | None = None) -> FinaliseReport:
    """Finalise the dataset at `root` (see the module docstring); `step` is told each phase."""
    root = Path(root)
    meta = read_meta(root)
    hasher = MinHasher()
    if meta.get("minhash") != hasher.params:
        raise StoreError(f"{root}: the dataset's signatures use {meta.get('minhash')}, not {hasher.params}")
    say = step or (lambda _: None)
    report = FinaliseReport()
    say("removing unfinished files")
    parts = manifests(root)
    report.orphans_removed = _remove_orphans(root, parts)
    say("finding duplicates across partitions")
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        _rewrite_duplicates(root, con, parts, report)
        say("linking near-duplicates")
        report.near_duplicate_links = _near_duplicates(root, con, parts, hasher, near_threshold)
        report.documents = sum(int(m.get("documents", 0)) for m in manifests(root).values())
    finally:
        con.close()
    meta.update(state="final", documents=report.documents, near_duplicate_links=report.near_duplicate_links)
    write_meta(root, meta)
    return report


def _group_files(parts: dict[str, dict]) -> Iterator[tuple[str, Group]]:
    for key, m in parts.items():
        for g in m.get("groups", []):
            yield key, Group.from_json(g)


def _remove_orphans(root: Path, parts: dict[str, dict]) -> int:
    wanted = {f for _, g in _group_files(parts) for f in g.files(root)}
    wanted |= {skipped_file(root, key) for key, m in parts.items() if m.get("skipped_rows")}
    missing = [f for f in wanted if not f.exists()]
    if missing:
        raise StoreError(f"{missing[0]}: a partition manifest names this file but it is missing "
                         f"({len(missing)} missing); remove {root / PARTS} of the partitions concerned "
                         "and run the ingest again")
    removed = 0
    for t in list(tables()) + [NEAR, SKIPS]:
        for f in (root / t).rglob("*"):
            if f.is_file() and (f.name.endswith(".tmp") or (t != NEAR and f.suffix == ".parquet" and f not in wanted)):
                f.unlink()
                removed += 1
    for f in (root / PARTS).glob("*.tmp"):
        f.unlink()
    return removed


def _docs_sql(root: Path, columns: str, parts: dict[str, dict]) -> str | None:
    """SELECT over every documents file (after `_remove_orphans`, the files the manifests name:
    a glob, not a list, so the statement stays small however many partitions there are)."""
    if not any(True for _ in _group_files(parts)):
        return None
    glob = str(root / "documents" / "*" / "part-*.parquet").replace("'", "''")
    return f"SELECT {columns} FROM read_parquet('{glob}', filename = true, hive_partitioning = false)"


def _rewrite_duplicates(root: Path, con: duckdb.DuckDBPyConnection, parts: dict[str, dict],
                        report: FinaliseReport) -> None:
    src = _docs_sql(root, "seq, doc_id, content_hash, url_key, url, filename", parts)
    if src is None:
        return
    # only documents that share a key with another can be affected: a small set, read in seq order
    rows = con.execute(f"""
        WITH d AS ({src})
        SELECT seq, doc_id, content_hash, url, filename FROM d
        WHERE content_hash IN (SELECT content_hash FROM d GROUP BY 1 HAVING count(*) > 1)
           OR url_key IN (SELECT url_key FROM d WHERE url_key IS NOT NULL GROUP BY 1 HAVING count(*) > 1)
           OR doc_id IN (SELECT doc_id FROM d GROUP BY 1 HAVING count(*) > 1)
        ORDER BY seq""").fetchall()
    dedup = Deduper()
    changes: dict[str, dict[int, str | None]] = {}    # documents file -> seq -> new id (None: drop)
    for seq, doc_id, h, url, filename in rows:
        new_id, note = dedup.decide(h, url, doc_id)
        if new_id is None:
            report.duplicates[note] = report.duplicates.get(note, 0) + 1
        elif note == "renamed":
            report.renamed += 1
        if new_id != doc_id:
            changes.setdefault(str(Path(filename)), {})[seq] = new_id
    if not changes:
        return
    by_file = {str(g.files(root)[0]): (key, g) for key, g in _group_files(parts)}
    for filename, change in changes.items():
        key, group = by_file[filename]
        _rewrite_group(root, parts, key, group, change)
        report.groups_rewritten += 1


def _rewrite_group(root: Path, parts: dict[str, dict], key: str, group: Group, change: dict[int, str | None]) -> None:
    old_files = group.files(root)
    manifest = parts[key]
    groups = [g for g in manifest["groups"] if g["name"] != group.name or g["month"] != group.month]
    if all(v is None for v in change.values()):
        # only drops (the common case: a crawl repeats articles): filter the rows as they are
        new = _drop_rows(root, group, old_files, set(change))
    else:
        # renames change ids inside the records' JSON (event ids hash the document id)
        kept = []
        for seq, a in _read_group(old_files):
            if seq in change:
                if change[seq] is None:
                    continue
                a = a.renamed(change[seq])
            kept.append((seq, a))
        new = write_group(root, group.month, kept) if kept else None
    if new is not None:
        groups.append(new.to_json())
    manifest = dict(manifest, groups=sorted(groups, key=lambda g: (g["month"], g["name"])),
                    documents=sum(int(g["documents"]) for g in groups))
    write_manifest(root, key, manifest)
    parts[key] = manifest
    new_names = {(g["month"], g["name"]) for g in groups}
    if (group.month, group.name) not in new_names:
        for f in old_files:
            f.unlink(missing_ok=True)


def _drop_rows(root: Path, group: Group, files: list[Path], seqs: set[int]) -> Group | None:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
    docs = pq.read_table(files[0])
    keep = pc.invert(pc.is_in(docs.column("seq"), value_set=pa.array(sorted(seqs), pa.int64())))
    docs = docs.filter(keep)
    if not docs.num_rows:
        return None
    names = group_name(_Keys(*row) for row in zip(*(docs.column(c).to_pylist()
                                                     for c in ("pipeline_version", "content_hash", "doc_id"))))
    new = Group(group.month, names, docs.num_rows)
    ids = docs.column("doc_id")
    for f, target in zip(files, new.files(root)):
        t = docs if f == files[0] else pq.read_table(f)
        if f != files[0]:
            t = t.filter(pc.is_in(t.column("doc_id"), value_set=ids))
        write_atomic(t, target)
        new.rows[f.parent.parent.name] = t.num_rows
    return new


@dataclass(frozen=True)
class _Keys:
    """What `group_name` reads of a document."""
    pipeline_version: str
    content_hash: str
    doc_id: str


def _read_group(files: list[Path]) -> list[tuple[int, object]]:
    import pyarrow.parquet as pq
    docs = pq.read_table(files[0]).to_pylist()
    records: dict[str, list[tuple[int, str]]] = {}
    for f, name in zip(files[1:], list(tables())[1:]):
        if name not in RECORD_TABLES:
            continue        # derived rows (event_locations) are rebuilt from the records
        t = pq.read_table(f, columns=["doc_id", "seq", "data"])
        for doc_id, seq, data in zip(*(t.column(c).to_pylist() for c in ("doc_id", "seq", "data"))):
            records.setdefault(doc_id, []).append((seq, data))
    return [(d["seq"], analyzed_from_rows(d, records.get(d["doc_id"], []))) for d in docs]


def _near_duplicates(root: Path, con: duckdb.DuckDBPyConnection, parts: dict[str, dict], hasher: MinHasher,
                     threshold: float) -> int:
    src = _docs_sql(root, "seq, doc_id, minhash", manifests(root))
    links: list[tuple[str, str, float]] = []
    if src is not None:
        docs = con.sql(f"SELECT seq, doc_id, minhash FROM ({src}) WHERE minhash IS NOT NULL "
                       "AND octet_length(minhash) = ? ORDER BY seq", params=[hasher.num_perm * 4]).to_arrow_table()
        links = near_links(docs, hasher, threshold, con)
    near_dir = root / NEAR
    digest = hashlib.sha256("\n".join(f"{a}|{b}|{j!r}" for a, b, j in links).encode()).hexdigest()[:24]
    target = near_dir / f"part-{digest}.parquet"
    write_atomic(pa.table({"doc_id": [x[0] for x in links], "near_doc_id": [x[1] for x in links],
                           "jaccard": [x[2] for x in links]}, schema=NEAR_SCHEMA), target)
    for f in near_dir.glob("*.parquet"):   # the previous finalise's links, replaced by this one
        if f != target:
            f.unlink()
    return len(links)


def near_links(docs: pa.Table, hasher: MinHasher, threshold: float,
               con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, float]]:
    """(later doc, earlier doc, Jaccard estimate) for `docs` (seq, doc_id, minhash in seq order).

    The LSH bands are compared as they are (16 bytes, two uint64), not hashed: equal bands are
    exactly the buckets the writer's `MinHasher.buckets` hashes them into, computed with numpy for
    all documents at once instead of one blake2b call per band.
    """
    n = docs.num_rows
    if n < 2:
        return []
    sigs = np.frombuffer(b"".join(docs.column("minhash").to_pylist()), dtype="<u4").reshape(n, hasher.num_perm)
    rows = hasher.num_perm // hasher.bands
    words = np.ascontiguousarray(sigs).view(np.uint8).reshape(n, hasher.bands, rows * 4)
    # band bytes as (hi, lo) uint64 pairs; longer bands are folded by a fixed mixing (only candidates)
    keys = np.zeros((n, hasher.bands, 2), dtype=np.uint64)
    for i in range(0, rows * 4, 16):
        chunk = np.zeros((n, hasher.bands, 16), dtype=np.uint8)
        piece = words[:, :, i:i + 16]
        chunk[:, :, :piece.shape[2]] = piece
        keys = keys * np.uint64(0x9E3779B97F4A7C15) ^ chunk.view(np.uint64).reshape(n, hasher.bands, 2)
    idx = np.repeat(np.arange(n, dtype=np.int64), hasher.bands)
    band = np.tile(np.arange(hasher.bands, dtype=np.int16), n)
    bands = pa.table({"i": idx, "band": band, "hi": keys[:, :, 0].ravel(), "lo": keys[:, :, 1].ravel()})
    con.register("_bands", bands)
    try:
        # as the writer's query: candidates sharing a band, earlier only, the latest MAX_CANDIDATES
        pairs = con.execute("""
            WITH cand AS (SELECT DISTINCT a.i AS i, b.i AS j FROM _bands a
                          JOIN _bands b ON a.band = b.band AND a.hi = b.hi AND a.lo = b.lo AND b.i < a.i)
            SELECT i, j FROM cand QUALIFY row_number() OVER (PARTITION BY i ORDER BY j DESC) <= ?
            ORDER BY i, j""", [MAX_CANDIDATES]).fetchnumpy()
    finally:
        con.unregister("_bands")
    i, j = pairs["i"].astype(np.int64), pairs["j"].astype(np.int64)
    if not len(i):
        return []
    jac = np.count_nonzero(sigs[i] == sigs[j], axis=1) / hasher.num_perm
    ids = docs.column("doc_id").to_pylist()
    keep = jac >= threshold
    return [(ids[a], ids[b], float(x)) for a, b, x in zip(i[keep], j[keep], jac[keep])]
