"""Trigger lexicon and modality cues, compiled from a language's data files."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


MIN_HEAD = 4   # shorter compound heads are too often mere word endings


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    event: str
    mode: str | None
    lemmas: frozenset[str]
    pos: str
    particle: str | None = None
    needs: frozenset[str] = frozenset()
    vetoes: frozenset[str] = frozenset()
    recipient_preps: frozenset[str] = frozenset()
    actor_preps: frozenset[str] = frozenset()
    object_is_recipient: bool = False
    symmetric: bool = False
    location_is_recipient: bool = False
    location_is_actor: bool = False
    domestic: bool = False
    monadic: bool = False
    cameo: str | None = None
    context: tuple[str, ...] = ()
    confidence: float = 0.5
    compounds: bool = True
    multilateral: bool = False
    infer_recipient: bool = True
    owner_is_recipient: bool = False
    actor_is_speaker: bool = False
    predicative: bool = False
    place_compound_is_recipient: bool = False
    agent_recipient: bool = False
    demanded_agent_is_recipient: bool = False
    theme_preps: frozenset[str] = frozenset()
    vetoed_particles: frozenset[str] = frozenset()
    pair_needs: frozenset[str] = frozenset()     # the coordinated-subjects reading needs one of these
    compound_exceptions: frozenset[str] = frozenset()
    recipient_before: frozenset[str] = frozenset()   # the recipient is the noun phrase right before one of these
    modal_with_infinitive: bool = False   # "droht zu scheitern": with a zu-infinitive in its clause the verb is a modal
    alone_event: str | None = None        # the type when the clause names no partner ("Manöver" alone: MOBILIZE)
    abbreviation_is_place: bool = False   # "USA-Reise": a state's abbreviation in the compound is the place too
    active_only: bool = False             # in the werden-passive the verb means another thing ("wurde getroffen": hit)
    reported_subject_is_recipient: bool = False   # "X verletze das Recht, kritisierte Y": X is criticised

    @classmethod
    def from_entry(cls, e: dict[str, Any]) -> "Trigger":
        return cls(
            id=e["id"], event=e["event"], mode=e.get("mode"), lemmas=frozenset(e["lemmas"]),
            pos=e["pos"], particle=e.get("particle"), needs=frozenset(e.get("needs") or ()),
            vetoes=frozenset(e.get("vetoes") or ()),
            recipient_preps=frozenset(e.get("recipient_preps") or ()),
            actor_preps=frozenset(e.get("actor_preps") or ()),
            object_is_recipient=bool(e.get("object_is_recipient")),
            symmetric=bool(e.get("symmetric")),
            location_is_recipient=bool(e.get("location_is_recipient")),
            location_is_actor=bool(e.get("location_is_actor")), domestic=bool(e.get("domestic")),
            monadic=bool(e.get("monadic")),
            cameo=e.get("cameo"), context=tuple(e.get("context") or ()),
            confidence=float(e.get("confidence", 0.5)), compounds=e.get("compounds", True),
            multilateral=bool(e.get("multilateral")), infer_recipient=e.get("infer_recipient", True),
            owner_is_recipient=bool(e.get("owner_is_recipient")),
            actor_is_speaker=bool(e.get("actor_is_speaker")), predicative=bool(e.get("predicative")),
            place_compound_is_recipient=bool(e.get("place_compound_is_recipient")),
            agent_recipient=bool(e.get("agent_recipient")),
            demanded_agent_is_recipient=bool(e.get("demanded_agent_is_recipient")),
            theme_preps=frozenset(e.get("theme_preps") or ()),
            vetoed_particles=frozenset(e.get("vetoed_particles") or ()),
            pair_needs=frozenset(w.lower() for w in e.get("pair_needs") or ()),
            compound_exceptions=frozenset(e.get("compound_exceptions") or ()),
            recipient_before=frozenset(w.lower() for w in e.get("recipient_before") or ()),
            modal_with_infinitive=bool(e.get("modal_with_infinitive")), alone_event=e.get("alone_event"),
            abbreviation_is_place=bool(e.get("abbreviation_is_place")), active_only=bool(e.get("active_only")),
            reported_subject_is_recipient=bool(e.get("reported_subject_is_recipient")))


@dataclass
class Modality:
    """Cue words by flag: surface forms (lower case, may be multi-word) and lemmas, by scope."""
    forms: dict[str, dict[str, set[str]]] = field(default_factory=dict)    # scope -> flag -> forms
    lemmas: dict[str, dict[str, set[str]]] = field(default_factory=dict)   # scope -> flag -> lemmas

    @classmethod
    def build(cls, entries: list[dict[str, Any]]) -> "Modality":
        m = cls()
        for e in entries:
            scope = e.get("scope", "clause")
            for f in e.get("forms") or ():
                m.forms.setdefault(scope, {}).setdefault(e["flag"], set()).add(f.lower())
            for lem in e.get("lemmas") or ():
                m.lemmas.setdefault(scope, {}).setdefault(e["flag"], set()).add(lem)
        return m

    def words(self, flag: str, scope: str = "clause") -> set[str]:
        return self.forms.get(scope, {}).get(flag, set())

    def lemma_set(self, flag: str, scope: str = "clause") -> set[str]:
        return self.lemmas.get(scope, {}).get(flag, set())


@dataclass
class TriggerIndex:
    by_lemma: dict[str, list[Trigger]] = field(default_factory=dict)
    modality: Modality = field(default_factory=Modality)
    prefixes: frozenset[str] = frozenset()     # derivational prefixes (grammar data)

    @classmethod
    def build(cls, triggers: list[dict[str, Any]], modality: list[dict[str, Any]],
              grammar: list[dict[str, Any]] | None = None) -> "TriggerIndex":
        prefixes = frozenset(f.lower() for e in grammar or () if e["class"] == "derivational_prefix"
                             for f in e.get("forms") or ())
        idx = cls(modality=Modality.build(modality), prefixes=prefixes)
        # needs are matched against lemmas and as parts of compounds (Luftabwehrsystem)
        for e in triggers:
            t = Trigger.from_entry(e)
            for lem in t.lemmas:
                idx.by_lemma.setdefault(lem, []).append(t)
        return idx

    def _derived(self, modifier: str) -> bool:
        """The part before a head is (or ends in) a derivational prefix: "Ver|einigung",
        "Bundesver|einigung". Two-letter prefixes count only alone: "Lehrer|streik"."""
        prefixes = self.prefixes
        return modifier in prefixes or any(len(p) >= 3 and modifier.endswith(p) for p in prefixes)

    def lookup(self, lemma: str, noun: bool = False) -> list[Trigger]:
        """Triggers of a lemma; a noun not in the lexicon also matches by its compound head,
        the longest one first ("Bodenoffensive" -> Offensive, "US-Angriff" -> Angriff):
        German compounds are endless, and their head carries the meaning."""
        found = self.by_lemma.get(lemma)
        if found or not noun:
            return found or []
        for i in range(1, len(lemma) - MIN_HEAD + 1):
            part = lemma[i:].lstrip("-")
            if len(part) < MIN_HEAD:
                break
            cands = self.by_lemma.get(part[0].upper() + part[1:])
            if cands and not self._derived(lemma[:i].lower()):
                # an exception is a word of its own, and so are the compounds it heads:
                # "Bundespräsidenten-Wahlkampf" is a Wahlkampf, not a Kampf
                low = lemma.lower()
                return [t for t in cands if t.compounds and t.pos in ("noun", "any")
                        and not any(low.endswith(x.lower()) for x in t.compound_exceptions)]
        return []
