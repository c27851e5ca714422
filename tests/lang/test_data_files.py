"""Every language data file validates in full against the schema of its kind. The pipeline
checks only structure when it loads data (for start-up time), so this test is what keeps a
new grammar class or cue flag from reaching main without its schema entry. The shared actor
facts (data/actors) are validated with the language folders."""
from __future__ import annotations

import pytest

from lagebild.lang import LANG_ROOT, SUPPORTED_LANGUAGES, data_files, fact_files, read_data_file


@pytest.mark.parametrize("path", fact_files() + [p for code in SUPPORTED_LANGUAGES for p in data_files(code)],
                         ids=lambda p: p.relative_to(LANG_ROOT.parent).as_posix())
def test_data_file_validates_in_full(path):
    read_data_file(path, full=True)
