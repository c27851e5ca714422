"""A fast stand-in for the analysis pipeline, for store tests (no models to load).

It codes a made-up notation, so tests can write their own tiny articles:
    "FRA CONSULT DEU about trade."      -> entities FRA, DEU; event CONSULT FRA -> DEU
    "CHN/GOV ACCUSE USA."               -> actor code CHN, sector GOV
    'FRA said "we agree".'              -> a direct quote by FRA
    FAILME                              -> the document cannot be analysed (LanguageError)
    CRASHME                             -> a bug in a component (RuntimeError)
    SLOWME                              -> takes 5 s (past a small --time-budget)
LAGEBILD_FAKE_DELAY (seconds) slows each document down, for crash tests that kill on a timer.
LAGEBILD_FAKE_KILL=WORD: a document containing WORD kills the process analysing it (SIGKILL).
LAGEBILD_FAKE_PAD=N: each document gets a warning of N characters, so results are large (far
beyond a pipe buffer) while analysis stays cheap: worker kills then land mid-write.
"""
from __future__ import annotations

import os
import re
import signal
import time
from typing import ClassVar

from lagebild.errors import LanguageError
from lagebild.model import Document, Entity, Event, Quote, Sentence
from lagebild.pipeline import Pipeline
from lagebild.settings import Settings

QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 4, "PROTEST": 4,
        "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
SCALE = {1: 3.0, 2: 6.0, 3: -4.0, 4: -8.0}
SENT = re.compile(r"[^.!?]+[.!?]?")
PARTY = re.compile(r"\b([A-Z]{3})(?:/([A-Z]{3}))?\b")
QUOTE = re.compile(r'"([^"]+)"')


class FakeCoder:
    name: ClassVar[str] = "fake"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("doc.lang", "doc.sentences", "doc.entities", "doc.events", "doc.quotes")

    def __init__(self, settings: Settings):
        self.settings = settings
        self.delay = float(os.environ.get("LAGEBILD_FAKE_DELAY") or 0)
        self.kill_word = os.environ.get("LAGEBILD_FAKE_KILL") or None
        self.pad = int(os.environ.get("LAGEBILD_FAKE_PAD") or 0)

    def __call__(self, doc: Document) -> Document:
        if self.delay:
            time.sleep(self.delay)
        if self.kill_word and self.kill_word in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "FAILME" in doc.text:
            raise LanguageError("text is in no supported language")
        if "CRASHME" in doc.text:
            raise RuntimeError("component bug")
        if "SLOWME" in doc.text:
            time.sleep(5)
        doc.lang = self.settings.lang or "de"
        if self.pad:
            doc.warnings.append("padding " + "x" * self.pad)
        for i, m in enumerate(SENT.finditer(doc.text)):
            if not m.group().strip():
                continue
            sent = Sentence(len(doc.sentences), m.start(), m.end(), 0, 0)
            doc.sentences.append(sent)
            self._sentence(doc, sent, m.group())
        return doc

    def _sentence(self, doc: Document, sent: Sentence, text: str) -> None:
        ents = []
        for m in PARTY.finditer(text):
            if m.group(1) in QUAD or m.group(0) in QUAD:
                continue
            e = Entity(m.group(0), sent.start + m.start(), sent.start + m.end(), "GPE", sent.index,
                       code=m.group(1), sector=m.group(2), identifier_text=f"Country {m.group(1)}")
            ents.append(e)
            doc.entities.append(e)
        for m in re.finditer(r"\b(" + "|".join(QUAD) + r")\b", text):
            start = sent.start + m.start()
            before = [e for e in ents if e.end <= start]
            after = [e for e in ents if e.start >= start + len(m.group())]
            quad = QUAD[m.group(1)]
            doc.events.append(Event(
                event=[m.group(1)], mode=None, context=[], actor=before[-1:], recipient=after[:1],
                event_text=text.strip(), sent=sent.index, start=sent.start, end=sent.end,
                date=doc.published.isoformat() if doc.published else None, quad_code=quad,
                event_scale=SCALE[quad], goldstein=SCALE[quad] / 2, cameo="040", confidence=0.9,
                trigger=m.group(1)))
        for m in QUOTE.finditer(text):
            doc.quotes.append(Quote(m.group(1), sent.start + m.start(1), sent.start + m.end(1), "direct",
                                    sent.index, speaker=ents[0] if ents else None))


def make_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings()
    return Pipeline(settings, components=[FakeCoder(settings)])


# --- hand-made records (the event coder is not there yet) ---------------------------------------
def party(code: str | None, sector: str | None = None, text: str | None = None, start: int = 0) -> dict:
    text = text or f"{code or 'someone'}"
    return {"entity_text": text, "start": start, "end": start + len(text), "code": code, "sector": sector,
            "identifier_text": None, "identifier_id": None}


def event_record(doc_id: str, types: list[str], actor: dict | None, recipient: dict | None,
                 date: str | None, quad: int | None = None, scale: float | None = None,
                 sentence: int = 0, start: int = 0, end: int = 10, source: str | None = None,
                 url: str | None = None, **extra) -> dict:
    rec = {
        "kind": "event", "doc_id": doc_id, "id": f"{doc_id}-{sentence}-{start}",
        "date": date, "event": types, "mode": None, "context": [],
        "actor": [actor] if actor else [], "recipient": [recipient] if recipient else [],
        "event_text": "made-up event text", "text_info": {"sequence": sentence, "start": start, "end": end},
        "quad_code": quad, "event_scale": scale, "cameo": None, "goldstein": None, "confidence": 0.8,
        "reported_by": None, "trigger": "", "mentions": [], "source": source, "url": url, "published": date,
    }
    rec.update(extra)
    return rec


def analyzed(doc_id: str, text: str, records: list[dict] | None = None, published: str | None = None,
             url: str | None = None, source: str | None = None, version: str = "0.1.0"):
    """An `Analyzed` result made by hand, with its document record first."""
    from datetime import date as _date

    from lagebild.model import content_hash
    from lagebild.store.analyzed import Analyzed
    from lagebild.store.minhash import MinHasher
    doc_rec = {"kind": "document", "doc_id": doc_id, "title": None, "published": published, "url": url,
               "source": source, "lang": "de", "sentences": 1, "chars": len(text), "warnings": [],
               "schema_version": 1}
    return Analyzed(doc_id=doc_id, text=text, content_hash=content_hash(text), pipeline_version=version,
                    minhash=MinHasher().signature(text), records=[doc_rec] + list(records or []),
                    published=_date.fromisoformat(published) if published else None, url=url, source=source,
                    lang="de", origin=f"test:{doc_id}")


def write_jsonl(path, rows: list):
    import json
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in rows), encoding="utf-8")
    return path
