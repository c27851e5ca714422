"""Find quantities ("mehr als 20 Menschen", "200 Milliarden US-Dollar", "12 Prozent") in text.

What counts as a quantity: every cardinal amount written with digits or number words, with
its scale ("Milliarden"), unit or currency, and the noun it counts where one follows, unless the
number is part of a date, a time of day, a bare year, an ordinal, an identifier ("G7", "F-35",
"Artikel 5") or a glued compound modifier ("20-jährige"). Indefinite articles count as one only
before a scale or fraction ("eine Million", "ein Drittel") or a counted noun the data marks as
such (people: "ein Soldat"). Vague plurals ("Hunderte", "Tausende") count at their smallest
plausible value (two of the unit: 200, 2000) with `approx` set. A range ("20 bis 30") is one
quantity whose `value` is the lower bound and `upper` the upper bound. Qualifiers ("mehr als",
"mindestens", "rund") are kept in the text span and as a canonical key in `qualifier`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lagebild.numbers.data import UPPER, NounClass, NumberData
from lagebild.numbers.parse import CONNECTOR, MULTIPLIER, Morpheme, combine, parse_numeral, segment
from lagebild.numbers.tokens import NUM, PUNCT, WORD, Tok, adjacent, tokenize

# Punctuation is not language data: quotes may stand between a number and its noun
# (zwei "Eurofighter"), closers may follow a sentence-final number.
_QUOTES = frozenset("\"'„“”‚‘’»«›‹")
_CLOSERS = frozenset("\"'“”‘’»«›‹)]}.!?…")
_IDENT_JOINERS = frozenset("-/:")   # F-35, 9/11, 14:30 — numbers inside identifiers and times
_RATIO_JOINERS = frozenset("/:")    # 24/7, 3:0 — a number followed by these and a digit
_DASHES = frozenset("-–")           # 5-4 that is no range (falling) is a score
_YEARS = (1000, 2199)               # a bare four-digit number in this range is read as a year
_MODERN_YEARS = (1900, 2100)        # ... and in this range also before a noun the data does not know
_TENS = (20, 100)                   # "twenty five" (no hyphen) still joins to 25

DIGITS, WORDS, ARTICLE, VAGUE, PARTIAL, IMPLICIT = "digits", "words", "article", "vague", "partial", "implicit"


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    counts: str | None = None
    qualifier: str | None = None   # canonical key from the data: gt, ge, lt, le, approx, all ...
    upper: float | None = None     # upper bound of a range
    approx: bool = False


@dataclass(frozen=True, slots=True)
class _Numeral:
    value: float
    first: int          # token index of the first token
    end: int            # token index after the numeral
    kind: str
    needs_scale: bool = False


@dataclass(slots=True)
class _Build:
    """A candidate being assembled; token indexes refer to the sentence's token list."""
    first: int
    num: _Numeral
    end: int
    currency: str | None = None
    upper: _Numeral | None = None
    scale: float | None = None
    fraction: float | None = None
    unit: str | None = None
    counts: str | None = None
    noun: NounClass | None = None
    qualifier: str | None = None
    end_char: int | None = None     # span end inside a token ("500-Milliarden" of a compound)
    noun_at: int | None = None      # token index of a counted noun right after the amount


class _Ctx:
    """One sentence being scanned."""

    def __init__(self, text: str, data: NumberData, toks: Sequence[Tok]):
        self.text, self.data, self.toks = text, data, toks
        self.floor = 0      # first token not used by an earlier match; look-behinds stop here

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None


# --- numerals -----------------------------------------------------------------------------

def _segments(ctx: _Ctx, i: int) -> list[Morpheme] | None:
    t = ctx.tok(i)
    if t is None or t.kind != WORD:
        return None
    starts = ctx.data.morpheme_starts
    if t.key[:2] not in starts and t.key[:1] not in starts:
        return None
    return segment(t.key, ctx.data.morphemes, ctx.data.morpheme_max)


def _joins(run: list[Morpheme], nxt: list[Morpheme]) -> bool:
    """Whether a following number word continues the run ("two hundred", "twenty five")."""
    if nxt[0].role == MULTIPLIER or run[-1].role == MULTIPLIER:
        return True
    last = run[-1]
    return (len(nxt) == 1 and nxt[0].role != CONNECTOR and nxt[0].value < 10
            and _TENS[0] <= last.value < _TENS[1] and last.value % 10 == 0)


def _word_run(ctx: _Ctx, i: int) -> _Numeral | None:
    run = _segments(ctx, i)
    if not run:
        return None
    j = i + 1
    while j < len(ctx.toks):
        seg = _segments(ctx, j)
        if seg and len(seg) == 1 and seg[0].role == CONNECTOR and run[-1].role == MULTIPLIER:
            after = _segments(ctx, j + 1)      # "hundred and five": connector between words
            if after and after[0].role != CONNECTOR:
                run, j = run + after, j + 2
                continue
        if seg and seg[0].role != CONNECTOR and _joins(run, seg):
            run, j = run + seg, j + 1
            continue
        break
    value = combine(run)
    return None if value is None else _Numeral(value, i, j, WORDS)


def _numeral(ctx: _Ctx, i: int) -> _Numeral | None:
    t, data = ctx.tok(i), ctx.data
    if t is None:
        return None
    if t.kind == NUM:
        v = parse_numeral(t.text, data.fmt.numeral)
        return None if v is None else _Numeral(v, i, i + 1, DIGITS)
    if t.kind != WORD:
        return None
    hit = data.vague.match(ctx.toks, i)
    if hit:
        return _Numeral(hit[0].value, i, hit[1], VAGUE, hit[0].needs_scale)
    part = data.partials.match(ctx.toks, i)
    if part:
        return _Numeral(part[0], i, part[1], PARTIAL, needs_scale=True)
    art = data.articles.match(ctx.toks, i)
    if art:
        return _Numeral(1.0, i, art[1], ARTICLE)
    run = _word_run(ctx, i)
    if run:
        return run
    if data.fractions.match(ctx.toks, i):
        return _Numeral(1.0, i, i, IMPLICIT)      # "die Hälfte": the fraction itself is the amount
    return None


# --- what follows the numeral -------------------------------------------------------------

def _range(ctx: _Ctx, b: _Build) -> None:
    if b.num.kind not in (DIGITS, WORDS):
        return
    hit = ctx.data.ranges.match(ctx.toks, b.num.end)
    if not hit:
        return
    join, j = hit
    opener = ctx.data.range_openers.match_before(ctx.toks, b.first)
    if join.needs_opener and not opener:
        return
    upper = _numeral(ctx, j)
    if upper is None or upper.kind not in (DIGITS, WORDS) or upper.value <= b.num.value:
        return                          # "5-4", "0-0" are scores, not ranges
    b.upper, b.end = upper, upper.end
    if opener:
        b.first = opener[1]


def _scale(ctx: _Ctx, b: _Build) -> None:
    data, k = ctx.data, b.end
    hit = data.scales.match(ctx.toks, k)
    if hit:
        scale, j = hit
        prev = ctx.toks[k - 1]
        glued_ok = not scale.glued or (prev.kind == NUM and adjacent(prev, ctx.toks[k]))
        currency_ok = not scale.with_currency or b.currency or data.currency_after.match(ctx.toks, j)
        if glued_ok and currency_ok:
            b.scale, b.end = scale.value, j
            return
    frac = data.fractions.match(ctx.toks, k)
    if frac and (not frac[0].needs_partitive or data.partitives.match(ctx.toks, frac[1])):
        b.fraction, b.unit, b.end = frac[0].value, frac[0].unit, frac[1]


def _unit(ctx: _Ctx, b: _Build) -> None:
    if b.currency or b.unit:
        return
    cur = ctx.data.currency_after.match(ctx.toks, b.end)
    if cur and ctx.data.currency_before.match(ctx.toks, b.end) and _numeral(ctx, cur[1]):
        cur = None                      # "by 2008 pounds 60bn": the currency belongs to the next amount
    unit = ctx.data.units.match(ctx.toks, b.end)
    if cur and (not unit or cur[1] >= unit[1]):
        b.currency, b.end = cur
    elif unit:
        b.unit, b.end = unit


def _word_parts(t: Tok) -> list[Tok]:
    """The hyphen-separated parts of a compound word token, as tokens with their own offsets."""
    parts, pos = [], t.start
    for piece in t.text.split("-"):
        parts.append(Tok(piece, piece.casefold(), pos, pos + len(piece), WORD))
        pos += len(piece) + 1
    return [p for p in parts if p.text]


def _compound(ctx: _Ctx, b: _Build) -> None:
    """ "ein 500-Milliarden-Euro-Paket", "die 5-Prozent-Hürde": an amount opening a compound."""
    hyphen, word = ctx.tok(b.end), ctx.tok(b.end + 1)
    last = ctx.toks[b.end - 1]
    if (b.end != (b.upper or b.num).end or hyphen is None or word is None or hyphen.text != "-"
            or word.kind != WORD or not adjacent(last, hyphen) or not adjacent(hyphen, word)):
        return
    parts, k = _word_parts(word), 0
    scale = ctx.data.scales.match(parts, k)
    if scale and not scale[0].glued:
        b.scale, k = scale[0].value, scale[1]
    cur = ctx.data.currency_after.match(parts, k) if not b.currency else None
    unit = ctx.data.units.match(parts, k) if not cur else None
    if cur:
        b.currency, k = cur
    elif unit:
        b.unit, k = unit
    if k:
        b.end, b.end_char = b.end + 2, parts[k - 1].end
        rest = parts[k:]
        if rest:        # what the compound names is what is counted ("Sondervermögen")
            b.counts = ctx.text[rest[0].start:rest[-1].end]


def _adjective(t: Tok, ctx: _Ctx) -> bool:
    fmt = ctx.data.fmt
    return (t.text[:1].islower() and len(t.text) >= fmt.adjective_min_length
            and t.key.endswith(fmt.adjective_endings))


def _noun_at(ctx: _Ctx, k: int) -> tuple[int, NounClass | None] | None:
    """The counted noun in the words after token k: (index, class) or None.

    Where nouns are capitalised, the first capitalised word after any adjectives is the head;
    elsewhere only nouns the data knows are taken, since adjectives cannot be told apart.
    """
    data = ctx.data
    upper = data.fmt.noun_initial == UPPER
    words = 0
    j = k
    while j < len(ctx.toks) and words < data.fmt.window:
        t = ctx.toks[j]
        if t.kind == PUNCT and t.text in _QUOTES:
            j += 1
            continue
        if t.kind != WORD or t.key in data.stops:
            return None
        capital = t.text[:1].isupper()
        cls = data.noun_class(t.text) if capital or not upper else None
        if cls or (upper and capital):
            return j, cls
        if upper and not _adjective(t, ctx):
            return None
        words += 1
        j += 1
    return None


def _noun(ctx: _Ctx, b: _Build) -> None:
    if b.currency or b.unit or b.end_char is not None:
        return
    hit = _noun_at(ctx, b.end)
    if hit:
        j, cls = hit
        b.counts, b.noun, b.noun_at, b.end = ctx.toks[j].text, cls, j, j + 1
        b.unit = cls.key if cls else None
        after = ctx.tok(j + 1)
        quoted = any(t.text in _QUOTES for t in ctx.toks[b.num.end:j])
        if quoted and after is not None and after.text in _QUOTES and adjacent(ctx.toks[j], after):
            b.end = j + 2                   # keep the closing quote of zwei "Eurofighter"


def _partitive(ctx: _Ctx, b: _Build) -> None:
    """ "39 von 40 Schiffen", "12 Prozent der Stimmen": what is counted, outside the span."""
    hit = ctx.data.partitives.match(ctx.toks, b.end)
    if not hit:
        return
    j = hit[1]
    num = _numeral(ctx, j)
    if num and num.kind in (DIGITS, WORDS):
        j = num.end
    noun = _noun_at(ctx, j)
    if noun:
        b.counts = ctx.toks[noun[0]].text
        if b.unit is None and b.currency is None and noun[1]:
            b.unit = noun[1].key


def _link(ctx: _Ctx, b: _Build) -> None:
    """ "Handel von 200 Milliarden": the noun before a linking phrase is what is counted."""
    hit = ctx.data.links.match_before(ctx.toks, b.first)
    t = ctx.tok(hit[1] - 1) if hit else None
    if t is None or t.kind != WORD or t.key in ctx.data.stops:
        return
    if ctx.data.noun_class(t.text) or ctx.data.fmt.noun_initial != UPPER or t.text[:1].isupper():
        b.counts = t.text


# --- rejections ---------------------------------------------------------------------------

def _identifier(ctx: _Ctx, num: _Numeral, after_prefix: bool) -> bool:
    """Digits glued into an identifier, a time or a ratio: G7, F-35, 14:30, 9/11, 3:0."""
    toks, i = ctx.toks, num.first
    p = ctx.tok(i - 1)
    if p is not None and adjacent(p, toks[i]) and not after_prefix:
        if p.kind == WORD:
            return True
        pp = ctx.tok(i - 2)
        if p.text in _IDENT_JOINERS and pp is not None and adjacent(pp, p) and pp.kind in (WORD, NUM):
            return True
    q, qq = ctx.tok(num.end), ctx.tok(num.end + 1)
    return (q is not None and qq is not None and q.text in _RATIO_JOINERS and qq.kind == NUM
            and adjacent(toks[num.end - 1], q) and adjacent(q, qq))


def _score(ctx: _Ctx, b: _Build) -> bool:
    """ "5-4" where no range was read: a result or an identifier, not an amount."""
    q, qq = ctx.tok(b.num.end), ctx.tok(b.num.end + 1)
    return (b.upper is None and b.num.kind == DIGITS and q is not None and qq is not None
            and q.text in _DASHES and qq.kind == NUM
            and adjacent(ctx.toks[b.num.end - 1], q) and adjacent(q, qq))


def _glued_modifier(ctx: _Ctx, b: _Build) -> bool:
    """Digits glued to a word that is no unit ("3D", "3rd") or to a hyphen compound ("20-jährige")."""
    last = b.upper or b.num
    if b.end != last.end or last.kind != DIGITS:
        return False
    q, qq = ctx.tok(last.end), ctx.tok(last.end + 1)
    prev = ctx.toks[last.end - 1]
    if q is None or not adjacent(prev, q):
        return False
    if q.kind == WORD:
        return True
    return q.text == "-" and qq is not None and qq.kind == WORD and adjacent(q, qq)


def _sentence_final(ctx: _Ctx, i: int) -> bool:
    return all(t.kind == PUNCT and t.text in _CLOSERS for t in ctx.toks[i + 1:])


def _new_sentence_after(ctx: _Ctx, i: int) -> bool:
    """A capitalised function word after "111." opens a new sentence ("eine Opferzahl von 111.
    Der Dienst ..."): an ordinal is followed by its noun or month, never by an article or a
    pronoun. Sentence splitters keep such a full stop, taking the number for an ordinal."""
    t = ctx.tok(i)
    return t is not None and t.kind == WORD and t.text[:1].isupper() and t.text.casefold() in ctx.data.stops


def _ordinal(ctx: _Ctx, b: _Build) -> bool:
    """ "am 3. Oktober": a number with the ordinal suffix, unless the suffix ends the sentence."""
    suffix = ctx.data.fmt.ordinal_suffix
    last = b.upper or b.num
    q = ctx.tok(last.end)
    if not suffix or last.kind != DIGITS or b.end != last.end or q is None or q.text != suffix:
        return False
    if not adjacent(ctx.toks[last.end - 1], q):
        return False
    if not _sentence_final(ctx, last.end) and not _new_sentence_after(ctx, last.end + 1):
        return True
    if ctx.data.ordinal_context.match_before(ctx.toks, last.first):
        return True                     # "zum 80." cut off by a sentence splitter
    # A sentence splitter may have cut "am 3. | Oktober": look past the sentence end.
    peek = tokenize(ctx.data.token_re, ctx.text, q.end, min(len(ctx.text), q.end + 40))
    return bool(ctx.data.skip_after.match(peek, 0))


def _year(ctx: _Ctx, b: _Build) -> bool:
    """A four-digit number in the year range, unless it has a unit, a qualifier or a counted
    noun ("1600 Angriffe"); after a year word ("seit", "Mitte") it is a year regardless."""
    t = ctx.toks[b.num.first]
    if not (b.num.kind == DIGITS and t.text.isdigit() and len(t.text) == 4
            and _YEARS[0] <= b.num.value <= _YEARS[1]):
        return False
    if b.currency or b.scale or b.fraction or b.qualifier or (b.unit and b.noun_at is None):
        return False
    if b.noun_at is None or ctx.data.year_context.match_before(ctx.toks, b.num.first):
        return True
    # "des 1979 gestürzten Schahs" vs "1300 Jobs": an unknown noun after a modern year is no count
    return b.noun is None and _MODERN_YEARS[0] <= b.num.value <= _MODERN_YEARS[1]


def _skipped(ctx: _Ctx, b: _Build, num_start: int) -> bool:
    data = ctx.data
    if data.skip_before.match_before(ctx.toks, num_start):
        return True
    last = b.upper or b.num
    if data.skip_after.match(ctx.toks, last.end):       # also when "Uhr" was taken for a noun
        return True
    if b.num.kind == DIGITS:
        pos = ctx.toks[b.num.first].start
        return any(p.match(ctx.text, pos) for p in data.skip_patterns)
    return False


def _capitalised_word_number(ctx: _Ctx, b: _Build) -> bool:
    """Where nouns are capitalised, a capitalised number word after another word is a noun
    ("in Acht nehmen", "die Elf"); at a sentence start or after a colon it is just capitalised."""
    if ctx.data.fmt.noun_initial != UPPER or b.num.kind != WORDS:
        return False
    prev = ctx.tok(b.num.first - 1)
    return ctx.toks[b.num.first].text[:1].isupper() and prev is not None and prev.kind != PUNCT


def _article_noun(ctx: _Ctx, b: _Build) -> bool:
    """ "ein Soldat" counts as one; where adjectives cannot be recognised ("a danger people")
    the noun must follow the article directly."""
    if b.noun is None or not b.noun.article:
        return False
    return ctx.data.fmt.noun_initial == UPPER or b.noun_at == b.num.end


def _valid(ctx: _Ctx, b: _Build, num_start: int) -> bool:
    kind = b.num.kind
    if b.num.needs_scale and b.scale is None:
        return False
    if kind == ARTICLE and not (b.scale or b.fraction or _article_noun(ctx, b)):
        return False
    if kind == IMPLICIT and not (b.fraction and (b.qualifier or b.first < b.num.first)):
        return False
    if kind == DIGITS and (_identifier(ctx, b.num, num_start < b.num.first) or _glued_modifier(ctx, b)
                           or _score(ctx, b)):
        return False
    return not (_ordinal(ctx, b) or _year(ctx, b) or _skipped(ctx, b, num_start)
                or _capitalised_word_number(ctx, b))


# --- assembling ---------------------------------------------------------------------------

def _times(value: float, b: _Build) -> float:
    return value * (b.scale or 1.0) * (b.fraction or 1.0)


def _result(ctx: _Ctx, b: _Build) -> QuantityMatch:
    start, end = ctx.toks[b.first].start, b.end_char or ctx.toks[b.end - 1].end
    unit = b.currency or b.unit
    return QuantityMatch(
        text=ctx.text[start:end], start=start, end=end, value=_times(b.num.value, b),
        unit=unit, counts=b.counts, qualifier=b.qualifier,
        upper=_times(b.upper.value, b) if b.upper else None,
        approx=b.num.kind == VAGUE or b.qualifier == "approx",
    )


def _lookbehind(ctx: _Ctx, b: _Build) -> None:
    """Determiner ("die Hälfte") and qualifier ("mehr als") before the amount join the span."""
    if b.num.kind == IMPLICIT:
        det = ctx.data.determiners.match_before(ctx.toks, b.first)
        if det:
            b.first = det[1]
    q = ctx.data.qualifiers.match_before(ctx.toks, b.first)
    if q:
        b.qualifier, b.first = q


def _match_at(ctx: _Ctx, i: int) -> _Build | None:
    prefix = ctx.data.currency_before.match(ctx.toks, i)
    j = prefix[1] if prefix else i
    num = _numeral(ctx, j)
    if num is None:
        return None
    b = _Build(first=i, num=num, end=num.end, currency=prefix[0] if prefix else None)
    _range(ctx, b)
    _scale(ctx, b)
    _unit(ctx, b)
    _compound(ctx, b)
    _noun(ctx, b)
    _lookbehind(ctx, b)
    b.first = max(b.first, ctx.floor)
    if b.counts is None:
        _partitive(ctx, b)
    if b.counts is None:
        _link(ctx, b)
    if b.end <= i:          # an implicit amount must have consumed its fraction
        return None
    return b if _valid(ctx, b, i) else None


def find_quantities(text: str, data: NumberData, start: int = 0, end: int | None = None) -> list[QuantityMatch]:
    """Quantities in text[start:end] (normally one sentence), offsets into `text`."""
    ctx = _Ctx(text, data, tokenize(data.token_re, text, start, end))
    out: list[QuantityMatch] = []
    i = 0
    while i < len(ctx.toks):
        b = _match_at(ctx, i)
        if b is None:
            i += 1
            continue
        out.append(_result(ctx, b))
        i = ctx.floor = b.end
    return out

