"""The optional spaCy component: output lines up with our tokens, extras are consistent.

Skipped when spaCy is not installed or no model is shipped. Sentences are our own.
"""
from __future__ import annotations

import pytest

from lagebild.components.spacy_tags import SpacyTagger, model_path
from lagebild.model import Document, Sentence, Token
from lagebild.pipeline import Resources
from lagebild.settings import Settings

pytest.importorskip("spacy")
pytestmark = pytest.mark.skipif(not (model_path("de") / "config.cfg").exists(),
                                reason="no shipped de_core model")

SENTENCES = [
    "Die Ministerin traf am Montag den Botschafter in Berlin .",
    "Sie kritisierte die neuen Zölle scharf .",
    "Der Verband der Landwirte protestierte gegen die Pläne der Regierung .",
]


def make_doc(sentences: list[str], lang: str = "de") -> Document:
    """A Document tokenised by whitespace, so the test does not depend on the tokenizer."""
    text = " ".join(sentences)
    doc = Document(text=text, lang=lang)
    pos = 0
    for si, s in enumerate(sentences):
        first = len(doc.tokens)
        for w in s.split():
            start = text.index(w, pos)
            pos = start + len(w)
            doc.tokens.append(Token(text=w, start=start, end=pos, sent=si))
        doc.sentences.append(Sentence(index=si, start=doc.tokens[first].start, end=pos,
                                      tok_start=first, tok_end=len(doc.tokens)))
    return doc


@pytest.fixture(scope="module")
def resources():
    return Resources(Settings())


@pytest.fixture(scope="module")
def tagged(resources):
    return SpacyTagger(Settings(), resources)(make_doc(SENTENCES))


def test_contract():
    assert SpacyTagger.name == "spacy_tags"
    assert SpacyTagger.requires == ("doc.sentences",)
    assert {"token.pos", "token.lemma", "doc.ner_spans"} <= set(SpacyTagger.assigns)


def test_every_token_gets_tag_and_lemma(tagged):
    assert all(t.pos and t.lemma for t in tagged.tokens)
    extras = tagged.meta["spacy"]
    for key in ("upos", "morph", "dep", "head"):
        assert len(extras[key]) == len(tagged.tokens)
    assert extras["sentences"] == [0, 1, 2]


@pytest.mark.parametrize("word,tag_prefix", [("Ministerin", "N"), ("traf", "V"), ("am", "APPR"),
                                             (".", "$")])
def test_plain_tags(tagged, word, tag_prefix):
    tok = next(t for t in tagged.tokens if t.text == word)
    assert tok.pos.startswith(tag_prefix)


def test_heads_stay_inside_their_sentence(tagged):
    heads = tagged.meta["spacy"]["head"]
    for i, t in enumerate(tagged.tokens):
        s = tagged.sentences[t.sent]
        assert s.tok_start <= heads[i] < s.tok_end
    roots = [i for i, d in enumerate(tagged.meta["spacy"]["dep"]) if d == "ROOT"]
    assert len(roots) == len(tagged.sentences)


def test_entity_offsets_point_into_text(tagged):
    for e in tagged.meta["spacy"]["ner_spans"]:
        assert e["label"] in {"PER", "ORG", "LOC", "OTH"}
        assert tagged.text[e["start"]:e["end"]] == " ".join(
            t.text for t in tagged.tokens[e["tok_start"]:e["tok_end"]])


def test_select_limits_the_analysed_sentences(resources):
    doc = make_doc(SENTENCES)
    SpacyTagger(Settings(), resources, select=lambda d, s: s.index == 1)(doc)
    extras = doc.meta["spacy"]
    assert extras["sentences"] == [1]
    s0, s1 = doc.sentences[0], doc.sentences[1]
    assert all(h == -1 for h in extras["head"][s0.tok_start:s0.tok_end])
    assert all(h >= 0 for h in extras["head"][s1.tok_start:s1.tok_end])


def test_language_without_model_is_skipped_with_warning(resources):
    doc = SpacyTagger(Settings(), resources)(make_doc(["a b ."], lang="xx"))
    assert "spacy" not in doc.meta
    assert doc.warnings and "spacy_tags" in doc.warnings[0]


def test_disabled_pipes_leave_their_extras_empty(resources):
    doc = SpacyTagger(Settings(), resources, disable=("ner", "parser"))(make_doc(SENTENCES))
    assert doc.meta["spacy"]["ner_spans"] == []
    assert set(doc.meta["spacy"]["head"]) == {-1}
    assert all(t.pos for t in doc.tokens)


def test_existing_lemmas_are_kept(resources):
    doc = make_doc(SENTENCES[:1])
    for t in doc.tokens:
        t.lemma = "x"
    SpacyTagger(Settings(), resources)(doc)
    assert {t.lemma for t in doc.tokens} == {"x"}
    assert all(doc.meta["spacy"]["lemma"])
