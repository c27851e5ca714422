"""Language data: lexicons and rules kept as YAML data files, validated against JSON schemas.

Layout (dateparser style): `lang/<code>/**/*.yaml`. Every file starts with

    kind: actors          # which schema applies (lang/schemas/<kind>.json)
    version: 1
    entries: [...]

Parsing code asks for entries by kind (`data.entries("actors")`) and never names a
language; adding a language means adding a folder of data files.
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

    @cached_property
    def _by_kind(self) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
        out: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
        for p in self.files:
            doc = read_data_file(p, full=False)
            for e in doc["entries"]:
                out.setdefault(doc["kind"], []).append((p, e))
        return out

    def entries(self, kind: str) -> list[dict[str, Any]]:
        own = [e for _, e in self._by_kind.get(kind, [])]
        overlay = NAME_OVERLAYS.get(kind)
        if overlay and overlay in self._by_kind:
            own = own + self._named_facts(kind, overlay)
        return own

    def _named_facts(self, kind: str, overlay: str) -> list[dict[str, Any]]:
        """The entries of `overlay` (this language's names for facts stored once, under the same
        key, in another language's `kind` entries) completed with those facts: an actor's code,
        Wikidata id, sector and dated roles do not depend on the language that names it."""
        facts: dict[str, dict[str, Any]] = {}
        for code in SUPPORTED_LANGUAGES:
            if code != self.code:
                for e in LanguageData(code, LANG_ROOT / code, data_files(code))._by_kind.get(kind, []):
                    facts.setdefault(e[1]["key"], e[1])
        out = []
        for path, names in self._by_kind[overlay]:
            fact = facts.get(names["key"])
            if fact is None:
                raise DataError(f"{path}: names for '{names['key']}', which no language's {kind} data defines")
            merged = {k: v for k, v in fact.items() if k not in LANGUAGE_FIELDS}
            merged.update({k: v for k, v in names.items() if k != "note"})
            out.append(merged)
        return out

    def entries_with_files(self, kind: str) -> list[tuple[Path, dict[str, Any]]]:
        return list(self._by_kind.get(kind, []))

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)


# kinds whose facts are shared across languages: the overlay kind of a language gives only names
NAME_OVERLAYS = {"actors": "actor_names"}
# the fields of an actor entry that are words of one language (the rest are facts)
LANGUAGE_FIELDS = frozenset({"names", "short", "adjectives", "demonyms", "note"})


def data_files(code: str) -> list[Path]:
    root = LANG_ROOT / code
    return sorted(p for p in root.rglob("*.yaml"))


def load_language(code: str) -> LanguageData:
    if code not in SUPPORTED_LANGUAGES:
        raise DataError(f"unsupported language '{code}' (supported: {', '.join(SUPPORTED_LANGUAGES)})")
    return LanguageData(code=code, root=LANG_ROOT / code, files=data_files(code))


def validate_all() -> list[str]:
    """Validate every data file of every language; returns the problems found (empty = fine)."""
    problems = []
    for code in SUPPORTED_LANGUAGES:
        for p in data_files(code):
            try:
                read_data_file(p)
            except DataError as e:
                problems.append(str(e))
    return problems
