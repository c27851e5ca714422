"""Ordered pipeline components, spaCy style.

A component is a class with `name`, `requires` and `assigns` (attribute paths such as
"doc.sentences" or "token.lemma") and `__call__(doc) -> doc`. `Pipeline` checks, when it is
built, that every requirement is assigned by an earlier component, so a misconfigured pipeline
fails at start-up and not halfway through a corpus.

Heavy resources (tagger models, lexicon indexes) live in a `Resources` object owned by the
pipeline: loaded once per process, never in module globals.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Protocol

from lagebild.errors import PipelineError
from lagebild.model import Document
from lagebild.settings import Settings

PROVIDED = frozenset({"doc.text", "doc.id", "doc.published", "doc.title"})


class Component(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the operating system (glibc's `malloc_trim`; a
    no-op elsewhere). Loading parses YAML, gzip files and models into scratch objects that are
    freed at once, but glibc keeps the pages, so a process held ~10 MB it did not use after
    start-up."""
    import ctypes
    import sys
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):   # not glibc (musl has no malloc_trim)
        return
    trim(0)


@dataclass
class Resources:
    """Per-process cache of loaded language data and models, keyed by name."""
    settings: Settings
    _cache: dict[str, Any] = field(default_factory=dict)
    _loading: int = 0      # loaders running (a loader may get other resources)

    def get(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._loading += 1
            try:
                self._cache[key] = loader()
            finally:
                self._loading -= 1
            if not self._loading:
                release_free_memory()   # the loader's scratch memory, once per outermost load
        return self._cache[key]

    def language(self, code: str):
        from lagebild.lang import load_language
        return self.get(f"lang:{code}", lambda: load_language(code))

    def ontology(self):
        """The PLOVER ontology and event policy (data/plover.yaml), loaded once per process."""
        from lagebild.ontology import load_ontology
        return self.get("ontology", load_ontology)

    def syntax(self, code: str):
        """A language's grammar data compiled for the syntax layer, shared by the components."""
        from lagebild.syntax import SyntaxGrammar
        return self.get(f"syntax:{code}", lambda: SyntaxGrammar.build(self.language(code).entries("grammar")))


# Registered components: name -> "module:Class". Imported on demand, so `import lagebild`
# stays cheap and tests can build documents by hand without loading any model.
REGISTRY: dict[str, str] = {
    "language": "lagebild.components.language:LanguageIdentifier",
    "tokens": "lagebild.components.tokens:Tokenizer",
    "tags": "lagebild.components.tags:Tagger",
    "actors": "lagebild.components.actors:ActorRecognizer",
    "discourse": "lagebild.discourse.component:DiscourseResolver",
    "time": "lagebild.components.time:TimeExtractor",
    "quantities": "lagebild.components.quantities:QuantityExtractor",
    "quotes": "lagebild.components.quotes:QuoteExtractor",
    "events": "lagebild.components.events:EventCoderComponent",
    "places": "lagebild.components.places:PlaceLocator",
    # optional: contextual STTS, Case, dependencies and NER from the shipped spaCy model
    # (pip install lagebild[spacy]); not in the default pipeline, see training/README.md
    "spacy_tags": "lagebild.components.spacy_tags:SpacyTagger",
}


def component_class(name: str):
    import importlib
    if name not in REGISTRY:
        raise PipelineError(f"unknown pipeline component '{name}'; known: {', '.join(REGISTRY)}")
    module, cls = REGISTRY[name].split(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError) as e:
        raise PipelineError(f"pipeline component '{name}' cannot be loaded: {e}") from None


class Pipeline:
    def __init__(self, settings: Settings | None = None, components: Iterable[Component] | None = None):
        self.settings = settings or Settings()
        self.resources = Resources(self.settings)
        if components is None:
            components = [component_class(n)(self.settings, self.resources)
                          for n in self.settings.components]
        self.components: list[Component] = list(components)
        # Wall time per component, and CPU time (process time): on a shared machine wall time
        # measures the load as much as the code, CPU time only the code.
        self.timings: dict[str, float] = {c.name: 0.0 for c in self.components}
        self.cpu_timings: dict[str, float] = {c.name: 0.0 for c in self.components}
        self.check()

    def check(self) -> None:
        """Raise PipelineError if a component requires what no earlier component assigns."""
        have = set(PROVIDED)
        for c in self.components:
            missing = [r for r in c.requires if r not in have]
            if missing:
                raise PipelineError(f"component '{c.name}' requires {', '.join(missing)}, "
                                    "which no earlier component assigns")
            have.update(c.assigns)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Document) -> Document:
        for c in self.components:
            t, p = time.perf_counter(), time.process_time()
            doc = c(doc)
            self.timings[c.name] += time.perf_counter() - t
            self.cpu_timings[c.name] += time.process_time() - p
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            yield self(d)
