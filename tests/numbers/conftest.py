"""Fixtures for the number tests: compiled data straight from each language's numbers.yaml.

The files are read on their own (not through LanguageData) so these tests exercise the number
data alone; the component test goes through Resources.
"""
from __future__ import annotations

from pathlib import Path

import pytest

LANG_ROOT = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "lang"


def numbers_file(code: str) -> Path:
    return LANG_ROOT / code / "numbers.yaml"


def _compile(code: str):
    from lagebild.lang import read_data_file
    from lagebild.numbers.data import compile_number_data
    return compile_number_data(read_data_file(numbers_file(code))["entries"])


@pytest.fixture(scope="session")
def de_numbers():
    return _compile("de")


@pytest.fixture(scope="session")
def en_numbers():
    return _compile("en")
