"""Time expressions: finds dates, times, durations and sets and resolves them to ISO 8601.

All language knowledge comes from the `kind: time` data files (lang/<code>/time.yaml);
relative expressions are resolved against the publication date (`doc.published`, else
`settings.published`); without one only absolute dates get a value (the rest are skipped).
"""
from __future__ import annotations

from typing import ClassVar

from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import Settings
from lagebild.timex import Grammar, annotate, compile_grammar


class TimeExtractor:
    name: ClassVar[str] = "time"
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences", "token.lemma")
    assigns: ClassVar[tuple[str, ...]] = ("doc.timexes",)

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def grammar(self, lang: str) -> Grammar:
        return self.resources.get(
            f"timex:{lang}", lambda: compile_grammar(self.resources.language(lang).entries("time")))

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or self.settings.lang
        if not lang:
            return doc
        ref = doc.published or self.settings.published
        doc.timexes.extend(annotate(doc, self.grammar(lang), ref))
        return doc
