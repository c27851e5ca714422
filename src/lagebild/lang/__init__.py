"""Language data: lexicons and rules kept as YAML data files, validated against JSON schemas.

Layout (dateparser style): `lang/<code>/**/*.yaml`. Every file starts with

    kind: actors          # which schema applies (lang/schemas/<kind>.json)
    version: 1
    entries: [...]

Parsing code asks for entries by kind (`data.entries("actors")`) and never names a
language; adding a language means adding a folder of data files.

Actor facts that do not depend on the language (label, canonical English name, Wikidata id,
code, sector, dated roles) are stored once, outside every language folder, in
`data/actors/*.yaml` (kind `actor_facts`). Each language folder holds only its words for them
in `lang/<code>/actors/*.yaml` (kind `actor_names`: names, short forms, adjectives, demonyms,
joined by key); `entries("actors")` returns the facts merged with the language's names, in the
order of the names files, and an actor the language has no names for is unknown to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from lagebild.errors import DataError
from lagebild.settings import SUPPORTED_LANGUAGES

LANG_ROOT = Path(__file__).parent
SCHEMA_ROOT = LANG_ROOT / "schemas"
# language-independent facts, shared by every language folder
FACTS_ROOT = LANG_ROOT.parent / "data" / "actors"


def schema_for(kind: str) -> dict[str, Any]:
    path = SCHEMA_ROOT / f"{kind}.json"
    if not path.exists():
        raise DataError(f"no schema for data kind '{kind}' (expected {path.name} in lang/schemas)")
    return json.loads(path.read_text(encoding="utf-8"))


# libyaml's loader is ~10x faster than the pure-Python one; fall back when it is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data_file(path: Path, full: bool = True) -> dict[str, Any]:
    """Load one data file and check it against the schema of its kind.

    `full=True` runs the complete JSON-schema validation (tests, `lagebild lexicon
    validate`); `full=False`, used when the pipeline loads data, only checks the structure
    and each entry's required fields, which keeps start-up fast while still turning a broken
    file into a DataError instead of a crash deep inside a component."""
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as e:
        raise DataError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict) or "kind" not in doc or not isinstance(doc.get("entries"), list):
        raise DataError(f"{path}: a data file needs top-level 'kind', 'version' and 'entries'")
    schema = schema_for(doc["kind"])
    if not full:
        required = schema.get("items", {}).get("required", [])
        for i, e in enumerate(doc["entries"]):
            if not isinstance(e, dict) or any(k not in e for k in required):
                raise DataError(f"{path}: entries/{i}: needs the fields {', '.join(required)}")
        return doc
    import jsonschema
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc["entries"]), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path)
        raise DataError(f"{path}: entries/{where}: {e.message} ({len(errors)} error(s))")
    return doc


@dataclass
class LanguageData:
    code: str
    root: Path
    files: list[Path] = field(default_factory=list)
    # the shared facts the language's names join; a test points it at its own made-up facts
    fact_files: list[Path] | None = None

    @cached_property
    def _by_kind(self) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
        return _entries_by_kind(self.files)

    @cached_property
    def _facts(self) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
        return _entries_by_kind(fact_files() if self.fact_files is None else self.fact_files)

    def entries(self, kind: str) -> list[dict[str, Any]]:
        return [e for _, e in self.entries_with_files(kind)]

    def entries_with_files(self, kind: str) -> list[tuple[Path, dict[str, Any]]]:
        """The entries of `kind` with the file each comes from; for a kind whose facts are
        shared (actors) the file is the language's names file."""
        own = list(self._by_kind.get(kind, []))
        if kind in SHARED_FACTS:
            # merged once: the actor index, places, events, discourse and geo all read them
            if kind not in self._merged:
                self._merged[kind] = self._named_facts(*SHARED_FACTS[kind])
            own += self._merged[kind]
        return own

    @cached_property
    def _merged(self) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
        return {}

    def _named_facts(self, facts_kind: str, names_kind: str) -> list[tuple[Path, dict[str, Any]]]:
        """This language's `names_kind` entries completed with the facts stored once under the
        same key: an actor's code, Wikidata id, sector and dated roles do not depend on the
        language that names it. A fact's `note` documents the fact file and is not merged; a
        names entry's `note` is the language's own and is kept."""
        facts: dict[str, tuple[Path, dict[str, Any]]] = {}
        for path, e in self._facts.get(facts_kind, []):
            if e["key"] in facts:
                raise DataError(f"{path}: facts for '{e['key']}' already defined in {facts[e['key']][0].name}")
            facts[e["key"]] = (path, e)
        out = []
        for path, names in self._by_kind.get(names_kind, []):
            if names["key"] not in facts:
                raise DataError(f"{path}: names for '{names['key']}', which no {facts_kind} entry defines")
            merged = {k: v for k, v in facts[names["key"]][1].items() if k != "note"}
            merged.update(names)
            out.append((path, merged))
        return out

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)


def _entries_by_kind(files: list[Path]) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    out: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
    for p in files:
        doc = read_data_file(p, full=False)
        for e in doc["entries"]:
            out.setdefault(doc["kind"], []).append((p, e))
    return out


# kinds whose facts are stored once (data/) and named by each language: kind -> (facts, names)
SHARED_FACTS = {"actors": ("actor_facts", "actor_names")}


def fact_files() -> list[Path]:
    return sorted(FACTS_ROOT.glob("*.yaml"))


def data_files(code: str) -> list[Path]:
    root = LANG_ROOT / code
    return sorted(p for p in root.rglob("*.yaml"))


def load_language(code: str) -> LanguageData:
    if code not in SUPPORTED_LANGUAGES:
        raise DataError(f"unsupported language '{code}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    return LanguageData(code=code, root=LANG_ROOT / code, files=data_files(code))


def validate_all() -> list[str]:
    """Validate the shared fact files and every data file of every language; returns the problems found (empty = fine)."""
    problems = []
    for p in fact_files() + [p for code in SUPPORTED_LANGUAGES for p in data_files(code)]:
        try:
            read_data_file(p)
        except DataError as e:
            problems.append(str(e))
    # the files may each be valid and still not join: names for a key no fact defines
    for code in SUPPORTED_LANGUAGES:
        for kind in SHARED_FACTS:
            try:
                load_language(code).entries(kind)
            except DataError as e:
                problems.append(str(e))
    return problems
