"""Language identification (lingua), so German rules never run on French text by accident.

lingua's high-accuracy mode holds 300-370 MB of n-gram models for our twelve candidates and
takes ~3 CPU-seconds to load: most of a worker's memory and start-up. Its low-accuracy mode
(trigrams only) costs ~33 MB and 0.1 s and is sure of itself on almost every article; where it
is not (top confidence below `LOW_ACCURACY_SURE`: short or mixed texts), the marker words of
our languages' data (`lang/<code>/language_id.yaml`: frequent function words, each naming the
other candidates it is also a word of) decide between its two best candidates. High accuracy
between those two used to decide there, but even one pair's models (65-90 MB) were a third of
a process's peak memory. On all 8,543 German and English texts we have, one changes language
against high accuracy, to its own (`benchmarks/language_id.py`).
"""
from __future__ import annotations

import re
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
FALLBACK_CANDIDATES = 2  # the low-accuracy ranks the marker words choose among
MARKERS_KIND = "language_id"
_WORD = re.compile(r"\w+")


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


def marker_words() -> dict[str, dict[str, frozenset[str]]]:
    """Each supported language's marker words: ISO code -> {lower-case word: the candidate
    languages it is also a frequent word of}, from its `language_id` data file alone (the rest
    of a language's data is not needed here)."""
    from lagebild.lang import LANG_ROOT, read_data_file
    out = {}
    for code in SUPPORTED_LANGUAGES:
        path = LANG_ROOT / code / f"{MARKERS_KIND}.yaml"
        if path.exists():
            doc = read_data_file(path, full=False)
            out[code] = {w: frozenset(e.get("shared_with", ())) for e in doc["entries"]
                         if doc["kind"] == MARKERS_KIND for w in e["words"]}
    return out


def marker_decision(markers: dict[str, dict[str, frozenset[str]]], text: str,
                    ranked: list[tuple[str | None, float]]) -> tuple[str | None, float]:
    """Between low accuracy's best candidates `ranked` ((code, confidence), best first), the one
    whose marker words `text` holds more of, with the share of the markers found that are its
    own as confidence. A marker shared with another of the candidates is no evidence against
    it; a candidate without data (a language we do not support) counts no markers. Where the
    markers do not decide, such a candidate is preferred, with low accuracy's confidence: a
    language we support is not accepted on low accuracy's unsure lean alone (so a short French
    sentence it leans to English for stays refused); between two supported languages, low
    accuracy's best stands."""
    words = _WORD.findall(text.lower())
    codes = {code for code, _ in ranked}
    counts = []
    for code, _ in ranked:
        own = markers.get(code or "", {})
        others = codes - {code}
        counts.append(sum(1 for w in words if w in own and not own[w] & others))
    best = max(range(len(ranked)), key=lambda i: (counts[i], -i))
    if counts[best] > 0 and counts.count(counts[best]) == 1:
        return ranked[best][0], counts[best] / sum(counts)
    return next((r for r in ranked if r[0] not in markers), ranked[0])


class LanguageDetector:
    """lingua's low-accuracy mode, with our languages' marker words between its two best
    candidates where it is unsure (no further lingua models: they would cost 65-90 MB)."""

    def __init__(self):
        from lingua import Language, LanguageDetectorBuilder
        langs = [getattr(Language, n) for n in _CANDIDATES]
        # Not preloaded: preloading starts a thread pool, and a process with threads must not
        # be forked. Loaded on first use, the models load in this thread, and only those of
        # languages whose script the text has.
        self._low = LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()
        self._markers: dict[str, dict[str, frozenset[str]]] | None = None   # read at the first fallback
        self.fallbacks = 0      # how often the marker words decided (for benchmarks)

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
        if self._markers is None:
            self._markers = marker_words()
        ranked = [(_ISO.get(v.language.name), float(v.value)) for v in values[:FALLBACK_CANDIDATES]]
        return marker_decision(self._markers, sample, ranked)


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
