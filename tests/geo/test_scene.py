"""The story's scene (geo/scene.py) on made-up stories: an attack, arrest, protest or meeting
whose clause names no place takes the place a sentence before set as the scene; never from a
direct quote, a place in no country, a scene too far back, or (for acts on someone's ground) a
scene outside the countries of their parties."""
from __future__ import annotations

import pytest

from lagebild.model import Document


@pytest.mark.parametrize("text, etype, want", [
    # the lead sets the scene; the arrest told after it happened there
    ("In Minsk sind am Donnerstag tausende Menschen auf die Straße gegangen. "
     "Die Polizei nahm später mehrere Oppositionelle fest.", "COERCE", ("Minsk", "BLR")),
    # a meeting takes the venue the story named, though neither party is from there
    ("Im ägyptischen Scharm el Scheich kamen am Donnerstag Vertreter Israels und der Hamas zusammen. "
     "Der Sender meldete am Abend, dass die Gespräche zwischen Israel und der Hamas begonnen hätten.",
     "CONSULT", ("Scharm el Scheich", "EGY")),
    # a statement between scene and act does not end the scene (it has no place of its own)
    ("In Minsk sind am Donnerstag tausende Menschen auf die Straße gegangen. Die Demonstranten forderten "
     "Neuwahlen. Die Polizei nahm am Abend mehrere Oppositionelle fest.", "COERCE", ("Minsk", "BLR")),
    # the scene of the lead is the story's own: it holds further on for acts on the parties' ground
    ("In Minsk sind am Donnerstag tausende Menschen auf die Straße gegangen. Es gab keine Zwischenfälle. "
     "Das Wetter war gut. Die Stimmung war ruhig. Viele Familien kamen. Es wurde gesungen. "
     "Die Polizei nahm am Abend mehrere Oppositionelle fest.", "COERCE", ("Minsk", "BLR")),
    # a place inside a direct quote sets no scene: the story's scene stays Minsk
    ("Tausende Menschen protestierten am Donnerstag in Minsk gegen die Regierung. \"In Grodno ist es "
     "ruhig\", sagte ein Sprecher. Die Polizei nahm am Abend mehrere Oppositionelle fest.",
     "COERCE", ("Minsk", "BLR")),
])
def test_event_takes_the_story_scene(run, text, etype, want, place_of):
    assert place_of(run(text), etype) == want


@pytest.mark.parametrize("text, etype", [
    # an attack happens on the ground of its parties: a Berlin setting does not place it
    ("Der Kanzler sprach am Donnerstag in Berlin über die Lage. "
     "Russische Truppen griffen am Abend ukrainische Stellungen mit Raketen an.", "ASSAULT"),
    # a meeting told far after the lead may be another meeting: the lead's scene holds only for
    # acts on the parties' ground
    ("Im ägyptischen Scharm el Scheich kamen am Donnerstag Vertreter Israels und der Hamas zusammen. "
     "Es gab keine Zwischenfälle. Das Wetter war gut. Die Stimmung war ruhig. Viele Familien kamen. "
     "Es wurde gesungen. Der Sender meldete am Abend, dass die Gespräche zwischen Israel und der Hamas "
     "begonnen hätten.", "CONSULT"),
    # a region in no country is a theatre, not the place of one act
    ("In der Golfregion ist es am Donnerstag zu neuen Gefechten gekommen. "
     "Iranische Schnellboote griffen am Abend ein britisches Schiff an.", "ASSAULT"),
    # a scene set more than a few sentences back, after the lead, is background
    ("Die Opposition rief zu Protesten auf. Es blieb lange still. In Minsk sind am Donnerstag tausende "
     "Menschen auf die Straße gegangen. Es gab keine Zwischenfälle. Das Wetter war gut. Die Stimmung war "
     "ruhig. Viele Familien kamen. Es wurde gesungen. Die Polizei nahm am Abend mehrere Oppositionelle fest.",
     "COERCE"),
    # an accusative of motion names where something goes: it sets no scene
    ("Die Bahnlinien führen in die ukrainischen Städte Kramatorsk und Slowjansk. Bei einem russischen Angriff "
     "wurden am Montag zwei ukrainische Soldaten getötet.", "ASSAULT"),
    # an attack noun inside an attributive participle's phrase names an event told elsewhere
    ("In Bagdad empfing der irakische Präsident am Donnerstag den Außenminister Irans. Dieser begleitete den "
     "Sarg des durch einen amerikanischen Luftangriff getöteten Generals.", "ASSAULT"),
    # the city a visitor came to is no battlefield: a visit's place sets no scene for an attack
    ("Der Generalsekretär der NATO traf am Donnerstag zu einem Besuch in Kiew ein. "
     "Selenskyj beklagte neue russische Angriffe auf Kraftwerke.", "ASSAULT"),
    # ... nor is the country attacked where talks are held
    ("Die Armee Israels bombardierte am Montag Stellungen der Hisbollah im Libanon. "
     "Danach begannen in einem Nachbarland Gespräche zwischen Israel und Libanon.", "CONSULT"),
])
def test_no_scene_from_elsewhere(run, text, etype, place_of):
    assert place_of(run(text), etype) is None


def test_statements_take_no_scene(run, place_of):
    doc = run("In Minsk sind am Donnerstag tausende Menschen auf die Straße gegangen. "
              "Die Demonstranten forderten Neuwahlen.")
    assert place_of(doc, "REQUEST") is None


@pytest.mark.parametrize("text, settings", [
    ("In Minsk protestierten am Donnerstag tausende Menschen.", ["Minsk"]),
    ("Tausende Menschen protestierten am Donnerstag in Minsk gegen die Regierung.", ["Minsk"]),
    # after a noun the PP may be the noun's ("die Lage in Gaza"): no setting
    ("Der Minister kritisierte die Lage in Gaza.", []),
    # a dateline says where the report was filed
    ("Kairo – Die Armee meldete am Donnerstag neue Angriffe.", []),
])
def test_settings_are_adverbial_locatives(place_tools, run, text, settings):
    from lagebild.geo.mentions import find_places
    doc = run(text)
    resolver, attacher = place_tools
    assert [m.form for m in attacher.settings(doc, find_places(doc, resolver))] == settings


def _tagged(words_tags: list[tuple[str, str]]) -> Document:
    """A one-sentence document built by hand (tokens and tags, no model)."""
    from lagebild.model import Sentence, Token
    tokens, pos = [], 0
    for w, tag in words_tags:
        tokens.append(Token(w, pos, pos + len(w), 0, pos=tag))
        pos += len(w) + 1
    doc = Document(text=" ".join(w for w, _ in words_tags), lang="de")
    doc.tokens = tokens
    doc.sentences = [Sentence(0, 0, pos - 1, 0, len(tokens))]
    return doc


@pytest.mark.parametrize("words_tags, k, want", [
    # a participle before its noun names an event told elsewhere
    ([("die", "ART"), ("getöteten", "ADJA"), ("Soldaten", "NN")], 1, True),
    ([("die", "ART"), ("getöteten", "ADJA"), ("israelischen", "ADJA"), ("Soldaten", "NN")], 1, True),
    # a finite verb the tagger read as an adjective is no attribute
    ([("Beide", "PIS"), ("vereinbarten", "ADJA"), (",", "$,"), ("zu", "PTKZU")], 1, False),
    ([("Beide", "PIS"), ("vereinbarten", "VVFIN"), ("Gespräche", "NN")], 1, False),
])
def test_attributive_participle(place_tools, words_tags, k, want):
    from lagebild.geo.scene import SceneFinder
    _, attacher = place_tools
    assert SceneFinder(attacher).attributive(_tagged(words_tags), k) is want
