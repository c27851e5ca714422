"""Discourse: entity coreference chains over a document (names, pronouns, descriptions).

`build_chains(doc, lexicon)` groups the mentions of each participant; the `discourse`
pipeline component stores them in `doc.chains` and adds one Entity with source "coref" per
resolved pronoun or description (two for "die beiden Präsidenten"). `antecedents(doc)` maps a
token to the chain entities it refers to, for the quote and event extractors.
"""
from lagebild.discourse.chains import COREF, build_chains
from lagebild.discourse.lexicon import DiscourseLexicon
from lagebild.discourse.lookup import antecedents, referents_at

__all__ = ["COREF", "DiscourseLexicon", "antecedents", "build_chains", "referents_at"]
