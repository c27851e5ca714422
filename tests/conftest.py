"""Shared fixtures. Nothing here does work at import time: models load in fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "src" / "lagebild" / "data" / "samples"

needs_shared = pytest.mark.skipif(not (SHARED / "gold").exists(), reason="../shared is not present")


@pytest.fixture(scope="session")
def base_pipeline():
    """Language, tokens, tags and actors: loaded once for the whole session."""
    from lagebild.analysis import make_pipeline
    from lagebild.settings import Settings
    return make_pipeline(Settings(components=("language", "tokens", "tags", "actors"), check_language=False))


@pytest.fixture(scope="session")
def full_pipeline():
    from lagebild.analysis import make_pipeline
    from lagebild.settings import Settings
    return make_pipeline(Settings())


@pytest.fixture
def analyze(base_pipeline):
    """analyze(text, published=None, lang='de') -> Document through the base pipeline."""
    from datetime import date

    from lagebild.model import Document

    def run(text: str, published: str | None = None, lang: str = "de"):
        doc = Document(text=text, lang=lang, published=date.fromisoformat(published) if published else None)
        return base_pipeline(doc)
    return run
