import pytest

from lagebild.errors import LanguageError
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings

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


@pytest.mark.parametrize("text", ["Ein Tag in Rom", "Partner und Manager", "Alles okay in Hamburg?"])
def test_unsure_texts_go_to_high_accuracy_between_two_candidates(detector, text):
    """Short texts leave low accuracy unsure; high accuracy then decides between its two best
    candidates (here German and another), loading those two languages' models only."""
    from lingua import LanguageDetectorBuilder

    from lagebild.components.language import FALLBACK_CANDIDATES, _ISO, lingua_decision
    before = detector.fallbacks
    found, conf = detector.detect(text)
    assert detector.fallbacks == before + 1
    ranked = detector._low.compute_language_confidence_values(text)[:FALLBACK_CANDIDATES]
    pair = LanguageDetectorBuilder.from_languages(*[v.language for v in ranked]).build()
    ref_found, ref_conf = lingua_decision(pair, text)
    assert found == ref_found and conf == pytest.approx(ref_conf)
    assert found == "de" and found in {_ISO[v.language.name] for v in ranked}
