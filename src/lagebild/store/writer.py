"""The single writer: commits batches of analysed documents, each batch in one transaction.

A document row and all its records, LSH buckets and near-duplicate links are written in the
same transaction, so after a crash (even SIGKILL) every document is either fully stored or
absent, and a re-run stores exactly the missing ones.
"""
from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

from lagebild.errors import StoreError
from lagebild.store.analyzed import Analyzed, dumps
from lagebild.store.minhash import MinHasher, jaccard
from lagebild.store.rows import (ANNOTATIONS, DOCUMENTS, EVENT_LOCATIONS, EVENTS, QUOTES, SKIPPED, document_row,
                                 batch_columns, columns_table, skip_id, to_table, url_key)
from lagebild.store.schema import first_row, scalar

NEAR_DUPLICATE_THRESHOLD = 0.5
# re-sort the dyad index when its unsorted tail is this large (rows, and share of the table)
RESORT_MIN_ROWS = 50_000
RESORT_SHARE = 0.1
# the dyad index (migration 003): these event columns, and the document's seq
DYAD_INDEX = pa.schema([EVENTS.field(n) for n in ("pair_key", "date", "actor_code", "quad_code", "event_scale",
                                                  "goldstein")] + [pa.field("doc_seq", pa.int64())])
MAX_CANDIDATES = 50        # per new document: a bucket shared by thousands (boilerplate) must not explode
FaultHook = Callable[[str, int], None]


@dataclass
class BatchResult:
    stored: list[Analyzed] = field(default_factory=list)
    duplicates: list[tuple[Analyzed, str]] = field(default_factory=list)   # (result, reason)
    near_links: int = 0
    renamed: int = 0


DISK_FULL = "the disk is full: this batch was rolled back, the store holds every batch before it; " \
            "free some space and run the same ingest again to resume"


def disk_full(e: BaseException) -> bool:
    """No space left, or a file-size limit reached (EFBIG: quotas, `ulimit -f`)."""
    if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    msg = str(e).lower()
    return isinstance(e, duckdb.Error) and any(m in msg for m in ("no space left", "disk is full", "file too large",
                                                                  "quota exceeded"))


def fault_hook(spec: str | None) -> FaultHook | None:
    """Test hook: `phase:n` kills this process (SIGKILL) when the n-th batch reaches `phase`.

    Phases: insert (documents inserted, records not yet), links (records inserted, near-duplicate
    links not yet), commit (all written, COMMIT not yet), committed (just after COMMIT).
    `diskfull:n` raises DuckDB's "No space left on device" inside the n-th batch's
    transaction (a real full disk is not portable to make in a test). `notify:FILE` appends a line to FILE after each commit (tests kill the ingest at moments
    relative to it). Used by the crash-safety tests and benchmarks/ingest.py; unset in normal use.
    """
    if not spec:
        return None
    if spec.startswith("notify:"):
        target_file = spec.partition(":")[2]

        def notify(at: str, batch_no: int) -> None:
            if at == "committed":
                with open(target_file, "a", encoding="utf-8") as fh:
                    fh.write(f"{batch_no}\n")
        return notify
    if spec.startswith("diskfull:"):     # the disk fills up inside the n-th batch's transaction
        full_at = int(spec.partition(":")[2] or 1)

        def full(at: str, batch_no: int) -> None:
            if at == "links" and batch_no == full_at:
                raise duckdb.IOException("Could not write file: No space left on device")
        return full
    phase, _, n = spec.partition(":")
    target = int(n or 1)

    def hook(at: str, batch_no: int) -> None:
        if at == phase and batch_no == target:
            os.kill(os.getpid(), signal.SIGKILL)
    return hook


class Writer:
    def __init__(self, con: duckdb.DuckDBPyConnection, hasher: MinHasher | None = None,
                 near_threshold: float = NEAR_DUPLICATE_THRESHOLD, fault: FaultHook | None = None):
        self.con = con
        self.hasher = hasher or MinHasher()
        self.near_threshold = near_threshold
        self.fault = fault
        self.batches = 0
        self._check_minhash_params()

    def _check_minhash_params(self) -> None:
        row = first_row(self.con, "SELECT value FROM store_meta WHERE key = 'minhash'")
        if row is None:
            self.con.execute("INSERT INTO store_meta VALUES ('minhash', ?)", [self.hasher.params])
        elif row[0] != self.hasher.params:
            raise StoreError(f"the store's near-duplicate signatures use {row[0]}, not {self.hasher.params}")

    def _hook(self, phase: str) -> None:
        if self.fault is not None:
            self.fault(phase, self.batches)

    # --- new documents --------------------------------------------------------------------
    def commit(self, batch: Sequence[Analyzed], skipped: Sequence[dict] = ()) -> BatchResult:
        """Store the documents of `batch` that are not stored yet, and the rows of the items
        skipped since the last batch (`rows.skipped_row`), in one transaction."""
        self.batches += 1

        def work() -> BatchResult:
            result = self._dedup(batch)
            if result.stored:
                self._insert(result.stored)
                self._hook("links")
                result.near_links = self._link_near_duplicates(result.stored)
            self._settle_skips(batch, skipped)
            return result
        return self._in_transaction(work)

    def _settle_skips(self, arrived: Sequence[Analyzed], skipped: Sequence[dict]) -> None:
        """An item skipped again replaces its row; one that arrived (stored, or found stored
        already) is no longer skipped: its row goes."""
        rows = {r["skip_id"]: r for r in skipped}           # the last word on an item in one batch
        gone = [skip_id(a.origin) for a in arrived if a.origin]
        if not rows and not gone:
            return
        self.con.execute("DELETE FROM skipped WHERE skip_id IN (SELECT unnest(?))", [gone + list(rows)])
        if rows:
            self._append("skipped", to_table(list(rows.values()), SKIPPED))

    def _in_transaction(self, work: Callable[[], BatchResult]) -> BatchResult:
        """Run `work` in one transaction; the crash-test hooks mark its phases."""
        self.con.begin()
        try:
            result = work()
            self._hook("commit")
            self.con.commit()
        except BaseException as e:
            self._rollback()
            if disk_full(e):
                raise StoreError(DISK_FULL) from None
            raise
        self._hook("committed")
        return result

    def _rollback(self) -> None:
        try:
            self.con.rollback()
        except duckdb.Error:
            pass  # the transaction is already gone; the original error is what matters

    def _dedup(self, batch: Sequence[Analyzed]) -> BatchResult:
        """Drop documents whose content hash or URL is stored (or earlier in the batch); rename id clashes."""
        res = BatchResult()
        hashes, urls, ids = self._existing([a.content_hash for a in batch],
                                           [u for a in batch if (u := url_key(a.url))],
                                           [a.doc_id for a in batch])
        for a in batch:
            key = url_key(a.url)
            if a.content_hash in hashes:
                res.duplicates.append((a, "same text"))
                continue
            if key and key in urls:
                res.duplicates.append((a, "same URL"))
                continue
            if a.doc_id in ids:
                a = a.renamed(f"{a.doc_id}~{a.content_hash[:8]}")
                res.renamed += 1
                if a.doc_id in ids:   # the renamed id is taken too: same id and hash prefix, give up
                    res.duplicates.append((a, "document id taken"))
                    continue
            hashes.add(a.content_hash)
            ids.add(a.doc_id)
            if key:
                urls.add(key)
            res.stored.append(a)
        return res

    def _existing(self, hashes: list[str], urls: list[str], ids: list[str]) -> tuple[set, set, set]:
        # one query, not three: each costs the writer ~1.5 ms per batch whatever its size
        found: tuple[set, set, set] = (set(), set(), set())
        for which, value in self.con.execute(
                "SELECT 0, content_hash FROM documents WHERE content_hash IN (SELECT unnest(?)) "
                "UNION ALL SELECT 1, url_key FROM documents WHERE url_key IN (SELECT unnest(?)) "
                "UNION ALL SELECT 2, doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))",
                [hashes, urls, ids]).fetchall():
            found[which].add(value)
        return found

    def _insert(self, docs: list[Analyzed]) -> None:
        start = scalar(self.con, "SELECT coalesce(max(seq), 0) FROM documents")
        now = datetime.now().replace(microsecond=0)
        rows = [document_row(a, start + i + 1, now) for i, a in enumerate(docs)]
        self._append("documents", to_table(rows, DOCUMENTS))
        self._hook("insert")
        self._insert_records(docs, {r["doc_id"]: r["seq"] for r in rows})
        self._insert_buckets(docs)

    def _insert_records(self, docs: list[Analyzed], seqs: dict[str, int]) -> None:
        tables = batch_columns(docs)
        for name, schema in (("events", EVENTS), ("quotes", QUOTES), ("annotations", ANNOTATIONS)):
            if tables[name]["doc_id"]:
                self._append(name, columns_table(tables[name], schema))
        # the dyad index: the index's columns of the events with a pair and a date
        ev = tables["events"]
        keep = [i for i, (p, d) in enumerate(zip(ev["pair_key"], ev["date"])) if p is not None and d is not None]
        if keep:
            dyads = {n: [ev[n][i] for i in keep] for n in DYAD_INDEX.names if n != "doc_seq"}
            dyads["doc_seq"] = [seqs[ev["doc_id"][i]] for i in keep]
            self._append("dyad_index", columns_table(dyads, DYAD_INDEX))
        if tables["event_locations"]["doc_id"]:
            self._append("event_locations", columns_table(tables["event_locations"], EVENT_LOCATIONS))

    def _insert_buckets(self, docs: list[Analyzed]) -> None:
        bands, buckets, ids = [], [], []
        params = self.hasher.params
        for a in docs:
            if not a.minhash:
                continue
            # a worker's bands count only if its hasher is ours
            ours = a.bands[1] if a.bands is not None and a.bands[0] == params else self.hasher.buckets(a.minhash)
            for band, bucket in enumerate(ours):
                bands.append(band)
                buckets.append(bucket)
                ids.append(a.doc_id)
        if ids:
            self._append("minhash_bands", pa.table({"band": pa.array(bands, pa.int16()),
                                                    "bucket": pa.array(buckets, pa.uint64()),
                                                    "doc_id": pa.array(ids, pa.string())}))

    def _append(self, table: str, data: pa.Table) -> None:
        # DuckDB finds the Arrow table by its variable name (a replacement scan): half the CPU
        # of register + insert + unregister, ~0.5 ms of the writer's time per table and batch
        _lagebild_batch = data  # noqa: F841
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _lagebild_batch")

    def _link_near_duplicates(self, docs: list[Analyzed]) -> int:
        """Link each new document to earlier documents with similar shingles (LSH candidates, MinHash check)."""
        ids = [a.doc_id for a in docs if a.minhash]
        if not ids:
            return 0
        pairs = self.con.execute(
            """
            WITH new AS (SELECT b.band, b.bucket, b.doc_id, d.seq FROM minhash_bands b
                         JOIN documents d USING (doc_id) WHERE b.doc_id IN (SELECT unnest(?))),
                 cand AS (SELECT DISTINCT n.doc_id AS doc_id, n.seq AS seq, o.doc_id AS near_doc_id
                          FROM new n JOIN minhash_bands o ON o.band = n.band AND o.bucket = n.bucket
                          WHERE o.doc_id <> n.doc_id)
            SELECT c.doc_id, c.near_doc_id, dn.minhash, dd.minhash
            FROM cand c JOIN documents dd ON dd.doc_id = c.near_doc_id
                        JOIN documents dn ON dn.doc_id = c.doc_id
            WHERE dd.seq < c.seq
            QUALIFY row_number() OVER (PARTITION BY c.doc_id ORDER BY dd.seq DESC) <= ?
            """, [ids, MAX_CANDIDATES]).fetchall()
        links = [(a, b, j) for a, b, sa, sb in pairs if (j := jaccard(sa, sb)) >= self.near_threshold]
        if links:
            self._append("near_duplicates", pa.table({
                "doc_id": pa.array([x[0] for x in links], pa.string()),
                "near_doc_id": pa.array([x[1] for x in links], pa.string()),
                "jaccard": pa.array([x[2] for x in links], pa.float64())}))
        return len(links)

    # --- re-analysed documents --------------------------------------------------------------
    def replace(self, batch: Sequence[Analyzed], skipped: Sequence[dict] = ()) -> BatchResult:
        """Replace the records of stored documents with a new analysis (`ingest --reprocess`);
        a document whose new analysis failed keeps its records and gets a skipped row."""
        self.batches += 1
        res = BatchResult(stored=list(batch))
        if not batch and not skipped:
            return res
        ids = [a.doc_id for a in batch]

        def work() -> BatchResult:
            seqs = dict(self.con.execute("SELECT doc_id, seq FROM documents WHERE doc_id IN (SELECT unnest(?))",
                                         [ids]).fetchall())
            for table in ("events", "quotes", "annotations", "event_locations"):
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM dyad_index WHERE doc_seq IN (SELECT unnest(?))", [list(seqs.values())])
            self._insert_records([a for a in batch if a.doc_id in seqs], seqs)
            now = datetime.now().replace(microsecond=0)
            for a in batch:
                self.con.execute(
                    "UPDATE documents SET pipeline_version = ?, record = ?, lang = ?, warnings = ?, "
                    "analyzed_at = ? WHERE doc_id = ?",
                    [a.pipeline_version, dumps(a.document_record), a.lang or a.document_record.get("lang"),
                     list(a.warnings), now, a.doc_id])
            self._settle_skips(batch, skipped)
            return res
        return self._in_transaction(work)


def optimize(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Re-sort the dyad index by (pair, date) if its unsorted tail has grown (or `force`).

    One transaction: a crash leaves the previous, still correct, table.
    """
    total = scalar(con, "SELECT count(*) FROM dyad_index")
    sorted_rows = int(scalar(con, "SELECT value FROM store_meta WHERE key = 'dyad_index_sorted_rows'") or 0)
    tail = total - sorted_rows
    if not force and (tail < RESORT_MIN_ROWS or tail < RESORT_SHARE * total):
        return False
    con.begin()
    try:
        # (not CREATE OR REPLACE ... AS: that would drop the table's NOT NULL constraints)
        con.execute("CREATE TEMP TABLE _dyad_sorted AS SELECT * FROM dyad_index ORDER BY pair_key, date")
        con.execute("DELETE FROM dyad_index")
        con.execute("INSERT INTO dyad_index SELECT * FROM _dyad_sorted")
        con.execute("DROP TABLE _dyad_sorted")
        con.execute("INSERT INTO store_meta VALUES ('dyad_index_sorted_rows', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [str(total)])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return True
