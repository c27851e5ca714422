#!/usr/bin/env python3
"""Score the quote component on the dev gold (../shared/gold/de/dev), as eval/score.py does.

Usage: python benchmarks/quotes_dev.py [--gold DIR] [--verbose]

Runs language, tokens, tags, actors and quotes on every dev article (with the article's
`published` date) and prints quote_recall and quote_attribution computed exactly like
score.py: a gold quote is found by the first predicted quote whose normalised text contains
the anchor (or lies inside it and is at least half as long); it is attributed when one of the
gold speaker names is a substring of the predicted speaker's joined values. Reads ../shared
(never copies it); exits 0 with a note when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))

COMPONENTS = ("language", "tokens", "tags", "actors", "discourse", "quotes")


def norm(s: Any) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    for a, b in (("„", '"'), ("“", '"'), ("”", '"'), ("‚", "'"), ("‘", "'"), ("’", "'"), ("»", '"'), ("«", '"')):
        s = s.replace(a, b)
    return " ".join(s.split())


def score_doc(gold: dict[str, Any], quotes: list[dict[str, Any]], miss: list[str]) -> dict[str, int]:
    r = {"q_gold": 0, "q_found": 0, "q_attr": 0, "q_pred": len(quotes), "q_fp": 0}
    used = set()
    for q in gold.get("quotes", []):
        r["q_gold"] += 1
        a = norm(q["anchor"])
        hit = None
        for i, p in enumerate(quotes):
            t = norm(p.get("text") or p.get("message"))
            if t and (a in t or (len(t) >= 0.5 * len(a) and t in a)):
                hit = i
                break
        if hit is None:
            miss.append(f"quote missed {q['id']} [{q['anchor'][:60]}] ({q.get('form')})")
            continue
        used.add(hit)
        r["q_found"] += 1
        sp = quotes[hit].get("speaker")
        spk = " | ".join(norm(v) for v in ([sp] if isinstance(sp, str) else list((sp or {}).values())) if v)
        if any(norm(s) and norm(s) in spk for s in q["speaker"]):
            r["q_attr"] += 1
        else:
            miss.append(f"quote speaker {q['id']}: got {spk[:70]!r} want {q['speaker']}")
    anchors = [norm(q["anchor"]) for q in gold.get("quotes", [])]
    for i, p in enumerate(quotes):
        if i in used:
            continue
        t = norm(p.get("text") or p.get("message"))
        if not any(a in t or t in a for a in anchors if t):
            r["q_fp"] += 1
            miss.append(f"extra quote [{(p.get('text') or '')[:60]}] ({p.get('form')})")
    return r


def run(gold_dir: Path, verbose: bool) -> dict[str, float]:
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    pipeline = make_pipeline(Settings(components=COMPONENTS, check_language=False))
    tot: dict[str, int] = {}
    for gf in sorted(gold_dir.glob("*.gold.json")):
        doc_id = gf.name[: -len(".gold.json")]
        gold = json.loads(gf.read_text(encoding="utf-8"))
        text = (gold_dir / f"{doc_id}.txt").read_text(encoding="utf-8")
        pub = gold["doc"].get("published")
        doc = Document(text=text, id=doc_id, title=gold["doc"].get("title"),
                       published=date.fromisoformat(pub) if pub else None)
        records = [r for r in pipeline(doc).records() if r["kind"] == "quote"]
        miss: list[str] = []
        r = score_doc(gold, records, miss)
        for k, n in r.items():
            tot[k] = tot.get(k, 0) + n
        if verbose and miss:
            print(f"== {doc_id}")
            for m in miss:
                print("  " + m)
    g = max(tot.get("q_gold", 0), 1)
    return {"quote_recall": round(tot.get("q_found", 0) / g, 3),
            "quote_attribution": round(tot.get("q_attr", 0) / g, 3),
            "quote_spurious": tot.get("q_fp", 0), "quotes_predicted": tot.get("q_pred", 0),
            "gold_quotes": tot.get("q_gold", 0)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(SHARED / "gold" / "de" / "dev"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    gold = Path(a.gold)
    if not gold.exists():
        print(f"note: {gold} is absent; nothing to score")
        return 0
    res = run(gold, a.verbose)
    if a.json:
        print(json.dumps(res))
    else:
        for k, val in res.items():
            print(f"{k:20s} {val}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
