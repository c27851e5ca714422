from lagebild.compare import compare_sources, event_key


def ev(doc, source, etype, actor, recipient, date, context=()):
    return {"kind": "event", "doc_id": doc, "source": source, "event": [etype], "date": date,
            "actor": [{"code": actor}], "recipient": [{"code": recipient}], "context": list(context)}


def test_story_lists_what_each_source_leaves_out():
    recs = [
        ev("a", "Kreml", "CONSULT", "RUS", "CHN", "2024-02-09"),
        ev("a", "Kreml", "ACCUSE", "RUS", "UKR", "2024-02-09"),
        ev("b", "Xinhua", "CONSULT", "CHN", "RUS", "2024-02-09"),    # same call, other direction
        ev("c", "Other", "ASSAULT", "ISR", "PSE", "2024-02-09"),      # unrelated story
    ]
    [story] = compare_sources(recs)
    assert story.sources == ["Kreml", "Xinhua"]
    rows = {e.label: e for e in story.events}
    assert rows["CONSULT CHN → RUS"].omitted_by == set()
    assert rows["ACCUSE RUS → UKR"].omitted_by == {"Xinhua"}


def test_unasserted_events_do_not_link_stories():
    recs = [ev("a", "A", "ASSAULT", "ISR", "PSE", "2024-01-01", ["hypothetical"]),
            ev("b", "B", "ASSAULT", "ISR", "PSE", "2024-01-01")]
    assert compare_sources(recs) == []


def test_dates_far_apart_are_different_events():
    recs = [ev("a", "A", "CONSULT", "CHN", "RUS", "2024-02-09"), ev("b", "B", "CONSULT", "CHN", "RUS", "2024-05-01")]
    assert compare_sources(recs) == []


def test_symmetric_key():
    assert event_key(ev("a", "A", "CONSULT", "CHN", "RUS", None)) == event_key(ev("b", "B", "CONSULT", "RUS", "CHN", None))
    assert event_key(ev("a", "A", "ACCUSE", "CHN", "RUS", None)) != event_key(ev("b", "B", "ACCUSE", "RUS", "CHN", None))
