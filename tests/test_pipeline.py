from typing import ClassVar

import pytest

from lagebild.errors import PipelineError
from lagebild.model import Document
from lagebild.pipeline import REGISTRY, Pipeline, component_class
from lagebild.settings import Settings


class _Needs:
    name: ClassVar[str] = "needs"
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("doc.events",)

    def __call__(self, doc):
        return doc


class _Gives:
    name: ClassVar[str] = "gives"
    requires: ClassVar[tuple[str, ...]] = ("doc.text",)
    assigns: ClassVar[tuple[str, ...]] = ("doc.sentences",)

    def __call__(self, doc):
        doc.meta["gives"] = True
        return doc


def test_unmet_requirement_fails_when_built():
    with pytest.raises(PipelineError, match="requires doc.sentences"):
        Pipeline(components=[_Needs()])


def test_order_is_checked_and_run():
    p = Pipeline(components=[_Gives(), _Needs()])
    doc = p(Document(text="x"))
    assert doc.meta["gives"] and p.names == ["gives", "needs"]


def test_unknown_component_is_a_clear_error():
    with pytest.raises(PipelineError, match="unknown pipeline component 'nope'"):
        Pipeline(Settings(components=("nope",)))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_registered_component_declares_its_contract(name):
    try:
        cls = component_class(name)
    except PipelineError:
        pytest.skip(f"{name} not built yet")
    assert cls.name == name
    assert isinstance(cls.requires, tuple) and isinstance(cls.assigns, tuple) and cls.assigns


def test_default_pipeline_is_consistent():
    Pipeline(Settings()).check()


def test_public_api_open(tmp_path):
    import lagebild
    with lagebild.open(str(tmp_path / "s.duckdb")) as st:
        assert st.stats() is not None


@pytest.mark.parametrize("missing", ["time", "quotes", "discourse"])
def test_events_refuse_to_build_without_their_inputs(missing):
    # events read dates from `time` and reporters from `quotes`: leaving one out must fail at
    # build time, not date every event to the publication day in silence
    names = tuple(n for n in ("language", "tokens", "tags", "actors", "discourse", "time", "quotes", "events")
                  if n != missing)
    with pytest.raises(PipelineError, match="requires"):
        Pipeline(Settings(lang="de", check_language=False, components=names))


def test_library_entry_points_apply_max_chars():
    from lagebild.analysis import analyze_text
    doc = analyze_text("Wort " * 50, Settings(lang="de", check_language=False, max_chars=40,
                                             components=("language", "tokens")))
    assert len(doc.text) == 40 and any("truncated" in w for w in doc.warnings)
