"""Data-quality tests for the German actor lexicon: the shared facts (data/actors/*.yaml)
merged with the German names (lang/de/actors/*.yaml), and lang/de/agents.yaml.

The actor entries are the German ones as the pipeline sees them (facts joined with names by
LanguageData); the files themselves are validated in full by test_data_files.py.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from lagebild.lang import LANG_ROOT, load_language, read_data_file

ACTOR_DIR = LANG_ROOT / "de" / "actors"
AGENTS_FILE = LANG_ROOT / "de" / "agents.yaml"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
COUNTRYNAMES = SHARED / "reference" / "cameo" / "countrynames.txt"

G20_STATES = ("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN",
              "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF")
G20_UNIONS = ("EU", "AU")

# Surface forms deliberately mapped to more than one code: form -> reason. Empty today;
# an entry here must say why the ambiguity cannot be avoided by a longer form.
CODE_CONFLICT_EXCEPTIONS: dict[str, str] = {}

# CAMEO codes in countrynames.txt that are not sovereign states (territories, Antarctica,
# dependencies) or that the gold convention spells differently.
CAMEO_NON_STATES = frozenset({
    "ABW", "AIA", "ANT", "BMU", "CCK", "COK", "CUW", "CXR", "CYM", "GGY", "HKG", "IOT", "MAC",
    "MAF", "MNP", "MTQ", "SXM", "TCA", "ESH",
})
CAMEO_RENAMED = {"KSV": "XKX", "TMP": "TLS"}  # Kosovo, Timor-Leste: ISO/gold spelling


@pytest.fixture(scope="module")
def actor_entries() -> list[tuple[str, dict[str, Any]]]:
    return [(path.stem, e) for path, e in load_language("de").entries_with_files("actors")]


@pytest.fixture(scope="module")
def agent_entries() -> list[dict[str, Any]]:
    doc = read_data_file(AGENTS_FILE)
    assert doc["kind"] == "agents" and doc["version"] == 1
    return doc["entries"]


@pytest.fixture(scope="module")
def by_key(actor_entries) -> dict[str, dict[str, Any]]:
    return {e["key"]: e for _, e in actor_entries}


@pytest.fixture(scope="module")
def surface_index(actor_entries) -> dict[str, list[dict[str, Any]]]:
    """Exact surface form (name, short form, demonym) -> entries that claim it."""
    idx: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, e in actor_entries:
        for form in surface_forms(e):
            idx[form].append(e)
    return idx


def surface_forms(entry: dict[str, Any]) -> set[str]:
    return set(entry["names"]) | set(entry.get("short") or []) | set(entry.get("demonyms") or [])


def day_floor(value: str) -> str:
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def day_ceiling(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)


def role_at(entry: dict[str, Any], day: str) -> dict[str, Any] | None:
    """The role in force on `day` (start inclusive, end exclusive: the successor's start)."""
    for role in entry.get("roles") or []:
        start = day_floor(role.get("start") or "0000")
        end = role.get("end")
        if start <= day and (end is None or day < day_ceiling(end)):
            return role
    return None


# --- structure ----------------------------------------------------------------------

def test_files_present():
    stems = {p.stem for p in ACTOR_DIR.glob("*.yaml")}
    assert {"countries", "places", "institutions", "igos", "persons", "groups"} <= stems


def test_keys_unique(actor_entries, agent_entries):
    seen: dict[str, str] = {}
    for stem, e in actor_entries:
        assert e["key"] not in seen, f"{e['key']} in {stem} and {seen[e['key']]}"
        seen[e["key"]] = stem
    agent_keys = [a["key"] for a in agent_entries]
    assert len(agent_keys) == len(set(agent_keys))


def test_sizes(actor_entries, agent_entries):
    counts = defaultdict(int)
    for stem, _ in actor_entries:
        counts[stem] += 1
    assert counts["countries"] >= 190
    assert counts["places"] >= 250
    assert counts["institutions"] >= 120
    assert counts["igos"] >= 35
    assert counts["persons"] >= 200
    assert counts["groups"] >= 70
    assert len(agent_entries) >= 50


def test_no_surface_form_with_two_codes(surface_index):
    conflicts = {form: sorted({str(e.get("code")) for e in entries})
                 for form, entries in surface_index.items()
                 if len({e.get("code") for e in entries}) > 1 and form not in CODE_CONFLICT_EXCEPTIONS}
    assert not conflicts


def test_shared_short_forms_share_code(actor_entries):
    # Bush, Clinton, Chamenei, Sinwar... may name several people, but only of one code:
    # the resolver then picks by the dated roles and the code is right either way.
    owners: dict[str, set[str | None]] = defaultdict(set)
    for _, e in actor_entries:
        for s in e.get("short") or []:
            owners[s].add(e.get("code"))
    assert {s: c for s, c in owners.items() if len(c) > 1} == {}


def test_no_surface_form_is_also_an_agent_form(surface_index, agent_entries):
    agent_forms = {f for a in agent_entries for f in a["forms"]}
    assert sorted(agent_forms & set(surface_index)) == []


def test_country_codes_unique(actor_entries):
    codes = [e["code"] for stem, e in actor_entries if stem == "countries"]
    assert len(codes) == len(set(codes))
    assert all(e["label"] == "GPE" and e.get("sector") is None for stem, e in actor_entries if stem == "countries")


@pytest.mark.parametrize("code", G20_STATES)
def test_g20_country_has_adjectives_and_demonyms(actor_entries, code):
    entries = [e for stem, e in actor_entries if stem == "countries" and e["code"] == code]
    assert len(entries) == 1, code
    assert entries[0].get("adjectives"), code
    assert entries[0].get("demonyms"), code
    assert entries[0].get("qid"), code


@pytest.mark.parametrize("code", G20_UNIONS)
def test_g20_unions_present(actor_entries, code):
    assert any(stem == "igos" and e["code"] == code for stem, e in actor_entries)


def test_adjective_stems_map_to_one_code(actor_entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for _, e in actor_entries:
        for stem in e.get("adjectives") or []:
            owners[stem].add(e["code"])
    assert {s: c for s, c in owners.items() if len(c) > 1} == {}


# --- persons and roles ----------------------------------------------------------------

def test_every_person_has_a_dated_role(actor_entries):
    # office.* entries (Kremlchef, UN-Generalsekretär) name an office, not a person: no dates.
    undated = [e["key"] for stem, e in actor_entries
               if e["label"] == "PER" and e["key"].startswith("per.")
               and not any(r.get("start") for r in e.get("roles") or [])]
    assert undated == []


def test_person_keys_are_persons(actor_entries):
    assert all(e["label"] == "PER" for stem, e in actor_entries if stem == "persons")


def test_roles_start_before_end(actor_entries):
    bad = [(e["key"], r) for _, e in actor_entries for r in e.get("roles") or []
           if r.get("start") and r.get("end") and day_floor(r["start"]) > day_ceiling(r["end"])]
    assert bad == []


def test_short_forms_are_part_of_a_name(actor_entries):
    def contains(name: str, short: str) -> bool:
        tokens, want = name.split(), short.split()
        return any(tokens[i:i + len(want)] == want for i in range(len(tokens)))
    missing = [(e["key"], s) for _, e in actor_entries for s in e.get("short") or []
               if not any(contains(n, s) for n in e["names"])]
    assert missing == []


# --- agents ---------------------------------------------------------------------------

def test_agent_heads_lower_case_and_forms_unique(agent_entries):
    forms: dict[str, str] = {}
    for a in agent_entries:
        assert all(h == h.lower() for h in a.get("compound_heads") or []), a["key"]
        for f in a["forms"]:
            assert f not in forms, f"{f}: {a['key']} and {forms[f]}"
            forms[f] = a["key"]


@pytest.mark.parametrize("form,sector", [
    ("Regierung", "GOV"), ("Außenministerium", "GOV"), ("Verteidigungsministerium", "GOV"),
    ("Präsidentin", "GOV"), ("Premierminister", "GOV"), ("Diplomaten", "GOV"),
    ("Armee", "MIL"), ("Streitkräfte", "MIL"), ("Soldaten", "MIL"), ("Marine", "MIL"),
    ("Polizisten", "COP"), ("Sicherheitskräfte", "COP"), ("Demonstranten", "OPP"),
    ("Aktivisten", "OPP"), ("Opposition", "OPP"), ("Rebellen", "REB"), ("Milizen", "REB"),
    ("Staatsanwaltschaft", "JUD"), ("Richter", "JUD"), ("Abgeordnete", "LEG"),
    ("Gewerkschaften", "LAB"), ("Konzern", "BUS"), ("Zeitung", "MED"), ("Zivilisten", "CVL"),
    ("Flüchtlinge", "REF"), ("Geheimdienst", "SPY"),
])
def test_agent_sectors(agent_entries, form, sector):
    matches = [a for a in agent_entries if form in a["forms"]]
    assert [a["sector"] for a in matches] == [sector]


@pytest.mark.parametrize("head", ["regierung", "militär", "kabinett", "ministerium", "armee"])
def test_compound_heads_present(agent_entries, head):
    assert any(head in (a.get("compound_heads") or []) for a in agent_entries)


# --- spot facts -----------------------------------------------------------------------

SPOT_FACTS = [
    # surface form, code, sector (None = don't check), qid (None = don't check)
    ("Kreml", "RUS", "GOV", None),
    ("Kremlchef", "RUS", "GOV", None),
    ("SOZ", "SCO", None, None),
    ("Vereinten Nationen", "UN", None, "Q1065"),
    ("Weltsicherheitsrat", "UN", None, None),
    ("UN-Sicherheitsrat", "UN", None, None),
    ("Uno-Vollversammlung", "UN", None, None),
    ("IAEO", "IAEA", None, None),
    ("IStGH", "ICC", "JUD", None),
    ("IGH", "ICJ", "JUD", None),
    ("IWF", "IMF", None, None),
    ("OSZE", "OSCE", None, None),
    ("Arabischen Liga", "ARL", None, None),
    ("Golfstaaten", "GCC", None, None),
    ("Rote Kreuz", "RDC", None, None),
    ("Human Rights Watch", "HRW", None, None),
    ("EU-Kommission", "EU", None, None),
    ("Europäischen Union", "EU", None, "Q458"),
    ("Nato", "NATO", None, "Q7184"),
    ("Hamas", "PSE", "REB", None),
    ("Hisbollah", "LBN", "REB", None),
    ("Huthi", "YEM", "REB", None),
    ("IS", "IS", "REB", None),
    ("PKK", "TUR", "REB", None),
    ("Bundeswehr", "DEU", "MIL", None),
    ("Bundesverfassungsgericht", "DEU", "JUD", None),
    ("Bundesinnenministerium", "DEU", "GOV", None),
    ("BND", "DEU", "SPY", None),
    ("Pentagon", "USA", "MIL", None),
    ("Weißen Haus", "USA", "GOV", None),
    ("Élysée-Palast", "FRA", "GOV", None),
    ("Downing Street", "GBR", "GOV", None),
    ("Revolutionsgarde", "IRN", "MIL", None),
    ("ICE", "USA", "COP", None),
    ("Irna", "IRN", "MED", None),
    ("AFP", "FRA", "MED", None),
    ("Reuters", "GBR", "MED", None),
    ("Al Jazeera", "QAT", "MED", None),
    ("Vereinigten Staaten", "USA", None, "Q30"),
    ("Vereinigten Königreich", "GBR", None, "Q145"),
    ("Russische Föderation", "RUS", None, "Q159"),
    ("Volksrepublik China", "CHN", None, "Q148"),
    ("Chinesen", "CHN", None, None),
    ("Kosovo", "XKX", None, None),
    ("Gazastreifen", "PSE", None, None),
    ("Westjordanland", "PSE", None, None),
    ("Krim", "UKR", None, None),
    ("Sinai", "EGY", None, None),
    ("Straße von Hormus", None, None, None),
    ("Putin", "RUS", "GOV", "Q7747"),
    ("Selenskyj", "UKR", "GOV", None),
    ("Netanjahu", "ISR", "GOV", None),
    ("Guterres", "UN", None, None),
    ("Kallas", "EU", None, None),
    ("Merz", "DEU", "GOV", None),
    ("CSU", "DEU", "PTY", None),
    ("Reform-Partei", "GBR", "PTY", None),
    ("Fidesz", "HUN", "PTY", None),
]


@pytest.mark.parametrize("form,code,sector,qid", SPOT_FACTS)
def test_spot_facts(surface_index, form, code, sector, qid):
    entries = surface_index.get(form)
    assert entries, f"{form} is not in the lexicon"
    assert {e.get("code") for e in entries} == {code}
    if sector is not None:
        assert {e.get("sector") for e in entries} == {sector}
    if qid is not None:
        assert {e.get("qid") for e in entries} == {qid}


@pytest.mark.parametrize("key,day,code,sector", [
    ("per.medvedev", "2010-06-01", "RUS", "GOV"),
    ("per.putin", "2010-06-01", "RUS", "GOV"),
    ("per.baerbock", "2023-03-01", "DEU", "GOV"),
    ("per.baerbock", "2025-12-01", "UN", None),
    ("per.rutte", "2020-01-01", "NLD", "GOV"),
    ("per.rutte", "2025-06-01", "NATO", None),
    ("per.costa", "2020-01-01", "PRT", "GOV"),
    ("per.orban", "2025-12-01", "HUN", "GOV"),
    ("per.orban", "2026-06-01", "HUN", "OPP"),
    ("per.tusk", "2016-01-01", "EU", None),
    ("grp.taliban", "2010-01-01", "AFG", "REB"),
    ("grp.taliban", "2025-01-01", "AFG", "GOV"),
    ("per.al_sharaa", "2020-01-01", "SYR", "REB"),
    ("per.al_sharaa", "2025-06-01", "SYR", "GOV"),
])
def test_dated_roles(by_key, key, day, code, sector):
    role = role_at(by_key[key], day)
    assert role is not None, (key, day)
    assert (role["code"], role.get("sector")) == (code, sector)


@pytest.mark.parametrize("key,day,title_part", [
    ("per.medvedev", "2010-06-01", "Präsident"),
    ("per.medvedev", "2015-06-01", "Ministerpräsident"),
    ("per.a_khamenei", "2025-06-01", "Oberster Führer"),
    ("per.m_khamenei", "2026-06-01", "Oberster Führer"),
    ("per.starmer", "2025-06-01", "Premierminister"),
    ("per.burnham", "2026-08-15", "Premierminister"),
])
def test_office_holders(by_key, key, day, title_part):
    role = role_at(by_key[key], day)
    assert role is not None and title_part in role["title"]


@pytest.mark.skipif(not COUNTRYNAMES.exists(), reason="../shared is not present")
def test_all_cameo_states_covered(actor_entries):
    codes = {e["code"] for stem, e in actor_entries if stem == "countries"}
    cameo = set()
    for line in COUNTRYNAMES.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[1]) == 3 and parts[1] not in CAMEO_NON_STATES and parts[1] != "---":
            cameo.add(CAMEO_RENAMED.get(parts[1], parts[1]))
    assert sorted(cameo - codes) == []
