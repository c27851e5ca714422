"""POS tags and lemmas with HanTa (German); other languages get a cheap fallback.

HanTa's sentence tagger (an HMM) runs at ~160 sentences/s, below our throughput target, so we
use its per-word analysis (`analyze`) behind a per-process cache: word frequencies are Zipfian,
so after a few hundred articles almost every lookup is a hit. The price is context-free POS
(a word always gets its most likely tag); the components downstream rely on lemmas and on the
lexicon far more than on contextual POS, and tests pin that behaviour.
"""
from __future__ import annotations

from typing import ClassVar

from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import Settings

CACHE_LIMIT = 500_000   # distinct word forms kept per process (~100 MB worst case)
UNKNOWN_LOGPROB = -25.0  # HanTa scores known nouns around -5..-18 and unseen words below -28
MAX_NAME_CHARS = 12      # longer unknown words are mostly compounds (Massenprotestbewegung)
NAME_MARGIN = 2.5        # NE this close to the best tag: treat the word as a possible name


class WordAnalyzer:
    """Cached word -> (lemma, STTS tag) lookups for one language."""

    def __init__(self, lang: str, warm_start: bool = True):
        self.lang = lang
        self._cache: dict[str, tuple[str, str]] = {}
        self._hanta = None
        if lang == "de":
            from HanTa import HanoverTagger as ht
            self._hanta = ht.HanoverTagger("morphmodel_ger.pgz")
        if warm_start:
            self._cache.update(load_word_cache(lang))

    def __call__(self, word: str) -> tuple[str, str]:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._analyze(word)
            if len(self._cache) < CACHE_LIMIT:
                self._cache[word] = hit
        return hit

    def _analyze(self, word: str) -> tuple[str, str]:
        if self._hanta is None or not any(c.isalpha() for c in word):
            return (word.lower() if word.isalpha() else word, _shape_tag(word))
        head = word.rsplit("-", 1)[1] if "-" in word[1:-1] else ""
        if head[:1].isalpha():
            # hyphen compounds ("US-Präsident", "Brosius-Gersdorf") are endlessly productive;
            # their head decides lemma and tag, and heads are few and cached
            head_lemma, tag = self(head)
            return word[:len(word) - len(head)] + head_lemma, tag
        try:
            lemma, tag = self._hanta.analyze(word)
            tag = tag.replace("(", "").replace(")", "")
            if tag == "NN" and word[:1].isupper() and self._maybe_name(word):
                tag = "NE"
        except Exception:  # HanTa raises on odd input (e.g. lone combining marks); best effort
            return (word, _shape_tag(word))
        return lemma, tag

    def _maybe_name(self, word: str) -> bool:
        """HanTa calls most unknown capitalised words NN. A word it has never seen (very low
        log-probability) or for which NE is nearly as likely is far more often a name (Mhanna,
        Reinfrank, Jinping) in news text, so we call it NE and let the actor stage decide."""
        cands = self._hanta.tag_word(word)
        if not cands:
            return False
        best = float(cands[0][1])
        if best < UNKNOWN_LOGPROB and len(word) <= MAX_NAME_CHARS:
            return True
        return any(t == "NE" and best - float(p) < NAME_MARGIN for t, p in cands[1:])


def load_word_cache(lang: str) -> dict[str, tuple[str, str]]:
    """The shipped warm-start cache (training/build_word_cache.py): the same analyses the
    analyser would compute, for the most frequent word forms; empty if none ships."""
    import gzip
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "models" / f"{lang}_wordcache" / "words.tsv.gz"
    if not path.exists():
        return {}
    out: dict[str, tuple[str, str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                out[parts[0]] = (parts[1], parts[2])
    return out


def _shape_tag(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "CARD"
    if not any(c.isalnum() for c in word):
        return "$."
    return "NE" if word[:1].isupper() else "XY"


class Tagger:
    name: ClassVar[str] = "tags"
    requires: ClassVar[tuple[str, ...]] = ("doc.tokens",)
    assigns: ClassVar[tuple[str, ...]] = ("token.lemma", "token.pos")

    def __init__(self, settings: Settings, resources: Resources):
        self.resources = resources

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or "de"
        analyze = self.resources.get(f"analyzer:{lang}", lambda: WordAnalyzer(lang))
        for t in doc.tokens:
            t.lemma, t.pos = analyze(t.text)
        return doc
