#!/usr/bin/env python3
"""Score the time component on the dev gold (../shared/gold/<lang>/dev), as eval/score.py does.

Usage: python benchmarks/timex_dev.py [--lang de] [--gold DIR] [--verbose] [--no-tokens]

Matching follows score.py exactly: a gold timex is found when a predicted text contains it or
is contained in it (after NFKC, lower-casing, quote and whitespace normalisation); its value is
right when one candidate's value equals an acceptable value or refines it with a time of day
("2024-02-10T19:51" fits "2024-02-10"). Sentences and tags come from the real tokenizer and
tagger when those components exist, else from a regex splitter (tense then comes from
surface forms only).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from lagebild.components.time import TimeExtractor  # noqa: E402
from lagebild.model import Document, Sentence  # noqa: E402
from lagebild.pipeline import Resources  # noqa: E402
from lagebild.settings import Settings  # noqa: E402

SHARED = REPO.parent / "shared"
_SENT_END = re.compile(r"(?<!\d\.)(?<=[.!?])\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])|\n+")


def norm(s: object) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    for a, b in (("„", '"'), ("“", '"'), ("”", '"'), ("‚", "'"), ("‘", "'"), ("’", "'"), ("»", '"'), ("«", '"')):
        s = s.replace(a, b)
    return " ".join(s.split())


def regex_sentences(text: str) -> list[Sentence]:
    out, pos = [], 0
    for m in list(_SENT_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            out.append(Sentence(index=len(out), start=pos, end=end, tok_start=0, tok_end=0))
        pos = m.end() if m else end
    return out


def preprocessors(settings: Settings, resources: Resources) -> list:
    """Tokenizer and tagger if they exist (they may still be under construction)."""
    procs = []
    for module, cls in (("lagebild.components.tokens", "Tokenizer"), ("lagebild.components.tags", "Tagger")):
        try:
            mod = __import__(module, fromlist=[cls])
            procs.append(getattr(mod, cls)(settings, resources))
        except Exception as e:  # noqa: BLE001 - a half-built component must not stop the benchmark
            print(f"note: {module}.{cls} not used ({type(e).__name__}: {e})", file=sys.stderr)
            break
    return procs


def score(gold: dict, preds: list[dict]) -> tuple[int, int, int, int, list[str]]:
    found = right = fp = 0
    miss = []
    golds = gold.get("timex", [])
    for g in golds:
        cands = [x for x in preds if norm(g["text"]) in norm(x["text"]) or (norm(x["text"]) and norm(x["text"]) in norm(g["text"]))]
        if not cands:
            miss.append(f"missed {g['text']!r} want {g['value']}")
            continue
        found += 1
        if any(any(str(x["value"]) == gv or str(x["value"]).startswith(gv + "T") for gv in g["value"]) for x in cands):
            right += 1
        else:
            miss.append(f"value {g['text']!r}: got {[(x['text'], x['value'], x['rule']) for x in cands]} want {g['value']}")
    for x in preds:
        xt = norm(x["text"])
        if not any(xt and (norm(g["text"]) in xt or xt in norm(g["text"])) for g in golds):
            fp += 1
            miss.append(f"extra {x['text']!r} -> {x['value']} ({x['rule']})")
    return len(golds), found, right, fp, miss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", default="de")
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-tokens", action="store_true", help="regex sentences, no tokens or tags")
    a = ap.parse_args()
    gold_dir = a.gold or SHARED / "gold" / a.lang / "dev"
    if not gold_dir.exists():
        print(f"no gold at {gold_dir}", file=sys.stderr)
        return 2
    settings = Settings(lang=a.lang)
    resources = Resources(settings)
    procs = [] if a.no_tokens else preprocessors(settings, resources)
    timex = TimeExtractor(settings, resources)
    n_gold = n_found = n_right = n_pred = n_fp = 0
    for gf in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        text = gf.with_name(gf.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
        pub = gold["doc"].get("published")
        doc = Document(text=text, lang=a.lang, published=date.fromisoformat(pub) if pub else None)
        for p in procs:
            doc = p(doc)
        if not doc.sentences:
            doc.sentences = regex_sentences(text)
        doc = timex(doc)
        preds = [{"text": t.text, "value": t.value, "rule": t.rule} for t in doc.timexes]
        g, f, r, fp, miss = score(gold, preds)
        n_gold, n_found, n_right, n_pred, n_fp = n_gold + g, n_found + f, n_right + r, n_pred + len(preds), n_fp + fp
        if a.verbose and miss:
            print(f"## {gf.name[:-10]} (published {pub})")
            for m in miss:
                print("  " + m)
    ratio = lambda x, y: round(x / y, 3) if y else 0.0  # noqa: E731
    print(f"documents                 {len(list(gold_dir.glob('*.gold.json')))}")
    print(f"timex_gold                {n_gold}")
    print(f"timex_recall              {ratio(n_found, n_gold)}")
    print(f"timex_value_accuracy      {ratio(n_right, n_gold)}")
    print(f"timex_precision           {ratio(n_pred - n_fp, n_pred)}")
    print(f"preprocessing             {'+'.join(type(p).__name__ for p in procs) or 'regex sentences'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
