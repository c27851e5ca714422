"""Actor recognition with a small hand-written lexicon (independent of the shipped data),
plus spot checks against the shipped German lexicon."""
from datetime import date

import pytest

from lagebild.components.actors import ActorIndex, LexEntry, build_index
from lagebild.lang import load_language
from lagebild.model import Document
from lagebild.pipeline import Pipeline, Resources
from lagebild.settings import Settings

ACTORS = [
    {"key": "CHN", "label": "GPE", "name": "China", "qid": "Q148", "code": "CHN", "names": ["China", "Volksrepublik China"],
     "adjectives": ["chinesisch"], "demonyms": ["Chinesen"]},
    {"key": "ISR", "label": "GPE", "name": "Israel", "qid": "Q801", "code": "ISR", "names": ["Israel"], "adjectives": ["israelisch"]},
    {"key": "USA", "label": "GPE", "name": "United States", "qid": "Q30", "code": "USA", "names": ["USA", "US"], "adjectives": ["amerikanisch"]},
    {"key": "kremlin", "label": "ORG", "name": "Kremlin", "code": "RUS", "sector": "GOV", "names": ["Kreml"]},
    {"key": "sco", "label": "ORG", "name": "Shanghai Cooperation Organisation", "code": "SCO", "names": ["SOZ", "SCO"]},
    {"key": "putin", "label": "PER", "name": "Vladimir Putin", "qid": "Q7747", "names": ["Wladimir Putin"], "short": ["Putin"],
     "roles": [{"code": "RUS", "sector": "GOV", "start": "2012-05-07"}]},
    {"key": "medvedev", "label": "PER", "name": "Dmitry Medvedev", "names": ["Dmitri Medwedew"], "short": ["Medwedew"],
     "roles": [{"code": "RUS", "sector": "GOV", "title": "Präsident", "start": "2008-05-07", "end": "2012-05-07"},
               {"code": "RUS", "sector": "GOV", "title": "Premier", "start": "2012-05-08", "end": "2020-01-15"},
               {"code": "RUS", "sector": "LEG", "title": "Sicherheitsrat", "start": "2020-01-16"}]},
    {"key": "trump", "label": "PER", "name": "Donald Trump", "names": ["Donald Trump"], "short": ["Trump"],
     "roles": [{"code": "USA", "sector": "GOV", "start": "2017-01-20", "end": "2021-01-20"},
               {"code": "USA", "sector": "OPP", "start": "2021-01-21", "end": "2025-01-19"},
               {"code": "USA", "sector": "GOV", "start": "2025-01-20"}]},
]
AGENTS = [
    {"key": "government", "sector": "GOV", "name": "government", "forms": ["Regierung", "Regierungen", "Staatsführung"],
     "compound_heads": ["regierung"]},
    {"key": "military", "sector": "MIL", "name": "military", "forms": ["Armee", "Militär", "Militärs"], "compound_heads": ["militärs", "militär"]},
    {"key": "protesters", "sector": "CVL", "name": "protesters", "label": "PER", "forms": ["Demonstranten"]},
]


def _recognizer(index: ActorIndex | None = None):
    """run(text, published) -> a German Document through the actor recogniser, with `index`
    in place of the shipped lexicon when given."""
    p = Pipeline(Settings(lang="de", check_language=False, components=("language", "tokens", "tags", "actors")))
    if index is not None:
        p.resources._cache["actors:de"] = index

    def run(text, published="2025-06-01"):
        return p(Document(text=text, lang="de", published=date.fromisoformat(published)))
    return run


@pytest.fixture(scope="module")
def small():
    # the German grammar gives the adjective inflections ("chinesisch" -> "chinesische")
    return _recognizer(ActorIndex.build(ACTORS, AGENTS, grammar=load_language("de").entries("grammar")))


def _find(doc, text):
    hits = [e for e in doc.entities if e.text == text]
    assert hits, f"{text!r} not found in {[e.text for e in doc.entities]}"
    return hits[0]


@pytest.mark.parametrize("text,mention,code,sector", [
    ("Die chinesische Regierung protestierte.", "chinesische Regierung", "CHN", "GOV"),
    ("Israels Armee griff an.", "Israels Armee", "ISR", "MIL"),
    ("Die Regierung Chinas reagierte.", "Regierung Chinas", "CHN", "GOV"),
    ("Die US-Militärs blieben.", "US-Militärs", "USA", "MIL"),
    ("Der Kreml schwieg.", "Kreml", "RUS", "GOV"),
    ("Die SOZ tagte in China.", "SOZ", "SCO", None),
    ("Die Volksrepublik China wächst.", "Volksrepublik China", "CHN", None),
    ("Chinas Wirtschaft wächst.", "Chinas", "CHN", None),
    ("Die Chinesen feierten.", "Chinesen", "CHN", None),
    ("Trump drohte.", "Trump", "USA", "GOV"),
])
def test_mentions(small, text, mention, code, sector):
    e = _find(small(text), mention)
    assert (e.code, e.sector) == (code, sector)


@pytest.mark.parametrize("published,sector,title_year", [
    ("2010-03-01", "GOV", "president"), ("2016-03-01", "GOV", "premier"), ("2024-03-01", "LEG", "council"),
])
def test_roles_resolve_by_article_date(small, published, sector, title_year):
    e = _find(small("Medwedew sprach.", published=published), "Medwedew")
    assert (e.code, e.sector) == ("RUS", sector)


def test_former_role_by_date(small):
    assert _find(small("Trump sprach.", published="2023-01-01"), "Trump").sector == "OPP"


def test_surname_resolves_after_full_name_for_unknown_people(small):
    doc = small("In Israel sagte Rami Haddadin etwas. Später widersprach Haddadin.")
    first, later = _find(doc, "Rami Haddadin"), _find(doc, "Haddadin")
    assert later.source == "alias" and first.code == later.code == "ISR"


def test_unknown_proper_nouns_are_reported_with_context_country(small):
    doc = small("Israel und Israel und Israel. Dort sprach Ella Maraschinow.")
    e = _find(doc, "Ella Maraschinow")
    assert e.code == "ISR" and e.source.startswith("tagger")


def test_an_unknown_name_does_not_end_in_a_particle(shipped):
    # "Golf von" before the known "Oman" is no person, and "von" no family name to refer back
    doc = shipped("Im Golf von Oman kreuzen Tanker. Israel hat Vororte von Beirut angegriffen.")
    assert not any(e.text.endswith(" von") or e.text == "von" for e in doc.entities)


def test_generic_agent_gets_sector(small):
    e = [x for x in small("Demonstranten zogen durch die Stadt.").entities if x.text == "Demonstranten"][0]
    assert e.sector == "CVL"


def test_lexicon_wins_over_tagger(small):
    # HanTa tags "SOZ" as a common noun; the lexicon still finds it
    assert _find(small("Die SOZ wächst."), "SOZ").code == "SCO"


def test_acronym_in_parentheses_extends_the_name(small):
    doc = small("Der Kreml (KRM) schwieg.")
    assert _find(doc, "Kreml (KRM)").code == "RUS"


def test_roles_without_dates():
    e = LexEntry(key="x", label="PER", name="X", qid=None, code=None, sector=None,
                 roles=({"code": "FRA", "sector": "GOV"},))
    assert e.resolve(date(2020, 1, 1)) == ("FRA", "GOV")
    assert e.resolve(None) == ("FRA", "GOV")


@pytest.mark.parametrize("text", ["", "   ", "„„„", "-" * 100, "A-B-C-D-E", "al al al"])
def test_odd_texts_do_not_raise(small, text):
    small(text or "x")


def test_after_an_international_role_a_person_is_of_their_country_again():
    e = LexEntry(key="jeremic", label="PER", name="Vuk Jeremić", qid=None, code="SRB", sector="GOV",
                 roles=({"code": "SRB", "sector": "GOV", "start": "2007-05-15", "end": "2012-07-27"},
                        {"code": "UN", "sector": None, "start": "2012-09-18", "end": "2013-09-17"}))
    assert e.resolve(date(2013, 1, 1)) == ("UN", None)
    assert e.resolve(date(2016, 6, 1)) == ("SRB", "GOV")
    assert e.resolve(date(2010, 1, 1)) == ("SRB", "GOV")


# --- the shipped German lexicon: people across time, titles, no guessing ----------------

@pytest.fixture(scope="module")
def shipped():
    return _recognizer()


@pytest.mark.parametrize("text,published,mention,code,sector", [
    ("Bundeskanzler Gusenbauer eröffnete die Sitzung.", "2008-03-01", "Gusenbauer", "AUT", "GOV"),
    ("Bundeskanzler Gusenbauer eröffnete die Sitzung.", "2008-03-01", "Bundeskanzler", "AUT", "GOV"),
    ("Werner Faymann kam zu spät.", "2015-09-10", "Werner Faymann", "AUT", "GOV"),
    ("Heinz Fischer hielt eine Rede.", "2010-05-01", "Heinz Fischer", "AUT", "GOV"),
    ("Park Geun-hye empfing die Gäste.", "2015-04-01", "Park Geun-hye", "KOR", "GOV"),
    ("Massud Barsani reiste ab.", "2014-08-01", "Massud Barsani", "IRQ", "GOV"),
    ("Omar al-Baschir blieb im Amt.", "2009-03-05", "Omar al-Baschir", "SDN", "GOV"),
    ("Kramp-Karrenbauer besuchte die Truppe.", "2020-02-01", "Kramp-Karrenbauer", "DEU", "GOV"),
    ("Kurz kritisierte Brüssel, sagte Sebastian Kurz.", "2016-02-01", "Sebastian Kurz", "AUT", "GOV"),
])
def test_historical_office_holders_resolve_by_article_date(shipped, text, published, mention, code, sector):
    e = _find(shipped(text, published), mention)
    assert (e.code, e.sector) == (code, sector)


@pytest.mark.parametrize("text,mention,code", [
    ("Der kenianische Präsident Samuel Otieno reiste nach Berlin.", "Samuel Otieno", "KEN"),
    ("Kenias Präsident Samuel Otieno reiste nach Berlin.", "Samuel Otieno", "KEN"),
    ("Der Außenminister Ghanas, Kwame Boateng, sprach in Berlin.", "Kwame Boateng", "GHA"),
    ("Kwame Boateng, der ghanaische Außenminister, sprach in Berlin.", "Kwame Boateng", "GHA"),
])
def test_a_title_gives_an_unknown_name_its_country(shipped, text, mention, code):
    e = _find(shipped(text), mention)
    assert (e.code, e.sector, e.source) == (code, "GOV", "tagger+title")


@pytest.mark.parametrize("text,mention", [
    ("Gestern sprach Ella Maraschinow sehr lange.", "Ella Maraschinow"),
    ("Aktivisten versammelten sich am Abend.", "Aktivisten"),
])
def test_no_country_without_evidence(shipped, text, mention):
    assert _find(shipped(text), mention).code is None


@pytest.mark.parametrize("text, mention, label", [
    # an abbreviation says whose thing it is, like an adjective; a name may only say what it is about
    ("Die Regierung kritisierte die US-Zölle.", "US-Zölle", "NORP"),
    ("Die Regierung kritisierte die Iran-Politik.", "Iran-Politik", "MISC"),
    ("Die Regierung kritisierte die EU-Richtlinie.", "EU-Richtlinie", "MISC"),   # the EU is no state
])
def test_a_compound_with_a_state_abbreviation_reads_like_an_adjective(shipped, text, mention, label):
    assert _find(shipped(text), mention).label == label


@pytest.mark.parametrize("text, mention, code", [
    # a governing body named by its seat belongs to the seat's country, not to the article's
    ("Die Regierung in Lissabon wies den Vorwurf zurück.", "Regierung in Lissabon", "PRT"),
    ("Die Behörden in der Türkei nahmen drei Journalisten fest.", "Behörden in der Türkei", "TUR"),
    # people of a place: clergy, protesters, unions
    ("Zu Ostern riefen die Kirchen in Österreich zum Frieden auf.", "Kirchen in Österreich", "AUT"),
    ("Am Abend protestierten Demonstranten in Teheran gegen die Regierung.", "Demonstranten in Teheran", "IRN"),
])
def test_seated_agents_take_the_country_of_their_seat(shipped, text, mention, code):
    e = _find(shipped(text, "2025-06-01"), mention)
    assert e.code == code


@pytest.mark.parametrize("text, mention, code", [
    # police, offenders and hospitals belong to the place named in their sentence, not to the
    # state named in the sentence before
    ("Bundeskanzler Scholz sprach am Montag über Frankreich. Die Polizei nahm in Lyon zwei Männer fest.",
     "Polizei", "FRA"),
    ("US-Präsident Biden sprach am Montag in Washington. In Lyon nahm die Polizei zwei Männer fest.",
     "Polizei", "FRA"),
])
def test_local_agents_take_the_country_of_the_place_they_are_in(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code


@pytest.mark.parametrize("text, mention", [
    # a known surname before an unknown proper noun starts a longer name
    ("Die Gäste trafen sich am Abend im Merz Pavilion am See.", "Merz Pavilion"),
])
def test_a_surname_inside_a_longer_name_is_not_the_person(shipped, text, mention):
    doc = shipped(text)
    assert all(e.code is None for e in doc.entities if e.text.startswith("Merz"))
    assert _find(doc, mention) is not None


@pytest.mark.parametrize("text, mention, code, sector", [
    ("Die NATO-Sprecherin widersprach am Abend.", "NATO-Sprecherin", "NATO", None),
    ("Ein Kreml-Sprecher widersprach am Abend.", "Kreml-Sprecher", "RUS", "GOV"),
])
def test_a_spokesperson_speaks_for_the_actor_of_the_compound(shipped, text, mention, code, sector):
    e = _find(shipped(text), mention)
    assert (e.label, e.code, e.sector) == ("PER", code, sector)


@pytest.mark.parametrize("text, mention, code", [
    ("Das Moskauer Außenministerium bestellte den Botschafter ein.", "Moskauer Außenministerium", "RUS"),
    ("Die Wiener Regierung widersprach am Abend.", "Wiener Regierung", "AUT"),
])
def test_a_city_adjective_gives_an_agent_its_state(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code


def test_a_city_adjective_alone_names_no_party(shipped):
    assert not [e for e in shipped("Das Pariser Abkommen gilt weiter.").entities if e.code == "FRA"]


def test_a_family_name_first_refers_back_alone(shipped):
    # "Lee Jae Myung ... Lee": the family name comes first in Korean names
    doc = shipped("Südkoreas Präsident Lee Jae Myung reiste ab. Lee sprach von einer Chance.", "2025-10-28")
    assert [e.code for e in doc.entities if e.text == "Lee"] == ["KOR"]


def test_diplomats_are_not_seated():
    # an ambassador "in Berlin" is the guest of the place, not its official
    agents = {a["key"]: a for a in load_language("de").entries("agents")}
    assert not agents["diplomats"].get("seated") and agents["government"].get("seated")


from unoptimised import agent_by_scan as _agent_by_scan  # noqa: E402  (the reference lookup)


# Words of our own: forms, compounds of one or two heads of different lengths, a head alone
# (no compound), case variants, short and empty words.
AGENT_WORDS = ["Regierung", "Bundesregierung", "Übergangsregierung", "US-Militärs", "Militär",
               "Heeresmilitär", "Militärs", "regierung", "REGIERUNGSMILITÄR", "Demonstranten",
               "Gegendemonstranten", "Rat", "Stadtrat", "", "s", "Armeen", "Volksarmee"]


@pytest.mark.parametrize("word", AGENT_WORDS)
def test_agent_for_matches_the_scan_on_the_small_lexicon(word):
    agents = AGENTS + [{"key": "army", "sector": "MIL", "name": "army", "forms": ["Armee"],
                        "compound_heads": ["armee", "rmee", "militär"]}]   # a duplicate head: first wins
    idx = ActorIndex.build(ACTORS, agents)
    assert idx.agent_for(word) == _agent_by_scan(idx, word)


def test_agent_for_matches_the_scan_on_the_shipped_lexicon():
    idx = build_index(Resources(Settings()), "de")
    # every head as a compound and alone, plus the forms and the test words
    words = [w for h, _ in idx.heads for w in (h, "Staats" + h, h.capitalize(), "X" + h)]
    words += list(idx.agents) + AGENT_WORDS
    assert [idx.agent_for(w) for w in words] == [_agent_by_scan(idx, w) for w in words]


@pytest.mark.parametrize("text, part, code", [
    # the first part of a hyphen compound
    ("Die SPD-Vorsitzende sprach am Abend in Köln.", "SPD", "DEU"),
    ("Der UN-Generalsekretär warnte die Regierungen.", "UN", "UN"),
    ("Die Soldaten zerstörten die Hamas-Tunnel-Anlage.", "Hamas", "PSE"),
    # a name inside a longer name
    ("Der Generalsekretär der Vereinten Nationen reiste nach Genf.", "Vereinten Nationen", "UN"),
    ("Beamte der Einwanderungsbehörde ICE nahmen zwei Männer fest.", "ICE", "USA"),
])
def test_known_names_inside_longer_mentions_are_reported(shipped, text, part, code):
    doc = shipped(text)
    hits = [e for e in doc.name_parts if e.text == part]
    assert hits and hits[0].code == code and hits[0].source == "part"
    assert part not in {e.text for e in doc.entities}      # not an event participant
    assert any(r["kind"] == "entity" and r["text"] == part for r in doc.records())


@pytest.mark.parametrize("text, mention", [
    ("Die Lage sei ernst, sagte Jonas Kessel, ein Sprecher der Gruppe.", "Jonas Kessel"),   # surname read as a noun
    ("Die Delegation um Karim al-Maadi reiste am Abend ab.", "Karim al-Maadi"),             # particle joined by a hyphen
])
def test_unknown_full_names_are_not_cut_short(shipped, text, mention):
    e = _find(shipped(text), mention)
    assert e.label == "PER"


@pytest.mark.parametrize("text, absent", [
    ("Elf Protokolle, die der Ausschuss prüfte, fehlen.", "Elf Protokolle"),   # an inflected noun is no surname
    ("Der Film gilt als Höhepunkt in Fellinis Werk, sagen Kritiker.", "Fellinis Werk"),   # a genitive
    ("Der Tarif kostet 40 Euro Monatsgebühr.", "Euro Monatsgebühr"),     # a unit after a number
])
def test_a_common_noun_after_a_name_is_not_a_surname(shipped, text, absent):
    assert absent not in {e.text for e in shipped(text).entities}


@pytest.mark.parametrize("text, mention, code", [
    # an adjective of a part of a country is the country's
    ("Drohnen trafen ein Lager im nordirakischen Dorf Barzan.", "nordirakischen Dorf", "IRQ"),
    ("Die Polizei sperrte die ostukrainische Stadt ab.", "ostukrainische Stadt", "UKR"),
])
def test_an_adjective_of_a_part_of_a_country_is_the_country(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code


@pytest.mark.parametrize("text, name, code", [
    # the name after a nationality adjective is a mention of its own, of that country
    ("Die Kämpfer flohen in die nordirakischen Qandor-Bergen.", "Qandor-Bergen", "IRQ"),
])
def test_a_name_after_a_nationality_adjective_is_reported(shipped, text, name, code):
    doc = shipped(text)
    assert any(e.text == name and e.code == code for e in doc.name_parts)


@pytest.mark.parametrize("text, mention, code", [
    # a title with a prepositional phrase, a comma, then the name
    ("Der AU-Sondergesandte für Mali, Moussa Kantara, reiste ab.", "Moussa Kantara", "AU"),
    # a name in quotation marks right after its kind
    ('Die Jets gehören zur NATO-Mission "Baltic Lantern" in Estland.', "Baltic Lantern", "NATO"),
])
def test_an_apposition_gives_an_unknown_name_its_code(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code


def test_mentions_of_one_person_share_the_code_a_title_gave(shipped):
    doc = shipped("Der AU-Sondergesandte für Mali, Moussa Kantara, reiste ab. Das sei ernst, sagte Kantara.")
    assert [e.code for e in doc.entities if e.text == "Kantara"] == ["AU"]


@pytest.mark.parametrize("text, published, mention, code", [
    ("Oberbefehlshaber Alexus Grynkewich reiste nach Riga.", "2025-10-01", "Alexus Grynkewich", "NATO"),
    ("Oberbefehlshaber Philip Breedlove reiste nach Riga.", "2015-10-01", "Philip Breedlove", "NATO"),
    ("Der pensionierte General Philip Breedlove sprach in Washington.", "2020-10-01", "Philip Breedlove", "USA"),
    ("Die Delegationen verhandelten auf der COP29 bis in die Nacht.", "2024-11-20", "COP29", "UN"),
])
def test_dated_roles_of_international_commanders_and_conferences(shipped, text, published, mention, code):
    assert _find(shipped(text, published), mention).code == code


@pytest.mark.parametrize("text, mention, code", [
    # a compass word glued to a known country or place is a part of it ...
    ("Die Armee griff Stellungen in der Ostukraine an.", "Ostukraine", "UKR"),
    ("Die Kämpfe in Nordsyrien gingen weiter.", "Nordsyrien", "SYR"),
    ("In Südostukraine fielen Raketen.", "Südostukraine", "UKR"),
    # ... unless the lexicon names it as a place of its own
    ("In Südtirol wird gewählt.", "Südtirol", "ITA"),
    ("In Nordirland wird gewählt.", "Nordirland", "GBR"),
])
def test_a_compass_compound_is_a_part_of_its_place(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code


def test_a_compass_word_before_no_known_place_is_nothing_of_it(shipped):
    assert all(e.source != "compound" for e in shipped("Gestern sprach Ostermann lange.").entities)


@pytest.mark.parametrize("text, mention, code", [
    # a country named in construction with the name, or in the clause before ", sagte ... X"
    ("Die USA hätten nichts gewusst, sagte der Sprecher Elmar Kastrup.", "Elmar Kastrup", "USA"),
    ("China und China. Der chinesische Dissident Wang Lipeng reiste ab.", "Wang Lipeng", "CHN"),
    # a country further off, or before a dash or colon, says where, not whose: the article's country
    ("Israel und Israel und Israel. Sie kamen aus einem Lager in China zurück - Ella Maraschinow und andere.",
     "Ella Maraschinow", "ISR"),
    ("Israel und Israel und Israel. In China wurde nach langen Verhandlungen über die Zukunft der Region auch Ella Maraschinow gesehen.",
     "Ella Maraschinow", "ISR"),
])
def test_an_unknown_name_takes_a_country_only_in_construction_with_it(small, text, mention, code):
    assert _find(small(text), mention).code == code


def test_the_short_mentions_of_an_unknown_person_follow_the_full_name(small):
    # the full name's country comes from its sentence; the later short mention's would be a guess
    doc = small("Israel und Israel und Israel. In China sprach Wang Lipeng. "
                "In den USA hatte man nach langen Verhandlungen auch von Lipeng nichts gehört.")
    assert _find(doc, "Wang Lipeng").code == "CHN"
    assert [e.code for e in doc.entities if e.text == "Lipeng"] == ["CHN"]


@pytest.mark.parametrize("text, mention, code", [
    ("Israel und Israel. Der Präsident von China traf am Montag Putin.", "Präsident von China", "CHN"),
    ("Israel und Israel. Die Armee von China zog ab.", "Armee von China", "CHN"),
])
def test_an_agent_with_an_owner_preposition_belongs_to_that_state(shipped, text, mention, code):
    assert _find(shipped(text), mention).code == code
