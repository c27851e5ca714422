"""Word formation shared by actors and places (syntax/words.py), on made-up words."""
import pytest

from lagebild.syntax.words import compass_rests

PREFIXES = ("Nordost", "Südost", "Nord", "Süd", "Ost", "West")


@pytest.mark.parametrize("word,want", [
    ("Ostukraine", ["Ukraine"]),
    ("Süd-Libanon", ["Libanon"]),
    ("Südostpolen", ["Polen", "Ostpolen"]),      # longest prefix first
    ("Ostsee", []),                              # a rest this short is a word ending
    ("Osten", []),
    ("Westfalen", ["Falen"]),                    # a candidate only: the caller's lexicon decides
])
def test_compass_rests(word, want):
    assert list(compass_rests(word, PREFIXES, 4)) == want
