"""Pipeline component `discourse`: coreference chains after the actors are known."""
from __future__ import annotations

from typing import ClassVar

from lagebild.discourse.chains import build_chains
from lagebild.discourse.lexicon import DiscourseLexicon
from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.quotes.lexicon import QuoteLexicon
from lagebild.quotes.marks import find_marks
from lagebild.settings import Settings


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
        doc.chains, _ = build_chains(doc, lex, self._quoted(doc, lang))
        _owners_from_descriptions(doc, lex)
        _same_head_agents(doc)
        return doc

    def _quoted(self, doc: Document, lang: str) -> list[tuple[int, int]]:
        """Character spans of direct quotations (the quote extractor's marks): a pronoun in
        them speaks from the quoted person's view ("wenn wir ihn sehen") and is left alone."""
        data = self.resources.language(lang)
        qlex = self.resources.get(f"quotes:{lang}", lambda: QuoteLexicon.build(data.entries("quotes")))
        return [(m.open_at, m.outer_end) for m in find_marks(doc.text, qlex.marks) if m.depth == 0]


def _owners_from_descriptions(doc: Document, lex: DiscourseLexicon) -> None:
    """"das Militär des abgeschotteten Landes": a generic agent whose country was
    only guessed from the article takes the country of the resolved description that owns it
    (a genitive right after it). The chain is evidence; the guess is not."""
    owners = {m.tok_start: m.entity for c in doc.chains for m in c.mentions
              if m.kind == "description" and m.entity is not None and m.entity.code}
    for e in doc.entities:
        owner = owners.get(e.tok_end)
        if owner is not None and e.label == "AGENT" and e.source.endswith("+context") \
                and lex.word("genitive_article", doc.tokens[e.tok_end].text):
            e.code, e.source = owner.code, "agent+coref"


HEAD_WINDOW = 6   # sentences back in which "die Regierung" finds "die ungarische Regierung"


def _same_head_agents(doc: Document) -> None:
    """"Die ungarische Regierung ... Die Regierung": a generic agent whose country was only
    guessed from the article takes the country of the last earlier mention with the same head
    that names its country ("das Europäische Parlament ... Das Parlament" -> EU). The same
    head noun is the plainest evidence that two mentions are one participant."""
    named = [e for e in doc.entities if e.code and e.identifier_text and not e.source.endswith("+context")]
    for e in doc.entities:
        if e.label != "AGENT" or not e.source.endswith("+context") or not e.identifier_text:
            continue
        head = e.identifier_text.lower()
        earlier = [f for f in named if f.end <= e.start and e.sent - f.sent <= HEAD_WINDOW
                   and f.identifier_text.lower().split()[-1:] == head.split()[-1:]]
        if earlier:
            e.code, e.source = earlier[-1].code, "agent+coref"
