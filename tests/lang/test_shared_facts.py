"""Actor facts are stored once (data/actors, kind actor_facts) and every language adds only its
names (lang/<code>/actors, kind actor_names). These tests use made-up facts and names in
tmp_path, so they check the loader's join, not the shipped lexicon."""
from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import DataError
from lagebild.lang import LanguageData, load_language

FACTS = """kind: actor_facts
version: 1
entries:
- {key: country.XAA, label: GPE, name: Aaland, qid: Q1, code: XAA, sector: null, note: coded as a state}
- {key: per.zed, label: PER, name: Zed Zedson, qid: null, code: XAA, sector: GOV, family_name_first: false,
   roles: [{code: XAA, sector: GOV, title: Head of state, start: "2001", end: null}]}
"""

NAMES = {
    "xx": """kind: actor_names
version: 1
entries:
- {key: country.XAA, names: [Aaland, Aa], adjectives: [aalandic], demonyms: [Aalander]}
- {key: per.zed, names: [Zed Zedson], short: [Zedson], note: the surname alone is unambiguous}
""",
    "yy": """kind: actor_names
version: 1
entries:
- {key: country.XAA, names: [Olanda]}
""",
}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _language(tmp_path: Path, code: str, names: str) -> LanguageData:
    facts = _write(tmp_path / "data" / "actors" / "facts.yaml", FACTS)
    root = tmp_path / "lang" / code
    return LanguageData(code, root, [_write(root / "actors" / "names.yaml", names)], fact_files=[facts])


@pytest.mark.parametrize("code, key, expected", [
    ("xx", "country.XAA", {"key": "country.XAA", "label": "GPE", "name": "Aaland", "qid": "Q1", "code": "XAA",
                           "sector": None, "names": ["Aaland", "Aa"], "adjectives": ["aalandic"],
                           "demonyms": ["Aalander"]}),
    ("xx", "per.zed", {"key": "per.zed", "label": "PER", "name": "Zed Zedson", "qid": None, "code": "XAA",
                       "sector": "GOV", "family_name_first": False,
                       "roles": [{"code": "XAA", "sector": "GOV", "title": "Head of state", "start": "2001",
                                  "end": None}],
                       "names": ["Zed Zedson"], "short": ["Zedson"], "note": "the surname alone is unambiguous"}),
    ("yy", "country.XAA", {"key": "country.XAA", "label": "GPE", "name": "Aaland", "qid": "Q1", "code": "XAA",
                           "sector": None, "names": ["Olanda"]}),
])
def test_each_language_merges_the_shared_facts_with_its_own_names(tmp_path, code, key, expected):
    # the fact's note documents the fact file and is not merged; a names entry's note is kept
    got = {e["key"]: e for e in _language(tmp_path, code, NAMES[code]).entries("actors")}
    assert got[key] == expected


@pytest.mark.parametrize("code, known", [("xx", {"country.XAA", "per.zed"}), ("yy", {"country.XAA"})])
def test_a_language_without_names_for_an_actor_does_not_know_it(tmp_path, code, known):
    assert {e["key"] for e in _language(tmp_path, code, NAMES[code]).entries("actors")} == known


@pytest.mark.parametrize("names, message", [
    ("- {key: nobody.here, names: [Nobody]}\n", "names for 'nobody.here', which no actor_facts entry defines"),
])
def test_names_without_facts_are_a_one_line_data_error(tmp_path, names, message):
    data = _language(tmp_path, "xx", "kind: actor_names\nversion: 1\nentries:\n" + names)
    with pytest.raises(DataError, match=message) as err:
        data.entries("actors")
    assert "\n" not in str(err.value)


def test_facts_defined_twice_are_a_data_error(tmp_path):
    data = _language(tmp_path, "xx", NAMES["xx"])
    twice = _write(tmp_path / "data" / "actors" / "more.yaml", FACTS)
    data = LanguageData("xx", data.root, data.files, fact_files=[tmp_path / "data" / "actors" / "facts.yaml", twice])
    with pytest.raises(DataError, match="facts for 'country.XAA' already defined"):
        data.entries("actors")


@pytest.mark.parametrize("key, code", [("country.DEU", "DEU"), ("igo.eu", "EU")])
def test_a_new_language_folder_needs_no_copy_of_the_facts(tmp_path, key, code):
    """A folder with only a names file joins the shipped facts store."""
    names = _write(tmp_path / "zz" / "actors" / "names.yaml",
                   f"kind: actor_names\nversion: 1\nentries:\n- {{key: {key}, names: [Made-up name]}}\n")
    [entry] = LanguageData("zz", tmp_path / "zz", [names]).entries("actors")
    shipped = {e["key"]: e for e in load_language("de").entries("actors")}[key]
    assert entry["code"] == code and entry["names"] == ["Made-up name"]
    assert {k: v for k, v in entry.items() if k not in ("names", "adjectives", "demonyms", "short", "note")} == \
        {k: v for k, v in shipped.items() if k not in ("names", "adjectives", "demonyms", "short", "note")}
