"""Language identification (lingua), so German rules never run on French text by accident.

lingua's high-accuracy mode holds 300-370 MB of n-gram models for our twelve candidates and
takes ~3 CPU-seconds to load: most of a worker's memory and start-up. Its low-accuracy mode
(trigrams only) costs ~33 MB and 0.1 s and is sure of itself on almost every article; where it
is not (top confidence below `LOW_ACCURACY_SURE`: short or mixed texts), high accuracy decides
between low accuracy's two best candidates only, which loads the models of those two
languages and no others (kept until another pair is needed). On all 8,538 German and English
articles we have, no article changes language (`benchmarks/language_id.py`).
"""
from __future__ import annotations

from typing import ClassVar

from lagebild.errors import LanguageError
from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import SUPPORTED_LANGUAGES, Settings

# Languages lingua chooses among. More than we support, so that a French article is called
# French (and refused) rather than forced into German or English.
_CANDIDATES = ("GERMAN", "ENGLISH", "FRENCH", "SPANISH", "ITALIAN", "DUTCH", "PORTUGUESE",
               "POLISH", "RUSSIAN", "TURKISH", "ARABIC", "CHINESE")
_ISO = {"GERMAN": "de", "ENGLISH": "en", "FRENCH": "fr", "SPANISH": "es", "ITALIAN": "it",
        "DUTCH": "nl", "PORTUGUESE": "pt", "POLISH": "pl", "RUSSIAN": "ru", "TURKISH": "tr",
        "ARABIC": "ar", "CHINESE": "zh"}
_NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish", "it": "Italian",
          "nl": "Dutch", "pt": "Portuguese", "pl": "Polish", "ru": "Russian", "tr": "Turkish",
          "ar": "Arabic", "zh": "Chinese"}
# Enough for a confident decision and keeps detection O(1) per article: on all 5,379 German
# corpus articles and 2,210 English BBC articles, 600 characters decide exactly as 3,000 did
# (same language, same side of MIN_CONFIDENCE), at a third of the cost for longer texts.
SAMPLE_CHARS = 600
MIN_DETECT_CHARS = 20    # below this, detection is a coin toss
MIN_CONFIDENCE = 0.5     # below this a forced --lang wins over the detector
# Low accuracy's decision stands from this confidence up. Measured on all German and English
# articles: from 0.99 up low and high accuracy never name different languages (below it they
# did four times, all on texts of under 100 characters); 8 of 8,538 articles fall below.
LOW_ACCURACY_SURE = 0.99
FALLBACK_CANDIDATES = 2  # the low-accuracy ranks high accuracy chooses among


def high_accuracy_detector():
    """lingua in high-accuracy mode over all candidates, models preloaded: the detector we
    shipped before issue 14, kept as the reference `benchmarks/language_id.py` compares with."""
    from lingua import Language, LanguageDetectorBuilder
    langs = [getattr(Language, n) for n in _CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()


def lingua_decision(detector, text: str) -> tuple[str | None, float]:
    """Most likely language (ISO 639-1) of the start of `text` by one lingua detector, and
    its confidence."""
    values = detector.compute_language_confidence_values(text[:SAMPLE_CHARS])
    if not values:
        return None, 0.0
    top = values[0]
    return _ISO.get(top.language.name), float(top.value)


class LanguageDetector:
    """lingua's low-accuracy mode, with high accuracy between its two best candidates where it
    is unsure. The high-accuracy detector is built for that pair when needed, so lingua loads
    only those two languages' models; it is kept until another pair is needed."""

    def __init__(self):
        from lingua import Language, LanguageDetectorBuilder
        self._builder = LanguageDetectorBuilder
        langs = [getattr(Language, n) for n in _CANDIDATES]
        # Not preloaded: preloading starts a thread pool, and a process with threads must not
        # be forked (a forked ingest worker hung in its first fallback). Loaded on first use,
        # the models load in this thread, and only those of languages whose script the text has.
        self._low = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
        self._fallback: tuple[tuple[str, ...], object] | None = None   # (pair, its detector)
        self.fallbacks = 0      # how often high accuracy decided (for benchmarks)

    def detect(self, text: str) -> tuple[str | None, float]:
        """Most likely language (ISO 639-1) of `text` and its confidence."""
        sample = text[:SAMPLE_CHARS]
        values = self._low.compute_language_confidence_values(sample)
        if not values:
            return None, 0.0
        top = values[0]
        if top.value >= LOW_ACCURACY_SURE or len(values) < 2 or values[1].value == 0.0:
            return _ISO.get(top.language.name), float(top.value)
        self.fallbacks += 1
        pair = tuple(sorted(v.language.name for v in values[:FALLBACK_CANDIDATES]))
        if self._fallback is None or self._fallback[0] != pair:
            # One pair's models at a time (~40 MB a language): over a corpus the pairs would add
            # up (+130 MB on ours), while most fallbacks repeat a pair (German and Dutch).
            if self._fallback is not None:
                self._fallback[1].unload_language_models()
                # lingua frees the models, but the C heap keeps their pages until trimmed
                from lagebild.pipeline import release_free_memory
                self._fallback = None
                release_free_memory()
            self._fallback = (pair, self._builder.from_languages(
                *[v.language for v in values[:FALLBACK_CANDIDATES]]).build())
        return lingua_decision(self._fallback[1], sample)


class LanguageIdentifier:
    name: ClassVar[str] = "language"
    requires: ClassVar[tuple[str, ...]] = ("doc.text",)
    assigns: ClassVar[tuple[str, ...]] = ("doc.lang",)

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def __call__(self, doc: Document) -> Document:
        forced = self.settings.lang or doc.lang
        if forced and not self.settings.check_language:
            doc.lang = forced
            return doc
        if not forced and len(doc.text.strip()) < MIN_DETECT_CHARS:
            # too short to tell: assume the first supported language, and say so
            doc.lang = SUPPORTED_LANGUAGES[0]
            doc.warnings.append(f"text too short to detect its language; assuming {doc.lang}")
            return doc
        detector = self.resources.get("lingua", LanguageDetector)
        found, conf = detector.detect(doc.text)
        doc.meta["lang_detected"] = found
        doc.meta["lang_confidence"] = round(conf, 3)
        if forced:
            if found and found != forced and conf >= MIN_CONFIDENCE and len(doc.text) >= 40:
                raise LanguageError(
                    f"the text looks {_NAMES.get(found, found)} (confidence {conf:.2f}), not "
                    f"{_NAMES.get(forced, forced)}; pass --lang {found if found in SUPPORTED_LANGUAGES else '...'} "
                    "or --no-language-check")
            doc.lang = forced
            return doc
        if found not in SUPPORTED_LANGUAGES:
            raise LanguageError(f"the text looks {_NAMES.get(found or '', 'like no known language')}; "
                                f"supported languages: {', '.join(SUPPORTED_LANGUAGES)}")
        doc.lang = found
        return doc
