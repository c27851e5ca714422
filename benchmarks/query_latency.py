"""Query latency on a synthetic store of N events (default 10 million).

    python benchmarks/query_latency.py                    # 10M events in a temporary store
    python benchmarks/query_latency.py --events 1000000 --db /tmp/synthetic.duckdb --keep
    python benchmarks/query_latency.py --parquet small    # also as a Parquet dataset (lagebild.scale)

The store is made with the real schema (migrations), and its events table (and the dyad index
derived from it) is filled by SQL inside DuckDB (fast; no analysis): 5 years of dates in ingest order, actor and recipient codes
drawn from 60 countries with a skewed (Zipf-like) distribution, 1-3 sectors, PLOVER types with
their quad codes and scores, a small JSON record per event. Then typical queries run repeatedly
with varying parameters and p50/p95 latencies are reported (through the Python API, i.e.
including the transfer into Arrow). Target: dyad by month over 5 years, p95 < 200 ms on 10M.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ["USA", "CHN", "RUS", "DEU", "FRA", "GBR", "UKR", "ISR", "IRN", "TUR", "IND", "JPN", "KOR", "PRK",
             "SAU", "EGY", "SYR", "IRQ", "AFG", "PAK", "POL", "ITA", "ESP", "NLD", "BEL", "AUT", "CHE", "SWE",
             "NOR", "FIN", "DNK", "HUN", "SRB", "BLR", "MDA", "GEO", "ARM", "AZE", "KAZ", "BRA", "ARG", "MEX",
             "CAN", "AUS", "ZAF", "NGA", "ETH", "SDN", "LBY", "YEM", "QAT", "ARE", "VEN", "CUB", "TWN", "VNM",
             "PHL", "IDN", "MYS", "THA"]
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("SUPPORT", 1, 3.4), ("COOPERATE", 2, 6.0), ("AID", 2, 7.0),
         ("REQUEST", 3, -1.5), ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0), ("THREATEN", 3, -6.0),
         ("SANCTION", 4, -8.0), ("PROTEST", 4, -6.5), ("COERCE", 4, -7.0), ("ASSAULT", 4, -10.0)]
SECTORS = ["GOV", "MIL", "", "", "OPP", "BUS"]
START = date(2020, 1, 1)
DAYS = 5 * 365


def generate(db: Path, n: int) -> float:
    """Fill a fresh store with `n` synthetic events; returns seconds taken."""
    from lagebild.store import open_store
    t0 = time.perf_counter()
    with open_store(db) as st:
        con = st.con
        con.execute("CREATE TEMP TABLE countries AS SELECT * FROM (SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) AS rank)", [COUNTRIES, COUNTRIES])
        con.execute("CREATE TEMP TABLE types AS SELECT * FROM (VALUES " +
                    ", ".join(f"({i}, '{t}', {q}, {s})" for i, (t, q, s) in enumerate(TYPES)) +
                    ") AS t(ti, name, quad, scale)")
        n_c, n_t, n_s = len(COUNTRIES), len(TYPES), len(SECTORS)
        sectors = "[" + ", ".join(f"'{s}'" for s in SECTORS) + "]"
        # Zipf-like: rank = floor(n_c ** u) for uniform u, so the first countries dominate
        con.execute(f"""
            INSERT INTO events BY NAME
            WITH r AS (
                SELECT range AS i,
                       (range * {DAYS} // {n})::INT AS day,
                       least({n_c}, floor(pow({n_c}, random()))::INT) AS a,
                       least({n_c}, floor(pow({n_c}, random()))::INT) AS b,
                       (random() * {n_t})::INT % {n_t} AS t,
                       (random() * {n_s})::INT % {n_s} + 1 AS sa,
                       (random() * {n_s})::INT % {n_s} + 1 AS sb
                FROM range({n}))
            SELECT 'doc' || (i // 8)::VARCHAR AS doc_id, (i % 8)::INT + 1 AS seq,
                   lpad(to_hex(i), 16, '0') AS event_id,
                   DATE '{START.isoformat()}' + day AS date,
                   ty.name AS event_type, [ty.name] AS event_types, NULL AS mode, []::VARCHAR[] AS context,
                   ca.code || {sectors}[sa] AS actor, ca.code AS actor_code,
                   nullif({sectors}[sa], '') AS actor_sector, ca.code || {sectors}[sa] AS actor_key,
                   cb.code || {sectors}[sb] AS recipient, cb.code AS recipient_code,
                   nullif({sectors}[sb], '') AS recipient_sector, cb.code || {sectors}[sb] AS recipient_key,
                   ty.quad AS quad_code, ty.scale AS event_scale, ty.scale / 1.0 AS goldstein,
                   NULL AS cameo, 0.8 AS confidence, 0 AS sentence, 0 AS span_start, 40 AS span_end,
                   'Source ' || (i % 40)::VARCHAR AS source,
                   ('0x' || substr(md5(least(ca.code, cb.code) || '|' || greatest(ca.code, cb.code)), 1, 15)
                   )::BIGINT AS pair_key,
                   '{{"kind":"event","id":"' || lpad(to_hex(i), 16, '0') || '","event":["' || ty.name ||
                   '"],"actor":[{{"code":"' || ca.code || '"}}],"recipient":[{{"code":"' || cb.code ||
                   '"}}],"date":"' || (DATE '{START.isoformat()}' + day)::VARCHAR || '"}}' AS data
            FROM r JOIN countries ca ON ca.rank = r.a JOIN countries cb ON cb.rank = r.b
                   JOIN types ty ON ty.ti = r.t
            ORDER BY i""")
        # documents are not generated (the measured queries do not read them): doc_seq from the id
        con.execute("INSERT INTO dyad_index SELECT pair_key, date, actor_code, quad_code, event_scale, goldstein, "
                    "substr(doc_id, 4)::BIGINT FROM events WHERE pair_key IS NOT NULL")
        st.optimize(force=True)
        con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def to_dataset(db: Path, root: Path, layout: str) -> dict:
    """The store's events as a Parquet dataset (`lagebild.scale` layout, partitioned by month).

    `small`: files of about 2,000 events, as a cluster writes them (one file per partition and
    month); `month`: one file per month sorted by (pair_key, date), as a compaction would leave it.
    """
    import duckdb

    from lagebild.scale.dataset import FORMAT, FORMAT_VERSION, write_meta
    from lagebild.store.minhash import MinHasher
    t0 = time.perf_counter()
    root.mkdir(parents=True)
    con = duckdb.connect(str(db), read_only=True)
    order = "date" if layout == "small" else "pair_key, date"
    rows = "ROW_GROUP_SIZE 2048, ROW_GROUPS_PER_FILE 1" if layout == "small" else "ROW_GROUP_SIZE 122880"
    target = str(root / "events").replace("'", "''")
    con.execute(f"COPY (SELECT *, strftime(date, '%Y-%m') AS month FROM events ORDER BY month, {order}) "
                f"TO '{target}' (FORMAT parquet, PARTITION_BY (month), FILENAME_PATTERN 'part-{{i}}', {rows})")
    con.close()
    write_meta(root, {"format": FORMAT, "version": FORMAT_VERSION, "minhash": MinHasher().params, "runs": 1,
                      "state": "final"})
    files = list((root / "events").rglob("*.parquet"))
    return {"layout": layout, "files": len(files), "mb": round(sum(f.stat().st_size for f in files) / 1e6, 1),
            "write_seconds": round(time.perf_counter() - t0, 1)}


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def measure(db: Path, runs: int, seed: int) -> dict[str, dict]:
    from lagebild.store import open_store
    rnd = random.Random(seed)
    top = COUNTRIES[:12]

    def month() -> tuple[date, date]:
        first = date(START.year + rnd.randrange(5), rnd.randrange(1, 13), 1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)

    cases = {
        "dyad by month, 5 years": lambda st: st.dyad(*rnd.sample(top, 2), by="month"),
        "dyad by week, 5 years, directed": lambda st: st.dyad(*rnd.sample(top, 2), by="week", directed=True),
        "events of one actor in one month": lambda st: st.events(actor=rnd.choice(top), since=(m := month())[0],
                                                                 until=m[1]),
        "events of one actor+sector, one type, one month": lambda st: st.events(
            actor=rnd.choice(top) + "GOV", type=rnd.choice(TYPES)[0], since=(m := month())[0], until=m[1]),
    }
    out = {}
    with open_store(db, read_only=True) as st:   # a directory opens as a Parquet dataset
        n_events = st.sql("SELECT count(*) AS n FROM events").to_pylist()[0]["n"]
        for name, fn in cases.items():
            for _ in range(3):       # warm-up: first touches load column segments from disk
                fn(st)
            times, rows = [], []
            for _ in range(runs):
                t = time.perf_counter()
                table = fn(st)
                times.append((time.perf_counter() - t) * 1000)
                rows.append(table.num_rows)
            out[name] = {"p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1),
                         "max_ms": round(max(times), 1), "median_rows": statistics.median(rows)}
    out["_events"] = n_events
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=40, help="Timed runs per query.")
    store_arguments(ap)
    ap.add_argument("--parquet", nargs="*", choices=["small", "month"], default=[],
                    help="Also measure the events as a Parquet dataset: files as a cluster writes them "
                         "(small) and/or compacted to one sorted file per month (month).")
    args = ap.parse_args(argv)
    result: dict = {"events_requested": args.events, "cpus": os.cpu_count(),
                    "load_average_before": os.getloadavg()[0]}
    with synthetic_store(args, lambda db: generate(db, args.events), result) as db:
        result["queries"] = measure(db, args.runs, args.seed)
        for layout in args.parquet:
            with tempfile.TemporaryDirectory(prefix="lagebild-parquet-") as ptmp:
                root = Path(ptmp) / "dataset"
                info = to_dataset(db, root, layout)
                info["queries"] = measure(root, args.runs, args.seed)
                result[f"parquet_{layout}"] = info
    report(result, args.json)
    return 0


def store_arguments(ap: argparse.ArgumentParser) -> None:
    """The options of the synthetic store (shared with web_latency.py)."""
    ap.add_argument("--db", type=Path, help="Store file (default: a temporary file).")
    ap.add_argument("--keep", action="store_true", help="Keep the store (with --db).")
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without generating.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="Also write the results as JSON here.")


@contextmanager
def synthetic_store(args: argparse.Namespace, make: Callable[[Path], float], result: dict,
                    leftovers: Callable[[Path], list[Path]] = lambda db: []):
    """The store to measure (shared with web_latency.py): `args.db`, made by `make` unless
    `--reuse`, or a temporary file; removed afterwards (with its `leftovers`) unless `--keep`
    or `--reuse`. Fills in how long making it took and its size."""
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="lagebild-bench-")
        db = Path(tmp.name) / "synthetic.duckdb"
    try:
        if not args.reuse:
            if db.exists():
                sys.exit(f"{db} exists; remove it or use --reuse")
            result["generate_seconds"] = round(make(db), 1)
        result["store_mb"] = round(db.stat().st_size / 1e6, 1)
        yield db
    finally:
        if tmp is not None:
            tmp.cleanup()
        elif not args.keep and not args.reuse and db.exists():
            db.unlink()
            for extra in leftovers(db):
                shutil.rmtree(extra, ignore_errors=True)


def report(result: dict, json_path: Path | None) -> None:
    result["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))
    if json_path:
        json_path.write_text(json.dumps(result, indent=2) + "\n")

if __name__ == "__main__":
    raise SystemExit(main())
