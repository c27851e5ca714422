"""Clause splitting on our own sentences: which commas open a clause and which do not."""
import pytest

from lagebild.analysis import make_pipeline
from lagebild.lang import load_language
from lagebild.model import Document
from lagebild.settings import Settings
from lagebild.syntax import SyntaxGrammar, split_clauses
from lagebild.syntax.clauses import cut_at_breaks


@pytest.fixture(scope="module")
def clauses():
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens", "tags")))
    data = load_language("de")
    g = SyntaxGrammar.build(data.entries("grammar"))
    breaks = {f for e in data.entries("grammar") if e["class"] == "clause_break" for f in e.get("forms", [])} \
        or {f.lower() for e in data.entries("modality") if e["flag"] == "clause_break" for f in e.get("forms", [])}

    def run(text):
        doc = p(Document(text=text, lang="de"))
        s = doc.sentences[0]
        return [" ".join(t.text for t in doc.tokens[c.start:c.end])
                for c in split_clauses(doc, s.tok_start, s.tok_end, breaks, g)]
    return run


@pytest.mark.parametrize("text, n", [
    # an enumeration of countries is one phrase, not four clauses
    ("Gestern haben Spanien, Portugal, Irland und Malta neue Zölle verhängt.", 1),
    # an apposition between commas, and the participle that closes the verbal bracket
    ("Die Regierung hat den Botschafter, einen erfahrenen Diplomaten, einbestellt.", 1),
    # a relative clause behind a preposition opens a clause
    ("Die Union beschloss ein Embargo, von dem nur wenige Staaten ausgenommen sind.", 2),
    # a verb-final plural reads like an infinitive, and still closes a clause
    ("Sie nannten drei Länder, die den Vertrag nicht unterschreiben wollen.", 2),
    # a subordinator and a zu-infinitive each open a clause
    ("Der Minister sagte, dass die Armee abziehe, und versprach, die Grenze zu öffnen.", 4),
    # a conjunction before a finite verb opens a coordinated verb phrase
    ("Die Armee beschießt die Stadt und will die Angriffe ausweiten.", 2),
    # a verbless piece between dashes is an apposition; a dash before a clause breaks
    ("Der Gesandte - ein erfahrener Diplomat - traf sich mit dem Präsidenten.", 2),
    ("Die Armee zog ab - die Kämpfe gingen dennoch weiter.", 2),
    # "während" opens a clause only when the piece is verb-final; before a noun phrase it is
    # a preposition
    ("Die Armee griff an, während die Regierung verhandelte.", 2),
    ("Einem Besuch in Rom während seiner Reise erteilte der Kanzler eine Absage.", 1),
])
def test_clause_count(clauses, text, n):
    assert len(clauses(text)) == n, clauses(text)


def test_cut_at_breaks_keeps_every_token():
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens")))
    doc = p(Document(text="Erst kam der Regen, dann der Wind, weil es Herbst war.", lang="de"))
    s = doc.sentences[0]
    pieces = cut_at_breaks(doc, s.tok_start, s.tok_end, {",", "weil"})
    covered = sum(c.end - c.start for c in pieces) + 3   # the three breaks themselves
    assert covered == s.tok_end - s.tok_start


def test_grammar_without_data_is_empty():
    g = SyntaxGrammar.build([])
    assert g.tag_class("finite_verb") == frozenset() and g.words("reciprocal_preposition") == frozenset()


@pytest.mark.parametrize("text, n", [
    # a verb first, then its own subject: a clause, even where the tags call it a participle
    ("Die Grenze bleibt geschlossen, erklärt er weiter.", 2),
])
def test_verb_first_piece_is_a_clause(clauses, text, n):
    assert len(clauses(text)) == n, clauses(text)


@pytest.fixture(scope="module")
def dateline():
    from lagebild.syntax.phrases import dateline_end
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens", "tags")))
    g = SyntaxGrammar.build(load_language("de").entries("grammar"))

    def run(text):
        doc = p(Document(text=text, lang="de"))
        s = doc.sentences[0]
        return " ".join(t.text for t in doc.tokens[s.tok_start:dateline_end(doc, s.tok_start, s.tok_end, g)])
    return run


@pytest.mark.parametrize("text, place", [
    ("Lissabon – Die Regierung hat am Montag den Botschafter einbestellt.", "Lissabon –"),
    ("Bern/Genf – Die Schweiz verschärft die Kontrollen.", "Bern / Genf –"),
    ("Wien- Der Kanzler reist nach Rom.", "Wien-"),
    # a headline with a verb or a function word before its dash is no dateline
    ("Streit um Zölle – Die Regierung lenkt ein.", ""),
    ("Die Regierung lenkt ein.", ""),
])
def test_dateline(dateline, text, place):
    assert dateline(text) == place


@pytest.fixture(scope="module")
def participle_head():
    from lagebild.syntax.phrases import attributive_head
    p = make_pipeline(Settings(lang="de", check_language=False, components=("language", "tokens", "tags")))
    g = SyntaxGrammar.build(load_language("de").entries("grammar"))
    skip = g.tag_class("modifier") - g.tag_class("attributive_adjective")

    def run(text, after):
        doc = p(Document(text=text, lang="de"))
        j = next(i for i, t in enumerate(doc.tokens) if t.text == after) + 1
        found = attributive_head(doc, j, len(doc.tokens), skip, g.tag_class("attributive_adjective"), g.tag_class("noun"))
        return doc.tokens[found[1]].text if found else None
    return run


@pytest.mark.parametrize("text, after, head", [
    # the phrase before an attributive participle stands inside the phrase of the noun after it
    ("Am Montag wurden von den Truppen genutzte Depots zerstört.", "Truppen", "Depots"),
    ("Die von der Union geplanten Reformen wurden vertagt.", "Union", "Reformen"),
    # a verb after the phrase: no participle phrase
    ("Die Truppen zerstörten am Montag die Depots.", "Truppen", None),
])
def test_attributive_head(participle_head, text, after, head):
    assert participle_head(text, after) == head
