"""Reading chains back: which participants a pronoun or description refers to."""
from __future__ import annotations

from lagebild.model import Chain, Document, Entity


def antecedents(doc: Document) -> dict[int, list[Entity]]:
    """Token index -> the named representatives of the chains that the anaphor covering the
    token refers to (one, or two for a plural). Names are left out: they refer to themselves."""
    by_id = {c.id: c for c in doc.chains}
    out: dict[int, list[Entity]] = {}
    for c in doc.chains:
        for m in c.mentions:
            if m.kind == "name":
                continue
            ents = [by_id[i].entity for i in m.chains if i in by_id]
            for k in range(m.tok_start, m.tok_end):
                out[k] = ents
    return out


def referents_at(doc: Document, tok_start: int, tok_end: int) -> list[Chain]:
    """The chains an anaphor inside tokens [tok_start, tok_end) refers to (empty if none)."""
    by_id = {c.id: c for c in doc.chains}
    for c in doc.chains:
        for m in c.mentions:
            if m.kind != "name" and tok_start <= m.tok_start < tok_end:
                return [by_id[i] for i in m.chains if i in by_id]
    return []


def coref_entities(doc: Document) -> list[Entity]:
    """The Entity of every resolved pronoun or description (source "coref"), in text order; a
    plural mention has one per referent."""
    out = [m.entity for c in doc.chains for m in c.mentions if m.kind != "name" and m.entity is not None]
    return sorted(out, key=lambda e: (e.start, e.identifier_text or ""))
