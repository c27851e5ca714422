"""The quantity finder on hand-written German and English sentences."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.numbers.find import find_quantities

# (sentence, exact span, value, unit, counts); counts None = not checked
GERMAN = [
    ("Die Regierung sagte 200 Milliarden US-Dollar zu.", "200 Milliarden US-Dollar", 200e9, "USD", None),
    ("Nach Angaben der UN sind 1,5 Millionen Menschen auf der Flucht.", "1,5 Millionen Menschen", 1.5e6, "persons", "Menschen"),
    ("Bei dem Anschlag starben mehr als 20 Menschen.", "mehr als 20 Menschen", 20, "persons", "Menschen"),
    ("Die Zölle steigen auf 12 Prozent.", "12 Prozent", 12, "percent", None),
    ("Die Armee flog fünf Angriffe auf die Stadt.", "fünf Angriffe", 5, "attacks", "Angriffe"),
    ("Der Konzern streicht 2.500 Stellen.", "2.500 Stellen", 2500, None, "Stellen"),
    # a full stop the splitter kept, then an article: the number ended its sentence, no ordinal
    ("Die Behörde nannte eine Opferzahl von 111. Die Suche geht weiter.", "111", 111, None, "Opferzahl"),
    ("Die Miliz ließ zwei Dutzend Geiseln frei.", "zwei Dutzend Geiseln", 24, "persons", "Geiseln"),
    ("Das Paket umfasst 3,2 Mrd. Euro.", "3,2 Mrd. Euro", 3.2e9, "EUR", None),
    ("Der Fonds hat 450 Mio. € eingesammelt.", "450 Mio. €", 450e6, "EUR", None),
    ("Moskau zahlt 15 Tsd. Rubel pro Monat.", "15 Tsd. Rubel", 15e3, "RUB", None),
    ("London stellte 40 Millionen Pfund bereit.", "40 Millionen Pfund", 40e6, "GBP", None),
    ("Peking investiert 80 Milliarden Yuan in die Region.", "80 Milliarden Yuan", 80e9, "CNY", None),
    ("Israel überwies 300 Millionen Schekel.", "300 Millionen Schekel", 300e6, "ILS", None),
    ("Die Strafe beträgt 5000 Euro.", "5000 Euro", 5000, "EUR", None),
    ("Die Anleihe brachte $4,5 Mrd. ein.", "$4,5 Mrd.", 4.5e9, "USD", None),
    ("Es kamen zwölf Kinder ums Leben.", "zwölf Kinder", 12, "persons", "Kinder"),
    ("Die Polizei nahm einundzwanzig Demonstranten fest.", "einundzwanzig Demonstranten", 21, "persons", None),
    ("Zehntausend Reservisten wurden einberufen.", "Zehntausend Reservisten", 10000, "persons", None),
    ("Die Behörden meldeten mindestens 13 Tote.", "mindestens 13 Tote", 13, "persons", "Tote"),
    ("Rund 4.000 Soldaten sind im Einsatz.", "Rund 4.000 Soldaten", 4000, "persons", "Soldaten"),
    ("Bis zu 30 Staaten wollen beitreten.", "Bis zu 30 Staaten", 30, "countries", "Staaten"),
    ("Mehr als 700 Schulen blieben geschlossen.", "Mehr als 700 Schulen", 700, "buildings", "Schulen"),
    ("Die Rakete flog 1.200 Kilometer weit.", "1.200 Kilometer", 1200, "km", None),
    ("Die Grenze ist 300 km lang.", "300 km", 300, "km", None),
    ("Das Schiff hatte 2.000 Tonnen Weizen geladen.", "2.000 Tonnen", 2000, "t", None),
    ("Der Wert lag bei 40 µg/m³ im Jahresmittel.", "40 µg/m³", 40, "µg/m³", None),
    ("Die Inflation sank um 0,3 Prozentpunkte.", "0,3 Prozentpunkte", 0.3, "percentage_points", None),
    ("Die Partei kam auf 8,5 %.", "8,5 %", 8.5, "percent", None),
    ("Die Quote stieg auf 7%.", "7%", 7, "percent", None),
    ("Zwischen 20 und 30 Drohnen wurden abgefangen.", "Zwischen 20 und 30 Drohnen", 20, "drones", "Drohnen"),
    ("Es wurden 20 bis 30 Verletzte gezählt.", "20 bis 30 Verletzte", 20, "persons", "Verletzte"),
    ("Sie nahm 19 russische Drohnen ins Visier.", "19 russische Drohnen", 19, "drones", "Drohnen"),
    ("Die Zahl der Toten stieg auf sieben.", "sieben", 7, None, None),
    ("Ein Soldat wurde bei dem Beschuss getötet.", "Ein Soldat", 1, "persons", "Soldat"),
    ("Dabei starb ein US-Soldat.", "ein US-Soldat", 1, "persons", "US-Soldat"),
    ("Eine Million Menschen verließ die Stadt.", "Eine Million Menschen", 1e6, "persons", "Menschen"),
    ("Die Hilfe beträgt eine Milliarde Euro.", "eine Milliarde Euro", 1e9, "EUR", None),
    ("Die Hälfte der Abgeordneten stimmte dafür.", "Die Hälfte", 50, "percent", "Abgeordneten"),
    ("Zwei Drittel der Befragten lehnen das ab.", "Zwei Drittel", 200 / 3, "percent", "Befragten"),
    ("Fast ein Viertel der Bevölkerung ist arm.", "Fast ein Viertel", 25, "percent", None),
    ("Hunderte Menschen demonstrierten vor dem Parlament.", "Hunderte Menschen", 200, "persons", "Menschen"),
    ("Tausende flohen über die Grenze.", "Tausende", 2000, None, None),
    ("Es geht um mehrere Milliarden US-Dollar.", "mehrere Milliarden US-Dollar", 2e9, "USD", None),
    ("Einige hundert Studenten besetzten die Uni.", "Einige hundert Studenten", 200, "persons", None),
    ("Der Handel im Wert von 200 Milliarden Dollar wuchs.", "200 Milliarden Dollar", 200e9, "USD", "Handel"),
    ("Die Regierung plant ein 500-Milliarden-Euro-Sondervermögen.", "500-Milliarden-Euro", 500e9, "EUR", "Sondervermögen"),
    ("Die Partei scheiterte an der 5-Prozent-Hürde.", "5-Prozent", 5, "percent", None),
    ("Es gab 39 von 40 Schiffen keine Erlaubnis.", "39", 39, "boats", "Schiffen"),
    ("Sie gewann 194 Sitze im Parlament.", "194 Sitze", 194, "seats", "Sitze"),
    ("Die Armee zerstörte 1600 Stellungen.", "1600 Stellungen", 1600, "targets", "Stellungen"),
    ("In Österreich demonstrierten 15 000 Menschen.", "15 000 Menschen", 15000, "persons", "Menschen"),
    ("Die Firma machte 1,2 Billionen Yen Umsatz.", "1,2 Billionen Yen", 1.2e12, "JPY", None),
    ("Zwei \"Eurofighter\" stiegen auf.", "Zwei \"Eurofighter\"", 2, None, "Eurofighter"),
    ("Das Land schickte anderthalb Tausend Helfer.", "anderthalb Tausend Helfer", 1500, "persons", "Helfer"),
    ("Kiew erhält 2,5 Milliarden Hrywnja.", "2,5 Milliarden Hrywnja", 2.5e9, "UAH", None),
    ("Dabei kamen elf Menschen ums Leben.", "elf Menschen", 11, "persons", "Menschen"),
    ("Das Kabinett tagte rund 90 Minuten.", "rund 90 Minuten", 90, "minutes", None),
    ("Die Ölförderung stieg auf 9 Millionen Barrel.", "9 Millionen Barrel", 9e6, "bbl", None),
    ("Bilanz des Tages: Drei Tote und viele Verletzte.", "Drei Tote", 3, "persons", "Tote"),
    ("Drei jugendliche Zeugen sagten aus.", "Drei jugendliche Zeugen", 3, None, "Zeugen"),
    ("Der Betrieb baut 1300 Arbeitsplätze ab.", "1300 Arbeitsplätze", 1300, None, "Arbeitsplätze"),
    ("Es kamen 2015 Flüchtlinge an.", "2015 Flüchtlinge", 2015, "persons", "Flüchtlinge"),
]

ENGLISH = [
    ("The deal is worth $200bn to the economy.", "$200bn", 200e9, "USD", None),
    ("About 1.5 million people fled the fighting.", "About 1.5 million people", 1.5e6, "persons", "people"),
    ("Donors pledged 200 billion dollars.", "200 billion dollars", 200e9, "USD", None),
    ("The chancellor found pounds 6m for the scheme.", "pounds 6m", 6e6, "GBP", None),
    ("Ministers set aside £1.2bn for defence.", "£1.2bn", 1.2e9, "GBP", None),
    ("The strike involves 1.4m workers.", "1.4m workers", 1.4e6, "persons", "workers"),
    ("Support fell to 45% last month.", "45%", 45, "percent", None),
    ("Turnout was 61 per cent.", "61 per cent", 61, "percent", None),
    ("At least 13 civilians were killed.", "At least 13 civilians", 13, "persons", "civilians"),
    ("More than 800,000 local government workers may strike.", "More than 800,000 local government workers", 800000, "persons", "workers"),
    ("Two hundred and fifty soldiers arrived.", "Two hundred and fifty soldiers", 250, "persons", "soldiers"),
    ("Twenty-one hostages were freed.", "Twenty-one hostages", 21, "persons", "hostages"),
    ("Between 20 and 30 people were hurt.", "Between 20 and 30 people", 20, "persons", "people"),
    ("A dozen tanks crossed the border.", "A dozen tanks", 12, "vehicles", "tanks"),
    ("The attack killed five.", "five", 5, None, None),
    ("By 2010 pounds 60bn more will be spent.", "pounds 60bn", 60e9, "GBP", None),
    ("Profits rose by dollars 5bn last year.", "dollars 5bn", 5e9, "USD", None),
    ("A third of voters stayed at home.", "A third", 100 / 3, "percent", None),
    ("Ninety one MPs signed the motion.", "Ninety one MPs", 91, "persons", "MPs"),
]


def _find(data, sentence, span):
    found = find_quantities(sentence, data)
    hits = [q for q in found if q.text == span]
    assert hits, f"{span!r} not found in {[q.text for q in found]}"
    return hits[0]


@pytest.mark.parametrize("sentence,span,value,unit,counts", GERMAN)
def test_german_quantities(de_numbers, sentence, span, value, unit, counts):
    q = _find(de_numbers, sentence, span)
    assert q.value == pytest.approx(value, rel=1e-9)
    assert q.unit == unit
    assert sentence[q.start:q.end] == q.text
    if counts is not None:
        assert q.counts == counts


@pytest.mark.parametrize("sentence,span,value,unit,counts", ENGLISH)
def test_english_quantities(en_numbers, sentence, span, value, unit, counts):
    q = _find(en_numbers, sentence, span)
    assert q.value == pytest.approx(value, rel=1e-9)
    assert q.unit == unit
    if counts is not None:
        assert q.counts == counts


@pytest.mark.parametrize("sentence", [
    "Am 3. Oktober 2024 trafen sich die Minister.",
    "Das Treffen beginnt um 14 Uhr.",
    "Das Treffen beginnt um 14.30 Uhr.",
    "Der Vertrag vom 12.03.2024 gilt weiter.",
    "Seit 2014 herrscht Krieg.",
    "Die G7 beraten über Artikel 5 des Vertrags.",
    "Die F-35 und die Su-34 flogen über das Meer.",
    "Das Spiel endete 3:0.",
    "Im 20. Jahrhundert änderte sich viel.",
    "Der 20-jährige Täter wurde festgenommen.",
    "Ein Lehrer aus der Stadt sprach mit Reportern.",
    "Mitte 2012 Außenminister geworden, reiste er viel.",
    "Er nahm sich in Acht vor den Gegnern.",
    "Der Sohn des 1979 gestürzten Herrschers sprach.",
    "Er feierte zum 80.",
    "Er feierte seinen 80. Geburtstag.",
])
def test_german_non_quantities(de_numbers, sentence):
    assert find_quantities(sentence, de_numbers) == []


@pytest.mark.parametrize("sentence", [
    "He spoke on March 3 at 5 pm.",
    "A spokesman said one of them had left.",
    "He is the third minister to resign.",
    "In 2004 the party won.",
    "They won 5-4 and drew 0-0.",
    "The bill goes to a third reading.",
    "Five-four is a hockey score.",
    "There was a danger people would leave.",
])
def test_english_non_quantities(en_numbers, sentence):
    assert find_quantities(sentence, en_numbers) == []


def test_sentence_final_number_is_cardinal(de_numbers):
    text = "Die Zahl der Opfer stieg auf 20."
    assert [q.value for q in find_quantities(text, de_numbers)] == [20]


def test_qualifier_range_and_approx_are_kept(de_numbers):
    [more] = find_quantities("Es kamen mehr als 20 Menschen.", de_numbers)
    assert (more.qualifier, more.approx) == ("gt", False)
    [rng] = find_quantities("Es waren 20 bis 30 Boote.", de_numbers)
    assert (rng.value, rng.upper) == (20, 30)
    [vague] = find_quantities("Hunderte Menschen flohen.", de_numbers)
    assert vague.approx


def test_offsets_inside_a_larger_text(de_numbers):
    text = "Erster Satz. Dann kamen 30 Soldaten. Letzter Satz."
    start = text.index("Dann")
    end = text.index(" Letzter")
    [q] = find_quantities(text, de_numbers, start, end)
    assert text[q.start:q.end] == "30 Soldaten" == q.text


# --- robustness -------------------------------------------------------------------------------

_PIECES = ["1", "20", "2.500", "1,5", "10.000.0", "1,2,3", "9" * 40, " ", ".", ",", "-", "bis", "und",
           "zwischen", "mehr als", "Millionen", "Mrd.", "Euro", "$", "€", "%", "Prozent", "zwei", "Dutzend",
           "ein", "Hälfte", "die", "Menschen", "Soldaten", "\"", "Uhr", "Jahr", "2024", "hundert", "zehntausend",
           "mehrere", "Hunderte", "der", "von", "-Euro-", "3.", "\n", "µg/m³", "k", "bn", "m"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join))
def test_number_soup_never_raises(de_numbers, text):
    for q in find_quantities(text, de_numbers):
        assert text[q.start:q.end] == q.text and q.start < q.end
        assert q.value == q.value   # not NaN


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_random_text_never_raises(de_numbers, en_numbers, text):
    for data in (de_numbers, en_numbers):
        for q in find_quantities(text, data):
            assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", ["1,2,3 Menschen", "10.000.0 Euro", "9" * 5000 + " Euro", "1" * 30,
                                  "Es kamen 1.2.3.4.5 Soldaten.", "€€€ 5", "- - 5 - -", "0,0,0 %"])
def test_bad_numbers_best_effort(de_numbers, text):
    for q in find_quantities(text, de_numbers):
        assert q.value >= 0
