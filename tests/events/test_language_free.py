"""The event coder names no word of any language in its code: function words, cue words and
trigger lemmas live in lang/<code>/ (dateparser habit). Comments and docstrings may quote
examples; string literals may not."""
import ast
from pathlib import Path

import pytest

from lagebild.lang import load_language
from literals import string_literals

SRC = Path(__file__).resolve().parents[2] / "src" / "lagebild"
CODE = [SRC / "components" / "events.py", *sorted((SRC / "events").glob("*.py")),
        *sorted((SRC / "syntax").glob("*.py"))]
SYNTAX = sorted((SRC / "syntax").glob("*.py"))


def _words() -> set[str]:
    data = load_language("de")
    out: set[str] = set()
    for e in data.entries("modality"):
        out |= {f.lower() for f in e.get("forms") or ()} | {lem.lower() for lem in e.get("lemmas") or ()}
    for e in data.entries("grammar"):
        out |= {f.lower() for f in e.get("forms") or ()} | {lem.lower() for lem in e.get("lemmas") or ()}
    for e in data.entries("triggers"):
        out |= {lem.lower() for lem in e["lemmas"]}
    return {w for w in out if w.isalpha() and len(w) >= 2}


_literals = string_literals


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_coder_has_no_language_words(path):
    hits = sorted(_literals(path) & _words())
    assert not hits, f"{path.name} names {hits}; move them to lang/<code>/modality.yaml"


def _tags() -> set[str]:
    data = load_language("de").entries("grammar")
    return {t.lower() for e in data for t in (e.get("tags") or []) + (e.get("tag_prefixes") or [])}


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.name)
def test_syntax_names_no_tag(path):
    # the syntax layer reads tag classes from lang/<code>/grammar.yaml: a tag set is language data
    hits = sorted(_literals(path) & _tags())
    assert not hits, f"{path.name} names tags {hits}; move them to lang/<code>/grammar.yaml"


def _module_level_literals(path: Path) -> set[str]:
    """String literals in the module's top-level assignments (its constants)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value.lower() for stmt in tree.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
            for n in ast.walk(stmt) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.name)
def test_no_tag_constants(path):
    # tag classes (nouns, prepositions, noun-phrase-inner tags ...) are grammar data, read
    # through SyntaxGrammar / events.grammar.Grammar, not constants of the code
    hits = sorted(_module_level_literals(path) & _tags())
    assert not hits, f"{path.name} defines tag constants {hits}; move them to lang/<code>/grammar.yaml"


# Tags the coder still names inline in its rules (suffix and prefix tests, single tags); the
# list may only shrink: a new tag test belongs in a tag class of grammar.yaml.
CODER_INLINE_TAGS = {"adj", "adja", "adjd", "appo", "art", "card", "fin", "nn", "piat", "pposat", "ptkzu", "va", "vm", "vv",
                     "vvizu", "vvpp"}


@pytest.mark.parametrize("path", [SRC / "events" / "coder.py", SRC / "events" / "modality.py"], ids=lambda p: p.name)
def test_coder_names_no_new_tag(path):
    hits = _literals(path) & (_tags() | {"fin"})
    assert hits <= CODER_INLINE_TAGS, f"{path.name} names tags {sorted(hits - CODER_INLINE_TAGS)}; use grammar.yaml"
