"""Optional component: STTS tags, lemmas, morphology, dependencies and entities from the
small spaCy pipeline shipped in `lagebild/models/<lang>_core` (see training/README.md).

It needs the optional `spacy` package and loads the model from package data only (never a
hub). The model sees our own tokens sentence by sentence, so its output lines up 1:1 with
`doc.tokens`. `token.pos` gets the model's STTS tag (contextual: 92.7 % on held-out UD against
83 % for the cached, context-free HanTa lookup); `token.lemma` is filled only where it is
still empty, because HanTa's lemmas are better. The extras have no Token fields yet and go
to `doc.meta["spacy"]` as lists parallel to `doc.tokens`:

    upos, lemma (the model's own), morph (UD FEATS string, e.g. "Case=Dat|Number=Sing"),
    dep (UD relation, "ROOT" for the root), head (document token index; -1 = sentence not
    analysed), ner_spans (list of {"start", "end", "label", "sent", "tok_start", "tok_end"};
    labels PER, ORG, LOC, OTH), sentences (indices of the analysed sentences), model.

`select` lets a caller analyse only some sentences (e.g. those with a candidate event
trigger) to save time: the model costs 3-4.5 ms per sentence on one core, ~100x the cached
HanTa lookup.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, ClassVar

from lagebild.errors import PipelineError
from lagebild.model import Document, Sentence
from lagebild.pipeline import Resources
from lagebild.settings import Settings

SentenceFilter = Callable[[Document, Sentence], bool]
BATCH_SIZE = 256       # sentences per nlp.pipe batch: large enough to amortise, small in RAM


def model_path(lang: str) -> Path:
    """Folder of the shipped pipeline for `lang` (may not exist)."""
    return Path(str(importlib_resources.files("lagebild") / "models" / f"{lang}_core"))


def load_model(lang: str) -> Any:
    """spacy.load() the shipped model; PipelineError if spaCy or the model is missing."""
    path = model_path(lang)
    if not (path / "config.cfg").is_file():
        raise PipelineError(f"no shipped spaCy model for language '{lang}' ({path})")
    try:
        import spacy
    except ImportError as e:
        raise PipelineError("component 'spacy_tags' needs the optional package spacy "
                            "(pip install 'spacy>=3.8,<3.9')") from e
    return spacy.load(path)


class SpacyTagger:
    name: ClassVar[str] = "spacy_tags"
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("token.pos", "token.lemma", "token.morph", "token.dep",
                                          "token.head", "doc.ner_spans")

    def __init__(self, settings: Settings, resources: Resources, *,
                 select: SentenceFilter | None = None, disable: tuple[str, ...] = ()):
        self.settings = settings
        self.resources = resources
        self.select = select
        self.disable = disable      # spaCy pipe names to skip, e.g. ("ner",) saves ~1.5 ms/sentence

    def _nlp(self, lang: str) -> Any | None:
        if not model_path(lang).exists():
            return None
        return self.resources.get(f"spacy:{lang}_core", lambda: load_model(lang))

    def __call__(self, doc: Document) -> Document:
        lang = doc.lang or self.settings.lang or "de"
        nlp = self._nlp(lang)
        if nlp is None:
            doc.warnings.append(f"spacy_tags: no model for language '{lang}', skipped")
            return doc
        n = len(doc.tokens)
        meta = nlp.meta
        extras: dict[str, Any] = {
            "model": f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}",
            "upos": [""] * n, "lemma": [""] * n, "morph": [""] * n, "dep": [""] * n,
            "head": [-1] * n, "ner_spans": [], "sentences": []}
        chosen = [s for s in doc.sentences
                  if s.tok_end > s.tok_start and (self.select is None or self.select(doc, s))]
        sdocs = nlp.pipe(self._docs(nlp, doc, chosen), batch_size=BATCH_SIZE,
                         disable=[p for p in self.disable if p in nlp.pipe_names])
        for sent, sdoc in zip(chosen, sdocs):
            self._fill(doc, sent, sdoc, extras)
        doc.meta["spacy"] = extras
        return doc

    @staticmethod
    def _docs(nlp: Any, doc: Document, sents: Iterable[Sentence]) -> Iterable[Any]:
        from spacy.tokens import Doc
        for s in sents:
            toks = doc.sentence_tokens(s)
            # spaCy rejects empty words; our tokenizer never makes them, but be safe.
            yield Doc(nlp.vocab, words=[t.text or " " for t in toks],
                      spaces=[t.space_after for t in toks])

    @staticmethod
    def _fill(doc: Document, sent: Sentence, sdoc: Any, extras: dict[str, Any]) -> None:
        base = sent.tok_start
        parsed = sdoc.has_annotation("DEP")    # False when the parser is disabled
        for st in sdoc:
            t = doc.tokens[base + st.i]
            t.pos = st.tag_ or t.pos
            # HanTa's lemmas are better than ours (96 vs 93 % on held-out UD, see
            # benchmarks/tagger_compare.py): keep them when the "tags" component ran first.
            t.lemma = t.lemma or st.lemma_ or t.text
            extras["lemma"][base + st.i] = st.lemma_
            extras["upos"][base + st.i] = st.pos_
            extras["morph"][base + st.i] = str(st.morph)
            extras["dep"][base + st.i] = st.dep_
            extras["head"][base + st.i] = base + st.head.i if parsed else -1
        for ent in sdoc.ents:
            first, last = doc.tokens[base + ent.start], doc.tokens[base + ent.end - 1]
            extras["ner_spans"].append({"start": first.start, "end": last.end, "label": ent.label_,
                                        "sent": sent.index, "tok_start": base + ent.start,
                                        "tok_end": base + ent.end})
        extras["sentences"].append(sent.index)
