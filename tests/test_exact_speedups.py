"""The speed-ups of issue 14 that are meant to be exact leave every record unchanged: the
pipeline with them and the pipeline with the unoptimised paths (stock SoMaJo patterns, the
compound-head scan of `ActorIndex`, no second word cache, time rules without word gates) give byte-identical JSON on the bundled articles and, when
../shared is present, on a sample of the German corpus."""
from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "src" / "lagebild" / "data" / "samples"

CORPUS = SHARED / "corpora" / "de" / "tagesschau-zeit-2025-2026.jsonl"
CORPUS_SAMPLE = 40   # every 40th article of the first 1,600: news of all kinds, a few seconds


def _stock_pipeline():
    """The default pipeline with the unoptimised paths put in its resources before use."""
    from somajo import SoMaJo

    from lagebild.analysis import make_pipeline
    from lagebild.components.actors import ActorIndex, build_index
    from lagebild.components.tokens import with_emoji_prefilter
    from lagebild.settings import Settings

    from unoptimised import agent_by_scan

    class ScanIndex(ActorIndex):
        def agent_for(self, word):
            return agent_by_scan(self, word)

    p = make_pipeline(Settings())
    p.resources._cache["somajo:de:plain"] = with_emoji_prefilter(SoMaJo("de_CMC", split_camel_case=False))
    idx = build_index(p.resources, "de")
    p.resources._cache["actors:de"] = ScanIndex(**{f.name: getattr(idx, f.name) for f in fields(idx)})
    p.resources._cache["wordcache-extra:de"] = None
    import dataclasses

    from lagebild.timex import compile_grammar
    grammar = compile_grammar(p.resources.language("de").entries("time"))
    p.resources._cache["timex:de"] = dataclasses.replace(
        grammar, rules=tuple(dataclasses.replace(r, gate=None) for r in grammar.rules))
    return p


@pytest.fixture(scope="module")
def pipelines():
    from lagebild.analysis import make_pipeline
    from lagebild.settings import Settings
    fast, stock = make_pipeline(Settings()), _stock_pipeline()
    from lagebild.components.tags import Tagger
    tags = [c for c in stock.components if isinstance(c, Tagger)][0]
    assert tags.analyzer("de")._extra is None
    return fast, stock


def _records(pipeline, rec: dict) -> str:
    from lagebild.analysis import analyze_document
    from lagebild.model import Document
    published = rec.get("published") or rec.get("gathered_date")
    doc = Document(text=rec.get("text") or rec.get("content") or "", id=str(rec.get("id", "")),
                   published=date.fromisoformat(published[:10]) if published else date(2025, 6, 1))
    return json.dumps(analyze_document(doc, pipeline), ensure_ascii=False, sort_keys=True, default=str)


def _samples() -> list[dict]:
    out = [json.loads(line) for line in (SAMPLES / "demo-corpus.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]
    out.append({"id": "telefonat", "published": "2024-02-10",
                "text": (SAMPLES / "xi-putin-telefonat.txt").read_text(encoding="utf-8")})
    return out


@pytest.mark.parametrize("rec", _samples(), ids=lambda r: str(r.get("id")))
def test_bundled_articles_unchanged(pipelines, rec):
    fast, stock = pipelines
    assert _records(fast, rec) == _records(stock, rec)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared is not present")
def test_corpus_sample_unchanged(pipelines):
    fast, stock = pipelines
    with open(CORPUS, encoding="utf-8") as fh:
        recs = [json.loads(line) for i, line in zip(range(CORPUS_SAMPLE * 40), fh) if i % 40 == 0]
    for rec in recs:
        assert _records(fast, rec) == _records(stock, rec), rec.get("id") or rec.get("url")
