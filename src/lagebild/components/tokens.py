"""Tokenisation and sentence splitting with SoMaJo (built for German news and web text)."""
from __future__ import annotations

import re
from typing import ClassVar

from lagebild.model import Document, Sentence, Token
from lagebild.pipeline import Resources
from lagebild.settings import Settings

_SOMAJO_MODEL = {"de": "de_CMC", "en": "en_PTB"}
# Paragraph boundaries are always sentence boundaries; SoMaJo takes paragraphs separately.
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# SoMaJo's abbreviation list contains ordinary words ("japan." for japanisch), so "besuchte
# Japan." keeps its full stop and swallows the sentence end. A capitalised word of five or
# more letters before a full stop is almost never an abbreviation in news text.
_WORD_WITH_STOP = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{4,}\.$")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs of the non-blank paragraphs of `text`."""
    out, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, text[pos:m.start()]))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    return out


class Tokenizer:
    name: ClassVar[str] = "tokens"
    requires: ClassVar[tuple[str, ...]] = ("doc.lang",)
    assigns: ClassVar[tuple[str, ...]] = ("doc.tokens", "doc.sentences")

    def __init__(self, settings: Settings, resources: Resources):
        self.resources = resources

    def _somajo(self, lang: str):
        def load():
            from somajo import SoMaJo
            return SoMaJo(_SOMAJO_MODEL.get(lang, "en_PTB"), split_camel_case=False,
                          character_offsets=True)
        return self.resources.get(f"somajo:{lang}", load)

    def __call__(self, doc: Document) -> Document:
        tok = self._somajo(doc.lang or "de")
        lang = doc.lang or "de"
        names = self.resources.get(f"not_abbreviations:{lang}", lambda: frozenset(
            e["word"] for e in self.resources.language(lang).entries("tokenizer")))
        paras = paragraphs(doc.text)
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        # SoMaJo yields sentences paragraph by paragraph, in order; we walk the paragraphs in
        # step to turn its paragraph-relative offsets into document offsets.
        for offset, para in paras:
            for sent in tok.tokenize_text([para]):
                for piece in _split_false_abbreviations(sent, names):
                    first = len(tokens)
                    si = len(sentences)
                    for a, b, space in piece:
                        tokens.append(Token(text=doc.text[offset + a:offset + b], start=offset + a,
                                            end=offset + b, sent=si, space_after=space))
                    if len(tokens) > first:
                        sentences.append(Sentence(index=si, start=tokens[first].start, end=tokens[-1].end,
                                                  tok_start=first, tok_end=len(tokens)))
        doc.tokens, doc.sentences = tokens, sentences
        return doc


def _split_false_abbreviations(sent, names: frozenset[str] = frozenset()) -> list[list[tuple[int, int, bool]]]:
    """(start, end, space_after) spans of one SoMaJo sentence, split into sentences again
    where a word wrongly kept its full stop as an abbreviation."""
    pieces: list[list[tuple[int, int, bool]]] = [[]]
    n = len(sent)
    for i, t in enumerate(sent):
        a, b = t.character_offset
        if (_WORD_WITH_STOP.match(t.text) or t.text[:-1] in names and t.text.endswith(".")) \
                and (i == n - 1 or sent[i + 1].text[:1].isupper()):
            pieces[-1].append((a, b - 1, False))
            pieces[-1].append((b - 1, b, bool(t.space_after)))
            if i < n - 1:
                pieces.append([])
            continue
        pieces[-1].append((a, b, bool(t.space_after)))
    return [p for p in pieces if p]
