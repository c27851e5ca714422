from __future__ import annotations

import json

import pytest

from lagebild.formats.plover import plover_record

ACTOR = {"entity_text": "Peking", "start": 40, "end": 46, "code": "CHN", "sector": "GOV",
         "identifier_text": "Government of China", "identifier_id": "Q6584"}
RECIPIENT = {"entity_text": "Moskau", "start": 60, "end": 66, "code": "RUS", "sector": "GOV",
             "identifier_text": None, "identifier_id": None}


def event(**kw) -> dict:
    rec = {"kind": "event", "doc_id": "d1", "id": "0123456789abcdef", "date": "2024-02-09",
           "event": ["CONSULT"], "mode": "phone", "context": ["diplomatic"], "actor": [ACTOR],
           "recipient": [RECIPIENT], "event_text": "Peking und Moskau telefonierten.",
           "text_info": {"sequence": 1, "start": 40, "end": 75}, "quad_code": 1, "event_scale": 1.0,
           "cameo": "040", "goldstein": 1.0, "confidence": 0.82, "reported_by": None, "trigger": "x",
           "mentions": [], "source": "Agency", "url": "https://example.org/1", "published": "2024-02-10"}
    rec.update(kw)
    return rec


def test_required_plover_fields_and_shapes():
    p = plover_record(event())
    assert {"id", "date", "actor", "event"} <= set(p)
    assert p["id"] == "0123456789abcdef" and p["date"] == "2024-02-09"
    assert p["event"] == ["CONSULT"] and p["mode"] == ["phone"] and p["context"] == ["diplomatic"]
    assert p["event_text"] == ["Peking und Moskau telefonierten."]
    assert p["actor"][0] == {"code": "CHN", "sector": "GOV", "entity_text": "Peking", "identifier_id": "Q6584",
                             "identifier_text": "Government of China", "start": 40, "end": 46}
    assert p["text_info"] == {"sequence": 1, "start": 40, "end": 75}
    assert p["cite_info"]["url"] == "https://example.org/1" and p["cite_info"]["corpus"] == "Agency"
    assert p["coder"].startswith("lagebild ")
    json.dumps(p)


@pytest.mark.parametrize("kw, field, value", [
    ({"mode": None}, "mode", []),
    ({"date": None}, "date", "2024-02-10"),          # falls back to the publication date
    ({"recipient": []}, "recipient", []),
    ({"event_text": None}, "event_text", []),
])
def test_missing_values(kw, field, value):
    assert plover_record(event(**kw))[field] == value


def test_cluster_becomes_link_with_counts():
    p = plover_record(event(cluster={"id": "c0ffee", "num_mentions": 5, "num_articles": 3, "num_sources": 2}))
    assert (p["link"], p["num_mentions"], p["num_articles"], p["num_sources"]) == ("c0ffee", 5, 3, 2)
    assert "link" not in plover_record(event())


def test_plover_carries_the_location_object():
    from lagebild.formats.plover import plover_record
    where = {"extracted_place": "Moskau", "resolved_place": "Moscow", "geonameid": 524901, "country_code": "RUS"}
    assert plover_record({"id": "e1", "event": ["CONSULT"], "location": where})["event_loc"] == where
    assert plover_record({"id": "e2", "event": ["ACCUSE"], "location": None})["event_loc"] is None
