"""Analyse the dev gold articles and score them with the shared scorer.

    python benchmarks/score_dev.py [--gold ../shared/gold/de/dev] [--out DIR] [--verbose]
                                   [--event-classifier] [--split all|work|blind]

--split divides a gold folder by a hash of the article id: one third is the *blind* part, set
aside before the work on transfer began (issue 9). Look at the blind part only in totals: the
benchmark refuses --verbose with --split blind. `work` is the other two thirds.

Reads ../shared (never copies it); exits 0 with a note when it is absent. Prints the scorer's
summary; --json prints it as one JSON object (used by the quality-gate tests).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def is_blind(doc_id: str) -> bool:
    """One third of the articles, chosen by a hash of the id (stable, independent of content)."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0


def split_gold(gold: Path, split: str) -> Path:
    """A temporary gold folder holding only the articles of `split` (links, never copies)."""
    if split == "all":
        return gold
    keep = lambda i: is_blind(i) == (split == "blind")
    sub = Path(tempfile.mkdtemp(prefix=f"lagebild-gold-{split}-"))
    with open(gold / "articles.jsonl", encoding="utf-8") as src, \
            open(sub / "articles.jsonl", "w", encoding="utf-8") as dst:
        for line in src:
            if line.strip() and keep(json.loads(line)["id"]):
                dst.write(line)
    for f in gold.iterdir():
        doc_id = f.name.split(".")[0]
        if f.name != "articles.jsonl" and keep(doc_id):
            (sub / f.name).symlink_to(f.resolve())
    return sub


def analyze_to_dir(gold: Path, out: Path, event_classifier: bool = False,
                   components: tuple[str, ...] | None = None) -> None:
    from lagebild.analysis import analyze_items, make_pipeline
    from lagebild.formats.readers import Problem, ReadOptions, read_path
    from lagebild.settings import Settings
    from lagebild.errors import PipelineError
    from lagebild.pipeline import component_class
    names = []
    for n in components or Settings().components:   # skip components not built in this checkout
        try:
            component_class(n)
            names.append(n)
        except PipelineError as e:
            print(f"note: {e}", file=sys.stderr)
    pipeline = make_pipeline(Settings(components=tuple(names), event_classifier=event_classifier))
    items = read_path(gold / "articles.jsonl", ReadOptions())
    for doc, records in analyze_items(items, pipeline):
        if isinstance(doc, Problem):
            print(f"problem: {doc}", file=sys.stderr)
            continue
        with open(out / f"{doc.id}.jsonl", "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def score(gold: Path, out: Path, verbose: bool = False, as_json: bool = False) -> str:
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(out)]
    if verbose:
        cmd.append("--verbose")
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "gold" / "de" / "dev"))
    ap.add_argument("--out")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--event-classifier", action="store_true", help="check weak events with the learned classifier")
    ap.add_argument("--components", help="comma-separated pipeline, e.g. to measure the optional "
                    "spacy_tags: language,tokens,tags,spacy_tags,actors,time,quantities,quotes,events")
    ap.add_argument("--split", choices=("all", "work", "blind"), default="all",
                    help="score one part of the gold: blind (a third, totals only) or work (the rest)")
    a = ap.parse_args()
    gold = Path(a.gold)
    if not gold.exists():
        print(f"{gold} not found: nothing to score", file=sys.stderr)
        return 0
    if a.split == "blind" and a.verbose:
        print("the blind part is looked at in totals only: drop --verbose", file=sys.stderr)
        return 2
    gold = split_gold(gold, a.split)
    out = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="lagebild-dev-"))
    out.mkdir(parents=True, exist_ok=True)
    analyze_to_dir(gold, out, a.event_classifier, tuple(a.components.split(",")) if a.components else None)
    print(score(gold, out, a.verbose, a.json), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
