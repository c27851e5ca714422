"""Pipeline component: quotes, their cues and speakers (see lagebild.quotes)."""
from __future__ import annotations

from typing import ClassVar

from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.quotes import QuoteLexicon, extract_quotes
from lagebild.settings import Settings


class QuoteExtractor:
    name: ClassVar[str] = "quotes"
    # pronoun and description speakers ("sagte er", "so die Ministerin") come from the chains
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences", "token.lemma", "doc.entities", "doc.chains")
    assigns: ClassVar[tuple[str, ...]] = ("doc.quotes",)

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def lexicon(self, lang: str) -> QuoteLexicon:
        data = self.resources.language(lang)
        return self.resources.get(f"quotes:{lang}", lambda: QuoteLexicon.build(data.entries("quotes")))

    def __call__(self, doc: Document) -> Document:
        lex = self.lexicon(doc.lang or self.settings.lang or "de")
        doc.quotes.extend(extract_quotes(doc, lex))
        return doc
