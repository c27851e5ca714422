"""The numbers data files: schema validation, compilation errors, and no words in the code."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from lagebild.errors import DataError
from lagebild.lang import read_data_file, schema_for
from lagebild.numbers.data import compile_number_data

LANG_ROOT = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "lang"
CODE_ROOT = LANG_ROOT.parent / "numbers"
COMPONENT = LANG_ROOT.parent / "components" / "quantities.py"
FORMAT = {"type": "format", "decimal": ",", "group": ["."], "noun_initial": "upper"}


@pytest.mark.parametrize("path", sorted(LANG_ROOT.glob("*/numbers.yaml")), ids=lambda p: p.parent.name)
def test_every_numbers_file_validates(path):
    doc = read_data_file(path)
    assert doc["kind"] == "numbers"
    data = compile_number_data(doc["entries"])
    assert data.morphemes and len(data.scales) and len(data.currency_after)


def test_both_languages_have_numbers_data():
    assert (LANG_ROOT / "de" / "numbers.yaml").exists() and (LANG_ROOT / "en" / "numbers.yaml").exists()


@pytest.mark.parametrize("entry", [
    {"type": "currency", "code": "euro", "forms": ["Euro"]},
    {"type": "currency", "code": "EUR"},
    {"type": "scale", "forms": ["Mio."], "value": 0},
    {"type": "word", "forms": ["drei"]},
    {"type": "qualifier", "key": "many", "forms": ["viele"]},
    {"type": "format", "decimal": "12", "group": ["."], "noun_initial": "upper"},
    {"type": "unknown", "forms": ["x"]},
    {"type": "noun", "key": "persons", "forms": []},
])
def test_schema_rejects_bad_entries(entry):
    import jsonschema
    validator = jsonschema.Draft202012Validator(schema_for("numbers"))
    assert list(validator.iter_errors([FORMAT, entry]))


def test_compile_needs_exactly_one_format():
    with pytest.raises(DataError):
        compile_number_data([])
    with pytest.raises(DataError):
        compile_number_data([FORMAT, FORMAT])


def test_compile_rejects_bad_skip_pattern():
    with pytest.raises(DataError):
        compile_number_data([FORMAT, {"type": "skip", "patterns": ["(unclosed"]}])


def _forms(path: Path) -> set[str]:
    words = set()
    for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
        for k in ("forms", "prefix", "before", "after", "year_context"):
            words.update(f.casefold() for f in e.get(k, []) if f.isalpha() and len(f) >= 3)
    return words


def _string_literals(path: Path) -> list[str]:
    """String constants of a module, without docstrings (those may cite examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _schema_vocabulary() -> set[str]:
    """Keys and enum values of the schema ("article", "value"): code may name those."""
    out: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            out.update(k.casefold() for k in node)
            for k, v in node.items():
                if k in ("enum", "const"):
                    out.update(x.casefold() for x in (v if isinstance(v, list) else [v]) if isinstance(x, str))
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(schema_for("numbers"))
    return out


def test_code_contains_no_language_words():
    words = set().union(*(_forms(p) for p in LANG_ROOT.glob("*/numbers.yaml"))) - _schema_vocabulary()
    for path in [*CODE_ROOT.glob("*.py"), COMPONENT]:
        # Single-token literals are what code could match text against; messages are prose.
        for literal in _string_literals(path):
            assert len(literal.split()) > 1 or literal.casefold() not in words, \
                f"{path.name}: language word in code: {literal!r}"


@pytest.mark.parametrize("word,key", [
    ("Soldaten", "persons"), ("Zeitsoldaten", "persons"), ("Marinesoldaten", "sailors"),
    ("Exmarinesoldaten", "sailors"), ("Brücken", None), ("soldaten", "persons"),
])
def test_noun_class_takes_the_longest_head(word, key):
    data = compile_number_data([
        FORMAT,
        {"type": "noun", "key": "persons", "forms": ["Soldaten"], "compounds": True},
        {"type": "noun", "key": "sailors", "forms": ["Marinesoldaten"], "compounds": True},
    ])
    cls = data.noun_class(word)
    assert (cls.key if cls else None) == key
