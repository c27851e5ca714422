from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from lagebild.store.analyzed import AnalysisJob

FAKE_PIPELINE = "store.store_fakes:make_pipeline"     # tests/store/store_fakes.py: a notation, no models
CODES = ["FRA", "DEU", "POL", "CHN", "RUS", "USA", "JPN"]
ACTS = ["CONSULT", "ACCUSE", "AGREE", "SANCTION", "AID", "THREATEN"]
WORDS = ("talks went on late into the evening while delegations compared notes on ports rail lines grain "
         "stocks and weather in north of region for coming week with tea maps ferries bridges harvest").split()


def fake_text(i: int, rng: random.Random) -> str:
    a, b = rng.sample(CODES, 2)
    c, d = rng.sample(CODES, 2)
    filler = " ".join(rng.choice(WORDS) for _ in range(30))   # every text its own, the near-duplicate aside
    return (f"{a} {rng.choice(ACTS)} {b} about item {i}. {c}/GOV {rng.choice(ACTS)} {d}. "
            f'{b} said "we note case {i}". {filler} number {i}.')


def fake_corpus(folder: Path, n: int = 60, seed: int = 5) -> list[Path]:
    """Two JSON Lines files and three text files of the fake notation, with what de-duplication
    must handle across files: a repeated text, a repeated URL, an id taken by another text, a
    near-duplicate, an unreadable line and a document the pipeline refuses."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    recs = [{"id": f"doc{i}", "text": fake_text(i, rng), "url": f"https://x.example/{i}",
             "published": f"2024-{1 + i % 4:02d}-{1 + i % 27:02d}", "source": rng.choice(["A", "B", "C"])}
            for i in range(n)]
    first, second = recs[: n // 2], recs[n // 2:]
    second = second + [
        dict(recs[3], id="again-text", url="https://x.example/again"),          # same text
        dict(recs[4], id="again-url", text=fake_text(999, rng)),                # same URL
        {"id": "doc5", "text": fake_text(1000, rng), "published": "2024-02-02"},  # id taken by another text
        dict(recs[6], id="near", url=None, text=recs[6]["text"].replace("number", "no.")),   # near-duplicate
        {"id": "bad", "text": "FAILME please", "published": "2024-01-09"},
        {"id": "undated", "text": fake_text(1001, rng)},
    ]
    a, b = folder / "a.jsonl", folder / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in first), encoding="utf-8")
    b.write_text("".join(json.dumps(r) + "\n" for r in second) + "{not json\n", encoding="utf-8")
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for k in range(3):
        (texts / f"t{k}.txt").write_text(fake_text(2000 + k, rng), encoding="utf-8")
    return [a, b, texts]


@pytest.fixture
def fake_job() -> AnalysisJob:
    return AnalysisJob(pipeline=FAKE_PIPELINE)


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    return [str(p) for p in fake_corpus(tmp_path / "in")]
