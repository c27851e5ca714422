"""Sentence boundaries of stored documents (the store keeps records, not sentences)."""
from __future__ import annotations

from lagebild.model import Document


class SentenceSplitter:
    """The pipeline's own tokeniser, so that fact evidence cuts where analysis did. Built on
    first use per language: comparing one story reads a few documents."""

    def __init__(self) -> None:
        self._pipelines: dict[str, object] = {}

    def spans(self, text: str, lang: str | None) -> list[tuple[int, int]]:
        key = lang or ""      # no stored language: the language component detects it
        if key not in self._pipelines:
            from lagebild.analysis import make_pipeline
            from lagebild.settings import Settings
            # the stored language is trusted: the check belongs to analysis, done at ingest
            self._pipelines[key] = make_pipeline(Settings(lang=lang or None, check_language=False,
                                                          components=("language", "tokens")))
        doc = self._pipelines[key](Document(text=text, lang=lang or None))
        return [(s.start, s.end) for s in doc.sentences]
