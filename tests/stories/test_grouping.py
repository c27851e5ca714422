from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.stories.grouping import Article, GroupingSettings, group_articles, story_id

# Sentences written for these tests. Two stories share their actors (Merz, Macron) but not
# the event; a third story shares neither; a distractor repeats a story's words weeks later.
SUMMIT = [
    ("Merz und Macron beraten in Paris über eine gemeinsame Luftverteidigung",
     "Bundeskanzler Merz ist zu Gesprächen über einen gemeinsamen Schutzschirm gegen Raketen nach Paris "
     "gereist. Macron empfing ihn im Élysée-Palast, beide sprachen über Abfangraketen und Radaranlagen."),
    ("Gipfel in Paris: Schutzschirm gegen Raketen",
     "Deutschland und Frankreich wollen einen gemeinsamen Schutzschirm gegen Raketen aufbauen. Bei dem "
     "Treffen im Élysée-Palast ging es um Abfangraketen, Radaranlagen und die Kosten."),
]
TARIFFS = [
    ("Merz wirft Macron Blockade bei Zöllen auf Elektroautos vor",
     "Im Streit über Zölle auf chinesische Elektroautos hat Merz dem französischen Präsidenten Macron "
     "eine Blockade im Handelsausschuss vorgeworfen. Die Autoindustrie fürchtet Gegenzölle."),
    ("Streit um Autozölle zwischen Berlin und Paris",
     "Die Autoindustrie warnt vor Gegenzöllen auf Elektroautos. Kanzler Merz sieht Frankreich als "
     "Bremser im Handelsausschuss."),
]
FLOOD = [
    ("Hochwasser an der Oder: Pegel steigen weiter",
     "An der Oder steigen die Pegel weiter, Deiche werden mit Sandsäcken verstärkt. In Frankfurt (Oder) "
     "wurden erste Straßen gesperrt."),
    ("Oder-Hochwasser: Sandsäcke gegen steigende Pegel",
     "Helfer verstärken die Deiche an der Oder mit Sandsäcken, weil die Pegel weiter steigen."),
]


def articles(pairs, prefix, day, names=()):
    return [Article(f"{prefix}{i}", day, title, text, f"https://example.org/{prefix}{i}", "example",
                    tuple(names), seq=i) for i, (title, text) in enumerate(pairs)]


def background(n=12):
    # ordinary other news of the same days, so that inverse document frequencies mean something
    topics = ["Bahnstreik", "Haushalt", "Fußball", "Wetter", "Börse", "Wahlen", "Klimagipfel", "Schule",
              "Gesundheit", "Mieten", "Rente", "Bundeswehr"]
    return [Article(f"bg{i}", date(2025, 3, 3), f"{t} im Blick", f"Meldung über {t} und andere Dinge des Tages "
                    f"in Deutschland, mit Stimmen aus Berlin.", seq=100 + i) for i, t in enumerate(topics[:n])]


def partition(g):
    return sorted(sorted(s.members) for s in g.stories.values() if len(s.members) > 1)


def test_stories_sharing_actors_but_not_the_event_stay_apart():
    day = date(2025, 3, 3)
    docs = (articles(SUMMIT, "s", day, ["merz", "macron"]) + articles(TARIFFS, "t", day, ["merz", "macron"])
            + articles(FLOOD, "f", day) + background())
    assert partition(group_articles(docs)) == [["f0", "f1"], ["s0", "s1"], ["t0", "t1"]]


def test_a_story_weeks_later_is_another_story():
    docs = articles(FLOOD, "f", date(2025, 3, 3)) + articles(FLOOD, "g", date(2025, 4, 20)) + background()
    assert partition(group_articles(docs)) == [["f0", "f1"], ["g0", "g1"]]


def test_story_ids_are_stable_as_articles_arrive():
    day = date(2025, 3, 3)
    first = articles(SUMMIT[:1], "s", day) + articles(FLOOD[:1], "f", day) + background()
    g1 = group_articles(first)
    later = articles(SUMMIT[1:], "x", date(2025, 3, 4)) + articles(FLOOD[1:], "y", date(2025, 3, 4))
    g2 = group_articles(first + later, assigned=dict(g1.story_of))
    assert g2.story_of["x0"] == g1.story_of["s0"] == story_id("s0")
    assert g2.story_of["y0"] == g1.story_of["f0"] == story_id("f0")


def test_one_weak_link_does_not_chain_a_second_topic():
    # the bridge shares words with the flood story and with the tariff story; the tariff
    # article after it must not join the flood story through it
    day = date(2025, 3, 3)
    bridge = Article("b", day, "Oder-Hochwasser trifft Autoindustrie",
                     "Wegen des Hochwassers an der Oder stehen Autowerke still; Zölle und Elektroautos "
                     "sind dort gerade zweitrangig.", seq=50)
    docs = articles(FLOOD, "f", day) + [bridge] + articles(TARIFFS, "t", date(2025, 3, 4)) + background()
    g = group_articles(docs)
    assert g.story_of["t0"] != g.story_of["f0"]


@pytest.mark.parametrize("window, together", [(0, False), (3, True)])
def test_time_window(window, together):
    docs = articles(FLOOD[:1], "f", date(2025, 3, 3)) + articles(FLOOD[1:], "g", date(2025, 3, 5)) + background()
    g = group_articles(docs, GroupingSettings(window_days=window))
    assert (g.story_of["f0"] == g.story_of["g0"]) is together


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(6)))
def test_grouping_does_not_depend_on_input_order(order):
    day = date(2025, 3, 3)
    docs = articles(SUMMIT, "s", day) + articles(TARIFFS, "t", day) + articles(FLOOD, "f", day)
    base = group_articles(docs + background()).story_of
    shuffled = [docs[i] for i in order] + background()
    assert group_articles(shuffled).story_of == base
