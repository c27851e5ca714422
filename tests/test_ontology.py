"""PLOVER/CAMEO ontology: package data is valid, consistent, and matches spot facts."""
from __future__ import annotations

import json
import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import jsonschema
import pytest
import yaml

from lagebild.errors import DataError
from lagebild.ontology import load_ontology

DATA = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "data"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
REFERENCE = SHARED / "reference"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUADS = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
         "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
         "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def _load_yaml(path: Path) -> dict:
    # C loader when available: the parametrisation below reads the file at collection time.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


@pytest.fixture(scope="module")
def raw():
    return _load_yaml(DATA / "plover.yaml")


def _all_modes():
    doc = _load_yaml(DATA / "plover.yaml")
    return [(t["name"], m["name"]) for t in doc["types"] for m in t["modes"]]


def _all_map_codes():
    doc = _load_yaml(DATA / "plover.yaml")
    return sorted(doc["cameo_map"])


def test_schema_is_valid_and_accepts_data(raw):
    schema = json.loads((DATA / "schemas" / "plover.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(raw)


def test_types_are_the_sixteen(onto):
    assert onto.types == PLOVER_TYPES


@pytest.mark.parametrize("type_", PLOVER_TYPES)
def test_type_has_quad_score_and_default_cameo(onto, type_):
    assert onto.quad_code(type_) == QUADS[type_]
    assert -10 <= onto.score(type_) <= 10
    assert onto.cameo_name(onto.cameo(type_))
    # Cooperation types score above 0, conflict types at most 0 (REQUEST is 0; this also
    # guards the ACCUSE sign correction).
    assert (onto.score(type_) > 0) == (QUADS[type_] <= 2)


@pytest.mark.parametrize(("type_", "mode"), _all_modes())
def test_every_mode_has_score_and_known_cameo(onto, type_, mode):
    assert onto.is_mode(type_, mode)
    assert -10 <= onto.score(type_, mode) <= 10
    assert onto.cameo(type_, mode) in onto.cameo_table


@pytest.mark.parametrize("code", _all_map_codes())
def test_every_cameo_map_code_resolves(onto, code):
    type_, mode, context = onto.plover_for_cameo(code)
    assert type_ in PLOVER_TYPES
    assert mode is None or onto.is_mode(type_, mode)
    assert set(context) <= set(onto.contexts)
    onto.goldstein(code)  # exists, or (1213, 1214) via the 3-digit parent


@pytest.mark.parametrize(("code", "goldstein", "quad"), [
    ("190", -10.0, 4), ("040", 1.0, 1), ("042", 1.9, 1), ("043", 2.8, 1), ("0874", 10.0, 2),
    ("112", -2.0, 3), ("173", -5.0, 4), ("141", -6.5, 3), ("204", -10.0, 4), ("1213", -4.0, 3),
])
def test_goldstein_and_quad_class_spot_facts(onto, code, goldstein, quad):
    assert onto.goldstein(code) == goldstein
    assert onto.quad_class(code) == quad


@pytest.mark.parametrize(("type_", "mode", "score", "cameo"), [
    ("CONSULT", None, 2.5, "040"), ("CONSULT", "visit", 4.0, "042"), ("CONSULT", "phone", 1.5, "041"),
    ("CONSULT", "third-party", 1.0, "044"), ("ASSAULT", None, -9.0, "190"), ("ASSAULT", "aerial", -9.5, "195"),
    ("COERCE", "arrest", -7.0, "173"), ("PROTEST", "demo", -5.0, "141"), ("ACCUSE", None, -3.0, "112"),
    ("REQUEST", None, 0.0, "100"), ("RETREAT", "disarm", 10.0, "0873"), ("ASSAULT", "unconventional", -10.0, "204"),
    ("consult", "Visit", 4.0, "042"), ("ASSAULT", "", -9.0, "190"),
])
def test_score_and_cameo_lookup(onto, type_, mode, score, cameo):
    assert onto.score(type_, mode) == score
    assert onto.cameo(type_, mode) == cameo


@pytest.mark.parametrize(("code", "expected"), [
    ("173", ("COERCE", "arrest", ("legal",))),
    ("041", ("CONSULT", "phone", ())),
    ("195", ("ASSAULT", "aerial", ("military",))),
    ("091", ("ACCUSE", "investigate", ("crime", "corruption"))),
    ("186", ("ASSAULT", "targeted", ())),
])
def test_plover_for_cameo(onto, code, expected):
    assert tuple(onto.plover_for_cameo(code)) == expected


@pytest.mark.parametrize(("call", "args"), [
    ("score", ("FIGHT",)), ("score", ("ASSAULT", "laser")), ("goldstein", ("999",)),
    ("cameo_name", ("1213",)), ("plover_for_cameo", ("010",)), ("quad_code", ("",)),
])
def test_unknown_keys_raise_keyerror(onto, call, args):
    with pytest.raises(KeyError):
        getattr(onto, call)(*args)


@pytest.mark.parametrize(("type_", "mode", "expected"), [
    ("CONSULT", "visit", True), ("CONSULT", "host", False), ("AGREE", "visit", False), ("NOPE", "visit", False),
])
def test_is_mode(onto, type_, mode, expected):
    assert onto.is_mode(type_, mode) is expected


def test_contexts(onto):
    assert len(onto.contexts) == 37 + 4  # manual table "General contexts" + auxiliary
    assert onto.auxiliary_contexts == ("historical", "future", "hypothetical", "negation")
    assert {"military", "trafficking", "pro_democracy", "cbrn"} <= set(onto.contexts)


def test_ontology_is_immutable(onto):
    with pytest.raises(FrozenInstanceError):
        onto.contexts = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        onto.type_table["X"] = None  # type: ignore[index]
    assert load_ontology() is onto


@pytest.mark.parametrize(("edit", "message"), [
    (lambda s: s.replace("quad_code: 4", "quad_code: 5", 1), "quad_code"),
    (lambda s: s.replace('default_cameo: "190"', 'default_cameo: "999"'), "999"),
    (lambda s: s.replace('"173": {type: COERCE, mode: arrest', '"173": {type: COERCE, mode: hug'), "hug"),
    (lambda s: s.replace("types:", "types: [", 1), "YAML"),
    (lambda s: s.replace("types: [SUPPORT, AGREE, COOPERATE, AID]", "types: [SUPPORT, HUG]", 1), "HUG"),
    (lambda s: s.replace("contexts: [negation, hypothetical, future]", "contexts: [negation, someday]"), "someday"),
    (lambda s: s.replace("sectors: [PTY, LEG, OPP]", "sectors: [party]"), "party"),
])
def test_bad_data_raises_dataerror(tmp_path, edit, message):
    bad = tmp_path / "plover.yaml"
    bad.write_text(edit((DATA / "plover.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_ontology(bad)


# Event policy: the groups the event coder reads by name (events/coder.py, merge.py, modality.py).
@pytest.mark.parametrize(("kind", "name", "member"), [
    ("type", "cooperative", "SUPPORT"), ("type", "rejectable", "CONSULT"), ("type", "refusable", "RETREAT"),
    ("type", "coercive", "SANCTION"), ("type", "force", "COERCE"), ("type", "material", "MOBILIZE"),
    ("type", "continuation", "ASSAULT"), ("type", "counterpart", "ACCUSE"),
    ("type", "entity_counterpart", "THREATEN"), ("type", "military", "ASSAULT"), ("type", "agentive_genitive", "RETREAT"), ("type", "symmetric", "CONSULT"),
    ("sector", "political", "PTY"), ("sector", "armed", "MIL"), ("sector", "state", "GOV"),
    ("sector", "non_state", "NGO"), ("context", "unasserted", "negation"),
])
def test_policy_groups(onto, kind, name, member):
    group = getattr(onto, f"{kind}_group")(name)
    assert isinstance(group, frozenset) and member in group


def test_unknown_policy_group_raises_keyerror(onto):
    with pytest.raises(KeyError, match="no type group"):
        onto.type_group("friendly")


def test_module_constants_come_from_the_data(onto):
    from lagebild.ontology import SYMMETRIC_TYPES, UNASSERTED_CONTEXTS
    assert SYMMETRIC_TYPES == onto.type_group("symmetric")
    assert UNASSERTED_CONTEXTS == onto.context_group("unasserted")


def test_bad_cameo_table_raises_dataerror(tmp_path):
    bad = tmp_path / "cameo.tsv"
    bad.write_text("code\tname\n01\tX\n", encoding="utf-8")
    with pytest.raises(DataError, match="columns"):
        load_ontology(None, bad)


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_cameo_copy_matches_reference():
    ours = [ln for ln in (DATA / "cameo.tsv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    ref = (REFERENCE / "cameo" / "cameo_codebook.tsv").read_text(encoding="utf-8").splitlines()
    assert ours == ref


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared")
def test_cameo_map_covers_every_cameo2plover_code(onto):
    text = (REFERENCE / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    codes = set(re.findall(r"^(\d{2,4}):", text, flags=re.M))
    assert codes == set(onto.cameo_map)
