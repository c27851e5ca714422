"""Every language data file validates in full against the schema of its kind. The pipeline
checks only structure when it loads data (for start-up time), so this test is what keeps a
new grammar class or cue flag from reaching main without its schema entry."""
from __future__ import annotations

import pytest

from lagebild.lang import SUPPORTED_LANGUAGES, data_files, read_data_file


@pytest.mark.parametrize("path", [p for code in SUPPORTED_LANGUAGES for p in data_files(code)],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_validates_in_full(path):
    read_data_file(path, full=True)
