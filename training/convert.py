"""Convert the shared UD and GermEval corpora into spaCy DocBins outside the repository.

    python training/convert.py OUT_DIR

writes OUT_DIR/ud-{train,dev,test}.spacy and OUT_DIR/ner-{train,dev,test}.spacy (and
OUT_DIR/europarl-test.spacy, evaluation only). Docs are built from the corpus tokens, so the
models are trained on exactly the tokenisation our own tokenizer hands them (one token per
surface word, contractions kept whole).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from training.corpora import (NERSentence, UDSentence, germeval_sentences,  # noqa: E402
                              read_europarl, ud_sentences)


def ud_doc(vocab: Vocab, s: UDSentence) -> Doc:
    t = s.tokens
    return Doc(vocab, words=[x.form for x in t], spaces=[x.space_after for x in t],
               tags=[x.xpos for x in t], pos=[x.upos for x in t], morphs=[x.feats for x in t],
               lemmas=[x.lemma for x in t], heads=[x.head for x in t],
               deps=[x.deprel for x in t], sent_starts=[i == 0 for i in range(len(t))])


def ner_doc(vocab: Vocab, s: NERSentence) -> Doc:
    return Doc(vocab, words=s.words, ents=s.iob)


def write(path: Path, docs: list[Doc]) -> None:
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    print(f"{path}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="work directory (outside the repository)")
    out = ap.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("de").vocab
    for split in ("train", "dev", "test"):
        write(out / f"ud-{split}.spacy", [ud_doc(vocab, s) for s in ud_sentences(split)])
        write(out / f"ner-{split}.spacy", [ner_doc(vocab, s) for s in germeval_sentences(split)])
    write(out / "europarl-test.spacy", [ner_doc(vocab, s) for s in read_europarl("test")])


if __name__ == "__main__":
    main()
