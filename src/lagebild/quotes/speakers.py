"""From a speaker chunk to a speaker Entity: named actors, role nouns and pronouns.

A chunk holding a named actor gives that actor (widened to the chunk as written, so
"ein Sprecher des Außenministeriums" reports the ministry with the words of the article).
A role noun without a name ("der Minister") and a pronoun ("er") are resolved to the nearest
compatible actor before them, preferring the previous quote's speaker; the new Entity keeps the
surface words and carries the antecedent's code, sector and canonical name.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import Entity
from lagebild.quotes.context import Chunk, DocView

# How far back (in sentences) the previous quote's speaker is preferred as an antecedent.
SPEAKER_MEMORY = 4


@dataclass
class Resolution:
    speaker: Entity | None
    text: str | None


@dataclass
class SpeakerResolver:
    view: DocView
    last: Entity | None = None
    last_sent: int = -10
    _names: dict[str, str] = field(default_factory=dict)

    def remember(self, speaker: Entity | None, sent: int) -> None:
        if speaker is not None:
            self.last, self.last_sent = speaker, sent

    def previous(self, sent: int, limit: int = SPEAKER_MEMORY) -> Entity | None:
        return self.last if self.last is not None and sent - self.last_sent <= limit else None

    # --- chunk -> entity ----------------------------------------------------------------------
    def resolve(self, chunks: list[Chunk], sent: int) -> Resolution:
        """Resolve a speaker phrase (one chunk, or a source chunk plus its `von` chunk)."""
        v = self.view
        a, b = chunks[0].a, chunks[-1].b
        text = v.text_of(a, b)
        ents = [e for c in chunks if (e := v.chunk_entity(c)) is not None]
        if ents:
            inner = max(ents, key=lambda e: (e.label == "PER", e.code is not None, e.end - e.start))
            return Resolution(self._widen(inner, a, b, text), text)
        pro = v.chunk_pronoun(chunks[0])
        if pro is not None and len(chunks) == 1:
            ante = self._antecedent(v.toks[a].start, pro, None, sent)
            return Resolution(self._derive(ante, a, b, text) if ante else None, text)
        role = v.chunk_role(chunks[0])
        if role is not None:
            k, r = role
            if r.spokesperson:
                ante = self._organisation(v.toks[a].start, v.lex.compound_modifier(v.toks[k].text, r))
            else:
                ante = self._antecedent(v.toks[a].start, r.labels, r.sector, sent)
            return Resolution(self._derive(ante, a, b, text) if ante else None, text)
        return Resolution(None, text)

    def _widen(self, e: Entity, a: int, b: int, text: str) -> Entity:
        v = self.view
        if v.toks[a].start == e.start and v.toks[b - 1].end == e.end:
            return e
        w = self._derive(e, a, b, text)
        w.identifier_text = e.identifier_text
        return w

    def _derive(self, ante: Entity, a: int, b: int, text: str) -> Entity:
        v = self.view
        return Entity(text=text, start=v.toks[a].start, end=v.toks[b - 1].end, label=ante.label,
                      sent=v.toks[a].sent, code=ante.code, sector=ante.sector,
                      identifier_text=ante.identifier_text or self.full_name(ante),
                      identifier_id=ante.identifier_id, key=ante.key, source="quote",
                      tok_start=a, tok_end=b)

    def full_name(self, e: Entity) -> str:
        """Best written name of an actor without a canonical name: its longest mention that ends
        in the same word ("Boris Pistorius" for "Pistorius")."""
        last = e.text.split()[-1] if e.text.split() else e.text
        if last in self._names:
            return self._names[last]
        best = e.text
        for x in self.view.doc.entities:
            if x.label == e.label and x.text.split() and x.text.split()[-1] == last and len(x.text) > len(best):
                best = x.text
        self._names[last] = best
        return best

    def _antecedent(self, before: int, labels: frozenset[str], sector: str | None, sent: int) -> Entity | None:
        prev = self.previous(sent)
        if prev is not None and prev.label in labels and (sector is None or prev.sector in (sector, None)):
            return prev
        fallback = None
        for e in reversed(self._entities_before(before)):
            if e.label not in labels:
                continue
            if sector is None or e.sector == sector:
                return e
            if fallback is None:
                fallback = e
        return fallback

    def _organisation(self, before: int, modifier: str) -> Entity | None:
        """Who a spokesperson speaks for: the last actor whose name contains the compound's
        modifier ("Ministeriumssprecher" -> the ministry mentioned before)."""
        if not modifier:
            return None
        low = modifier.lower()
        for e in reversed(self._entities_before(before)):
            if e.label in ("ORG", "AGENT", "GPE", "NORP") and low in e.text.lower():
                return e
        return None

    def _entities_before(self, before: int) -> list[Entity]:
        # an actor named inside a quotation is not its speaker: the view leaves those out
        return self.view.entities_before(before)
