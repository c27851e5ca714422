"""Quote extraction through the real tokenizer and tagger, with a small hand-written actor
lexicon (independent of the shipped one). All example sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.components.actors import ActorIndex
from lagebild.components.quotes import QuoteExtractor
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings

ACTORS = [
    {"key": "CHN", "label": "GPE", "name": "China", "code": "CHN", "names": ["China"], "adjectives": ["chinesisch"]},
    {"key": "POL", "label": "GPE", "name": "Poland", "code": "POL", "names": ["Polen"]},
    {"key": "kremlin", "label": "ORG", "name": "Kremlin", "code": "RUS", "sector": "GOV", "names": ["Kreml"]},
    {"key": "xi", "label": "PER", "name": "Xi Jinping", "names": ["Xi Jinping"], "short": ["Xi"],
     "roles": [{"code": "CHN", "sector": "GOV", "start": "2013-03-14"}]},
    {"key": "putin", "label": "PER", "name": "Vladimir Putin", "names": ["Wladimir Putin"], "short": ["Putin"],
     "roles": [{"code": "RUS", "sector": "GOV", "start": "2012-05-07"}]},
    {"key": "pistorius", "label": "PER", "name": "Boris Pistorius", "names": ["Boris Pistorius"], "short": ["Pistorius"],
     "roles": [{"code": "DEU", "sector": "GOV", "start": "2023-01-19"}]},
]
AGENTS = [
    {"key": "government", "sector": "GOV", "name": "government", "forms": ["Regierung"], "compound_heads": ["regierung"]},
    {"key": "ministry", "sector": "GOV", "name": "ministry", "forms": ["Ministerium", "Ministeriums"],
     "compound_heads": ["ministerium", "ministeriums"]},
]


@pytest.fixture(scope="module")
def run():
    s = Settings(lang="de", check_language=False, components=("language", "tokens", "tags", "actors", "discourse", "quotes"))
    p = Pipeline(s)
    p.resources._cache["actors:de"] = ActorIndex.build(ACTORS, AGENTS)

    def analyze(text: str):
        return p(Document(text=text, lang="de", published=date(2025, 6, 1)))
    return analyze


def speaker_values(q) -> str:
    sp = q.speaker
    vals = [sp.text, sp.identifier_text, sp.code] if sp is not None else [q.speaker_text]
    return " | ".join(v for v in vals if v)


def check_spans(doc) -> None:
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        if q.cue:
            assert doc.text[q.cue["start"]:q.cue["end"]] == q.cue["text"]
        if q.speaker is not None:
            assert doc.text[q.speaker.start:q.speaker.end] == q.speaker.text


def one(doc, text: str):
    hits = [q for q in doc.quotes if q.text == text]
    assert hits, f"{text!r} not among {[q.text for q in doc.quotes]}"
    return hits[0]


# --- attributed quotes: form, speaker and cue ---------------------------------------------------
# (text, quote, a speaker value, cue text); the form each list's quotes must have is given below
DIRECT = [
    ("„Wir stehen fest an der Seite unserer Partner“, sagte Pistorius am Montag in Berlin.",
     "Wir stehen fest an der Seite unserer Partner", "Boris Pistorius", "sagte"),
    ("Xi sagte: »Die Zusammenarbeit wird in den kommenden Jahren weiter wachsen.«",
     "Die Zusammenarbeit wird in den kommenden Jahren weiter wachsen.", "Xi Jinping", "sagte"),
    ('"Die Gespräche waren offen und sehr konstruktiv", erklärte Putin.',
     "Die Gespräche waren offen und sehr konstruktiv", "Vladimir Putin", "erklärte"),
    ("“Wir lehnen diesen Vorschlag entschieden ab”, sagte ein Sprecher des Kreml.",
     "Wir lehnen diesen Vorschlag entschieden ab", "Kremlin", "sagte"),
    ("„Die Beziehungen zu China bleiben stabil“, heißt es in einer Erklärung des Kreml.",
     "Die Beziehungen zu China bleiben stabil", "Kremlin", "heißt es"),
    ("„Das ist nicht hinnehmbar und wird Folgen haben“, so Putin.",
     "Das ist nicht hinnehmbar und wird Folgen haben", "Vladimir Putin", "so"),
]
INDIRECT = [
    ("Pistorius stellte in Aussicht, einen Teil der Soldaten abzuziehen.",
     "einen Teil der Soldaten abzuziehen", "Boris Pistorius", "stellte"),
    ("Pistorius sagte, die Bundeswehr werde ihren Beitrag deutlich erhöhen.",
     "die Bundeswehr werde ihren Beitrag deutlich erhöhen", "Boris Pistorius", "sagte"),
    ("Die Regierung erklärte, man sei zu weiteren Gesprächen bereit.",
     "man sei zu weiteren Gesprächen bereit", "Regierung", "erklärte"),
    ("Xi betonte am Dienstag, dass China an einer friedlichen Lösung interessiert ist.",
     "dass China an einer friedlichen Lösung interessiert ist", "Xi Jinping", "betonte"),
    ("Die Lage an der Grenze sei ernst, sagte Pistorius.",
     "Die Lage an der Grenze sei ernst", "Boris Pistorius", "sagte"),
    # a separable verb: the cue is the finite verb ("teilte ... mit"); check_spans holds its offsets to it
    ("Das Ministerium teilte am Abend mit, dass die Grenze vorerst geöffnet bleibe.",
     "dass die Grenze vorerst geöffnet bleibe", "Ministerium", "teilte"),
    ("In einer Mitteilung des Kreml heißt es, man sei mit dem Ergebnis zufrieden.",
     "man sei mit dem Ergebnis zufrieden", "Kremlin", "heißt es"),
    ("Putin warf der Regierung vor, die Verhandlungen gezielt zu blockieren.",
     "die Verhandlungen gezielt zu blockieren", "Vladimir Putin", "warf"),
]
# reported speech: source phrases; an indicative clause is "reported"
REPORTED_INDICATIVE = [
    ("Laut Pistorius werden zusätzliche Kampfjets nach Polen verlegt.",
     "werden zusätzliche Kampfjets nach Polen verlegt", "Boris Pistorius", "Laut"),
    ("Polen sprach sich am Montag für schärfere Kontrollen aus.",
     "Polen sprach sich am Montag für schärfere Kontrollen aus", "Poland", "sprach"),
    ("Pistorius betonte die Treue seines Landes zum Bündnis.",
     "Pistorius betonte die Treue seines Landes zum Bündnis", "Boris Pistorius", "betonte"),
    # the tagger reads "bekannte" as the adjective "bekannt"; a semicolon ends the clause
    ("Der Kreml bekannte sich am Montag zu dem Vorschlag; die Börsen reagierten gelassen.",
     "Der Kreml bekannte sich am Montag zu dem Vorschlag", "Kremlin", "bekannte"),
]
REPORTED = [
    ("Reuters beruft sich auf Boris Pistorius. Ihm zufolge fand das Treffen am Dienstag statt.",
     "fand das Treffen am Dienstag statt", "Boris Pistorius", "zufolge"),
    ("Dem Kreml zufolge fand das Telefonat am Dienstag statt.",
     "fand das Telefonat am Dienstag statt", "Kremlin", "zufolge"),
    ("Nach Angaben des Kreml dauerte das Gespräch eine Stunde.",
     "dauerte das Gespräch eine Stunde", "Kremlin", "Nach Angaben"),
    ("Wie der Kreml mitteilte, telefonierten Putin und Xi am Freitag.",
     "telefonierten Putin und Xi am Freitag", "Kremlin", "Wie"),
]


def _cases(rows, forms):
    return [(text, quote, forms, speaker, cue) for text, quote, speaker, cue in rows]


@pytest.mark.parametrize("text,quote,forms,speaker,cue",
                         _cases(DIRECT, ("direct",)) + _cases(INDIRECT, ("indirect",))
                         + _cases(REPORTED_INDICATIVE, ("reported",)) + _cases(REPORTED, ("reported", "indirect")))
def test_attributed_quotes(run, text, quote, forms, speaker, cue):
    doc = run(text)
    q = one(doc, quote)
    assert q.form in forms
    assert speaker in speaker_values(q)
    assert q.cue and q.cue["text"] == cue
    check_spans(doc)


# --- direct quotes -----------------------------------------------------------------------------
def test_nested_marks_stay_inside_the_outer_quote(run):
    doc = run("„Er sagte mir: ‚Darüber wird nicht verhandelt‘, und dabei blieb es dann auch“, berichtete Pistorius.")
    direct = [q for q in doc.quotes if q.form == "direct"]
    assert len(direct) == 1
    assert "‚Darüber wird nicht verhandelt‘" in direct[0].text
    assert "Boris Pistorius" in speaker_values(direct[0])


def test_quote_over_several_sentences(run):
    doc = run("„Wir sind bereit. Die Lage ist ernst. Niemand sollte das unterschätzen“, sagte Xi.")
    assert len(doc.sentences) >= 2
    q = one(doc, "Wir sind bereit. Die Lage ist ernst. Niemand sollte das unterschätzen")
    assert "Xi Jinping" in speaker_values(q)


def test_interrupted_quote_gives_two_attributed_records(run):
    doc = run("„Wir wollen Frieden“, sagte Xi, „aber nicht um jeden Preis.“")
    first, second = one(doc, "Wir wollen Frieden"), one(doc, "aber nicht um jeden Preis.")
    assert "Xi Jinping" in speaker_values(first) and "Xi Jinping" in speaker_values(second)


def test_partial_quote_inside_indirect_speech(run):
    doc = run("Putin erklärte, die Beziehungen seien „so gut wie nie zuvor“.")
    partial = one(doc, "so gut wie nie zuvor")
    indirect = one(doc, "die Beziehungen seien „so gut wie nie zuvor“")
    assert partial.form == "direct" and indirect.form == "indirect"
    assert "Vladimir Putin" in speaker_values(partial) and "Vladimir Putin" in speaker_values(indirect)


@pytest.mark.parametrize("text", [
    "Die Operation „Adler“ begann am frühen Morgen.",
    "Die sogenannten „Rückführungszentren“ sind umstritten.",
    "Der Zug „Rheingold“ fährt wieder.",
    "Das Magazin „Der Spiegel“ berichtete ausführlich über den Fall.",
])
def test_scare_quotes_and_titles_are_no_quotes(run, text):
    doc = run(text)
    assert not [q for q in doc.quotes if q.form == "direct"]


def test_short_quote_with_a_speech_verb_is_a_quote(run):
    doc = run("Pistorius nannte den Vorschlag „völlig unrealistisch“.")
    q = one(doc, "völlig unrealistisch")
    assert "Boris Pistorius" in speaker_values(q)


def test_unattributed_quote_continues_the_previous_speaker(run):
    doc = run("„Wir werden das prüfen“, sagte Pistorius. „Eine schnelle Entscheidung wird es aber nicht geben.“")
    q = one(doc, "Eine schnelle Entscheidung wird es aber nicht geben.")
    assert "Boris Pistorius" in speaker_values(q)


# --- reported speech ------------------------------------------------------------------------------
def test_speech_act_without_clause_is_reported(run):
    doc = run("Der Kreml verurteilte den Angriff auf das Schärfste.")
    q = one(doc, "Der Kreml verurteilte den Angriff auf das Schärfste")
    assert q.form == "reported" and "Kremlin" in speaker_values(q)


# --- free indirect speech --------------------------------------------------------------------------
def test_free_indirect_continues_the_previous_speaker(run):
    doc = run("Pistorius sagte, die Lage sei angespannt. Man werde die Luftverteidigung rasch verstärken.")
    q = one(doc, "Man werde die Luftverteidigung rasch verstärken")
    assert q.form == "free_indirect"
    assert q.cue is None
    assert "Boris Pistorius" in speaker_values(q)


def test_indicative_sentence_is_no_free_indirect(run):
    doc = run("Pistorius sagte, die Lage sei angespannt. Am Abend regnete es in Berlin.")
    assert not [q for q in doc.quotes if q.form == "free_indirect"]


# --- pronouns and role nouns -----------------------------------------------------------------------
def test_pronoun_resolves_to_the_last_person(run):
    doc = run("Boris Pistorius besuchte am Montag Litauen. Er sagte, die Brigade sei einsatzbereit.")
    q = one(doc, "die Brigade sei einsatzbereit")
    assert q.speaker is not None
    assert q.speaker.text == "Er" and q.speaker_text == "Er"
    assert q.speaker.identifier_text == "Boris Pistorius"
    assert (q.speaker.code, q.speaker.sector) == ("DEU", "GOV")
    assert doc.text[q.speaker.start:q.speaker.end] == "Er"


def test_role_noun_resolves_to_the_last_government_person(run):
    doc = run("Boris Pistorius reiste nach Vilnius. Der Minister erklärte, die Brigade sei einsatzbereit.")
    q = one(doc, "die Brigade sei einsatzbereit")
    assert q.speaker_text == "Der Minister"
    assert q.speaker is not None and q.speaker.identifier_text == "Boris Pistorius"


def test_spokesperson_speaks_for_the_organisation(run):
    doc = run("Ein Sprecher des Kreml sagte, man prüfe den Vorschlag.")
    q = one(doc, "man prüfe den Vorschlag")
    assert q.speaker is not None
    assert q.speaker.code == "RUS" and q.speaker.identifier_text == "Kremlin"
    assert q.speaker_text == "Ein Sprecher des Kreml"


def test_pronoun_without_antecedent_keeps_the_text(run):
    doc = run("Er sagte, die Gespräche seien gescheitert.")
    q = one(doc, "die Gespräche seien gescheitert")
    assert q.speaker is None and q.speaker_text == "Er"


def test_institutional_speaker_from_a_compound(run):
    doc = run("„Die Gespräche waren nützlich und offen“, heißt es in der Kreml-Erklärung.")
    q = one(doc, "Die Gespräche waren nützlich und offen")
    assert q.speaker is not None and q.speaker.code == "RUS"
    assert "Kremlin" in (q.speaker.identifier_text or "")


def test_addressee_of_an_accusation(run):
    doc = run("Putin warf der Regierung vor, die Verhandlungen gezielt zu blockieren.")
    q = one(doc, "die Verhandlungen gezielt zu blockieren")
    assert q.addressee is not None and "Regierung" in q.addressee.text


def test_addressee(run):
    doc = run("Putin sagte gegenüber Xi, die Beziehungen seien eng.")
    q = one(doc, "die Beziehungen seien eng")
    assert q.addressee is not None and q.addressee.identifier_text == "Xi Jinping"
    assert "Vladimir Putin" in speaker_values(q)


# --- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "„Das ist ein Satz ohne Ende. Und noch einer, sagte Xi.",
    "Das endet hier“, sagte Xi. Und „hier",
    "„a ‚b “ c‘ d „",
    "\"\"\"\"",
    "„“, sagte Xi.",
    "' ' ‚ ‘ ’ » « › ‹",
    "Er sagte: „\n\nNeuer Absatz“",
])
def test_unbalanced_and_odd_marks_never_raise(run, text):
    doc = run(text)
    check_spans(doc)


def test_very_long_quote(run):
    body = " ".join(["Wir bleiben bei unserer Linie"] * 400)
    text = f"„{body}“, sagte Xi."
    assert len(body) > 10_000
    doc = run(text)
    q = one(doc, body)
    assert "Xi Jinping" in speaker_values(q)


def test_document_without_tokens():
    from lagebild.pipeline import Resources
    s = Settings(lang="de")
    comp = QuoteExtractor(s, Resources(s))
    doc = comp(Document(text="", lang="de"))
    assert doc.quotes == []


WORDS = st.sampled_from(["Xi", "sagte", "erklärte", "Putin", "er", "sei", "habe", "laut", "zufolge", "Kreml",
                         "die", "Regierung", "dass", "so", "heißt", "es", "in", "Angaben", "nach", "Lage"])
MARKS = st.sampled_from(list("„“”\"»«‚‘’'›‹,.:;!?-()") + ["\n", "\n\n", " "])
PIECES = st.lists(st.one_of(WORDS, MARKS, st.text(alphabet="abcäöüßXYZ ", min_size=1, max_size=6)),
                  min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PIECES)
def test_random_text_with_random_marks_never_raises(run, pieces):
    text = " ".join(pieces)
    if not text.strip():
        return
    doc = run(text)
    check_spans(doc)


def test_quote_records_follow_the_record_schema(run):
    import json
    from pathlib import Path

    import jsonschema
    schema_path = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "schemas" / "records.json"
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    doc = run("„Wir kommen“, sagte Xi am Montag. Er sagte, die Gespräche seien gut verlaufen. "
              "Jemand erklärte, man sei zufrieden. Laut dem Kreml wird weiter verhandelt.")
    records = [r for r in doc.records() if r["kind"] == "quote"]
    assert records
    for r in records:
        assert not list(validator.iter_errors(r))


def test_a_zu_infinitive_speech_verb_takes_no_speaker_from_its_object(run):
    # "vorzuschlagen" has no subject of its own: "neue Namen" is its object, not a speaker
    doc = run('Merz sagte, er habe keine Lust, neue Namen vorzuschlagen: "Das Verfahren ist beschädigt."')
    for q in doc.quotes:
        assert "neue Namen" not in speaker_values(q)


@pytest.mark.parametrize("text,quote,code", [
    # "nach eigenen Angaben": the source is the clause's own subject, not what follows the phrase
    ("Die kanadische Marine hat nach eigenen Angaben 300 Seeleute in die Arktis verlegt.",
     "hat nach eigenen Angaben", "CAN"),
    # a source noun with no author continues the source quoted last
    ("Ein Sprecher der NATO sagte, man beobachte die Lage. Den Angaben zufolge waren "
     "zwei Aufklärungsflugzeuge über der Ostsee unterwegs.", "waren zwei", "NATO"),
])
def test_a_source_noun_without_an_author_has_one(text, quote, code):
    from lagebild.analysis import analyze_text
    doc = analyze_text(text, id="t", published=None)
    q = next(q for q in doc.quotes if quote in doc.text[q.start:q.end] or quote in q.text)
    assert q.speaker is not None and q.speaker.code == code


@pytest.mark.parametrize("text,quote,code", [
    # "es" resolved to an organisation named with a neuter article speaks; the dative after
    # the verb is the one spoken to
    ("Das Militär Nordkoreas drohte Südkorea. Es warf der Regierung in Seoul vor, einen Angriff "
     "geplant zu haben.", "einen Angriff geplant", "PRK"),
])
def test_a_resolved_es_speaks(text, quote, code):
    from lagebild.analysis import analyze_text
    doc = analyze_text(text, id="t", published=None)
    q = next(q for q in doc.quotes if quote in q.text)
    assert q.speaker is not None and q.speaker.code == code


def test_a_dummy_es_does_not_speak():
    from lagebild.analysis import analyze_text
    doc = analyze_text("Das Militär Nordkoreas drohte Südkorea. Es heißt, der Angriff sei geplant gewesen.",
                       id="t", published=None)
    assert all(q.speaker is None or q.speaker.text != "Es" for q in doc.quotes)


@pytest.mark.parametrize("text", [
    "Auch der Gastgeber des Gipfels - Frankreichs Präsident Emmanuel Macron - rief dazu auf, die Ziele nicht aufzugeben.",
    "Der Gastgeber, Frankreichs Präsident Emmanuel Macron, sagte, man sei zufrieden.",
])
def test_a_named_person_in_apposition_is_the_speaker(text):
    # between commas or dashes; the name, not the title before it
    from lagebild.analysis import analyze_text
    q = analyze_text(text, id="t", published=None).quotes[0]
    assert q.speaker is not None and q.speaker.identifier_text == "Emmanuel Macron"


def test_a_quoted_headline_is_the_words_of_the_first_person_of_the_lead():
    from lagebild.analysis import analyze_text
    doc = analyze_text('"Wir bleiben bei unserem Kurs"\n\nDie Ministerin Bärbel Bas hat am Montag '
                       'die Pläne verteidigt. Kritik kam von der Opposition.', id="t", published=None)
    q = next(q for q in doc.quotes if q.sent == 0)
    assert q.speaker is not None and q.speaker.text == "Bärbel Bas"


def test_a_passive_speech_verb_takes_the_source_its_sentence_names():
    from lagebild.analysis import analyze_text
    doc = analyze_text("Dem Konzern wird nach Angaben der staatlichen Nachrichtenagentur TASS vorgeworfen, "
                       "die Opposition finanziert zu haben.", id="t", published=None)
    q = doc.quotes[0]
    assert q.speaker_text is not None and "TASS" in q.speaker_text


@pytest.mark.parametrize("text,speaker", [
    ("Unterdessen wurde im Innenministerium auf Anfrage betont, dass genug Plätze vorhanden seien.", "Innenministerium"),
    ("Im Garten wurde betont, dass genug Plätze vorhanden seien.", None),   # a place is no source
])
def test_a_passive_speech_verb_takes_the_institution_it_names(text, speaker):
    from lagebild.analysis import analyze_text
    q = analyze_text(text, id="t", published=None).quotes[0]
    assert q.speaker_text == speaker


@pytest.mark.parametrize("text, quote, named", [
    ("Boris Pistorius besuchte am Montag Litauen. Er sagte, die Brigade sei einsatzbereit.",
     "die Brigade sei einsatzbereit", "Boris Pistorius"),
    ("Boris Pistorius reiste nach Vilnius. Der Minister erklärte, die Brigade sei einsatzbereit.",
     "die Brigade sei einsatzbereit", "Boris Pistorius"),
])
def test_a_pronoun_speaker_record_names_its_referent(run, text, quote, named):
    doc = run(text)
    q = one(doc, quote)
    assert q.speaker_named is not None and q.speaker_named.text == named
    rec = next(r for r in doc.records() if r["kind"] == "quote" and r["text"] == quote)
    assert rec["speaker"]["named_as"] == named


def test_a_named_speaker_record_has_no_named_as(run):
    doc = run("Boris Pistorius sagte, die Brigade sei einsatzbereit.")
    rec = next(r for r in doc.records() if r["kind"] == "quote")
    assert "named_as" not in rec["speaker"]


def test_a_name_after_an_office_noun_is_the_speaker(run):
    # the office noun ("Der polnische Minister") does not send the speaker back to an earlier person
    doc = run("Xi Jinping sprach am Montag. Der polnische Minister Jan Kowalczyk sagte, die Lage sei ernst.")
    q = one(doc, "die Lage sei ernst")
    assert q.speaker is not None and "Kowalczyk" in q.speaker.text
    assert q.speaker.identifier_text != "Xi Jinping"


def test_commas_inside_brackets_split_no_clause(run):
    # the subject of "betonte" is the clause's first chunk, not the last country of the list
    doc = run("Pistorius sprach für alle Minister (Polen, China) und betonte, dass die Lage ernst sei.")
    q = one(doc, "dass die Lage ernst sei")
    assert "Boris Pistorius" in speaker_values(q)


@pytest.mark.parametrize("text, quote", [
    ("Die Regierung Polens verbreitete eine Erklärung, in der es hieß, die Grenze bleibe geschlossen.",
     "die Grenze bleibe geschlossen"),
    # the relative clause after the verbs that close the clause
    ("Die Regierung Polens ließ am Montag eine Mitteilung verbreiten, in der es hieß, die Grenze bleibe geschlossen.",
     "die Grenze bleibe geschlossen"),
])
def test_a_relative_clause_quotes_the_source_its_author_published(run, text, quote):
    q = one(run(text), quote)
    assert q.speaker is not None and q.speaker.code == "POL"


def test_a_three_word_statement_that_lost_its_marks_is_a_quote(run):
    q = one(run("Das ist unerhört, sagte Pistorius."), "Das ist unerhört")
    assert q.form == "direct" and "Boris Pistorius" in speaker_values(q)


def test_a_source_noun_with_zufolge_is_not_its_clause_subjects(run):
    doc = run("Putin sprach mit Xi. Den Angaben zufolge hatten sowohl Polen als auch China die Grenzen geschlossen.")
    q = one(doc, "hatten sowohl Polen als auch China die Grenzen geschlossen")
    assert q.speaker is None or q.speaker.code != "POL"


@pytest.mark.parametrize("text, quote, speaker", [
    ("Die Regierung hat neue Hilfen für Polen zugesagt. Das teilte Pistorius am Abend in Berlin mit.",
     "Die Regierung hat neue Hilfen für Polen zugesagt", "Boris Pistorius"),
    ("Die Grenze zu Polen bleibt bis Freitag geschlossen. Dies bestätigte der Kreml am Montag.",
     "Die Grenze zu Polen bleibt bis Freitag geschlossen", "Kremlin"),
])
def test_a_demonstrative_object_of_a_speech_verb_reports_the_sentence_before(run, text, quote, speaker):
    doc = run(text)
    q = one(doc, quote)
    assert speaker in speaker_values(q)
    # the attributing sentence itself reports nothing
    assert not any(q.text.startswith(("Das ", "Dies ")) for q in doc.quotes)


def test_a_demonstrative_sentence_leaves_a_quoted_sentence_before_alone(run):
    doc = run("„Wir sind bereit“, sagte Xi. Das sagte er am Montag in Peking.")
    q = one(doc, "Wir sind bereit")
    assert "Xi Jinping" in speaker_values(q)


def test_a_complementizer_after_the_cue_is_its_clause_not_what_stands_before(run):
    doc = run("Auf die Frage, wann Polen beitreten könne, sagte Pistorius am Montag, dass er kein Datum nennen könne.")
    q = one(doc, "dass er kein Datum nennen könne")
    assert "Boris Pistorius" in speaker_values(q)
    assert not any("Auf die Frage" in q.text for q in doc.quotes)


@pytest.mark.parametrize("text", [
    "Die Lage sei ernst, sagte der Berater von Präsident Xi Jinping, Li Wenming, am Montag.",
    "Die Lage sei ernst, sagte ein Sprecher von Präsident Xi Jinping, Li Wenming.",
])
def test_a_name_in_apposition_after_an_attribute_is_the_speaker(text):
    from lagebild.analysis import analyze_text
    q = analyze_text(text, id="t", published=None).quotes[0]
    assert q.speaker is not None and "Li Wenming" in q.speaker.text


@pytest.mark.parametrize("text", [
    # verbs that judge what they take: the sentence before is not the subject's words
    "Die Briefe legen nahe, dass Pistorius Bescheid wusste. Das bestreitet Pistorius.",
    "Polen will die Grenze schließen. Das kritisierte Pistorius am Montag.",
])
def test_a_demonstrative_object_of_a_judging_verb_reports_nothing_before(run, text):
    doc = run(text)
    first = doc.sentences[0]
    assert not any(q.start < first.end and q.speaker is not None and "Pistorius" in speaker_values(q)
                   for q in doc.quotes)


def test_a_dass_clause_after_a_pronominal_adverb_is_no_complement_of_the_cue(run):
    doc = run("Das ist noch nicht vorbei, sagte Pistorius in Anspielung darauf, dass Polen zwar verhandle.")
    q = one(doc, "Das ist noch nicht vorbei")
    assert "Boris Pistorius" in speaker_values(q)


@pytest.mark.parametrize("text, quote", [
    ("Man müsse vorsichtig sein, verlangte Pistorius: Es entspricht unserer Erfahrung, dass viele Urteile später fallen.",
     "Es entspricht unserer Erfahrung, dass viele Urteile später fallen"),
    ("Den Plan lehnt Putin ab. Die Kritik wies Xi ebenfalls zurück: Die Zusammenarbeit mit Polen wächst weiter.",
     "Die Zusammenarbeit mit Polen wächst weiter"),
])
def test_a_speech_verb_before_a_colon_introduces_speech_that_lost_its_marks(run, text, quote):
    q = one(run(text), quote)
    assert q.form == "direct" and q.speaker is not None


@pytest.mark.parametrize("text", [
    "Die Lage in Polen: Drei Menschen wurden verletzt.",
    "Pistorius sprach über drei Themen: Polen, China und die Bundeswehr.",
])
def test_a_colon_without_a_speech_verb_before_it_introduces_no_quote(run, text):
    assert not [q for q in run(text).quotes if q.form == "direct"]


def test_a_subjunctive_sentence_with_a_partial_quotation_continues_the_speaker(run):
    doc = run("„Wir sind bereit“, sagte Pistorius. Es sei das erste Mal, dass Polen so handle, und es gebe "
              "„kein besseres Zeichen als dieses“.")
    q = one(doc, "Es sei das erste Mal, dass Polen so handle, und es gebe „kein besseres Zeichen als dieses“")
    assert q.form == "free_indirect" and "Boris Pistorius" in speaker_values(q)
    assert "Boris Pistorius" in speaker_values(one(doc, "kein besseres Zeichen als dieses"))


@pytest.mark.parametrize("text", [
    "Der frühere Botschafter in Polen, Li Wenming, lobte den Plan, kritisierte aber, dass er zu spät komme.",
    "Die Sprecherin des Kreml, Li Wenming, lobte den Plan, kritisierte aber, dass er zu spät komme.",
])
def test_a_verb_after_a_subject_and_its_apposition_takes_that_subject(text):
    from lagebild.analysis import analyze_text
    doc = analyze_text(text, id="t", published=None)
    q = next(q for q in doc.quotes if "zu spät" in q.text)
    assert q.speaker is not None and "Li Wenming" in q.speaker.text


def test_a_parenthetical_speech_verb_keeps_the_subject_after_it(run):
    # "X, meint Y, sei ...": one segment before the verb, so its subject follows it
    doc = run("Polen, meint Pistorius, sei schlecht beraten worden.")
    assert all("Boris Pistorius" in speaker_values(q) for q in doc.quotes if q.speaker is not None)


@pytest.mark.parametrize("text, quote, forms", [
    # the verbal bracket closes after an apposition
    ("Die Grenze bleibe offen, teilte Pistorius, der Minister, am Abend mit.", "Die Grenze bleibe offen", ("indirect",)),
    # right after a person's quote, a first-person sentence without marks is that person's
    ("Die Lage sei ernst, sagte Pistorius. Wir haben keine Wahl mehr.", "Wir haben keine Wahl mehr", ("direct",)),
])
def test_unmarked_speech_around_an_attribution(run, text, quote, forms):
    q = one(run(text), quote)
    assert q.form in forms and "Boris Pistorius" in speaker_values(q)


@pytest.mark.parametrize("text", [
    # no quote right before, or a speech verb of its own in the sentence
    "Pistorius reiste nach Polen. Wir haben keine Wahl mehr.",
    "Die Lage sei ernst, sagte Pistorius. Am Abend reisten wir nach Polen, berichtete ein Reporter.",
])
def test_a_first_person_sentence_continues_only_a_person_just_quoted(run, text):
    doc = run(text)
    assert not any(q.form == "direct" and "Boris Pistorius" in speaker_values(q) and "wir" in q.text.lower().split()
                   for q in doc.quotes)


def test_a_fronted_subordinate_clause_is_no_statement_of_the_verb_after_it(run):
    doc = run("Weil es offene Probleme zwischen den Staaten gibt, fordert Pistorius mehr Engagement von Polen.")
    assert not any(q.form == "direct" for q in doc.quotes)
    q = next(q for q in doc.quotes if "mehr Engagement" in q.text)
    assert "Boris Pistorius" in speaker_values(q)


def test_a_conditional_before_a_main_clause_is_part_of_the_statement(run):
    q = one(run("Wenn Polen zustimmt, dann ist das ein gutes Zeichen, sagte Pistorius."),
            "Wenn Polen zustimmt, dann ist das ein gutes Zeichen")
    assert q.form == "direct" and "Boris Pistorius" in speaker_values(q)


def test_a_judgement_with_halten_fuer_is_reported(run):
    q = one(run("Eine neue Meldepflicht hält Pistorius für eine populistische Idee."),
            "Eine neue Meldepflicht hält Pistorius für eine populistische Idee")
    assert q.form == "reported" and "Boris Pistorius" in speaker_values(q)
