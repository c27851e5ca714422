"""Rule-based PLOVER event coding over clauses, triggers and resolved actors.

Per sentence: split into clauses at clause breaks (data); find triggers by lemma (data);
check particles, needed and vetoing words; pick actor and recipient from the resolved actor
mentions of the clause by their grammatical role as word order and prepositions show it;
mark negated, hypothetical, future and historical events; date each event from the time
expressions of its clause, else the publication date. Events that describe the same thing
(type, actors, date) are merged into one record with every mention kept as evidence.

Precision is preferred over recall: an event without a resolved actor is not emitted,
because an uncoded actor is useless to analysts and a wrong one is worse.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lagebild.discourse import coref_entities
from lagebild.events.dating import DATING_TYPES, as_event_date, in_timex, relative_flags
from lagebild.components.actors import COUNTRY_PREFIX, dominant_country
from lagebild.events.merge import fill_continuations, fill_counterparts, merge_events
from lagebild.events.modality import ModalityChecks
from lagebild.events.grammar import Grammar
from lagebild.events.triggers import Trigger, TriggerIndex
from lagebild.model import Document, Entity, Event
from lagebild.ontology import load_ontology
from lagebild.syntax import Clause, SyntaxGrammar, split_clauses
from lagebild.syntax.phrases import attributive_head, dateline_end

ACTOR_LABELS = frozenset({"PER", "ORG", "GPE", "NORP", "AGENT"})
STATE_LABELS = frozenset({"GPE", "NORP"})     # a state, or a nationality ("russische Angriffe")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Tag classes (noun, preposition, noun-phrase-inner ...) and function words are grammar data
# (lang/<code>/grammar.yaml), read through `Grammar` (self.g / g).
GENITIVE_REACH = 8    # tokens after an event noun within which its genitive's head stands
NOUN_AGENT_REACH = 5  # tokens after an event noun within which its von/durch agent stands
MIN_ABSTRACT_NOUN = 8  # letters: shorter words with an abstract-noun ending are often names ("Jung")
ANAPHOR_WINDOW = 2    # sentences back in which "damals" finds its date
MIN_COMPOUND_PART = 4
PRONOUN_SOURCES = frozenset({"pronoun", "object_pronoun"})


@dataclass
class Arg:
    ent: Entity
    prep: str | None    # lemma of the governing preposition, None for a bare noun phrase
    first_tok: int = -1  # first token of the whole phrase (a title before a name), if longer


@dataclass
class _RoleFrame:
    """One trigger's participants as the role steps of EventCoder read them."""
    doc: Document
    k: int                          # the trigger token
    tok: object
    trig: Trigger
    args: list[Arg]                 # candidate participants (object pronouns set aside)
    c: Clause | None
    objects: list[Entity]           # bare object pronouns ("traf ihn")
    bare: list[Entity]              # noun phrases without a preposition, subject first
    fin: int | None                 # the clause's finite verb, if before the trigger
    starts: dict[int, int]          # id(entity) -> first token of its whole phrase
    passive: bool
    prep_actor: list[Entity]        # mentions in an agent phrase (von/durch/seitens ...)


def _prep_of(doc: Document, ent: Entity, lo: int, g: Grammar) -> str | None:
    """The preposition governing a mention, looking left over articles and adjectives, and
    over one genitive hop ("auf Ziele der Hisbollah" -> auf)."""
    k = ent.tok_start - 1
    steps, hops = 0, 0
    while k >= lo and steps < 8:
        t = doc.tokens[k]
        if t.pos == "PTKZU":
            return t.lemma.lower()   # left of a noun phrase, "zu" is a preposition ("Grenze zu Südkorea")
        if t.pos in g.prep_tags and k == lo and t.text.lower() in g.subordinators:
            return None    # ", als die Polizei das Feuer eröffnete": a conjunction here
        if t.pos in g.prep_tags:
            if t.lemma.lower() in g.partitive_preps and k > lo and doc.tokens[k - 1].lemma in g.partitive:
                return None    # "eine Gruppe von US-Marines": the group is the subject
            if t.lemma.lower() in g.partitive_preps and k > lo and hops == 0 \
                    and doc.tokens[k - 1].lemma.lower().endswith(g.representatives):
                # "mit den Parteichefs von CDU und Grünen": those who speak for a side stand
                # for it, so the side takes their phrase's preposition
                k, hops, steps = k - 2, 1, steps + 2
                continue
            return t.lemma.lower()
        if t.pos in g.noun_tags and hops == 0 and not in_timex(doc, t.start) and (
                k == ent.tok_start - 1 or (k + 1 < ent.tok_start and doc.tokens[k + 1].pos == "ART"
                                           and doc.tokens[k + 1].text.lower() in g.genitive_articles)):
            hops += 1          # "in der Stadt Portland", "auf Ziele der Hisbollah": look further left
        elif t.pos not in g.np_inner_tags:
            break
        k -= 1
        steps += 1
    post = _after_attached_pp(doc, ent.tok_end, g)
    if post < len(doc.tokens) and doc.tokens[post].pos == "APPO":
        # "Dem Ministerium (in Moskau) zufolge": a postposition closes the whole phrase
        return doc.tokens[post].lemma.lower()
    if k >= lo and doc.tokens[k].text in g.source_nouns and g.source_preps and (
            k == ent.tok_start - 1 or doc.tokens[k + 1].text.lower() in g.genitive_articles):
        # "nach Angaben des Kremls"; not "nach eigenen Angaben die russische Flotte", whose
        # noun phrase is the clause's own
        return next(iter(sorted(g.source_preps)))
    return None


def _owned_thing(e: Entity) -> bool:
    """A compound that names a thing of a party or body ("SPD-Pläne", "Kreml-Erklärung",
    "Hamas-Anschlag"): criticising it targets its owner. A place's ("Iran-Krieg") has no
    sector and says only what the thing is about."""
    return e.source == "compound" and e.label == "MISC" and e.sector is not None


def _after_attached_pp(doc: Document, j: int, g: Grammar) -> int:
    """The token after a short prepositional phrase that starts at j and names a place or
    body ("in Moskau", "in der Ukraine"), else j."""
    if j >= len(doc.tokens) or doc.tokens[j].pos not in g.prep_tags:
        return j
    k = j + 1
    while k < len(doc.tokens) and k <= j + 4 and doc.tokens[k].pos in g.np_inner_tags:
        k += 1
    if k < len(doc.tokens) and doc.tokens[k].pos in g.noun_tags:
        return k + 1
    return j


def _skip_left(doc: Document, k: int, lo: int, tags: frozenset[str]) -> int:
    """The nearest token left of k whose tag is not in `tags` (lo - 1 if none down to lo):
    where the noun phrase that ends in k begins, or what governs it."""
    j = k - 1
    while j >= lo and doc.tokens[j].pos in tags:
        j -= 1
    return j


def _genitive_head(doc: Document, k: int, g: Grammar, indefinite: bool = False,
                   heads: frozenset[str] | None = None) -> int | None:
    """The noun that the phrase starting at token k is a genitive attribute of ("der
    Geschäftsführer der Grünen", "der Opfer des Anschlags"), or None. Indefinite genitive
    articles are also datives ("mit einer"), so they count only where asked."""
    lo = doc.sentences[doc.tokens[k].sent].tok_start
    while k > lo and doc.tokens[k - 1].pos in g.modifier_tags:
        k -= 1          # "der Präsidentin des Obersten Gerichtshofs": over its adjectives
    arts = g.genitive_articles | g.indefinite_genitive if indefinite else g.genitive_articles
    if k - 2 >= lo and doc.tokens[k - 1].text.lower() in arts and doc.tokens[k - 2].pos in (heads or g.noun_tags):
        return k - 2
    return None


def _genitive_attribute(doc: Document, e: Entity, g: Grammar, indefinite: bool = False) -> bool:
    """A mention that modifies the noun before it; it is not the head of the phrase (and after
    the finite verb, with `indefinite`, it belongs to the object)."""
    return _genitive_head(doc, e.tok_start, g, indefinite) is not None


def _inferred_state(e: Entity, sector: str | None = "GOV") -> Entity:
    """The state of an actor's own country (or, with no sector, its people), inferred (no
    span of its own in the text)."""
    return Entity(text=e.text, start=e.start, end=e.end, label="GPE", sent=e.sent, code=e.code,
                  sector=sector, identifier_text=None, identifier_id=None, source="inferred",
                  tok_start=e.tok_start, tok_end=e.tok_end)


def _bracketed_after(doc: Document, a: Entity, b: Entity) -> bool:
    """b stands in brackets right after a (tokens in between may close a's phrase)."""
    k = b.tok_start - 1
    if k < 0 or doc.tokens[k].text != "(" or b.tok_end >= len(doc.tokens) or doc.tokens[b.tok_end].text != ")":
        return False
    return 0 <= k - a.tok_end <= 4


def _town(e: Entity) -> bool:
    """A place that is no country ("die Anschläge von Paris": where they happened, not who
    struck; a country after "von" is the attacker: "die Angriffe von Russland")."""
    return e.label == "GPE" and not (e.key or "").startswith(COUNTRY_PREFIX)


def _is_organisation(e: Entity) -> bool:
    """An international organisation or alliance, whose members can meet each other."""
    return bool(e.code) and ((e.key or "").startswith("igo.") or not (len(e.code) == 3 and e.code.isalpha()))


def _inferred_self(e: Entity) -> Entity:
    return Entity(text=e.text, start=e.start, end=e.end, label=e.label, sent=e.sent, code=e.code,
                  sector=e.sector, identifier_text=e.identifier_text, identifier_id=e.identifier_id,
                  key=e.key, source="inferred", tok_start=e.tok_start, tok_end=e.tok_end)


def _merge_appositions(doc: Document, args: list[Arg], g: Grammar) -> list[Arg]:
    """'UN-Generalsekretär Guterres', 'Israels Verteidigungsminister Israel Katz': a title
    right before a name is one actor, not actor plus recipient. The name is kept. So are
    coordinated titles that share one determiner ("die Ministerin und Parteichefin X"): a
    second person would have an article of their own."""
    out: list[Arg] = []
    for a in args:
        if out and _bracketed_after(doc, out[-1].ent, a.ent):
            continue   # "die Oppositionspartei (CUD)": the bracket names the same actor again
        prev = out[-1].ent if out else None
        if prev is not None and _is_name(prev) and _is_name(a.ent):
            out.append(a)      # "hatte Pahlavi US-Präsident Trump aufgerufen": two people
            continue
        if prev is not None and prev.tok_end == a.ent.tok_start and a.ent.label in ACTOR_LABELS \
                and (prev.label in ACTOR_LABELS or prev.label == "MISC" and prev.code and a.ent.label == "PER") \
                and a.prep is None and (not prev.code or not a.ent.code or prev.code == a.ent.code):
            first = out[-1].first_tok if out[-1].first_tok >= 0 else prev.tok_start
            out[-1] = Arg(a.ent if a.ent.code else prev, out[-1].prep, first)
            continue
        if prev is not None and out[-1].ent.label == "AGENT" and a.ent.label == "PER" and a.prep is None \
                and prev.code == a.ent.code and _title_conjunct(doc, out[-1], a, g):
            out[-1] = Arg(a.ent, out[-1].prep, out[-1].first_tok if out[-1].first_tok >= 0 else prev.tok_start)
            continue
        out.append(a)
    return out


def _is_name(e: Entity) -> bool:
    """A person's name (not a title or office noun such as "US-Präsident", "Kremlchef")."""
    if e.label != "PER" or e.source.startswith("agent"):
        return False
    return not (e.key or "").startswith("office.") and e.source != "compound"


def _title_conjunct(doc: Document, title: Arg, name: Arg, g: Grammar) -> bool:
    """Only a conjunction stands between a title and the (titled) name after it."""
    start = name.first_tok if name.first_tok >= 0 else name.ent.tok_start
    between = doc.tokens[title.ent.tok_end:start]
    return len(between) == 1 and between[0].text.lower() in g.conjunctions


def _share_prepositions(doc: Document, args: list[Arg], g: Grammar) -> None:
    """A conjunct shares the preposition of the first: "auf den Währungsfonds oder den
    japanischen Konzern Sony" are both targets."""
    for prev, a in zip(args, args[1:]):
        if a.prep is not None or prev.prep is None:
            continue
        start = a.first_tok if a.first_tok >= 0 else a.ent.tok_start
        between = doc.tokens[prev.ent.tok_end:start]
        if between and between[0].text.lower() in g.conjunctions | g.alternatives \
                and all(t.pos in g.np_inner_tags for t in between[1:]):
            a.prep = prev.prep


def _coref_by_token(doc: Document) -> dict[int, list[Entity]]:
    """First token of each resolved pronoun or description -> its coref entities (two for
    "die beiden Präsidenten")."""
    out: dict[int, list[Entity]] = {}
    for e in coref_entities(doc):
        out.setdefault(e.tok_start, []).append(e)
    return out


def _with_descriptions(ents: list[Entity], coref: dict[int, list[Entity]]) -> list[Entity]:
    """The document's mentions, where a resolved singular description ("das Land", "der
    Kremlchef") stands for its referent instead of the generic agent the recogniser saw there."""
    descr = {es[0].tok_start: es[0] for es in coref.values()
             if len(es) == 1 and es[0].tok_end - es[0].tok_start > 1}
    covered = {k for e in descr.values() for k in range(e.tok_start, e.tok_end)}
    keep = [e for e in ents if not (e.tok_start in covered and e.tok_end - 1 in covered and e.source != "lexicon")]
    return sorted(keep + list(descr.values()), key=lambda e: (e.start, -(e.end - e.start)))


def _maximal(ents: list[Entity]) -> list[Entity]:
    """Drop mentions nested in a longer one ("Israels" inside "Israels Armee")."""
    ents = sorted(ents, key=lambda e: (e.start, -(e.end - e.start)))
    out: list[Entity] = []
    for e in ents:
        if out and e.start >= out[-1].start and e.end <= out[-1].end:
            continue
        out.append(e)
    return out


class EventCoder:
    """Codes the events of one document; holds only immutable compiled data."""

    def __init__(self, index: TriggerIndex, ontology=None, require_recipient: bool = True,
                 syntax: SyntaxGrammar | None = None, state_codes: frozenset[str] = frozenset()):
        self.idx = index
        # the codes of states (the lexicon's countries): only a state has a government that its
        # own people address; Amnesty (AMN) or the EU have none. Empty: any 3-letter code.
        self.state_codes = state_codes
        self.syntax = syntax or SyntaxGrammar()
        # Dyadic events only, unless a trigger says it can stand alone (resignations): a
        # rule-found event without its target is far more often wrong than right.
        self.require_recipient = require_recipient
        self.ontology = ontology
        # event policy: the type and sector groups of plover.yaml (the package's without an ontology)
        self.policy = policy = ontology if ontology is not None else load_ontology()
        self.cooperative_types = policy.type_group("cooperative")
        self.consultative_types = policy.type_group("consultative")
        self.press_sectors = policy.sector_group("press")
        self.apolitical_sectors = policy.sector_group("apolitical")
        self.force_types = policy.type_group("force")
        self.material_types = policy.type_group("material")   # what weapons and vehicles can do
        self.military_types = policy.type_group("military")
        self.continuation_types = policy.type_group("continuation")
        self.counterpart_types = policy.type_group("counterpart")
        self.entity_counterpart_types = policy.type_group("entity_counterpart")
        self.political_sectors = policy.sector_group("political")
        self.armed_sectors = policy.sector_group("armed")
        self.partisan_sectors = policy.sector_group("partisan")
        self.state_sectors = policy.sector_group("state")
        self.non_state_sectors = policy.sector_group("non_state")
        self.advisory_types = policy.type_group("advisory")
        self.civilian_sectors = policy.sector_group("civilian")
        self.agentive_genitive_types = policy.type_group("agentive_genitive")
        m = index.modality
        self.breaks = self.syntax.words("clause_break")
        self.verb_coordination = self.syntax.words("verb_coordination")
        self.apposition_breaks = self.syntax.words("apposition_break")
        self.reciprocal_preps = self.syntax.words("reciprocal_preposition")
        self.modality = ModalityChecks(m, policy, self.syntax)   # negated, hypothetical, future, reported ...
        self.g = Grammar.from_syntax(self.syntax)
        self.inf = m.words("infinitive")
        self.pronouns = self.syntax.words("subject_pronoun")
        self.obj_pronouns = self.syntax.words("object_pronoun")
        self.initial_pronouns = self.syntax.words("initial_subject_pronoun")
        self.neuter_pronouns = self.syntax.words("neuter_subject_pronoun")
        self.oblique_articles = self.syntax.words("oblique_article")
        self.schedule_preps = self.syntax.words("schedule_preposition")
        self.period_preps = self.syntax.words("period_preposition")
        self.proper_tags = self.syntax.tag_class("proper_noun")
        self.reciprocal_pronouns = self.syntax.words("reciprocal_pronoun")
        self.reflexive_verbs = self.syntax.lemma_set("reflexive_verb")
        self.relational_heads = self.syntax.lemma_set("relational_head")
        self.speaker_pronouns = self.syntax.words("speaker_pronoun")
        self.speaker_obj_pronouns = self.syntax.words("speaker_object_pronoun")
        self.speaker_forms = self.speaker_pronouns | self.speaker_obj_pronouns
        self.np_head_tags = self.g.noun_tags | self.g.modifier_tags   # between an article and a name
        self.relatives = self.syntax.words("relative_pronoun")
        self.complementizers = m.words("complementizer")
        self.reference_verbs = m.lemma_set("event_reference")
        self.reference_preps = m.words("reference_preposition")
        self.state_preps = m.words("state_preposition")
        self.state_verbs = m.lemma_set("state_verb")
        self.past_anaphors = m.words("past_anaphor")
        # verbs that report, judge or counter an event noun rather than perform it
        self.not_own_verbs = m.lemma_set("evaluative") | m.lemma_set("counter_verb")
        self.definites = self.syntax.words("definite_determiner")
        self.participle_marks = self.syntax.words("participle_marker")
        self.inception_verbs = m.lemma_set("inception_verb")
        self.phase_nouns = m.lemma_set("phase_noun")
        self.reaction_verbs = m.lemma_set("reaction_verb")
        self.response_nouns = m.lemma_set("response_noun")

    # --- per document ---------------------------------------------------------------------
    def code(self, doc: Document) -> list[Event]:
        coref = _coref_by_token(doc)
        by_sent: dict[int, list[Entity]] = {}
        # the places of a dateline say where the report was filed, not who took part
        opening = {s.index: dateline_end(doc, s.tok_start, s.tok_end, self.syntax) for s in doc.sentences}
        for e in _with_descriptions(doc.entities, coref):
            # MISC too: unknown names can still be sources ("laut Reuters")
            if e.tok_start >= 0 and e.tok_start >= opening.get(e.sent, 0):
                by_sent.setdefault(e.sent, []).append(e)
        events: list[Event] = []
        for s in doc.sentences:
            events.extend(self._sentence(doc, s.index, s.tok_start, s.tok_end, by_sent.get(s.index, []), coref))
        main = dominant_country(doc.entities)
        # a reference to an act told before is kept only if it merges with that act
        guessed = {id(e) for e in events if self._guessed_between_states(e, main)}
        events = [e for e in events if id(e) not in guessed or e.referential]
        entries = self._entries(doc)
        fill_continuations(events, self.policy, entries)
        fill_counterparts(events, doc, self.policy, opening, entries)
        if self.require_recipient:
            events = [e for e in events if e.recipient or e.monadic]
        merged = merge_events(events, self.policy)    # each group lives on in one of its records
        return [e for e in merged if not (id(e) in guessed and len(e.mentions) <= 1)]

    def _sentence(self, doc: Document, si: int, lo: int, hi: int, ents: list[Entity],
                  coref: dict[int, list[Entity]]) -> list[Event]:
        clauses = split_clauses(doc, lo, hi, self.breaks, self.syntax)
        out: list[Event] = []
        inherited: set[str] = set()
        main_subject = self._main_subject(doc, clauses[0], ents) if clauses else None
        last_subject = None
        verbless = True     # no finite verb yet: the clauses so far are noun phrases
        shared = main_subject
        prev_lemmas: set[str] = set()
        out_subject = None     # the subject of the clause before, for a coordinated verb phrase
        for c in clauses:
            own = self._main_subject(doc, c, ents)
            # "Der Geschäftsführer der Grünen, Volker Beck, und Wolfgang Wieland, Sprecher
            # für Innere Sicherheit, forderten die Bundesregierung auf": the subject and its
            # appositions stand in comma-separated pieces before the verb; the clause that
            # opens with the finite verb has no subject of its own, so its noun phrases are
            # objects and the subject is the sentence's first
            # only when the sentence opens with its subject: after an opening adverbial
            # ("Nach Angaben der Zeitung, ..., kommt eine Untersuchung") the subject follows
            # the verb (verb-second)
            c.shared_subject = verbless and c.opener in self.apposition_breaks and main_subject is not None \
                and doc.tokens[c.start].pos.endswith("FIN") and c is not clauses[0] \
                and doc.tokens[clauses[0].start].pos in self.g.subject_opening_tags
            if c.opener in self.verb_coordination and out_subject is not None:
                # "sprachen von einem Dammbruch und forderten die Regierung auf": the
                # coordinated verb phrase has the first one's subject
                c.shared_subject, shared = True, out_subject
            elif c.shared_subject:
                heads = [e for e in _maximal([e for e in ents if clauses[0].start <= e.tok_start
                                              and e.tok_end <= c.start])
                         if e.label in ACTOR_LABELS and e.code and _prep_of(doc, e, clauses[0].start, self.g) is None
                         and not _genitive_attribute(doc, e, self.g)]
                shared = heads[0] if heads else main_subject
            if any(doc.tokens[j].pos.endswith("FIN") for j in range(c.start, c.end)):
                verbless = False
            c.flags_in = frozenset(inherited)
            lemmas = {doc.tokens[k].lemma for k in range(c.start, c.end)}
            inherited = self.modality.passes_on(doc, c.start, c.end)
            # a relative clause's antecedent can veto its trigger: "in einer gemeinsamen
            # Erklärung, die von 26 Ländern unterzeichnet wurde" signs no agreement
            relative = self._relative(doc, c)
            vetoable = lemmas | prev_lemmas if relative else lemmas
            if relative:
                c.antecedent = next((e for e in ents if e.tok_end == c.start - 1 and e.code
                                     and e.label in ACTOR_LABELS), None)
            found = [(k, trig) for k in range(c.start, c.end)
                     for trig in self._triggers_at(doc, k, c, lemmas, vetoable)]
            prev_lemmas = lemmas
            verb_in_clause = any(doc.tokens[k].pos.startswith("V") for k, _ in found)
            clause_args = self._clause_args(doc, c, ents, coref) if found else ([], [])
            # event nouns that refer back to an event told before ("bei dem Angriff")
            back_ks = {k for k, _ in found if doc.tokens[k].pos in self.g.noun_tags and self._referential(doc, k, c)}
            mine: list[Event] = []
            for k, trig in found:
                ev = self._event(doc, si, k, c, trig, clause_args, verb_in_clause,
                                 shared if c.shared_subject else main_subject, last_subject)
                if ev is None:
                    continue
                ev.referential = k in back_ks
                mine.append(ev)
            # "Bei dem Angriff auf Kiew wurden drei Menschen getötet": what the clause tells
            # about an event it refers back to belongs to that event
            back = {trig.event for k, trig in found if k in back_ks}
            for ev in mine:
                ev.referential = ev.referential or ev.event[0] in back
            out.extend(mine)
            if own is not None:
                last_subject = own
            out_subject = own or (shared if c.shared_subject else out_subject)
        return out

    def _main_subject(self, doc: Document, c: Clause, ents: list[Entity]) -> Entity | None:
        cands = [e for e in _maximal([e for e in ents if c.start <= e.tok_start and e.tok_end <= c.end])
                 if e.label in ACTOR_LABELS and e.code and _prep_of(doc, e, c.start, self.g) is None]
        return cands[0] if cands else None

    def _triggers_at(self, doc: Document, k: int, c: Clause, lemmas: set[str],
                     vetoable: set[str] | None = None) -> list[Trigger]:
        t = doc.tokens[k]
        cands = self._candidates(t)
        found = []
        for trig in cands:
            if trig.pos == "verb" and not t.pos.startswith(self.g.verb_tag_prefixes):
                continue
            if trig.pos == "noun" and t.pos not in self.g.noun_tags:
                continue
            if trig.particle and not self._particle_after(doc, k, trig.particle):
                continue
            if trig.vetoed_particles and t.pos.startswith("V") \
                    and any(self._particle_after(doc, k, p) for p in trig.vetoed_particles):
                continue
            if trig.needs and not self._has_need(doc, c, trig, lemmas, k):
                continue
            if trig.predicative and not self._predicate(doc, k, c):
                continue
            if trig.vetoes & (lemmas if vetoable is None else vetoable):
                continue
            if trig.active_only and self._passive(doc, k, c):
                continue
            if trig.modal_with_infinitive and any(doc.tokens[j].pos in self.g.zu_infinitive_tags
                                                  for j in range(k + 1, c.end)):
                continue
            found.append(trig)
        # one event per token: the most specific trigger (particle or needs) wins
        found.sort(key=lambda tr: (-(bool(tr.particle) + bool(tr.needs) + tr.predicative), -tr.confidence))
        return found[:1]

    def _candidates(self, t) -> list[Trigger]:
        """The triggers a token may be: by lemma, by surface form, or a noun by its compound head."""
        return self.idx.by_lemma.get(t.lemma) or self.idx.by_lemma.get(t.text) \
            or self.idx.lookup(t.lemma, noun=t.pos in self.g.noun_tags and t.lemma[:1].isupper())

    def _acts(self, t) -> list[Trigger]:
        """The triggers of a word that names an act: a verdict ("Aggression", "Verbrechen") is
        a judgement, not an event noun that owns its neighbours ("warf Russland Aggression vor")."""
        return [tr for tr in self._candidates(t) if not tr.predicative]

    def _particle_after(self, doc: Document, k: int, particle: str) -> bool:
        """A separable particle closes the verb's clause, which may run on past commas of an
        enumeration ("griff ... in Tyros, im Norden sowie im Westen ... an"); the same word
        before a noun phrase is a preposition."""
        end = doc.sentences[doc.tokens[k].sent].tok_end
        for j in range(k + 1, end):
            w = doc.tokens[j].text
            # a preposition with its noun phrase is none ("warfen Steine vor dem Parlament")
            if w == particle and not (j + 1 < end and doc.tokens[j + 1].pos in self.g.np_inner_tags | self.g.noun_tags):
                return True
            if w != "," and w.lower() in self.breaks:
                return False
        return False

    def _has_need(self, doc: Document, c: Clause, trig: Trigger, lemmas: set[str], k: int) -> bool:
        """A needed word is in the clause, alone or as the head or first part of a compound;
        the trigger itself does not count ("Militäreinsatz" needs a military word elsewhere)."""
        own = doc.tokens[k].lemma
        if trig.needs & (lemmas - {own}):
            return True
        needs = [n.lower() for n in trig.needs if len(n) >= MIN_COMPOUND_PART]
        for j in range(c.start, c.end):
            if j == k:
                continue
            w = doc.tokens[j].lemma.lower()
            if len(w) > MIN_COMPOUND_PART and any(w.startswith(n) or w.endswith(n) for n in needs):
                return True
        return False

    # --- one trigger ----------------------------------------------------------------------
    def _clause_args(self, doc: Document, c: Clause, ents: list[Entity],
                     coref: dict[int, list[Entity]]) -> tuple[list[Arg], list[Entity]]:
        """The clause's candidate participants and its sources, computed once per clause."""
        in_clause = [e for e in ents if e.tok_start >= c.start and e.tok_end <= c.end and not self._event_word(doc, e)]
        in_clause += self._pronoun_subjects(doc, c, coref)
        args = _merge_appositions(doc, [Arg(e, _prep_of(doc, e, c.start, self.g)) for e in _maximal(in_clause)], self.g)
        _share_prepositions(doc, args, self.g)
        zone = self._reporter_zone(doc, c)
        # "nach russischen Angaben": an adjective mention whose head is a source noun
        zone |= {a.ent.tok_start for a in args
                 if a.ent.tok_end - 1 > a.ent.tok_start and doc.tokens[a.ent.tok_end - 1].lemma in self.g.source_nouns}
        reporters = [a.ent for a in args if a.prep in self.g.source_preps or a.ent.tok_start in zone]
        args = [a for a in args if a.prep not in self.g.source_preps and a.ent.tok_start not in zone]
        return args, reporters

    def _event_word(self, doc: Document, e: Entity) -> bool:
        """An unknown capitalised word the tagger took for a name but that is an event noun of
        the lexicon ("ein Großmanöver der USA": a compound of 'Manöver') or ends like an
        abstract noun ("der Vorwurf der Aufwiegelung"): no party."""
        if not e.source.startswith("tagger") or e.tok_end - e.tok_start != 1:
            return False
        word = doc.tokens[e.tok_start].text
        return bool(self._candidates(doc.tokens[e.tok_start])) \
            or len(word) >= MIN_ABSTRACT_NOUN and word.lower().endswith(self.g.common_noun_endings)

    def _event(self, doc: Document, si: int, k: int, c: Clause, trig: Trigger,
               clause_args: tuple[list[Arg], list[Entity]], verb_in_clause: bool = False,
               main_subject: Entity | None = None, governing_subject: Entity | None = None) -> Event | None:
        """One trigger's event: its roles by the form of its clause, the checks that the
        reading makes sense, modality, date and type, then the record."""
        args, reporters = clause_args
        attributive = self._attributive(doc, k)
        actor, recipient = self._clause_form_roles(doc, k, c, trig, args, attributive, verb_in_clause,
                                                   main_subject, governing_subject)
        if trig.alone_event and not any(r.code for r in recipient):
            # no partner named: "Venezuela begann ein Manöver" is a show of force of its own,
            # whose counterpart the story may give; "Manöver mit Südkorea" is cooperation
            trig = replace(trig, event=trig.alone_event, symmetric=False, alone_event=None)
        pending = False
        if (not actor or not any(a.code for a in actor)) and self._passive(doc, k, c) and not attributive \
                and any(r.code for r in recipient) and trig.event in self.continuation_types:
            # "mehr als 100 Ziele im Gazastreifen waren angegriffen worden": no agent named;
            # the document pass gives it the last attacker of the same target, or drops it
            actor, pending = [], True
        elif not actor or not any(a.code for a in actor):
            return None
        if self._senseless(trig, actor, recipient):
            return None
        modal = self.modality.assess(doc, k, trig.event, c.start, c.end, c.opener, c.flags_in)
        flags = set(modal.flags)
        # a refused cooperation is coded REJECT below, which may take its target from the story
        final = "REJECT" if trig.event in self.cooperative_types and "negation" in modal.cues \
            and not modal.nominal else trig.event
        if self.require_recipient and not trig.monadic and not any(r.code for r in recipient) \
                and (final not in self.counterpart_types | self.entity_counterpart_types or not trig.infer_recipient):
            return None
        actor = [a for a in actor if a.code]
        recipient = [r for r in recipient if r.code and (trig.domestic or r.source == "inferred"
                                                         or all(r is not a for a in actor))
                     and not (r.source != "inferred" and any(self._same_speaker(doc, a, r) for a in actor))
                     and not self._guessed_from_actor(trig, actor, r)]
        if trig.predicative:
            # a verdict is dated by its speaking, not by the act it judges ("Die Bombardierung
            # 1937 war ein Verbrechen", sagte X): the report's date
            date_value, date_flags, explicit = (doc.published.isoformat() if doc.published else None), set(), False
        else:
            date_value, date_flags, explicit = self._date(doc, c, si, planned=bool(flags & {"future", "hypothetical"})
                                                          and "refusal" not in modal.cues)
        ctx = sorted(flags | date_flags | set(trig.context))
        etype, ctx = self.modality.retype(trig.event, ctx, modal, c.flags_in)
        if etype == trig.event == "ASSAULT" and self._attack_with_words(trig, actor, recipient):
            etype = "ACCUSE"
        trig_tok = doc.tokens[k]
        ev = Event(event=[etype], mode=trig.mode if etype == trig.event else None, context=ctx, actor=actor, recipient=recipient,
                   event_text=doc.sentence_text(si), sent=si,
                   start=doc.sentences[si].start, end=doc.sentences[si].end,
                   date=date_value, date_explicit=explicit, confidence=self._confidence(trig, actor, recipient),
                   reported_by=self._reporter(doc, si, k, reporters, actor + recipient), trigger=trig_tok.text,
                   monadic=trig.monadic and etype == trig.event, pending_actor=pending,
                   trigger_lemma=trig_tok.lemma, infer_recipient=trig.infer_recipient,
                   points_back=trig.predicative and not recipient)
        ev.mentions.append({"sentence": si, "start": ev.start, "end": ev.end,
                            "trigger": {"text": trig_tok.text, "start": trig_tok.start, "end": trig_tok.end}})
        self._score(ev, trig)
        return ev

    def _clause_form_roles(self, doc: Document, k: int, c: Clause, trig: Trigger, args: list[Arg],
                           attributive: bool, verb_in_clause: bool, main_subject: Entity | None,
                           governing_subject: Entity | None) -> tuple[list[Entity], list[Entity]]:
        """Actor and recipient by the form of the trigger's clause: a clause that shares the
        sentence's subject, a zu-infinitive, an attributive participle, a verdict, or else the
        role finder on the clause's own mentions."""
        tok = doc.tokens[k]
        infinitive = tok.pos == "VVIZU" or (k > c.start and doc.tokens[k - 1].text.lower() in self.inf)
        if trig.predicative:
            # a verdict or a demand belongs to whoever speaks it, whatever the clause's form
            return self._verdict_roles(doc, k, trig, args, c)
        if c.shared_subject and main_subject is not None and not attributive and self._passive(doc, k, c):
            # "Der Minister, Peter X, ist festgenommen worden": the shared subject is the
            # passive's patient; a von/durch phrase names the agent
            actor = [a.ent for a in args if a.prep in self.g.agent_preps and a.ent.label in ACTOR_LABELS][:1]
            recipient = [main_subject]
            if not actor and trig.domestic and main_subject.code:
                actor = self._unnamed_agent(args, main_subject)
        elif c.shared_subject and main_subject is not None and not attributive:
            actor = [main_subject]
            rest = [a for a in args if a.ent is not main_subject]
            objs = [a.ent for a in rest if a.prep is None and a.ent.label in ACTOR_LABELS | PLACE_LABELS]
            recipient = [a.ent for a in rest if a.prep in trig.recipient_preps][:1] \
                or (objs[:1] if trig.object_is_recipient or (trig.pos != "noun" and not trig.recipient_preps) else [])
            recipient = self._domestic(trig, actor, recipient)
        elif infinitive and governing_subject is not None:
            # "Trump hat angekündigt, Südafrika vom Gipfel auszuladen": the subject of a
            # zu-infinitive is the governing clause's subject; its own noun phrases are objects
            actor = [governing_subject]
            objs = [a.ent for a in args if a.prep is None and a.ent.label in ACTOR_LABELS | PLACE_LABELS]
            recipient = objs[:1] or [a.ent for a in args if a.prep in trig.recipient_preps][:1]
        elif attributive:
            # "der getötete Aktivist", "die festgenommenen Journalisten": the participle
            # describes its noun as the one acted on; only a von/durch phrase names the actor
            head = [a.ent for a in args if a.ent.tok_start > k and a.ent.tok_start <= k + 3]
            actor = [a.ent for a in args if a.prep in self.g.agent_preps and a.ent.tok_start > k
                     and a.ent.label in ACTOR_LABELS][:1]
            recipient = head[:1]
        else:
            actor, recipient = self._roles(doc, k, trig, args, verb_in_clause, c)
        if trig.actor_is_speaker:
            # "Es war von einem Verstoß die Rede": with no one named, who says it accuses
            speaker = self._speaker(doc, k, actor + recipient)
            actor = [speaker] if speaker is not None and not actor else actor
        if not actor and main_subject is not None and tok.pos.endswith("FIN") and not attributive \
                and not any(a.prep is None for a in args):
            # "Die Gewerkschaften kritisierten, ... und drohten mit Streiks": a finite verb
            # with no subject of its own shares the subject of the sentence's main clause
            actor = [main_subject]
            recipient = self._domestic(trig, actor, recipient)
        return actor, recipient

    def _guessed_from_actor(self, trig: Trigger, actor: list[Entity], r: Entity) -> bool:
        """A target whose country was only guessed from its surroundings ('+context') and came
        out as the country of a state actor: the nearest country named was the attacker's
        ("durch russische Angriffe wurden zwölf Menschen getötet"), so the target is unknown,
        not a compatriot. (A group is often of the country it fights in: the PKK's targets.)"""
        return trig.event in self.military_types and r.source.endswith("+context") and r.label == "AGENT" \
            and any(a.code == r.code and a.label in STATE_LABELS and "+" not in a.source and a.source != "inferred"
                    for a in actor)

    def _attack_with_words(self, trig: Trigger, actor: list[Entity], recipient: list[Entity]) -> bool:
        """An unarmed side's "attack" on a party, or a party's on anyone unarmed that is not a
        state, is made with words ("die Abgeordnete griff im Wahlkampf die FDP an", "die Attacken der
        FPÖ gegen den Kandidaten der Grünen"): ACCUSE."""
        if not recipient or any(a.sector in self.armed_sectors for a in actor) \
                or any(r.label == "GPE" or r.sector in self.armed_sectors for r in recipient):
            return False
        if trig.pos == "verb" and all(r.sector in self.political_sectors for r in recipient):
            return True
        return bool(actor) and all(a.sector in self.partisan_sectors for a in actor)

    def _senseless(self, trig: Trigger, actor: list[Entity], recipient: list[Entity]) -> bool:
        """Readings the participants rule out: a meeting with the press is an interview ("sagte
        er im Gespräch mit dem STANDARD"); a state's warning to its own civilians is advice;
        a thing named by a nationality only ("Russische Rakete trifft Schule") can strike
        or be deployed, but it does not meet, speak or agree; companies and outlets among
        themselves make no political event ("Der Konzern entschuldigte sich")."""
        if all(e.sector in self.apolitical_sectors for e in actor + recipient):
            return True
        if not trig.domestic and any(a.source.endswith("+context") and r.key == f"{COUNTRY_PREFIX}{a.code}"
                                     for a in actor for r in recipient):
            # "Der Minister versprach der Ukraine Hilfe": the minister's country was guessed
            # from the nearest country, here the recipient itself; a state does not act on
            # itself, so the guess is wrong and the actor unknown
            return True
        if trig.event in self.consultative_types and recipient and all(r.sector in self.press_sectors for r in recipient):
            return True
        if trig.event in self.advisory_types and recipient and all(
                r.sector in self.civilian_sectors and r.code in {a.code for a in actor} for r in recipient) \
                and all(a.sector in self.state_sectors for a in actor):
            return True
        return trig.event not in self.material_types and all(a.label == "NORP" and a.source == "adjective" for a in actor)

    @staticmethod
    def _guessed_between_states(ev: Event, main: str | None) -> bool:
        """An act between two states needs evidence for the actor's: the country nearest an
        unnamed agent or person ('+context') is as often the other party or a third state.
        The article's main country is the exception ("Der Kanzler kritisierte Russland" in a
        German report); a mention that refers back to an act told before ("verkündete den
        Angriff") is kept where it merges with that act."""
        return bool(ev.actor) and all(a.source.endswith("+context") and a.code != main for a in ev.actor) \
            and any(r.code for r in ev.recipient) and not {a.code for a in ev.actor} & {r.code for r in ev.recipient}

    def _reporter_zone(self, doc: Document, c: Clause) -> set[int]:
        """Tokens of a source phrase ("nach Angaben der von der Hamas kontrollierten
        Zivilbehörde"): from the source noun to the next verb. Mentions there report the
        event; they do not take part in it."""
        zone: set[int] = set()
        k = c.start
        while k < c.end:
            if doc.tokens[k].lemma in self.g.source_nouns and self._names_its_source(doc, k + 1, c.end):
                j = k + 1
                while j < c.end and not doc.tokens[j].pos.startswith(("VV", "VA", "VM")):
                    zone.add(j)
                    j += 1
                k = j
            k += 1
        return zone

    def _names_its_source(self, doc: Document, j: int, end: int) -> bool:
        """A genitive follows the source noun ("nach Angaben der Armee", "Angaben Kiews");
        "nach eigenen Angaben" names none, and what follows it is the clause's own."""
        return j < end and (doc.tokens[j].text.lower() in self.g.genitive_articles
                            or doc.tokens[j].pos in self.proper_tags)

    def _pronoun_subjects(self, doc: Document, c: Clause, coref: dict[int, list[Entity]]) -> list[Entity]:
        """Personal pronouns ("er", "sie", "ihm") stand for the participant the discourse
        layer resolved them to; where the chains leave one unresolved, for the last person
        named before it (measured: better on dev and train than leaving it out)."""
        out = []
        for k in range(c.start, c.end):
            t = doc.tokens[k]
            w = t.text.lower()
            if w in self.speaker_forms:
                out.extend(self._speaker_pronoun(doc, k, w in self.speaker_obj_pronouns))
                continue
            initial = k == doc.sentences[t.sent].tok_start and w in self.initial_pronouns
            if (w not in self.pronouns and w not in self.obj_pronouns and w not in self.neuter_pronouns
                    and not initial) or t.pos not in {"PPER", ""}:
                continue
            # an object pronoun ("bezeichnete ihn als illegal") as often stands for a thing as
            # for a person, and "es" is mostly a dummy: only the chains may resolve them
            prev = [] if w in self.obj_pronouns or w in self.neuter_pronouns else \
                [e for e in doc.entities if e.label == "PER" and e.code and e.end <= t.start]
            for ref in (coref.get(k) or prev[-1:])[:1]:
                out.append(Entity(text=t.text, start=t.start, end=t.end, label=ref.label or "PER", sent=t.sent,
                                  code=ref.code, sector=ref.sector, identifier_text=ref.identifier_text,
                                  identifier_id=ref.identifier_id, key=ref.key,
                                  source="object_pronoun" if w in self.obj_pronouns else "pronoun",
                                  tok_start=k, tok_end=k + 1))
        return out

    def _same_speaker(self, doc: Document, a: Entity, r: Entity) -> bool:
        """Both are the speaker of one quote ("wir ... uns"): no event between the two."""
        forms = self.speaker_forms
        return a.text.lower() in forms and r.text.lower() in forms and any(
            q.start <= a.start < q.end and q.start <= r.start < q.end for q in doc.quotes)

    def _speaker_pronoun(self, doc: Document, k: int, obj: bool) -> list[Entity]:
        """"ich", "wir", "uns" inside a quote are its speaker ("\"Wir unterstützen die
        Ukraine\", sagte der Präsident Polens"); outside any quote they are no one we know."""
        t = doc.tokens[k]
        sp = self._speaker(doc, k)
        if sp is None:
            return []
        return [Entity(text=t.text, start=t.start, end=t.end, label=sp.label or "PER", sent=t.sent,
                       code=sp.code, sector=sp.sector, identifier_text=sp.identifier_text,
                       identifier_id=sp.identifier_id, key=sp.key,
                       source="object_pronoun" if obj else "pronoun", tok_start=k, tok_end=k + 1)]

    # --- roles: who acts, who is acted on ---------------------------------------------------
    # The role finder runs named steps in order; each reads the trigger's data (its argument
    # frame) and fills what is still empty. Recipient fallbacks are a table of strategies,
    # each switched on by a trigger field, so a new frame is a new row, not a new branch.
    RECIPIENT_STRATEGIES = (
        # (trigger field that switches it on, or None for every trigger; method)
        (None, "_recipient_by_preposition"),
        ("object_is_recipient", "_recipient_object"),
        ("location_is_recipient", "_recipient_target_place"),
        ("demanded_agent_is_recipient", "_recipient_demanded_agent"),
        ("multilateral", "_recipient_members"),
        ("reported_subject_is_recipient", "_recipient_reported_subject"),
    )

    def _roles(self, doc: Document, k: int, trig: Trigger, args: list[Arg],
               verb_in_clause: bool = False, c: Clause | None = None) -> tuple[list[Entity], list[Entity]]:
        f = self._frame(doc, k, trig, args, c)
        # a mention that contains the trigger ("israelischen Angriffen") names its actor
        actor = [a.ent for a in f.args if a.ent.start <= f.tok.start and f.tok.end <= a.ent.end][-1:]
        recipient: list[Entity] = []
        if actor and trig.place_compound_is_recipient and actor[0].sector is None and actor[0].source == "compound" \
                and (actor[0].label == "MISC" or actor[0].label == "NORP" and trig.abbreviation_is_place):
            # "bei seinem Syrien-Besuch hat Wadephul ...", "die Gaza-Angriffe gingen weiter": a compound
            # whose first part is a place (no party: no sector) names where the trip goes or
            # what the attack hits; who travels or attacks is the clause's, or no one named
            place = actor
            actor, recipient = self._clause_roles(f, verb_in_clause)
            actor = [a for a in actor if a.code and a.code != place[0].code]
            recipient = recipient or place
        if not actor:
            actor, recipient = self._clause_roles(f, verb_in_clause)
        if trig.symmetric:
            actor, recipient = self._reciprocal_roles(f, actor, recipient)
        if not actor and trig.location_is_actor:
            actor = [a.ent for a in f.args if a.prep in self.g.location_preps and a.ent.code
                     and a.ent.label in PLACE_LABELS][:1]
        rest = [a for a in f.args if all(a.ent is not x for x in actor + recipient)]
        strategies = self.RECIPIENT_STRATEGIES
        if trig.recipient_before:
            # "want the army to pull back": the one who is to act stands between the verb
            # and the infinitive, and no one else is the recipient ("wants to win" names no one)
            recipient = self._recipient_before_infinitive(f)
            strategies = [s for s in strategies if s[0] in ("demanded_agent_is_recipient", "multilateral")]
        elif not recipient:
            recipient = f.objects[:1]
        for field_name, method in strategies:
            if recipient:
                break
            if field_name is None or getattr(trig, field_name):
                recipient = getattr(self, method)(f, actor, rest)
        if not actor and trig.location_is_actor and recipient and recipient[0].code \
                and recipient[0].sector in self.state_sectors and len(recipient[0].code) == 3:
            # "Proteste gegen das Regime im Iran": with no one named, who protests against a
            # state are its people
            actor = [_inferred_state(recipient[0], sector=None)]
        return actor, self._domestic(trig, actor, recipient)

    def _frame(self, doc: Document, k: int, trig: Trigger, args: list[Arg], c: Clause | None) -> "_RoleFrame":
        """The trigger's candidate participants, sorted into what each role step reads."""
        tok = doc.tokens[k]
        # an object pronoun inside a prepositional phrase ("von ihm regiert") is no object
        objects = [a.ent for a in args if a.ent.source == "object_pronoun" and a.prep is None]
        # ... but "bei einem US-Luftangriff getötet": a passive's agent is the owner of the
        # attack it happened in (see _passive_roles)
        passive = self._passive(doc, k, c)
        args = [a for a in args if a.ent.source != "object_pronoun"
                and (passive or not self._other_event_compound(doc, k, a.ent))
                and not self._in_other_participle_phrase(doc, k, a)]
        bare = [a.ent for a in args if a.prep is None and a.ent.label in ACTOR_LABELS]
        # a genitive attribute ("die Freilassung der Geiseln") is no subject while a head is
        # there, and none at all after the finite verb ("hatte die Frage einer Lehrerin
        # abgewiesen"): there it belongs to the object
        fin = next((j for j in range(doc.sentences[tok.sent].tok_start, k + 1)
                    if doc.tokens[j].pos.endswith("FIN")), None)
        bare = [e for e in bare if not (fin is not None and e.tok_start > fin and _genitive_attribute(doc, e, self.g, True))]
        bare.sort(key=lambda e: _genitive_attribute(doc, e, self.g))
        starts = {id(a.ent): (a.first_tok if a.first_tok >= 0 else a.ent.tok_start) for a in args}
        # "die Entsendung von Soldaten": for some act nouns a von-phrase names what is moved
        # or deployed (the theme), never who acts
        theme = trig.theme_preps if tok.pos in self.g.noun_tags else frozenset()
        prep_actor = [a.ent for a in args if a.prep in (trig.actor_preps | self.g.agent_preps) - theme
                      and a.ent.label in ACTOR_LABELS
                      and not (tok.pos in self.g.noun_tags and trig.event in self.military_types and _town(a.ent))]
        return _RoleFrame(doc, k, tok, trig, args, c, objects, bare, fin, starts, passive, prep_actor)

    def _clause_roles(self, f: "_RoleFrame", verb_in_clause: bool) -> tuple[list[Entity], list[Entity]]:
        """Roles from the clause's grammar: an event noun's own arguments, a passive's agent
        and patient, a reaction's target, else the clause's subject."""
        doc, k, trig, c = f.doc, f.k, f.trig, f.c
        actor: list[Entity] = []
        recipient: list[Entity] = []
        is_noun = f.tok.pos in self.g.noun_tags
        if trig.pos == "noun" or trig.pos == "any" and is_noun:
            actor, recipient = self._noun_roles(f)
        elif f.passive:
            actor, recipient = self._passive_roles(f)
        # a noun that is the object of an event verb ("verurteilte die Angriffe") does not
        # take the clause's subject as its actor
        # ... unless it is a meeting the clause's subject took part in: one with its partner
        # named ("nach einem Gespräch mit Tusk"), or one told before ("In dem Gespräch
        # lobte Xi ...")
        took_part = self._with_partner(trig, k, f.args) or (
            trig.symmetric and c is not None and self._referential(doc, k, c))
        noun_as_object = is_noun and not took_part and (
            verb_in_clause or (c is not None and self._topic_noun(doc, k, c)))
        if is_noun and c is not None and self._reaction(doc, k, c):
            noun_as_object = True
            actor, recipient = self._reaction_roles(f, actor, recipient)
        # "Russlands Offensive löst Proteste aus": a name right before another event noun
        # is that event's owner, not a participant of this one
        f.bare = [e for e in f.bare if not self._owns_other_event_noun(doc, k, e)]
        if not actor and f.bare and not f.passive and not noun_as_object:
            actor, recipient = self._subject_roles(f, recipient)
        return actor, recipient

    def _noun_roles(self, f: "_RoleFrame") -> tuple[list[Entity], list[Entity]]:
        """An event noun's arguments: its genitive or a von/durch phrase right after it."""
        doc, k, trig, c = f.doc, f.k, f.trig, f.c
        recipient: list[Entity] = []
        # a genitive right after the noun: a state or group is who acts ("Angriffe
        # Israels", "Drohnenangriffe des Iran"), a place is the target ("Beschuss des
        # Gazastreifens")
        genitive = k + 1 < len(doc.tokens) and doc.tokens[k + 1].text.lower() in self.g.genitive_articles
        # ... but never across a verb ("Nach den Angriffen verlangte sie"): a genitive
        # is a noun phrase, and a pronoun is none
        after = [a.ent for a in f.args if a.ent.tok_start in (k + 1, k + 2)
                 and (a.prep is None or genitive and a.ent.tok_start == k + 2)
                 and a.ent.source not in PRONOUN_SOURCES
                 and all(t.pos in self.g.np_inner_tags or t.text.lower() in self.g.genitive_articles
                         for t in doc.tokens[k + 1:a.ent.tok_start])]
        if genitive and not after:
            # the genitive's head may stand behind its modifiers: "der aus 51 Booten
            # bestehenden Gaza-Flotte"
            after = [a.ent for a in f.args if k + 2 < a.ent.tok_start <= k + GENITIVE_REACH
                     and all(t.pos in self.g.genitive_inner_tags for t in doc.tokens[k + 2:a.ent.tok_start])][:1]
        if after and after[0].label == "LOC":
            recipient = after[:1]
            after = []
        # a von/durch agent belongs to the noun only right after it ("Angriffe durch
        # die Armee"), not anywhere in the clause ("einer von der Hamas übergebenen")
        near = [e for e in f.prep_actor if k < e.tok_start <= k + NOUN_AGENT_REACH
                or (c is not None and self._fronted(doc, e, c))]
        if trig.owner_is_recipient:
            # an offence's owner is the accused: "sprach von einem Verstoß Russlands"
            recipient = after[:1] or near[:1]
            f.bare = [e for e in f.bare if all(e is not r for r in recipient)]
            return [], recipient
        actor = after[:1] or near[:1]
        if actor and not trig.symmetric:
            # "die Luftangriffe Israels und der USA": coordinated owners act together; the
            # second is no target (a symmetric noun pairs them by its own strategy)
            later = sorted((a.ent for a in f.args if a.ent.tok_start >= actor[0].tok_end
                            and a.ent.label in ACTOR_LABELS), key=lambda e: e.tok_start)
            actor = self._conjuncts(doc, actor + later, f.starts)
            f.bare = [e for e in f.bare if all(e is not a for a in actor)]
        return actor, recipient

    def _passive_roles(self, f: "_RoleFrame") -> tuple[list[Entity], list[Entity]]:
        """A passive's agent is in a von/durch phrase or is the event noun's owner ("bei einem
        US-Luftangriff getötet"); its grammatical subject is the target."""
        agents = [e for e in f.prep_actor if not self._prefield_attribute(f, e)]
        actor = agents[:1] or [a.ent for a in f.args if a.prep and a.ent.source == "compound"
                               and a.ent.label in ACTOR_LABELS | {"MISC"}][:1]
        recipient: list[Entity] = []
        bare = f.bare
        if actor and bare and self._coordinated(f.doc, actor[0], bare[0], f.starts.get(id(bare[0]))):
            # "von EU-Diplomaten und den Außenministern ... unterzeichnet": co-agents
            actor.append(bare.pop(0))
        if bare:
            recipient = [bare[0]]
        elif f.c is not None and f.c.antecedent is not None and all(f.c.antecedent is not a for a in actor):
            # "einer Lehrerin, die in Teheran festgenommen wurde": the relative pronoun, the
            # passive's subject, is its antecedent
            recipient = [f.c.antecedent]
        if not actor and f.trig.domestic and recipient and recipient[0].code:
            actor = self._unnamed_agent(f.args, recipient[0])
        return actor, recipient

    def _unnamed_agent(self, args: list[Arg], patient: Entity) -> list[Entity]:
        """"X wurde in Beirut festgenommen": with no agent named, the state where it happened
        acted; failing a place, the patient's own state."""
        here = [a.ent for a in args if a.prep in self.g.location_preps and a.ent.code
                and a.ent.label in PLACE_LABELS and len(a.ent.code) == 3]
        return [_inferred_state(here[0] if here else patient)]

    def _in_other_participle_phrase(self, doc: Document, k: int, a: Arg) -> bool:
        """A phrase inside an attributive participle phrase belongs to that participle ("von
        den Truppen genutzte Depots wurden beschossen": the troops used the depots, they did not
        fire), unless the trigger is the phrase's head ("die von der EU verhängten Sanktionen")
        or its participle."""
        if a.prep is None:
            return False
        phrase = self._participle_phrase(doc, a.ent)
        # the participle or its head is the trigger: "ein in Nordkorea festgenommener Student"
        return phrase is not None and not phrase[0] <= k <= phrase[1]

    def _participle_phrase(self, doc: Document, e: Entity) -> tuple[int, int] | None:
        """(participle, head noun) of the attributive participle phrase a mention stands in ("von
        den Truppen genutzte Depots", "in einer an die AFP übermittelten Erklärung"), or None."""
        s = doc.sentences[e.sent]
        # over adverbs and a name in apposition ("an die Nachrichtenagentur AFP übermittelten")
        skip = (self.g.modifier_tags - self.g.attributive_tags) | self.g.proper_tags
        phrase = attributive_head(doc, e.tok_end, s.tok_end, skip, self.g.attributive_tags, self.g.noun_tags)
        if phrase is None or not doc.tokens[phrase[0]].text[:1].islower():
            return None
        # a participle, not any adjective ("forderten von Kuba umfassende Reformen"): a
        # determiner opens the phrase before its preposition ("einer an die AFP übermittelten
        # Erklärung"), or the word has the participle's mark ("genutzte")
        p = _skip_left(doc, e.tok_start, s.tok_start, self.g.np_inner_tags | self.g.noun_tags)
        opened = p - 1 >= s.tok_start and doc.tokens[p].pos in self.g.prep_tags \
            and doc.tokens[p - 1].pos in self.g.determiner_tags
        marked = any(m in doc.tokens[phrase[0]].text[:-2].lower() for m in self.participle_marks)
        return phrase if opened or marked else None

    def _prefield_attribute(self, f: "_RoleFrame", e: Entity) -> bool:
        """A von-phrase right after a noun before the finite verb belongs to that noun ("Der
        Hafen von Rotterdam wurde angegriffen"): German puts one phrase before the finite verb,
        so it is the subject's attribute, not the passive's agent ("Von der Polizei wurde ...",
        "wurde von der Polizei ...")."""
        if f.fin is None or e.tok_start > f.fin:
            return False
        j = e.tok_start - 1
        while j >= 0 and f.doc.tokens[j].pos in self.g.np_inner_tags:
            j -= 1
        return j >= 1 and f.doc.tokens[j].pos in self.g.prep_tags and f.doc.tokens[j - 1].pos in self.g.noun_tags

    def _reaction_roles(self, f: "_RoleFrame", actor: list[Entity],
                        recipient: list[Entity]) -> tuple[list[Entity], list[Entity]]:
        """"Der Beschluss hat Kritik in Peking ausgelöst": the subject is the target; the
        actor is the noun's own, or the state of the place where it arose."""
        if not actor:
            here = [a.ent for a in f.args if a.prep in self.g.location_preps and a.ent.code
                    and a.ent.label in PLACE_LABELS and len(a.ent.code) == 3
                    and f.k < a.ent.tok_start <= f.k + NOUN_AGENT_REACH]
            actor = [_inferred_state(here[0])] if here else []
        if f.bare and not recipient and all(f.bare[0] is not a for a in actor):
            recipient = [f.bare[0]]
        return actor, recipient

    def _subject_roles(self, f: "_RoleFrame", recipient: list[Entity]) -> tuple[list[Entity], list[Entity]]:
        """The clause's subject acts; coordinated subjects act together ("Kanada, Neuseeland
        und Norwegen verhängten") or, for a meeting, are its two parties ("Xi und Putin
        telefonierten")."""
        if f.c is not None and f.c.start + 1 < f.c.end and f.doc.tokens[f.c.start].text.lower() in self.g.generic_subjects \
                and f.doc.tokens[f.c.start + 1].pos in self.g.finite_tags:
            # "Viele werfen der Partei vor": the pronoun before the verb is the subject
            return [], recipient
        subject = self._subject_of(f.doc, f.bare)
        if subject is not None and self._relational_attribute(f.doc, subject):
            subject = None      # "Die Verbündeten der Ukraine kritisierten ...": the head acts
        actor = [subject] if subject is not None else []
        conjuncts = self._conjuncts(f.doc, f.bare, f.starts)
        if len(conjuncts) > 1:
            if f.trig.symmetric:
                if self._pair_reading(f.doc, f.trig, f.c):
                    recipient = [conjuncts[1]]
            elif not recipient and self._reciprocal_object(f):
                # "Chile und Peru drohen sich mit Vergeltung", "werfen sich gegenseitig
                # Verstöße vor": each is the other's target
                actor, recipient = [conjuncts[0]], [conjuncts[1]]
            else:
                actor = conjuncts
        return actor, recipient

    def _reciprocal_object(self, f: "_RoleFrame") -> bool:
        """The object of a verb that takes one is a reciprocal pronoun ("sich", "einander",
        "gegenseitig"): coordinated subjects act on each other, not together on someone."""
        if f.c is None or not f.trig.object_is_recipient or f.tok.lemma in self.reflexive_verbs:
            return False    # "weigern sich": the verb's own "sich"
        return any(f.doc.tokens[j].text.lower() in self.reciprocal_pronouns for j in range(f.c.start, f.c.end))

    def _reciprocal_roles(self, f: "_RoleFrame", actor: list[Entity],
                          recipient: list[Entity]) -> tuple[list[Entity], list[Entity]]:
        """The pair of a reciprocal phrase on the noun itself are its parties, whoever the
        clause's subject is ("Katar vermittelt Gespräche zwischen Israel und der Hamas")."""
        on_noun = f.tok.pos in self.g.noun_tags and self._reciprocal_pair(f.args, after=f.k)
        if on_noun:
            return on_noun
        if not actor:
            return self._reciprocal_pair(f.args) or (actor, recipient)
        return actor, recipient

    # recipient strategies (RECIPIENT_STRATEGIES): each gets the frame, the actor and the
    # arguments not yet given a role, and returns the recipient or []
    def _recipient_by_preposition(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        """A phrase with one of the trigger's recipient prepositions ("Kritik an China"), not
        one that belongs to another event noun ("nach Angriffen der USA ... Attacken auf
        US-Verbündete": the allies are the target of the second)."""
        noun = f.tok.pos in self.g.noun_tags
        found = [a.ent for a in rest if a.prep in f.trig.recipient_preps
                 and a.ent.label in ACTOR_LABELS | PLACE_LABELS
                 and not (noun and a.ent.tok_start < f.k and self._other_nouns_phrase(f.doc, a.ent))
                 and not self._belongs_to_other_event_noun(f.doc, f.k, a.ent, f.trig.event)]
        # one after the trigger first, then the nearest: "Nach Deutschlands Niederlage reist
        # Wadephul nach Mexiko" (the phrase before the verb is the clause's backdrop)
        return sorted(found, key=lambda e: (e.tok_start < f.k, abs(e.tok_start - f.k)))[:1]

    def _other_nouns_phrase(self, doc: Document, e: Entity) -> bool:
        """The mention's phrase follows another noun ("Trotz der Streitigkeiten mit Kolumbien
        begann Venezuela ein Manöver"): it is that noun's, not the later trigger noun's. A
        phrase of the verb before the noun stays ("führt mit Peru Gespräche")."""
        lo = doc.sentences[e.sent].tok_start
        j = _skip_left(doc, e.tok_start, lo, self.g.np_inner_tags)
        return j - 1 >= lo and doc.tokens[j].pos in self.g.prep_tags and doc.tokens[j - 1].pos in self.g.noun_tags \
            and not in_timex(doc, doc.tokens[j - 1].start)      # "am Montag mit dem Libanon"

    def _recipient_object(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        """The trigger's object, or the owner of its object ("unterstützt die Kandidatur
        von Jeremic")."""
        doc = f.doc
        # a genitive before the finite verb belongs to the subject ("Der Präsident des
        # Gerichtshofs fordert"), not to the object
        objs = [a.ent for a in rest if a.prep is None and (a.ent.label in ACTOR_LABELS or _owned_thing(a.ent))
                and not (f.fin is not None and a.ent.tok_start < f.fin and _genitive_attribute(doc, a.ent, self.g))]
        objs += [a.ent for a in rest if a.prep in self.g.partitive_preps and a.ent.label in ACTOR_LABELS
                 and a.ent.tok_start >= 2 and doc.tokens[a.ent.tok_start - 2].pos == "NN"
                 and doc.tokens[a.ent.tok_start - 1].lemma.lower() in self.g.partitive_preps
                 and not self._in_pp(doc, a.ent.tok_start - 2)]
        # a conjunct of the actor is a co-actor, not the object: "trafen Kane und Walcott"
        objs = [e for e in objs if not any(self._coordinated(doc, a, e) for a in actor)]
        return objs[:1]

    def _recipient_target_place(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        """The place an act is aimed at, the nearest one after the trigger first ("setzt
        ... fort im Libanon")."""
        places = [a.ent for a in rest if a.prep in self.g.target_preps and a.ent.code
                  and a.ent.label in PLACE_LABELS | {"ORG", "AGENT", "NORP"}
                  and not self._belongs_to_other_event_noun(f.doc, f.k, a.ent)]
        places.sort(key=lambda e: (e.tok_start < f.k, abs(e.tok_start - f.k)))
        return places[:1]

    def _recipient_before_infinitive(self, f: "_RoleFrame") -> list[Entity]:
        """The bare noun phrase after the trigger that one of the trigger's `recipient_before`
        words follows ("want the army to pull back")."""
        doc = f.doc
        return [a.ent for a in f.args if a.prep is None and a.ent.tok_start > f.k
                and a.ent.label in ACTOR_LABELS and a.ent.tok_end < len(doc.tokens)
                and doc.tokens[a.ent.tok_end].text.lower() in f.trig.recipient_before][:1]

    def _recipient_demanded_agent(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        return self._demanded_agent(f.doc, f.k, f.args, f.c)

    def _recipient_reported_subject(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        """The subject of the reported clause a judging speech verb closes ("Warschau verletze
        das Recht, kritisierte X") or opens ("X kritisierte, Warschau verletze das Recht")."""
        doc, k, c = f.doc, f.k, f.c
        if c is None or f.tok.pos in self.g.noun_tags:
            return []
        s = doc.sentences[doc.tokens[k].sent]
        if c.opener == "," and k == c.start:            # "..., kritisierte X": the clause before
            hi = c.start - 1
            lo = max((j + 1 for j in range(s.tok_start, hi) if doc.tokens[j].text.lower() in self.breaks),
                     default=s.tok_start)
        elif c.end < s.tok_end and doc.tokens[c.end].text.lower() in self.breaks \
                and not any(doc.tokens[j].pos in self.g.noun_tags for j in range(k + 1, c.end)):
            lo = c.end + 1                               # "X kritisierte, ...": the clause after
            while lo < s.tok_end and doc.tokens[lo].text.lower() in self.complementizers | {","}:
                lo += 1                                  # "kritisierte, dass ..."
            hi = next((j for j in range(lo, s.tok_end) if doc.tokens[j].text.lower() in self.breaks), s.tok_end)
        else:
            return []
        subject = next((e for e in doc.entities if e.sent == s.index and lo <= e.tok_start and e.tok_end <= hi
                        and e.label in ACTOR_LABELS | PLACE_LABELS and e.code
                        and _prep_of(doc, e, lo, self.g) is None and not _genitive_attribute(doc, e, self.g)), None)
        return [subject] if subject is not None and all(subject is not a for a in actor) else []

    def _recipient_members(self, f: "_RoleFrame", actor: list[Entity], rest: list[Arg]) -> list[Entity]:
        """"ein Treffen der NATO-Verteidigungsminister", "der G8-Gipfel": the members meet."""
        return [_inferred_self(actor[0])] if actor and _is_organisation(actor[0]) else []

    def _predicate(self, doc: Document, k: int, c: Clause) -> bool:
        """Token k is its clause's predicate: a predicative adjective ("das ist rechtswidrig"),
        or a noun after a copula outside any prepositional phrase ("Das war ein Verbrechen",
        not "nach dem Massaker")."""
        t = doc.tokens[k]
        if t.pos in self.g.verb_tags:
            return True
        if t.pos in self.g.predicative_tags:
            # ... not one the tagger took for predicative before its noun ("brutale Aggression")
            return not (k + 1 < len(doc.tokens) and doc.tokens[k + 1].pos in self.g.noun_tags)
        return t.pos in self.g.noun_tags and not self._in_pp(doc, k) and self._copular(doc, c)

    def _copular(self, doc: Document, c: Clause) -> bool:
        """The clause's verb is a copula, not an auxiliary ("ist ein Massaker", not "ist
        eingereist")."""
        verbs = [doc.tokens[j] for j in range(c.start, c.end) if doc.tokens[j].pos in self.g.verb_tags]
        return bool(verbs) and all(v.lemma in self.g.copulas for v in verbs)

    def _speaker(self, doc: Document, k: int, participants: Sequence[Entity] = (), coded: bool = True) -> Entity | None:
        """The speaker of the quote or reported speech token k stands in (with `coded`, only
        one with a country), unless it overlaps a participant or token k is in the speaker's
        own mention."""
        pos = doc.tokens[k].start
        for q in doc.quotes:
            sp = q.speaker
            if sp is None or (coded and not sp.code) or not q.start <= pos < q.end or sp.start <= pos < sp.end:
                continue
            if not any(sp.start < p.end and p.start < sp.end for p in participants):
                return sp
        return None

    def _verdict_roles(self, doc: Document, k: int, trig: Trigger, args: list[Arg],
                       c: Clause) -> tuple[list[Entity], list[Entity]]:
        """A verdict ("Das war ein Verbrechen", "die Festnahme sei rechtswidrig", sagte X) is an
        accusation by whoever speaks it. The accused is the verdict noun's owner ("ein
        Verbrechen Israels"), else the clause's subject ("Israel handle rechtswidrig"); a
        subject that names no one points back to the act last told, whose actor the
        document pass makes the recipient (Event.points_back)."""
        f = self._frame(doc, k, trig, args, c)
        speaker = self._speaker(doc, k)
        if speaker is None or speaker.sector in self.press_sectors:
            return [], []       # a report's outlet ("berichtet Axios") judges and demands nothing
        recipient: list[Entity] = []
        if f.tok.pos in self.g.noun_tags:
            recipient = self._noun_roles(f)[1]
        def own(e: Entity) -> bool:     # the speaker's own mention ("Die Hisbollah verurteilte ...")
            return e.start < speaker.end and speaker.start < e.end
        # a copula's subject stands before its predicate; a verb's may follow it ("Nun müsse
        # Seoul einlenken")
        verb = f.tok.pos in self.g.verb_tags
        subjects = [e for e in f.bare if not own(e) and (verb or e.tok_start < k)]
        if not recipient and subjects:
            recipient = [e for e in [self._subject_of(doc, subjects)] if e is not None]
        if any((r.key or r.text) == (speaker.key or speaker.text) for r in recipient):
            return [], []       # no one speaks a verdict on himself: the speaker is misread
        if trig.agent_recipient:
            # a demand needs someone who can comply, not a people or a civilian group
            recipient = [r for r in recipient if r.label != "NORP" and r.sector not in self.civilian_sectors]
            if not recipient:
                return [], []
        if not recipient and f.tok.pos in self.g.predicative_tags and not self._copular(doc, c):
            # an adverb ("seien illegal eingereist") judges its own clause's subject; only a
            # copula's demonstrative ("Das ist illegal") points back to an act told before
            return [], []
        return [speaker], [r for r in recipient if r.code and not own(r)]

    def _entries(self, doc: Document) -> dict[int, int]:
        """Per sentence, the number of the report it belongs to: a live blog's entries open
        with a time of day and a dash ("20:28 Uhr - ..."), and each tells a story of its own,
        whose sides are not those of the entry before."""
        stamps = {t.start: t for t in doc.timexes if t.type == "time"}
        out, entry = {}, 0
        for s in doc.sentences:
            t = stamps.get(s.start)
            if t is not None:
                after = next((tok for tok in doc.tokens[s.tok_start:s.tok_end] if tok.start >= t.end), None)
                if after is not None and after.text in self.apposition_breaks:
                    entry += 1
            out[s.index] = entry
        return out

    def _relational_attribute(self, doc: Document, e: Entity) -> bool:
        """Mention e is the genitive attribute of a noun that names others by their relation
        to it ("die Verbündeten der Ukraine", "Kritiker der Regierung", grammar class
        `relational_head`): that noun heads the phrase and is not e's side. A member or a
        representative ("Sprecher der Armee") stays e's side."""
        head = _genitive_head(doc, e.tok_start, self.g, heads=self.g.nominal_tags)
        return head is not None and doc.tokens[head].lemma in self.relational_heads

    def _subject_of(self, doc: Document, bare: list[Entity]) -> Entity | None:
        """The first bare noun phrase, unless an article that is never nominative opens it:
        then the next one that is not so marked ("Den Koalitionspartner SPD griff er an":
        object first), or none."""
        first = bare[0]
        inverted = next((e for e in bare[1:] if e.source in PRONOUN_SOURCES and e.tok_start > 0
                         and doc.tokens[e.tok_start].text.lower() in self.pronouns
                         and doc.tokens[e.tok_start - 1].pos in self.g.finite_tags), None)
        if inverted is not None and first.tok_start < inverted.tok_start:
            # "Schäuble warf er vor, ...": a nominative pronoun right after the finite verb
            # is the subject, so the phrase before the verb is the fronted object
            return inverted
        if self._oblique(doc, first):
            # "Dem Oppositionsführer drohen zehn Jahre Haft": a dative is never the subject
            return next((e for e in bare[1:] if not self._oblique(doc, e)), None)
        return first

    def _oblique(self, doc: Document, e: Entity) -> bool:
        """The noun phrase of mention e opens with an article that is never nominative: the
        mention's own first word, or the word before its head and modifiers ("Den
        Koalitionspartner SPD")."""
        lo = doc.sentences[e.sent].tok_start
        j = _skip_left(doc, e.tok_start, lo, self.np_head_tags)
        if j >= lo and any(o.tok_start <= j < o.tok_end for o in doc.entities if o.sent == e.sent):
            j = -1      # "Das in Den Haag tagende Gericht": that article opens another name
        return any(0 <= i < len(doc.tokens) and doc.tokens[i].text.lower() in self.oblique_articles
                   for i in (e.tok_start, j if j >= lo else -1))

    def _other_event_compound(self, doc: Document, k: int, e: Entity) -> bool:
        """'mit einem US-Boykott', 'nach US-Angriffen': a compound whose head is an event noun
        names that event (and its actor), not a participant of the trigger."""
        if e.source != "compound" or e.tok_end - e.tok_start != 1 or e.tok_start == k:
            return False
        t = doc.tokens[e.tok_start]
        return t.pos in self.g.noun_tags and bool(self._acts(t))

    def _owns_other_event_noun(self, doc: Document, k: int, e: Entity) -> bool:
        """A name directly before an event noun other than the trigger, with no article
        between: a prenominal genitive ("Russlands Angriff", "Israels Offensive")."""
        j = e.tok_end
        if j >= len(doc.tokens) or j == k or doc.tokens[j].sent != e.sent or e.label not in {"GPE", "ORG"}:
            return False
        n = doc.tokens[j]
        return n.pos in self.g.noun_tags and bool(self._acts(n))

    def _belongs_to_other_event_noun(self, doc: Document, k: int, e: Entity, etype: str | None = None) -> bool:
        """"kurz vor dem Gipfel in Genf griff die Armee an": a place phrase right after
        another event noun says where that event is, not what this one targets. For a meeting
        (`etype` consultative) a meeting noun does not count: "reisen zu Gesprächen nach
        Pakistan" is one visit."""
        j = _skip_left(doc, e.tok_start, 0, self.g.np_inner_tags)      # the place's preposition
        if j < 1 or doc.tokens[j].pos not in self.g.prep_tags:
            return False
        n = doc.tokens[j - 1]
        acts = self._acts(n) if j - 1 != k and n.pos in self.g.noun_tags else []
        return bool(acts) and not (etype in self.consultative_types and any(a.event == etype for a in acts))

    def _demanded_agent(self, doc: Document, k: int, args: list[Arg], c: Clause | None) -> list[Entity]:
        """"forderte den Rückzug der Kämpfer", "verlangt einen Abzug russischer Soldaten": the
        object of a directive is an act, and the one who is to act is the addressee: the act
        noun's genitive (or a mention that contains the noun, "US-Abzug"), where that genitive
        names who acts (withdrawing, resigning, mobilising: acts without an object)."""
        end = c.end if c is not None else doc.sentences[doc.tokens[k].sent].tok_end
        for j in range(k + 1, end):
            t = doc.tokens[j]
            acts = self._acts(t) if t.pos in self.g.noun_tags else []
            if not acts:
                continue
            if not any(a.event in self.agentive_genitive_types for a in acts):
                return []   # "die Freilassung der Geiseln": the genitive is who is acted on
            for a in args:
                inside = a.ent.tok_start <= j < a.ent.tok_end
                after = j < a.ent.tok_start <= j + 3 and a.prep is None \
                    and all(x.pos in self.g.np_inner_tags for x in doc.tokens[j + 1:a.ent.tok_start])
                if (inside or after) and a.ent.label in ACTOR_LABELS and a.ent.code:
                    return [a.ent]
            return []
        return []

    def _reciprocal_pair(self, args: list[Arg], after: int | None = None) -> tuple[list[Entity], list[Entity]] | None:
        """"Gespräche zwischen Israel und der Hamas", "das Abkommen zwischen A und B": the two
        conjuncts of a reciprocal phrase are the parties of a symmetric event (with `after`,
        only a phrase that follows token `after` closely, i.e. hangs on that noun)."""
        pair = [a.ent for a in args if a.prep in self.reciprocal_preps
                and a.ent.label in ACTOR_LABELS | PLACE_LABELS and a.ent.code
                and (after is None or after < a.ent.tok_start <= after + NOUN_AGENT_REACH + 4)]
        # a title before a name is one conjunct: "zwischen US-Präsident Donald Trump und
        # Kremlchef Wladimir Putin" pairs the first mention with the next of another side
        other = next((e for e in pair[1:] if e.code != pair[0].code), None) if pair else None
        return ([pair[0]], [other]) if other is not None else None

    def _domestic(self, trig: Trigger, actor: list[Entity], recipient: list[Entity]) -> list[Entity]:
        """Unions, parties, protesters who criticise or demand without naming an addressee
        address their own state: an inferred recipient, not a mention."""
        if recipient or not actor or not self._is_state(actor[0].code) or not trig.infer_recipient:
            return recipient    # a trigger that needs its addressee named gets none inferred
        a = actor[0]
        if trig.event in self.force_types:
            # police who arrest or fire act on their own population; protesters or a gunman
            # who open fire do not attack their own country
            ok = trig.domestic and (a.sector in self.state_sectors if trig.event == "ASSAULT"
                                    else a.sector not in self.non_state_sectors)
        elif trig.event == "REQUEST" and a.label == "GPE":
            ok = False      # "Russland hat Wahlen in Syrien gefordert": a state demands of others
        else:
            # the opposition demands of, or protests against, its own state; a chancellor
            # who "mahnt" does not address himself
            ok = a.sector not in self.state_sectors and (
                trig.domestic or (trig.event in self.counterpart_types | {"REQUEST"} and a.sector in self.non_state_sectors))
        return [_inferred_state(a)] if ok else recipient

    def _is_state(self, code: str | None) -> bool:
        return bool(code) and (code in self.state_codes if self.state_codes else len(code) == 3)

    def _referential(self, doc: Document, k: int, c: Clause) -> bool:
        """An event noun that names an event told elsewhere: governed by a reporting verb
        ("verkündete den Angriff"), or definite ("in dem Gespräch", "bei dem Angriff") in a
        clause that does not start something ("mit dem Beschuss begonnen")."""
        lemmas = {doc.tokens[j].lemma for j in range(c.start, c.end) if j != k}
        if lemmas & self.reference_verbs:
            return True
        j = _skip_left(doc, k, c.start, self.g.modifier_tags)
        definite = j >= c.start and doc.tokens[j].text.lower() in self.definites
        return definite and not lemmas & self.inception_verbs

    def _fronted(self, doc: Document, e: Entity, c: Clause) -> bool:
        """The mention's phrase opens the clause: "Aus der EU gibt es scharfe Kritik"."""
        i = _skip_left(doc, e.tok_start, c.start, self.g.np_inner_tags)
        return i == c.start and doc.tokens[i].pos in self.g.prep_tags

    def _in_pp(self, doc: Document, j: int) -> bool:
        """Token j (a noun) heads a prepositional phrase ("vor der Ankunft")."""
        s = doc.sentences[doc.tokens[j].sent]
        i = _skip_left(doc, j, s.tok_start, self.g.np_inner_tags)
        return i >= s.tok_start and doc.tokens[i].pos in self.g.prep_tags

    def _attributive(self, doc: Document, k: int) -> bool:
        """A participle used as an adjective before its noun ("dem getöteten Charlie Kirk")."""
        t = doc.tokens[k]
        finite = t.pos in self.g.finite_tags
        if t.pos != "ADJA" and not finite or not t.text[:1].islower():
            return False
        s = doc.sentences[t.sent]
        strong = not finite and t.text.endswith(self.g.strong_adj_endings)   # "getöteter Geiseln": never a finite verb
        i = _skip_left(doc, k, s.tok_start, self.g.modifier_tags)
        # a determiner before it: the tagger also reads finite verbs as ADJA
        # ("Kampfflugzeuge bombardierten Ziele"), and attributive participles as finite
        # verbs ("mit dem international kritisierten Vorgehen")
        if not strong and (i < s.tok_start or doc.tokens[i].pos not in self.g.determiner_tags):
            return False
        j = k + 1
        while j < s.tok_end and doc.tokens[j].pos in self.g.modifier_tags:
            j += 1
        return j < s.tok_end and doc.tokens[j].pos in self.g.nominal_tags

    def _relative(self, doc: Document, c: Clause) -> bool:
        """The clause is a relative clause: a comma, then a relative pronoun that does not
        start a noun phrase (", die von ... unterzeichnet wurde" but not ", die Regierung")."""
        if c.opener != "," or c.end - c.start < 2 or doc.tokens[c.start].text.lower() not in self.relatives:
            return False
        return doc.tokens[c.start + 1].pos not in self.g.noun_tags | {"ADJA", "ADJD", "CARD", "PIAT"}

    def _with_partner(self, trig: Trigger, k: int, args: list[Arg]) -> bool:
        """"teilte nach einem Gespräch mit Tusk mit", "bei einem Telefonat mit Xi": a
        reciprocal noun whose partner follows it has the clause's subject as the other
        party, also where the noun is a backdrop."""
        return trig.symmetric and any(a.prep in trig.recipient_preps and k < a.ent.tok_start <= k + NOUN_AGENT_REACH
                                      for a in args)

    def _topic_noun(self, doc: Document, k: int, c: Clause) -> bool:
        """The trigger noun is the topic or backdrop of its clause, not its subject's act:
        it stands in a reference phrase without a possessive ("berichtete über Angriffe",
        "nach seiner Festnahme" is the subject's own), or the clause judges it ("sieht darin
        einen Angriff")."""
        s = doc.sentences[doc.tokens[k].sent]
        j = _skip_left(doc, k, s.tok_start, self.g.np_inner_tags | {"PPOSAT"})
        possessive = any(doc.tokens[i].pos == "PPOSAT" for i in range(j + 1, k))
        two = f"{doc.tokens[j - 1].text} {doc.tokens[j].text}".lower() if j > s.tok_start else ""
        if j >= s.tok_start and doc.tokens[j].pos in self.g.prep_tags and not possessive \
                and (doc.tokens[j].text.lower() in self.reference_preps
                     or doc.tokens[j].lemma.lower() in self.reference_preps or two in self.reference_preps):
            return True
        if self._genitive_of_noun(doc, k) or self._attached_to_noun(doc, j, s.tok_start):
            return True
        if j >= s.tok_start and doc.tokens[j].text.lower() in self.state_preps \
                and any(doc.tokens[i].lemma in self.state_verbs for i in range(c.start, c.end)):
            return True     # "steht in der Kritik", "geriet unter Beschuss": suffered, not done
        return any(doc.tokens[i].lemma in self.not_own_verbs for i in range(c.start, c.end) if i != k)

    def _pair_reading(self, doc: Document, trig: Trigger, c: Clause | None) -> bool:
        """Coordinated subjects of a symmetric verb are its two parties, for some verbs only
        with a reflexive ("Xi und Putin trafen sich"; without it "treffen" is to hit or score)."""
        if not trig.pair_needs:
            return True
        return c is not None and any(doc.tokens[j].text.lower() in trig.pair_needs for j in range(c.start, c.end))

    def _reaction(self, doc: Document, k: int, c: Clause) -> bool:
        """The event noun is what a verb of reaction says its subject caused or met ("löste
        Kritik aus", "stieß auf Ablehnung")."""
        return any(doc.tokens[i].lemma in self.reaction_verbs for i in range(c.start, c.end) if i != k)

    def _attached_to_noun(self, doc: Document, j: int, lo: int) -> bool:
        """"kündigte eine Reaktion auf die Angriffe an", "Kritik an den Angriffen": an event
        noun in a prepositional phrase right after a noun of response is what that noun
        answers or condemns, someone else's act, not the clause subject's ("gab grünes Licht
        für die Mobilisierung" is). `j` is the token before the noun's phrase."""
        if j - 1 < lo or doc.tokens[j].pos not in self.g.prep_tags:
            return False
        head = doc.tokens[j - 1]
        return head.pos in self.g.noun_tags and head.lemma in self.response_nouns

    def _genitive_of_noun(self, doc: Document, k: int) -> bool:
        """"gedachten der Opfer des Anschlags", "am Jahrestag des Angriffs": an event noun in
        the genitive of another noun belongs to that noun's phrase, not to the clause, so the
        clause's subject is not its actor; unless the head names a phase of the act ("kündigte
        eine Ausweitung der Angriffe an"), or the head is its actor ("die Attentäter des
        Anschlags")."""
        h = _genitive_head(doc, k, self.g)
        return h is not None and doc.tokens[h].lemma not in self.phase_nouns \
            and not any(e.tok_start <= h < e.tok_end for e in doc.entities if e.sent == doc.tokens[k].sent)

    def _conjuncts(self, doc: Document, bare: list[Entity], starts: dict[int, int]) -> list[Entity]:
        """The first mention and those coordinated with it, an enumeration included: list
        commas link conjuncts only when a conjunction closes the list."""
        chain = bare[:1]
        closed = False
        for e in bare[1:]:
            if self._coordinated(doc, chain[-1], e, starts.get(id(e))):
                chain.append(e)
                closed = True
                break
            between = [t for t in doc.tokens[chain[-1].tok_end:starts.get(id(e), e.tok_start)] if t.pos != "ART"]
            if len(between) != 1 or between[0].text != ",":
                break
            chain.append(e)
        return chain if closed else chain[:1]

    def _coordinated(self, doc: Document, a: Entity, b: Entity, b_start: int | None = None) -> bool:
        between = [t for t in doc.tokens[a.tok_end:(b_start if b_start is not None else b.tok_start)]]
        words = [t for t in between if t.pos != "ART"]
        # "die Bundesregierung und die Grünen-Chefin Brantner": a title may stand between
        return bool(words) and words[0].text.lower() in self.g.conjunctions and len(between) <= 4 \
            and all(t.pos in self.g.noun_tags | {"ADJA"} for t in words[1:])

    def _passive(self, doc: Document, k: int, c: Clause | None = None) -> bool:
        t = doc.tokens[k]
        if not t.pos.endswith("PP") and not t.pos.startswith("ADJ"):
            return False
        s = doc.sentences[t.sent]
        lo, hi = s.tok_start, s.tok_end
        if c is not None and any(doc.tokens[j].pos in self.g.finite_tags for j in range(c.start, c.end)):
            # a clause with a finite verb of its own has its auxiliary there: "Russland hat
            # Kiew angegriffen, dabei wurden Häuser getroffen" is active in the first clause
            lo, hi = c.start, c.end
        if any(doc.tokens[j].lemma in self.g.passive_aux for j in range(lo, hi)):
            return True
        # a headline drops the auxiliary: "Maduro in New York angeklagt" is passive. Only an
        # unambiguous participle (with "ge") at the end counts: "unterstützt" may be finite.
        last = max((j for j in range(s.tok_start, s.tok_end) if doc.tokens[j].pos[:1] != "$"), default=-1)
        return t.pos == "VVPP" and k == last and any(m in t.text[:-2].lower() for m in self.participle_marks) \
            and not any(doc.tokens[j].pos.endswith("FIN") for j in range(s.tok_start, s.tok_end))

    def _date(self, doc: Document, c: Clause, si: int, planned: bool = False) -> tuple[str | None, set[str], bool]:
        lo, hi = doc.tokens[c.start].start, doc.tokens[c.end - 1].end
        s = doc.sentences[si]
        # a period's bound dates no single act ("zum ersten Mal seit 2009 reiste ...", "bis 2030")
        dating = [t for t in doc.timexes if t.type in DATING_TYPES and t.value
                  and t.text.split(" ", 1)[0].lower() not in self.period_preps]
        in_clause = [t for t in dating if lo <= t.start < hi]
        # a date elsewhere in the sentence counts only when it stands before the clause
        # ("Am Freitag hat X ..., weil ..."): a later one belongs to another clause's event
        in_sent = [t for t in dating if s.start <= t.start < lo]
        # the day a plan is for dates the planned event itself ("kündigt für Montag Gespräche an")
        pick = (lambda ts: ts) if planned else (lambda ts: self._unscheduled(doc, ts))
        for tx in pick(in_clause) or pick(in_sent):
            v = as_event_date(tx.value)
            if v:
                return v, relative_flags(v, doc.published), True
        if self._has_phrase(doc, c, self.past_anaphors):
            # "Damals ...": the date last named in the sentences before
            earlier = [t for t in doc.timexes if t.type in DATING_TYPES and t.value and t.end <= s.start
                       and t.start >= doc.sentences[max(0, si - ANAPHOR_WINDOW)].start]
            for tx in reversed(earlier):
                v = as_event_date(tx.value)
                if v:
                    return v, relative_flags(v, doc.published), True
        return (doc.published.isoformat() if doc.published else None), set(), False

    def _unscheduled(self, doc: Document, timexes: list) -> list:
        """Leave out the day something is scheduled for ("die für Montag und Dienstag geplante
        Reise"): it dates the plan's event, not the act of the clause ("verschiebt")."""
        out, skipping = [], False
        for tx in sorted(timexes, key=lambda t: t.start):
            first = tx.text.split(" ", 1)[0].lower()
            between = doc.text[prev_end:tx.start].strip().lower() if skipping else None
            if first in self.schedule_preps or (skipping and between in self.g.conjunctions):
                skipping, prev_end = True, tx.end
                continue
            skipping = False
            out.append(tx)
        return out

    def _has_phrase(self, doc: Document, c: Clause, phrases: set[str]) -> bool:
        """One of the (possibly multi-word, lower-case) phrases occurs in the clause."""
        words = [doc.tokens[j].text.lower() for j in range(c.start, c.end)]
        text = " " + " ".join(words) + " "
        return any(f" {p} " in text for p in phrases)

    def _reporter(self, doc: Document, si: int, k: int, reporters: list[Entity],
                  participants: list[Entity]) -> Entity | None:
        """Who reports the event: a source phrase in its clause ("laut Reuters"), else the
        speaker of the quote or reported speech that contains it. Never a participant."""
        def overlaps(e: Entity) -> bool:
            return any(e.start < p.end and p.start < e.end for p in participants)
        for r in reporters:
            if not overlaps(r):
                return r
        return self._speaker(doc, k, participants, coded=False)

    def _confidence(self, trig: Trigger, actor: list[Entity], recipient: list[Entity]) -> float:
        c = trig.confidence
        if any("context" in a.source for a in actor):
            c *= 0.7
        if not recipient:
            c *= 0.85
        return round(min(1.0, c), 3)

    def _score(self, ev: Event, trig: Trigger) -> None:
        if self.ontology is None:
            return
        o = self.ontology
        etype = ev.event[0]
        mode = ev.mode if ev.mode and o.is_mode(etype, ev.mode) else None
        ev.quad_code = o.quad_code(etype)
        ev.event_scale = o.score(etype, mode)
        # the trigger's own CAMEO code only holds while the event keeps the trigger's type
        ev.cameo = (trig.cameo if trig.event == etype else None) or o.cameo(etype, mode)
        ev.goldstein = o.goldstein(ev.cameo) if ev.cameo else None
