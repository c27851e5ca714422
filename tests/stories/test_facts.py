from datetime import date

import pytest

from lagebild.stories.facts import FactSettings, StoryText, story_facts
from lagebild.stories.grouping import Article

# Three short reports of one invented story, written for this test.
A = "In Nordhafen ist ein Tanker auf Grund gelaufen. Mindestens zwölf Menschen wurden verletzt."
B = "Ein Tanker ist vor Nordhafen auf Grund gelaufen. Die Küstenwache sperrte den Hafen."
C = "Die Küstenwache hat den Hafen von Nordhafen gesperrt."


def sentences(text):
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if not part.endswith(".") else 0)
        out.append((start, min(end, len(text))))
        start = end + 1
    return out


def story(*texts, records=None):
    records = records or {}
    return [StoryText(Article(f"d{i}", date(2025, 5, 1), "", t, f"https://example.org/{i}"), sentences(t),
                      records.get(f"d{i}", [])) for i, t in enumerate(texts)]


def by_text(facts, needle):
    return next(f for f in facts if any(needle in m.text for m in f.mentions))


def test_same_statement_is_one_fact_reported_by_each_article_and_left_out_by_the_others():
    facts = story_facts(story(A, B, C))
    tanker = by_text(facts, "Tanker")
    assert sorted(m.doc_id for m in tanker.mentions) == ["d0", "d1"] and tanker.omitted_by == ["d2"]
    port = by_text(facts, "sperrte")
    assert sorted(m.doc_id for m in port.mentions) == ["d1", "d2"] and port.omitted_by == ["d0"]
    injured = by_text(facts, "verletzt")
    assert [m.doc_id for m in injured.mentions] == ["d0"] and injured.omitted_by == ["d1", "d2"]


def test_mentions_are_exact_spans_of_their_article():
    texts = story(A, B, C)
    for f in story_facts(texts):
        for m in f.mentions:
            doc = next(t.article.text for t in texts if t.article.doc_id == m.doc_id)
            assert doc[m.start:m.end] == m.text


def test_an_article_gives_at_most_one_mention_per_fact():
    facts = story_facts(story(A + " " + A.replace("Mindestens", "Wohl"), B))
    for f in facts:
        docs = [m.doc_id for m in f.mentions]
        assert len(docs) == len(set(docs))


@pytest.mark.parametrize("context, kind, announced", [([], "event", False), (["future"], "event", True),
                                                      (["hypothetical"], "claim", False)])
def test_events_give_the_kind_and_announced_ones_are_marked(context, kind, announced):
    ev = {"kind": "event", "event": ["COERCE"], "context": context, "text_info": {"start": 0, "end": 40},
          "actor": [{"code": "XYZ"}], "recipient": [{"code": "XYZ"}], "date": "2025-05-01"}
    f = by_text(story_facts(story(C, records={"d0": [ev]})), "gesperrt")
    assert (f.kind, f.announced) == (kind, announced)
    if kind == "event":
        assert f.type == "COERCE" and "(announced)" in f.label if announced else "(announced)" not in f.label


def test_a_quote_names_whom_the_article_attributes_it_to():
    q = {"kind": "quote", "start": 0, "end": 20, "speaker": {"entity_text": "die Hafenmeisterin"}}
    f = by_text(story_facts(story(C, records={"d0": [q]})), "gesperrt")
    assert f.kind == "quote" and f.mentions[0].according_to == "die Hafenmeisterin"


def figure(doc_text, phrase, value, unit="persons", counts="Menschen"):
    start = doc_text.index(phrase)
    return {"kind": "quantity", "start": start, "end": start + len(phrase), "value": value, "unit": unit,
            "counts": counts}


def test_figures_of_different_values_are_different_facts():
    a = "Bei dem Unglück starben mindestens elf Menschen."
    b = "Bei dem Unglück starben mindestens zwölf Menschen."
    facts = story_facts(story(a, b, records={"d0": [figure(a, "elf Menschen", 11)],
                                             "d1": [figure(b, "zwölf Menschen", 12)]}))
    figures = sorted((f.label, [m.doc_id for m in f.mentions]) for f in facts if f.kind == "quantity")
    assert figures == [("11 Menschen", ["d0"]), ("12 Menschen", ["d1"])]


def test_a_higher_bar_aligns_less():
    loose = story_facts(story(A, B), FactSettings(align=0.05))
    strict = story_facts(story(A, B), FactSettings(align=0.99))
    assert len(strict) > len(loose)
