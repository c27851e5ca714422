"""Page and JSON latency of `lagebild serve` on a synthetic store (default 100,000 articles and
1,000,000 events).

    python benchmarks/web_latency.py                                  # temporary store
    python benchmarks/web_latency.py --db /tmp/web.duckdb --keep      # keep it for --reuse
    python benchmarks/web_latency.py --db /tmp/web.duckdb --reuse --runs 30

The events are made as in `benchmarks/query_latency.py` (its `generate`), then regrouped into
ten per article; articles (about 1,500 characters of words each, for the search), one quote
per article, five entities per article and a location for 30% of the events are added by SQL.
The server runs as `lagebild serve` does (uvicorn, the store read-only) on 127.0.0.1, and
every view's first page is fetched over HTTP, as HTML and as JSON, with varying parameters;
p50/p95 per view are printed (target: p95 < 300 ms).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
from query_latency import COUNTRIES, START, generate, percentile  # noqa: E402

WORDS = ("Regierung Minister Gespräch Waffenruhe Grenze Angriff Abkommen Handel Sanktionen Gipfel Präsident "
         "Parlament Wahl Protest Armee Hilfe Flüchtlinge Verhandlungen Botschafter Erklärung Kritik Treffen "
         "Konflikt Zusammenarbeit Energie Gas Öl Hafen Zoll Krieg Frieden Vertrag Opposition Gericht Polizei "
         "Demonstration Krise Bündnis Kanzler Außenminister").split()
CITIES = [("Berlin", "DEU", 52.52, 13.40), ("Moskau", "RUS", 55.75, 37.62), ("Peking", "CHN", 39.90, 116.40),
          ("Kiew", "UKR", 50.45, 30.52), ("Gaza", "PSE", 31.50, 34.47), ("Washington", "USA", 38.90, -77.04),
          ("Paris", "FRA", 48.86, 2.35), ("Teheran", "IRN", 35.69, 51.39), ("Ankara", "TUR", 39.93, 32.86),
          ("Tokio", "JPN", 35.68, 139.69), ("Kairo", "EGY", 30.04, 31.24), ("London", "GBR", 51.51, -0.13)]
PER_DOC = 10


def build(db: Path, articles: int, events: int) -> float:
    """The events of query_latency.generate, regrouped per article, plus the other tables."""
    from lagebild.store import open_store
    t0 = time.perf_counter()
    print(f"generating {events:,} events ...", file=sys.stderr)
    generate(db, events)
    per_doc = max(1, events // articles)
    with open_store(db) as st:
        con = st.con
        print(f"regrouping into {articles:,} articles, adding texts, quotes, entities, places ...", file=sys.stderr)
        con.execute(f"UPDATE events SET doc_id = 'doc' || (('0x' || event_id)::BIGINT // {per_doc}), "
                    f"seq = (('0x' || event_id)::BIGINT % {per_doc})::INT + 1")
        con.execute(f"""
            INSERT INTO documents (seq, doc_id, content_hash, url, url_key, title, published, source, lang, text,
                                   chars, origin, pipeline_version, warnings, record, ingested_at)
            SELECT i, 'doc' || i, md5(i::VARCHAR), 'https://news.example/' || i, 'news.example/' || i,
                   'Artikel ' || i || ': ' || list_extract($words, 1 + (hash(i) % {len(WORDS)})::INT) || ' in '
                   || list_extract($countries, 1 + (i % {len(COUNTRIES)})::INT),
                   DATE '{START.isoformat()}' + (i * {5 * 365} // {articles})::INT, 'Source ' || (i % 40), 'de', t,
                   length(t), 'synthetic', '0.1.0', [], '{{"kind":"document","doc_id":"doc' || i || '"}}', now()
            FROM (SELECT i, array_to_string(list_transform(range(200),
                            lambda k: list_extract($words, 1 + (hash(i * 1000 + k) % {len(WORDS)})::INT)), ' ') AS t
                  FROM range({articles}) r(i))""", {"words": WORDS, "countries": COUNTRIES})
        con.execute(f"""
            INSERT INTO quotes SELECT 'doc' || i, 0, 1, 0, 60, 'direct', 'Wir wollen Frieden ' || i,
                   'Sprecher ' || (i % 500), 'Speaker ' || (i % 500), NULL, c, '{{"kind":"quote"}}'
            FROM (SELECT i, list_extract($countries, 1 + (i % 12)::INT) AS c FROM range({articles}) r(i))""",
                    {"countries": COUNTRIES})
        con.execute(f"""
            INSERT INTO annotations SELECT 'doc' || i, 100 + k, 'entity', 0, k * 20, k * 20 + 8, 'Name ' || k, 'PER',
                   'CHN', '{{"kind":"entity","start":' || (k * 20) || ',"end":' || (k * 20 + 8) || '}}'
            FROM range({articles}) r(i), range(5) s(k)""")
        values = ", ".join(f"({k}, '{n}', '{c}', {lat}, {lon})" for k, (n, c, lat, lon) in enumerate(CITIES))
        con.execute(f"""
            INSERT INTO event_locations
            SELECT e.doc_id, e.seq, e.event_id, p.n, p.n, p.c, NULL, p.lat + (hash(e.event_id) % 100) / 100.0,
                   p.lon + (hash(e.event_id || 'x') % 100) / 100.0, 4
            FROM events e JOIN (VALUES {values}) p(k, n, c, lat, lon) ON p.k = hash(e.event_id || 'c') % {len(CITIES)}
            WHERE hash(e.event_id) % 10 < 3""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def cases(rnd: random.Random, articles: int) -> dict[str, callable]:
    top = COUNTRIES[:12]

    def month() -> str:
        y, m = 2020 + rnd.randrange(5), rnd.randrange(1, 13)
        return f"since={y}-{m:02d}-01&until={y}-{m:02d}-28"

    return {
        "overview": lambda: "/",
        "events": lambda: "/events",
        "events, actor + month": lambda: f"/events?actor={rnd.choice(top)}&{month()}",
        "events, type sorted by goldstein": lambda: f"/events?type=ASSAULT&sort=goldstein&desc=1",
        "timeline by month": lambda: "/timeline?by=month",
        "timeline of one actor by week": lambda: f"/timeline?actor={rnd.choice(top)}&by=week",
        "network": lambda: "/network",
        "dyad by month": lambda: "/dyad?a={}&b={}".format(*rnd.sample(top, 2)),
        "map": lambda: "/map",
        "map of one actor": lambda: f"/map?actor={rnd.choice(top)}",
        "quotes": lambda: "/quotes",
        "quotes of a speaker": lambda: f"/quotes?speaker=Sprecher+{rnd.randrange(500)}",
        "search, one word": lambda: f"/search?q={quote(rnd.choice(WORDS))}",
        "search, two words": lambda: "/search?q={}+{}".format(*map(quote, rnd.sample(WORDS, 2))),
        "article": lambda: f"/article?id=doc{rnd.randrange(articles)}",
        "stories": lambda: "/stories",
        "api records": lambda: f"/api/records?kind=event&page={rnd.randrange(1, 200)}",
    }


def as_json(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return base + ("" if base.endswith(".json") or base.startswith("/api/") else ".json") + (f"?{query}" if query else "")


def measure(db: Path, runs: int, seed: int, articles: int) -> dict[str, dict]:
    import uvicorn

    from lagebild.web.app import create_app
    started = time.perf_counter()
    app = create_app(db, search_cache=db.parent / f"{db.name}.search")
    print(f"server ready in {time.perf_counter() - started:.1f} s (search index included)", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(path: str) -> tuple[float, int, int]:
        t = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        return (time.perf_counter() - t) * 1000, resp.status, len(body)

    rnd = random.Random(seed)
    out = {}
    try:
        for name, make in cases(rnd, articles).items():
            for kind, shape in (("html", lambda p: p), ("json", as_json)):
                for _ in range(2):                 # warm-up: first touches load column segments
                    get(shape(make()))
                times, statuses = [], set()
                for i in range(runs):
                    ms, status, _ = get(shape(make()))
                    times.append(ms)
                    statuses.add(status)
                out[f"{name} ({kind})"] = {"p50_ms": round(percentile(times, 0.5), 1),
                                           "p95_ms": round(percentile(times, 0.95), 1),
                                           "max_ms": round(max(times), 1), "status": sorted(statuses)}
                row = out[f"{name} ({kind})"]
                print(f"{name + ' (' + kind + ')':45s} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
                      f"{row['status']}", file=sys.stderr)
    finally:
        conn.close()
        server.should_exit = True
        thread.join(timeout=10)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20, help="Timed requests per view and shape.")
    ap.add_argument("--db", type=Path, help="Store file (default: a temporary file).")
    ap.add_argument("--keep", action="store_true", help="Keep the store (with --db).")
    ap.add_argument("--reuse", action="store_true", help="Measure an existing --db without generating.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, help="Also write the results as JSON here.")
    args = ap.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="lagebild-web-bench-")
        args.db = Path(tmp.name) / "synthetic.duckdb"
    try:
        result: dict = {"articles": args.articles, "events": args.events, "cpus": os.cpu_count(),
                        "load_average_before": os.getloadavg()[0]}
        if not args.reuse:
            if args.db.exists():
                sys.exit(f"{args.db} exists; remove it or use --reuse")
            result["generate_seconds"] = round(build(args.db, args.articles, args.events), 1)
        result["store_mb"] = round(args.db.stat().st_size / 1e6, 1)
        result["views"] = measure(args.db, args.runs, args.seed, args.articles)
        result["worst_p95_ms"] = max(v["p95_ms"] for v in result["views"].values())
        result["load_average_after"] = os.getloadavg()[0]
        print(json.dumps(result, indent=2))
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n")
    finally:
        if tmp is not None:
            tmp.cleanup()
        elif not args.keep and not args.reuse and args.db.exists():
            args.db.unlink()
            shutil.rmtree(args.db.parent / f"{args.db.name}.search", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
