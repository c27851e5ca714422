"""Discourse: entity coreference chains over a document (names, pronouns, descriptions).

`build_chains(doc, lexicon)` groups the mentions of each participant; the `discourse`
pipeline component stores them in `doc.chains`; every resolved pronoun or description carries
an Entity with source "coref" and the antecedent's code, sector and identifier (two mentions,
one per referent, for "die beiden Präsidenten"). `coref_entities(doc)` lists those entities
(the records show them with resolved_by "coref"); `antecedents(doc)` maps a token to the
chain representatives it refers to, for the quote and event extractors.
"""
from lagebild.discourse.chains import COREF, build_chains
from lagebild.discourse.lexicon import DiscourseLexicon
from lagebild.discourse.lookup import antecedents, coref_entities, referents_at

__all__ = ["COREF", "DiscourseLexicon", "antecedents", "build_chains", "coref_entities", "referents_at"]
