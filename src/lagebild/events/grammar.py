"""The grammar the event coder's argument rules look at, as named attributes.

Built from the language's grammar data (`lang/<code>/grammar.yaml`, compiled into a
`SyntaxGrammar`): tag classes (which tags open, continue or head a noun phrase) and function
words (genitive articles, agent prepositions, conjunctions ...), so that the coder itself
names no tag and no word of any language.
"""
from __future__ import annotations

from dataclasses import dataclass

from lagebild.syntax import SyntaxGrammar


@dataclass(frozen=True)
class Grammar:
    # function words and lemmas
    genitive_articles: frozenset[str] = frozenset()        # "Ziele der Hisbollah"
    indefinite_genitive: frozenset[str] = frozenset()      # "die Frage einer Lehrerin"
    source_preps: frozenset[str] = frozenset()             # "laut Reuters"
    passive_aux: frozenset[str] = frozenset()              # lemma of the passive auxiliary
    agent_preps: frozenset[str] = frozenset()              # "von der Polizei festgenommen"
    partitive_preps: frozenset[str] = frozenset()          # "eine Gruppe von US-Marines"
    conjunctions: frozenset[str] = frozenset()             # "Xi und Putin"
    alternatives: frozenset[str] = frozenset()             # "den IWF oder Sony"
    subordinators: frozenset[str] = frozenset()            # ", als die Polizei ..."
    location_preps: frozenset[str] = frozenset()           # where an event happens
    target_preps: frozenset[str] = frozenset()             # a place attacked: "Angriffe auf Kiew"
    partitive: frozenset[str] = frozenset()                # partitive head nouns
    source_nouns: frozenset[str] = frozenset()             # "nach Angaben des Kremls"
    strong_adj_endings: tuple[str, ...] = ()               # participle endings no finite verb has
    # tag classes
    prep_tags: frozenset[str] = frozenset()
    noun_tags: frozenset[str] = frozenset()
    np_inner_tags: frozenset[str] = frozenset()            # between a preposition and its head noun
    modifier_tags: frozenset[str] = frozenset()            # between a determiner and its noun
    determiner_tags: frozenset[str] = frozenset()
    subject_opening_tags: frozenset[str] = frozenset()     # a sentence that opens with its subject
    genitive_inner_tags: frozenset[str] = frozenset()      # between a genitive article and its head
    verb_tag_prefixes: tuple[str, ...] = ()                # tags a verb trigger may carry
    finite_tags: frozenset[str] = frozenset()
    nominal_tags: frozenset[str] = frozenset()             # any noun, nominalised ones too
    predicative_tags: frozenset[str] = frozenset()         # "das ist rechtswidrig"
    copulas: frozenset[str] = frozenset()                  # lemmas: "Das war ein Verbrechen"
    verb_tags: frozenset[str] = frozenset()                # verbs proper (no participle-adjectives)
    zu_infinitive_tags: frozenset[str] = frozenset()       # "zu scheitern", "abzustürzen"
    attributive_tags: frozenset[str] = frozenset()         # an adjective before its noun
    generic_subjects: frozenset[str] = frozenset()         # "Viele werfen der Partei vor": no one named acts
    common_noun_endings: tuple[str, ...] = ()              # "Aufwiegelung": no name
    proper_tags: frozenset[str] = frozenset()
    representatives: tuple[str, ...] = ()                  # "Parteichefs von X", "Vertreter von X": X's side

    @classmethod
    def from_syntax(cls, g: SyntaxGrammar) -> "Grammar":
        w, t = g.words, g.tag_class
        return cls(genitive_articles=w("genitive_article"), indefinite_genitive=w("indefinite_genitive_article"),
                   source_preps=w("source_preposition"), passive_aux=g.lemma_set("passive_auxiliary"),
                   agent_preps=w("agent_preposition"), partitive_preps=w("partitive_preposition"),
                   conjunctions=w("conjunction"), alternatives=w("alternative"), subordinators=w("subordinator"),
                   location_preps=w("location_preposition"), target_preps=w("target_preposition"),
                   partitive=g.lemma_set("partitive_noun"), source_nouns=g.lemma_set("source_noun"),
                   strong_adj_endings=tuple(sorted(w("strong_adjective_ending"))),
                   prep_tags=t("preposition"), noun_tags=t("noun"), np_inner_tags=t("noun_phrase_inner"),
                   modifier_tags=t("modifier"), determiner_tags=t("determiner"),
                   subject_opening_tags=t("subject_opening"), genitive_inner_tags=t("genitive_inner"),
                   verb_tag_prefixes=g.tag_prefixes("verb_like"), finite_tags=t("finite_verb"),
                   nominal_tags=t("nominal"), predicative_tags=t("predicative_adjective"),
                   copulas=g.lemma_set("copula"), verb_tags=t("verb"),
                   zu_infinitive_tags=t("zu_infinitive"), attributive_tags=t("attributive_adjective"),
                   generic_subjects=w("generic_subject_pronoun"),
                   common_noun_endings=tuple(sorted(w("common_noun_ending"))), proper_tags=t("proper_noun"),
                   representatives=tuple(sorted(w("representative_head"))))
