"""End-to-end throughput of `analyze` on the German corpora in ../shared (never copied).

    python benchmarks/throughput.py [--limit 500] [--corpus tagesschau|gnad|all] [--json]

Reports articles/s, sentences/s and tokens/s for one process (one core), the time each
pipeline component takes, start-up time, and peak RSS. Target: >= 200 sentences/s per core.
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = {
    "tagesschau": SHARED / "corpora" / "de" / "tagesschau-zeit-2025-2026.jsonl",
    "gnad": SHARED / "corpora" / "de" / "10kgnad-test.csv",
}


def load_texts(corpus: str, limit: int) -> list[str]:
    texts: list[str] = []
    if corpus in ("tagesschau", "all"):
        with open(CORPORA["tagesschau"], encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                texts.append(rec.get("content") or rec.get("text") or "")
    if corpus in ("gnad", "all"):
        with open(CORPORA["gnad"], encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter=";", quotechar="'"):
                if len(row) >= 2:
                    texts.append(row[1])
    texts = [t for t in texts if len(t.strip()) > 40]
    return texts[:limit] if limit else texts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--corpus", default="all", choices=["tagesschau", "gnad", "all"])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not CORPORA["tagesschau"].exists():
        print("../shared/corpora not found: nothing to measure", file=sys.stderr)
        return 0
    from lagebild.analysis import make_pipeline
    from lagebild.errors import LagebildError
    from lagebild.model import Document
    from lagebild.settings import Settings
    texts = load_texts(a.corpus, a.limit)
    t0 = time.perf_counter()
    pipeline = make_pipeline(Settings(lang="de", check_language=True))
    pipeline(Document(text="Aufwärmen: Der Kanzler traf den Präsidenten in Berlin.", lang="de"))
    startup = time.perf_counter() - t0
    for k in pipeline.timings:
        pipeline.timings[k] = 0.0
    n_sent = n_tok = n_doc = failed = 0
    t1 = time.perf_counter()
    from lagebild.cli.output import progress
    for text in progress(texts, "analysing", total=len(texts)):
        try:
            doc = pipeline(Document(text=text))
        except LagebildError:
            failed += 1
            continue
        n_doc += 1
        n_sent += len(doc.sentences)
        n_tok += len(doc.tokens)
    wall = time.perf_counter() - t1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {
        "articles": n_doc, "failed": failed, "sentences": n_sent, "tokens": n_tok,
        "seconds": round(wall, 2), "startup_seconds": round(startup, 2),
        "articles_per_s": round(n_doc / wall, 1), "sentences_per_s": round(n_sent / wall, 1),
        "tokens_per_s": round(n_tok / wall), "peak_rss_mb": round(rss_mb),
        "component_seconds": {k: round(v, 2) for k, v in pipeline.timings.items()},
    }
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:20s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
