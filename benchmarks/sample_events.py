"""Events on a random sample of unlabelled corpus articles, for reading by hand.

    python benchmarks/sample_events.py [--n 50] [--seed 7] [--source tagesschau|10kgnad] > /tmp/sample.txt

Prints, per article, each asserted event (type, actor -> recipient, date, trigger, and its
place after "@" when it has one) with its sentence, so that a reader can mark it right or wrong: the precision check on news the gold
never saw (issue 9). Reads ../shared (never copies it); exits 0 with a note when it is absent.
Write the output outside the repository: it quotes corpus sentences.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora" / "de"
UNASSERTED = {"negation", "hypothetical", "future"}


def articles(source: str) -> list[dict]:
    if source == "tagesschau":
        rows = [json.loads(line) for line in open(CORPORA / "tagesschau-zeit-2025-2026.jsonl", encoding="utf-8")]
        return [{"id": f"ts{i}", "text": f"{r['title']}\n\n{r['content']}",
                 "published": date.fromisoformat(r["gathered_date"][:10])}
                for i, r in enumerate(rows) if "tagesschau" in r.get("source", "") and r.get("content")]
    with open(CORPORA / "10kgnad-test.csv", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))
    return [{"id": f"gn{i}", "text": r[1], "published": None} for i, r in enumerate(rows) if len(r) > 1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--source", choices=("tagesschau", "10kgnad"), default="tagesschau")
    a = ap.parse_args()
    if not CORPORA.exists():
        print(f"{CORPORA} not found: nothing to sample", file=sys.stderr)
        return 0
    from lagebild.analysis import analyze_text, make_pipeline
    pipeline = make_pipeline()
    sample = random.Random(a.seed).sample(articles(a.source), a.n)
    total = 0
    for art in sample:
        doc = analyze_text(art["text"], pipeline=pipeline, id=art["id"], published=art["published"])
        events = [e for e in doc.events if not UNASSERTED & set(e.context)]
        total += len(events)
        print(f"## {art['id']} {art['published']} {doc.sentence_text(0)[:100]}")
        for e in events:
            side = lambda xs: ",".join(f"{x.code}:{x.text}" for x in xs)  # noqa: E731
            where = f" @ {e.location.extracted_place} ({e.location.country_code})" if e.location else ""
            print(f"  {e.event[0]:9s} {side(e.actor)} -> {side(e.recipient)} {e.date} [{e.trigger}]{where}")
            print(f"      {doc.sentence_text(e.sent)[:220]}")
    print(f"# {total} asserted events in {a.n} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
