"""Compile the entries of a language's `numbers` data files into lookup tables.

Everything language-specific (number words, scale words, currencies, counted nouns, separators)
comes from `lang/<code>/numbers.yaml`, validated by `lang/schemas/numbers.json`; this module only
turns those entries into tables the finder can query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from lagebild.errors import DataError
from lagebild.numbers.parse import CONNECTOR, Morpheme, NumeralFormat
from lagebild.numbers.tokens import PhraseTable, compile_tokenizer, tokenize

UPPER = "upper"     # noun_initial: counted nouns start with a capital letter (German)


@dataclass(frozen=True, slots=True)
class Format:
    numeral: NumeralFormat
    ordinal_suffix: str | None
    noun_initial: str                     # "upper" | "any"
    adjective_endings: tuple[str, ...]
    adjective_min_length: int
    window: int


@dataclass(frozen=True, slots=True)
class Scale:
    value: float
    glued: bool = False           # only valid glued to the digits ("200bn")
    with_currency: bool = False   # only valid next to a currency ("£6m")


@dataclass(frozen=True, slots=True)
class Vague:
    value: float
    needs_scale: bool = False     # "mehrere" only counts in "mehrere Milliarden"


@dataclass(frozen=True, slots=True)
class Fraction:
    value: float                  # in `unit` per 1 of the preceding numeral
    unit: str
    needs_partitive: bool = False  # "a third of" but not "a third term"


@dataclass(frozen=True, slots=True)
class NounClass:
    key: str
    article: bool = False         # "ein Soldat" counts as one


@dataclass(frozen=True, slots=True)
class RangeJoin:
    needs_opener: bool = False    # "und" joins a range only after "zwischen"


@dataclass
class NumberData:
    fmt: Format
    token_re: re.Pattern[str]
    morphemes: dict[str, Morpheme] = field(default_factory=dict)
    morpheme_max: int = 0
    # The first two letters of every morpheme (the whole of a one-letter one): a word that
    # starts with none of them is no number word, and most words are refused by one lookup.
    morpheme_starts: set[str] = field(default_factory=set)
    articles: PhraseTable[bool] = field(default_factory=PhraseTable)
    partials: PhraseTable[float] = field(default_factory=PhraseTable)
    scales: PhraseTable[Scale] = field(default_factory=PhraseTable)
    vague: PhraseTable[Vague] = field(default_factory=PhraseTable)
    fractions: PhraseTable[Fraction] = field(default_factory=PhraseTable)
    determiners: PhraseTable[bool] = field(default_factory=PhraseTable)
    currency_after: PhraseTable[str] = field(default_factory=PhraseTable)
    currency_before: PhraseTable[str] = field(default_factory=PhraseTable)
    units: PhraseTable[str] = field(default_factory=PhraseTable)
    nouns: dict[str, NounClass] = field(default_factory=dict)
    compound_heads: list[tuple[str, NounClass]] = field(default_factory=list)
    head_classes: dict[str, NounClass] = field(default_factory=dict)   # compound_heads by head
    qualifiers: PhraseTable[str] = field(default_factory=PhraseTable)
    ranges: PhraseTable[RangeJoin] = field(default_factory=PhraseTable)
    range_openers: PhraseTable[bool] = field(default_factory=PhraseTable)
    stops: frozenset[str] = frozenset()
    partitives: PhraseTable[bool] = field(default_factory=PhraseTable)
    links: PhraseTable[bool] = field(default_factory=PhraseTable)
    skip_before: PhraseTable[bool] = field(default_factory=PhraseTable)
    skip_after: PhraseTable[bool] = field(default_factory=PhraseTable)
    year_context: PhraseTable[bool] = field(default_factory=PhraseTable)
    ordinal_context: PhraseTable[bool] = field(default_factory=PhraseTable)
    skip_patterns: tuple[re.Pattern[str], ...] = ()

    def words(self, form: str) -> list[str]:
        """A data form split the way text is tokenised ("Mrd." -> ["Mrd", "."])."""
        return [t.text for t in tokenize(self.token_re, form)]

    def noun_class(self, word: str) -> NounClass | None:
        """Class of a counted noun, also as the head of a compound ("Marinesoldaten")."""
        key = word.casefold()
        hit = self.nouns.get(key)
        if hit is not None:
            return hit
        # the longest head that is a proper suffix wins: look the suffixes up, longest first
        # (one dict lookup per letter instead of one endswith per head)
        heads = self.head_classes
        for i in range(1, len(key) + 1):
            cls = heads.get(key[i:])
            if cls is not None:
                return cls
        return None


def _format(entries: list[Mapping[str, Any]]) -> Format:
    fmts = [e for e in entries if e["type"] == "format"]
    if len(fmts) != 1:
        raise DataError(f"numbers data needs exactly one 'format' entry, found {len(fmts)}")
    f = fmts[0]
    return Format(
        numeral=NumeralFormat(decimal=f["decimal"], groups=tuple(f.get("group", []))),
        ordinal_suffix=f.get("ordinal_suffix"),
        noun_initial=f.get("noun_initial", "any"),
        adjective_endings=tuple(f.get("adjective_endings", [])),
        adjective_min_length=int(f.get("adjective_min_length", 4)),
        window=int(f.get("window", 3)),
    )


def _add_forms(data: NumberData, table: PhraseTable, forms: Iterable[str], payload: Any,
               case_sensitive: bool = False) -> None:
    for form in forms:
        table.add(data.words(form), payload, case_sensitive)


def _add_word(data: NumberData, e: Mapping[str, Any]) -> None:
    role = e.get("role", "value")
    if role == "article":
        _add_forms(data, data.articles, e["forms"], True)
    elif role == "partial":
        _add_forms(data, data.partials, e["forms"], float(e["value"]))
    else:
        m = Morpheme(float(e.get("value", 0)), CONNECTOR if role == CONNECTOR else role)
        for form in e["forms"]:
            data.morphemes.setdefault(form.casefold(), m)
            data.morpheme_starts.add(form.casefold()[:2])
            data.morpheme_max = max(data.morpheme_max, len(form))


def _add_noun(data: NumberData, e: Mapping[str, Any]) -> None:
    cls = NounClass(e["key"], bool(e.get("article", False)))
    for form in e["forms"]:
        data.nouns.setdefault(form.casefold(), cls)
        if e.get("compounds", False):
            data.compound_heads.append((form.casefold(), cls))


def _add_skip(data: NumberData, e: Mapping[str, Any]) -> list[re.Pattern[str]]:
    _add_forms(data, data.skip_before, e.get("before", []), True, e.get("case_sensitive", False))
    _add_forms(data, data.skip_after, e.get("after", []), True, e.get("case_sensitive", False))
    _add_forms(data, data.year_context, e.get("year_context", []), True, e.get("case_sensitive", False))
    _add_forms(data, data.ordinal_context, e.get("ordinal_context", []), True, e.get("case_sensitive", False))
    try:
        return [re.compile(p) for p in e.get("patterns", [])]
    except re.error as err:
        raise DataError(f"numbers data: bad skip pattern ({err})") from None


def _add_entry(data: NumberData, e: Mapping[str, Any]) -> list[re.Pattern[str]]:
    t, cs = e["type"], bool(e.get("case_sensitive", False))
    simple = {"determiner": data.determiners, "partitive": data.partitives, "link": data.links}
    if t == "word":
        _add_word(data, e)
    elif t == "scale":
        scale = Scale(float(e["value"]), bool(e.get("glued", False)), bool(e.get("with_currency", False)))
        _add_forms(data, data.scales, e["forms"], scale, cs)
    elif t == "vague":
        _add_forms(data, data.vague, e["forms"], Vague(float(e["value"]), bool(e.get("needs_scale", False))), cs)
    elif t == "fraction":
        frac = Fraction(float(e["value"]), e["unit"], bool(e.get("needs_partitive", False)))
        _add_forms(data, data.fractions, e["forms"], frac, cs)
    elif t == "currency":
        _add_forms(data, data.currency_after, e.get("forms", []), e["code"], cs)
        _add_forms(data, data.currency_before, e.get("prefix", []), e["code"], cs)
    elif t == "unit":
        _add_forms(data, data.units, e["forms"], e["key"], cs)
    elif t == "noun":
        _add_noun(data, e)
    elif t == "qualifier":
        _add_forms(data, data.qualifiers, e["forms"], e["key"], cs)
    elif t == "range":
        openers = e.get("openers", [])
        _add_forms(data, data.range_openers, openers, True, cs)
        _add_forms(data, data.ranges, e["forms"], RangeJoin(bool(openers)), cs)
    elif t == "skip":
        return _add_skip(data, e)
    elif t in simple:
        _add_forms(data, simple[t], e["forms"], True, cs)
    return []


def compile_number_data(entries: list[Mapping[str, Any]]) -> NumberData:
    """Build the lookup tables from validated `numbers` entries (raises DataError if unusable)."""
    fmt = _format(entries)
    data = NumberData(fmt=fmt, token_re=compile_tokenizer(fmt.numeral.decimal, fmt.numeral.groups))
    patterns: list[re.Pattern[str]] = []
    stops: set[str] = set()
    for e in entries:
        if e["type"] == "stop":
            stops.update(f.casefold() for f in e["forms"])
        else:
            patterns += _add_entry(data, e)
    data.stops = frozenset(stops)
    data.skip_patterns = tuple(patterns)
    # Longest suffix first, so "Marineoffiziere" is matched by the most specific head.
    data.compound_heads.sort(key=lambda h: -len(h[0]))
    for head, cls in data.compound_heads:
        data.head_classes.setdefault(head, cls)
    return data
