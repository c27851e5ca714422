"""Sentence boundaries of stored documents (the store keeps records, not sentences)."""
from __future__ import annotations

from lagebild.model import Document


class SentenceSplitter:
    """The pipeline's own tokeniser, so that fact evidence cuts where analysis did. Built on
    first use per language: comparing one story reads a few documents."""

    def __init__(self) -> None:
        self._pipelines: dict[str, object] = {}

    def spans(self, text: str, lang: str | None) -> list[tuple[int, int]]:
        lang = lang or "de"
        if lang not in self._pipelines:
            from lagebild.analysis import make_pipeline
            from lagebild.settings import Settings
            self._pipelines[lang] = make_pipeline(Settings(lang=lang, components=("language", "tokens")))
        doc = self._pipelines[lang](Document(text=text, lang=lang))
        return [(s.start, s.end) for s in doc.sentences]
