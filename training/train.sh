#!/usr/bin/env bash
# Train the German spaCy pipeline shipped as src/lagebild/models/de_core (see training/README.md).
#
#   bash training/train.sh [WORK_DIR]      # default WORK_DIR=/tmp/lagebild-train
#
# Everything derived from the corpora (DocBins, checkpoints) stays in WORK_DIR, outside the
# repository; only the assembled model is copied into the package. One CPU core, ~35 min.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-/tmp/lagebild-train}"
PY="${PYTHON:-$REPO/.venv/bin/python}"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

mkdir -p "$WORK"
"$PY" "$REPO/training/convert.py" "$WORK/corpus"
nice -n 10 "$PY" -m spacy train "$REPO/training/ud.cfg" --output "$WORK/ud" \
    --paths.train "$WORK/corpus/ud-train.spacy" --paths.dev "$WORK/corpus/ud-dev.spacy"
nice -n 10 "$PY" -m spacy train "$REPO/training/ner.cfg" --output "$WORK/ner" \
    --paths.train "$WORK/corpus/ner-train.spacy" --paths.dev "$WORK/corpus/ner-dev.spacy"
"$PY" "$REPO/training/assemble.py" "$WORK/ud/model-best" "$WORK/ner/model-best" \
    "$REPO/src/lagebild/models/de_core"
