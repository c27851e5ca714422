"""The places component on made-up sentences: a place is an event's only when its clause ties
it to the event (a PP on the trigger or its arguments); never from a dateline, another clause,
an actor's seat or an adjective's phrase."""
from __future__ import annotations

import pytest

from lagebild.model import Document


def located(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(e.event[0], e.location.extracted_place if e.location else None,
             e.location.country_code if e.location else None) for e in doc.events]


@pytest.mark.parametrize("text, want", [
    # a place phrase after the noun of a place phrase narrows the setting; the one after the
    # protest's object is that object's
    ("Hunderte haben am Freitag vor dem Rathaus in Hamburg gegen die Kämpfe im Sudan "
     "demonstriert.", ("PROTEST", "Hamburg", "DEU")),
    # a compass preposition names the place the act was near, through "von" or with a genitive
    ("Die Armee hat am Montag ein Lager südlich von Beirut gestürmt.", ("COERCE", "Beirut", "LBN")),
    ("Russland hat am Montag Ziele westlich Kiews bombardiert.", ("ASSAULT", "Kiews", "UKR")),
    ("Bei einem russischen Raketenangriff wurde am Dienstag eine Schule unweit der Stadt Saporischschja getroffen.",
     ("ASSAULT", "Saporischschja", "UKR")),
    # a body named by its building, as the object of a locative preposition, is its city
    ("Am Montag empfing Putin den Präsidenten Chinas im Kreml.", ("CONSULT", "Kreml", "RUS")),
    # a backdrop meeting keeps its own place past its participants ("zwischen ... und ...")
    ("Einen Tag vor Verhandlungen zwischen Norwegen und den USA im Weißen Haus kritisierte der Präsident Frankreichs "
     "Norwegen.", ("CONSULT", "Weißen Haus", "USA")),
    # right after the finite verb the phrase is the clause's; the adjective after it opens the subject
    ("Am Sonntag wurden in Syrien zahlreiche Brücken von der syrischen Luftwaffe bombardiert.", ("ASSAULT", "Syrien", "SYR")),
    # a state's military exercise with no place named is held on its own ground (home_event)
    ("Trotz der Streitigkeiten mit Kolumbien begann Venezuela am Montag ein Militärmanöver.", ("MOBILIZE", "Venezuela", "VEN")),
    # an act done at one place is done where its actor is (no seat: people, the police of a country)
    ("Am Sonntag waren Zehntausende Menschen in Rumänien gegen die Regierung auf die Straße gegangen.",
     ("PROTEST", "Rumänien", "ROU")),
    ("Ermittler in Kroatien haben am Montag einen Verdächtigen festgenommen.", ("COERCE", "Kroatien", "HRV")),
    # a place abroad after the actor is where it acted, not its seat
    ("Am Montag verübten Kämpfer der Hamas im Süden Israels einen Anschlag auf Zivilisten.",
     ("ASSAULT", "Israels", "ISR")),
    # the direct object of a visit verb is the place visited; of an attack verb, what it hit ("vor" as
    # time is no "near" phrase)
    ("Außenministerin Baerbock hat am Montag überraschend Israel besucht.", ("CONSULT", "Israel", "ISR")),
    ("Russland griff vor zwei Jahren die Ukraine an.", ("ASSAULT", "Ukraine", "UKR")),
    ("Russland griff in der Nacht den Hafen von Odessa an.", ("ASSAULT", "Odessa", "UKR")),
    ("Israelische Kampfjets bombardierten am Montag den Gazastreifen.", ("ASSAULT", "Gazastreifen", "PSE")),
    # an event noun under a backdrop preposition keeps its own attribute, through a coordination
    ("Wochen nach dem Anschlag der Taliban und ihrer Verbündeten in Kabul kritisierte die Regierung Pakistans "
     "die Taliban.", ("ASSAULT", "Kabul", "AFG")),
    ("Bei einem russischen Angriff auf Charkiw wurden am Donnerstag vier Menschen getötet.",
     ("ASSAULT", "Charkiw", "UKR")),
    ("Der ukrainische Präsident Selenskyj reiste am Donnerstag nach Moskau.", ("CONSULT", "Moskau", "RUS")),
    ("Israel hat am Donnerstag Stellungen der Hamas im Gazastreifen bombardiert.",
     ("ASSAULT", "Gazastreifen", "PSE")),
    ("In Budapest protestierten am Donnerstag tausende Ungarn gegen die Regierung.",
     ("PROTEST", "Budapest", "HUN")),
    ("Die Armee Israels setzte den Beschuss des Gazastreifens am Donnerstag fort.",
     ("ASSAULT", "Gazastreifens", "PSE")),
    ("Die Polizei nahm am Donnerstag in Minsk mehrere Oppositionelle fest.", ("COERCE", "Minsk", "BLR")),
    ("Die US-Armee verlegte am Donnerstag weitere Soldaten nach Polen.", ("MOBILIZE", "Polen", "POL")),
    ("Die Nato-Außenminister kamen am Donnerstag zu einem Treffen in Vilnius zusammen.",
     ("CONSULT", "Vilnius", "LTU")),
    ("Die jemenitischen Huthi griffen am Donnerstag vor der Küste Jemens ein britisches Schiff an.",
     ("ASSAULT", "Jemens", "YEM")),
    ("Hunderte Menschen protestierten am Donnerstag vor dem Parlament in Tiflis gegen die Regierung.",
     ("PROTEST", "Tiflis", "GEO")),
    # an adverbial PP of a statement: where it was made
    ("Der deutsche Kanzler kritisierte am Donnerstag in Berlin die russische Regierung scharf.", ("ACCUSE", "Berlin", "DEU")),
    ("Bei Kämpfen nahe Bachmut wurden am Donnerstag ukrainische Soldaten von russischen Truppen getötet.",
     ("ASSAULT", "Bachmut", "UKR")),
    # the capital named by its country; and a clause of the same moment shares the scene
    ("In der Hauptstadt Kenias protestierten am Donnerstag tausende Studenten gegen die Regierung, "
     "als die Polizei das Feuer auf die Demonstranten eröffnete.", ("PROTEST", "Hauptstadt Kenias", "KEN")),
    ("In der Hauptstadt Kenias protestierten am Donnerstag tausende Studenten gegen die Regierung, "
     "als die Polizei das Feuer auf die Demonstranten eröffnete.", ("ASSAULT", "Hauptstadt Kenias", "KEN")),
    # a PP after another noun may be that noun's: the clause's adverbial place comes first
    ("In Berlin haben am Samstag tausende Menschen aus Solidarität mit den Demonstranten im Iran protestiert.",
     ("PROTEST", "Berlin", "DEU")),
    ("Bei einem russischen Drohnenangriff sind im Kreis Browary nahe der Hauptstadt Kiew am Donnerstag "
     "vier Menschen getötet worden.", ("ASSAULT", "Browary", "UKR")),
    # a verb coordinated under the same subject acts in the setting of the verb before it
    ("Bundeskanzler Scholz sprach am Montag in Warschau vor Journalisten und kritisierte die russische "
     "Regierung scharf.", ("ACCUSE", "Warschau", "POL")),
    # a relative clause of the same moment ("bei dem") shares the setting of the clause before
    ("Die Lage eskalierte am Dienstag in der syrischen Stadt Idlib mit einem Luftangriff, bei dem russische "
     "Kampfjets ein Krankenhaus bombardierten.", ("ASSAULT", "Idlib", "SYR")),
    # an adjective after a place phrase that follows a noun opens the next noun phrase
    ("Bundeskanzler Scholz äußerte bei seinem Auftritt in Zürich deutliche Kritik an der NATO.",
     ("ACCUSE", "Zürich", "CHE")),
    # a place adverb stands for the place named last
    ("Der Kanzler reiste am Montag nach Warschau. Dort kritisierte Scholz die russische Regierung scharf.",
     ("ACCUSE", "Warschau", "POL")),
])
def test_place_tied_by_the_clause(run, text, want):
    assert want in located(run(text))


@pytest.mark.parametrize("text", [
    # the dateline says where the report was filed
    "Kairo – Die israelische Armee hat am Donnerstag die Hamas angegriffen.",
    # the place belongs to the relative clause, not to the accusation
    "Die Regierung Frankreichs kritisierte am Donnerstag die Hamas, die in Gaza Geiseln festhält.",
    # a seat: the government in Madrid, not an act in Madrid
    "Die Regierung in Madrid kritisierte am Donnerstag Marokko scharf.",
    # the PP locates the noun, not the statement
    "Frankreich kritisierte am Donnerstag Israel wegen der Lage in Gaza.",
    # the PP belongs to the object noun, not to the verb of a statement
    "Der venezolanische Außenminister kritisierte am Donnerstag die Militärpräsenz der USA in der Karibik.",
    # the agreement is the clause's backdrop ("trotz des ..."); the setting before it is not its place
    "In der Golfregion kam es am Donnerstag trotz des zwischen Saudi-Arabien und Iran geschlossenen "
    "Abkommens zu neuen Gefechten.",
    # "im Vorfeld der Gespräche": the talks are the backdrop of the quarrel in Brussels, not held there
    "In Brüssel gab es am Donnerstag im Vorfeld der Gespräche zwischen Frankreich und Deutschland Streit.",
    # a backdrop meeting ("kurz vor dem Treffen") does not take a place that follows its phrase: an
    # article opens the verb's object, whose place it is
    "Der deutsche Kanzler hatte am Tag vor seinem Treffen mit dem französischen Präsidenten Macron die Eroberung der Stadt "
    "im Norden Syriens kritisiert.",
    # the place belongs to the adjective's phrase
    "Die in Oslo ansässige Regierung Norwegens kritisierte am Donnerstag den Iran.",
    # a quoted noun still ends a noun phrase: the PP is the noun's
    "Bundeskanzler Scholz warf Russland \"Verbrechen\" in der Ukraine vor.",
    # a PP inside the noun phrase an article opens belongs to the adjective after it
    "Die Regierung Kolumbiens warf der Armee Venezuelas einen Angriff in dem von Kolumbien kontrollierten Teil "
    "der Grenzregion vor.",
    # an object that is no place: a place name inside a longer name, and people from a place
    "Der Kanzler besuchte am Montag Soldaten aus Kiew.",
    "Russland hat am Montag die Zentrale des Deutschen Roten Kreuzes angegriffen.",
    # a month is no town ("August" is one in the gazetteer)
    "Im August kritisierte die Regierung Frankreichs den Iran scharf.",
    # a place adverb with no place named before it points nowhere
    "Bundeskanzler Scholz kritisierte dort die russische Regierung scharf.",
    # ... nor to a dateline
    "Kairo – Die Regierung Ägyptens kritisierte dort am Donnerstag Israel scharf.",
])
def test_no_place_from_elsewhere(run, text):
    doc = run(text)
    assert doc.events, "the sentence should code an event"
    assert all(e.location is None for e in doc.events), located(doc)


def test_place_mentions_are_entities_with_gazetteer_entries(run):
    doc = run("Am Donnerstag protestierten in Miskolc hunderte Lehrer gegen die ungarische Regierung.")
    recs = [r for r in doc.records() if r["kind"] == "entity" and r["text"] == "Miskolc"]
    assert recs and recs[0]["label"] in ("GPE", "LOC") and recs[0]["code"] == "HUN" and recs[0]["geonameid"] == 717582


@pytest.mark.parametrize("text, places", [
    # a lone word the gazetteer alone knows, followed by a capitalised word, starts a longer name
    ("Das sei ein Fehler, sagte Oliver Brandt, ein Lehrer aus Szeged.", ["Szeged"]),
    # ... not when a time phrase follows
    ("Hunderte Lehrer protestierten in Miskolc Ende November gegen die Regierung.", ["Miskolc"]),
])
def test_first_names_are_no_towns(run, text, places):
    assert [p.extracted_place for p in run(text).places] == places


def test_a_demonym_is_no_place(run):
    doc = run("Bei Protesten wurden am Montag drei Palästinenser von Soldaten Israels getötet.")
    assert "Palästinenser" not in [p.extracted_place for p in doc.places]
    assert all(e.location is None for e in doc.events), located(doc)


def test_a_body_named_by_its_building_is_no_place_as_subject(run):
    doc = run("Das Weiße Haus kritisierte am Montag die Regierung Chinas scharf.")
    assert [p.extracted_place for p in doc.places] == ["Chinas"]


def test_capital_resolves_to_the_city(run):
    doc = run("In der Hauptstadt Kenias protestierten am Donnerstag tausende Studenten gegen die Regierung.")
    assert doc.events[0].location.resolved_place == "Nairobi"


def test_location_record_is_a_plover_object(run):
    doc = run("Bei einem russischen Angriff auf Charkiw wurden am Donnerstag vier Menschen getötet.")
    ev = next(r for r in doc.records() if r["kind"] == "event")
    loc = ev["location"]
    assert loc["resolved_place"] == "Kharkiv" and loc["geonameid"] == 706483 and loc["resolution"] == 4
    assert loc["feature_class"] == "P" and loc["country"] == "Ukraine" and loc["fips"] == "UP"
    assert doc.text[loc["start"]:loc["end"]] == "Charkiw"
