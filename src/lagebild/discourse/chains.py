"""Entity coreference chains: names, pronouns and definite descriptions of one participant.

One pass in text order over the named mentions (from the actor recogniser) and the anaphors
(lagebild.discourse.mentions). Each participant is tracked with its last mention, whether
that mention was a subject, whether it was named in the headline or lead, and what is known of
its gender and roles. An anaphor takes the most salient compatible participant; when none is
compatible, or the best two are within MARGIN of each other, it stays unresolved (precision
first: a wrong antecedent puts a wrong country on an event or a quote).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lagebild.discourse.lexicon import FEM, MASC, NEUT, PLURAL, DiscourseLexicon
from lagebild.discourse.mentions import OWN_CODE_SOURCES, Anaphor, find_anaphors
from lagebild.model import Chain, Document, Entity, Mention

# Salience. Recency credit by sentence distance (same sentence first); a pronoun reaches no
# further back than this table.
RECENCY = (1.0, 0.7, 0.4, 0.2)
DESCRIPTION_REACH = 6     # sentences a description looks back (the headline and lead always)
FAR = 0.1                 # recency credit of a description antecedent beyond RECENCY
SUBJECT = 0.5             # the participant's last mention was its clause's subject
LEAD = 0.2                # named in the headline or lead: what the article is about
FREQ, FREQ_CAP = 0.05, 4  # mentioned often
MARGIN = 0.15             # the best antecedent must lead the next one by this much
LEAD_SENTENCES = 2
COREF = "coref"
ACTOR_LABELS = frozenset({"ORG", "GPE", "NORP"})
GROUP_LABELS = frozenset({"AGENT", "PER"})   # generic agents ("die Gewerkschaften", "Soldaten")
# Sources of person entities that are names; the agent sources ("Frankreichs Präsident",
# "französische Soldaten" with label PER) are kinds of actors, not participants.
NAME_SOURCES = frozenset({"lexicon", "alias", "tagger", "tagger+context"})
SUBJECT_LABELS = frozenset({"PER", "ORG", "GPE", "NORP", "AGENT"})
# Tokens looked back over (determiner, attributes) for a governing preposition.
GOVERNOR_LOOKBACK = 3


@dataclass
class _Track:
    chain: Chain
    kind: str                       # person | country | actor | unnamed (a described person)
    gender: str | None = None       # m.sg | f.sg when the article or the lexicon shows it
    roles: set[str] = field(default_factory=set)
    code: str | None = None
    sector: str | None = None
    last_sent: int = -10
    last_tok: int = -1
    subject: bool = False
    governed: bool = False          # the last mention stood after a preposition
    lead: bool = False
    count: int = 0
    neuter_sent: int = -10          # last sentence in which a neuter description named it

    def score(self, sent: int) -> float:
        d = sent - self.last_sent
        rec = RECENCY[d] if 0 <= d < len(RECENCY) else FAR
        return rec + SUBJECT * self.subject + LEAD * self.lead + FREQ * min(self.count, FREQ_CAP)


def build_chains(doc: Document, lex: DiscourseLexicon, quoted: list[tuple[int, int]] = (),
                 datelines: dict[int, int] | None = None) -> tuple[list[Chain], list[Entity]]:
    """The document's chains and one coref Entity per resolved anaphor and referent. Pronouns
    inside the character spans `quoted` (direct quotations) are not resolved; `datelines` gives
    per sentence the first token after its dateline."""
    if lex.empty or not doc.tokens:
        return [], []
    starts: dict[int, list[Entity]] = {}
    for e in doc.entities:
        if e.tok_start >= 0:
            starts.setdefault(e.tok_start, []).append(e)
    anaphors = find_anaphors(doc, lex, starts)
    if quoted:
        quoted = sorted(quoted)
        anaphors = [a for a in anaphors if a.form != "pronoun" or not _inside(doc.tokens[a.a].start, quoted)]
    names = _outermost([e for e in sorted(doc.entities, key=lambda e: (e.start, -(e.end - e.start)))
                        if e.tok_start >= 0 and _kind(lex, e) and not lex.tag("preposition", doc.tokens[e.tok_start].pos)])
    b = _Builder(doc, lex, _subjects(doc, lex, anaphors, datelines or {}, quoted))
    i = 0
    for ana in anaphors:
        while i < len(names) and names[i].tok_start < ana.a:
            b.name(names[i])
            i += 1
        b.anaphor(ana, _named_later_in_clause(doc, lex, ana, names[i:]) if ana.refers == "country" else frozenset())
    for e in names[i:]:
        b.name(e)
    return [t.chain for t in b.tracks if t.kind != "unnamed"], b.added


def _outermost(names: list[Entity]) -> list[Entity]:
    """Drops a mention that only repeats the head of a longer one starting at the same token
    ("Militär" in "Militär Nordkoreas"): the longer one carries the evidence for its country.
    `names` is sorted by start, longest first."""
    out: list[Entity] = []
    for e in names:
        if out and out[-1].tok_start == e.tok_start and e.tok_end < out[-1].tok_end and e.source not in NAME_SOURCES:
            continue
        out.append(e)
    return out


def _named_later_in_clause(doc: Document, lex: DiscourseLexicon, ana: Anaphor, later: list[Entity]) -> frozenset[str]:
    """Codes of the names after a description up to the end of its clause."""
    end = doc.sentences[ana.sent].tok_end
    for j in range(ana.b, end):
        if lex.word("clause_punct", doc.tokens[j].text):
            end = j
            break
    return frozenset(e.code for e in later if e.code and ana.b <= e.tok_start < end)


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `char` lies in one of the spans (sorted by start, not overlapping)."""
    i = bisect.bisect_right(spans, (char, char)) - 1
    return i >= 0 and spans[i][0] <= char < spans[i][1]


def _kind(lex: DiscourseLexicon, e: Entity) -> str | None:
    if e.source == COREF:
        return None
    if e.label == "PER" and e.source in NAME_SOURCES and not lex.has_prefix("office", e.key):
        return "person"
    if lex.has_prefix("country", e.key):
        return "country"
    # "das Militär Nordkoreas", "die Regierung in Seoul": an agent with its own country is an
    # institution of that country, like a lexicon entry
    own = e.key or e.source == "agent" and e.code
    if e.label in ACTOR_LABELS and own or e.label in GROUP_LABELS and not lex.has_prefix("office", e.key):
        return "actor"       # institutions and groups: rivals of "sie", sides of "beide Seiten"
    return None


def _identity(e: Entity) -> tuple[str, ...]:
    """Mentions of one participant: the same lexicon key, canonical name, or surname."""
    if e.key:
        return ("key", e.key)
    if e.identifier_text:
        # generic agents ("armed forces") are one participant per country, not one in all
        return ("id", e.identifier_text) if e.source in NAME_SOURCES else ("id", e.identifier_text, e.code or "")
    words = e.text.split()
    return ("name", e.label, words[-1] if words else e.text)


@dataclass
class _Builder:
    doc: Document
    lex: DiscourseLexicon
    subjects: set[int]
    tracks: list[_Track] = field(default_factory=list)
    by_identity: dict[tuple[str, ...], _Track] = field(default_factory=dict)
    added: list[Entity] = field(default_factory=list)

    # --- named mentions ----------------------------------------------------------------------
    def name(self, e: Entity) -> None:
        ident = _identity(e)
        t = self.by_identity.get(ident)
        if t is None:
            t = _Track(Chain(id=len(self.tracks), entity=e), _kind(self.lex, e) or "actor")
            t.lead = e.sent < LEAD_SENTENCES
            self.tracks.append(t)
            self.by_identity[ident] = t
        elif t.chain.mentions and t.chain.mentions[-1].start == e.start:
            return           # the same span twice (a name and its acronym form)
        if t.code is None or (e.code and e.source in OWN_CODE_SOURCES):
            t.code, t.sector = e.code or t.code, e.sector or t.sector
        if len(e.text) > len(t.chain.entity.text) and not t.chain.entity.identifier_text:
            t.chain.entity = e
        if t.kind == "person":
            self._person_evidence(t, e)
        elif self._neuter_article(e):
            t.neuter_sent = e.sent      # "das Militär": a later "es" may stand for it
        t.chain.mentions.append(Mention(e.text, e.start, e.end, e.sent, e.tok_start, e.tok_end,
                                        "name", e, (t.chain.id,)))
        self._touch(t, e.sent, e.tok_start)

    def _neuter_article(self, e: Entity) -> bool:
        """The mention follows an article that is only neuter ("das Ministerium")."""
        k = e.tok_start - 1
        if k < 0 or self.doc.tokens[k].sent != e.sent:
            return False
        return self.lex.determiners.get(self.doc.tokens[k].text.lower()) == frozenset({NEUT})

    def _subject_es(self, ana: Anaphor) -> bool:
        """'Es warf der Regierung vor': a sentence-initial 'es' before a finite verb that takes
        a real subject ('es gibt', 'es heißt' take a dummy)."""
        toks = self.doc.tokens
        if ana.a != self.doc.sentences[ana.sent].tok_start or ana.b >= len(toks):
            return False
        verb = toks[ana.b]
        return verb.sent == ana.sent and self.lex.tag("finite_verb", verb.pos) \
            and not self.lex.word("expletive_verb", verb.lemma)

    def _person_evidence(self, t: _Track, e: Entity) -> None:
        """Gender and roles from the lexicon's titles, or from a title right before the name
        ("Außenministerin Anna Beispiel", "Frau Beispiel")."""
        lex = self.lex
        if e.key:
            t.gender = t.gender or lex.person_gender.get(e.key)
            t.roles |= lex.person_roles.get(e.key, frozenset())
        k = e.tok_start - 1
        if k < 0 or self.doc.tokens[k].sent != e.sent:
            return
        word = self.doc.tokens[k].text
        agree = lex.honorifics.get(word.lower())
        role = lex.role(word) if agree is None else None
        if role is not None:
            agree = lex.noun_agreement(word)
            if role.key:
                t.roles.add(role.key)
        if agree is not None and t.gender is None:
            sg = agree - {PLURAL}
            if len(sg) == 1 and sg <= {MASC, FEM}:
                t.gender = next(iter(sg))

    def _touch(self, t: _Track, sent: int, tok: int) -> None:
        t.last_sent, t.last_tok, t.count = sent, tok, t.count + 1
        t.subject = tok in self.subjects
        t.governed = _governed(self.doc, self.lex, tok)

    # --- anaphors ------------------------------------------------------------------------------
    def anaphor(self, ana: Anaphor, bound: frozenset[str] = frozenset()) -> None:
        """Resolve `ana`; `bound`: codes of names later in its own clause, which it cannot
        refer to ("Das Militär des Landes drohte Südkorea": the country is not Südkorea)."""
        cands = [t for t in self.tracks if self._compatible(t, ana) and not (t.code and t.code in bound)]
        cands.sort(key=lambda t: -t.score(ana.sent))
        if ana.refers == "country":
            # "Nordkorea" and "Pjöngjang" are one country: the best of each code competes
            seen: set[str | None] = set()
            cands = [t for t in cands if not (t.code in seen or seen.add(t.code))]
        if ana.plural:
            chosen = cands[:2] if len(cands) >= 2 and _clear(cands, 2, ana.sent) else []
        else:
            chosen = cands[:1] if cands and _clear(cands, 1, ana.sent) and self._unrivalled(cands[0], ana) else []
        chosen = [t for t in chosen if t.kind != "unnamed"] if len(chosen) == 1 else chosen
        if not chosen:
            self._unnamed(ana)
            return
        toks = self.doc.tokens
        start, end = toks[ana.a].start, toks[ana.b - 1].end
        ids = tuple(t.chain.id for t in chosen)
        for t in chosen:
            # one Mention per referent, each with its own coref entity; `chains` names all
            ent = self._entity(t, ana, start, end)
            self.added.append(ent)
            t.chain.mentions.append(Mention(ent.text, start, end, ana.sent, ana.a, ana.b,
                                            "plural" if ana.plural else ana.form, ent, ids))
            if ana.possessive:
                t.count += 1     # "seine Rede" says little about who is in focus
            else:
                self._touch(t, ana.sent, ana.a)
            if ana.form == "description" and NEUT in ana.agree:
                t.neuter_sent = ana.sent

    def _unnamed(self, ana: Anaphor) -> None:
        """'des russischen Präsidenten' with no name before it: a participant of its own, so that
        a later 'er' does not go to a person named earlier (nor to it: it has no name)."""
        if ana.form != "description" or ana.refers != "person" or ana.own is None:
            return
        t = _Track(Chain(id=len(self.tracks), entity=ana.own), "unnamed", code=ana.code, sector=ana.sector)
        sg = ana.agree - {PLURAL}
        t.gender = next(iter(sg)) if len(sg) == 1 else None
        t.lead = ana.sent < LEAD_SENTENCES
        self.tracks.append(t)
        self._touch(t, ana.sent, ana.a)

    def _compatible(self, t: _Track, ana: Anaphor) -> bool:
        if t.last_tok >= ana.a:
            return False
        d = ana.sent - t.last_sent
        reach = len(RECENCY) - 1 if ana.form == "pronoun" else DESCRIPTION_REACH
        if d > reach and not (ana.form != "pronoun" and t.lead):
            return False
        if ana.refers == "country":
            # "Iran habe das Land angegriffen": a description is never its own clause's subject
            return t.kind == "country" and not self._clause_subject(t, ana, any_role=True)
        if ana.refers == "party":
            return True
        if t.kind == "country":
            # "Russland ... seine Truppen" (same sentence); "es" only right after "das Land"
            return (ana.possessive and NEUT in ana.agree and t.last_sent == ana.sent
                    or ana.neuter_only and t.neuter_sent >= ana.sent - 1)
        if ana.neuter_only:
            # an organisation named with a neuter article in this or the last sentence
            return t.kind == "actor" and t.neuter_sent >= ana.sent - 1 and self._subject_es(ana)
        if t.kind not in ("person", "unnamed"):
            return False
        if t.kind == "unnamed" and ana.plural:
            return False
        if not self._agrees(t, ana):
            return False
        if ana.code and t.code and ana.code != t.code:
            return False
        if ana.sector and t.sector and ana.sector != t.sector:
            return False
        if ana.role and t.roles and not any(self.lex.role_covers(ana.role, r) for r in t.roles):
            return False
        if ana.form == "pronoun" and self._inverted(ana) and self._clause_subject(t, ana, any_role=True):
            # "Schäuble warf er vor": a subject pronoun right after the verb is not the name
            # fronted before it in its own clause (that is the object)
            return False
        return not (ana.object and self._clause_subject(t, ana))

    def _inverted(self, ana: Anaphor) -> bool:
        """A nominative pronoun right after the finite verb, in a language that fronts one
        phrase before it (the data's inverted_subject_pronoun words)."""
        toks = self.doc.tokens
        return self.lex.word("inverted_subject_pronoun", toks[ana.a].text) and ana.a > 0 \
            and self.lex.tag("finite_verb", toks[ana.a - 1].pos)

    def _agrees(self, t: _Track, ana: Anaphor) -> bool:
        if ana.plural:
            return True      # each referent of "die beiden Präsidenten" is singular
        if t.gender is not None:
            return t.gender in ana.agree
        # unknown gender: "er" and descriptions show the gender themselves; "sie" is as often
        # a plural or an organisation, so it needs a person known to be female
        return MASC in ana.agree or ana.form == "description"

    def _clause_subject(self, t: _Track, ana: Anaphor, any_role: bool = False) -> bool:
        """'Merz lobte ihn': an object pronoun is not the subject of its own clause (after a
        preposition it may be: "Merz hatte die Ministerin neben ihm"). A description is never
        its own clause's subject (`any_role`: "Iran habe das Land angegriffen")."""
        if t.last_sent != ana.sent or not t.subject or (_governed(self.doc, self.lex, ana.a) and not any_role):
            return False
        return not any(self.lex.word("clause_punct", x.text) for x in self.doc.tokens[t.last_tok:ana.a])

    def _unrivalled(self, best: _Track, ana: Anaphor) -> bool:
        """'sie' may be a plural or an organisation: a female person is taken only when no
        other participant in reach is about as salient."""
        if ana.form != "pronoun" or MASC in ana.agree or PLURAL not in ana.agree:
            return True
        top = best.score(ana.sent)
        for t in self.tracks:
            if t is best or t.last_tok >= ana.a or ana.sent - t.last_sent >= len(RECENCY):
                continue
            # a person of unknown gender, or a group or institution that was an argument
            # ("im Kanzleramt" is a place here, not a rival)
            if (t.kind != "person" or t.gender is None) and not t.governed:
                if t.score(ana.sent) > top - MARGIN:
                    return False
        return True

    def _entity(self, t: _Track, ana: Anaphor, start: int, end: int) -> Entity:
        rep = t.chain.entity
        return Entity(text=self.doc.text[start:end], start=start, end=end, label=rep.label, sent=ana.sent,
                      code=t.code, sector=t.sector, identifier_text=rep.identifier_text or rep.text,
                      identifier_id=rep.identifier_id, key=rep.key, source=COREF,
                      tok_start=ana.a, tok_end=ana.b)


def _clear(cands: list[_Track], n: int, sent: int) -> bool:
    """The n best lead the next candidate by MARGIN (else two are equally likely)."""
    if len(cands) <= n:
        return True
    return cands[n - 1].score(sent) - cands[n].score(sent) >= MARGIN


def _subjects(doc: Document, lex: DiscourseLexicon, anaphors: list[Anaphor],
              datelines: dict[int, int], quoted: list[tuple[int, int]] = ()) -> set[int]:
    """Start tokens of subject mentions: per sentence, the first actor mention not governed by
    a preposition (the one right after the finite verb when the clause fronts an adverbial),
    the name right after it when it is a title, and mentions coordinated with it ("Merz und
    Macron"). A dateline's places are no subjects, nor is a subject inside a direct quotation
    (the reporting clause's subject is who the text is about: '"Ab heute ist X ...", schrieb Y')."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for e in doc.entities:
        if e.tok_start >= 0 and e.label in SUBJECT_LABELS and e.source != COREF:
            spans.setdefault(e.sent, []).append((e.tok_start, e.tok_end))
    for a in anaphors:
        if not a.possessive:
            spans.setdefault(a.sent, []).append((a.a, a.b))
    out: set[int] = set()
    for sent, lst in spans.items():
        opens = datelines.get(sent, doc.sentences[sent].tok_start)
        lst = sorted((x for x in lst if x[0] >= opens and not _inside(doc.tokens[x[0]].start, quoted)),
                     key=lambda x: (x[0], -x[1]))
        # ', sagte Merz': a name right after a finite verb that opens a clause is its subject
        out.update(a for a, _ in lst if _inverted(doc, lex, a))
        after_verb = _subject_after_fronted_adverbial(doc, lex, opens, doc.sentences[sent].tok_end)
        first = next((x for x in lst if x[0] == after_verb), None) if after_verb is not None else None
        first = first or next((x for x in lst if not _governed(doc, lex, x[0])
                               and not _genitive_attribute(doc, lex, x[0])), None)
        if first is not None and _possessor(doc, lex, first[1]):
            # "Putins Berater Juri K. sagte": a name before a noun owns it; the subject is the
            # noun phrase it opens, and the name after that noun when it has one
            first = next((x for x in lst if first[1] <= x[0] <= first[1] + 1), None)
        if first is None:
            continue
        out.add(first[0])
        end = first[1]
        for a, b in lst:
            # a title right before the name ("Außenministerin Anna Beispiel"), or a coordination
            if a == end or a > end and lex.word("coordination", doc.tokens[end].text) and all(
                    lex.tag("determiner", x.pos) or lex.tag("attribute", x.pos) for x in doc.tokens[end + 1:a]):
                out.add(a)
                end = b
    return out


def _subject_after_fronted_adverbial(doc: Document, lex: DiscourseLexicon, lo: int, hi: int) -> int | None:
    """"Als Reaktion auf die Manöver verschärft Nordkorea ...": a main clause that opens with
    an adverbial (a preposition, an adverb) has its subject right after the finite verb (verb
    second). The token there, or None."""
    if lo >= hi or not lex.tag("adverbial_opener", doc.tokens[lo].pos):
        return None
    for j in range(lo + 1, hi - 1):
        t = doc.tokens[j]
        if lex.word("clause_punct", t.text):
            return None
        if lex.tag("verb_second", t.pos):
            return j + 1
    return None


def _possessor(doc: Document, lex: DiscourseLexicon, end: int) -> bool:
    """A mention ending at token `end` that a common noun follows directly ("Putins Berater",
    "Trumps Sprecherin") stands before the noun it owns."""
    return end < len(doc.tokens) and doc.tokens[end].sent == doc.tokens[end - 1].sent \
        and lex.tag("possessed_noun", doc.tokens[end].pos)


def _genitive_attribute(doc: Document, lex: DiscourseLexicon, i: int) -> bool:
    """"Manöver der USA": a name after a noun and a genitive article modifies that noun."""
    return i >= 2 and lex.word("genitive_article", doc.tokens[i - 1].text) and lex.tag("noun", doc.tokens[i - 2].pos)


def _governed(doc: Document, lex: DiscourseLexicon, i: int) -> bool:
    sent = doc.tokens[i].sent
    for k in range(i - 1, max(-1, i - 1 - GOVERNOR_LOOKBACK), -1):
        t = doc.tokens[k]
        if t.sent != sent:
            return False
        if lex.tag("preposition", t.pos):
            return True
        if not (lex.tag("determiner", t.pos) or lex.tag("attribute", t.pos)):
            return False
    return False


def _inverted(doc: Document, lex: DiscourseLexicon, i: int) -> bool:
    if i < 2 or doc.tokens[i - 2].sent != doc.tokens[i].sent:
        return False
    verb, before = doc.tokens[i - 1], doc.tokens[i - 2]
    return lex.tag("finite_verb", verb.pos) and (lex.word("clause_punct", before.text) or not before.text[:1].isalnum())
