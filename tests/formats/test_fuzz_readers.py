"""Fuzzing the readers: generated and mutated inputs of every kind (txt, html, json, jsonl,
csv, tsv, warc, and gzip'd) never raise; every item is a Document or a Problem."""
from __future__ import annotations

import gzip
import io
import json
import random
import tempfile
from pathlib import Path

from fuzzing import BYTE_MUTATIONS, base_text, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.formats.readers import Problem, ReadOptions, read_path
from lagebild.model import Document

KINDS = [".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".warc", ".txt.gz", ".jsonl.gz", ".warc.gz"]


def well_formed(kind: str, rng: random.Random) -> bytes:
    """A valid input of `kind` around a mutated text (to be mutated again as bytes)."""
    text = mutate(rng).decode("utf-8", errors="replace")
    base = kind.removesuffix(".gz")
    if base == ".html":
        raw = f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()
    elif base == ".json":
        raw = json.dumps({"text": text, "published": "2024-02-10"}).encode()
    elif base == ".jsonl":
        raw = "\n".join(json.dumps({"text": text, "id": str(i)}) for i in range(3)).encode()
    elif base in (".csv", ".tsv"):
        sep = "," if base == ".csv" else "\t"
        raw = f"id{sep}text\n1{sep}\"{text}\"\n".encode()
    elif base == ".warc":
        raw = _warc(text)
    else:
        raw = text.encode("utf-8", errors="replace")
    return gzip.compress(raw) if kind.endswith(".gz") and base != ".warc" else raw


def _warc(text: str) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    out = io.BytesIO()
    w = WARCWriter(out, gzip=True)
    html = f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8", errors="replace")
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
    w.write_record(w.create_warc_record("https://example.org/a", "response", payload=io.BytesIO(html),
                                        http_headers=headers))
    return out.getvalue()


def check(kind: str, raw: bytes) -> list:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"input{kind}"
        p.write_bytes(raw)
        items = list(read_path(p, ReadOptions(max_chars=50_000)))
    assert items, "an input that yields nothing at all would vanish silently"
    for item in items:
        assert isinstance(item, (Document, Problem))
        if isinstance(item, Document):
            assert item.text.strip() and "\x00" not in item.text and len(item.text) <= 50_000
    return items


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 2**32 - 1), mutate_bytes=st.booleans())
def test_mutated_inputs_never_raise(kind, seed, mutate_bytes):
    rng = random.Random(seed)
    raw = well_formed(kind, rng)
    if mutate_bytes:
        raw = rng.choice(BYTE_MUTATIONS)(raw.decode("latin-1"), rng)   # bytes as text, mutated, back
    check(kind, raw)


@settings(max_examples=100, deadline=None)
@given(kind=st.sampled_from(KINDS), raw=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(kind, raw):
    check(kind, raw)


def test_a_mutated_text_is_still_read():
    rng = random.Random(15)
    items = check(".txt", base_text(rng).encode("utf-16"))
    assert isinstance(items[0], Document)
