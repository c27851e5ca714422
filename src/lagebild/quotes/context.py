"""A read-only view of one document for quote extraction: token masks, clause segments, noun
chunks and the entity covering each token.

Built once per document and passed to the extraction steps (no module-level state). The
tagger's POS tags are context-free, so the chunker leans on what is robust: determiners,
nouns, proper nouns, the actor recogniser's entity spans and punctuation by its text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from lagebild.model import Document, Entity, Sentence, Token
from lagebild.quotes.lexicon import QuoteLexicon, Role
from lagebild.quotes.marks import MarkSpan, find_marks

SPEAKER_LABELS = frozenset({"PER", "ORG", "GPE", "AGENT", "NORP", "MISC"})
# Label preference when a chunk holds several entities ("Sprecher des Ministeriums Israels")
_LABEL_RANK = {"PER": 5, "ORG": 4, "AGENT": 4, "GPE": 3, "NORP": 2, "MISC": 1}


@dataclass(frozen=True, slots=True)
class Chunk:
    """A noun chunk: tokens [a, b); `gov` is the index of a governing preposition or -1."""
    a: int
    b: int
    gov: int = -1


@dataclass(frozen=True, slots=True)
class Segment:
    """A clause-like stretch of a sentence between unmasked clause punctuation: tokens [a, b)."""
    a: int
    b: int


@dataclass
class DocView:
    doc: Document
    lex: QuoteLexicon
    marks: list[MarkSpan] = field(default_factory=list)
    masked: list[bool] = field(default_factory=list)
    entity_at: list[Entity | None] = field(default_factory=list)
    speakers: list[Entity] = field(default_factory=list)   # entities outside quotations, by end
    # token -> (coref entity, named antecedent) of a pronoun or description the discourse
    # chains resolved to one participant
    coref: dict[int, tuple[Entity, Entity]] = field(default_factory=dict)
    _speaker_ends: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _low: list[str] = field(default_factory=list)    # token texts lower-cased, for word lookups
    # per-document memo of segments and cues: a long sentence with many quotations is
    # looked at once per quotation, and must not be re-analysed each time
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document, lex: QuoteLexicon) -> "DocView":
        v = cls(doc=doc, lex=lex)
        v.marks = [m for m in find_marks(doc.text, lex.marks) if doc.text[m.start:m.end].strip()]
        v.masked = _mask(doc.tokens, v.marks)
        v.entity_at = _entity_index(doc)
        v._starts = [t.start for t in doc.tokens]
        v._low = [t.text.lower() for t in doc.tokens]
        v.speakers = sorted((e for e in doc.entities if not v.masked_at(e.start)), key=lambda e: (e.end, e.start))
        v._speaker_ends = [e.end for e in v.speakers]
        v.coref = _coref_index(doc)
        return v

    def token_at(self, char: int) -> int:
        """Index of the token that starts at or before `char` (-1 before the first)."""
        return bisect.bisect_right(self._starts, char) - 1

    def masked_at(self, char: int) -> bool:
        i = self.token_at(char)
        return 0 <= i < len(self.masked) and self.masked[i] and self.doc.tokens[i].end > char

    def entities_before(self, char: int, limit: int = 400) -> list[Entity]:
        """Entities outside quotations that end at or before `char`, nearest first; at most
        `limit` of them (an antecedent further back is not plausible)."""
        i = bisect.bisect_right(self._speaker_ends, char)
        return self.speakers[max(0, i - limit):i][::-1]

    # --- tokens -----------------------------------------------------------------------------
    @property
    def toks(self) -> list[Token]:
        return self.doc.tokens

    def text_of(self, a: int, b: int) -> str:
        """Document text of tokens [a, b)."""
        return self.doc.text[self.toks[a].start:self.toks[b - 1].end] if b > a else ""

    def is_punct(self, i: int) -> bool:
        return self._low[i] in self.lex.punct

    def is_mark(self, i: int) -> bool:
        t = self.toks[i].text
        return len(t) == 1 and (t in self.lex.marks or any(t in p.closes for p in self.lex.marks.values()))

    def tag(self, name: str, i: int) -> bool:
        return self.doc.tokens[i].pos in self.lex.tags.get(name, ())   # lex.has_tag, inlined

    def word(self, name: str, i: int) -> bool:
        return self._low[i] in self.lex.words.get(name, ())

    def past_adverbs(self, j: int, b: int) -> int:
        """The first token from `j` on that is no adverb (at most `b`)."""
        while j < b and self.tag("adverb", j):
            j += 1
        return j

    # --- sentences and segments ---------------------------------------------------------------
    def sentence_segments(self, s: Sentence) -> list[Segment]:
        key = ("segments", s.index)
        if key not in self.memo:
            self.memo[key] = self._segments(s)
        return self.memo[key]

    def _segments(self, s: Sentence) -> list[Segment]:
        """Split at clause punctuation, but not inside brackets: "(Bosnien, Kosovo, Albanien)"
        is one enumeration, not three clauses."""
        out, a, depth = [], s.tok_start, 0
        for i in range(s.tok_start, s.tok_end):
            if self.word("opening_bracket", i):
                depth += 1
            elif depth and self.word("bracket", i):
                depth -= 1
            if not self.masked[i] and not depth and self.word("clause_punct", i):
                if i > a:
                    out.append(Segment(a, i))
                a = i + 1
        if a < s.tok_end:
            out.append(Segment(a, s.tok_end))
        return [g for g in out if any(not self.is_punct(k) for k in range(g.a, g.b))]

    def content_end(self, a: int, b: int) -> int:
        """Char end of tokens [a, b) without trailing punctuation (closing marks stay)."""
        k = b - 1
        while k > a and self.is_punct(k):
            k -= 1
        return self.toks[k].end

    def content_start(self, a: int, b: int) -> int:
        k = a
        while k < b - 1 and self.is_punct(k):
            k += 1
        return self.toks[k].start

    def first_word(self, seg: Segment) -> int:
        """Index of the first token of a segment that is neither punctuation nor a mark."""
        for k in range(seg.a, seg.b):
            if not self.is_punct(k) and not self.is_mark(k):
                return k
        return seg.a

    def has_subjunctive(self, a: int, b: int, substitutes: bool = True) -> bool:
        lex = self.lex
        for k in range(a, b):
            if self.masked[k]:
                continue
            t = self.toks[k]
            if lex.is_subjunctive(t) and not self._first_person_near(k, a, b):
                return True
            if substitutes and lex.is_substitute(t):
                return True
        return False

    def _first_person_near(self, k: int, a: int, b: int) -> bool:
        """'ich habe' is an indicative; the pronoun stands right before or after the verb."""
        return any(self.word("first_person", j) for j in (k - 1, k + 1) if a <= j < b)

    # --- noun chunks ------------------------------------------------------------------------
    def is_preposition(self, i: int) -> bool:
        return not self.masked[i] and (self.tag("preposition", i) or self.word("preposition", i))

    def chunks(self, a: int, b: int) -> list[Chunk]:
        out, i = [], a
        while i < b:
            c = self.chunk_at(i, b, a)
            if c is None:
                i += 1
                continue
            out.append(c)
            i = c.b
        return out

    def chunk_at(self, i: int, b: int, a: int = 0) -> Chunk | None:
        """The chunk starting at token i (if one does); a preposition before it (at or after
        `a`) governs it."""
        if i >= b or self.masked[i] or not self._starts_chunk(i):
            return None
        ext = self._extended_attribute(i, b)
        j = self._chunk_end(ext if ext is not None else i, b)
        if not any(self._nominal(k) or self._pronoun(k) for k in range(i, j)):
            return None
        gov = i - 1 if i - 1 >= a and self.is_preposition(i - 1) else -1
        return Chunk(i, j, gov)

    def chunk_before(self, i: int, a: int) -> Chunk | None:
        """The chunk that ends right before token i (X zufolge)."""
        cands = [c for c in self.chunks(a, i) if c.b == i]
        return cands[-1] if cands else None

    def _pronoun(self, i: int) -> bool:
        return self.toks[i].text.lower() in self.lex.pronouns

    def _nominal(self, i: int) -> bool:
        if self.entity_at[i] is not None and self.entity_at[i].label in SPEAKER_LABELS:
            return True
        if self.word("preposition", i) or self.word("clause_link", i):
            return False     # a capitalised "Von" at the sentence start is no name
        return self.tag("noun", i) or self.tag("proper", i)

    def _starts_chunk(self, i: int) -> bool:
        if self.is_punct(i) or self.is_mark(i):
            return False
        return (self._pronoun(i) or self._nominal(i) or self.tag("determiner", i)
                or self.tag("adjective", i))

    def _chunk_end(self, i: int, b: int) -> int:
        if self._pronoun(i) and not self._nominal(i):
            return i + 1
        j = i + 1
        while j < b and not self.masked[j]:
            if self.word("honorific", j):
                break          # "with Kenya Mr Brown said": an honorific opens a new noun phrase
            if self._nominal(j) or self.tag("adjective", j):
                j += 1
            elif (ext := self._extended_attribute(j, b)) is not None and (
                    self.word("genitive_article", j) or self.word("ambiguous_genitive_article", j)):
                j = ext        # "Angaben der von der Hamas kontrollierten Behörde"
            elif self.word("genitive_article", j) and j + 1 < b and self._continues(j + 1, b):
                j += 1
            elif (self.word("ambiguous_genitive_article", j) and j + 1 < b and self._continues(j + 1, b)
                  and self.tag("noun", j - 1) and (self.entity_at[j - 1] is None or self.entity_at[j - 1].label == "AGENT")):
                # "Sprecher der Regierung" (genitive) but "sagte Merz der Zeitung" (dative)
                j += 1
            elif self.word("bracket", j) and j + 2 < b and self.word("bracket", j + 2) and self._nominal(j + 1):
                j += 3         # acronym in parentheses: "Timo Reinfrank (SPD)"
            elif self._coordinated(j, b):
                j += 2         # "Volker Beck und Wolfgang Wieland", "Kongress- und Verteidigungskreise"
            else:
                break
        return j

    def _extended_attribute(self, i: int, b: int) -> int | None:
        """'der von der Hamas kontrollierte Zivilschutz': a determiner, a prepositional phrase and
        a participle before the noun. Returns the participle's index (the chunk goes on from it)."""
        if not self.tag("determiner", i) or i + 1 >= b or not self.is_preposition(i + 1):
            return None
        for k in range(i + 2, min(i + 10, b - 1)):
            if self.masked[k] or self.is_punct(k) or self.tag("finite_verb", k) and not self.tag("adjective", k):
                return None
            if self.tag("adjective", k) and self.toks[k].text[:1].islower() and self._nominal(k + 1):
                return k
        return None

    def _coordinated(self, j: int, b: int) -> bool:
        """'und' between two noun phrases (not between two clauses: 'sagte X und forderte')."""
        if not self.word("clause_link", j) or j + 1 >= b or self.masked[j + 1]:
            return False
        nxt = j + 1
        return (self._nominal(nxt) or self.tag("determiner", nxt) or self.tag("adjective", nxt)) \
            and not self.tag("verb", nxt) and not self._pronoun(nxt)

    def _continues(self, j: int, b: int) -> bool:
        return not self.masked[j] and (self._nominal(j) or self.tag("adjective", j))

    # --- chunk properties -------------------------------------------------------------------
    def chunk_entity(self, c: Chunk) -> Entity | None:
        """The most speaker-like entity inside the chunk."""
        best, score = None, None
        doc_ents = {id(e): e for k in range(c.a, c.b) if (e := self.entity_at[k]) is not None}
        for e in doc_ents.values():
            if e.label not in SPEAKER_LABELS:
                continue
            # a name the lexicon knows before a longer title ("Frankreichs Präsident Emmanuel Macron")
            s = (_LABEL_RANK.get(e.label, 0), e.code is not None, e.identifier_id is not None, e.end - e.start)
            if score is None or s > score:
                best, score = e, s
        return best

    def chunk_role(self, c: Chunk) -> tuple[int, Role] | None:
        """(token, role) of a role noun in the chunk's head part (before any genitive)."""
        for k in range(c.a, c.b):
            if k > c.a and (self.word("genitive_article", k) or self.word("ambiguous_genitive_article", k)):
                break
            if self.tag("noun", k) or self.tag("proper", k):
                r = self.lex.role_for(self.toks[k].text)
                if r is not None:
                    return k, r
        return None

    def chunk_coref(self, c: Chunk) -> tuple[Entity, Entity] | None:
        """(coref entity, antecedent) of a resolved pronoun or description heading the chunk
        (before any genitive attribute)."""
        for k in range(c.a, c.b):
            if k > c.a and (self.word("genitive_article", k) or self.word("ambiguous_genitive_article", k)):
                break
            if k in self.coref:
                return self.coref[k]
        return None

    def chunk_pronoun(self, c: Chunk) -> frozenset[str] | None:
        if c.b - c.a == 1:
            return self.lex.pronouns.get(self.toks[c.a].text.lower())
        return None

    def chunk_blocked(self, c: Chunk) -> bool:
        """Chunks that cannot be a speaker: 'es', 'das', accusative chunks, time expressions."""
        if c.b - c.a == 1 and self.word("blocked_speaker", c.a) and c.a not in self.coref:
            return True     # ... unless the chains resolved it ("Das Militär ... Es warf ... vor")
        if self.word("object_article", c.a):
            return True
        heads = [k for k in range(c.a, c.b) if self._nominal(k)]
        return bool(heads) and all(self.word("not_speaker", k) or self.tag("adjective", k) for k in heads)


def _mask(tokens: list[Token], marks: list[MarkSpan]) -> list[bool]:
    """True for tokens inside a direct quote, marks included."""
    out = [False] * len(tokens)
    if not marks:
        return out
    spans = sorted((m.open_at, m.outer_end) for m in marks if m.depth == 0)
    k = 0
    for i, t in enumerate(tokens):
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start and t.end <= spans[k][1]:
            out[i] = True
    return out


def _entity_index(doc: Document) -> list[Entity | None]:
    out: list[Entity | None] = [None] * len(doc.tokens)
    if not doc.tokens:
        return out
    starts = [t.start for t in doc.tokens]
    for e in sorted(doc.entities, key=lambda e: e.end - e.start):  # longer spans win
        i = bisect.bisect_left(starts, e.start)
        while i < len(doc.tokens) and doc.tokens[i].start < e.end:
            out[i] = e
            i += 1
    return out


def _coref_index(doc: Document) -> dict[int, tuple[Entity, Entity]]:
    """Tokens of singular chain mentions that are no names -> (their entity, the chain's name)."""
    out: dict[int, tuple[Entity, Entity]] = {}
    for c in doc.chains:
        for m in c.mentions:
            if m.kind in ("name", "plural") or m.entity is None:
                continue
            for k in range(m.tok_start, m.tok_end):
                out[k] = (m.entity, c.entity)
    return out
