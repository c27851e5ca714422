"""The time component: contract, documents built by hand (with and without tokens)."""
from __future__ import annotations

from datetime import date

import pytest

from lagebild.components.time import TimeExtractor
from lagebild.model import Document, Sentence, Timex, Token
from lagebild.pipeline import Resources
from lagebild.settings import Settings


@pytest.fixture(scope="module")
def resources():
    return Resources(Settings())


@pytest.fixture(scope="module")
def extractor(resources):
    return TimeExtractor(Settings(), resources)


def doc_with_tokens(text: str, published: date | None, tags: dict[str, tuple[str, str]]) -> Document:
    """Two-sentence German document with whitespace tokens and hand-made lemma/STTS tags."""
    doc = Document(text=text, lang="de", published=published)
    start = 0
    for word in text.split():
        start = text.index(word, start)
        w = word.rstrip(".,")
        lemma, pos = tags.get(w, (w.lower(), "XY"))
        doc.tokens.append(Token(w, start, start + len(w), 0, lemma=lemma, pos=pos))
        start += len(word)
    cut = text.index(". ") + 1
    first = sum(1 for t in doc.tokens if t.start < cut)
    for t in doc.tokens[first:]:
        t.sent = 1
    doc.sentences = [Sentence(0, 0, cut, 0, first), Sentence(1, cut + 1, len(text), first, len(doc.tokens))]
    return doc


def test_contract():
    assert TimeExtractor.name == "time"
    assert TimeExtractor.requires == ("doc.sentences", "token.lemma")
    assert TimeExtractor.assigns == ("doc.timexes",)


def test_timexes_with_offsets_sentences_and_rules(extractor):
    text = "Die Armee griff am Samstag an. Am Mittwoch wird verhandelt."
    doc = doc_with_tokens(text, date(2024, 2, 10), {"griff": ("greifen", "VVFIN"), "wird": ("werden", "VAFIN"),
                                                    "verhandelt": ("verhandeln", "VVPP")})
    out = extractor(doc).timexes
    assert out == [
        Timex("am Samstag", 16, 26, "date", "2024-02-10", 0, "weekday"),
        Timex("Am Mittwoch", 31, 42, "date", "2024-02-14", 1, "weekday"),
    ]
    for t in out:
        assert doc.text[t.start:t.end] == t.text


def test_works_without_tokens_or_sentences(extractor):
    doc = Document(text="Gestern, am 9. Februar 2024, kam es zu Protesten.", lang="de", published=date(2024, 2, 10))
    out = extractor(doc).timexes
    assert [(t.text, t.value, t.sent) for t in out] == [("Gestern", "2024-02-09", -1),
                                                       ("am 9. Februar 2024", "2024-02-09", -1)]


def test_without_publication_date_only_absolute_values(extractor):
    doc = Document(text="Am Samstag, dem 7. Oktober 2023, begann der Krieg. Seit gestern wird verhandelt.", lang="de")
    assert [(t.text, t.value) for t in extractor(doc).timexes] == [("Am Samstag, dem 7. Oktober 2023", "2023-10-07")]


def test_settings_publication_date_is_the_fallback(resources):
    ext = TimeExtractor(Settings(published=date(2024, 2, 10)), resources)
    doc = Document(text="Gestern wurde gewählt.", lang="de")
    assert [t.value for t in ext(doc).timexes] == ["2024-02-09"]


def test_english_document(extractor):
    doc = Document(text="The ministers met on Saturday.", lang="en", published=date(2024, 2, 14))
    assert [(t.text, t.value) for t in extractor(doc).timexes] == [("on Saturday", "2024-02-10")]


def test_unknown_language_does_nothing():
    doc = Document(text="Am Samstag.", lang=None, published=date(2024, 2, 10))
    assert TimeExtractor(Settings(), Resources(Settings()))(doc).timexes == []


def test_grammar_is_compiled_once_per_language(resources, extractor):
    extractor(Document(text="heute", lang="de", published=date(2024, 2, 10)))
    g = resources.get("timex:de", lambda: pytest.fail("grammar was not cached"))
    assert extractor.grammar("de") is g


def test_impossible_dates_do_not_raise(extractor):
    doc = Document(text="Der Brief vom 31. Februar 2023 und das Treffen am 30. Februar.", lang="de",
                   published=date(2024, 2, 10))
    assert [t.value for t in extractor(doc).timexes] == ["2023-02", "2024-02"]
