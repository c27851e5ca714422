"""Sentence-level event coding tests: our own sentences, the shipped German data."""
from datetime import date

import pytest

from lagebild.analysis import make_pipeline
from lagebild.lang import load_language
from lagebild.model import Document
from lagebild.settings import Settings

ASSERTED_FLAGS = {"negation", "hypothetical", "future"}


@pytest.fixture(scope="module")
def code():
    p = make_pipeline(Settings(lang="de", check_language=False,
                               components=("language", "tokens", "tags", "actors", "discourse", "time", "quotes", "events")))

    def run(text, published="2025-06-13"):
        return p(Document(text=text, lang="de", published=date.fromisoformat(published))).events
    return run


def _codes(side):
    return {a.code for a in side}


def _asserted(events):
    return [e for e in events if not ASSERTED_FLAGS & set(e.context)]


# (sentence, type, actor code, recipient code or None)
CASES = [
    ("Der französische Präsident telefonierte am Donnerstag mit dem Kremlchef.", "CONSULT", "FRA", "RUS"),
    ("Die Außenminister Chinas und Russlands trafen sich am Dienstag in Peking.", "CONSULT", "CHN", "RUS"),
    ("Der indische Premierminister besuchte am Mittwoch Japan.", "CONSULT", "IND", "JPN"),
    ("Die Türkei warf Griechenland vor, die Grenze verletzt zu haben.", "ACCUSE", "TUR", "GRC"),
    ("Die iranische Regierung kritisierte die USA scharf.", "ACCUSE", "IRN", "USA"),
    ("Die USA warfen China Spionage vor. Peking wies die Vorwürfe entschieden zurück.", "REJECT", "CHN", "USA"),
    ("Die Vereinten Nationen forderten Israel auf, mehr Hilfslieferungen zuzulassen.", "REQUEST", "UN", "ISR"),
    ("Der Präsident der USA drohte Venezuela mit einem Militärschlag.", "THREATEN", "USA", "VEN"),
    ("Am Sonntag griff die israelische Armee Ziele im Süden des Libanon an.", "ASSAULT", "ISR", "LBN"),
    ("In Belgrad protestierten am Samstag Tausende Serben gegen die serbische Regierung.", "PROTEST", "SRB", "SRB"),
    ("Die Europäische Union verhängte neue Sanktionen gegen Russland.", "SANCTION", "EU", "RUS"),
    ("Die türkische Polizei nahm in Istanbul mehrere Journalisten fest.", "COERCE", "TUR", "TUR"),
    ("Deutschland lieferte der Ukraine weitere Luftabwehrsysteme.", "AID", "DEU", "UKR"),
    ("Japan und Südkorea unterzeichneten am Freitag ein Abkommen.", "AGREE", "JPN", "KOR"),
    ("Die französische Regierung unterstützt die Ukraine.", "SUPPORT", "FRA", "UKR"),
    ("Die Marine Indiens und die Marine Frankreichs kooperieren im Indischen Ozean.", "COOPERATE", "IND", "FRA"),
    ("Die russische Armee zog ihre Truppen aus der Region Cherson ab.", "RETREAT", "RUS", "UKR"),
    ("Nordkorea verlegte Truppen an die Grenze zu Südkorea.", "MOBILIZE", "PRK", "KOR"),
    ("Der britische Premierminister entschuldigte sich bei Irland.", "CONCEDE", "GBR", "IRL"),
]


@pytest.mark.parametrize("text,etype,actor,recipient", CASES)
def test_event_types(code, text, etype, actor, recipient):
    evs = [e for e in _asserted(code(text)) if etype in e.event]
    assert evs, f"no asserted {etype} in {text!r}"
    ev = evs[0]
    assert actor in _codes(ev.actor)
    if recipient:
        assert recipient in _codes(ev.recipient) | _codes(ev.actor) - {actor} or recipient in _codes(ev.recipient)


@pytest.mark.parametrize("text,etype,flag", [
    ("Die Regierung in Ankara weigert sich, die Invasion zu verurteilen.", "ACCUSE", "negation"),
    ("Es gibt Befürchtungen, dass China Russland mit Waffen unterstützen könnte.", "SUPPORT", "hypothetical"),
    ("Der Kanzler will nächste Woche nach China reisen.", "CONSULT", "future"),
    ("Frankreich hat Italien nicht kritisiert.", "ACCUSE", "negation"),
    ("Falls Russland angreift, wird die NATO reagieren.", "ASSAULT", "hypothetical"),
])
def test_auxiliary_modes(code, text, etype, flag):
    evs = [e for e in code(text) if etype in e.event]
    assert all(flag in e.context or ASSERTED_FLAGS & set(e.context) for e in evs), \
        [(e.event, e.context) for e in evs]
    assert not [e for e in _asserted(evs)]


def test_reported_by_from_laut(code):
    evs = code("Laut Reuters griff Israel am Samstag Ziele im Gazastreifen an.")
    ev = [e for e in evs if "ASSAULT" in e.event][0]
    assert ev.reported_by is not None and ev.reported_by.text == "Reuters"


def test_one_event_per_real_world_event(code):
    text = ("Xi Jinping und Wladimir Putin haben am Freitag telefoniert. "
            "Das Telefonat dauerte eine Stunde. Putin telefonierte demnach mit Xi über die Ukraine.")
    evs = [e for e in _asserted(code(text, "2024-02-10")) if "CONSULT" in e.event]
    assert len(evs) == 1
    assert len(evs[0].mentions) >= 2


def test_date_from_clause_and_historical(code):
    evs = code("Putin hatte Peking im Oktober 2023 besucht.", "2024-02-10")
    ev = [e for e in evs if "CONSULT" in e.event][0]
    assert ev.date == "2023-10" and "historical" in ev.context


def test_scores_and_cameo(code):
    ev = [e for e in code("Die israelische Armee griff Ziele im Libanon an.") if "ASSAULT" in e.event][0]
    assert ev.quad_code == 4 and ev.goldstein is not None and ev.cameo and ev.cameo.startswith("19")


def test_no_actor_no_event(code):
    assert not code("Es wurde heftig gestritten und kritisiert.")


def test_events_need_a_recipient_unless_monadic(code):
    assert not [e for e in code("Frankreich kritisierte scharf.") if "ACCUSE" in e.event]
    assert [e for e in code("Der britische Premierminister erklärte am Freitag seinen Rücktritt.") if "RETREAT" in e.event]


def test_negated_support_is_a_refusal(code):
    evs = _asserted(code("Der serbische Präsident erklärte, er werde Kroatien nicht unterstützen."))
    assert [e for e in evs if "REJECT" in e.event]


def _trigger_examples():
    data = load_language("de")
    return [(e["id"], e["event"], ex) for e in data.entries("triggers") for ex in e.get("examples") or []]


@pytest.mark.parametrize("tid,etype,example", _trigger_examples())
def test_every_trigger_example_fires(code, tid, etype, example):
    assert any(etype in e.event for e in code(example)), f"{tid}: no {etype} in {example!r}"


def test_monadic_events_on_request():
    p = make_pipeline(Settings(lang="de", check_language=False, monadic_events=True,
                               components=("language", "tokens", "tags", "actors", "discourse", "time", "quotes", "events")))
    evs = p(Document(text="Frankreich kritisierte scharf.", lang="de", published=date(2025, 1, 1))).events
    assert [e for e in evs if "ACCUSE" in e.event and not e.recipient]


def test_passive_attack_continues_the_last_attacker_of_the_target(code):
    evs = _asserted(code("Israel griff am Samstag Ziele im Gazastreifen an. "
                         "Am vergangenen Sonntag waren noch mehr als 100 Ziele im Gazastreifen angegriffen worden.",
                         "2009-01-03"))
    dates = sorted(e.date for e in evs if "ASSAULT" in e.event and "ISR" in _codes(e.actor))
    assert dates == ["2008-12-28", "2009-01-03"]


def test_appositive_subject_before_the_verb_is_the_actor(code):
    # the subject and its appositions stand in comma-separated pieces before the finite verb;
    # the noun phrase after the verb is its object, not its subject (a bug found on dev data)
    evs = _asserted(code("Der Fraktionschef der Linken, Gregor Gysi, und seine Stellvertreterin, "
                         "Sprecherin für Innenpolitik, forderten die Bundesregierung auf, "
                         "das Gesetz zurückzuziehen."))
    req = [e for e in evs if "REQUEST" in e.event]
    assert req and req[0].actor[0].text == "Gregor Gysi"
    assert [r.text for r in req[0].recipient] == ["Bundesregierung"]


def test_two_people_with_the_same_demand_are_two_events(code):
    evs = _asserted(code("Gregor Gysi forderte die Bundesregierung auf, das Gesetz zurückzuziehen. "
                         "Auch Sahra Wagenknecht forderte die Bundesregierung auf, das Gesetz zu stoppen."))
    assert len([e for e in evs if "REQUEST" in e.event]) == 2


@pytest.mark.parametrize("text,etype,want", [
    # the day a plan is for does not date the act of the clause ...
    ("Der deutsche Außenminister verschiebt seine für Montag geplante Reise nach China.", "REJECT", "2025-06-13"),
    ("Die Gewerkschaft hat die Piloten der Lufthansa für Mittwoch und Donnerstag zum Streik aufgerufen.",
     "REQUEST", "2025-06-13"),
    # a period's bound dates no single act: the trip is today's news
    ("Zum ersten Mal seit 2009 reiste der Generalsekretär der Vereinten Nationen nach Belgrad.",
     "CONSULT", "2025-06-13"),
    # ... but it dates the planned event itself
    ("Der amerikanische Präsident kündigt für Montag neue Gespräche mit dem Iran an.", "CONSULT", "2025-06-16"),
])
def test_a_schedule_dates_the_plan_not_the_act(code, text, etype, want):
    evs = [e for e in code(text) if etype in e.event]
    assert evs and evs[0].date == want, [(e.event, e.date) for e in evs]


def test_a_trip_named_by_its_destination(code):
    evs = [e for e in _asserted(code("Bei seinem Syrien-Besuch traf der Außenminister Polens den Präsidenten Syriens. "
                                     "Der Bundeskanzler ist zu seinem ersten Israel-Besuch aufgebrochen."))
           if "CONSULT" in e.event]
    assert {(next(iter(_codes(e.actor))), next(iter(_codes(e.recipient)))) for e in evs} >= {("DEU", "ISR")}


def test_a_dated_past_event_is_not_merged_with_todays(code):
    evs = _asserted(code("In Budapest protestierten Tausende Ungarn gegen die Regierung. "
                         "Im Jahr 2014 hatten Zehntausende Ungarn gegen die Regierung protestiert.",
                         "2017-01-14"))
    dates = sorted(e.date or "" for e in evs if "PROTEST" in e.event)
    assert dates == ["2014", "2017-01-14"]


# Regressions found on dev data, in sentences of our own: (text, type, actor, recipient) must
# be coded, or (with recipient "-") must not be coded with that actor at all.
REGRESSIONS = [
    # an unresolved object pronoun may be a thing ("den Krieg ... ihn"): no person is guessed
    ("Verteidigungsministerin Robles sprach am Morgen über den Krieg. Die Regierung in Madrid "
     "bezeichnete ihn als illegal.", "ACCUSE", "ESP", "-"),
    # the reciprocal phrase on the noun names its parties, not the mediator who is the subject
    ("Katar vermittelte am Montag Gespräche zwischen Israel und der Hamas.", "CONSULT", "ISR", "PSE"),
    # the act someone is accused of is alleged, not told: only the accusation is asserted
    ("Kiew hat der russischen Armee einen Angriff auf ein Kraftwerk bei Odessa vorgeworfen.", "ASSAULT", "RUS", "-"),
    ("Kiew hat der russischen Armee einen Angriff auf ein Kraftwerk bei Odessa vorgeworfen.", "ACCUSE", "UKR", "RUS"),
    # the soldiers sent are what is deployed, not who deploys them
    ("Die Entsendung von britischen Soldaten nach Estland wurde am Montag abgeschlossen.", "MOBILIZE", "GBR", "-"),
    # "am Morgen" is the morning, not "morgen" (tomorrow): the attack is told, not threatened
    ("Die russische Armee nahm die ukrainische Stadt Charkiw am Morgen unter Beschuss.", "ASSAULT", "RUS", "UKR"),
    ("Die russische Armee nahm die ukrainische Stadt Charkiw am Morgen unter Beschuss.", "THREATEN", "RUS", "-"),
    # who comes under fire is the target; who takes a place under fire attacks it
    ("Die deutschen Soldaten in Mali gerieten am Montag unter Beschuss.", "ASSAULT", "DEU", "-"),
    # a warning with no addressee named is no threat, and none is inferred
    ("Die Opposition in Ungarn warnt vor drastischen Kürzungen bei den Renten.", "THREATEN", "HUN", "-"),
    # a genitive behind its adjectives is still an attribute of the subject, not the object
    ("Der österreichische Präsident des Obersten Gerichtshofs fordert eine Reform.", "REQUEST", "AUT", "-"),
    # arrested with no agent named: the state where it happened acted, not the patient's own
    ("Ein amerikanischer Journalist ist am Sonntag in Teheran festgenommen worden.", "COERCE", "IRN", "USA"),
    # an interview is no consultation
    ("Außenminister Wadephul sagte im Gespräch mit der ARD, man verhandle weiter.", "CONSULT", "DEU", "-"),
    # protesters named are no protest: here they are among the dead
    ("Unter den Toten in Teheran sind nach Angaben der Behörden auch 40 Demonstranten.", "PROTEST", "IRN", "-"),
    # a plan to deploy troops is no deployment
    ("Die Regierung in Paris hält an ihrem Plan zur Entsendung von Soldaten nach Estland fest.", "MOBILIZE", "FRA", "-"),
    # who "steht in der Kritik" is criticised, not criticising
    ("Die Innenministerin der Türkei steht wegen ihrer Äußerungen über Flüchtlinge in der Kritik.",
     "ACCUSE", "TUR", "-"),
    # a meeting with its partner named stays a meeting in an "in" phrase
    ("Israel ist seit Montag in Verhandlungen mit der Hamas.", "CONSULT", "ISR", "PSE"),
    # two names side by side are two people, not a title and its name
    ("Am Montag hatte Selenskyj US-Präsident Donald Trump aufgerufen, mehr Waffen zu liefern.",
     "REQUEST", "UKR", "USA"),
    # the object of a demand is an act: the one who is to act is the addressee
    ("Der britische Premier verlangte den Abzug der russischen Truppen.", "REQUEST", "GBR", "RUS"),
    # an object pronoun inside a prepositional phrase is no object
    ("Präsident Macron verlangte den Abzug der russischen Truppen aus der von ihm genannten Zone.",
     "REQUEST", "FRA", "RUS"),
    # a drone named by its nationality can strike, not meet
    ("Eine russische Drohne hat in der Nacht ein Wohnhaus in Sumy getroffen.", "CONSULT", "RUS", "-"),
    # the source of a report ("dem Ministerium in Moskau zufolge") takes no part in it
    ("Dem Ministerium in Ankara zufolge wurde bei dem Angriff ein Depot in Syrien zerstört.", "ASSAULT", "TUR", "-"),
    # coordinated titles sharing one determiner are one person, not actor and recipient
    ("Die Justizministerin und SPD-Vizechefin Stefanie Hubig hat die Reform kritisiert.", "ACCUSE", "DEU", "-"),
    # a reciprocal noun with its partner after it: the subject is the other party, also in a backdrop phrase
    ("Bundeskanzler Merz sagte nach einem Treffen mit dem französischen Präsidenten, man sei sich einig.",
     "CONSULT", "DEU", "FRA"),
    # talking with someone is consulting them; talking of something is not
    ("Außenminister Wadephul habe am Montag mit dem japanischen Premierminister gesprochen.", "CONSULT", "DEU", "JPN"),
    ("Die Linke spricht von einem Skandal und fordert den Rücktritt der Bundesregierung.", "CONSULT", "DEU", "-"),
    # the two conjuncts of a reciprocal phrase are the parties of a symmetric event
    ("In Genf haben am Montag Gespräche zwischen Armenien und Aserbaidschan begonnen.", "CONSULT", "ARM", "AZE"),
    # an enumeration is one phrase: every conjunct can be the actor
    ("Spanien, Portugal, Irland und Malta haben Sanktionen gegen Syrien verhängt.",
     "SANCTION", "MLT", "SYR"),
    # eintreffen (to arrive) is no meeting
    ("Am Abend traf auch die ägyptische Delegation in Kairo ein.", "CONSULT", "EGY", "-"),
    # a relative clause's antecedent vetoes its trigger: signing a statement is no agreement
    ("Das sei unerträglich, heißt es in einer Erklärung, die von Japan und Kanada unterzeichnet wurde.",
     "AGREE", "JPN", "-"),
    # a trigger noun that is only the topic of a report is not the reporter's act
    ("Der Verfassungsschutz berichtete über zahlreiche Angriffe aus Russland.", "ASSAULT", "DEU", "-"),
    # civilians belong to the place they are in, not to the state that addresses them
    ("Israel hat die Einwohner der Stadt Gaza zur Flucht aufgerufen.", "REQUEST", "ISR", "PSE"),
    # a genitive attribute is not the subject while a head is there
    ("Trotz der Freilassung der Geiseln treibt Israel die Offensive auf Gaza-Stadt voran.",
     "ASSAULT", "ISR", "PSE"),
    # the object after "auf Kiew den ..." is not inside the auf phrase
    ("Das polnische Außenministerium hat nach Äußerungen zum Angriff auf Kiew den russischen "
     "Botschafter einbestellt.", "ACCUSE", "POL", "RUS"),
    # a participle before its noun describes the one acted on
    ("Bei der Trauerfeier für den getöteten Aktivisten in Phoenix sprach Trump.", "ASSAULT", "USA", "-"),
    # judging something an attack is no attack
    ("Die deutsche Außenministerin sieht darin einen Angriff auf die Charta der Vereinten Nationen.",
     "ASSAULT", "DEU", "-"),
    # an event noun in a backdrop phrase is not the subject's act
    ("Ein Gericht in Polen hat den Ukrainer im Zusammenhang mit den Anschlägen auf die Pipelines "
     "in Haft genommen.", "ASSAULT", "POL", "-"),
    # convening a meeting is no call-up
    ("Die österreichische Innenministerin hatte in Wien einen Sicherheitsgipfel einberufen.",
     "MOBILIZE", "AUT", "-"),
    # a name right before another event noun owns that event: "Russlands Angriff" is the
    # object here, and "Israels Offensive" does not protest
    ("Russlands Angriff auf die Ukraine verurteilte Deutschland scharf.", "ACCUSE", "DEU", "RUS"),
    ("Russlands Offensive löst Proteste aus.", "PROTEST", "RUS", "-"),
    # "drohen mit" names the measure, not the one threatened; an event compound names its event
    ("Der amerikanische Präsident droht Südafrika mit einem US-Boykott des G20-Gipfels.", "THREATEN", "USA", "ZAF"),
    # a rejection with no target named answers the last demand of the other side ...
    ("Die USA forderten von Kuba umfassende Reformen. Die kubanische Regierung lehnte das am Montag ab.",
     "REJECT", "CUB", "USA"),
    # ... but a meeting is nothing to reject
    ("Der amerikanische Präsident traf den kubanischen Präsidenten in Havanna. Die kubanische Regierung "
     "lehnte das Gesetz am Montag ab.", "REJECT", "CUB", "-"),
    # a fronted noun phrase opened by an article that is never nominative is the object
    ("Den Koalitionspartner SPD griff der Kanzler Friedrich Merz dabei direkt an.", "ACCUSE", "DEU", "DEU"),
    ("Den USA warf Russland Aggression vor.", "ACCUSE", "RUS", "USA"),
    ("Den USA warf Russland Aggression vor.", "ACCUSE", "USA", "-"),
    # a live blog's entries are reports of their own: no side is taken across a time stamp
    ("Die USA drohen Kuba mit Kürzungen. 20:28 Uhr - Russland greift erneut massiv aus der Luft an.",
     "ASSAULT", "RUS", "-"),
    # a state's warning to its own civilians is advice, not a threat; to another state it is one
    ("Die libanesische Armee warnt Anwohner vor einer verfrühten Rückkehr.", "THREATEN", "LBN", "-"),
    ("Die libanesische Armee warnt Israel vor weiteren Angriffen.", "THREATEN", "LBN", "ISR"),
    # an organisation that is no state (Amnesty) has no own government to address
    ("Amnesty International übte scharfe Kritik.", "ACCUSE", "AMN", "-"),
    # "es" after an organisation named with a neuter article is that organisation
    ("Das Militär Nordkoreas drohte Südkorea. Es warf der Regierung in Seoul vor, einen Angriff "
     "geplant zu haben.", "ACCUSE", "PRK", "KOR"),
    # a chancellor who urges does not address his own state; gunmen do not attack their own
    ("Daran müsse gemeinsam gearbeitet werden, mahnte der Bundeskanzler.", "REQUEST", "DEU", "-"),
    ("An einer Haltestelle hatten zwei Palästinenser das Feuer eröffnet.", "ASSAULT", "PSE", "-"),
    # ", als" opens a clause; police who open fire on protesters act on their own population
    ("Bei Protesten in Addis Abeba starben Menschen, als die Polizei das Feuer auf Demonstranten "
     "eröffnete.", "ASSAULT", "ETH", "ETH"),
    # a warning without an addressee is no threat, and gets none from the story
    ("Der amerikanische Präsident traf Xi. Chinas Staatschef hat vor einem Konflikt wegen Taiwan gewarnt.",
     "THREATEN", "CHN", "-"),
    # "verlangt von der Ukraine": the von phrase is the addressee, not the actor
    ("Der amerikanische Plan verlangt von der Ukraine erhebliche Zugeständnisse.", "REQUEST", "UKR", "-"),
    # who reports an event noun is not its actor
    ("Kuwait und Saudi-Arabien meldeten Angriffe auf Ölraffinerien in Bahrain.", "ASSAULT", "KWT", "-"),
    # "nach russischen Angaben" names a source, not a target
    ("Die Ukraine hat nach russischen Angaben in der Nacht Moskau angegriffen.", "ASSAULT", "UKR", "RUS"),
    # the object's owner is the recipient; a refused support is a REJECT
    ("Der serbische Präsident erklärte, dass er die Kandidatur von Jeremic nicht unterstützen werde.",
     "REJECT", "SRB", "SRB"),
    # an obligation is not yet an act
    ("Der amerikanische Präsident sagte, Iran und Israel müssen die Angriffe auf Städte sofort stoppen.",
     "COERCE", "IRN", "-"),
    # an event noun that others break through is not the subject's act
    ("Mit 50 Schiffen wollen türkische Aktivisten die Seeblockade des Gazastreifens durchbrechen.",
     "THREATEN", "TUR", "-"),
    ("Ein libanesischer Abgeordneter schließt eine Entwaffnung der Hisbollah aus.", "COERCE", "LBN", "-"),
    # the owner of a noun inside a prepositional phrase is no object
    ("Kurz vor der Ankunft von Bundespräsident Steinmeier im Libanon greift Israel den Süden des Landes an.",
     "ASSAULT", "ISR", "LBN"),
    # a von phrase far from the event noun is not its agent
    ("Israel hat nach forensischen Untersuchungen die Identität einer von der Hamas übergebenen Leiche bestätigt.",
     "ACCUSE", "PSE", "-"),
    # a fronted source phrase is the actor of the event noun
    ("Aus der Europäischen Union gibt es scharfe Kritik an den USA.", "ACCUSE", "EU", "USA"),
    # the stopped thing is the recipient; the announcer is the actor
    ("Das israelische Außenministerium hat den Stopp der aus 40 Booten bestehenden türkischen Flotte verkündet.",
     "COERCE", "ISR", "TUR"),
    # a party is attacked with words
    ("Die Grünen-Abgeordnete Maier griff im Wahlkampf die FDP an.", "ACCUSE", "DEU", "DEU"),
    ("Die Grünen-Abgeordnete Maier griff im Wahlkampf die FDP an.", "ASSAULT", "DEU", "-"),
    # a headline drops the passive auxiliary: the one charged is no accuser
    ("Maduro in New York angeklagt", "ACCUSE", "VEN", "-"),
    # a genitive after the finite verb belongs to the object
    ("Der Minister hat in Berlin die Frage einer französischen Journalistin abgewiesen.", "REJECT", "FRA", "-"),
    # an event noun in the genitive of another noun is not the clause subject's act ...
    ("Hunderte Franzosen gedachten am Sonntag in Lyon der Opfer des Anschlags.", "ASSAULT", "FRA", "-"),
    ("Die Regierung in Paris beklagte am Sonntag die Folgen der Angriffe.", "ASSAULT", "FRA", "-"),
    # who "löste Kritik aus" is its target; the actor is where it arose
    ("Der Außenminister Dänemarks hat mit einer Rede über Grönland Kritik in Washington ausgelöst.",
     "ACCUSE", "USA", "DNK"),
    ("Der Außenminister Dänemarks hat mit einer Rede über Grönland Kritik in Washington ausgelöst.",
     "ACCUSE", "DNK", "-"),
    # an announced meeting lies ahead; a backdrop in a prepositional phrase does not
    ("Bundeskanzler Merz kündigte Gespräche mit der US-Regierung an.", "CONSULT", "DEU", "-"),
    ("Die israelische Armee kündigte nach dem Angriff der Hisbollah auf Haifa Vergeltung an.",
     "ASSAULT", "LBN", "ISR"),
    # a spokesperson speaks for the actor of the compound; the owner of a rejected claim is
    # its recipient
    ("Die NATO-Sprecherin forderte Serbien auf, transparent zu handeln.", "REQUEST", "NATO", "SRB"),
    ("Ein Kreml-Sprecher wies die Vorwürfe Estlands zurück.", "REJECT", "RUS", "EST"),
    # "treffen" without "sich" is to hit or score; a conjunct of the actor is no object
    ("Im Finale trafen Harry Kane und Theo Walcott für England.", "CONSULT", "GBR", "-"),
    ("Xi und Putin trafen sich am Montag in Moskau.", "CONSULT", "CHN", "RUS"),
    ("Russland und China kritisierten die USA scharf.", "ACCUSE", "CHN", "USA"),
    # "sich drängen" is a crowd, "drängen" with an object urges
    ("In der Zeltstadt am Grenzübergang in Serbien drängen sich tausende Flüchtlinge.", "REQUEST", "SRB", "-"),
    ("Die USA drängen Israel zu einer Waffenruhe.", "REQUEST", "USA", "ISR"),
    # an act named in the zu-infinitive after an accusation is alleged, not told; a
    # preposition that closes the clause is the verb's particle ("warf ... vor,")
    ("Der Senator warf dem Weißen Haus vor, geheime Abkommen zwischen Kuba und Venezuela verschwiegen zu haben.",
     "AGREE", "CUB", "-"),
    # a passive relative clause's subject is its antecedent, the patient
    ("Madrid verlangte die Freilassung eines spanischen Journalisten, der in Minsk festgenommen wurde.",
     "COERCE", "BLR", "ESP"),
    # a participle the tagger reads as finite, between a determiner and its noun, is attributive
    ("Der französische Außenminister begründete den Schritt mit dem international scharf kritisierten "
     "Vorgehen gegen Aktivisten.", "ACCUSE", "FRA", "-"),
    # a modal in a coordinated verb phrase does not make the first verb's act future; the
    # coordinated phrase has the first one's subject
    ("Die israelische Armee greift die Hisbollah im Libanon an und will die Attacken noch ausweiten.",
     "ASSAULT", "ISR", "LBN"),
    ("Die Gewerkschaften in Ungarn sprachen von einem Skandal und forderten die Regierung zum Rücktritt auf.",
     "REQUEST", "HUN", "HUN"),
    # a dateline's place is no side of the story; what someone wanted to do is not told as done
    ("Brüssel/Wien – Die EU-Kommission hat im Kampf gegen die Steuervermeidung ein Paket vorgelegt.",
     "ASSAULT", "EU", "-"),
    ("Am Abend wollte Merz mit Macron in Paris zu einem Treffen zusammenkommen.", "CONSULT", "DEU", "-"),
    # an expulsion names whom it expels; "ruled out" names an act
    ("Die NATO schloss Belarus aus dem Rat aus.", "SANCTION", "NATO", "BLR"),
    ("US-Präsident Trump hat ein Abkommen mit Kuba ausgeschlossen.", "SANCTION", "USA", "-"),
    # a cancelled agreement is refused, not made
    ("Die USA haben das Abkommen mit Kuba aufgekündigt.", "AGREE", "USA", "-"),
    ("Die USA haben das Abkommen mit Kuba aufgekündigt.", "REJECT", "USA", "CUB"),
    # an act that a response answers is someone else's
    ("Die USA bombardierten in der Nacht Ziele in Iran. Irans Militär kündigte eine Reaktion auf die Angriffe an.",
     "ASSAULT", "IRN", "-"),
    # denying a report is no rejection
    ("Die USA dementieren Berichte über eine Freigabe iranischer Vermögen.", "REJECT", "USA", "-"),
    # ... unless the head names a phase of the act
    ("Die russische Armee setzte am Montag eine Welle der Angriffe auf Charkiw fort.", "ASSAULT", "RUS", "UKR"),
    # a verdict someone speaks accuses; the narrator's accuses no one
    ("Die Regierung in Kiew erklärte, Russland handle völkerrechtswidrig.", "ACCUSE", "UKR", "RUS"),
    ("Die Bombardierung der Stadt durch die deutsche Luftwaffe war ein Verbrechen.", "ACCUSE", "DEU", "-"),
    # ... only as the predicate, not in a phrase ("nach dem Massaker") or before its noun
    ("Nach dem Massaker in Butscha reiste der Präsident Polens nach Kiew.", "ACCUSE", "POL", "-"),
    ("Der Sprecher des Kreml sagte, die illegale Einreise sei ein Problem für Russland.", "ACCUSE", "RUS", "-"),
    # an adverb judges its clause's subject, it does not point back to the last act
    ("Die Polizei in Washington nahm am Montag 300 Arbeiter fest. Das US-Heimatschutzministerium "
     "erklärte, die Festgenommenen seien illegal eingereist.", "ACCUSE", "USA", "-"),
    # a phrase after another event noun is that event's target ...
    ("Nach Angriffen der USA in der Nacht startete Iran neue Attacken auf Saudi-Arabien.", "ASSAULT", "IRN", "SAU"),
    ("Nach Angriffen der USA in der Nacht startete Iran neue Attacken auf Saudi-Arabien.", "ASSAULT", "USA", "IRN"),
    # ... but a meeting's place is the trip's destination
    ("Die Gesandten der USA reisen zu Gesprächen nach Pakistan.", "CONSULT", "USA", "PAK"),
    # "ich", "wir", "uns" in a quote are its speaker; outside one they are no one we know
    ("Der polnische Präsident sagte: \"Wir unterstützen die Ukraine.\"", "SUPPORT", "POL", "UKR"),
    ("\"Russland greift uns jede Nacht an\", sagte der ukrainische Präsident.", "ASSAULT", "RUS", "UKR"),
    ("Wir unterstützen die Ukraine.", "SUPPORT", "UKR", "-"),
    # a compound named by a place is what the attack hits; a party's compound names the attacker
    ("Die israelische Armee setzte die Gaza-Angriffe am Montag fort.", "ASSAULT", "ISR", "PSE"),
    ("Die Gaza-Angriffe gingen am Montag weiter.", "ASSAULT", "PSE", "-"),
    ("Der Hamas-Anschlag traf Israel schwer.", "ASSAULT", "PSE", "ISR"),
    # a title before a name is one conjunct of a reciprocal phrase
    ("Das Gespräch zwischen Präsident Erdogan und dem US-Gesandten Witkoff blieb ohne Ergebnis.", "CONSULT", "TUR", "USA"),
    # a noun that names others by their relation to its genitive heads the subject ...
    ("Die Verbündeten der Ukraine kritisierten die neuen Manöver Russlands scharf.", "ACCUSE", "UKR", "-"),
    # ... a representative speaks for its genitive's side
    ("Der Sprecher der iranischen Streitkräfte hat den USA mit Angriffen gedroht.", "THREATEN", "IRN", "USA"),
    # a dative is never the subject: who "faces" prison is threatened by no one named
    ("Dem Oppositionsführer drohen in der Türkei zehn Jahre Haft.", "THREATEN", "TUR", "-"),
    # ... but an article inside a place name marks nothing
    ("Der Internationale Strafgerichtshof prüft den Fall seit Jahren. Das in Den Haag tagende Gericht "
     "erließ einen Haftbefehl gegen den Präsidenten Sudans.", "ACCUSE", "ICC", "SDN"),
    # what impends is no threat; self-defence is no support
    ("In der belagerten Stadt im Sudan drohen Tausende Sudanesen zu verhungern.", "THREATEN", "SDN", "-"),
    ("Die ukrainische Armee verteidigt sich gegen russische Angriffe.", "SUPPORT", "UKR", "-"),
    # what a speaker says another must do is a demand on it; not the narrator's "musste", not
    # a necessity of a people, not a news outlet's report
    ("Nun müsse Seoul einlenken, erklärte die Regierung in Pjöngjang.", "REQUEST", "PRK", "KOR"),
    ("Die Ukraine musste im Sommer Gebiete im Osten aufgeben.", "REQUEST", "UKR", "-"),
    ("Der Präsident Polens sagte, die Polen müssten länger arbeiten.", "REQUEST", "POL", "-"),
    # a demonstrative verdict with no act told before it has no target
    ("\"Das ist ein Skandal\", sagte der französische Präsident am Abend.", "ACCUSE", "FRA", "-"),
    # "drohen" with a zu-infinitive in its own clause is a modal (something impends) ...
    ("Die Regierung in Rom droht im Herbst in eine tiefe Krise zu stürzen.", "THREATEN", "ITA", "-"),
    # ... with the infinitive set off by a comma, or with "mit", it threatens
    ("Die Regierung in Rom drohte Frankreich mit neuen Zöllen.", "THREATEN", "ITA", "FRA"),
    # "sich versprechen von" expects; "versprechen" with a dative promises
    ("Die Regierung in Rom verspricht sich von Frankreich mehr Tempo.", "AGREE", "ITA", "-"),
    ("Die Regierung in Rom versprach Frankreich weitere Hilfe.", "AGREE", "ITA", "FRA"),
    # "attackieren" a state with arms is an assault; a party is attacked with words
    ("Russland attackierte die Ukraine in der Nacht mit Raketen.", "ASSAULT", "RUS", "UKR"),
    ("Russland attackierte die Ukraine in der Nacht mit Raketen.", "ACCUSE", "RUS", "-"),
    ("Der Kanzler attackierte die Grünen im Bundestag scharf.", "ACCUSE", "DEU", "DEU"),
    # "sein Amt zur Verfügung stellen" offers to resign, it provides nothing
    ("Der deutsche Minister stellte nach dem Skandal sein Amt zur Verfügung.", "AID", "DEU", "-"),
    # an actor's country guessed from the nearest country, which is the recipient itself: unknown
    ("Der Minister versprach der Ukraine weitere Hilfe.", "AGREE", "UKR", "-"),
    ("Der französische Minister versprach der Ukraine weitere Hilfe.", "AGREE", "FRA", "UKR"),
    # "nach eigenen Angaben" names no source: the noun phrase after it is the clause's own
    ("Litauen beschoss nach eigenen Angaben am Abend eine russische Drohne über der Grenze.", "ASSAULT", "LTU", "RUS"),
    ("Nach Angaben der russischen Armee griff die Ukraine in der Nacht Belgorod an.", "ASSAULT", "UKR", "RUS"),
    # coordinated subjects with a reciprocal object act on each other
    ("Die USA und der Iran drohten sich am Montag mit Vergeltung.", "THREATEN", "USA", "IRN"),
    ("Polen und Belarus warfen sich gegenseitig Provokationen an der Grenze vor.", "ACCUSE", "POL", "BLR"),
    # a von-phrase inside the subject before the finite verb is no passive agent
    ("Der Hafen von Rotterdam wurde am Montag von Russland angegriffen.", "ASSAULT", "NLD", "-"),
    ("Der Hafen von Rotterdam wurde am Montag mit Drohnen angegriffen.", "ASSAULT", "NLD", "-"),
    # a compound naming a party's or body's thing: criticising it targets its owner
    ("Die deutsche Wirtschaftsministerin kritisierte die SPD-Pläne scharf.", "ACCUSE", "DEU", "DEU"),
    ("Die Regierung in Kiew verurteilte die Kreml-Erklärung.", "ACCUSE", "UKR", "RUS"),
    # a nominative pronoun after the verb is the subject; the name before the verb the object
    ("Emmanuel Macron sprach in Paris. Friedrich Merz kritisierte er scharf.", "ACCUSE", "FRA", "DEU"),
    # an unnamed minister's country guessed from the context is no evidence for an act
    # between two states; within one state the guess stands
    ("Japan und Südkorea trafen sich in Tokio, Japans Hauptstadt. Kanada lud zu einem Gipfel ein. "
     "Am Abend kritisierte der Minister Frankreich scharf.", "ACCUSE", "CAN", "-"),
    # ... unless it is the article's main country
    ("Kanada lud zu einem Gipfel ein. Am Abend kritisierte der Minister Frankreich scharf.", "ACCUSE", "CAN", "FRA"),
    ("In Ungarn protestierten Tausende. Die Gewerkschaften kritisierten die Regierung scharf.", "ACCUSE", "HUN", "HUN"),
    # an exercise with a partner is cooperation, one state's alone a show of force; a
    # noun's recipient phrase follows it ("Streitigkeiten mit Kolumbien" belong to the dispute)
    ("Die USA setzten ihr Militärmanöver mit Südkorea am Montag fort.", "COOPERATE", "USA", "KOR"),
    ("Trotz der Streitigkeiten mit Kolumbien begann Venezuela am Montag ein Militärmanöver.", "COOPERATE", "VEN", "-"),
    # a passive's agent may come "aus" a body ("wird aus der Union kritisiert")
    ("Der Außenminister äußerte sich skeptisch. Aus der SPD wird er nun kritisiert.", "ACCUSE", "DEU", "DEU"),
    # "der Kampf gegen X" is a struggle or campaign ("gegen den Terror"); fighting is "Kämpfe"
    ("Die Außenpolitik Irans war vom Kampf gegen Israel geprägt.", "ASSAULT", "IRN", "-"),
    # those who speak for a side stand for it: "mit den Parteichefs von CDU und SPD"
    ("Der französische Präsident traf sich am Montag mit den Parteichefs von CDU und SPD.", "CONSULT", "FRA", "DEU"),
    # a phrase of the verb before the noun of a light-verb construction is the noun's partner
    ("Chile führte am Montag mit Peru in Lima Gespräche.", "CONSULT", "CHL", "PER"),
    # a trip named by a state's abbreviation goes there, as one named by a place does
    ("Der italienische Außenminister sagte seine USA-Reise kurzfristig ab.", "REJECT", "ITA", "USA"),
    # a denial of a claim of fact is no rejection (gold guide: denials are not events)
    ("Die Miliz im Libanon bestritt, hinter dem Anschlag auf die Franzosen zu stehen.", "REJECT", "LBN", "-"),
    # in the passive "treffen" is to be hit: no meeting
    ("Die Ukraine ist am Morgen von einer russischen Rakete getroffen worden.", "CONSULT", "RUS", "-"),
    ("Die Ukraine ist am Morgen von einer russischen Rakete getroffen worden.", "CONSULT", "UKR", "-"),
    # coordinated owners of an event noun act together; neither is the other's target
    ("Am Morgen gingen die Luftangriffe Russlands und Belarus weiter.", "ASSAULT", "RUS", "-"),
    ("Am Morgen gingen die Luftangriffe Russlands und Belarus auf Polen weiter.", "ASSAULT", "BLR", "POL"),
    # "während" before a noun phrase is a preposition, not a clause break
    ("Einer Reise nach Kuba während seiner Amtszeit erteilte der spanische Außenminister eine Absage.", "REJECT", "ESP", "CUB"),
    # a demonym coordinated with another shares its noun: two parties
    ("In Genf trafen sich am Montag armenische und aserbaidschanische Diplomaten.", "CONSULT", "ARM", "AZE"),
    # a von-phrase before an attributive participle is the participle's agent, not the passive's
    ("Am Montag wurden die von Russland kontrollierten Depots in der Ukraine von der ukrainischen Armee beschossen.",
     "ASSAULT", "RUS", "-"),
    ("Am Montag wurden von Russland genutzte Depots in der Ukraine von der ukrainischen Armee beschossen.",
     "ASSAULT", "RUS", "-"),
    # ... unless the participle is the trigger itself: the place of an arrest
    ("Ein in Belarus festgenommener polnischer Journalist wurde am Montag verurteilt.", "COERCE", "BLR", "POL"),
    # ... and so is any phrase there ("in einer an die Agentur AFP übermittelten Erklärung")
    ("Der Präsident Dänemarks hat in einer an die Agentur Reuters gesandten Erklärung die USA aufgefordert, "
     "die Grenzen zu achten.", "REQUEST", "DNK", "USA"),
    # a criticism with no object targets the subject of the reported clause it opens or closes
    ("Der Präsident Ungarns kritisierte, die Regierung in Warschau breche das Recht.", "ACCUSE", "HUN", "POL"),
    ("Die Regierung in Warschau breche das Recht, kritisierte der Präsident Ungarns.", "ACCUSE", "HUN", "POL"),
    # a waiver told as a backdrop refuses nothing of the clause
    ("Nach dem Verzicht Österreichs auf Kontrollen hat der italienische Innenminister die Einigung mit Wien begrüßt.",
     "REJECT", "ITA", "-"),
    # an unknown word that ends like an abstract noun is no party ("Aufwiegelung")
    ("Ein Gericht in Teheran verurteilte den Mann wegen des Vorwurfs der Volksverhetzung.", "ACCUSE", "IRN", "-"),
    # a target's country guessed from the attacker's own mention is no evidence
    ("Durch syrische Angriffe sind am Montag zwölf Menschen getötet worden.", "ASSAULT", "SYR", "-"),
    # "die Anschläge von Paris": a town after "von" is where an attack happened, not who struck
    ("Nach den Anschlägen von Brüssel forderte der Vizekanzler Österreichs ein neues Gesetz.", "ASSAULT", "BEL", "-"),
    # a striker who "traf" in a minute scored: no meeting
    ("Der Stürmer aus Polen traf in der 48. Minute mit einem Schuss gegen Spanien.", "CONSULT", "POL", "-"),
    # a subject shared across an apposition is the patient of a passive clause
    ("Der frühere Innenminister Polens, Jan Nowak, ist am Montag festgenommen worden.", "COERCE", "POL", "POL"),
    # who "erhielt Kritik" is its target, not its actor
    ("Der Präsident Brasiliens erhielt am Montag scharfe Kritik aus Argentinien.", "ACCUSE", "ARG", "BRA"),
    ("Der Präsident Brasiliens erhielt am Montag scharfe Kritik aus Argentinien.", "ACCUSE", "BRA", "-"),
    # a particle word before a noun phrase is a preposition: "warfen ... vor dem Parlament" throws
    ("Demonstranten in Athen warfen Steine vor dem Parlament in Richtung der Polizei.", "ACCUSE", "GRC", "-"),
    # of two phrases with a recipient preposition the nearer one is the recipient
    ("Nach Frankreichs Niederlage im Finale reist der Außenminister Spaniens nach Marokko.", "CONSULT", "ESP", "MAR"),
    # a passive auxiliary in another clause makes no passive of this one
    ("Russland hat Odessa am Morgen beschossen, dabei wurden zwei Schulen getroffen.", "ASSAULT", "RUS", "UKR"),
    # a pronoun alone before the finite verb is the subject: the named phrase after it is not
    ("Die Grünen verlieren Wähler. Viele werfen der Partei in Berlin Arroganz vor.", "ACCUSE", "DEU", "-"),
    # "räumte ... ein" admits: no withdrawal
    ("Der Verteidigungsminister Polens räumte am Abend Fehler ein.", "RETREAT", "POL", "-"),
    # a party's attacks on anyone unarmed but a state are made with words
    ("Die Attacken der FPÖ gegen den Präsidenten in Wien wurden schärfer.", "ASSAULT", "AUT", "-"),
    ("Die Attacken der FPÖ gegen den Präsidenten in Wien wurden schärfer.", "ACCUSE", "AUT", "AUT"),
    # companies among themselves make no political event; with the state on one side they do
    ("Der Autokonzern Volkswagen entschuldigte sich am Montag für die Fehler.", "CONCEDE", "DEU", "-"),
]


@pytest.mark.parametrize("text,etype,actor,recipient", REGRESSIONS)
def test_regressions(code, text, etype, actor, recipient):
    evs = [e for e in _asserted(code(text)) if etype in e.event and actor in _codes(e.actor)]
    if recipient == "-":
        assert not evs
    else:
        assert any(recipient in _codes(e.recipient) for e in evs), evs


def test_a_summit_of_an_alliance_is_its_members_meeting(code):
    evs = _asserted(code("Am Rande eines Treffens der NATO-Verteidigungsminister in Brüssel "
                         "sprach Pistorius über Drohnen."))
    consult = [e for e in evs if "CONSULT" in e.event]
    assert consult and _codes(consult[0].actor) == {"NATO"} == _codes(consult[0].recipient)


def test_a_summit_still_ahead_is_not_asserted(code):
    evs = code("Die Frist für Verhandlungen mit Iran läuft bis zum G20-Gipfel in Pittsburgh.")
    assert not [e for e in _asserted(evs) if "CONSULT" in e.event and "G20" in _codes(e.actor)]


def test_distinct_acts_of_a_campaign_stay_apart_but_references_merge(code):
    text = ("Israel startete am Samstag die Bodenoffensive im Gazastreifen. "
            "Israelische Kampfflugzeuge bombardierten am Abend eine Straße im Gazastreifen. "
            "Die Armee verkündete den größten Angriff seit Wochen auf den Gazastreifen.")
    evs = [e for e in _asserted(code(text, "2009-01-03")) if "ASSAULT" in e.event]
    assert len(evs) == 2
    assert sum(len(e.mentions) for e in evs) == 3


def test_damals_takes_the_date_named_before(code):
    evs = _asserted(code("Die Kundgebung war die größte seit 2014. "
                         "Damals waren Zehntausende Ungarn gegen die Regierung auf die Straße gegangen.",
                         "2017-01-14"))
    assert [e.date for e in evs if "PROTEST" in e.event] == ["2014"]


def test_coordinated_subjects_with_a_title_between_act_together(code):
    evs = _asserted(code("Die Bundesregierung und die französische Außenministerin begrüßen "
                         "die Entscheidung Polens."))
    sup = [e for e in evs if "SUPPORT" in e.event]
    assert sup and {"DEU", "FRA"} <= _codes(sup[0].actor)


@pytest.mark.parametrize("text,etype", [
    ("Xi Jinping und Wladimir Putin haben am Freitag telefoniert. "
     "In dem Gespräch lobte Xi die Partnerschaft mit Russland.", "CONSULT"),
    ("Russland hat die Ukraine in der Nacht mit Drohnen angegriffen. "
     "Bei dem Angriff auf Kiew wurden drei Menschen getötet.", "ASSAULT"),
])
def test_a_definite_event_noun_refers_back(code, text, etype):
    evs = [e for e in _asserted(code(text, "2025-05-09")) if etype in e.event]
    assert len(evs) == 1 and len(evs[0].mentions) == 2


def test_a_time_of_day_on_a_named_day_dates_the_event(code):
    # "am Sonntagmorgen" is a time expression (a time of day), and it names the day
    evs = _asserted(code("Russische Truppen haben am Sonntagmorgen die Stadt Charkiw angegriffen.",
                         published="2025-06-17"))
    assert any(e.date == "2025-06-15" for e in evs if "ASSAULT" in e.event), [(e.event, e.date) for e in evs]


def test_a_default_target_joins_the_same_act_with_a_named_one(code):
    """'Tausende Dänen protestierten in Kopenhagen' repeats the protest against the US told
    before: one record, not a second one against Denmark itself."""
    evs = [e for e in _asserted(code("Tausende Dänen protestierten am Samstag gegen die Pläne der USA. "
                                     "In Kopenhagen protestierten am Abend wieder Tausende Dänen."))
           if "PROTEST" in e.event]
    assert [(_codes(e.actor), _codes(e.recipient)) for e in evs] == [({"DNK"}, {"USA"})]
    assert len(evs[0].mentions) == 2


def test_a_reflexive_sich_is_no_reciprocal_object(code):
    """"weigern sich": the verb's own "sich"; the coordinated subjects do not refuse each other."""
    evs = [e for e in _asserted(code("Chile und Peru weigern sich bislang, Bolivien anzuerkennen.")) if "REJECT" in e.event]
    assert evs and not any("CHL" in _codes(e.actor) and "PER" in _codes(e.recipient) for e in evs), evs
