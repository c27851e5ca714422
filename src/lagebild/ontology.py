"""The PLOVER event ontology and its CAMEO crosswalk, loaded from package data.

`data/plover.yaml` holds the 16 PLOVER types (quad code, score, modes, closest CAMEO codes),
the contexts and the CAMEO→PLOVER map (adapted from CAMEO2PLOVER, CC BY-SA 4.0);
`data/cameo.tsv` holds the CAMEO codebook with Goldstein scores and QuadClass.
See docs/ontology.md for how the CAMEO codes were chosen.

    onto = load_ontology()
    onto.score("ASSAULT", "aerial")      # -9.5
    onto.cameo("CONSULT", "visit")       # "042"
    onto.goldstein("190")                # -10.0
    onto.plover_for_cameo("173")         # PloverCode(type="COERCE", mode="arrest", context=("legal",))

Unknown types, modes and codes raise KeyError (the object behaves like a read-only mapping);
invalid data files raise DataError.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from lagebild.errors import DataError

_DATA = resources.files("lagebild") / "data"
PLOVER_FILE = "plover.yaml"
CAMEO_FILE = "cameo.tsv"
SCHEMA_FILE = "schemas/plover.json"
CAMEO_COLUMNS = ("code", "root", "level", "name", "goldstein", "quadclass", "quadclass_name")


@dataclass(frozen=True)
class Mode:
    name: str
    score: float
    cameo: str
    score_inherited: bool = False
    note: str | None = None


@dataclass(frozen=True)
class EventType:
    name: str
    quad_code: int
    score: float
    requires_recipient: bool
    default_cameo: str
    modes: tuple[Mode, ...]

    @property
    def mode_names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.modes)

    def mode(self, name: str) -> Mode:
        for m in self.modes:
            if m.name == name:
                return m
        raise KeyError(f"PLOVER type {self.name} has no mode {name!r} (modes: {', '.join(self.mode_names) or 'none'})")


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    level: int
    name: str
    goldstein: float
    quad_class: int


class PloverCode(NamedTuple):
    """One CAMEO2PLOVER row; a tuple so callers can unpack `type, mode, context`."""
    type: str
    mode: str | None
    context: tuple[str, ...]


# eq=False: identity semantics, and the mapping fields are not hashable anyway.
@dataclass(frozen=True, eq=False)
class Ontology:
    type_table: Mapping[str, EventType]
    cameo_table: Mapping[str, CameoCode]
    cameo_map: Mapping[str, PloverCode]
    contexts: tuple[str, ...]             # general + auxiliary, in manual order
    auxiliary_contexts: tuple[str, ...]
    # event policy (plover.yaml type_groups, sector_groups, context_groups): name -> members
    type_groups: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    sector_groups: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    context_groups: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def type_group(self, name: str) -> frozenset[str]:
        """The event types of a named policy group ("cooperative", "counterpart" ...)."""
        return _group(self.type_groups, "type", name)

    def sector_group(self, name: str) -> frozenset[str]:
        """The actor sectors of a named policy group ("state", "armed" ...)."""
        return _group(self.sector_groups, "sector", name)

    def context_group(self, name: str) -> frozenset[str]:
        """The contexts of a named policy group ("unasserted")."""
        return _group(self.context_groups, "context", name)

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self.type_table)

    def event_type(self, type_: str) -> EventType:
        try:
            return self.type_table[type_.strip().upper()]
        except KeyError:
            raise KeyError(f"unknown PLOVER type {type_!r}") from None

    def _mode(self, type_: str, mode: str | None) -> Mode | None:
        # An empty mode means "no mode", as in CAMEO2PLOVER's blank mode column.
        return self.event_type(type_).mode(mode.strip().lower()) if mode and mode.strip() else None

    def is_mode(self, type_: str, mode: str) -> bool:
        t = self.type_table.get(type_.strip().upper())
        return t is not None and mode.strip().lower() in t.mode_names

    def score(self, type_: str, mode: str | None = None) -> float:
        m = self._mode(type_, mode)
        return m.score if m else self.event_type(type_).score

    def quad_code(self, type_: str) -> int:
        return self.event_type(type_).quad_code

    def requires_recipient(self, type_: str) -> bool:
        return self.event_type(type_).requires_recipient

    def cameo(self, type_: str, mode: str | None = None) -> str:
        """Closest CAMEO code for a PLOVER type (and mode); not the inverse of `plover_for_cameo`."""
        m = self._mode(type_, mode)
        return m.cameo if m else self.event_type(type_).default_cameo

    def cameo_entry(self, code: str) -> CameoCode:
        """Codebook row for `code`; a 4-digit code missing from the codebook falls back to its
        3-digit parent (CAMEO2PLOVER uses a few leaf codes GDELT's table lacks)."""
        code = code.strip()
        if code in self.cameo_table:
            return self.cameo_table[code]
        if len(code) == 4 and code[:3] in self.cameo_table:
            return self.cameo_table[code[:3]]
        raise KeyError(f"unknown CAMEO code {code!r}")

    def goldstein(self, cameo_code: str) -> float:
        return self.cameo_entry(cameo_code).goldstein

    def quad_class(self, cameo_code: str) -> int:
        return self.cameo_entry(cameo_code).quad_class

    def cameo_name(self, cameo_code: str) -> str:
        # Exact codes only: a parent's name would misdescribe the child.
        try:
            return self.cameo_table[cameo_code.strip()].name
        except KeyError:
            raise KeyError(f"unknown CAMEO code {cameo_code!r}") from None

    def plover_for_cameo(self, cameo_code: str) -> PloverCode:
        try:
            return self.cameo_map[cameo_code.strip()]
        except KeyError:
            raise KeyError(f"CAMEO code {cameo_code!r} has no PLOVER equivalent") from None


def _group(groups: Mapping[str, frozenset[str]], kind: str, name: str) -> frozenset[str]:
    # an unknown name is a typo in the code, not missing data: fail loudly
    try:
        return groups[name]
    except KeyError:
        raise KeyError(f"plover.yaml has no {kind} group {name!r}") from None


# ---- loading -------------------------------------------------------------------------------

def _read_text(path: Path | Any) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror})") from None


def read_plover(path: Path | Any, schema_path: Path | Any, validate: bool = True) -> dict[str, Any]:
    """Load plover.yaml and validate it against its JSON schema (`validate=False`: only for
    the package's own file, which tests/test_ontology.py validates)."""
    try:
        # The C loader (when PyYAML was built with libyaml) is ~10x faster; same safe semantics.
        doc = yaml.load(_read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise DataError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not validate:
        return doc
    import jsonschema
    schema = json.loads(_read_text(schema_path))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path)
        raise DataError(f"{path}: {where or '(top)'}: {errors[0].message} ({len(errors)} error(s))")
    return doc


def _cameo_row(row: dict[str, str], where: str) -> CameoCode:
    try:
        return CameoCode(code=row["code"], root=row["root"], level=int(row["level"]), name=row["name"],
                         goldstein=float(row["goldstein"]), quad_class=int(row["quadclass"]))
    except (TypeError, ValueError) as e:
        raise DataError(f"{where}: bad CAMEO row ({e})") from None


def read_cameo(path: Path | Any) -> dict[str, CameoCode]:
    """Load the CAMEO codebook TSV; '#' lines are provenance comments."""
    lines = [ln for ln in _read_text(path).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != CAMEO_COLUMNS:
        raise DataError(f"{path}: expected columns {', '.join(CAMEO_COLUMNS)}")
    table: dict[str, CameoCode] = {}
    for i, row in enumerate(reader, start=2):
        entry = _cameo_row(row, f"{path}: data line {i}")
        if entry.code in table:
            raise DataError(f"{path}: duplicate CAMEO code {entry.code}")
        if not 1 <= entry.quad_class <= 4:
            raise DataError(f"{path}: CAMEO {entry.code}: QuadClass {entry.quad_class} not in 1-4")
        table[entry.code] = entry
    return table


def _build_types(raw: Iterable[dict[str, Any]]) -> dict[str, EventType]:
    types: dict[str, EventType] = {}
    for t in raw:
        modes = tuple(Mode(name=m["name"], score=float(m["score"]), cameo=m["cameo"],
                           score_inherited=m.get("score_inherited", False), note=m.get("note"))
                      for m in t["modes"])
        if t["name"] in types or len({m.name for m in modes}) != len(modes):
            raise DataError(f"plover.yaml: duplicate type or mode name in {t['name']}")
        types[t["name"]] = EventType(name=t["name"], quad_code=t["quad_code"], score=float(t["score"]),
                                     requires_recipient=t["requires_recipient"],
                                     default_cameo=t["default_cameo"], modes=modes)
    return types


def _check_crosswalk(onto: Ontology) -> None:
    """References between the two files must resolve; the schema cannot see across files."""
    for t in onto.type_table.values():
        for code in (t.default_cameo, *(m.cameo for m in t.modes)):
            if code not in onto.cameo_table:
                raise DataError(f"plover.yaml: {t.name}: CAMEO code {code} is not in cameo.tsv")
    known_contexts = set(onto.contexts)
    for code, row in onto.cameo_map.items():
        if row.type not in onto.type_table or (row.mode is not None and not onto.is_mode(row.type, row.mode)):
            raise DataError(f"plover.yaml: cameo_map {code}: unknown type/mode {row.type}:{row.mode}")
        if unknown := set(row.context) - known_contexts:
            raise DataError(f"plover.yaml: cameo_map {code}: unknown context(s) {', '.join(sorted(unknown))}")
        try:
            onto.cameo_entry(code)
        except KeyError:
            raise DataError(f"plover.yaml: cameo_map code {code} is not in cameo.tsv") from None
    for name, members in onto.type_groups.items():
        if unknown := members - set(onto.type_table):
            raise DataError(f"plover.yaml: type group {name}: unknown type(s) {', '.join(sorted(unknown))}")
    for name, members in onto.context_groups.items():
        if unknown := members - known_contexts:
            raise DataError(f"plover.yaml: context group {name}: unknown context(s) {', '.join(sorted(unknown))}")


def _groups(doc: dict[str, Any], section: str, key: str) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({name: frozenset(g[key]) for name, g in (doc.get(section) or {}).items()})


def build_ontology(doc: dict[str, Any], cameo: dict[str, CameoCode]) -> Ontology:
    contexts = tuple(c["name"] for c in doc["contexts"])
    if len(set(contexts)) != len(contexts):
        raise DataError("plover.yaml: duplicate context name")
    onto = Ontology(
        type_table=MappingProxyType(_build_types(doc["types"])),
        cameo_table=MappingProxyType(dict(cameo)),
        cameo_map=MappingProxyType({code: PloverCode(r["type"], r["mode"], tuple(r["context"]))
                                    for code, r in doc["cameo_map"].items()}),
        contexts=contexts,
        auxiliary_contexts=tuple(c["name"] for c in doc["contexts"] if c["kind"] == "auxiliary"),
        type_groups=_groups(doc, "type_groups", "types"),
        sector_groups=_groups(doc, "sector_groups", "sectors"),
        context_groups=_groups(doc, "context_groups", "contexts"),
    )
    _check_crosswalk(onto)
    return onto


# Cached because the inputs are immutable package data and the result is immutable.
@lru_cache(maxsize=4)
def load_ontology(plover_path: Path | None = None, cameo_path: Path | None = None) -> Ontology:
    """Load and validate the ontology (package data unless paths are given). The package's
    own plover.yaml is validated by the tests, not at every start: importing jsonschema and
    running it cost ~0.12 CPU-s of each process's start-up; a file given by path is checked."""
    cameo = read_cameo(cameo_path or _DATA / CAMEO_FILE)
    return build_ontology(read_plover(plover_path or _DATA / PLOVER_FILE, _DATA / SCHEMA_FILE,
                                      validate=plover_path is not None), cameo)


def __getattr__(name: str) -> frozenset[str]:
    """SYMMETRIC_TYPES and UNASSERTED_CONTEXTS, read lazily from the package's plover.yaml so
    that importing this module reads no file: event types whose two sides may be swapped (a
    meeting between A and B is one between B and A), and contexts under which an event is
    reported but not asserted to have happened."""
    if name == "SYMMETRIC_TYPES":
        return load_ontology().type_group("symmetric")
    if name == "UNASSERTED_CONTEXTS":
        return load_ontology().context_group("unasserted")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
