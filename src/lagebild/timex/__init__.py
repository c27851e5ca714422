"""Time expressions, HeidelTime style: rules and vocabulary are data (`kind: time` files),
this package compiles them (`grammar`), finds the longest matches, detects the clause's
tense (`tense`) and resolves canonical structures to ISO 8601 values (`resolve`).
It knows no language: all words live in lang/<code>/time.yaml.
"""
from lagebild.timex.annotate import annotate
from lagebild.timex.grammar import Grammar, Match, compile_grammar
from lagebild.timex.resolve import Context, resolve
from lagebild.timex.spec import Spec, build_spec

__all__ = ["Context", "Grammar", "Match", "Spec", "annotate", "build_spec", "compile_grammar", "resolve"]
