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
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from query_latency import COUNTRIES, START, generate, percentile, report, store_arguments, synthetic_store  # noqa: E402

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
        "api records": lambda: f"/api/records?kind=event&after={rnd.randrange(articles * 9)}",
    }


def as_json(path: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return base + ("" if base.endswith(".json") or base.startswith("/api/") else ".json") + (f"?{query}" if query else "")


def measure(db: Path, runs: int, seed: int, articles: int) -> dict[str, dict]:
    from lagebild.web.app import create_app, running
    started = time.perf_counter()
    app = create_app(db, search_cache=search_cache(db))
    print(f"server ready in {time.perf_counter() - started:.1f} s (search index included)", file=sys.stderr)
    rnd = random.Random(seed)
    out = {}
    with running(app) as base:
        conn = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port, timeout=60)
        try:
            for name, make in cases(rnd, articles).items():
                for kind, shape in (("html", lambda p: p), ("json", as_json)):
                    out[f"{name} ({kind})"] = row = timed(conn, lambda: shape(make()), runs)
                    print(f"{name + ' (' + kind + ')':45s} p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
                          f"{row['status']}", file=sys.stderr)
        finally:
            conn.close()
    return out


def timed(conn: http.client.HTTPConnection, path: Callable[[], str], runs: int) -> dict:
    """p50/p95 of `runs` GETs of `path()` (after two warm-ups: first touches load column segments)."""
    def get(p: str) -> tuple[float, int]:
        t = time.perf_counter()
        conn.request("GET", p)
        resp = conn.getresponse()
        resp.read()
        return (time.perf_counter() - t) * 1000, resp.status

    for _ in range(2):
        get(path())
    times, statuses = [], set()
    for _ in range(runs):
        ms, status = get(path())
        times.append(ms)
        statuses.add(status)
    return {"p50_ms": round(percentile(times, 0.5), 1), "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1), "status": sorted(statuses)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20, help="Timed requests per view and shape.")
    store_arguments(ap)
    args = ap.parse_args(argv)
    result: dict = {"articles": args.articles, "events": args.events, "cpus": os.cpu_count(),
                    "load_average_before": os.getloadavg()[0]}
    with synthetic_store(args, lambda db: build(db, args.articles, args.events), result,
                         leftovers=lambda db: [search_cache(db)]) as db:
        result["views"] = measure(db, args.runs, args.seed, args.articles)
    result["worst_p95_ms"] = max(v["p95_ms"] for v in result["views"].values())
    report(result, args.json)
    return 0


def search_cache(db: Path) -> Path:
    return db.parent / f"{db.name}.search"

if __name__ == "__main__":
    raise SystemExit(main())
