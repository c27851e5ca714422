#!/usr/bin/env python3
"""Quote and speaker extraction on the German Wikinews quotation corpus (dev split).

Usage: python benchmarks/quotes_wikinews.py [--split dev] [--limit N] [--json] [--verbose]

Runs language, tokens, tags, actors and quotes on every article of
../shared/corpora/de/wikinews-quotes/<split>/ and compares with the annotations:

- quote span, overlap: a predicted quote is correct when it overlaps a gold quote span (any
  annotation type); a gold quote is found when some predicted quote overlaps it;
- quote span, exact: same, but the spans must be equal once quotation marks, whitespace and
  edge punctuation are stripped from both;
- speaker, overlap: a predicted quote with a speaker is correct when it overlaps a gold quote
  whose speaker span overlaps the predicted speaker span (the entity's offsets; for a speaker
  known only as text, the nearest occurrence of that text); recall counts gold quotes that
  have a speaker;
- speaker, exact: the speaker spans must be equal as well (after stripping).

Also prints recall per annotation type. Reads ../shared (never copies it); exits 0 with a
note when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "de" / "wikinews-quotes"
sys.path.insert(0, str(REPO / "src"))

COMPONENTS = ("language", "tokens", "tags", "actors", "discourse", "quotes")
STRIP = " \t\n\r\"'„“”‚‘’»«›‹.,;:!?()-–—"
Span = tuple[int, int]


def strip_span(text: str, a: int, b: int) -> Span:
    while a < b and text[a] in STRIP:
        a += 1
    while b > a and text[b - 1] in STRIP:
        b -= 1
    return a, b


def overlaps(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def gold_quotes(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for a in doc["annotations"]:
        spans = [(s["charBegin"], s["charEnd"]) for s in a["quote"]["spans"]]
        if not spans:
            continue
        out.append({"type": a["type"], "spans": spans,
                    "speaker": [(s["charBegin"], s["charEnd"]) for s in a["speaker"]["spans"]]})
    return out


def speaker_span(text: str, q: Any) -> Span | None:
    if q.speaker is not None:
        return q.speaker.start, q.speaker.end
    if not q.speaker_text:
        return None
    hits, i = [], text.find(q.speaker_text)
    while i >= 0:
        hits.append(i)
        i = text.find(q.speaker_text, i + 1)
    if not hits:
        return None
    i = min(hits, key=lambda h: abs(h - q.start))
    return i, i + len(q.speaker_text)


def score_doc(text: str, golds: list[dict[str, Any]], preds: list[Any], tot: Counter, verbose: bool) -> None:
    g_exact = [{strip_span(text, *s) for s in g["spans"]} for g in golds]
    g_spk = [{strip_span(text, *s) for s in g["speaker"]} for g in golds]
    found, found_x, spk_found, spk_found_x = set(), set(), set(), set()
    for q in preds:
        span, xs = (q.start, q.end), strip_span(text, q.start, q.end)
        hits = [i for i, g in enumerate(golds) if any(overlaps(span, s) for s in g["spans"])]
        tot["pred"] += 1
        tot["pred_ok"] += bool(hits)
        found.update(hits)
        exact = [i for i in hits if xs in g_exact[i]]
        tot["pred_ok_exact"] += bool(exact)
        found_x.update(exact)
        sp = speaker_span(text, q)
        if sp is None:
            if verbose and not hits:
                print(f"  extra quote [{q.text[:70]}] ({q.form})")
            continue
        tot["pred_spk"] += 1
        good = [i for i in hits if any(overlaps(sp, s) for s in golds[i]["speaker"])]
        tot["pred_spk_ok"] += bool(good)
        spk_found.update(good)
        good_x = [i for i in good if i in exact and strip_span(text, *sp) in g_spk[i]]
        tot["pred_spk_ok_exact"] += bool(good_x)
        spk_found_x.update(good_x)
        if verbose and hits and not good:
            want = [text[a:b] for a, b in golds[hits[0]]["speaker"]]
            print(f"  speaker [{q.text[:40]}] ({q.form}): got {text[sp[0]:sp[1]]!r} want {want}")
        elif verbose and not hits:
            print(f"  extra quote [{q.text[:70]}] ({q.form}) by {text[sp[0]:sp[1]]!r}")
    for i, g in enumerate(golds):
        tot["gold"] += 1
        tot[f"gold:{g['type']}"] += 1
        tot["gold_found"] += i in found
        tot[f"found:{g['type']}"] += i in found
        tot["gold_found_exact"] += i in found_x
        if g["speaker"]:
            tot["gold_spk"] += 1
            tot["gold_spk_found"] += i in spk_found
            tot["gold_spk_found_exact"] += i in spk_found_x
        if verbose and i not in found:
            a, b = g["spans"][0]
            print(f"  missed {g['type']} [{text[a:b][:70]}]")


def prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def run(split: str, limit: int | None, verbose: bool) -> dict[str, Any]:
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    pipeline = make_pipeline(Settings(lang="de", components=COMPONENTS, check_language=False))
    tot: Counter = Counter()
    files = sorted((CORPUS / split).glob("*.json"))[:limit]
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        text = d["originalText"]
        pub = d.get("published")
        try:
            published = date.fromisoformat(pub) if pub else None
        except ValueError:
            published = None
        doc = pipeline(Document(text=text, id=f.stem, lang="de", published=published))
        if verbose:
            print(f"== {f.stem}")
        score_doc(text, gold_quotes(d), doc.quotes, tot, verbose)
    types = sorted(k.split(":", 1)[1] for k in tot if k.startswith("gold:"))
    return {
        "documents": len(files),
        "quotes": prf(tot["pred_ok"], tot["pred"], tot["gold_found"], tot["gold"]),
        "quotes_exact": prf(tot["pred_ok_exact"], tot["pred"], tot["gold_found_exact"], tot["gold"]),
        "speakers": prf(tot["pred_spk_ok"], tot["pred_spk"], tot["gold_spk_found"], tot["gold_spk"]),
        "speakers_exact": prf(tot["pred_spk_ok_exact"], tot["pred_spk"], tot["gold_spk_found_exact"], tot["gold_spk"]),
        "recall_by_type": {t: round(tot[f"found:{t}"] / tot[f"gold:{t}"], 3) for t in types},
        "counts": {"gold": tot["gold"], "predicted": tot["pred"], "predicted_with_speaker": tot["pred_spk"]},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not (CORPUS / a.split).exists():
        print(f"note: {CORPUS / a.split} is absent; nothing to score")
        return 0
    res = run(a.split, a.limit, a.verbose)
    if a.json:
        print(json.dumps(res))
        return 0
    for k, val in res.items():
        print(f"{k:16s} {val}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
