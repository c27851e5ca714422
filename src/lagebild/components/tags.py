"""POS tags and lemmas with HanTa (German); other languages get a cheap fallback.

HanTa's sentence tagger (an HMM) runs at ~160 sentences/s, below our throughput target, so we
use its per-word analysis (`analyze`) behind a per-process cache: word frequencies are Zipfian,
so after a few hundred articles almost every lookup is a hit. The price is context-free POS
(a word always gets its most likely tag); the components downstream rely on lemmas and on the
lexicon far more than on contextual POS, and tests pin that behaviour.

What still misses the cache is mostly long compounds ("Drohnenabwehrzentrum") and names, and
HanTa's cost grows with the square of a word's length. A long closed compound whose end is a
noun (or, lower-case, an adjective) of the shipped cache is therefore read by that head, as
hyphen compounds are; the rules (linking elements, false heads) are language data
(`lang/<code>/compounds.yaml`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from lagebild.model import Document
from lagebild.pipeline import Resources
from lagebild.settings import Settings

CACHE_LIMIT = 500_000   # distinct word forms kept per process (~100 MB worst case)
UNKNOWN_LOGPROB = -25.0  # HanTa scores known nouns around -5..-18 and unseen words below -28
MAX_NAME_CHARS = 12      # longer unknown words are mostly compounds (Massenprotestbewegung)
NAME_MARGIN = 2.5        # NE this close to the best tag: treat the word as a possible name
# Compound heads and the words before them: shorter heads ("Ende", "Rat") are still nouns, but
# below four letters almost any word ends in one; a stem under three letters is rarely a word.
MIN_HEAD = 4
# HanTa's Viterbi (and the compound search) cost the square of a word's length or more: a
# 2,000-letter word took 49 s, a 1,500-character URL 27 s (issue 15). No German word of the
# lexicon is this long ("Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz" has 63
# letters); longer tokens are URLs, hashes, glued lines or noise, and are tagged by shape.
MAX_ANALYSED_CHARS = 64
MAX_COMBINING = 3        # combining marks on one word beyond any real spelling: a "Zalgo" storm
MIN_STEM = 3
COMPOUND_DEPTH = 1      # a modifier may itself be a compound of known words (Drohnen|abwehr)
# Adjective compounds (klima|politisch): only adjective heads, and longer parts than for nouns,
# since a short end ("reich", "bar") or a verb prefix (ver-, ent-) misleads far more often.
ADJ_TAGS = frozenset({"ADJA", "ADJD"})
MIN_ADJ_HEAD = 5
MIN_ADJ_STEM = 4


@dataclass(frozen=True)
class CompoundRules:
    """How a language glues words into closed compounds (lang/<code>/compounds.yaml)."""
    linkers: tuple[str, ...]
    not_heads: frozenset[str]

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> CompoundRules | None:
        """The rules of a language's `compounds` entries; None if it has none."""
        if not entries:
            return None
        return cls(linkers=tuple(e["form"] for e in entries if e["type"] == "linker"),
                   not_heads=frozenset(e["word"] for e in entries if e["type"] == "not_head"))


class ExtraWordCache:
    """A read-only word -> (lemma, tag) table kept as one sorted UTF-8 blob of
    "word\tlemma\ttag" lines, searched by bisection over its bytes.

    It holds the second shipped cache (`words_extra.tsv.gz`, ~400,000 forms): as a dict that
    would cost ~100 MB per process, as a blob ~20 MB, and a lookup (~6 µs) is only made for a
    word that missed the first cache and would otherwise cost HanTa ~500 µs."""

    def __init__(self, blob: bytes):
        if blob and not blob.endswith(b"\n"):
            blob += b"\n"
        self._blob = blob
        # Line starts, for `word(i)` and `len()` only (tests and training): `get` bisects the
        # blob by byte position, so loading costs no index (~0.07 CPU-s and 3 MB each).
        self._starts_index = None

    @property
    def _starts(self):
        """Start of each line, and the end of the blob: line i ends at starts[i+1]-1 (not
        numpy, whose import starts threads a forked worker must not have)."""
        if self._starts_index is None:
            import re
            from array import array
            starts = array("Q", [0])
            starts.extend(m.end() for m in re.finditer(b"\n", self._blob))
            self._starts_index = starts
        return self._starts_index

    @classmethod
    def load(cls, path) -> ExtraWordCache | None:
        import gzip
        from pathlib import Path
        path = Path(path)
        if not path.exists():
            return None
        with gzip.open(path, "rb") as fh:
            return cls(fh.read())

    def __len__(self) -> int:
        return len(self._starts) - 1

    def word(self, i: int) -> str:
        """The i-th word in byte order."""
        a = self._starts[i]
        return self._blob[a:self._blob.index(b"\t", a)].decode("utf-8")

    def get(self, word: str) -> tuple[str, str] | None:
        key = word.encode("utf-8", "surrogatepass") + b"\t"
        blob = self._blob
        # [lo, hi) is a run of whole lines; each step takes the line around the middle byte.
        # Lines are sorted by their word's bytes, and comparing "word\t" prefixes keeps that
        # order, since tab sorts below every character a word contains.
        lo, hi = 0, len(blob)
        n = len(key)
        while lo < hi:
            a = blob.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
            line = blob[a:a + n]
            if line < key:
                lo = blob.index(b"\n", a) + 1
            elif line == key:
                _, lemma, tag = blob[a:blob.index(b"\n", a)].decode("utf-8").split("\t")
                return lemma, tag
            else:
                hi = a
        return None


def _ending(word: str, endings: tuple[str, ...]) -> str:
    """The longest of `endings` the word ends in ("" for none)."""
    low = word.lower()
    return max((e for e in endings if low.endswith(e)), key=len, default="")


@dataclass(frozen=True)
class Retag:
    """A context rule: tag `from_tag` becomes `to` when the nearest word before it (skipping
    `skip`) has one of `lemmas` or `tags` (or, with `unless`, has none of them), and, with
    `before`, when the word after it has one of those tags or the sentence ends."""
    from_tag: str
    to: str
    lemmas: frozenset[str]
    tags: frozenset[str]
    unless: bool
    skip: frozenset[str]
    capitalised: bool = False
    endings: tuple[str, ...] = ()
    before: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()      # only these words (lower case)
    agree: bool = False    # the word before must end in the same one of `endings` (inflection agrees)

    def applies(self, tokens, i: int, lo: int, hi: int | None = None) -> bool:
        """Whether the rule fires for tokens[i], looking back no further than `lo` (the
        sentence start) and ahead no further than `hi` (its end). With `capitalised`, the word
        and the word right before it must both begin with a capital letter."""
        j = i - 1
        if self.endings and not tokens[i].text.lower().endswith(self.endings):
            return False
        if self.forms and tokens[i].text.lower() not in self.forms:
            return False
        if self.before:
            end = len(tokens) if hi is None else hi
            if i + 1 < end and tokens[i + 1].pos not in self.before:
                return False
            if not self.lemmas and not self.tags:
                return not self.unless
        if self.capitalised and not (j >= lo and tokens[i].text[:1].isupper()
                                     and tokens[j].text[:1].isupper()):
            return False
        while j >= lo and tokens[j].pos in self.skip:
            j -= 1
        hit = j >= lo and (tokens[j].lemma.lower() in self.lemmas or tokens[j].pos in self.tags)
        if hit and self.agree and _ending(tokens[j].text, self.endings) != _ending(tokens[i].text, self.endings):
            hit = False
        return hit != self.unless


@dataclass(frozen=True)
class TaggerSpec:
    """Which analyser a language uses and how its tags become the canonical ones
    (lang/<code>/tagger.yaml). No model: words are tagged by shape."""
    model: str | None = None
    tag_map: tuple[tuple[str, str], ...] = ()
    retags: tuple[Retag, ...] = ()
    words: tuple[tuple[str, tuple[str, str]], ...] = ()   # word -> (lemma, tag) fixed by the data
    # a sentence's first word with one of `initial_from` tags takes its lower-case form's
    # analysis when that has one of `initial_to` ("Trotz der Kritik": a preposition)
    initial_from: frozenset[str] = frozenset()
    initial_to: frozenset[str] = frozenset()

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> TaggerSpec:
        model = next((e["model"] for e in entries if e["type"] == "model"), None)
        tag_map = {k: v for e in entries if e["type"] == "tag_map" for k, v in e["tags"].items()}
        retags = tuple(Retag(e["from"], e["to"], frozenset(e.get("after_lemmas", ())),
                             frozenset(e.get("after_tags", ())), bool(e.get("unless")),
                             frozenset(e.get("skip_tags", ())), bool(e.get("capitalised")),
                             tuple(x.lower() for x in e.get("endings", ())),
                             frozenset(e.get("before_tags", ())),
                             frozenset(f.lower() for f in e.get("forms", ())), bool(e.get("agree")))
                       for e in entries if e["type"] == "retag")
        words = {w: (lemma, e["tag"]) for e in entries if e["type"] == "words"
                 for w, lemma in ((w, w.lower()) for w in e["words"])}
        initial = [e for e in entries if e["type"] == "sentence_initial"]
        return cls(model, tuple(sorted(tag_map.items())), retags, tuple(sorted(words.items())),
                   frozenset(t for e in initial for t in e["capital_tags"]),
                   frozenset(t for e in initial for t in e["lower_tags"]))

    @cached_property
    def fixed(self) -> frozenset[str]:
        """The words whose analysis the data fix."""
        return frozenset(w for w, _ in self.words)

    @classmethod
    def of(cls, lang: str) -> TaggerSpec:
        from lagebild.lang import load_language
        return cls.from_entries(load_language(lang).entries("tagger"))


class WordAnalyzer:
    """Cached word -> (lemma, STTS tag) lookups for one language."""

    def __init__(self, lang: str, warm_start: bool = True, compounds: CompoundRules | None = None,
                 warm: dict[str, tuple[str, str]] | None = None, extra: ExtraWordCache | None = None,
                 spec: TaggerSpec | None = None):
        self.lang = lang
        # the second shipped cache: the analyses `_analyze` gives words the first one lacks
        self._extra = extra if warm_start else None
        self._hanta = None
        spec = spec if spec is not None else TaggerSpec.of(lang)
        self._tag_map = dict(spec.tag_map)
        if spec.model:
            from HanTa import HanoverTagger as ht
            self._hanta = ht.HanoverTagger(spec.model)
        # `warm`: the shipped cache, already loaded and shared with other components. It is
        # asked after `_cache` rather than copied into it: a copy of its 137,000 entries cost
        # ~10 MB per process. `_cache` holds the data's fixed words, which win over any
        # analysis, and the words this process analysed (none of them in `warm`).
        warm = (warm if warm is not None else load_word_cache(lang)) if warm_start else {}
        self._warm = warm
        self._cache: dict[str, tuple[str, str]] = dict(spec.words)
        # CACHE_LIMIT bounds the words held in all: the shipped ones and those learnt
        self._warm_only = len(warm) - sum(1 for w in spec.words if w in warm)
        # Compound heads and stems come from the shipped cache only, never from words this
        # process analysed itself: a word's analysis must not depend on which words came before.
        self._compounds = compounds if warm else None
        self._known = warm      # a dict lookup; a set of the same words would cost 8 MB more
        self._heads = {w: a for w, a in warm.items()
                       if a[1] == "NN" and len(w) >= MIN_HEAD and w[:1].isupper()} if self._compounds else {}
        self._adj_heads = {w: a for w, a in warm.items()
                           if a[1] in ADJ_TAGS and len(w) >= MIN_ADJ_HEAD and w.islower()} if self._compounds else {}

    def __call__(self, word: str) -> tuple[str, str]:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._warm.get(word)
            if hit is not None:
                return hit
            if self._extra is not None:
                hit = self._extra.get(word)
            if hit is None:
                hit = self._analyze(word)
            if len(self._cache) + self._warm_only < CACHE_LIMIT:
                self._cache[word] = hit
        return hit

    def _analyze(self, word: str) -> tuple[str, str]:
        if self._hanta is None or not any(c.isalpha() for c in word):
            return (word.lower() if word.isalpha() else word, _shape_tag(word))
        if len(word) > MAX_ANALYSED_CHARS or _combining(word) > MAX_COMBINING:
            return _long_word(word)
        head = word.rsplit("-", 1)[1] if "-" in word[1:-1] else ""
        if head[:1].isalpha():
            # hyphen compounds ("US-Präsident", "Brosius-Gersdorf") are endlessly productive;
            # their head decides lemma and tag, and heads are few and cached
            head_lemma, tag = self(head)
            return word[:len(word) - len(head)] + head_lemma, tag
        if len(word) > MAX_NAME_CHARS and self._compounds is not None:
            # only long words: a short unknown word is as likely a name (Reinfrank), and
            # HanTa's scores decide that (_maybe_name)
            split = self._compound(word)
            if split is not None:
                return split
        try:
            # one forward pass gives the best tag for `analyze` and the runners-up for the
            # name rule; HanTa's own analyze() would run it again
            cands = self._hanta.tag_word(word)
            lemma, tag = self._hanta.analyze(word, pos=cands[0][0])
            tag = tag.replace("(", "").replace(")", "")
            tag = self._tag_map.get(tag, tag)
            if tag == "NN" and word[:1].isupper() and _maybe_name(cands, len(word)):
                tag = "NE"
        except Exception:  # HanTa raises on odd input (e.g. lone combining marks); best effort
            return (word, _shape_tag(word))
        return lemma, tag

    def _compound(self, word: str) -> tuple[str, str] | None:
        """(lemma, tag) of a closed compound by its longest known head, when the rest is known
        too: a noun ("Fahrradunfälle" -> ("Fahrradunfall", "NN") by "Unfälle") or an adjective
        ("klimapolitisch" -> ("klimapolitisch", "ADJD") by "politisch")."""
        if not word.isalpha():
            return None
        if word.islower():
            return self._adjective(word)
        if not (word[:1].isupper() and word[1:].islower()):
            return None     # glued or all-caps tokens ("SWRProstitution") are no compounds
        split = self._head(word, COMPOUND_DEPTH)
        if split is None:
            return None
        k, (lemma, tag) = split
        return word[:k] + lemma[:1].lower() + lemma[1:], tag

    def _adjective(self, word: str) -> tuple[str, str] | None:
        """A compound adjective by its longest known adjective end ("zweitstärksten" ->
        "zweitstark"); the modifier must be a known word of MIN_ADJ_STEM letters or more, which
        keeps verbs with a prefix (ver|einheitlichen) with HanTa; no nested modifiers here."""
        for k in range(MIN_ADJ_STEM, len(word) - MIN_ADJ_HEAD + 1):
            hit = self._adj_heads.get(word[k:])
            if hit is not None and self._known_modifier(word[:k], 0, MIN_ADJ_STEM):
                return word[:k] + hit[0], hit[1]
        return None

    def _head(self, word: str, depth: int) -> tuple[int, tuple[str, str]] | None:
        """(where the head starts, its analysis) for the longest known noun ending `word`
        whose modifier is known: a cached word, perhaps with a linking element, or (up to
        `depth` levels) itself such a compound ("Drohnen|abwehr|zentrum")."""
        for k in range(MIN_STEM, len(word) - MIN_HEAD + 1):
            head = word[k].upper() + word[k + 1:]
            hit = self._heads.get(head)
            if hit is not None and head not in self._compounds.not_heads \
                    and self._known_modifier(word[:k], depth):
                return k, hit
        return None

    def _known_modifier(self, prefix: str, depth: int, min_stem: int = MIN_STEM) -> bool:
        for linker in ("", *self._compounds.linkers):
            stem = prefix[:len(prefix) - len(linker)]
            if not prefix.endswith(linker) or len(stem) < min_stem:
                continue
            known = self._known
            if stem in known or stem.lower() in known or stem[:1].upper() + stem[1:] in known:
                return True
            if depth > 0 and self._head(stem, depth - 1) is not None:
                return True
        return False


def _maybe_name(cands: list[tuple[str, float]], length: int) -> bool:
    """HanTa calls most unknown capitalised words NN. A word it has never seen (very low
    log-probability) or for which NE is nearly as likely is far more often a name (Mhanna,
    Reinfrank, Jinping) in news text, so we call it NE and let the actor stage decide.
    `cands` are HanTa's (tag, log-probability) candidates for the word, best first."""
    if not cands:
        return False
    best = float(cands[0][1])
    if best < UNKNOWN_LOGPROB and length <= MAX_NAME_CHARS:
        return True
    return any(t == "NE" and best - float(p) < NAME_MARGIN for t, p in cands[1:])


def shared_word_cache(resources: Resources, lang: str) -> dict[str, tuple[str, str]]:
    """The shipped word cache, loaded once per Resources (the tokenizer also reads it)."""
    return resources.get(f"wordcache:{lang}", lambda: load_word_cache(lang))


def shared_extra_cache(resources: Resources, lang: str) -> ExtraWordCache | None:
    """The second shipped cache, loaded once per Resources; None if none ships."""
    return resources.get(f"wordcache-extra:{lang}", lambda: load_extra_cache(lang))


def load_extra_cache(lang: str) -> ExtraWordCache | None:
    """The second, larger shipped cache (training/build_word_cache.py --extra)."""
    from pathlib import Path
    return ExtraWordCache.load(Path(__file__).resolve().parents[1] / "models" / f"{lang}_wordcache"
                               / "words_extra.tsv.gz")


def load_word_cache(lang: str) -> dict[str, tuple[str, str]]:
    """The shipped warm-start cache (training/build_word_cache.py): HanTa's analyses (with
    the name and hyphen rules) of the most frequent word forms; empty if none ships."""
    import gzip
    import pickle
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "models" / f"{lang}_wordcache" / "words.tsv.gz"
    if not path.exists():
        return {}
    # One tuple per distinct analysis (a noun's forms share their lemma and tag: 63,000 for
    # 137,000 words) and one string per tag: ~15 MB less than new objects for every field.
    # Layout (issue 14): a lookup touches the analysis it returns and its lemma (reference
    # counts), never the word, and a forked ingest worker copies every page it touches.
    # Parsed in place, words, lemmas and tuples lie interleaved, so the ~20,000 analyses a
    # worker meets touched most of the cache's 25 MB. So the analyses are made afresh after
    # parsing, in one run of their own (a pickle round trip), each with a lemma string of its
    # own rather than the word where the two are equal: the same values, ~9 MB less copied
    # per worker, ~0.05 CPU-s more to load.
    with gzip.open(path, "rb") as fh:
        text = fh.read().decode("utf-8")
    if "\r" in text:   # as a text-mode file would read it (universal newlines)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    words: list[str] = []
    which: list[int] = []                       # each word's analysis, by number
    numbers: dict[tuple[str, str], int] = {}    # (lemma, tag) -> its number
    for line in text.split("\n"):
        parts = line.split("\t")
        if len(parts) == 3:
            word, lemma, tag = parts
            words.append(word)
            which.append(numbers.setdefault((lemma, tag), len(numbers)))
    del text
    tags: dict[str, str] = {}
    distinct = [(lemma, tags.setdefault(tag, tag)) for lemma, tag in numbers]
    analyses = pickle.loads(pickle.dumps(distinct, pickle.HIGHEST_PROTOCOL))
    # (a word listed twice keeps its first place and its last analysis, as assignment would)
    return dict(zip(words, (analyses[i] for i in which)))


def _combining(word: str) -> int:
    import unicodedata
    return sum(1 for c in word if unicodedata.combining(c)) if not word.isascii() else 0


def _long_word(word: str) -> tuple[str, str]:
    """A token too long (or too marked) for the tagger, by rule in linear time: a capitalised
    run of letters is a noun (a giant compound), anything else (URL, hash, noise) no word (XY)."""
    if word[:1].isupper() and word.replace("-", "").isalpha() and not _combining(word):
        return word, "NN"
    return word, "XY"


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

    def spec(self, lang: str) -> TaggerSpec:
        return self.resources.get(f"tagger-spec:{lang}", lambda: TaggerSpec.from_entries(
            self.resources.language(lang).entries("tagger")))

    def analyzer(self, lang: str) -> WordAnalyzer:
        """The language's word analyser, built once per Resources."""
        return self.resources.get(f"analyzer:{lang}", lambda: WordAnalyzer(
            lang, compounds=CompoundRules.from_entries(self.resources.language(lang).entries("compounds")),
            warm=shared_word_cache(self.resources, lang), extra=shared_extra_cache(self.resources, lang),
            spec=self.spec(lang)))

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or "de"
        analyze = self.analyzer(lang)
        for t in doc.tokens:
            t.lemma, t.pos = analyze(t.text)
        spec = self.spec(lang)
        if spec.initial_from:
            for s in doc.sentences:
                if s.tok_start < s.tok_end:
                    t = doc.tokens[s.tok_start]
                    if t.pos in spec.initial_from and t.text[:1].isupper():
                        low = analyze(t.text.lower())
                        if low[1] in spec.initial_to:
                            t.lemma, t.pos = low
        retags = spec.retags
        if retags:
            # context rules, left to right within each sentence: a word's tag may depend on
            # the (already corrected) tag of the word before; a word whose tag the data fix
            # ("Mr", "Monday") keeps it under the capitalisation rules
            for s in doc.sentences:
                for i in range(s.tok_start, s.tok_end):
                    t = doc.tokens[i]
                    for r in retags:
                        if r.capitalised and t.text in spec.fixed:
                            continue
                        if t.pos == r.from_tag and r.applies(doc.tokens, i, s.tok_start, s.tok_end):
                            t.pos = r.to
                            break
        return doc
