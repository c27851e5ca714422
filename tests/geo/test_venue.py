"""Where statements were made (geo/venue.py, the venue rule of geo/attach.py) on made-up
stories: a statement whose clause names no place takes the venue where its actor met or spoke a
few sentences away; never a venue its actor did not attend, nor one too far away."""
from __future__ import annotations

import pytest

from lagebild.model import Document


@pytest.mark.parametrize("text, etype, want", [
    # the speaker's venue, told in the sentence after the demand
    ("Bundeskanzler Scholz forderte Russland auf, den Krieg zu beenden. Das sei dringend, sagte Scholz "
     "am Rande einer Konferenz in Lissabon.", "REQUEST", ("Lissabon", "PRT")),
    # a PP after the speaker's name says where the speaker spoke; a building names its city
    ("Bundeskanzler Scholz forderte Russland auf, den Krieg zu beenden. Das sei dringend, sagte Scholz "
     "in der Hofburg.", "REQUEST", ("Hofburg", "AUT")),
    # a statement of the visitor on the day of the visit
    ("Der französische Präsident Macron traf am 13. Mai in Rom die italienische Ministerpräsidentin Meloni. "
     "Macron kritisierte am 13. Mai die italienische Regierung scharf.", "ACCUSE", ("Rom", "ITA")),
    # ... or the speaker's pronoun
    ("Bundeskanzler Scholz forderte Russland auf, den Krieg zu beenden. Das sei dringend, sagte er "
     "in Lissabon.", "REQUEST", ("Lissabon", "PRT")),
    # an agreement made during a visit the story placed
    ("Der französische Präsident Macron traf am Montag in Rom die italienische Ministerpräsidentin Meloni. "
     "Macron und Meloni vereinbarten eine engere Zusammenarbeit.", "AGREE", ("Rom", "ITA")),
    # the gathering's place may follow its participants
    ("Bundeskanzler Scholz forderte Russland auf, den Krieg zu beenden. Das sei dringend, erklärte er bei einer "
     "Pressekonferenz mit dem portugiesischen Präsidenten in Lissabon.", "REQUEST", ("Lissabon", "PRT")),
    # a meeting named again takes the venue of the same parties' gathering; a statement made at
    # the gathering, its place
    ("Die Vertreter der G7 bereiten das G7-Treffen vor. Auf dem G7-Gipfel in Hiroshima kritisierten die "
     "G7-Staaten Russland scharf.", "CONSULT", ("Hiroshima", "JPN")),
    ("Die Vertreter der G7 bereiten das G7-Treffen vor. Auf dem G7-Gipfel in Hiroshima kritisierten die "
     "G7-Staaten Russland scharf.", "ACCUSE", ("Hiroshima", "JPN")),
    # a PP after a venue noun that is an adverbial of the clause locates the statement itself
    ("Bundeskanzler Scholz kritisierte bei einem Treffen in Lissabon die Regierung in Moskau scharf.",
     "ACCUSE", ("Lissabon", "PRT")),
])
def test_statement_takes_the_venue(run, text, etype, want, place_of):
    assert place_of(run(text), etype) == want


@pytest.mark.parametrize("text, etype", [
    # the venue of a meeting the actor did not attend
    ("Der französische Präsident Macron traf am Montag in Rom die italienische Ministerpräsidentin Meloni. "
     "Der chinesische Präsident Xi kritisierte am Dienstag die Regierung in Tokio.", "ACCUSE"),
    # a meeting that is the reason of the criticism is no setting of it
    ("Bundeskanzler Scholz kritisierte Russland für das Treffen in Lissabon.", "ACCUSE"),
    # a meeting under a backdrop preposition: the statement was made before or after it, not there
    ("Bundeskanzler Scholz kritisierte im Vorfeld des Gipfels in Lissabon die Regierung in Moskau scharf.",
     "ACCUSE"),
    ("Bundeskanzler Scholz kritisierte Russland nach dem Treffen in Lissabon scharf.", "ACCUSE"),
])
def test_no_venue(run, text, etype, place_of):
    assert place_of(run(text), etype) is None


@pytest.mark.parametrize("text, etype", [
    # a PP after another person's name is no place of the speaker's act
    ("Bundeskanzler Scholz kritisierte am Montag Präsident Putin in Moskau scharf.", "ACCUSE"),
    # someone else of the same country did not attend the visit: a description of people
    ("Der französische Präsident Macron traf am Montag in Rom die italienische Ministerpräsidentin Meloni. "
     "Französische Gewerkschaften kritisierten am Montag die Regierung scharf.", "ACCUSE"),
])
def test_not_at_the_venue(run, text, etype, place_of):
    assert place_of(run(text), etype) is None


@pytest.mark.parametrize("text", [
    # a venue of the parties' meeting
    "Der französische Präsident Macron traf am Montag in Rom die italienische Ministerpräsidentin Meloni. "
    "Am Dienstag telefonierte Macron mit Meloni.",
    # the story's scene
    "In Rom trafen sich am Montag Vertreter Frankreichs und Italiens. Am Dienstag telefonierte Macron mit Meloni.",
])
def test_phone_call_has_no_place(run, text):
    call = next(e for e in run(text).events if e.mode == "phone")
    assert call.location is None


def _e(text: str, label: str, code: str, key: str | None = None):
    from lagebild.model import Entity
    return Entity(text, 0, len(text), label, 0, code=code, key=key)


@pytest.mark.parametrize("actor, party, want", [
    (_e("Er", "PER", "DEU", "per.scholz"), _e("Scholz", "PER", "DEU", "per.scholz"), True),
    # an office is held by a person on the day
    (_e("US-Präsident", "PER", "USA", "office.usa.us_praesident"), _e("Trump", "PER", "USA", "per.trump"), True),
    # a state and its unnamed official
    (_e("Polen", "GPE", "POL", "country.POL"), _e("Staatschef", "AGENT", "POL"), True),
    # a body named again
    (_e("G7-Treffens", "MISC", "G7"), _e("G7-Gipfels", "ORG", "G7", "igo.g7"), True),
    # two named people of one country
    (_e("Rubio", "PER", "USA", "per.rubio"), _e("Trump", "PER", "USA", "per.trump"), False),
    # a group of a country is not its state, nor people described
    (_e("Gewerkschaften", "ORG", "FRA"), _e("Macron", "PER", "FRA", "per.macron"), False),
    (_e("Angehörige", "PER", "ISR"), _e("Israel", "GPE", "ISR", "country.ISR"), False),
    # a visited city is where, not who: the host state's people did not all attend
    (_e("Russland", "GPE", "RUS", "country.RUS"), _e("Moskau", "GPE", "RUS", "place.moscow"), False),
])
def test_attended(actor, party, want):
    from lagebild.geo.venue import attended
    assert attended(actor, party, lambda code: len(code) == 3) is want
