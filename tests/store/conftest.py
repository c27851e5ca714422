from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.store.analyzed import AnalysisJob

FAKE_PIPELINE = "store_fakes:make_pipeline"


@pytest.fixture
def fake_job() -> AnalysisJob:
    return AnalysisJob(pipeline=FAKE_PIPELINE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"
