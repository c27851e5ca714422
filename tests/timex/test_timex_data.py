"""The `kind: time` data files: schema-valid, compilable, self-consistent, and the code
that reads them knows no language."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lagebild.lang import data_files, read_data_file
from lagebild.settings import SUPPORTED_LANGUAGES
from lagebild.timex import compile_grammar

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"


_KIND = re.compile(r"^kind:\s*(\w+)", re.MULTILINE)


def time_files() -> list[Path]:
    # The kind line is read with a regex: parsing every lexicon of every language is slow.
    return [p for code in SUPPORTED_LANGUAGES for p in data_files(code)
            if (m := _KIND.search(p.read_text(encoding="utf-8"))) and m.group(1) == "time"]


@pytest.fixture(scope="module")
def grammars():
    return {p.parent.name: compile_grammar(read_data_file(p)["entries"]) for p in time_files()}


def test_every_language_has_time_data():
    assert {p.parent.name for p in time_files()} == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("path", time_files(), ids=lambda p: p.parent.name)
def test_time_file_validates_against_schema(path):
    doc = read_data_file(path)      # raises DataError when the schema is violated
    assert doc["version"] == 1 and doc["entries"]


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_rule_matches_its_examples(grammars, lang):
    g = grammars[lang]
    problems = []
    for rule in g.rules:
        for ex in rule.examples:
            found = [(m.rule.id, ex[m.start:m.end]) for m in g.find(ex)]
            if found != [(rule.id, ex)]:
                problems.append(f"{rule.id}: {ex!r} -> {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_rule_has_examples_and_every_placeholder_is_used(grammars, lang):
    g = grammars[lang]
    assert all(r.examples for r in g.rules)
    used = {ph for r in g.rules for ph, _ in r.groups.values()}
    assert set(g.placeholders) <= used


def test_languages_share_canonical_keys(grammars):
    for name in ("month", "weekday", "rel", "part", "daypart", "dayrel", "season"):
        keys = [set(g.placeholders[name].forms.values()) for g in grammars.values()]
        assert all(k == keys[0] for k in keys), name


def test_code_knows_no_german_word(grammars):
    """No surface form of the German data appears as a word in the timex code (comments too)."""
    words = {w for p in grammars["de"].placeholders.values() for f in p.forms for w in f.split()}
    # Words German shares with English or with the canonical keys ("minute", "winter") are
    # no evidence of German in the code.
    shared = {w for p in grammars["en"].placeholders.values() for f in p.forms for w in f.split()}
    shared |= {k.lower() for g in grammars.values() for p in g.placeholders.values() for k in p.forms.values()}
    words = {w for w in words - shared if len(w) >= 4 and re.fullmatch(r"[^\W\d_]+", w)}
    code = [SRC / "components" / "time.py", *sorted((SRC / "timex").glob("*.py"))]
    for path in code:
        text = path.read_text(encoding="utf-8").lower()
        hits = sorted(w for w in words if re.search(rf"(?<![\w$]){re.escape(w)}(?!\w)", text))
        assert not hits, f"{path.name} mentions {hits}"
