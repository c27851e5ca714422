"""Generic agents given a country by the chains: where the actor recogniser could only guess
an agent's country from the article ("+context"), a resolved description that owns it, or an
earlier mention with the same head, is evidence, and wins."""
from __future__ import annotations

from lagebild.discourse.lexicon import DiscourseLexicon
from lagebild.model import Document


def owners_from_descriptions(doc: Document, lex: DiscourseLexicon) -> None:
    """"das Militär des abgeschotteten Landes": a generic agent whose country was
    only guessed from the article takes the country of the resolved description that owns it
    (a genitive right after it). The chain is evidence; the guess is not."""
    owners = {m.tok_start: m.entity for c in doc.chains for m in c.mentions
              if m.kind == "description" and m.entity is not None and m.entity.code}
    for e in doc.entities:
        owner = owners.get(e.tok_end)
        if owner is not None and e.label == "AGENT" and e.source.endswith("+context") \
                and lex.word("genitive_article", doc.tokens[e.tok_end].text):
            e.code, e.source = owner.code, "agent+coref"


HEAD_WINDOW = 6   # sentences back in which "die Regierung" finds "die ungarische Regierung"


def same_head_agents(doc: Document) -> None:
    """"Die ungarische Regierung ... Die Regierung": a generic agent whose country was only
    guessed from the article takes the country of the last earlier mention with the same head
    that names its country ("das Europäische Parlament ... Das Parlament" -> EU). The same
    head noun is the plainest evidence that two mentions are one participant."""
    named = [e for e in doc.entities if e.code and e.identifier_text and not e.source.endswith("+context")]
    for e in doc.entities:
        if e.label != "AGENT" or not e.source.endswith("+context") or not e.identifier_text:
            continue
        head = e.identifier_text.lower()
        earlier = [f for f in named if f.end <= e.start and e.sent - f.sent <= HEAD_WINDOW
                   and f.identifier_text.lower().split()[-1:] == head.split()[-1:]]
        if earlier:
            e.code, e.source = earlier[-1].code, "agent+coref"
