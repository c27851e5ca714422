import pytest

from lagebild.errors import LanguageError
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import SUPPORTED_LANGUAGES, Settings

DE = "Die Bundesregierung hat am Mittwoch neue Hilfen für die Ukraine beschlossen, teilte ein Sprecher mit."
EN = "The government announced on Wednesday that it would send further aid to Ukraine, a spokesman said."
FR = "Le gouvernement a annoncé mercredi qu'il enverrait une aide supplémentaire à l'Ukraine, a déclaré un porte-parole."


def run(text, **kw):
    p = Pipeline(Settings(components=("language",), **kw))
    return p(Document(text=text))


@pytest.mark.parametrize("text,lang", [(DE, "de"), (EN, "en")])
def test_detects_supported_languages(text, lang):
    assert run(text).lang == lang


@pytest.mark.parametrize("text,forced", [(EN, "de"), (FR, "de"), (DE, "en")])
def test_forced_language_that_does_not_fit_is_refused(text, forced):
    with pytest.raises(LanguageError, match="looks"):
        run(text, lang=forced)


def test_unsupported_language_is_refused():
    with pytest.raises(LanguageError, match="French"):
        run(FR)


def test_check_can_be_switched_off():
    assert run(EN, lang="de", check_language=False).lang == "de"


@pytest.fixture(scope="module")
def detector():
    from lagebild.components.language import LanguageDetector
    return LanguageDetector()


@pytest.mark.parametrize("text,lang", [(DE, "de"), (EN, "en"), (FR, "fr")])
def test_low_accuracy_decides_clear_texts_alone(detector, text, lang):
    before = detector.fallbacks
    assert detector.detect(text)[0] == lang
    assert detector.fallbacks == before


@pytest.mark.parametrize("text", ["Ein Tag in Rom", "Partner und Manager", "Alles okay in Hamburg?",
                                  "Der Regisseur Tom Berger ist tot."])
def test_unsure_texts_are_decided_by_marker_words(detector, text):
    """Short texts leave low accuracy unsure; our languages' marker words then decide between
    its two best candidates, without loading any further lingua model."""
    from lagebild.components.language import FALLBACK_CANDIDATES, _ISO, marker_decision, marker_words
    before = detector.fallbacks
    found, conf = detector.detect(text)
    assert detector.fallbacks == before + 1
    ranked = [(_ISO[v.language.name], v.value)
              for v in detector._low.compute_language_confidence_values(text)[:FALLBACK_CANDIDATES]]
    assert marker_decision(marker_words(), text, ranked) == (found, pytest.approx(conf))
    assert found == "de" and found in {code for code, _ in ranked}


@pytest.mark.parametrize("text", ["Le chat est là-bas.", "De minister is in Den Haag.",
                                  "O presidente visitou Lisboa.", "Un jour à Berlin avec Max"])
def test_unsure_foreign_texts_stay_refused(detector, text):
    """Without marker words of ours, low accuracy's unsure lean to German or English is not
    taken: the language we do not support among its two best wins, and is refused."""
    before = detector.fallbacks
    assert detector.detect(text)[0] not in SUPPORTED_LANGUAGES
    assert detector.fallbacks == before + 1


# made-up languages xa and xb; "su" is also a word of language zz, "ne" of xa and xb alike
MARKERS = {"xa": {"ka": frozenset(), "lo": frozenset(), "ne": frozenset({"xb"})},
           "xb": {"mi": frozenset(), "su": frozenset({"zz"}), "ne": frozenset({"xa"})}}


@pytest.mark.parametrize("text,ranked,expected", [
    # the second candidate's markers overturn low accuracy's lean
    ("ka lo pel", [("zz", 0.8), ("xa", 0.2)], ("xa", 1.0)),
    # the side with more markers wins; confidence is its share of the markers found
    ("ka lo mi tor", [("xb", 0.6), ("xa", 0.4)], ("xa", 2 / 3)),
    # as many for each: low accuracy's best stands
    ("ka mi", [("xb", 0.6), ("xa", 0.4)], ("xb", 0.6)),
    # no markers, two languages with data: low accuracy's best stands
    ("pel tor", [("xb", 0.6), ("xa", 0.4)], ("xb", 0.6)),
    # no markers: a language without data (one we do not support) is preferred
    ("pel tor", [("xa", 0.7), ("zz", 0.1)], ("zz", 0.1)),
    ("pel tor", [("zz", 0.7), ("yy", 0.2)], ("zz", 0.7)),
    # a marker shared with the other candidate is no evidence against it
    ("su pel", [("zz", 0.7), ("xb", 0.3)], ("zz", 0.7)),
    ("su pel", [("xa", 0.7), ("xb", 0.3)], ("xb", 1.0)),
    ("ne ne pel", [("xb", 0.7), ("xa", 0.3)], ("xb", 0.7)),
    # words are compared in lower case, whole words only
    ("KA Lo kalo", [("zz", 0.9), ("xa", 0.1)], ("xa", 1.0)),
])
def test_marker_decision(text, ranked, expected):
    from lagebild.components.language import marker_decision
    found, conf = marker_decision(MARKERS, text, ranked)
    assert found == expected[0] and conf == pytest.approx(expected[1])


def test_marker_words_shared_by_our_languages_say_so_in_both():
    """A marker is evidence for its language against every candidate it does not name, so a
    word two of our languages list must name the other in both."""
    from lagebild.components.language import _ISO, marker_words
    markers = marker_words()
    assert set(markers) == set(SUPPORTED_LANGUAGES)
    for a, words in markers.items():
        assert all(shared <= set(_ISO.values()) - {a} for shared in words.values())
        for b in markers:
            for w in set(words) & set(markers[b]) if a != b else ():
                assert b in words[w] and a in markers[b][w], (a, b, w)
