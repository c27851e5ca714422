"""English through the same engines as German (issue 16): the language is a folder of data
(lang/en), and these sentences, written for the tests, check what that data makes the engines do."""
from __future__ import annotations

from datetime import date

import pytest

from lagebild.errors import DataError
from lagebild.lang import LANG_ROOT, LanguageData, fact_files, load_language, read_data_file
from lagebild.model import Document


@pytest.fixture(scope="module")
def en(full_pipeline):
    def run(text: str, published: str = "2005-02-10") -> Document:
        return full_pipeline(Document(text=text, lang="en", published=date.fromisoformat(published)))
    return run


def _events(doc: Document) -> list[tuple[str, str, str, tuple[str, ...]]]:
    out = []
    for r in doc.records():
        if r["kind"] == "event":
            out.append((r["event"][0], r["actor"][0]["code"] if r["actor"] else None,
                        r["recipient"][0]["code"] if r["recipient"] else None, tuple(r["context"])))
    return out


@pytest.mark.parametrize("text, event, actor, recipient", [
    ("The Russian government criticised Poland on Tuesday.", "ACCUSE", "RUS", "POL"),
    ("Tony Blair held talks with Jacques Chirac in Paris.", "CONSULT", "GBR", "FRA"),
    ("Gordon Brown has signed a trade deal with Kenya.", "AGREE", "GBR", "KEN"),
    ("The Chinese police arrested two Japanese journalists.", "COERCE", "CHN", "JPN"),
    ("Iran dismissed Britain's offer.", "REJECT", "IRN", "GBR"),
    ("The United Nations urged Israel to open the crossings.", "REQUEST", "UN", "ISR"),
])
def test_english_events(en, text, event, actor, recipient):
    found = _events(en(text))
    assert (event, actor, recipient) in [(e, a, r) for e, a, r, ctx in found if not ctx], found


@pytest.mark.parametrize("text", [
    "The Russian government did not criticise Poland.",
    "The Russian government could criticise Poland.",
    "The Russian government will criticise Poland.",
    "The Russian government refused to criticise Poland.",    # a refusal (REJECT), no criticism
    "Poland fears that the Russian government may criticise it.",
])
def test_english_modality_keeps_unreal_events_out(en, text):
    found = _events(en(text))
    assert not [e for e in found if e[0] == "ACCUSE" and not e[3]], found


@pytest.mark.parametrize("text, quote, speaker", [
    ("Tony Blair spoke in London. He said the plan was dead.", "the plan was dead", "Tony Blair"),
    ("The plan is dead, Tony Blair said.", "The plan is dead", "Tony Blair"),
    ("Tony Blair told reporters the plan was dead.", "the plan was dead", "Tony Blair"),
    ("Tony Blair said that the plan was dead.", "the plan was dead", "Tony Blair"),
])
def test_english_reported_speech(en, text, quote, speaker):
    doc = en(text)
    got = [(q.text, (q.speaker.identifier_text or q.speaker.text) if q.speaker else None) for q in doc.quotes]
    assert any(quote in t and s == speaker for t, s in got), got


@pytest.mark.parametrize("text, mention, code", [
    ("The British government met on Monday.", "British government", "GBR"),
    ("Mr Kennedy spoke.", "Kennedy", "GBR"),            # an honorific is no part of the name
    ("Labour won.", "Labour", "GBR"),
    ("The Kremlin said nothing.", "Kremlin", "RUS"),
])
def test_english_actor_names_join_shared_facts(en, text, mention, code):
    doc = en(text, published="2005-02-10")
    assert (mention, code) in [(e.text, e.code) for e in doc.entities], [(e.text, e.code) for e in doc.entities]


def test_weekdays_are_no_names(en):
    assert "Friday" not in [e.text for e in en("Tony Blair spoke on Friday.").entities]


def test_hyphenated_names_stay_one_word(en):
    assert "Kilroy-Silk" in [t.text for t in en("Robert Kilroy-Silk quit.").tokens]


def test_facts_are_stored_once():
    """No language folder holds actor facts: every language's actor data is names joined by
    key with the facts in data/actors, and every names entry finds its facts."""
    facts = {e["key"] for p in fact_files() for e in read_data_file(p, full=False)["entries"]}
    for code in ("de", "en"):
        data = load_language(code)
        assert not {"actors", "actor_facts"} & set(data.kinds()), code
        assert all(e["key"] in facts for e in data.entries("actor_names")), code


def test_english_is_a_folder_of_the_same_kinds_as_german():
    de = set(load_language("de").kinds())
    en = set(load_language("en").kinds())
    # German-only kinds: compound rules, discourse (pronoun chains), geo, qualifiers
    assert {"tagger", "grammar", "modality", "quotes", "time", "numbers", "agents", "triggers",
            "tokenizer"} <= en
    assert "actor_names" in en and (LANG_ROOT / "en" / "actors").is_dir()
    assert {"tagger", "grammar", "modality", "quotes", "time", "numbers", "agents", "triggers"} <= de


# --- issue 16, second pass: reported speech, names, places and requests -----------------------

@pytest.mark.parametrize("text, quote, speaker", [
    # a role noun whose modifier names an organisation is the office holder named before
    ("Voters want change, said Charles Kennedy. In his message the Liberal Democrat leader said "
     "Labour had run out of ideas.", "Labour had run out of ideas", "Charles Kennedy"),
    # a later speech verb inside the reported clause does not hide the first one
    ("Ken Livingstone has said he could not say sorry for the remarks.",
     "he could not say sorry", "Ken Livingstone"),
    # a noun right after a subject pronoun is its verb
    ("Ken Livingstone spoke on Monday. He claims he was misquoted by the paper.",
     "he was misquoted", "Ken Livingstone"),
    # the possessive continues the speaker phrase; a name in apposition is the speaker
    ("Labour's chairman Ian McCartney said the group would be a parody.",
     "the group would be a parody", "Ian McCartney"),
    ("Tony Blair spoke first. Their leader, Roger Knapman, has said he is pleased to leave early.",
     "he is pleased to leave early", "Roger Knapman"),
    # an honorific opens a noun phrase of its own after a fronted phrase
    ("After the agreement with Kenya Mr Brown said the UK would offer further loans.",
     "the UK would offer further loans", "Mr Brown"),
    # ', saying ...': the sentence's subject reports the clause after the participle
    ("Tony Blair declared himself delighted, saying Mr Jackson would be welcomed.",
     "Mr Jackson would be welcomed", "Tony Blair"),
])
def test_english_speakers(en, text, quote, speaker):
    doc = en(text, published="2005-01-10")
    got = [(q.text, (q.speaker.identifier_text or q.speaker.text) if q.speaker else None) for q in doc.quotes]
    assert any(quote in t and s == speaker for t, s in got), got


def test_participle_clause_is_not_an_attribution_of_what_precedes(en):
    doc = en("Tony Blair declared himself delighted, saying Mr Jackson would be welcomed.")
    assert not [q for q in doc.quotes if "declared himself" in q.text], [q.text for q in doc.quotes]


@pytest.mark.parametrize("text, mention, code", [
    ("The solicitor Louise Christian spoke in London.", "Louise Christian", None),   # one name
    ("The union held a rally in Gateshead on Monday.", "Gateshead", "GBR"),           # gazetteer
    ("The men were held at Belmarsh Prison in London.", "Belmarsh Prison", None),
    ("Lord Falconer spoke in London.", "Lord Falconer", "GBR"),
])
def test_english_names_and_places(en, text, mention, code):
    ents = [(e.text, e.code) for e in en(text, published="2005-01-10").entities]
    assert any(t == mention and (code is None or c == code) for t, c in ents), ents


def test_capitalisation_does_not_swallow_an_honorific(en):
    doc = en("After the talks with Kenya Mr Brown flew home.")
    tags = {t.text: t.pos for t in doc.tokens}
    assert tags["Mr"] != "NE"


@pytest.mark.parametrize("text, event, recipient", [
    ("Britain wants France to withdraw its troops.", "REQUEST", "FRA"),
])
def test_wanting_someone_to_act_is_a_request(en, text, event, recipient):
    found = _events(en(text))
    assert (event, "GBR", recipient) in [(e, a, r) for e, a, r, ctx in found], found


@pytest.mark.parametrize("text", [
    "Tony Blair said he wants to build a better Britain.",          # no one is to act
    "Tony Blair asked why France had changed its mind.",            # a question, no request
    "The Liberal Democrats have demonstrated that they can beat Labour.",   # shown, not protested
    "Gordon Brown received advice from Treasury officials.",        # no host and guest
])
def test_english_trigger_readings_that_are_no_events(en, text):
    found = _events(en(text))
    assert not [e for e in found if e[0] in ("REQUEST", "PROTEST", "CONSULT") and not e[3]], found


@pytest.mark.parametrize("text, quote, speaker", [
    # a trailing attribution in the perfect
    ("The time for excuses has passed, Gordon Brown has told MPs.", "The time for excuses has passed",
     "Gordon Brown"),
    # a participle clause has no subject of its own: the sentence's subject speaks
    ("Tony Blair defended his party, pointing out that it was his government that acted.",
     "it was his government that acted", "Tony Blair"),
    # a quantifier opens the reported clause
    ("Charles Kennedy spoke in London. At home he said many voters were drifting to his party.",
     "many voters were drifting", "Charles Kennedy"),
])
def test_english_speakers_second_round(en, text, quote, speaker):
    doc = en(text, published="2005-01-10")
    got = [(q.text, (q.speaker.identifier_text or q.speaker.text) if q.speaker else None) for q in doc.quotes]
    assert any(quote in t and s == speaker for t, s in got), got


def test_a_coordinated_speech_verb_after_an_apposition_keeps_the_subject(en):
    doc = en("Former Tory leader Iain Duncan Smith, one of the critics, condemned the debate as a "
             "charade and complained the promises were vague.")
    got = [(q.text, (q.speaker.identifier_text or q.speaker.text) if q.speaker else None) for q in doc.quotes]
    assert ("the promises were vague", "Iain Duncan Smith") in got, got


@pytest.mark.parametrize("text, quote, speaker", [
    # speech acts whose content is a noun phrase or a that-clause, as kritisieren, fordern in German
    ("Gordon Brown criticised the existing system of payments.", "Gordon Brown criticised the existing system",
     "Gordon Brown"),
    ("Charles Kennedy demanded assurances that the evidence was sound.", "the evidence was sound", "Charles Kennedy"),
    # a prepositional attribute before the name in apposition
    ('"The plan is dead," an adviser to the chancellor, Gordon Brown, said.', "The plan is dead", "Gordon Brown"),
])
def test_english_speech_acts_and_apposed_names(en, text, quote, speaker):
    doc = en(text, published="2005-01-10")
    got = [(q.text, (q.speaker.identifier_text or q.speaker.text) if q.speaker else None) for q in doc.quotes]
    assert any(quote in t and s is not None and speaker in s for t, s in got), got
