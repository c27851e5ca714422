"""Numeral and number-word parsing: tables, properties, and malformed input."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.numbers.parse import MAX_DIGITS, NumeralFormat, parse_numeral, parse_number_word

DE = NumeralFormat(decimal=",", groups=(".", " ", "\u00a0", "\u202f"))
EN = NumeralFormat(decimal=".", groups=(",",))


@pytest.mark.parametrize("text,fmt,value", [
    ("2.500", DE, 2500), ("10.000", DE, 10000), ("1.234.567", DE, 1234567),
    ("1,5", DE, 1.5), ("0,25", DE, 0.25), ("1.234,75", DE, 1234.75), ("10 000", DE, 10000),
    ("10\u202f000", DE, 10000), ("459", DE, 459), ("1,500", DE, 1.5),
    ("1,500", EN, 1500), ("1.5", EN, 1.5), ("800,000", EN, 800000), ("1,234,567.5", EN, 1234567.5),
    # best effort on malformed groupings: the last separator is the decimal mark
    ("1.5", DE, 1.5), ("10.000.0", DE, 10000.0), ("1,2,3", DE, 12.3), ("12.34", DE, 12.34),
    ("20.", DE, 20),
])
def test_parse_numeral_table(text, fmt, value):
    assert parse_numeral(text, fmt) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", ".5", ",", "1..2", "9" * (MAX_DIGITS + 1), "9" * 5000,
                                  "1" + ".000" * 40, "12³"])
def test_parse_numeral_refuses_garbage(text):
    assert parse_numeral(text, DE) is None


@pytest.fixture(scope="module")
def de_words(de_numbers):
    return de_numbers.morphemes, de_numbers.morpheme_max


@pytest.mark.parametrize("word,value", [
    ("eins", 1), ("zwölf", 12), ("achtzehn", 18), ("zwanzig", 20), ("einundzwanzig", 21),
    ("zweiundvierzig", 42), ("hundert", 100), ("einhundert", 100), ("hundertzwei", 102),
    ("zweihundertfünfzig", 250), ("tausend", 1000), ("zehntausend", 10000),
    ("dreihunderttausend", 300000), ("zweitausenddreihundert", 2300),
    ("zweihundertdreiundzwanzigtausend", 223000), ("eineinhalb", 1.5), ("zweieinhalb", 2.5),
    ("anderthalb", 1.5), ("Dreißig", 30), ("dreissig", 30),
])
def test_german_number_words(de_words, word, value):
    assert parse_number_word(word, *de_words) == pytest.approx(value)


@pytest.mark.parametrize("word", ["Achtung", "Elfmeter", "einig", "und", "Zweidrittelmehrheit", "", "undzwanzig",
                                  "zwanzigund", "Hunderte"])
def test_not_german_number_words(de_words, word):
    assert parse_number_word(word, *de_words) is None


@pytest.mark.parametrize("word,value", [("twenty-one", 21), ("seventeen", 17), ("ninety-nine", 99),
                                        ("hundred", 100), ("thousand", 1000)])
def test_english_number_words(en_numbers, word, value):
    assert parse_number_word(word, en_numbers.morphemes, en_numbers.morpheme_max) == pytest.approx(value)


# --- properties -------------------------------------------------------------------------------

def format_german(integer: int, decimals: str) -> str:
    """Write a number the German way: '.' groups thousands, ',' marks decimals."""
    grouped = f"{integer:,}".replace(",", ".")
    return f"{grouped},{decimals}" if decimals else grouped


@given(st.integers(min_value=0, max_value=10**15), st.text(alphabet="0123456789", max_size=4))
def test_german_numeral_round_trip(integer, decimals):
    expected = float(f"{integer}.{decimals}" if decimals else integer)
    got = parse_numeral(format_german(integer, decimals), DE)
    assert got is not None and math.isclose(got, expected, rel_tol=1e-12)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.text(alphabet="0123456789", max_size=3),
       st.sampled_from([None, ("Millionen", 1e6), ("Mio.", 1e6), ("Milliarden", 1e9), ("Mrd.", 1e9),
                        ("Tsd.", 1e3), ("Billionen", 1e12)]))
def test_german_amount_round_trip(de_numbers, integer, decimals, scale):
    """Formatted German amount with an optional scale word, found again with its exact value."""
    from lagebild.numbers.find import find_quantities
    written = format_german(integer, decimals)
    factor = 1.0
    if scale:
        written, factor = f"{written} {scale[0]}", scale[1]
    text = f"Der Staat zahlte {written} Euro."
    found = find_quantities(text, de_numbers)
    expected = float(f"{integer}.{decimals}" if decimals else integer) * factor
    assert len(found) == 1
    assert found[0].unit == "EUR"
    assert math.isclose(found[0].value, expected, rel_tol=1e-9)
    assert found[0].text == f"{written} Euro"


@given(st.text(max_size=60))
def test_parse_numeral_is_total(text):
    value = parse_numeral(text, DE)
    assert value is None or math.isfinite(value)


@given(st.text(alphabet="0123456789.,  \u202f", max_size=40))
def test_parse_numeral_total_on_separator_soup(text):
    for fmt in (DE, EN):
        value = parse_numeral(text, fmt)
        assert value is None or (math.isfinite(value) and value >= 0)
