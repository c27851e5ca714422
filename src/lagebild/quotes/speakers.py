"""From a speaker chunk to a speaker Entity: named actors, role nouns and pronouns.

A chunk holding a named actor gives that actor (widened to the chunk as written, so
"ein Sprecher des Außenministeriums" reports the ministry with the words of the article).
A pronoun or description that the discourse chains resolved (doc.chains) takes the chain's
participant. Otherwise a role noun without a name ("der Minister") and a pronoun ("er") are
resolved to the nearest compatible actor before them, preferring the previous quote's speaker;
the new Entity keeps the surface words and carries the antecedent's code, sector and
canonical name.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import Entity
from lagebild.quotes.context import Chunk, DocView
from lagebild.quotes.cues import clause_subject

# How far back (in sentences) the previous quote's speaker is preferred as an antecedent.
SPEAKER_MEMORY = 4


@dataclass
class Resolution:
    speaker: Entity | None
    text: str | None
    antecedent: Entity | None = None     # the named actor behind a pronoun or role noun

    def continued(self) -> "Resolution":
        """The same speaker for a quote that does not name him again. The Entity is the one of
        the last mention (a pronoun entity carries its antecedent's name and codes)."""
        return Resolution(self.speaker, self.text, self.antecedent)


@dataclass
class SpeakerResolver:
    view: DocView
    last: Entity | None = None
    last_sent: int = -10
    _names: dict[str, str] = field(default_factory=dict)

    def remember(self, res: Resolution, sent: int) -> None:
        speaker = res.antecedent or res.speaker
        if speaker is not None:
            self.last, self.last_sent = speaker, sent

    def previous(self, sent: int, limit: int = SPEAKER_MEMORY) -> Entity | None:
        return self.last if self.last is not None and sent - self.last_sent <= limit else None

    # --- chunk -> entity ----------------------------------------------------------------------
    def resolve(self, chunks: list[Chunk], sent: int) -> Resolution:
        """Resolve a speaker phrase (one chunk, or a source chunk plus its `von` chunk)."""
        v = self.view
        app = self._apposition(chunks)
        if app is not None:
            chunks = [Chunk(chunks[0].a, app.b, chunks[0].gov)]
        a, b = chunks[0].a, chunks[-1].b
        text = v.text_of(a, b)
        ents = [e for c in ([app] if app is not None else chunks) if (e := v.chunk_entity(c)) is not None]
        # a pronoun or description the discourse chains resolved ("sagte er", "so die
        # Ministerin", "Der 56-Jährige sagte") takes the chain's participant; measured on the
        # gold sets against using it only where the rules below find nobody
        co = v.chunk_coref(chunks[0]) if app is None else None
        if co is not None and not any(e.label == "PER" and not self._title_only(e) for e in ents):
            return Resolution(self._derive(co[0], a, b, text), text, co[1])
        return self._resolve(chunks, app, ents, a, b, text, sent)

    def _resolve(self, chunks: list[Chunk], app: Chunk | None, ents: list[Entity], a: int, b: int,
                 text: str, sent: int) -> Resolution:
        """Without a chain: the named actor of the chunk, else a pronoun or role noun resolved
        to the nearest fitting actor, preferring the previous quote's speaker."""
        v = self.view
        if ents:
            # a name in the chunk beats the office noun before it ("die französische
            # Verteidigungsministerin Catherine Vautrin" is Vautrin, not the last minister named)
            inner = max(ents, key=lambda e: (e.label == "PER", not self._title_only(e), e.code is not None,
                                             e.end - e.start))
            role = v.chunk_role(chunks[-1]) if inner.label != "PER" else None
            # "the Liberal Democrat leader": the phrase ends in an office and its modifier
            # names the organisation the office belongs to
            office_of = (role is not None and role[0] == b - 1 and "PER" in role[1].labels
                         and not role[1].spokesperson and inner.end <= v.toks[b - 1].start)
            if office_of or self._title_only(inner):
                # ... or "der US-Präsident": an office, not a name; the person who holds it was named before
                ante = self._person_with(v.toks[a].start, inner, sent)
                if ante is not None:
                    return Resolution(self._derive(ante, a, b, text), text, ante)
            return Resolution(self._widen(inner, a, b, text), text)
        pro = v.chunk_pronoun(chunks[0])
        if pro is not None and len(chunks) == 1:
            ante = self._pronoun_antecedent(v.toks[a].start, pro, sent)
            return Resolution(self._derive(ante, a, b, text) if ante else None, text, ante)
        role = v.chunk_role(chunks[0])
        if role is not None:
            k, r = role
            if r.spokesperson:
                author = self._relative_author(chunks[-1])
                if author is not None:
                    return Resolution(self._derive(author, a, b, text), text)
                ante = self._organisation(v.toks[a].start, v.lex.compound_modifier(v.toks[k].text, r))
                if ante is None and r.source and len(chunks) == 1:
                    ante = self._source_owner(chunks[0], sent)
            else:
                ante = self._antecedent(v.toks[a].start, r.labels, r.sector, sent)
            return Resolution(self._derive(ante, a, b, text) if ante else None, text, ante)
        return Resolution(None, text)

    def _apposition(self, chunks: list[Chunk]) -> Chunk | None:
        """'die Sprecherin der FDP, Gisela Piltz, ...', 'der Gastgeber - Präsident Lula - ...':
        a named person in apposition."""
        v = self.view
        c = chunks[-1]
        ent = v.chunk_entity(c)
        if ent is not None and ent.label == "PER" and not self._title_only(ent):
            return None
        end = v.doc.sentences[v.toks[c.a].sent].tok_end
        b = self._attributes_end(c, end)
        if b + 1 >= end or not v.word("apposition_punct", b):
            return None
        nxt = v.chunk_at(b + 1, end)
        if nxt is None:
            return None
        e = v.chunk_entity(nxt)
        if e is None or e.label != "PER" or self._title_only(e):
            return None
        if b > c.b and nxt.b < end and v.word("clause_link", nxt.b):
            return None     # "der Berater von X, Y und Z": an enumeration, no apposition
        return nxt

    def _attributes_end(self, c: Chunk, end: int) -> int:
        """'der Berater von Präsident X, Y': prepositional attributes of the head noun (the
        language's `attribute_preposition` words) stand between it and the apposition."""
        v = self.view
        b = c.b
        while b + 1 < end and v.word("attribute_preposition", b) and not v.masked[b]:
            nxt = v.chunk_at(b + 1, end)
            if nxt is None:
                break
            b = nxt.b
        return b

    def _relative_author(self, c: Chunk) -> Entity | None:
        """'Zahlen, die der Mediendienst vorstellte' / 'einer Erklärung, die von EU-Diplomaten
        unterzeichnet wurde': the author named in the relative clause after a source noun."""
        v = self.view
        end = v.doc.sentences[v.toks[c.a].sent].tok_end
        if c.b + 1 >= end or not v.word("comma", c.b) or not v.tag("determiner", c.b + 1):
            return None
        stop = next((j for j in range(c.b + 1, end) if v.word("clause_punct", j) and not v.masked[j]), end)
        for ch in v.chunks(c.b + 2, stop):
            if ch.gov >= 0 and not v.word("passive_agent", ch.gov):
                continue
            e = v.chunk_entity(ch)
            if e is not None and (e.label != "MISC" or len(e.text.split()) > 1):
                return e
        return None

    def _source_owner(self, c: Chunk, sent: int) -> Entity | None:
        """A source noun with no author named: 'nach eigenen Angaben' is the clause subject's
        own word; 'den Angaben zufolge', 'nach einer ersten Einschätzung' continue the source
        the text last quoted."""
        v = self.view
        if any(v.word("reflexive_possessive", j) for j in range(c.a, c.b)):
            return self._subject_of(c)
        k = c.b
        while k < len(v.toks) and v.tag("verb", k):
            k += 1      # the relative clause may stand after the verbs that close the clause
        if c.gov < 0 and k + 1 < len(v.toks) and v.word("comma", k) and v.word("source_preposition", k + 1):
            # a source noun with a relative clause that quotes it, as the object of its own
            # clause ("Die Armee verbreitete eine Erklärung, in der es hieß"): the clause's
            # subject wrote it
            subj = self._subject_of(c)
            if subj is not None:
                return subj
        return self.previous(sent)

    def _subject_of(self, c: Chunk) -> Entity | None:
        """The subject of the clause the chunk stands in, as a speech verb's is found."""
        v = self.view
        seg = next((g for g in v.sentence_segments(v.doc.sentences[v.toks[c.a].sent]) if g.a <= c.a < g.b), None)
        subj = [ch for ch in clause_subject(v, seg) if ch.a != c.a] if seg is not None else []
        return v.chunk_entity(subj[0]) if subj else None

    def _title_only(self, e: Entity) -> bool:
        """'der US-Präsident', 'der Minister': an office held by a person, with no name."""
        if e.label not in ("PER", "AGENT") or e.identifier_id or not e.text.split():
            return False
        r = self.view.lex.role_for(e.text.split()[-1])
        return r is not None and "PER" in r.labels and not r.spokesperson

    def _person_with(self, before: int, title: Entity, sent: int) -> Entity | None:
        prev = self.previous(sent)
        if prev is not None and prev.label == "PER" and not self._title_only(prev) and prev.code == title.code:
            return prev
        for e in self._entities_before(before):
            if e.label == "PER" and not self._title_only(e) and (title.code is None or e.code == title.code):
                return e
        return None

    def _pronoun_antecedent(self, before: int, labels: frozenset[str], sent: int) -> Entity | None:
        """The previous speaker, unless a nearer sentence names a fitting actor that is not him:
        then the first such actor of that sentence (subjects tend to come first), persons first."""
        prev = self.previous(sent)
        fits = prev is not None and prev.label in labels
        ents = [e for e in self._entities_before(before) if e.label in labels and not self._title_only(e)
                and (e.label != "MISC" or _name_like(e))][::-1]
        if not ents:
            return prev if fits else None
        nearest = ents[-1].sent
        if fits and self.last_sent >= nearest:
            return prev
        same = [e for e in ents if e.sent == nearest]
        if fits and any(_same_actor(e, prev) for e in same):
            return prev
        persons = [e for e in same if e.label == "PER"] or [e for e in same if e.label == "MISC"]
        return (persons or same)[0]

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
        for e in self._entities_before(before):
            if e.label not in labels or self._title_only(e):
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
        for e in self._entities_before(before):
            if e.label in ("ORG", "AGENT", "GPE", "NORP") and low in e.text.lower():
                return e
        return None

    def _entities_before(self, before: int) -> list[Entity]:
        """Nearest first. An actor named inside a quotation is not its speaker: the view leaves
        those out."""
        return self.view.entities_before(before)


def _same_actor(a: Entity, b: Entity | None) -> bool:
    if b is None:
        return False
    if a.key and a.key == b.key:
        return True
    if a.identifier_text and a.identifier_text == b.identifier_text:
        return True
    wa, wb = a.text.split(), b.text.split()
    return bool(wa and wb) and wa[-1] == wb[-1]


def _name_like(e: Entity) -> bool:
    """A multi-word capitalised mention ("Sebastian Edathy") the lexicon did not know."""
    words = e.text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
