"""Helpers to maintain the actor lexicon from a corpus."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from lagebild.errors import LagebildError
from lagebild.model import Document
from lagebild.pipeline import Pipeline

UNRESOLVED = frozenset({"tagger", "tagger+context"})


def unknown_names(docs: Iterable[Document], pipeline: Pipeline) -> Counter:
    """Counts of names that only the tagger found (no lexicon entry), over a corpus."""
    counts: Counter = Counter()
    for doc in docs:
        try:
            pipeline(doc)
        except LagebildError:
            continue
        for e in doc.entities:
            if e.source in UNRESOLVED:
                counts[e.text] += 1
    return counts
