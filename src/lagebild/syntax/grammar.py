"""A language's grammar data (kind `grammar`), compiled for the syntax layer and the event
coder: tag classes (tags and tag beginnings), function words (forms) and lemma classes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyntaxGrammar:
    tags: dict[str, frozenset[str]] = field(default_factory=dict)    # class -> tags
    forms: dict[str, frozenset[str]] = field(default_factory=dict)   # class -> lower-case forms
    lemmas: dict[str, frozenset[str]] = field(default_factory=dict)  # class -> lemmas (case kept)
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)   # class -> tag beginnings

    @classmethod
    def build(cls, entries: list[dict[str, Any]]) -> "SyntaxGrammar":
        tags: dict[str, set[str]] = {}
        forms: dict[str, set[str]] = {}
        lemmas: dict[str, set[str]] = {}
        prefixes: dict[str, set[str]] = {}
        for e in entries:
            tags.setdefault(e["class"], set()).update(e.get("tags") or ())
            forms.setdefault(e["class"], set()).update(f.lower() for f in e.get("forms") or ())
            lemmas.setdefault(e["class"], set()).update(e.get("lemmas") or ())
            prefixes.setdefault(e["class"], set()).update(e.get("tag_prefixes") or ())
        return cls({k: frozenset(v) for k, v in tags.items()}, {k: frozenset(v) for k, v in forms.items()},
                   {k: frozenset(v) for k, v in lemmas.items()},
                   {k: tuple(sorted(v)) for k, v in prefixes.items()})

    def tag_class(self, name: str) -> frozenset[str]:
        return self.tags.get(name, frozenset())

    def tag_prefixes(self, name: str) -> tuple[str, ...]:
        """Tag beginnings of a class, for `str.startswith` (empty: no tag matches)."""
        return self.prefixes.get(name, ())

    def words(self, name: str) -> frozenset[str]:
        return self.forms.get(name, frozenset())

    def lemma_set(self, name: str) -> frozenset[str]:
        return self.lemmas.get(name, frozenset())
