"""Join the UD pipeline and the NER pipeline into the one model we ship.

    python training/assemble.py UD_MODEL NER_MODEL OUT_DIR

The NER component carries its own tok2vec (see training/ner.cfg), so it can be sourced into
the UD pipeline unchanged. The result loads with `spacy.load(OUT_DIR)`.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

META = {
    "name": "core",
    "version": "0.1.0",
    "description": "German STTS tags, UPOS + morphology (Case), lemmas, UD dependencies and "
                   "PER/ORG/LOC/OTH entities for lagebild; trained from scratch, no vectors.",
    "author": "lagebild",
    "license": "CC BY-SA 4.0 (derived from UD German GSD/PUD, CC BY-SA 4.0, and GermEval 2014, CC BY 4.0)",
    "sources": [
        {"name": "UD German GSD (dev+test)", "license": "CC BY-SA 4.0",
         "url": "https://universaldependencies.org/treebanks/de_gsd/"},
        {"name": "UD German PUD", "license": "CC BY-SA 4.0",
         "url": "https://universaldependencies.org/treebanks/de_pud/"},
        {"name": "GermEval 2014 NER (dev + part of test)", "license": "CC BY 4.0",
         "author": "Benikova, Biemann, Reznicek"},
    ],
}


def assemble(ud_path: Path, ner_path: Path, out: Path) -> None:
    nlp = spacy.load(ud_path)
    ner_nlp = spacy.load(ner_path)
    nlp.add_pipe("ner", source=ner_nlp)
    nlp.meta.update(META)
    nlp.meta.pop("performance", None)   # scores of the parts on their dev sets would mislead
    if out.exists():
        shutil.rmtree(out / "tmp", ignore_errors=True)
        for name in nlp.pipe_names + ["vocab", "tokenizer", "meta.json", "config.cfg"]:
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    nlp.to_disk(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ud", type=Path)
    ap.add_argument("ner", type=Path)
    ap.add_argument("out", type=Path)
    a = ap.parse_args(argv)
    assemble(a.ud, a.ner, a.out)
    print(f"saved {a.out}")


if __name__ == "__main__":
    main()
