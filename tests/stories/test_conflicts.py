import pytest

from lagebild.lang import load_language
from lagebild.stories.conflicts import FigureClasses, story_conflicts
from lagebild.stories.facts import Fact, Mention

DE = FigureClasses.from_entries(load_language("de").entries("stories"))


def fig(doc, words, at, value, unit="persons"):
    m = Mention(doc, 0, 5, " ".join(words[at[0]:at[1]]), value=value, unit=unit, context=tuple(words), figure_at=at)
    return Fact("quantity", None, f"{value:g}", [m], key=(unit, float(value)))


@pytest.mark.parametrize("words, at, cls", [
    (("mindestens", "elf", "menschen", "getötet"), (1, 3), "dead"),
    (("mit", "16", "toten"), (1, 3), "dead"),
    (("29", "menschen", "wurden", "verletzt", "und", "zwei", "getötet"), (0, 2), "injured"),   # the nearer word
    (("mehr", "als", "200", "menschen", "kamen", "ums", "leben"), (2, 4), "dead"),
    (("200", "menschen", "demonstrierten"), (0, 2), None),
])
def test_what_a_figure_counts(words, at, cls):
    assert DE.of(words, at) == cls


def test_different_death_tolls_in_different_articles_conflict():
    facts = [fig("a", ("elf", "menschen", "getötet"), (0, 2), 11), fig("b", ("mit", "16", "toten"), (1, 3), 16),
             fig("b", ("29", "verletzte"), (0, 2), 29)]
    [c] = story_conflicts(facts, DE)
    assert c["kind"] == "figure" and [v["value"] for v in c["versions"]] == ["11", "16"]
    assert [v["doc_ids"] for v in c["versions"]] == [["a"], ["b"]]


@pytest.mark.parametrize("facts", [
    # one article gives both figures (an update, or two counts): not two versions
    [fig("a", ("elf", "getötet"), (0, 1), 11), fig("a", ("zwölf", "getötet"), (0, 1), 12)],
    # different things counted
    [fig("a", ("elf", "getötet"), (0, 1), 11), fig("b", ("zwölf", "verletzt"), (0, 1), 12)],
    # different units
    [fig("a", ("elf", "getötet"), (0, 1), 11), fig("b", ("zwölf", "getötet"), (0, 1), 12, unit="km")],
])
def test_no_conflict(facts):
    assert story_conflicts(facts, DE) == []


def test_different_dates_and_sources_of_one_fact_conflict():
    ms = [Mention("a", 0, 4, "Text", according_to="Polizei", date="2025-05-01"),
          Mention("b", 0, 4, "Text", according_to="Armee", date="2025-05-02")]
    kinds = sorted(c["kind"] for c in story_conflicts([Fact("event", "ASSAULT", "x", ms)], DE))
    assert kinds == ["date", "source"]
