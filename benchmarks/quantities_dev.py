"""Quantity recall and value accuracy on the dev gold, computed by the shared scorer itself.

    python benchmarks/quantities_dev.py [--lang de] [--gold DIR] [--verbose] [--regex-split]

Runs only the quantity component (sentences from `lagebild.components.tokens.Tokenizer`, or a
simple regex split when that is unavailable or --regex-split is given) and hands the records to
`score_doc` of ../shared/eval/score.py, loaded from its file at run time, so the figures are
exactly the scorer's. Reads ../shared (never copies it); exits 0 with a note when it is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„“»(]?[A-ZÄÖÜ])|\n+")


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise ImportError("cannot load ../shared/eval/score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def regex_sentences(doc: Any) -> Any:
    """Fallback splitter: sentence ends at .!? before a capital, and at line breaks."""
    from lagebild.model import Sentence
    pos, out = 0, []
    for m in [*_SENTENCE_END.finditer(doc.text), None]:
        end = m.start() if m else len(doc.text)
        if doc.text[pos:end].strip():
            out.append(Sentence(index=len(out), start=pos, end=end, tok_start=0, tok_end=0))
        pos = m.end() if m else end
    doc.sentences = out
    return doc


def sentence_splitter(settings: Any, resources: Any, use_regex: bool) -> Callable[[Any], Any]:
    if use_regex:
        return regex_sentences
    try:
        from lagebild.components.tokens import Tokenizer
        return Tokenizer(settings, resources)
    except ImportError as e:
        print(f"note: no Tokenizer ({e}); using the regex sentence split", file=sys.stderr)
        return regex_sentences


def records(doc: Any) -> list[dict[str, Any]]:
    return [{"kind": "quantity", "text": q.text, "start": q.start, "end": q.end, "value": q.value,
             "unit": q.unit, "counts": q.counts} for q in doc.quantities]


def run(gold: Path, lang: str, use_regex: bool, verbose: bool) -> dict[str, Any]:
    from lagebild.components.quantities import QuantityExtractor
    from lagebild.model import Document
    from lagebild.pipeline import Resources
    from lagebild.settings import Settings

    scorer = load_scorer()
    settings = Settings(lang=lang)
    resources = Resources(settings)
    split = sentence_splitter(settings, resources, use_regex)
    extract = QuantityExtractor(settings, resources)
    found = values = total = predicted = 0
    for gold_file in sorted(gold.glob("*.gold.json")):
        doc_id = gold_file.name[: -len(".gold.json")]
        text = (gold / f"{doc_id}.txt").read_text(encoding="utf-8")
        doc = extract(split(Document(text=text, lang=lang)))
        recs = records(doc)
        result, misses = scorer.score_doc(json.loads(gold_file.read_text(encoding="utf-8")), recs, text)
        total, found, values = total + result["q2_gold"], found + result["q2_found"], values + result["q2_val"]
        predicted += len(recs)
        quantity_misses = [m for m in misses if m.startswith("quantity")]
        if verbose and quantity_misses:
            print(f"## {doc_id}")
            for m in quantity_misses:
                print("  " + m)
    return {"quantity_recall": round(scorer.ratio(found, total), 3),
            "quantity_value_accuracy": round(scorer.ratio(values, total), 3),
            "gold": total, "found": found, "value_ok": values, "predicted": predicted}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", default="de", choices=["de", "en"])
    ap.add_argument("--gold", help="gold directory (default ../shared/gold/<lang>/dev)")
    ap.add_argument("--regex-split", action="store_true", help="do not use the pipeline tokenizer")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    gold = Path(a.gold) if a.gold else SHARED / "gold" / a.lang / "dev"
    if not (SHARED / "eval" / "score.py").exists() or not gold.exists():
        print(f"note: {gold} or the shared scorer is absent; nothing to measure")
        return 0
    summary = run(gold, a.lang, a.regex_split, a.verbose)
    if a.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k:26s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
