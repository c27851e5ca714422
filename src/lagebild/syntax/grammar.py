"""A language's grammar data (kind `grammar`), compiled for the syntax layer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyntaxGrammar:
    tags: dict[str, frozenset[str]] = field(default_factory=dict)    # class -> tags
    forms: dict[str, frozenset[str]] = field(default_factory=dict)   # class -> lower-case forms

    @classmethod
    def build(cls, entries: list[dict[str, Any]]) -> "SyntaxGrammar":
        tags: dict[str, set[str]] = {}
        forms: dict[str, set[str]] = {}
        for e in entries:
            tags.setdefault(e["class"], set()).update(e.get("tags") or ())
            forms.setdefault(e["class"], set()).update(f.lower() for f in e.get("forms") or ())
        return cls({k: frozenset(v) for k, v in tags.items()}, {k: frozenset(v) for k, v in forms.items()})

    def tag_class(self, name: str) -> frozenset[str]:
        return self.tags.get(name, frozenset())

    def words(self, name: str) -> frozenset[str]:
        return self.forms.get(name, frozenset())
