"""Pipeline component: quantities (money, casualties, percentages, troops, distances ...).

The language-independent finder lives in `lagebild.numbers`; this component runs it sentence by
sentence with the document language's `numbers` data. See `lagebild.numbers.find` for what counts
as a quantity and how values, units and qualifiers are chosen.
"""
from __future__ import annotations

from typing import ClassVar

from lagebild.model import Document, Quantity
from lagebild.numbers.data import NumberData, compile_number_data
from lagebild.numbers.find import find_quantities
from lagebild.pipeline import Resources
from lagebild.settings import Settings


class QuantityExtractor:
    name: ClassVar[str] = "quantities"
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("doc.quantities",)

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def data(self, lang: str) -> NumberData:
        """Compiled number data of a language, built once per Resources."""
        return self.resources.get(
            f"numbers:{lang}",
            lambda: compile_number_data(self.resources.language(lang).entries("numbers")))

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or self.settings.lang
        if not lang:
            doc.warnings.append("quantities: no document language, no quantities extracted")
            return doc
        data = self.data(lang)
        # Without sentences (a hand-built document) the whole text is one span with sent=-1.
        spans = [(s.index, s.start, s.end) for s in doc.sentences] or [(-1, 0, len(doc.text))]
        for index, start, end in spans:
            for m in find_quantities(doc.text, data, start, end):
                doc.quantities.append(Quantity(text=m.text, start=m.start, end=m.end, value=m.value,
                                               unit=m.unit, counts=m.counts, sent=index))
        return doc
