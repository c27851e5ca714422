"""Fixtures of the geo tests that analyse made-up stories end to end."""
from __future__ import annotations

from datetime import date

import pytest

from lagebild.model import Document


@pytest.fixture(scope="module")
def run(full_pipeline):
    """A German story through the whole pipeline, published on a fixed day."""
    def analyse(text: str) -> Document:
        return full_pipeline(Document(text=text, lang="de", published=date(2024, 5, 17)))
    return analyse


@pytest.fixture(scope="module")
def place_tools(full_pipeline):
    """The German (resolver, attacher) of the full pipeline's places component."""
    from lagebild.components.places import PlaceLocator
    locator = next(c for c in full_pipeline.components if isinstance(c, PlaceLocator))
    return locator._tools("de")


@pytest.fixture
def place_of():
    """(place as written, country) of the first event of a type, or None without a place."""
    def find(doc: Document, etype: str) -> tuple[str, str] | None:
        ev = next(e for e in doc.events if e.event[0] == etype)
        return (ev.location.extracted_place, ev.location.country_code) if ev.location else None
    return find
