"""German time expressions, dateparser style: (sentence, reference date, span, value) tables.

Documents are built by hand: one sentence, and either no tokens (the fallback: tense from
surface forms only) or tokens with hand-written lemma/POS (the tagger path).
"""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.lang import LANG_ROOT, read_data_file
from lagebild.model import Document, Sentence, Token
from lagebild.timex import annotate, compile_grammar

SAT = date(2024, 2, 10)   # a Saturday
WED = date(2024, 2, 14)   # a Wednesday
JUNE = date(2024, 6, 15)
_TOKEN = re.compile(r"\d+\.(?!\d)|\w+(?:[-.]\w+)*|[^\w\s]")


@pytest.fixture(scope="module")
def grammar():
    # Only the time file: loading the whole language (lexicons) would dominate the test time.
    return compile_grammar(read_data_file(LANG_ROOT / "de" / "time.yaml")["entries"])


def make_doc(text: str, ref: date | None, tags: dict[str, tuple[str, str]] | None = None) -> Document:
    """One-sentence document; with `tags` (word -> (lemma, STTS)) it also gets tokens."""
    doc = Document(text=text, lang="de", published=ref)
    toks = []
    if tags is not None:
        for m in _TOKEN.finditer(text):
            lemma, pos = tags.get(m.group(), (m.group().lower(), "XY"))
            toks.append(Token(m.group(), m.start(), m.end(), 0, lemma=lemma, pos=pos))
    doc.tokens = toks
    doc.sentences = [Sentence(0, 0, len(text), 0, len(toks))]
    return doc


def values(grammar, text, ref, tags=None) -> dict[str, str | None]:
    doc = make_doc(text, ref, tags)
    return {t.text: t.value for t in annotate(doc, grammar, ref)}


CASES = [
    # weekdays: the tense of the clause picks the week (same day counts as the past one)
    ("Die Minister trafen sich am Samstag in Rom.", SAT, "am Samstag", "2024-02-10"),
    ("Die Feuerwehr rückte am Samstagabend zu mehreren Bränden aus.", SAT, "am Samstagabend", "2024-02-10TEV"),
    ("Am Mittwoch hatte die Regierung den Plan vorgestellt.", SAT, "Am Mittwoch", "2024-02-07"),
    ("Am Mittwoch wird das Parlament abstimmen.", SAT, "Am Mittwoch", "2024-02-14"),
    ("Die Sitzung am Mittwoch war kurz.", SAT, "am Mittwoch", "2024-02-07"),
    ("Am letzten Freitag kam es zu Protesten.", SAT, "Am letzten Freitag", "2024-02-09"),
    ("Am vergangenen Sonntag wurde gewählt.", SAT, "Am vergangenen Sonntag", "2024-02-04"),
    ("Er reist kommenden Montag nach Kiew.", SAT, "kommenden Montag", "2024-02-12"),
    ("Sie treffen sich am Montag nächster Woche.", SAT, "am Montag nächster Woche", "2024-02-12"),
    ("Sie trafen sich am Dienstag vergangener Woche.", WED, "am Dienstag vergangener Woche", "2024-02-06"),
    ("Am heutigen Samstag beginnt der Gipfel.", SAT, "Am heutigen Samstag", "2024-02-10"),
    ("In der Nacht zum Samstag griffen Drohnen an.", SAT, "In der Nacht zum Samstag", "2024-02-10TNI"),
    ("Am frühen Freitagmorgen legte die Fähre ab.", SAT, "Am frühen Freitagmorgen", "2024-02-09TMO"),
    ("Am Wochenende demonstrierten Tausende.", SAT, "Am Wochenende", "2024-W06-WE"),
    ("Am Wochenende demonstrierten Tausende.", WED, "Am Wochenende", "2024-W06-WE"),
    # day words
    ("Gestern sprach der Präsident.", SAT, "Gestern", "2024-02-09"),
    ("Heute beginnt der Parteitag.", SAT, "Heute", "2024-02-10"),
    ("Morgen reist die Delegation ab.", SAT, "Morgen", "2024-02-11"),
    ("Vorgestern kam es zu Zusammenstößen.", SAT, "Vorgestern", "2024-02-08"),
    ("Übermorgen wird gewählt.", SAT, "Übermorgen", "2024-02-12"),
    ("Heute Morgen explodierte eine Bombe.", SAT, "Heute Morgen", "2024-02-10TMO"),
    ("Gestern Abend tagte der Krisenstab.", SAT, "Gestern Abend", "2024-02-09TEV"),
    ("Um 14.30 Uhr begann die Sitzung.", SAT, "Um 14.30 Uhr", "2024-02-10T14:30"),
    ("Die Rede begann um 9 Uhr.", SAT, "um 9 Uhr", "2024-02-10T09:00"),
    # months and parts of months
    ("Die Wahl fand im März letzten Jahres statt.", SAT, "im März letzten Jahres", "2023-03"),
    ("Die Wahl fand im März vergangenen Jahres statt.", SAT, "im März vergangenen Jahres", "2023-03"),
    ("Der Vertrag wurde im Oktober unterzeichnet.", SAT, "im Oktober", "2023-10"),
    ("Der Gipfel wird im Oktober stattfinden.", SAT, "im Oktober", "2024-10"),
    ("Das Gesetz war Ende Mai beschlossen worden.", SAT, "Ende Mai", "2023-05"),
    ("Mitte Mai soll die Konferenz beginnen.", SAT, "Mitte Mai", "2024-05"),
    ("Anfang Dezember wurden die Pläne bekannt.", SAT, "Anfang Dezember", "2023-12"),
    ("Die Reform war im Februar des Jahres vorgestellt worden.", JUNE, "im Februar des Jahres", "2024-02"),
    ("Die Frist läuft bis Ende März 2025.", SAT, "bis Ende März 2025", "2025-03"),
    ("Im Dezember 2009 fand die Konferenz statt.", SAT, "Im Dezember 2009", "2009-12"),
    ("Von März bis Juli 2019 stiegen die Mieten.", SAT, "Von März bis Juli 2019", "2019"),
    ("Seit Oktober wird verhandelt.", SAT, "Seit Oktober", "2023-10"),
    # days of months
    ("Die Vereinbarung vom 7. Oktober gilt nicht mehr.", SAT, "vom 7. Oktober", "2023-10-07"),
    ("Der Angriff am 7. Oktober 2023 erschütterte das Land.", SAT, "am 7. Oktober 2023", "2023-10-07"),
    ("Die Frist endete am 7.10.2023.", SAT, "am 7.10.2023", "2023-10-07"),
    ("Die Liste vom 02.01.09 ist veraltet.", SAT, "vom 02.01.09", "2009-01-02"),
    ("Der Krieg dauert seit dem 24. Februar 2022 an.", SAT, "seit dem 24. Februar 2022", "2022-02-24"),
    ("Die Verhandlungen laufen seit dem 12. Oktober.", SAT, "seit dem 12. Oktober", "2023-10-12"),
    ("Am 3. März 2024 wählt die Region.", SAT, "Am 3. März 2024", "2024-03-03"),
    ("Die Feiern des 3. Oktobers 1990 dauerten lange.", SAT, "des 3. Oktobers 1990", "1990-10-03"),
    ("Die Abstimmung soll am 12. und 13. Juni stattfinden.", SAT, "am 12. und 13. Juni", "2024-06-12"),
    ("Am Montag, 5. Februar 2024, tagte der Rat.", SAT, "Am Montag, 5. Februar 2024", "2024-02-05"),
    ("Das Treffen am 31. Februar fiel aus.", SAT, "am 31. Februar", "2024-02"),
    ("Der Brief vom 31. Februar 2023 war gefälscht.", SAT, "vom 31. Februar 2023", "2023-02"),
    ("Die Ausstellung startet an Weihnachten 2024.", SAT, "an Weihnachten 2024", "2024-12-25"),
    # years, decades, quarters, seasons
    ("Der Bericht erschien 2023 in Genf.", SAT, "2023", "2023"),
    ("Im Jahr 2022 wurden die Sanktionen verschärft.", SAT, "Im Jahr 2022", "2022"),
    ("Seit 2022 herrscht Krieg.", SAT, "Seit 2022", "2022"),
    ("Er ist seit 2014 Präsident.", SAT, "seit 2014", "2014"),
    ("Die Gespräche endeten Mitte 2016.", SAT, "Mitte 2016", "2016"),
    ("Mitte der 1990er Jahre begann der Konflikt.", SAT, "Mitte der 1990er Jahre", "199"),
    ("In den 90er-Jahren wuchs die Stadt.", SAT, "In den 90er-Jahren", "199"),
    ("Die Zahlen aus dem dritten Quartal 2023 sind schlecht.", SAT, "aus dem dritten Quartal 2023", "2023-Q3"),
    ("Im ersten Halbjahr 2024 sank der Absatz.", SAT, "Im ersten Halbjahr 2024", "2024-H1"),
    ("Im Sommer 2023 brannten die Wälder.", SAT, "Im Sommer 2023", "2023-SU"),
    ("Im vergangenen Sommer brannten die Wälder.", SAT, "Im vergangenen Sommer", "2023-SU"),
    # relative to the publication date
    ("Im vergangenen Jahr sank die Zahl.", SAT, "Im vergangenen Jahr", "2023"),
    ("Letztes Jahr gab es mehr Proteste.", SAT, "Letztes Jahr", "2023"),
    ("Nächstes Jahr findet die Messe in Lyon statt.", SAT, "Nächstes Jahr", "2025"),
    ("Noch in diesem Jahr soll das Gesetz kommen.", SAT, "Noch in diesem Jahr", "2024"),
    ("Vorige Woche traf er den Kanzler.", SAT, "Vorige Woche", "2024-W05"),
    ("Vergangene Woche wurde verhandelt.", SAT, "Vergangene Woche", "2024-W05"),
    ("Nächste Woche besucht er Paris.", SAT, "Nächste Woche", "2024-W07"),
    ("Ab kommender Woche gelten neue Regeln für Pendler.", SAT, "Ab kommender Woche", "2024-W07"),
    ("Ende vergangener Woche wurde gestreikt.", SAT, "Ende vergangener Woche", "2024-W05"),
    ("Anfang des Jahres stiegen die Preise.", SAT, "Anfang des Jahres", "2024"),
    ("Zum Jahreswechsel trat das Gesetz in Kraft.", SAT, "Zum Jahreswechsel", "2024-01-01"),
    ("Im Vorjahr war die Zahl geringer.", SAT, "Im Vorjahr", "2023"),
    ("Vor zwei Wochen begannen die Gespräche.", SAT, "Vor zwei Wochen", "2024-W04"),
    ("Vor drei Jahren wurde er gewählt.", SAT, "Vor drei Jahren", "2021"),
    ("Vor einem Jahr wurde er gewählt.", SAT, "Vor einem Jahr", "2023-02"),   # the month a year back
    ("In zwei Wochen soll ein Abkommen stehen.", SAT, "In zwei Wochen", "2024-W08"),
    ("Er will in anderthalb Wochen zurücktreten.", SAT, "in anderthalb Wochen", "2024-02-20"),
    ("Am 3. Mai 2021 begann der Streik, zwei Tage später endete er.", SAT, "zwei Tage später", "2021-05-05"),
    ("Am 3. Mai 2021 begann der Streik, am nächsten Tag endete er.", SAT, "am nächsten Tag", "2021-05-04"),
    ("Der Minister trat am selben Tag zurück.", SAT, "am selben Tag", "2024-02-10"),
    # durations and sets
    ("Er ist seit drei Jahren im Amt.", SAT, "seit drei Jahren", "P3Y"),
    ("Die Demonstranten blockierten die Straße zwei Tage lang.", SAT, "zwei Tage lang", "P2D"),
    ("Die Geiseln waren ein halbes Jahr in Haft.", SAT, "ein halbes Jahr", "P6M"),
    ("Die Polizei verhörte ihn 48 Stunden lang.", SAT, "48 Stunden lang", "PT48H"),
    ("Der Rat tagt jeden Montag.", SAT, "jeden Montag", "XXXX-WXX-1"),
    ("Der Bericht erscheint jährlich.", SAT, "jährlich", "P1Y"),
    ("Die Wahl findet alle zwei Jahre statt.", SAT, "alle zwei Jahre", "P2Y"),
    ("Die Behörde meldet täglich neue Zahlen.", SAT, "täglich", "P1D"),
]


@pytest.mark.parametrize("text,ref,span,value", CASES)
def test_expression(grammar, text, ref, span, value):
    got = values(grammar, text, ref)
    assert span in got, f"{span!r} not found; got {got}"
    assert got[span] == value


# With a tagger the tense comes from lemmas and STTS tags, not from listed forms.
TAGGED = [
    ("Am Freitag treffen sich die Außenminister.", WED, "Am Freitag", "2024-02-16",
     {"treffen": ("treffen", "VVFIN")}),
    ("Merz sagte am Freitag, die Lage sei ernst.", WED, "am Freitag", "2024-02-09",
     {"sagte": ("sagen", "VVFIN"), "sei": ("sein", "VAFIN")}),
    ("Die Truppen haben am Freitag angegriffen.", WED, "am Freitag", "2024-02-09",
     {"haben": ("haben", "VAFIN"), "angegriffen": ("angreifen", "VVPP")}),
    ("Die Frist endet am 1. März.", SAT, "am 1. März", "2024-03-01",
     {"endet": ("enden", "VVFIN")}),
    ("Im Oktober liegt die Inflation bei zwei Prozent.", date(2024, 11, 20), "Im Oktober", "2024-10",
     {"liegt": ("liegen", "VVFIN")}),
    ("Er kündigte am Montag seinen Rücktritt an.", WED, "am Montag", "2024-02-12",
     {"kündigte": ("ankündigen", "VVFIN")}),
]


@pytest.mark.parametrize("text,ref,span,value,tags", TAGGED)
def test_tense_from_tags(grammar, text, ref, span, value, tags):
    got = values(grammar, text, ref, tags)
    assert got.get(span) == value, got


def test_relative_expressions_need_a_reference_date(grammar):
    got = values(grammar, "Am Samstag, dem 7. Oktober 2023, griff die Hamas Israel an; gestern sprach er.", None)
    assert got == {"Am Samstag, dem 7. Oktober 2023": "2023-10-07"}


def test_longest_match_wins(grammar):
    got = values(grammar, "Die Wahl fand im März letzten Jahres statt.", SAT)
    assert list(got) == ["im März letzten Jahres"]


def test_morning_is_no_tomorrow(grammar):
    assert values(grammar, "Der Morgen danach war ruhig.", SAT) == {}


def test_years_need_no_noun_after_them(grammar):
    got = values(grammar, "Mehr als 2000 Soldaten und 1990 Panzer stehen bereit.", SAT)
    assert got == {}


def test_glued_clock_time(grammar):
    assert values(grammar, "Krise in Venezuela19:51 Uhr - Der Kanzler spricht.", SAT) == {"19:51 Uhr": "2024-02-10T19:51"}


def test_daypart_refers_to_day_named_before(grammar):
    doc = Document(text="Am Dienstag, 6. Februar 2024, begann der Gipfel. Am Abend gab es Streit.", lang="de",
                   published=SAT)
    doc.sentences = [Sentence(0, 0, 48, 0, 0), Sentence(1, 49, len(doc.text), 0, 0)]
    got = {t.text: t.value for t in annotate(doc, grammar, SAT)}
    assert got["Am Abend"] == "2024-02-06TEV"


# ---------------------------------------------------------------- property tests
MONTH_NAMES = {1: "Januar", 2: "Februar", 3: "März", 4: "April", 5: "Mai", 6: "Juni", 7: "Juli",
               8: "August", 9: "September", 10: "Oktober", 11: "November", 12: "Dezember"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(d=st.dates(min_value=date(1000, 1, 1), max_value=date(2099, 12, 31)),
       ref=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))),
       lead=st.sampled_from(["Am", "Seit dem", "Bis zum", "Der Vertrag vom", "Es geschah am"]))
def test_written_dates_round_trip(grammar, d, ref, lead):
    text = f"{lead} {d.day}. {MONTH_NAMES[d.month]} {d.year} wurde verhandelt."
    assert d.isoformat() in values(grammar, text, ref).values()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(d=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), pad=st.booleans())
def test_numeric_dates_round_trip(grammar, d, pad):
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if pad else (str(d.day), str(d.month))
    assert values(grammar, f"Stand: {day}.{month}.{d.year}", None) == {f"{day}.{month}.{d.year}": d.isoformat()}


VOCAB = ["am", "im", "vom", "seit", "bis", "Ende", "Anfang", "Mitte", "letzten", "nächsten", "Jahres",
         "Jahr", "Woche", "Montag", "Samstagabend", "März", "Februar", "31.", "7.", "2023", "99",
         "gestern", "morgen", "Morgen", "heute", "vor", "in", "zwei", "anderthalb", "Wochen", "Tagen",
         "jeden", "alle", "Uhr", "24:00", "19:51", "der", "1990er", "Jahre", "Quartal", "ersten",
         "Sommer", "Wochenende", ",", ".", "-", "wird", "wurde", "hat", "0.0.0000", "00", "Jahreswechsel"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(VOCAB), max_size=12),
       ref=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_vocabulary_soup_never_raises(grammar, words, ref):
    text = " ".join(words)
    for t in annotate(make_doc(text, ref), grammar, ref):
        assert text[t.start:t.end] == t.text and t.value


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200),
       ref=st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))))
def test_random_text_never_raises(grammar, text, ref):
    annotate(make_doc(text, ref, tags={}), grammar, ref)
