"""The quotation data files and the lexicon compiled from them."""
from __future__ import annotations

from collections import Counter

import pytest

from lagebild.lang import LANG_ROOT, read_data_file
from lagebild.model import Token
from lagebild.quotes.lexicon import QuoteLexicon


@pytest.fixture(scope="module")
def de() -> QuoteLexicon:
    return QuoteLexicon.build(read_data_file(LANG_ROOT / "de" / "quotes.yaml")["entries"])


@pytest.mark.parametrize("code", ["de", "en"])
def test_data_file_is_valid_and_builds(code):
    doc = read_data_file(LANG_ROOT / code / "quotes.yaml")   # full schema validation
    assert doc["kind"] == "quotes"
    lex = QuoteLexicon.build(doc["entries"])
    assert lex.marks and lex.verbs


def test_no_duplicate_verb_entries():
    entries = read_data_file(LANG_ROOT / "de" / "quotes.yaml")["entries"]
    keys = Counter((e["lemma"], tuple(e.get("requires") or ())) for e in entries if e["type"] == "verb")
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize("text,lemma,pos,expected", [
    ("sei", "sein", "VAFIN", True),
    ("seien", "sein", "VAFIN", True),
    ("habe", "haben", "VAFIN", True),
    ("werde", "werden", "VAFIN", True),
    ("könne", "können", "VMFIN", True),
    ("gebe", "geben", "VVFIN", True),
    ("rette", "retten", "VVFIN", True),
    ("ändere", "ändern", "VVFIN", True),
    ("handle", "handeln", "VVFIN", True),
    ("erfolge", "Erfolg", "NN", True),      # a lower-case "noun" is the tagger's slip
    ("sagte", "sagen", "VVFIN", False),
    ("sagt", "sagen", "VVFIN", False),
    ("ist", "sein", "VAFIN", False),
    ("hat", "haben", "VAFIN", False),
    ("Erfolge", "Erfolg", "NN", False),
    ("bitte", "bitten", "VVFIN", False),    # listed as an exception (mostly the particle)
])
def test_subjunctive(de, text, lemma, pos, expected):
    assert de.is_subjunctive(Token(text=text, start=0, end=len(text), sent=0, lemma=lemma, pos=pos)) is expected


@pytest.mark.parametrize("text,expected", [("hätten", True), ("würde", True), ("hatten", False)])
def test_substitute(de, text, expected):
    assert de.is_substitute(Token(text=text, start=0, end=len(text), sent=0, lemma="", pos="VAFIN")) is expected


@pytest.mark.parametrize("word,noun,sector", [
    ("Minister", "minister", "GOV"),
    ("Außenminister", "minister", "GOV"),
    ("Ministeriumssprecher", "sprecher", None),
    ("Polizeiangaben", "angaben", None),
])
def test_roles(de, word, noun, sector):
    r = de.role_for(word)
    assert r is not None and r.noun == noun and r.sector == sector


def test_compound_modifier(de):
    r = de.role_for("Ministeriumssprecher")
    assert de.compound_modifier("Ministeriumssprecher", r) == "Ministerium"


def test_separable_verbs_are_indexed_by_their_base(de):
    assert any(v.lemma == "mitteilen" and v.particle == "mit" for v in de.separable["teilen"])
