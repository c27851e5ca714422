"""Coreference chains through the real tokenizer, tagger and shipped actor lexicon. Every
article here is written for these tests; the persons are real office holders (facts only)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from lagebild.discourse import COREF, antecedents, coref_entities
from lagebild.discourse.component import DiscourseResolver
from lagebild.model import Document
from lagebild.pipeline import PROVIDED, Pipeline, component_class
from lagebild.settings import Settings

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "schemas" / "records.json"
FILLER = "Am Abend regnete es in der Stadt. "


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings(components=("language", "tokens", "tags", "actors", "discourse"),
                             check_language=False))


@pytest.fixture
def run(pipeline):
    def go(text: str, published: str = "2025-09-01") -> Document:
        return pipeline(Document(text=text, lang="de", published=date.fromisoformat(published)))
    return go


def _resolved(doc: Document, word: str, nth: int = 0) -> list[str]:
    """identifier_text of the referents of the nth mention written `word` (empty: unresolved)."""
    starts = sorted({e.start for e in coref_entities(doc) if e.text == word})
    if nth >= len(starts):
        return []
    return sorted(e.identifier_text for e in coref_entities(doc) if e.start == starts[nth])


@pytest.mark.parametrize("text,word,want", [
    # a pronoun takes the last compatible person, the subject before the object
    ("Friedrich Merz traf am Montag Vertreter der Industrie. Er kündigte Reformen an.", "Er", ["Friedrich Merz"]),
    ("Friedrich Merz empfing Emmanuel Macron in Berlin. Er sprach von einem guten Tag.", "Er", ["Friedrich Merz"]),
    ("Emmanuel Macron reiste nach Rom. Dort hielt er eine Rede.", "er", ["Emmanuel Macron"]),
    # gender: "sie" needs a woman, "er" a man, whoever is the subject
    ("Friedrich Merz empfing Bärbel Bas im Kanzleramt. Sie forderte höhere Löhne.", "Sie", ["Bärbel Bas"]),
    ("Bärbel Bas empfing Friedrich Merz im Ministerium. Er lobte die Reform.", "Er", ["Friedrich Merz"]),
    # a possessive of the subject
    ("Friedrich Merz verteidigte in seiner Rede die Sparpläne.", "seiner", ["Friedrich Merz"]),
    # descriptions: office with its own country, role noun, age noun
    ("Donald Trump telefonierte mit Wladimir Putin. Der Kremlchef lobte das Gespräch.", "Der Kremlchef", ["Vladimir Putin"]),
    ("Bärbel Bas stellte ein Gesetz vor. Die Ministerin will es noch im Herbst beschließen lassen.", "Die Ministerin", ["Bärbel Bas"]),
    ("Bärbel Bas stellte ein Gesetz vor. Die 57-Jährige will es im Herbst beschließen lassen.", "Die 57-Jährige", ["Bärbel Bas"]),
    # "das Land" and "der Staat": the last country
    ("Norwegen will mehr Geld für die Verteidigung ausgeben. Das Land kauft neue Fregatten.", "Das Land", ["Norway"]),
    ("Der Handel mit Polen wächst. Inzwischen exportiert das Land mehr Maschinen.", "das Land", ["Poland"]),
    # after a fronted adverbial the subject follows the verb; a dateline is no participant;
    # a country named later in the description's own clause is not the one it names
    ("Oslo – Nach Gesprächen mit Schweden über die Ostsee rüstet Finnland weiter auf. "
     "Die Armee des kleinen Landes warnte Schweden vor neuen Drohnen.", "des kleinen Landes", ["Finland"]),
    # "es" opening a sentence stands for an organisation named with a neuter article before it
    ("Das Ministerium der Ukraine kritisierte den Plan. Es forderte neue Gespräche.", "Es", ["Ukraine ministry"]),
    # a demonstrative standing alone before its verb ("Dieser sprach") is a man named before
    ("Angela Merkel lobte den serbischen Premier Aleksandar Vučić. Dieser sprach für alle Gäste.",
     "Dieser", ["Aleksandar Vučić"]),
    # a subject pronoun after the verb is not the object fronted in its own clause
    ("Emmanuel Macron sprach in Paris. Friedrich Merz lobte er für die Reform.", "er", ["Emmanuel Macron"]),
    # the reporting clause's subject is in focus, not the subject inside the quotation
    ('"Ab heute ist Donald Trump kein Gast mehr", schrieb Friedrich Merz. Er sprach von einer Zäsur.',
     "Er", ["Friedrich Merz"]),
    # a name before a noun owns it ("Trumps Berater"): the subject is the person after the noun
    ("Am Montag hat Trumps Berater Friedrich Merz den Plan vorgestellt. Er sprach von einem guten Tag.",
     "Er", ["Friedrich Merz"]),
])
def test_resolved(run, text, word, want):
    assert _resolved(run(text), word) == want


@pytest.mark.parametrize("text,word", [
    # two men, both subjects: equally likely
    ("Friedrich Merz und Emmanuel Macron trafen sich in Berlin. Er sagte, die Gespräche seien gut.", "Er"),
    # no compatible antecedent: the only person is a woman
    ("Bärbel Bas stellte den Bericht vor. Er umfasst viele Seiten.", "Er"),
    # an object pronoun is not the subject of its own clause
    ("Friedrich Merz lobte ihn.", "ihn"),
    # "sie" with an organisation about as salient: plural or institution, left alone
    ("Bärbel Bas und die Gewerkschaften verhandelten lange. Sie einigten sich am Abend.", "Sie"),
    # an office of another country than the persons named
    ("Friedrich Merz traf Emmanuel Macron. Der Kremlchef schwieg dazu.", "Der Kremlchef"),
    # a demonstrative before a noun is a determiner
    ("Angela Merkel lobte den serbischen Premier Aleksandar Vučić. Dieser Plan gilt für alle.", "Dieser"),
    # a dummy "es" ("es gibt", "es kam zu") stands for nobody
    ("Das Ministerium der Ukraine kritisierte den Plan. Es gibt keine Gespräche.", "Es"),
    ("Das Ministerium der Ukraine kritisierte den Plan. Es kam zu Protesten.", "Es"),
    # "es" needs a neuter article before the organisation
    ("Die Regierung der Ukraine kritisierte den Plan. Es forderte neue Gespräche.", "Es"),
    # a pronoun inside a quotation speaks from the speaker's view
    ('Friedrich Merz sagte: "Wenn wir ihn sehen, prüfen wir ihn."', "ihn"),
])
def test_unresolved(run, text, word):
    assert _resolved(run(text), word) == []


@pytest.mark.parametrize("text,word,want", [
    ("Wladimir Putin hat Donald Trump in Moskau empfangen. Die beiden Präsidenten sprachen zwei Stunden.",
     "Die beiden Präsidenten", ["Donald Trump", "Vladimir Putin"]),
    ("Spanien und Portugal baten um Hilfe gegen die Waldbrände. In beiden Ländern brennt es weiter.",
     "beiden Ländern", ["Portugal", "Spain"]),
])
def test_plural_two_referents(run, text, word, want):
    doc = run(text)
    assert _resolved(doc, word) == want
    ents = [e for e in coref_entities(doc) if e.text == word]
    assert len({e.start for e in ents}) == 1 and len(ents) == 2


@pytest.mark.parametrize("gap,want", [
    (8, ["Friedrich Merz"]),    # named in the headline: in reach however far back
    (0, ["Friedrich Merz"]),
])
def test_headline_salience(run, gap, want):
    text = "Friedrich Merz wirbt für Reformen. " + FILLER * gap + "Der Kanzler will bis Weihnachten Ergebnisse sehen."
    assert _resolved(run(text), "Der Kanzler") == want


def test_out_of_reach_without_lead(run):
    text = FILLER * 3 + "Friedrich Merz wirbt für Reformen. " + FILLER * 8 + "Der Kanzler will Ergebnisse sehen."
    assert _resolved(run(text), "Der Kanzler") == []


@pytest.mark.parametrize("headline,want", [
    ("Friedrich Merz besucht Paris. ", ["Friedrich Merz"]),   # the headline's person wins the tie
    ("Ein Staatsbesuch in Paris. ", []),                       # else two men equally likely
])
def test_headline_breaks_a_tie(run, headline, want):
    text = (headline + FILLER * 3 + "Vor dem Palast warteten Reporter auf Friedrich Merz und "
            "Emmanuel Macron. Später sprach er vor Studenten.")
    assert _resolved(run(text), "er") == want


def test_chain_groups_names_and_anaphors(run):
    doc = run("Wladimir Putin sprach im Kreml. Der Kremlchef sagte, er sei zufrieden. Putin reiste dann ab.")
    chain = next(c for c in doc.chains if c.entity.key == "per.putin")
    assert [m.kind for m in chain.mentions] == ["name", "description", "pronoun", "name"]
    assert all(m.chains == (chain.id,) for m in chain.mentions)
    toks = antecedents(doc)
    k = next(m.tok_start for m in chain.mentions if m.kind == "pronoun")
    assert [e.key for e in toks[k]] == ["per.putin"]


def test_coref_entities_carry_the_antecedent(run):
    doc = run("Wladimir Putin sprach im Kreml. Er sagte, er sei zufrieden.")
    ents = coref_entities(doc)
    assert ents and all(e.source == COREF and e.code == "RUS" and e.key == "per.putin" for e in ents)
    assert all(e not in doc.entities for e in ents)    # the recogniser's list stays as it was


def test_records_show_coref_and_validate(run):
    doc = run("Wladimir Putin sprach im Kreml. Der Kremlchef sagte, er sei zufrieden.")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    recs = list(doc.records())
    for r in recs:
        validator.validate(r)
    assert {r["text"] for r in recs if r["kind"] == "entity" and r["resolved_by"] == COREF} == {"Der Kremlchef", "er"}


# --- the component contract -------------------------------------------------------------------
def test_component_contract():
    assert component_class("discourse") is DiscourseResolver
    assert DiscourseResolver.name == "discourse"
    assert DiscourseResolver.assigns == ("doc.chains", "entity.code")
    names = Settings().components
    assert names.index("discourse") == names.index("actors") + 1
    have = set(PROVIDED)
    for n in names[:names.index("discourse")]:
        have |= set(component_class(n).assigns)
    assert set(DiscourseResolver.requires) <= have


def test_pipeline_without_actors_is_refused():
    from lagebild.errors import PipelineError
    with pytest.raises(PipelineError):
        Pipeline(Settings(components=("language", "tokens", "tags", "discourse")))


def test_document_without_tokens(pipeline):
    doc = Document(text="", lang="de")
    assert DiscourseResolver(pipeline.settings, pipeline.resources)(doc).chains == []


def test_an_agent_takes_the_country_of_its_resolved_genitive_description():
    from datetime import date
    from lagebild.analysis import analyze_text
    doc = analyze_text("Nordkorea verschärft seine Drohungen. Das Militär des abgeschotteten "
                       "Landes drohte Japan am Montag mit Raketen.", published=date(2015, 8, 22))
    militaer = [e for e in doc.entities if e.text == "Militär"]
    assert militaer and militaer[0].code == "PRK" and militaer[0].source == "agent+coref"


@pytest.mark.parametrize("text, mention, code", [
    # the same head noun: "die Regierung" is the government named just before, not the
    # article's most frequent country
    ("Die ungarische Regierung kritisierte Deutschland und Frankreich. Deutschland und Frankreich "
     "wiesen das zurück. Die Regierung legte am Abend nach.", "Regierung", "HUN"),
])
def test_a_generic_agent_takes_the_country_of_an_earlier_mention_with_the_same_head(text, mention, code):
    from datetime import date
    from lagebild.analysis import analyze_text
    doc = analyze_text(text, published=date(2025, 5, 2))
    last = [e for e in doc.entities if e.text == mention][-1]
    assert last.code == code and last.source == "agent+coref"


def test_a_country_description_is_never_its_own_clause_subject():
    from datetime import date
    from lagebild.analysis import analyze_text
    doc = analyze_text("Die Golfstaaten melden Angriffe. Aus Katar hieß es am Abend, Iran habe das Land mit Drohnen angegriffen.",
                       published=date(2026, 4, 8))
    land = [m for c in doc.chains for m in c.mentions if m.text == "das Land"]
    assert all(m.entity is None or m.entity.code != "IRN" for m in land)
