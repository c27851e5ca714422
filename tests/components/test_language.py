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
