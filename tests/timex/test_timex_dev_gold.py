"""The dev gold (../shared, research-only: read, never copied): recall and value accuracy.

Uses the benchmark's scorer (benchmarks/timex_dev.py, same rules as shared/eval/score.py)
with regex sentences and no tagger, so it runs in about a second.
"""
from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from lagebild.components.time import TimeExtractor
from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
GOLD = SHARED / "gold" / "de" / "dev"

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not GOLD.exists(), reason="../shared is not present")]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("timex_dev", REPO / "benchmarks" / "timex_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dev_gold_recall_and_values():
    bench = load_benchmark()
    settings = Settings(lang="de")
    timex = TimeExtractor(settings, Resources(settings))
    n_gold = n_found = n_right = 0
    for gf in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        text = gf.with_name(gf.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
        pub = gold["doc"].get("published")
        doc = Document(text=text, lang="de", published=date.fromisoformat(pub) if pub else None)
        doc.sentences = bench.regex_sentences(text)
        preds = [{"text": t.text, "value": t.value, "rule": t.rule} for t in timex(doc).timexes]
        g, f, r, _, _ = bench.score(gold, preds)
        n_gold, n_found, n_right = n_gold + g, n_found + f, n_right + r
    assert n_gold > 0
    assert n_found / n_gold >= 0.90
    assert n_right / n_gold >= 0.85
