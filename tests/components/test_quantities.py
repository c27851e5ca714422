"""QuantityExtractor on hand-built documents (text + sentences), through Resources."""
from __future__ import annotations

import pytest

from lagebild.components.quantities import QuantityExtractor
from lagebild.model import Document, Quantity, Sentence
from lagebild.pipeline import Resources
from lagebild.settings import Settings


@pytest.fixture(scope="module")
def resources():
    # One Resources for the module: loading a language's data takes seconds.
    return Resources(Settings())


@pytest.fixture(scope="module")
def extractor(resources):
    return QuantityExtractor(Settings(), resources)


def make_doc(sentences: list[str], lang: str | None = "de") -> Document:
    """A document whose sentences are the given strings joined by one space."""
    text, spans = "", []
    for s in sentences:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(s)))
        text += s
    doc = Document(text=text, lang=lang)
    doc.sentences = [Sentence(index=i, start=a, end=b, tok_start=0, tok_end=0) for i, (a, b) in enumerate(spans)]
    return doc


def test_contract():
    assert QuantityExtractor.name == "quantities"
    assert QuantityExtractor.requires == ("doc.sentences",)
    assert QuantityExtractor.assigns == ("doc.quantities",)


def test_extracts_with_offsets_and_sentence_index(extractor):
    doc = extractor(make_doc(["Die Regierung versprach Hilfen.",
                              "Es geht um 200 Milliarden US-Dollar und 1,5 Millionen Menschen.",
                              "Dabei starben mehr als 20 Menschen."]))
    got = [(q.text, q.value, q.unit, q.sent) for q in doc.quantities]
    assert got == [("200 Milliarden US-Dollar", 200e9, "USD", 1),
                   ("1,5 Millionen Menschen", 1.5e6, "persons", 1),
                   ("mehr als 20 Menschen", 20, "persons", 2)]
    for q in doc.quantities:
        assert isinstance(q, Quantity)
        assert doc.text[q.start:q.end] == q.text
        assert doc.sentence_of(q.start) == q.sent


def test_counts_is_the_noun_as_written(extractor):
    doc = extractor(make_doc(["Bei den Angriffen starben zwölf Zivilisten."]))
    [q] = doc.quantities
    assert (q.counts, q.unit) == ("Zivilisten", "persons")


def test_number_split_by_a_sentence_boundary_is_not_glued(extractor):
    doc = extractor(make_doc(["Die Zahl stieg auf 20.", "Menschen flohen."]))
    assert [(q.text, q.value) for q in doc.quantities] == [("20", 20)]


def test_english_document(extractor):
    doc = extractor(make_doc(["Ministers promised pounds 2bn and 3,000 troops."], lang="en"))
    assert [(q.text, q.value, q.unit) for q in doc.quantities] == [
        ("pounds 2bn", 2e9, "GBP"), ("3,000 troops", 3000, "persons")]


def test_settings_language_is_the_fallback(resources):
    doc = make_doc(["Es kamen 30 Soldaten."], lang=None)
    QuantityExtractor(Settings(lang="de"), resources)(doc)
    assert [q.value for q in doc.quantities] == [30]


def test_no_language_warns_and_extracts_nothing(extractor):
    doc = extractor(make_doc(["Es kamen 30 Soldaten."], lang=None))
    assert doc.quantities == [] and doc.warnings


def test_document_without_sentences_is_one_span(extractor):
    doc = Document(text="Es kamen 30 Soldaten.", lang="de")
    extractor(doc)
    assert [(q.value, q.sent) for q in doc.quantities] == [(30, -1)]


def test_empty_document(extractor):
    doc = extractor(make_doc([""]))
    assert doc.quantities == []


def test_data_is_compiled_once_per_resources(resources):
    a = QuantityExtractor(Settings(), resources)
    b = QuantityExtractor(Settings(), resources)
    assert a.data("de") is b.data("de")
