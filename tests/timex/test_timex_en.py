"""English: the same code with another data file (proves the code knows no language)."""
from __future__ import annotations

from datetime import date

import pytest

from lagebild.lang import LANG_ROOT, read_data_file
from lagebild.model import Document, Sentence
from lagebild.timex import annotate, compile_grammar

SAT = date(2024, 2, 10)


@pytest.fixture(scope="module")
def grammar():
    return compile_grammar(read_data_file(LANG_ROOT / "en" / "time.yaml")["entries"])


def values(grammar, text, ref):
    doc = Document(text=text, lang="en", published=ref)
    doc.sentences = [Sentence(0, 0, len(text), 0, 0)]
    return {t.text: t.value for t in annotate(doc, grammar, ref)}


@pytest.mark.parametrize("text,span,value", [
    ("The ministers met on Saturday in Rome.", "on Saturday", "2024-02-10"),
    ("The vote will take place on Wednesday.", "on Wednesday", "2024-02-14"),
    ("The vote was held on Wednesday.", "on Wednesday", "2024-02-07"),
    ("The treaty was signed last March.", "last March", "2023-03"),
    ("The summit was held in October.", "in October", "2023-10"),
    ("The summit will be held in October.", "in October", "2024-10"),
    ("Yesterday the president spoke.", "Yesterday", "2024-02-09"),
    ("Talks collapsed last week.", "last week", "2024-W05"),
    ("Prices rose early this year.", "early this year", "2024"),
    ("The attack on October 7, 2023 shocked the country.", "on October 7, 2023", "2023-10-07"),
    ("He was elected three years ago.", "three years ago", "2021"),
    ("The war began in the mid-1990s.", "in the mid-1990s", "199"),
    ("He has led the party for three years.", "for three years", "P3Y"),
    ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
    ("The report is published annually.", "annually", "P1Y"),
    ("Last night rockets hit the city.", "Last night", "2024-02-09TNI"),
    ("They may come in May.", "in May", "2024-05"),
])
def test_expression(grammar, text, span, value):
    got = values(grammar, text, SAT)
    assert got.get(span) == value, got


@pytest.mark.parametrize("text", ["They may agree.", "He told the Daily Planet.", "It may fall in price.",
                                  "A second plant opens."])
def test_words_that_only_look_like_time(grammar, text):
    assert values(grammar, text, SAT) == {}
