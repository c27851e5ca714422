"""The syntax layer: clauses and phrases that the event coder (and, in time, quotes and
actors) share.

It reads the language's `grammar` data (`lang/<code>/grammar.yaml`: tag classes and function
words) into a `SyntaxGrammar` and never names a word or tag of any language itself. Parts:

- `grammar`: the data, compiled (`SyntaxGrammar.build`).
- `clauses`: a sentence cut into clauses at clause breaks, with enumerations, appositions and
  the closing participle of a verbal bracket kept in their clause.
- `phrases`: phrases above the word that are not clauses (datelines, attributive participle
  phrases).
- `words`: word formation the layers share (the parts of compass compounds: "Ostukraine").
"""
from lagebild.syntax.clauses import Clause, split_clauses
from lagebild.syntax.grammar import SyntaxGrammar

__all__ = ["Clause", "SyntaxGrammar", "split_clauses"]
