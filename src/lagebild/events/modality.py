"""Modality: whether a coded event is told as having happened.

A trigger may stand under a negation, in a condition, a question, a plan, a demand or a
report. Each of these is one named check below, reading its cue words from the language's
modality data (`lang/<code>/modality.yaml`), never naming a word itself. A check looks at
one trigger in its clause (a `Site`) and answers with the cues it found; `ModalityChecks.assess`
turns the cues into the PLOVER contexts the event record carries (negation, hypothetical,
future) and `ModalityChecks.retype` applies the two rules that change an event's type because of
its modality (an announced coercion is a threat, a refused cooperation a rejection); the
types each rule applies to are event policy, the ontology's type groups (`data/plover.yaml`).

Cues that a clause passes on to the next ("weigert sich, ... zu", "kündigte an, ...") are
computed by `ModalityChecks.passes_on` and arrive in the next clause as `flags_in`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from lagebild.events.triggers import Modality as Words
from lagebild.events.dating import in_timex
from lagebild.model import Document
from lagebild.ontology import Ontology, load_ontology
from lagebild.syntax import SyntaxGrammar

CONDITION_REACH = 6   # tokens after "im Falle" within which the conditioned event noun stands

# Markers a governing clause hands on; they are cues, not contexts of the record.
ANNOUNCED, REQUESTED, DENIED = "announced", "requested", "denied"
INTERNAL_FLAGS = frozenset({ANNOUNCED, REQUESTED, DENIED})


@dataclass(frozen=True)
class Site:
    """One trigger in its clause: what every check looks at."""
    doc: Document
    k: int                      # the trigger token
    event: str                  # the trigger's event type
    start: int                  # the clause's tokens, [start, end)
    end: int
    opener: str                 # the clause break before it ("," "dass" ...)
    flags_in: frozenset[str]    # cues handed on by the governing clause
    words: frozenset[str]       # lower-case forms of the clause, the trigger left out
    lemmas: frozenset[str]      # lemmas and particle verbs of the clause, the trigger left out


def clause_lemmas(doc: Document, start: int, end: int, skip: int = -1,
                  prep_tags: frozenset[str] = frozenset()) -> set[str]:
    """Lemmas of a clause plus its particle verbs ("wies ... zurück" -> "zurückweisen"):
    a separable verb's meaning needs its particle."""
    toks = [doc.tokens[j] for j in range(start, end) if j != skip]
    lemmas = {t.lemma for t in toks}
    particles = [t.text.lower() for t in toks if t.pos == "PTKVZ"]
    # a preposition cannot close a clause: there it is a particle the tagger misread
    # ("warf dem Weißen Haus vor, ...")
    words = [t for t in toks if t.text[:1].isalnum()]
    if words and words[-1].pos in prep_tags:
        particles.append(words[-1].text.lower())
    lemmas |= {p + t.lemma for p in particles for t in toks if t.pos.startswith("VV")}
    return lemmas


@dataclass(frozen=True)
class Cues:
    """The modality words of a language, by check."""
    neg: frozenset[str]
    neg_cancel: frozenset[str]           # "nicht nur", "nicht selten": the next word undoes it
    neg_next: frozenset[str]
    neg_preps: frozenset[str]            # "ohne Einigung": the event noun after it did not happen
    neg_determiners: frozenset[str]      # "kein": negates the noun it determines, not its clause's other nouns
    hyp: frozenset[str]
    hyp_next: frozenset[str]
    conditional: frozenset[str]          # "falls", "sofern": the clause is a condition
    conditional_np: frozenset[str]       # "im falle eines": the noun after it is conditioned
    conditional_next: frozenset[str]     # "für den fall": the next clause is the condition
    interrogative: frozenset[str]        # "ob": an indirect question
    alternative: frozenset[str]          # "ob ... oder": a concessive list, no question
    fut: frozenset[str]
    fut_aux: frozenset[str]
    fut_next: frozenset[str]
    fut_lemmas: frozenset[str]          # verbs whose object noun lies ahead ("strebt ein Abkommen an")
    fut_preps: frozenset[str]
    announce_next: frozenset[str]
    inf: frozenset[str]
    perfect_aux: frozenset[str]          # "angegriffen zu haben": a perfect infinitive
    reportative: frozenset[str]          # "angeblich", "mutmaßlich"
    reportative_modal: frozenset[str]    # "soll ... angegriffen haben"
    denial: frozenset[str]
    directive: frozenset[str]            # verbs and nouns that request an act
    directive_preps: frozenset[str]      # "rief zu einer Waffenruhe auf"
    refusal: frozenset[str]              # "lehnt ein Treffen ab", "Absage an Gespräche"
    refusal_preps: frozenset[str]        # "verzichtet auf Gespräche"
    opposition_preps: frozenset[str]     # "gegen ein Treffen"
    directive_veto: frozenset[str]       # "forderte 20 Tote": the verb's other sense
    readiness: frozenset[str]            # "für einen Einsatz bereit": willing, not done
    phase_nouns: frozenset[str]          # "Ausweitung der Angriffe": a phase of the act its genitive names
    cessation: frozenset[str]            # "stellte die Angriffe ein": the act stops, it is not told
    feigned: frozenset[str]              # "simulierten Angriffe": the act is played, not done
    complementizers: frozenset[str]      # openers of a complement clause ("dass")
    genitive: frozenset[str]             # genitive articles ("ein Ende der Angriffe")
    refusable: frozenset[str] = frozenset()   # event types a refusal keeps from happening (policy)
    oblique: frozenset[str] = frozenset()     # articles never nominative ("einen Angriff")
    verb_tags: frozenset[str] = frozenset()
    # tag classes (grammar data)
    noun_tags: frozenset[str] = frozenset()
    prep_tags: frozenset[str] = frozenset()
    np_inner_tags: frozenset[str] = frozenset()   # between a preposition and its head noun
    attributive_tags: frozenset[str] = frozenset()  # "der geplante Antritt": the cue is its noun's
    time_nouns: frozenset[str] = frozenset()        # "wenige Tage vor dem Treffen": a time, not an argument
    proper_tags: frozenset[str] = frozenset()
    indefinite_genitive: frozenset[str] = frozenset()   # "vor Beginn eines Treffens"

    @classmethod
    def build(cls, m: Words, refusable: frozenset[str] = frozenset(), g: SyntaxGrammar | None = None) -> "Cues":
        """Cue words from the modality data; function words ('oder', genitive articles) and
        tag classes from the grammar data."""
        g = g or SyntaxGrammar()
        f = lambda flag, scope="clause": frozenset(m.words(flag, scope))          # noqa: E731
        lem = lambda flag, scope="clause": frozenset(m.lemma_set(flag, scope))    # noqa: E731
        return cls(neg=f("negation"), neg_cancel=f("negation_cancel", "following_word"), neg_next=lem("negation", "following_clause"),
                   neg_preps=f("negation", "noun_preposition"), neg_determiners=f("negation", "determiner"),
                   hyp=f("hypothetical"), hyp_next=lem("hypothetical", "following_clause"),
                   conditional=f("conditional"), conditional_np=f("conditional", "noun_preposition"),
                   conditional_next=f("conditional", "following_clause"),
                   interrogative=f("interrogative"), alternative=g.words("alternative"),
                   fut=f("future"), fut_aux=f("future_aux"), fut_next=lem("future", "following_clause"),
                   fut_lemmas=lem("future"),
                   fut_preps=f("future", "noun_preposition"),
                   announce_next=lem("announcement", "following_clause"), inf=f("infinitive"),
                   perfect_aux=f("perfect_auxiliary"), reportative=f("reportative"),
                   reportative_modal=f("reportative_modal"),
                   denial=lem("denial") | lem("denial", "following_clause"),
                   directive=lem("directive") | lem("directive", "following_clause"),
                   directive_preps=f("directive_preposition"), refusal=lem("refusal"),
                   refusal_preps=f("refusal_preposition"), opposition_preps=f("opposition_preposition"), directive_veto=lem("directive_veto"),
                   readiness=lem("readiness"), phase_nouns=lem("phase_noun"), cessation=lem("cessation"), feigned=lem("feigned"), oblique=g.words("oblique_article"), verb_tags=g.tag_class("verb"),
                   complementizers=f("complementizer"), genitive=g.words("genitive_article"),
                   refusable=refusable, noun_tags=g.tag_class("noun"), prep_tags=g.tag_class("preposition"),
                   np_inner_tags=g.tag_class("noun_phrase_inner"), attributive_tags=g.tag_class("attributive_adjective"),
                   time_nouns=g.lemma_set("time_noun"), proper_tags=g.tag_class("proper_noun"),
                   indefinite_genitive=g.words("indefinite_genitive_article"))


# --- the checks: each answers whether its cue governs the trigger --------------------------

def negation(c: Cues, s: Site) -> bool:
    """'nicht', 'kein' in the clause, a refusal that governs it ('weigert sich, ... zu'), or a
    preposition that denies the event noun after it ('endeten ohne Einigung')."""
    if "negation" in s.flags_in:
        return True
    if s.doc.tokens[s.k].pos not in c.noun_tags:
        return bool(s.words & (c.neg | c.neg_determiners))
    # an event noun: "kein" only in its own phrase ("keine Einigung", not "bei den
    # Verhandlungen ... keine Einigung"), a negated predicate ("fand nicht statt") anywhere
    return bool(s.words & c.neg) or bool(_phrase_words(c, s) & c.neg_determiners) \
        or bool(_preps_before(c, s) & c.neg_preps)


def _phrase_words(c: Cues, s: Site) -> set[str]:
    """Lower-case words of the trigger noun's phrase before it ("keine neuen")."""
    return {t.text.lower() for t in s.doc.tokens[_governor(c, s) + 1:s.k]}


def denial(c: Cues, s: Site) -> bool:
    """'bestritt, Kiew angegriffen zu haben', 'wies zurück, dass ...', 'dementierte den
    Angriff': a denied act is negated (the denial itself is coded by its own trigger)."""
    if DENIED in s.flags_in:
        return True
    return s.doc.tokens[s.k].pos in c.noun_tags and _governed_after(s, c.denial)


def _governed_after(s: Site, verbs: frozenset[str], c: Cues | None = None) -> bool:
    """A verb or noun of the set stands before the trigger in its clause: the trigger is its
    complement ("forderte den Rückzug"), not its subject ("der Angriff forderte Tote"). A noun
    governs only the phrase it heads ("Versuch für eine Feuerpause und den Austausch"), not
    the clause after it ("Inmitten eines Versuchs ... treibt Israel die Offensive voran")."""
    toks = s.doc.tokens
    for j in range(s.start, s.k):
        if toks[j].lemma in verbs:
            if c is not None and toks[j].pos in c.noun_tags \
                    and any(toks[i].pos in c.verb_tags for i in range(j + 1, s.k)):
                continue
            return True
    # a separable verb's particle closes the clause: "rief ... zu einer Waffenruhe auf"
    particles = [toks[j].text.lower() for j in range(s.k + 1, s.end) if toks[j].pos == "PTKVZ"]
    return any(p + toks[j].lemma in verbs for p in particles for j in range(s.start, s.k)
               if toks[j].pos.startswith("VV"))


def hypothetical(c: Cues, s: Site) -> bool:
    """Modal verbs of possibility, fears and speculation ('könnte', 'befürchtet, dass'), and
    an event noun that a fear, plan or hope governs ('befürchtet die Festnahme', 'Hoffnung
    auf Gespräche')."""
    if s.words & c.hyp or "hypothetical" in s.flags_in:
        return True
    return s.doc.tokens[s.k].pos in c.noun_tags and bool(s.lemmas & c.hyp_next) \
        and _governed_after(s, c.hyp_next, c) and _complement(c, s, c.hyp_next, c.directive_preps)


def conditional(c: Cues, s: Site) -> bool:
    """'falls', 'sofern', 'wenn' open a condition; 'für den Fall, dass' makes the next clause
    one; 'im Falle eines Angriffs' conditions the noun after it."""
    if s.words & c.conditional or s.opener in c.conditional or "conditional" in s.flags_in:
        return True
    toks = s.doc.tokens
    lo = max(s.start, s.k - CONDITION_REACH)
    window = " " + " ".join(toks[j].text.lower() for j in range(lo, s.k)) + " "
    return toks[s.k].pos in c.noun_tags and any(f" {p} " in window for p in c.conditional_np)


def question(c: Cues, s: Site) -> bool:
    """A direct question ('?' ends the sentence) or an indirect one ('ob' in the clause),
    but not the concessive 'ob ... oder' ('ob in Kiew oder in Lwiw')."""
    sent = s.doc.sentences[s.doc.tokens[s.k].sent]
    if sent.tok_end > sent.tok_start and s.doc.tokens[sent.tok_end - 1].text == "?":
        return True
    if not s.words & c.interrogative:
        return False
    finite = any(s.doc.tokens[j].pos.endswith("FIN") for j in range(s.start, s.end))
    return finite or not s.words & c.alternative


def future(c: Cues, s: Site) -> bool:
    """'will', 'plant', 'morgen', werden + infinitive, 'bis zum Gipfel', an announcement
    that governs the clause, or an event noun that is the object of an announcement (one in
    a prepositional phrase is its backdrop: 'kündigte nach dem Angriff Vergeltung an')."""
    toks = s.doc.tokens
    # a cue inside a time expression ("am Morgen" is no "morgen") does not count here: the
    # expression's value dates the event, and the date tells whether it lies ahead
    # an attributive cue belongs to its own noun ("nahm ihn am Tag vor der geplanten Ausreise
    # in Haft"): it counts only before the trigger noun itself
    own = _governor(c, s) + 1 if toks[s.k].pos in c.noun_tags else s.k
    words = {toks[j].text.lower() for j in range(s.start, s.end) if j != s.k and not in_timex(s.doc, toks[j].start)
             and not (toks[j].pos in c.attributive_tags and not own <= j < s.k)}
    if reportative(c, s):
        words -= c.reportative_modal
    if words & c.fut or ANNOUNCED in s.flags_in or "future" in s.flags_in:
        return True
    if s.words & c.fut_aux and any(toks[j].pos.endswith("INF") and toks[j].text.lower() not in c.fut_aux
                                   for j in range(s.start, s.end)):
        # werden + infinitive; werden + participle is the passive (the plural "werden" is
        # itself tagged as an infinitive: "Städte werden beschossen")
        return True
    if toks[s.k].pos in c.noun_tags and s.lemmas & (c.announce_next | c.fut_lemmas) and not _preps_before(c, s):
        return True    # "kündigte Gespräche an", "plant neue Zölle": the announced act lies ahead
    if toks[s.k].pos not in c.noun_tags:
        return False
    j = _governor(c, s)
    if j >= s.start and toks[j].lemma in c.phase_nouns and toks[j + 1].text.lower() in c.genitive | c.indefinite_genitive:
        s = replace(s, k=j)    # "vor Beginn eines Treffens": the phase's phrase dates the act
    return bool(_preps_before(c, s) & c.fut_preps) and not _noun_argument(c, s)


def _noun_argument(c: Cues, s: Site) -> bool:
    """The trigger's prepositional phrase hangs on a common noun before it ("auf der Flucht vor
    den Angriffen", "Schutz vor Anschlägen"): it names what that noun is about, not a time. A
    time noun before it still makes a time ("wenige Tage vor dem Treffen"), and a name or a
    mention of someone rarely takes such a phrase ("Verhandlungen mit Iran bis zum Gipfel",
    "sagte der Präsident vor dem Treffen")."""
    toks = s.doc.tokens
    j = _preposition_run(c, s).start - 1
    return j >= s.start and toks[j].pos in c.noun_tags - c.proper_tags and not in_timex(s.doc, toks[j].start) \
        and toks[j].lemma not in c.time_nouns \
        and not any(e.tok_start <= j < e.tok_end for e in s.doc.entities)   # "sagte der Präsident vor dem Treffen"


def _preposition_run(c: Cues, s: Site) -> range:
    """Token positions of the prepositions right before the trigger's noun phrase ("bis zum")."""
    end = _governor(c, s) + 1
    j = end - 1
    while j >= s.start and s.doc.tokens[j].pos in c.prep_tags:
        j -= 1
    return range(j + 1, end)


def _preps_before(c: Cues, s: Site) -> set[str]:
    """Lower-case prepositions right before the noun phrase of the trigger ("bis zum")."""
    return {s.doc.tokens[j].text.lower() for j in _preposition_run(c, s)}


def infinitive(c: Cues, s: Site) -> bool:
    """A zu-infinitive is wanted, refused or alleged, not done: 'anzugreifen', 'zu
    verhängen', 'angegriffen zu haben'."""
    toks = s.doc.tokens
    if toks[s.k].pos == "VVIZU" or (s.k > s.start and toks[s.k - 1].text.lower() in c.inf):
        return True
    return s.k + 2 < s.end and toks[s.k + 1].text.lower() in c.inf \
        and toks[s.k + 2].text.lower() in c.perfect_aux


def reportative(c: Cues, s: Site) -> bool:
    """'soll ... angegriffen haben', 'angeblich', 'mutmaßlich': a past act the speaker
    reports on another's word. It is coded as the act, asserted, and is no announcement."""
    if s.words & c.reportative:
        return True
    if not s.words & c.reportative_modal:
        return False
    toks = s.doc.tokens
    rng = range(s.start, s.end)
    # the tagger reads "haben" after a participle as finite; beside the modal it is the infinitive
    perfect = any(toks[j].pos.startswith("VA") and toks[j].text.lower() in c.perfect_aux for j in rng)
    return perfect and any(toks[j].pos == "VVPP" for j in rng)


def requested(c: Cues, s: Site) -> bool:
    """An event noun governed by a directive ('forderte den Rückzug', 'Aufruf zu einer
    Waffenruhe', 'verlangt Reparationen'), or a complement clause after one ('fordert,
    dass ...'), is asked for, not done. The demand itself keeps its own trigger."""
    if REQUESTED in s.flags_in and (s.opener in c.complementizers or _zu_clause(c, s)):
        return True     # "warf ihm vor, geheime Abkommen verschwiegen zu haben"
    if s.doc.tokens[s.k].pos not in c.noun_tags or s.lemmas & c.directive_veto:
        return False
    return (_governed_after(s, c.directive, c) or _object_before_verb(c, s, c.directive)) \
        and _complement(c, s, c.directive, c.directive_preps)


def _object_before_verb(c: Cues, s: Site, verbs: frozenset[str]) -> bool:
    """The trigger noun is the object of a verb of the set that closes the clause ("hat der
    Ukraine einen Angriff vorgeworfen", "dass sie den Rückzug forderte"): its article is never
    nominative, so it is no subject ("ein Angriff hat 20 Tote gefordert")."""
    toks = s.doc.tokens
    j = _governor(c, s) + 1      # the first word of the noun phrase
    if not (s.start <= j < s.k and toks[j].text.lower() in c.oblique):
        return False
    return any(toks[i].lemma in verbs and toks[i].pos in c.verb_tags for i in range(s.k + 1, s.end))


def _zu_clause(c: Cues, s: Site) -> bool:
    """The clause is a zu-infinitive ('..., die Truppen abzuziehen', '... verschwiegen zu haben')."""
    toks = s.doc.tokens
    return any(toks[j].pos == "VVIZU" or (toks[j].text.lower() in c.inf and j + 1 < s.end
                                          and toks[j + 1].pos.startswith("V")) for j in range(s.start, s.end))


def refusal(c: Cues, s: Site) -> bool:
    """An event noun that a refusal or cancellation governs is not happening: 'lehnt ein
    Treffen ab', 'sagte die Gespräche ab', 'Einem Treffen erteilte er eine Absage'. The
    refusal stands anywhere in the clause (the noun is often fronted, or the subject of a
    passive: 'das Treffen wurde abgesagt'); the refusal itself is coded by its own trigger.
    Only acts the refusal keeps from happening: a rejected demand was still made."""
    if s.event not in c.refusable or s.doc.tokens[s.k].pos not in c.noun_tags or not s.lemmas & c.refusal:
        return False
    cues = [j for j in range(s.start, s.end) if j != s.k and s.doc.tokens[j].lemma in c.refusal]
    if cues and not any(_governing_cue(c, s, j) for j in cues):    # none: a particle verb ("sagte ... ab")
        return False
    return _complement(c, s, c.refusal, c.refusal_preps)


def _governing_cue(c: Cues, s: Site, j: int) -> bool:
    """A cue word that can govern the trigger: a verb, or a noun that is not itself the noun of
    a prepositional phrase ("Nach dem Verzicht Österreichs begrüßte er die Einigung": the
    waiver is a backdrop) unless the trigger's phrase follows it ("Verzicht auf Gespräche")."""
    toks = s.doc.tokens
    if toks[j].pos not in c.noun_tags:
        return True
    i = _governor(c, replace(s, k=j))
    return not (i >= s.start and toks[i].pos in c.prep_tags) or j < s.k <= j + 4


def _complement(c: Cues, s: Site, governors: frozenset[str], preps: frozenset[str]) -> bool:
    """The trigger noun is what the directive asks for: its bare object or a phrase with a
    directive preposition ('zu einer Waffenruhe', 'auf Verhandlungen', 'um Hilfe', or any
    right after a directive noun: 'Forderung nach'), not a backdrop ('nach dem Angriff') nor
    the genitive of another noun ('ein Ende der Angriffe': the attacks happened)."""
    toks = s.doc.tokens
    j = _governor(c, s)
    if j < s.start:
        return True
    if toks[j].pos in c.noun_tags and toks[j + 1].text.lower() in c.genitive and toks[j].lemma in c.phase_nouns:
        # "Plan zur Ausdehnung der Kämpfe": a phase of the act stands for the act
        return _complement(c, replace(s, k=j), governors, preps)
    if toks[j].pos in c.noun_tags and toks[j + 1].text.lower() in c.genitive and toks[j].lemma not in governors:
        return False     # a genitive attribute
    if toks[j].pos not in c.prep_tags:
        return True
    return toks[j].text.lower() in preps \
        or (j > s.start and toks[j - 1].pos in c.noun_tags and toks[j - 1].lemma in governors)


def ceased(c: Cues, s: Site) -> bool:
    """An act that the clause stops or suspends is not told as happening: 'stellte die
    Luftangriffe ein', 'setzte die Gespräche aus'."""
    return _bare_object_of(c, s, c.cessation)


def feigned(c: Cues, s: Site) -> bool:
    """An act simulated, rehearsed or staged is not done ('simulierten Angriffe', 'probten
    die Landung')."""
    return _bare_object_of(c, s, c.feigned)


def _bare_object_of(c: Cues, s: Site, verbs: frozenset[str]) -> bool:
    """The trigger noun is the bare object of one of `verbs` in its clause, or the subject of
    its passive ("die Angriffe wurden eingestellt"); an act that does this to something else
    is rarely told with these verbs, so the verb's place in the clause is not checked."""
    if s.doc.tokens[s.k].pos not in c.noun_tags or not s.lemmas & verbs:
        return False
    return _complement(c, s, verbs, frozenset())


def ready(c: Cues, s: Site) -> bool:
    """An act someone is ready for or offers is not done: 'Militär für Einsatz bereit',
    'zu Gesprächen bereit', 'Bereitschaft zu Verhandlungen'. German puts the adjective after
    its phrase as often as before it, so the cue may stand anywhere in the clause; the
    trigger noun must be in a phrase with a directive preposition."""
    if s.doc.tokens[s.k].pos not in c.noun_tags or not s.lemmas & c.readiness:
        return False
    j = _governor(c, s)
    return j >= s.start and s.doc.tokens[j].text.lower() in c.directive_preps


def opposition(c: Cues, s: Site) -> bool:
    """An act that the subject is against is not done: 'gegen Spitzentreffen mit Israel',
    'stimmte gegen das Abkommen' (the preposition governs the trigger noun itself)."""
    if s.event not in c.refusable or s.doc.tokens[s.k].pos not in c.noun_tags:
        return False
    j = _governor(c, s)
    return j >= s.start and s.doc.tokens[j].text.lower() in c.opposition_preps


def _governor(c: Cues, s: Site) -> int:
    """The token before the trigger noun's phrase (its preposition or governing noun), or
    s.start - 1 when the phrase opens the clause."""
    j = s.k - 1
    while j >= s.start and s.doc.tokens[j].pos in c.np_inner_tags:
        j -= 1
    return j


# Checks by the cue they find; the order is the order of the cues in `Assessment.cues`.
CHECKS: tuple[tuple[str, Callable[[Cues, Site], bool]], ...] = (
    ("negation", negation), ("denial", denial), ("hypothetical", hypothetical),
    ("conditional", conditional), ("question", question), ("future", future),
    ("infinitive", infinitive), ("reportative", reportative), ("requested", requested),
    ("refusal", refusal), ("opposition", opposition), ("readiness", ready), ("ceased", ceased), ("feigned", feigned))

# The record context each cue stands for; reportative leaves the event asserted.
CONTEXT_OF = {"negation": "negation", "denial": "negation", "hypothetical": "hypothetical",
              "conditional": "hypothetical", "question": "hypothetical", "future": "future",
              "infinitive": "hypothetical", "requested": "hypothetical",
              "refusal": "negation", "opposition": "negation", "readiness": "hypothetical",
              "ceased": "negation", "feigned": "hypothetical"}


@dataclass(frozen=True)
class Assessment:
    cues: frozenset[str]        # the checks that fired
    flags: frozenset[str]       # the contexts they put on the record
    nominal: bool = False       # the trigger is a noun: negated, it names no act ("keine Einigung")


class ModalityChecks:
    """The modality checks of one language, compiled once."""

    def __init__(self, words: Words, onto: Ontology | None = None, grammar: SyntaxGrammar | None = None):
        onto = onto if onto is not None else load_ontology()
        self.c = Cues.build(words, onto.type_group("refusable"), grammar)
        self.cooperative = onto.type_group("cooperative")
        self.coercive = onto.type_group("coercive")
        self.rejectable = onto.type_group("rejectable")
        self.unasserted = onto.context_group("unasserted")

    def assess(self, doc: Document, k: int, event: str, start: int, end: int, opener: str,
               flags_in: frozenset[str]) -> Assessment:
        """The cues that govern trigger k in clause [start, end); the trigger's own words
        never flag it ("kündigte Vergeltung an" is the threat itself)."""
        site = Site(doc, k, event, start, end, opener, frozenset(flags_in),
                    frozenset(self._clause_words(doc, k, start, end)),
                    frozenset(clause_lemmas(doc, start, end, skip=k, prep_tags=self.c.prep_tags)))
        cues = frozenset(name for name, check in CHECKS if check(self.c, site))
        return Assessment(cues, frozenset(CONTEXT_OF[q] for q in cues if q in CONTEXT_OF),
                          nominal=doc.tokens[k].pos in self.c.noun_tags)

    def _clause_words(self, doc: Document, k: int, start: int, end: int) -> set[str]:
        """Lower-case forms of the clause, the trigger left out, and a negation word left out
        where the next word undoes it ("nicht nur X, sondern auch Y" asserts X)."""
        out = set()
        for j in range(start, end):
            w = doc.tokens[j].text.lower()
            if j == k or (w in self.c.neg and j + 1 < end and doc.tokens[j + 1].text.lower() in self.c.neg_cancel):
                continue
            if w in self.c.neg and self._negates_attribute(doc, j, end):
                continue
            out.add(w)
        return out

    def _negates_attribute(self, doc: Document, j: int, end: int) -> bool:
        """The negation word stands inside a noun phrase, before an attributive adjective ("nach
        einer nicht allzu langen Nacht"): it negates the adjective, not the clause."""
        i = j + 1
        while i < end and doc.tokens[i].pos in self.c.np_inner_tags - self.c.attributive_tags - {"ART"}:
            i += 1
        return i + 1 < end and doc.tokens[i].pos in self.c.attributive_tags and doc.tokens[i + 1].pos in self.c.noun_tags

    def passes_on(self, doc: Document, start: int, end: int) -> set[str]:
        """What a clause hands to the next one: 'weigert sich, ...' (negation), 'befürchtet,
        dass ...' (hypothetical), 'kündigte an, ...' (future, announced), 'bestritt, ...'
        (denied), 'forderte, dass ...' (requested), 'für den Fall, dass ...' (conditional)."""
        lemmas = clause_lemmas(doc, start, end, prep_tags=self.c.prep_tags)
        out: set[str] = set()
        if lemmas & self.c.neg_next:
            out.add("negation")
        if lemmas & self.c.hyp_next:
            out.add("hypothetical")
        if lemmas & self.c.fut_next:
            out.add("future")
        if lemmas & self.c.announce_next:
            out.add(ANNOUNCED)
        if lemmas & self.c.denial:
            out.add(DENIED)
        if lemmas & self.c.directive:
            out.add(REQUESTED)
        words = " " + " ".join(doc.tokens[j].text.lower() for j in range(start, end)) + " "
        if any(words.endswith(f" {p} ") for p in self.c.conditional_next):
            out.add("conditional")
        return out

    def retype(self, event: str, ctx: list[str], a: Assessment, flags_in: frozenset[str]) -> tuple[str, list[str]]:
        """The event type its modality gives a trigger's type, and the contexts that remain.
        An announced coercion is a threat made now ("Trump hat angekündigt, die Zölle
        anzuheben", "Die EU will Sanktionen verhängen"), but not a reported past act ("soll
        angegriffen haben") nor one in a question or condition. Announcing that one will not
        cooperate is a refusal made now ("er werde die Kandidatur nicht unterstützen"), and so
        is refusing or cancelling a meeting or an agreement ("sagte das Treffen ab")."""
        unasked = not {"negation", "denial", "refusal", "question", "conditional", "reportative",
                       "requested"} & a.cues
        if event in self.coercive and (ANNOUNCED in flags_in or "future" in ctx) and unasked \
                and "hypothetical" not in flags_in:
            return "THREATEN", [f for f in ctx if f not in {"future", "hypothetical"}]
        told = not {"question", "conditional"} & a.cues
        # "er werde die Kandidatur nicht unterstützen" refuses; "keine Einigung erzielt", "ohne
        # Einigung" tell that nothing was agreed, by nobody's refusal
        if told and (event in self.cooperative and "negation" in a.cues and not a.nominal
                     or event in self.rejectable and "refusal" in a.cues):
            return "REJECT", [f for f in ctx if f not in self.unasserted]
        return event, ctx
