"""The quotation lexicon: a language's `quotes` data compiled into lookup tables.

Everything language-specific the extractor knows (quotation marks, speech verbs, cue words,
subjunctive forms, pronouns, role nouns, tag classes) comes from here; the extraction code
only asks questions such as "is this token a speech verb?" or "is this a subjunctive form?".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.errors import DataError
from lagebild.model import Token

# Distinct words whose role lookup is remembered (word frequencies are Zipfian).
ROLE_CACHE_LIMIT = 200_000
# The word classes (names in the data's `words` entries) that make a token punctuation.
_PUNCT_CLASSES = ("clause_punct", "sentence_punct", "bracket")


@dataclass(frozen=True, slots=True)
class MarkPair:
    open: str
    closes: frozenset[str]
    single: bool = False
    reopens: bool = False     # opening again while open starts a new paragraph of the quotation


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    particle: str | None = None
    requires: frozenset[str] = frozenset()
    addressee: bool = False
    reports: bool = False
    clause: bool = True
    speaker_in_pp: bool = False
    weak: bool = False
    question: bool = False
    message_object: bool = False     # 'Das teilte X mit': its object is the message itself

    @property
    def base(self) -> str | None:
        """Lemma of the finite verb when the particle is split off (teilen for mitteilen)."""
        if self.particle and self.lemma.startswith(self.particle) and len(self.lemma) > len(self.particle):
            return self.lemma[len(self.particle):]
        return None


@dataclass(frozen=True, slots=True)
class PhraseCue:
    word: str
    speaker: str                    # after | before | previous
    needs_source_noun: bool = False
    after_comma: bool = False
    sentence_initial: bool = False
    form: str = "reported"          # reported | indirect | attribution


@dataclass(frozen=True, slots=True)
class Role:
    noun: str
    labels: frozenset[str]
    compound: bool = False
    sector: str | None = None
    spokesperson: bool = False
    source: bool = False


@dataclass
class QuoteLexicon:
    marks: dict[str, MarkPair] = field(default_factory=dict)
    tags: dict[str, frozenset[str]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, list[VerbCue]] = field(default_factory=dict)
    separable: dict[str, list[VerbCue]] = field(default_factory=dict)
    # forms of a speech verb the tagger reads as another word ("bekannte sich": the
    # adjective "bekannt"): word -> the verbs it may be
    verb_forms: dict[str, list[VerbCue]] = field(default_factory=dict)
    phrases: dict[str, PhraseCue] = field(default_factory=dict)
    subj_forms: frozenset[str] = frozenset()
    substitutes: frozenset[str] = frozenset()
    reportative: frozenset[str] = frozenset()
    subj_exclude: frozenset[str] = frozenset()
    subj_rules: tuple[tuple[str, str], ...] = ()
    pronouns: dict[str, frozenset[str]] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    compound_roles: tuple[Role, ...] = ()
    _role_cache: dict[str, Role | None] = field(default_factory=dict)
    # the three punctuation word classes together: asked about nearly every token, often
    # several times per token, so one set lookup instead of three
    punct: frozenset[str] = frozenset()

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def build(cls, entries: list[dict[str, Any]]) -> "QuoteLexicon":
        lex = cls()
        words: dict[str, set[str]] = {}
        tags: dict[str, set[str]] = {}
        compound: list[Role] = []
        for e in entries:
            kind = e["type"]
            if kind == "marks":
                lex.marks[e["open"]] = MarkPair(e["open"], frozenset(e["close"]), bool(e.get("single")),
                                                   bool(e.get("reopens")))
            elif kind == "tags":
                tags.setdefault(e["name"], set()).update(e["tags"])
            elif kind == "words":
                words.setdefault(e["name"], set()).update(w.lower() for w in e["words"])
            elif kind == "verb":
                lex._add_verb(e)
            elif kind == "phrase":
                p = PhraseCue(word=e["word"].lower(), speaker=e["speaker"],
                              needs_source_noun=bool(e.get("needs_source_noun")),
                              after_comma=bool(e.get("after_comma")),
                              sentence_initial=bool(e.get("sentence_initial")),
                              form=e.get("form", "reported"))
                lex.phrases[p.word] = p
            elif kind == "subjunctive":
                lex._add_subjunctive(e)
            elif kind == "pronoun":
                lex.pronouns[e["form"].lower()] = frozenset(e["labels"])
            elif kind == "role":
                r = Role(noun=e["noun"].lower(), labels=frozenset(e["labels"]),
                         compound=bool(e.get("compound")), sector=e.get("sector"),
                         spokesperson=bool(e.get("spokesperson")), source=bool(e.get("source")))
                lex.roles[r.noun] = r
                if r.compound:
                    compound.append(r)
            else:  # the schema rules this out; a hand-built entry list may not
                raise DataError(f"quotes data: unknown entry type '{kind}'")
        lex.words = {k: frozenset(v) for k, v in words.items()}
        lex.punct = frozenset().union(*(lex.words.get(k, ()) for k in _PUNCT_CLASSES))
        lex.tags = {k: frozenset(v) for k, v in tags.items()}
        # longest head first, so "Ministerpräsident" is not read as "...präsident" when both exist
        lex.compound_roles = tuple(sorted(compound, key=lambda r: -len(r.noun)))
        return lex

    def _add_verb(self, e: dict[str, Any]) -> None:
        v = VerbCue(lemma=e["lemma"].lower(), particle=(e.get("particle") or None),
                    requires=frozenset(w.lower() for w in e.get("requires") or ()),
                    addressee=bool(e.get("addressee")), reports=bool(e.get("reports")),
                    clause=e.get("clause", True), speaker_in_pp=bool(e.get("speaker_in_pp")),
                    weak=bool(e.get("weak")), question=bool(e.get("question")),
                    message_object=bool(e.get("message_object")))
        self.verbs.setdefault(v.lemma, []).append(v)
        for form in e.get("forms") or ():
            self.verb_forms.setdefault(form.lower(), []).append(v)
        if v.base:
            self.separable.setdefault(v.base, []).append(v)

    def _add_subjunctive(self, e: dict[str, Any]) -> None:
        self.subj_forms |= {w.lower() for w in e.get("forms") or ()}
        self.substitutes |= {w.lower() for w in e.get("substitutes") or ()}
        self.reportative |= {w.lower() for w in e.get("reportative") or ()}
        self.subj_exclude |= {w.lower() for w in e.get("exclude") or ()}
        self.subj_rules += tuple((r["lemma_end"], r["form_end"]) for r in e.get("rules") or ())

    # --- questions ---------------------------------------------------------------------------
    def has_tag(self, name: str, tok: Token) -> bool:
        return tok.pos in self.tags.get(name, ())

    def is_word(self, name: str, text: str) -> bool:
        return text.lower() in self.words.get(name, ())

    def is_subjunctive(self, tok: Token) -> bool:
        """Present subjunctive (the mark of reported speech): irregular forms, or lemma rules."""
        low = tok.text.lower()
        if low in self.subj_exclude:
            return False
        if low in self.subj_forms:
            return True
        if not self.has_tag("finite_verb", tok):
            # a lower-case "noun" is a tagger slip (erfolge -> Erfolg): judge the form alone
            return (self.has_tag("noun", tok) and tok.text[:1].islower()
                    and any(low.endswith(fe) for _, fe in self.subj_rules))
        lemma = tok.lemma.lower()
        return any(lemma.endswith(le) and len(lemma) > len(le) and low == lemma[:len(lemma) - len(le)] + fe
                   for le, fe in self.subj_rules)

    def is_substitute(self, tok: Token) -> bool:
        return tok.text.lower() in self.substitutes

    def is_reportative(self, tok: Token) -> bool:
        return tok.text.lower() in self.reportative

    def role_for(self, word: str) -> Role | None:
        """The role a noun names, directly or as the head of a compound (Außenminister)."""
        if word in self._role_cache:
            return self._role_cache[word]
        r = self._role_for(word)
        if len(self._role_cache) < ROLE_CACHE_LIMIT:
            self._role_cache[word] = r
        return r

    def _role_for(self, word: str) -> Role | None:
        low = word.lower()
        r = self.roles.get(low)
        if r is not None:
            return r
        tail = low.rsplit("-", 1)[-1]
        r = self.roles.get(tail)
        if r is not None and r.compound:
            return r
        for r in self.compound_roles:
            if low.endswith(r.noun) and len(low) > len(r.noun) + 2:
                return r
        return None

    def compound_modifier(self, word: str, role: Role) -> str:
        """'Ministeriumssprecher' -> 'Ministerium': the part before the role head."""
        low = word.lower()
        if not low.endswith(role.noun) or len(low) <= len(role.noun):
            return ""
        mod = word[:len(word) - len(role.noun)].rstrip("-")
        # compounds may insert a linking element between the parts (listed in the data)
        for link in sorted(self.words.get("linking_element", ()), key=len, reverse=True):
            if mod.lower().endswith(link) and len(mod) > len(link) + 3:
                return mod[:len(mod) - len(link)]
        return mod
