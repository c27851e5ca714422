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


# Any character that can make SoMaJo's emoji pass split a token (its own two character classes).
_EMOJI_CHAR = r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]"
# The SoMaJo release whose private emoji pass `with_emoji_prefilter` wraps (constraints.txt).
SOMAJO_PREFILTER_VERSION = "2.5.0"


def _somajo_version() -> str | None:
    """The SoMaJo release in use, from the package itself (importlib.metadata's import alone
    cost ~0.04 CPU-s of start-up)."""
    import somajo
    return getattr(somajo, "__version__", None)


def with_emoji_prefilter(somajo_obj):
    """SoMaJo's emoji pass walks every grapheme of every token and runs an uncompiled regex
    on each: about half of SoMaJo's time on news text, which has almost no emoji. A token
    without any emoji character cannot be split by that pass (both of its tests look for
    one), so we skip the pass for such tokens and run it unchanged for the rest: an exact
    pre-filter, checked against stock SoMaJo by tests/components/test_tokens.py. It wraps a
    private method, so it is applied only to the release it was written for; any other
    release runs stock SoMaJo."""
    import regex
    inner = getattr(somajo_obj, "_tokenizer", None)
    if _somajo_version() != SOMAJO_PREFILTER_VERSION or not hasattr(inner, "_split_emojis"):
        return somajo_obj
    any_emoji = regex.compile(_EMOJI_CHAR)
    stock = inner._split_emojis

    def split_emojis(node, token_class="emoticon"):
        if any_emoji.search(node.value.text) is not None:
            stock(node, token_class)
    inner._split_emojis = split_emojis
    return somajo_obj


class _ChunkPattern:
    """A compiled pattern whose `finditer` searches only the whitespace-free chunks of a text
    that contain `needle`, with the text's own positions (pos/endpos on the whole string).

    Exact for a pattern that can match only inside such a chunk: none of its matches spans
    whitespace or lacks `needle`, its look-behind sees the real text before the chunk, and its
    look-ahead at the chunk's end sees nothing where the text has whitespace, which no
    pattern here treats differently. `abbreviation_data_fits_chunks` checks the first two
    conditions against SoMaJo's data when the wrapper is applied."""

    def __init__(self, pattern, needle: str):
        import regex
        self.pattern = pattern
        self.groupindex = pattern.groupindex
        self.needle = needle
        # A chunk is found from a needle: back to the whitespace before it, on to the one
        # after it (the same `\s` as the pattern's). Searching for whole chunks with a
        # pattern tried at every character cost as much as the abbreviation search itself.
        self._space_before = regex.compile(r"\s", regex.REVERSE)
        self._space_after = regex.compile(r"\s")

    def finditer(self, text: str):
        find = self.pattern.finditer
        before, after, needle = self._space_before.search, self._space_after.search, self.needle
        i = text.find(needle)
        while i >= 0:
            b = before(text, 0, i)
            a = after(text, i)
            start, end = (b.end() if b else 0), (a.start() if a else len(text))
            yield from find(text, start, end)
            i = text.find(needle, end)


class _NeedlePattern:
    """A compiled pattern whose every match contains one of `needles`: a text without any of
    them cannot match, so `finditer` returns at once (SoMaJo runs its `+`/`&` patterns over
    every paragraph, and news text rarely has either character)."""

    def __init__(self, pattern, needles: str):
        self.pattern = pattern
        self.groupindex = pattern.groupindex
        self.needles = needles

    def finditer(self, text: str):
        if any(c in text for c in self.needles):
            return self.pattern.finditer(text)
        return iter(())


class _GatedPattern:
    """A compiled pattern every match of which contains a match of `gate` (a short pattern
    compiled with the same case flag): a text in which the gate finds nothing cannot match,
    so `finditer` returns at once. SoMaJo runs some forty patterns over every paragraph,
    and most of them (e-mail addresses, ISBNs, dates with three parts, gender stars, arrows)
    match almost nowhere in news text; the gate is a search for a literal or a short class."""

    def __init__(self, pattern, gate: str):
        import regex
        self.pattern = pattern
        self.groupindex = pattern.groupindex
        self.gate = regex.compile(gate, pattern.flags & regex.IGNORECASE)

    def finditer(self, text: str, *span):
        if self.gate.search(text) is None:
            return iter(())
        return self.pattern.finditer(text, *span)


# SoMaJo's patterns (of the release SOMAJO_PREFILTER_VERSION) and a gate that every match of
# each contains, read off the pattern (somajo/tokenizer.py); tests/components/test_tokens.py
# compares every wrapped pattern with the stock one. Why each gate holds:
_GATES = {
    # "@" or " [at] " between the parts
    "email": r"[@\[]",
    # ISBN-10/13 without separators have at least nine digits in a row; with separators, a
    # group of digits, a space or hyphen, and the next group
    "isbn": r"\d{9}|\d[ -]\d",
    # day (or month), separator, month (or day), the same separator, year
    "three_part_date_dmy": r"\d[./-]\d{1,2}[./-]\d",
    "three_part_date_mdy": r"\d[./-]\d{1,2}[./-]\d",
    # "*in", ":in", "/in" (and "-innen" after them)
    "gender_marker": r"[*:/]in",
    # "<word>.Nr." / "<word>.-Nr."
    "nr_abbreviations": r"nr\.",
    # a number of at most three (or five and more, or four from 3000) digits, then a full stop
    "ordinal": r"\d\.",
    # a full stop before the top-level domain or file ending (all of them ASCII letters)
    "url_without_protocol": r"\.[a-z]",
    # "->", "<-" (with a space or more hyphens) or an arrow character
    "arrow": r"[<>\u2190-\u21ff]",
    # WS/SS/SoSe/WiSe, then two digits of the year
    "semester": r"(?:s|e)\d\d",
}


def abbreviation_data_fits_chunks(language: str) -> bool:
    """Whether every entry of SoMaJo's abbreviation list for `language` contains a full stop
    and no whitespace, so that `_ChunkPattern` is exact for its abbreviation pattern (the
    other alternative, letter-dot sequences, always does)."""
    from somajo import utils
    entries = utils.read_abbreviation_file(f"abbreviations_{language[:2]}.txt", to_lower=True)
    return all("." in e and not any(c.isspace() for c in e) for e in entries)


def single_token_abbreviation_data_fits_chunks(language: str) -> bool:
    """Whether every entry of SoMaJo's list of multi-dot abbreviations (z.B., u.a.) contains a
    full stop and no whitespace, so that `_ChunkPattern` is exact for its pattern."""
    from somajo import utils
    entries = utils.read_abbreviation_file(f"single_token_abbreviations_{language[:2]}.txt")
    return all("." in e and not any(c.isspace() for c in e) for e in entries)


def plus_ampersand_data_fits() -> bool:
    """Whether every special token of SoMaJo's `+`/`&` list contains a `+` or a `&`."""
    from somajo import utils
    return all(("+" in e or "&" in e) for e in utils.read_abbreviation_file("tokens_with_plus_or_ampersand.txt"))


def with_fast_patterns(somajo_obj):
    """Many of SoMaJo's patterns are run over whole paragraphs although they can only match in
    a few places: the abbreviation pattern (1,230 alternatives, ~10% of the whole pipeline's
    time) and the multi-dot abbreviations only in a whitespace-free chunk with a full stop,
    the two `+`/`&` patterns only where one of those characters occurs, and the patterns of
    `_GATES` only where their gate matches. We wrap the compiled patterns so that they search
    only there; the matches, and so the tokens, are the same (tests/components/test_tokens.py
    compares with stock SoMaJo). Applied only to the release `with_emoji_prefilter` names and
    only when SoMaJo's data keeps the conditions that make the wrappers exact."""
    inner = getattr(somajo_obj, "_tokenizer", None)
    if _somajo_version() != SOMAJO_PREFILTER_VERSION or inner is None or not all(
            hasattr(inner, a) for a in ("abbreviation", "token_with_plus_ampersand",
                                        "simple_plus_ampersand_candidates", "language")):
        return somajo_obj
    if abbreviation_data_fits_chunks(inner.language):
        inner.abbreviation = _ChunkPattern(inner.abbreviation, ".")
    if plus_ampersand_data_fits():
        inner.token_with_plus_ampersand = _NeedlePattern(inner.token_with_plus_ampersand, "+&")
        inner.simple_plus_ampersand_candidates = _NeedlePattern(inner.simple_plus_ampersand_candidates, "+&")
    if hasattr(inner, "single_token_abbreviation") and single_token_abbreviation_data_fits_chunks(inner.language):
        inner.single_token_abbreviation = _ChunkPattern(inner.single_token_abbreviation, ".")
    for name, gate in _GATES.items():
        if hasattr(getattr(inner, name, None), "finditer"):
            setattr(inner, name, _GatedPattern(getattr(inner, name), gate))
    return somajo_obj


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

    def _somajo(self, lang: str, offsets: bool = False):
        # SoMaJo's own character offsets cost ~40% of its run time (NFC alignment of every
        # character); `_align` finds the tokens in the paragraph instead, and only paragraphs
        # it cannot align (soft hyphens, zero-width or non-NFC characters inside tokens) go
        # through a second instance that computes the offsets itself.
        def load():
            from somajo import SoMaJo
            tok = SoMaJo(_SOMAJO_MODEL.get(lang, "en_PTB"), split_camel_case=False,
                         character_offsets=offsets)
            return with_fast_patterns(with_emoji_prefilter(tok))
        return self.resources.get(f"somajo:{lang}:{'offsets' if offsets else 'plain'}", load)

    def _glue(self, lang: str) -> GlueSplitter | None:
        def load():
            from lagebild.components.tags import shared_word_cache
            known = shared_word_cache(self.resources, lang)
            if not known:
                return None
            entries = self.resources.language(lang).entries("tokenizer")
            return GlueSplitter(known, frozenset(e["word"] for e in entries if e.get("type") == "not_glued"),
                                frozenset(e["word"] for e in entries if e.get("type") == "glue_particle"))
        return self.resources.get(f"glue:{lang}", load)

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or "de"
        tok = self._somajo(lang)
        names = self.resources.get(f"not_abbreviations:{lang}", lambda: frozenset(
            e["word"] for e in self.resources.language(lang).entries("tokenizer")
            if e.get("type", "not_abbreviation") == "not_abbreviation"))
        glue = self._glue(lang)
        joiners = self.resources.get(f"joiners:{lang}", lambda: frozenset(
            e["word"] for e in self.resources.language(lang).entries("tokenizer") if e.get("type") == "join"))
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        # SoMaJo yields sentences paragraph by paragraph, in order; we walk the paragraphs in
        # step to turn paragraph-relative offsets into document offsets.
        for offset, para in paragraphs(doc.text):
            sents = list(tok.tokenize_text([para]))
            spans = _align(sents, para)
            if spans is None:
                sents = list(self._somajo(lang, offsets=True).tokenize_text([para]))
                spans = [[t.character_offset for t in sent] for sent in sents]
            for sent, sent_spans in zip(sents, spans):
                pieces = _split_false_abbreviations(sent, sent_spans, names)
                if joiners:
                    pieces = [join_tokens(p, para, joiners) for p in pieces]
                if glue is not None:
                    pieces = [q for p in pieces for q in glue.split(p, para)]
                pieces = [q for p in pieces for q in split_before_clock(p, para)]
                pieces = [q for p in pieces for q in split_after_glued_quote(p, para)]
                pieces = [q for p in pieces for q in cap_sentence(p, para)]
                for piece in pieces:
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


def join_tokens(piece: list[tuple[int, int, bool]], para: str,
                joiners: frozenset[str]) -> list[tuple[int, int, bool]]:
    """`piece` with every joiner that touches a word on both sides ("Kilroy - Silk" written
    "Kilroy-Silk") merged with its neighbours into one token."""
    out: list[tuple[int, int, bool]] = []
    k = 0
    while k < len(piece):
        a, b, space = piece[k]
        if out and para[a:b] in joiners and k + 1 < len(piece) and out[-1][1] == a \
                and piece[k + 1][0] == b and para[a - 1].isalnum() and para[b:b + 1].isalnum():
            out[-1] = (out[-1][0], piece[k + 1][1], piece[k + 1][2])
            k += 2
            continue
        out.append((a, b, space))
        k += 1
    return out


# Several later stages (quote cues against their complements, clause and chunk searches) cost
# the square of a sentence's length, and text without full stops (tables, lists, spam, "X sagte,
# " a hundred thousand times) makes one sentence of the whole paragraph (issue 15). A news
# sentence has some 20 tokens and rarely over 80, so a "sentence" is cut at this length, at its
# last clause break inside the window, which bounds every per-sentence stage by construction.
MAX_SENTENCE_TOKENS = 160
_SOFT_BREAKS = frozenset({",", ";", ":", "–", "-", ")"})


Span = tuple[int, int, bool]


def _cut_after(piece: list[Span], cuts: list[int]) -> list[list[Span]]:
    """`piece` cut into sentences after each token index in `cuts` (ascending)."""
    out, start = [], 0
    for i in cuts:
        out.append(piece[start:i + 1])
        start = i + 1
    out.append(piece[start:])
    return [p for p in out if p]


def split_before_clock(piece: list[Span], para: str) -> list[list[Span]]:
    """A full stop after a word, then a time of day, ends a sentence: a live blog's next
    entry ("... greift Beirut an. 20:28 Uhr - ..."). The tokenizer keeps a full stop before
    a number in the sentence, as it must for dates ("am 3. 10. 2025")."""
    text = [para[a:b] for a, b, _ in piece]
    return _cut_after(piece, [i for i in range(1, len(piece) - 1) if text[i] == "."
                              and text[i - 1].isalpha() and _CLOCK.match(text[i + 1])])


_CLOCK = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
_QUOTES = frozenset('"“”„«»')


def split_after_glued_quote(piece: list[Span], para: str) -> list[list[Span]]:
    """A closing quotation mark glued to a capitalised word ends a sentence: live blogs glue
    their headlines together ('... sieht Frieden "in greifbarer Nähe"Trump ruft ...'). A
    closing mark is an even one of the sentence so far, with a letter right before it and no
    space on either side; typography never writes a word straight after a closing mark."""
    cuts, marks = [], 0
    for i, (a, b, _) in enumerate(piece):
        if para[a:b] not in _QUOTES:
            continue
        marks += 1
        if marks % 2 == 0 and 0 < i < len(piece) - 1 and piece[i - 1][1] == a \
                and piece[i + 1][0] == b and para[a - 1].isalpha() and para[b].isupper():
            cuts.append(i)
            marks = 0       # the next sentence counts its own marks
    return _cut_after(piece, cuts)


def cap_sentence(piece: list[tuple[int, int, bool]], para: str,
                 limit: int = MAX_SENTENCE_TOKENS) -> list[list[tuple[int, int, bool]]]:
    """`piece` cut into runs of at most `limit` tokens, each ending at a clause break where
    there is one in its second half."""
    out = []
    while len(piece) > limit:
        cut = next((k + 1 for k in range(limit - 1, limit // 2 - 1, -1)
                    if para[piece[k][0]:piece[k][1]] in _SOFT_BREAKS), limit)
        out.append(piece[:cut])
        piece = piece[cut:]
    out.append(piece)
    return out


class GlueSplitter:
    """Live blogs and bylines glue headlines together without a space ("ARD KairoAngriffe
    auf ...", "im ÜberblickTrump droht ..."). A token that is a lower-case word run followed
    by a capitalised part, where the right part is a known word and the left one is known
    or long, is two words across a sentence boundary. Known words come from the shipped
    word cache; camel-case names that look glued are listed in the tokenizer data."""

    def __init__(self, known: dict[str, object], exceptions: frozenset[str],
                 particles: frozenset[str] = frozenset()):
        self.known = known
        self.exceptions = exceptions
        # separable particles close a headline's clause ("zieht Diplomaten ab"), so the
        # next headline may be glued to them ("abIsrael", "aufMeisten"), longest first
        self.particles = tuple(sorted(particles, key=len, reverse=True))
        # Every token is asked, and almost none starts with a particle: a set lookup per
        # particle length (longest first, as the list is sorted; two particles of one length
        # cannot both start a word) instead of a slice and a comparison per particle.
        self._particle_set = frozenset(particles)
        self._particle_lengths = tuple(sorted({len(p) for p in particles}, reverse=True))

    def _after_particle(self, word: str) -> int | None:
        for n in self._particle_lengths:
            if word[:n] not in self._particle_set or len(word) < n:
                continue
            rest = word[n:]
            if len(rest) > 2 and rest[:1].isupper() and rest[1:2].islower() \
                    and (rest in self.known or rest.split("-", 1)[0] in self.known or _NAME_LIKE.match(rest)):
                return n
        return None

    def cut(self, word: str) -> int | None:
        """Where `word` splits into two glued words, or None."""
        if word in self.exceptions:
            return None
        k = self._after_particle(word)
        if k is not None:
            return k
        m = _GLUED.match(word)
        if m is None:
            return None
        # "US-DollarKatar", "Iran-KonfliktIrak": a hyphenated compound glued to the next
        # headline is judged by its last part
        compound, left, right = m.group(1) or "", m.group(2), m.group(3)
        if compound:
            k = self.cut(left + right)
            return None if k is None else len(compound) + k
        if len(left) < GLUED_MIN_LEFT:
            return None
        head = right.split("-", 1)[0]
        known = self.known
        left_known = left in known or left.lower() in known
        if left_known and _NAME_LIKE.match(head):
            # "SüdenHegseth", "verbanntBanaszak": a known word, then a capitalised part the
            # cache lacks (a name, a long compound): camel-case names are listed as not glued
            return len(left)
        if not (right in known or head in known) or len(head) < 2:
            return None
        if left_known or len(left) >= GLUED_LONG_LEFT:
            return len(left)
        return None

    def split(self, piece: list[tuple[int, int, bool]], para: str) -> list[list[tuple[int, int, bool]]]:
        """One sentence's (start, end, space_after) spans, cut into sentences at glued words."""
        out: list[list[tuple[int, int, bool]]] = [[]]
        for i, (a, b, space) in enumerate(piece):
            k = self.cut(para[a:b])
            if k is None:
                k = _clock_glued(para, piece, i)
            if k is None:
                out[-1].append((a, b, space))
                continue
            out[-1].append((a, a + k, False))
            out.append([(a + k, b, space)])
        return [p for p in out if p]


def _clock_glued(para: str, piece: list[tuple[int, int, bool]], i: int) -> int | None:
    """A live blog's time stamp glued to the headline before it ("zerstört20:28 Uhr - ..."):
    the word ends in the hour's digits and a colon and two digits follow. Returns where the
    hour starts."""
    a, b, space = piece[i]
    m = _WORD_HOUR.match(para[a:b])
    if m is None or space or i + 2 >= len(piece):
        return None
    colon, minutes = piece[i + 1], piece[i + 2]
    if para[colon[0]:colon[1]] != ":" or not re.fullmatch(r"\d\d", para[minutes[0]:minutes[1]]):
        return None
    return len(m.group(1))


_WORD_HOUR = re.compile(r"^([\w-]*[a-zäöüß])([01]?\d|2[0-3])$")
# A lower-case run of three or more letters (after an optional capital), then a capital:
# "KairoAngriffe", "HormusIran"; not "McLaren", "iPhone", "UniCredit" (two-letter runs).
_GLUED = re.compile(r"^((?:[\w]+-)*)([A-ZÄÖÜ]?[a-zäöüß]{3,})([A-ZÄÖÜ][\w-]*)$")
_NAME_LIKE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]{3,}$")   # a capital, then at least three small letters
GLUED_MIN_LEFT = 4    # "derStandard" is a name, not "der" + "Standard"
GLUED_LONG_LEFT = 8   # a left part this long is a word even if the cache lacks it


def _align(sentences, para: str) -> list[list[tuple[int, int]]] | None:
    """(start, end) of every SoMaJo token in `para`, found left to right with nothing but
    whitespace between tokens; None when a token is not there verbatim (SoMaJo drops soft
    hyphens and zero-width characters from tokens and NFC-normalises them)."""
    out: list[list[tuple[int, int]]] = []
    pos = 0
    for sent in sentences:
        spans = []
        for t in sent:
            text = t.text if t.original_spelling is None else t.original_spelling
            i = para.find(text, pos)
            if i < 0 or (i > pos and not para[pos:i].isspace()) or not text:
                return None
            pos = i + len(text)
            spans.append((i, pos))
        out.append(spans)
    return out


def _split_false_abbreviations(sent, spans: list[tuple[int, int]], names: frozenset[str] = frozenset()
                                ) -> list[list[tuple[int, int, bool]]]:
    """(start, end, space_after) spans of one SoMaJo sentence (its tokens and their spans),
    split into sentences again where a word wrongly kept its full stop as an abbreviation."""
    pieces: list[list[tuple[int, int, bool]]] = [[]]
    n = len(sent)
    for i, (t, (a, b)) in enumerate(zip(sent, spans)):
        if t.text.endswith(".") and (_WORD_WITH_STOP.match(t.text) or t.text[:-1] in names) \
                and (i == n - 1 or sent[i + 1].text[:1].isupper()):
            pieces[-1].append((a, b - 1, False))
            pieces[-1].append((b - 1, b, bool(t.space_after)))
            if i < n - 1:
                pieces.append([])
            continue
        pieces[-1].append((a, b, bool(t.space_after)))
    return [p for p in pieces if p]
