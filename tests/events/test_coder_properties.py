"""Property-based tests: any text, however odd, yields well-formed events or none."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.analysis import make_pipeline
from lagebild.formats.records import event_record
from lagebild.formats.schema import record_errors
from lagebild.model import Document
from lagebild.settings import Settings

WORDS = ["Israel", "Russland", "die", "Regierung", "griff", "an", "kritisierte", "nicht", "könnte",
         "Putin", "telefonierte", "mit", "Xi", "am", "Freitag", ",", "dass", "zu", "verurteilen",
         "„", "“", "sagte", "er", ".", "?", "Sanktionen", "gegen", "verhängte", "Hamas", "warf", "vor",
         "im", "Gazastreifen", "wurden", "getötet", "laut", "Reuters", "Demonstranten", "protestierten"]


@pytest.fixture(scope="module")
def pipeline():
    return make_pipeline(Settings(lang="de", check_language=False,
                                  components=("language", "tokens", "tags", "actors", "discourse", "time", "quotes", "events")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_random_sentences_give_well_formed_events(pipeline, words):
    text = " ".join(words)
    doc = pipeline(Document(text=text, lang="de", published=date(2025, 3, 14)))
    for ev in doc.events:
        assert ev.actor and all(a.code for a in ev.actor)
        assert 0 <= ev.start <= ev.end <= len(text)
        rec = event_record(doc, ev)
        assert record_errors(rec) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_never_raises(pipeline, text):
    if text.strip():
        pipeline(Document(text=text, lang="de", published=date(2025, 3, 14)))
