"""The trigger index: exact lemmas and compound heads, from the shipped German data."""
import pytest

from lagebild.events.triggers import TriggerIndex
from lagebild.lang import load_language


@pytest.fixture(scope="module")
def index():
    data = load_language("de")
    return TriggerIndex.build(data.entries("triggers"), data.entries("modality"), data.entries("grammar"))


@pytest.mark.parametrize("lemma,event", [
    ("Angriff", "ASSAULT"),
    ("Bodenoffensive", "ASSAULT"),      # compound head
    ("US-Angriff", "ASSAULT"),          # hyphen compound
    ("Lehrerstreik", "PROTEST"),        # modifier ending in -er is no prefix
    ("Friedensvereinbarung", "AGREE"),  # the longest head wins
    ("Gipfeltreffen", "CONSULT"),
])
def test_triggers_by_lemma_and_compound_head(index, lemma, event):
    assert event in {t.event for t in index.lookup(lemma, noun=True)}


@pytest.mark.parametrize("lemma", [
    "Vereinigung", "Bundesvereinigung",   # ver|einigung: a prefix, not a compound
    "Herausforderung", "Anforderung",     # heraus|forderung
    "Einreise",                           # ein|reise
    "Wahlkampf",                          # listed exception
    "Bürgermeister-Wahlkampf",            # a compound headed by a listed exception
    "Landtagswahlkampf",                  # the same, closed
    "Unwetterwarnung",                    # trigger without compounds
    "Angriffsfläche",                     # the head decides: Fläche
])
def test_no_trigger_for_derivations_and_exceptions(index, lemma):
    assert index.lookup(lemma, noun=True) == []


def test_verbs_do_not_match_by_ending(index):
    assert index.lookup("Raketenangriffs", noun=False) == []


def test_trigger_ids_unique_across_files():
    ids = [e["id"] for e in load_language("de").entries("triggers")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
