"""Pipeline component `discourse`: coreference chains after the actors are known."""
from __future__ import annotations

from typing import ClassVar

from lagebild.discourse.agents import owners_from_descriptions, same_head_agents
from lagebild.discourse.chains import build_chains
from lagebild.discourse.lexicon import DiscourseLexicon
from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.quotes.lexicon import QuoteLexicon
from lagebild.quotes.marks import find_marks
from lagebild.settings import Settings
from lagebild.syntax.phrases import dateline_end


class DiscourseResolver:
    name: ClassVar[str] = "discourse"
    requires: ClassVar[tuple[str, ...]] = ("doc.tokens", "doc.sentences", "token.pos", "doc.entities")
    assigns: ClassVar[tuple[str, ...]] = ("doc.chains", "entity.code")

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def lexicon(self, lang: str) -> DiscourseLexicon:
        def load() -> DiscourseLexicon:
            data = self.resources.language(lang)
            roles = [e for e in data.entries("quotes") if e.get("type") == "role"]
            return DiscourseLexicon.build(data.entries("discourse"), data.entries("agents"),
                                          roles, data.entries("actors"))
        return self.resources.get(f"discourse:{lang}", load)

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or self.settings.lang or "de"
        # The coref entities stay with their mentions (Mention.entity) and reach the records
        # through formats.records; they are not put into doc.entities, which the event coder
        # reads position by position (see lagebild.discourse.coref_entities).
        lex = self.lexicon(lang)
        doc.chains, _ = build_chains(doc, lex, self._quoted(doc, lang), self._datelines(doc, lang))
        owners_from_descriptions(doc, lex)
        same_head_agents(doc)
        return doc

    def _datelines(self, doc: Document, lang: str) -> dict[int, int]:
        """Per sentence, the first token after its dateline ("Seoul – Nordkorea ..."): the
        place that filed the report is no participant of the sentence."""
        g = self.resources.syntax(lang)
        return {s.index: dateline_end(doc, s.tok_start, s.tok_end, g) for s in doc.sentences}

    def _quoted(self, doc: Document, lang: str) -> list[tuple[int, int]]:
        """Character spans of direct quotations (the quote extractor's marks): a pronoun in
        them speaks from the quoted person's view ("wenn wir ihn sehen") and is left alone."""
        data = self.resources.language(lang)
        qlex = self.resources.get(f"quotes:{lang}", lambda: QuoteLexicon.build(data.entries("quotes")))
        return [(m.open_at, m.outer_end) for m in find_marks(doc.text, qlex.marks) if m.depth == 0]
