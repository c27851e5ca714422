"""End-to-end throughput of `analyze` on the German corpora in ../shared (never copied), or
on the English BBC corpus (`--corpus bbc`, analysed as English).

    python benchmarks/throughput.py [--limit 500] [--corpus tagesschau|gnad|all|bbc] [--json]

Reports, for one process, sentences, articles and tokens per CPU-second (process time) and
per wall-clock second, the CPU and wall time of each pipeline component, start-up (imports,
building the pipeline, a warm-up document) in CPU and wall seconds, and peak RSS. On a shared
machine wall time measures the load as much as the code; CPU time is what to compare. The
load average before and after is printed so a reader can tell how busy the machine was.
Targets (issue 14): >= 800 sentences per CPU-second, start-up <= 1.5 CPU-s, peak RSS <= 250 MB.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = {
    "tagesschau": SHARED / "corpora" / "de" / "tagesschau-zeit-2025-2026.jsonl",
    "gnad": SHARED / "corpora" / "de" / "10kgnad-test.csv",
    "bbc": SHARED / "corpora" / "en" / "bbc",
}
WARM_UP = {"de": "Aufwärmen: Der Kanzler traf den Präsidenten in Berlin.",
           "en": "Warm-up: the chancellor met the president in Berlin."}


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
    if corpus == "bbc":
        # one article per file, the title on its first line
        for f in sorted(CORPORA["bbc"].glob("*/*.txt")):
            texts.append(f.read_text(encoding="utf-8", errors="replace"))
    texts = [t for t in texts if len(t.strip()) > 40]
    return texts[:limit] if limit else texts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--corpus", default="all", choices=["tagesschau", "gnad", "all", "bbc"])
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not CORPORA["bbc" if a.corpus == "bbc" else "tagesschau"].exists():
        print("../shared/corpora not found: nothing to measure", file=sys.stderr)
        return 0
    load_before = os.getloadavg()
    # Start-up counts from here, so the imports of lagebild and its models are part of it.
    t0, c0 = time.perf_counter(), time.process_time()
    from lagebild.analysis import make_pipeline
    from lagebild.errors import LagebildError
    from lagebild.model import Document
    from lagebild.settings import Settings
    lang = "en" if a.corpus == "bbc" else "de"
    pipeline = make_pipeline(Settings(lang=lang, check_language=True))
    pipeline(Document(text=WARM_UP[lang], lang=lang))
    startup, startup_cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_startup_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = load_texts(a.corpus, a.limit)
    for k in pipeline.timings:
        pipeline.timings[k] = 0.0
        pipeline.cpu_timings[k] = 0.0
    n_sent = n_tok = n_doc = failed = 0
    t1, c1 = time.perf_counter(), time.process_time()
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
    wall, cpu = time.perf_counter() - t1, time.process_time() - c1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_total = sum(pipeline.cpu_timings.values()) or 1.0
    out = {
        "articles": n_doc, "failed": failed, "sentences": n_sent, "tokens": n_tok,
        "cpu_seconds": round(cpu, 2), "wall_seconds": round(wall, 2),
        "sentences_per_cpu_s": round(n_sent / cpu, 1), "articles_per_cpu_s": round(n_doc / cpu, 1),
        "tokens_per_cpu_s": round(n_tok / cpu),
        "sentences_per_wall_s": round(n_sent / wall, 1), "articles_per_wall_s": round(n_doc / wall, 1),
        "startup_cpu_seconds": round(startup_cpu, 2), "startup_wall_seconds": round(startup, 2),
        "startup_rss_mb": round(rss_startup_mb), "peak_rss_mb": round(rss_mb),
        "component_cpu_seconds": {k: round(v, 2) for k, v in pipeline.cpu_timings.items()},
        "component_cpu_share": {k: round(v / cpu_total, 3) for k, v in pipeline.cpu_timings.items()},
        "component_wall_seconds": {k: round(v, 2) for k, v in pipeline.timings.items()},
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:20s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
