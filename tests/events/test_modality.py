"""Modality checks (events/modality.py) on our own sentences: each check fires on its cue and
stays quiet on a near miss; and the trigger types follow the PLOVER manual."""
from datetime import date

import pytest

from lagebild.analysis import make_pipeline
from lagebild.events.modality import CHECKS, CONTEXT_OF
from lagebild.lang import load_language
from lagebild.model import Document
from lagebild.ontology import UNASSERTED_CONTEXTS, load_ontology
from lagebild.settings import Settings


@pytest.fixture(scope="module")
def code():
    p = make_pipeline(Settings(lang="de", check_language=False,
                               components=("language", "tokens", "tags", "actors", "discourse", "time", "quotes", "events")))

    def run(text):
        return p(Document(text=text, lang="de", published=date(2025, 6, 13))).events
    return run


def _of_type(events, etype):
    return [e for e in events if etype in e.event]


def _asserted(events, etype):
    return [e for e in _of_type(events, etype) if not UNASSERTED_CONTEXTS & set(e.context)]


# (sentence, event type, asserted?) -- False: the event is coded but not asserted, or not at all
CASES = {
    "reportative": [
        ("Russland soll in der Nacht Kiew mit Drohnen angegriffen haben.", "ASSAULT", True),
        ("Bei ukrainischen Drohnenangriffen sollen in Russland drei Menschen getötet worden sein.", "ASSAULT", True),
        ("Russland hat angeblich in der Nacht Kiew angegriffen.", "ASSAULT", True),
    ],
    "reportative_is_no_threat": [
        ("Russland soll in der Nacht Kiew mit Drohnen angegriffen haben.", "THREATEN", False),
        ("Bei ukrainischen Drohnenangriffen sollen in Russland drei Menschen getötet worden sein.", "THREATEN", False),
    ],
    "plan_without_perfect_stays_a_threat": [   # near miss: 'soll' + plain infinitive is a plan
        ("Die Europäische Union soll neue Sanktionen gegen Russland verhängen.", "THREATEN", True),
        ("Die Europäische Union soll neue Sanktionen gegen Russland verhängen.", "SANCTION", False),
    ],
    "conditional": [
        ("Falls Russland die Ukraine angreift, wird die Nato reagieren.", "ASSAULT", False),
        ("Sofern Russland die Ukraine angreift, reagiert die Nato.", "ASSAULT", False),
        ("Die Nato droht Russland im Falle eines Angriffs Russlands auf Polen mit Vergeltung.", "ASSAULT", False),
        ("Für den Fall, dass Russland Polen angreift, droht die Nato mit Vergeltung.", "ASSAULT", False),
    ],
    "conditional_threat_is_a_threat": [
        ("Die Nato droht Russland im Falle eines Angriffs auf Polen mit Vergeltung.", "THREATEN", True),
        ("Für den Fall, dass Russland Polen angreift, droht die Nato mit Vergeltung.", "THREATEN", True),
    ],
    "expectation": [   # what someone expects or hopes for is not done
        ("Der amerikanische Diplomat rechnet damit, dass Israel gegenüber den USA nachgibt.", "CONCEDE", False),
        ("Die Regierung in Kiew hofft, dass Russland die Angriffe auf die Ukraine einstellt.", "ASSAULT", False),
    ],
    "question": [
        ("Hat Russland die Ukraine angegriffen?", "ASSAULT", False),
        ("Es ist unklar, ob Russland die Ukraine angegriffen hat.", "ASSAULT", False),
    ],
    "denial": [
        ("Russland bestritt, die Ukraine angegriffen zu haben.", "ASSAULT", False),
        ("Russland wies zurück, dass es die Ukraine angegriffen habe.", "ASSAULT", False),
    ],
    "requested": [
        ("Der irakische Präsident forderte den Rückzug der türkischen Truppen aus dem Irak.", "RETREAT", False),
        ("Die USA fordern, dass Russland seine Truppen aus der Ukraine abzieht.", "RETREAT", False),
        ("Der irakische Präsident forderte den Rückzug der türkischen Truppen aus dem Irak.", "REQUEST", True),
    ],
    "requested_by_a_closing_verb": [   # the object of a participle at the clause's end
        ("Moskau hat der ukrainischen Armee einen Angriff auf die Region Cherson vorgeworfen.", "ASSAULT", False),
        ("Tausende Menschen haben in Madrid den Rücktritt des spanischen Regierungschefs gefordert.", "RETREAT", False),
    ],
    "readiness": [   # an act someone is ready for; near miss: a readiness word elsewhere
        ("Polen: Armee für Einsatz in Litauen bereit", "MOBILIZE", False),
        ("Der Iran zeigte sich für Gespräche mit den USA bereit.", "CONSULT", False),
        ("Die Bereitschaft der USA zu Gesprächen mit dem Iran wächst.", "CONSULT", False),
        ("Trotz der Bereitschaft Irans zu neuen Gesprächen griffen die USA den Iran an.", "ASSAULT", True),
        # training or allowing others for an act is not the act; taking responsibility for one is
        ("Die Hamas hat im Winter tausende Jugendliche für den Kampf gegen Israel ausgebildet.", "ASSAULT", False),
        ("Die britische Regierung erlaubt den USA die Nutzung ihrer Basen für Angriffe auf den Iran.", "ASSAULT", False),
        ("Die Hamas übernahm die Verantwortung für den Angriff auf Israel.", "ASSAULT", True),
    ],
    "not_requested": [   # near misses: the backdrop of a demand, the attacks a demand would end
        ("Die Nato forderte ein Ende der russischen Angriffe auf die Ukraine.", "ASSAULT", True),
        ("Die Ukraine forderte nach dem russischen Angriff auf Kiew mehr Hilfe.", "ASSAULT", True),
        ("In Syrien forderten israelische Luftangriffe zwanzig Tote.", "ASSAULT", True),
        ("Der russische Angriff auf Kiew forderte zwanzig Tote.", "ASSAULT", True),
    ],
    "refusal": [
        ("Der amerikanische Präsident sagte das Treffen mit Putin ab.", "CONSULT", False),
        ("Der amerikanische Präsident sagte das Treffen mit Putin ab.", "REJECT", True),   # manual: a cancelled meeting is REJECT
    ],
    "not_refused": [   # near miss: the backdrop of a refusal happened
        ("Die Ukraine lehnte nach dem russischen Angriff auf Kiew Gespräche mit Russland ab.", "ASSAULT", True),
    ],
    "opposed": [   # an act the subject is against is not done; near miss: "für"
        ("Libanon vorerst gegen Spitzentreffen mit Israel", "CONSULT", False),
        ("Polen stimmte gegen das Abkommen mit China.", "AGREE", False),
        ("Polen stimmte für das Abkommen mit China.", "AGREE", True),
    ],
    "negation_undone": [   # "nicht nur X, sondern auch Y" asserts X; near miss: plain "nicht"
        ("Polen hat nicht nur Russland kritisiert, sondern auch Belarus.", "ACCUSE", True),
        ("Die Regierung in Warschau hat Russland nicht selten scharf kritisiert.", "ACCUSE", True),
        ("Polen hat Russland nicht kritisiert.", "ACCUSE", False),
    ],
    "negated_noun": [   # "ohne"/"kein" before an event noun: nothing happened, and nobody refused
        ("Die Gespräche zwischen Serbien und Kroatien endeten ohne Einigung.", "AGREE", False),
        ("Die Gespräche zwischen Serbien und Kroatien endeten ohne Einigung.", "REJECT", False),
        ("Bei den Gesprächen zwischen Serbien und Kroatien gab es keine Einigung.", "REJECT", False),
        ("Ein Treffen zwischen Serbien und Kroatien fand nicht statt.", "CONSULT", False),
        ("Russland hat keine Truppen nach Belarus entsandt.", "MOBILIZE", False),
    ],
    "kein_negates_its_own_noun": [   # near miss: the talks before the failed agreement took place
        ("Die Gespräche zwischen Serbien und Kroatien brachten keine Einigung.", "CONSULT", True),
    ],
    "refused_by_a_negated_verb": [   # a negated cooperative verb is a refusal (manual: REJECT)
        ("Polen werde die Ukraine nicht unterstützen, sagte der Präsident.", "REJECT", True),
    ],
    "ceased": [   # an act that is stopped or suspended is not told as happening
        ("Die Türkei hat ihre Luftschläge im Nordirak am Montag eingestellt.", "ASSAULT", False),
        ("Die Ukraine setzte die Gespräche mit Russland aus.", "CONSULT", False),
    ],
    "proposed_or_planned": [   # a proposal is no act; a phase noun passes the plan on to its act
        ("Die Regierung in Warschau schlug Gespräche mit Russland vor.", "CONSULT", False),
        ("Das Kabinett in Ankara billigte einen Plan zur Ausweitung der Luftangriffe auf Stellungen in Syrien.", "ASSAULT", False),
        ("Statt zu drohen, solle der Präsident lieber mit Dänemark sprechen, sagte die Ministerin.", "CONSULT", False),
    ],
    "attempted": [   # an attempt's object is not done; the clause after the attempt noun is
        ("Während eines Vermittlungsversuchs für eine Feuerpause und den Austausch von Gefangenen "
         "griff die israelische Armee den Gazastreifen an.", "RETREAT", False),
        ("Während eines Vermittlungsversuchs für eine Feuerpause und den Austausch von Gefangenen "
         "griff die israelische Armee den Gazastreifen an.", "ASSAULT", True),
    ],
    "feared_or_hoped_object": [   # a fear's or hope's object noun is not done
        ("Die Opposition befürchtet die Festnahme ihrer Abgeordneten durch die türkische Polizei.", "COERCE", False),
        ("Die Ukraine hofft auf Gespräche mit Russland.", "CONSULT", False),
    ],
    "promised": [   # what is held out is not done (the promise itself is AGREE)
        ("Der russische Präsident stellte einen Abzug der Truppen aus Cherson in Aussicht.", "RETREAT", False),
        ("Der russische Präsident stellte der Ukraine einen Abzug der Truppen aus Cherson in Aussicht.", "AGREE", True),
    ],
    "charged": [   # the crime a warrant or charge names is alleged
        ("Der Strafgerichtshof erließ einen Haftbefehl wegen Völkermordes gegen den Präsidenten Sudans.", "ASSAULT", False),
    ],
    "attributive_cue_is_its_nouns": [   # "geplant" before another noun plans that one only
        ("Die Polizei in Brasília nahm den Ex-Präsidenten kurz vor dem geplanten Haftantritt in Gewahrsam.", "COERCE", True),
        ("Die Polizei in Brasília nahm den Ex-Präsidenten kurz vor dem geplanten Haftantritt in Gewahrsam.", "THREATEN", False),
    ],
    "feigned": [   # an act simulated or rehearsed is not done; near miss: the flight itself
        ("Russische Kampfjets simulierten am Montag Angriffe auf Litauen.", "ASSAULT", False),
    ],
    "acquitted": [   # an acquittal denies the charge; the court does not accuse
        ("Im Jahr 2001 sprach ein Gericht in Warschau den Minister vom Vorwurf der Spionage für Russland frei.", "ACCUSE", False),
    ],
    "striven_for": [   # what someone aims for lies ahead; near miss: the same act done
        ("Die Regierung in Oslo strebt ein Abkommen mit Schweden an.", "AGREE", False),
        ("Die Regierung in Oslo schloss ein Abkommen mit Schweden.", "AGREE", True),
    ],
    "kaum_across_a_list_comma": [   # "kaum große, spontane Proteste": one noun phrase
        ("Seit Monaten gab es kaum große, organisierte Proteste gegen die Regierung in Minsk.", "PROTEST", False),
    ],
    "before_a_meeting": [   # what is told happened before a meeting; the meeting is not told
        ("Vor dem Treffen mit Polen kritisierte die Regierung in Berlin Russland scharf.", "CONSULT", False),
        ("Vor dem Treffen mit Polen kritisierte die Regierung in Berlin Russland scharf.", "ACCUSE", True),
        ("Wenige Tage vor dem Gipfel mit Polen kritisierte die Regierung in Berlin Russland.", "CONSULT", False),
    ],
    "fled_from_attacks": [   # near miss: "vor" after a noun names what it is about, no time
        ("Tausende Menschen in Syrien sind auf der Flucht vor den türkischen Angriffen.", "ASSAULT", True),
        ("Tausende Menschen in Syrien sind auf der Flucht vor den türkischen Angriffen.", "THREATEN", False),
    ],
    "present_passive_is_no_future": [   # the plural "werden" is tagged as an infinitive
        ("Die Dörfer im Libanon werden jede Nacht von syrischen Raketen beschossen.", "ASSAULT", True),
        ("Die Dörfer im Libanon werden jede Nacht von syrischen Raketen beschossen.", "THREATEN", False),
    ],
    "before_the_start_of": [   # a phase noun's phrase dates the act it is a phase of
        ("Vor Beginn eines Treffens mit Polen kritisierte die Regierung in Berlin Russland scharf.", "CONSULT", False),
    ],
    "negated_attribute": [   # "nicht" before an adjective of a noun phrase negates the adjective
        ("Nach einer nicht allzu langen Sitzung in Berlin lobte der Präsident Polens die Ukraine.", "SUPPORT", True),
    ],
    "can": [   # what someone can do is not done
        ("Die Polizei in Minsk kann Verdächtige ohne Anklage festnehmen.", "COERCE", False),
    ],
    "possible": [
        ("Die Regierung in Rom sprach über ein mögliches Treffen mit Tunesien.", "CONSULT", False),
    ],
    "asserted_baseline": [
        ("Russland griff in der Nacht die Ukraine an.", "ASSAULT", True),
        ("Die türkische Armee zog ihre Truppen aus dem Irak ab.", "RETREAT", True),
    ],
}


@pytest.mark.parametrize("text,etype,asserted",
                         [c for cases in CASES.values() for c in cases],
                         ids=[f"{k}-{i}" for k, cases in CASES.items() for i in range(len(cases))])
def test_modality(code, text, etype, asserted):
    events = code(text)
    found = _asserted(events, etype)
    assert bool(found) == asserted, f"{text!r}: {[(e.event, e.context) for e in events]}"


def test_unasserted_events_are_still_coded(code):
    """A requested or conditional event is kept, with the context that keeps it out of counts."""
    evs = _of_type(code("Der irakische Präsident forderte den Rückzug der türkischen Truppen aus dem Irak."),
                   "RETREAT")
    assert evs and all("hypothetical" in e.context for e in evs)


def test_reportative_keeps_no_future(code):
    evs = _of_type(code("Russland soll in der Nacht Kiew mit Drohnen angegriffen haben."), "ASSAULT")
    assert evs and not {"future", "hypothetical"} & set(evs[0].context)


def test_every_cue_maps_to_a_plover_context():
    onto_contexts = UNASSERTED_CONTEXTS   # reportative maps to none: the act stays asserted
    names = [name for name, _ in CHECKS]
    assert len(names) == len(set(names))
    assert set(CONTEXT_OF.values()) <= onto_contexts
    assert set(CONTEXT_OF) <= set(names)


# --- types and modes per the PLOVER manual --------------------------------------------------

def _triggers():
    return {e["id"]: e for e in load_language("de").entries("triggers")}


@pytest.mark.parametrize("tid,trigger", sorted(_triggers().items()))
def test_trigger_mode_is_a_mode_of_its_type(tid, trigger):
    onto = load_ontology()
    if trigger.get("mode"):
        assert onto.is_mode(trigger["event"], trigger["mode"]), f"{tid}: {trigger['event']} has no mode {trigger['mode']}"


@pytest.mark.parametrize("lemma,etype", [
    ("Tränengas", "ASSAULT"),      # manual, ASSAULT crowd-control: tear gas, water cannon
    ("Wasserwerfer", "ASSAULT"),
    ("Einreiseverbot", "REJECT"),  # manual: barring entry is REJECT, expelling COERCE
    ("Abschiebung", "COERCE"),     # manual: deporting individuals is COERCE deport
    ("entführen", "ASSAULT"),
    ("versprechen", "AGREE"),      # manual: promises and offers of cooperation are AGREE
    ("zusichern", "AGREE"),
])
def test_trigger_types_follow_the_manual(lemma, etype):
    types = {t["event"] for t in _triggers().values() if lemma in t["lemmas"]}
    assert types == {etype}


@pytest.mark.parametrize("text,etype,actor,recipient", [
    ("Frankreich verbietet dem israelischen Minister die Einreise.", "REJECT", "FRA", "ISR"),
    ("Die Hamas hat zwei israelische Soldaten entführt.", "ASSAULT", "PSE", "ISR"),
])
def test_retyped_triggers_code(code, text, etype, actor, recipient):
    evs = _asserted(code(text), etype)
    assert evs and {a.code for a in evs[0].actor} == {actor} and {r.code for r in evs[0].recipient} == {recipient}
