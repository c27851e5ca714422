"""Entity recall and code accuracy by the decade of the article, over the dev and train gold.

    PYTHONPATH=src python benchmarks/entities_by_decade.py [--shared ../shared]

The person lexicon has dated roles; this shows whether older articles (Wikinews 2005-12,
DER STANDARD 2015-16) are coded as well as current ones (tagesschau 2025-26). The decade comes
from `published`; articles without one whose id starts with gn/gt are DER STANDARD 2015-16
(the 2010s), wd* are Wikinews. The blind third of the train gold (see score_dev.py --split)
is analysed too but reported as one aggregate line, never per article or per decade.

Scores with the shared scorer (../shared/eval/score.py) on per-decade subsets of links, so
the numbers are the scorer's own. Exits 0 with a note when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_dev import SHARED, analyze_to_dir, is_blind  # noqa: E402

GOLD_SETS = ("dev", "train")
UNDATED_2010S = ("gn", "gt")   # DER STANDARD 2015-16 (10kGNAD) carries no date


def decade(article: dict) -> str:
    published = article.get("published") or ""
    if published[:4].isdigit():
        return published[:3] + "0s"
    if article["id"].startswith(UNDATED_2010S):
        return "2010s"
    return "undated"


def _subset(articles: list[dict], folders: dict[str, Path]) -> Path:
    """A temporary gold folder linking the given articles' files (never copies)."""
    sub = Path(tempfile.mkdtemp(prefix="lagebild-decade-"))
    with open(sub / "articles.jsonl", "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
            for suffix in (".txt", ".gold.json"):
                (sub / (a["id"] + suffix)).symlink_to((folders[a["id"]] / (a["id"] + suffix)).resolve())
    return sub


def _score(shared: Path, gold: Path, out: Path) -> dict:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold), "--pred", str(out), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(SHARED))
    shared = Path(ap.parse_args().shared)
    gold_root = shared / "gold" / "de"
    if not gold_root.exists():
        print(f"{gold_root} not found: nothing to measure", file=sys.stderr)
        return 0
    articles, folders = [], {}
    for name in GOLD_SETS:
        folder = gold_root / name
        for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                blind = name == "train" and is_blind(a["id"])
                articles.append({**a, "_blind": blind})
                folders[a["id"]] = folder
    strip = lambda a: {k: v for k, v in a.items() if k != "_blind"}
    everything = _subset([strip(a) for a in articles], folders)
    out = Path(tempfile.mkdtemp(prefix="lagebild-decade-out-"))
    analyze_to_dir(everything, out)
    groups: dict[str, list[dict]] = {}
    for a in articles:
        groups.setdefault("blind (total)" if a["_blind"] else decade(a), []).append(strip(a))
    print(f"{'bucket':16s} {'docs':>5s} {'entity_recall':>14s} {'entity_code_acc':>16s}")
    for bucket in sorted(groups):
        s = _score(shared, _subset(groups[bucket], folders), out)
        print(f"{bucket:16s} {s['documents']:5d} {s['entity_recall']:14.3f} {s['entity_code_accuracy']:16.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
