"""Readers: turn files, directories, JSON Lines, CSV/TSV, WARC and stdin into Documents.

Every reader yields `Document` or `Problem` items, never raises for one bad record: a bad
line in a million-line file must not abort the run, and must not vanish either (the caller
counts and reports every Problem). Whole-input failures (no such file) raise InputError.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from lagebild.errors import InputError
from lagebild.formats.decoding import Decoded, decode, decode_or_problem
from lagebild.model import Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = {".csv", ".tsv"}
WARC_SUFFIXES = {".warc"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES | WARC_SUFFIXES
BINARY_SNIFF = 8192
MIN_HTML_TEXT = 40   # characters of main text below which an HTML page counts as empty


@dataclass(frozen=True, slots=True)
class Problem:
    """One input item that could not be read: where, and why (one line)."""
    source: str
    line: int | None
    reason: str
    doc_id: str | None = None     # when the reader got as far as a document (an analysis failure)

    @property
    def where(self) -> str:
        """file[:line], as a stored document's `origin`."""
        return f"{self.source}:{self.line}" if self.line else self.source

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def reason_class(reason: str) -> str:
    """Problems grouped for summaries: the reason without its particulars."""
    return reason.split(" (")[0].split(";")[0].split(": ")[0].strip()


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Names of the record fields (configurable for JSON Lines and CSV inputs)."""
    text: str = "text"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    source: str = "source"
    id: str = "id"
    # Fallbacks tried when the main name is absent (common in scraped corpora).
    text_alt: tuple[str, ...] = ("content", "body", "article")
    published_alt: tuple[str, ...] = ("date", "gathered_date", "published_at", "pubdate")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    fields: FieldMap = field(default_factory=FieldMap)
    published: date | None = None     # default publication date (e.g. --published)
    source: str | None = None         # default source name (--source)
    max_chars: int = 200_000          # longer texts are truncated, with a warning on the doc
    delimiter: str | None = None      # CSV delimiter; None = by suffix
    quotechar: str = '"'              # CSV quote character
    columns: tuple[str, ...] | None = None  # CSV column names for files without a header line


Item = Document | Problem


def parse_date(value: Any) -> date | None:
    """Lenient ISO date parsing: '2025-12-02', '2025-12-02T10:00:00Z', datetime objects."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def decode_text(raw: bytes, source: str) -> Decoded:
    """Text and decoding warnings (see formats/decoding.py), or an InputError naming the source."""
    return decode_or_problem(raw, source)


def _warned(items: Iterator[Item], warnings: list[str]) -> Iterator[Item]:
    """Items of one decoded file, each document carrying what its decoding had to guess."""
    for item in items:
        if warnings and isinstance(item, Document):
            item.warnings[:0] = warnings
        yield item


def _finish(doc: Document, opts: ReadOptions, origin: str) -> Item:
    if doc.text and "\x00" in doc.text:   # also from a JSON escape ("\u0000"), not only from bytes
        doc.warnings.append(f"{doc.text.count(chr(0))} NUL character(s) removed")
        doc.text = doc.text.replace("\x00", "")
    if not doc.text or not doc.text.strip():
        return Problem(origin, None, "no text to analyse (empty)")
    if len(doc.text) > opts.max_chars:
        doc.warnings.append(f"text truncated from {len(doc.text)} to {opts.max_chars} characters")
        doc.text = doc.text[:opts.max_chars]
    if doc.published is None:
        doc.published = opts.published
    if doc.source is None:
        doc.source = opts.source
    # where the document came from, so the store and error reports can point back to it
    doc.meta.setdefault("origin", origin)
    return doc


def from_record(rec: Any, opts: ReadOptions, origin: str, line: int | None) -> Item:
    """A Document from a JSON/CSV record; its id is the record's `id`, else the content hash."""
    f = opts.fields
    if not isinstance(rec, dict):
        return Problem(origin, line, "record is not a JSON object")
    text = rec.get(f.text)
    if text is None:
        text = next((rec[k] for k in f.text_alt if rec.get(k)), None)
    if not isinstance(text, str) or not text.strip():
        return Problem(origin, line, f"record has no '{f.text}' text")
    pub_raw = rec.get(f.published)
    if pub_raw is None:
        pub_raw = next((rec[k] for k in f.published_alt if rec.get(k)), None)
    published = parse_date(pub_raw)
    doc_id = rec.get(f.id) or rec.get("doc_id")
    doc = Document(text=text, id=str(doc_id) if doc_id else "", title=rec.get(f.title),
                   published=published, url=rec.get(f.url), source=rec.get(f.source))
    if pub_raw is not None and published is None:
        doc.warnings.append(f"unreadable publication date {str(pub_raw)[:40]!r}")
    if line is not None:
        doc.meta["line"] = line
    return _finish(doc, opts, origin)


def from_html(html: str, opts: ReadOptions, origin: str, doc_id: str = "", url: str | None = None) -> Item:
    import trafilatura
    try:
        res = trafilatura.bare_extraction(html, url=url, favor_precision=True, with_metadata=True,
                                          include_comments=False)
    except Exception as e:  # trafilatura raises assorted errors on broken markup
        return Problem(origin, None, f"HTML could not be parsed ({type(e).__name__})")
    get = (res.get if isinstance(res, dict) else (lambda k: getattr(res, k, None))) if res is not None \
        else (lambda k: None)
    text = get("text")
    if (not text or len(text.strip()) < MIN_HTML_TEXT) and (deep := _deep_html_text(html)) is not None:
        doc = Document(text=deep, id=doc_id, url=url)
        doc.warnings.append(f"HTML nested deeper than {MAX_HTML_DEPTH} levels: main-text extraction "
                            "is impossible, all visible text kept")
        return _finish(doc, opts, origin)
    if not text or len(text.strip()) < MIN_HTML_TEXT:
        # a page whose "main text" is a menu label or a cookie notice has no article to analyse
        return Problem(origin, None, "HTML page has no main text")
    doc = Document(text=text, id=doc_id, title=get("title"), published=parse_date(get("date")),
                   url=url or get("url"))
    return _finish(doc, opts, origin)


MAX_HTML_DEPTH = 200   # lxml (under trafilatura) gives up on deeper trees and returns nothing


def _deep_html_text(html: str) -> str | None:
    """The visible text of a page nested too deeply for lxml, by a flat linear pass; None when
    the page is not that deep (then "no main text" is the true reason)."""
    from html.parser import HTMLParser

    class Flat(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth = self.max_depth = 0
            self.skip = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            self.skip += tag in ("script", "style", "nav", "header", "footer")

        def handle_endtag(self, tag):
            self.depth = max(0, self.depth - 1)
            if tag in ("script", "style", "nav", "header", "footer") and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip and data.strip():
                self.parts.append(data.strip())

    p = Flat()
    try:
        p.feed(html)
        p.close()
    except Exception:   # html.parser is lenient; anything it still refuses has no text for us
        return None
    text = "\n".join(p.parts)
    return text if p.max_depth > MAX_HTML_DEPTH and len(text) >= MIN_HTML_TEXT else None


def supported_files(folder: Path, name: str | None = None) -> list[Path]:
    """The files of a directory tree that a reader takes, sorted; an error when there are none."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and _kind(p) is not None)
    if not files:
        raise InputError(f"{name or folder}: directory holds no supported files ({', '.join(sorted(SUPPORTED))})")
    return files


def read_path(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """Items of one file (any supported kind, optionally .gz) or of a directory tree."""
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", opts)
        return
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir():
        for p in supported_files(path):
            yield from _read_file(p, opts)
        return
    yield from _read_file(path, opts)


def _kind(p: Path) -> str | None:
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes and suffixes[-1] in SUPPORTED else None


def _open(p: Path) -> BinaryIO:
    if p.suffix.lower() == ".gz":
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def _read_file(p: Path, opts: ReadOptions) -> Iterator[Item]:
    """Items of one file; a file that gives none (an empty JSON Lines file, a WARC without
    pages) gives a Problem, so that no input vanishes from the counts."""
    n = 0
    for n, item in enumerate(_read_items(p, opts), start=1):
        yield item
    if n == 0:
        yield Problem(str(p), None, "no documents in this file (empty)")


def _read_items(p: Path, opts: ReadOptions) -> Iterator[Item]:
    kind = _kind(p)
    origin = str(p)
    stem = p.name.split(".")[0]
    try:
        if kind in JSONL_SUFFIXES:
            with _open(p) as fh:
                yield from _jsonl(fh, origin, opts)
            return
        if kind in WARC_SUFFIXES:
            with open(p, "rb") as fh:
                yield from read_warc(fh, origin, opts)
            return
        with _open(p) as fh:
            raw = fh.read()
    except OSError as e:
        yield Problem(origin, None, f"cannot read ({e.strerror or e})")
        return
    except (EOFError, gzip.BadGzipFile) as e:
        yield Problem(origin, None, f"broken gzip file ({e})")
        return
    try:
        decoded = decode_text(raw, origin)
    except InputError as e:
        yield Problem(origin, None, str(e).split(": ", 1)[-1])
        return
    yield from _warned(_parse_file(decoded.text, kind, stem, origin, opts), decoded.warnings)


def _parse_file(text: str, kind: str | None, stem: str, origin: str, opts: ReadOptions) -> Iterator[Item]:
    if kind in HTML_SUFFIXES:
        yield from _one(from_html(text, opts, origin, doc_id=stem))
    elif kind in JSON_SUFFIXES:
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as e:
            yield Problem(origin, e.lineno, f"invalid JSON ({e.msg})")
            return
        recs = rec if isinstance(rec, list) else [rec]
        for n, r in enumerate(recs):
            item = from_record(r, opts, origin, None)
            if isinstance(item, Document) and not (isinstance(r, dict) and (r.get(opts.fields.id) or r.get("doc_id"))):
                item.id = stem if len(recs) == 1 else f"{stem}-{n}"
            yield item
    elif kind in TABLE_SUFFIXES:
        delim = opts.delimiter or ("\t" if kind == ".tsv" else ",")
        yield from _table(text, origin, opts, delim)
    else:
        doc = Document(text=text, id=stem)
        yield from _one(_finish(doc, opts, origin))


def _one(item: Item) -> Iterator[Item]:
    yield item


def _jsonl(fh: Iterable[bytes], origin: str, opts: ReadOptions, first_line: int = 1) -> Iterator[Item]:
    """`first_line`: the file line `fh` starts at (a partition of a large file, `lagebild.scale`)."""
    for n, raw in enumerate(fh, start=first_line):
        if not raw.strip():
            continue
        try:
            decoded = decode(raw, detect=False)   # per line: no detector run a million times
        except InputError as e:
            yield Problem(origin, n, str(e))
            continue
        line = decoded.text
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Problem(origin, n, f"invalid JSON ({e.msg})")
            continue
        yield from _warned(_one(from_record(rec, opts, origin, n)), decoded.warnings)


def _table(text: str, origin: str, opts: ReadOptions, delim: str) -> Iterator[Item]:
    # csv needs a large field limit: articles are long
    csv.field_size_limit(max(opts.max_chars * 4, 1 << 20))
    reader = csv.DictReader(io.StringIO(text), delimiter=delim, quotechar=opts.quotechar,
                            fieldnames=list(opts.columns) if opts.columns else None)
    try:
        for n, row in enumerate(reader, start=1 if opts.columns else 2):
            yield from_record(row, opts, origin, n)
    except csv.Error as e:
        yield Problem(origin, reader.line_num, f"broken CSV ({e})")


def read_warc(fh: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """HTML responses of a WARC file (gzip'd or not), main text via trafilatura."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    n = 0
    try:
        for rec in ArchiveIterator(fh):
            n += 1
            if rec.rec_type != "response":
                continue
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            try:
                raw = rec.content_stream().read()
            except Exception as e:  # truncated or corrupt payloads
                yield Problem(origin, n, f"broken WARC record ({type(e).__name__})")
                continue
            try:
                decoded = decode(raw)
            except InputError as e:
                yield Problem(origin, n, str(e))
                continue
            item = next(_warned(_one(from_html(decoded.text, opts, f"{origin}#{n}", url=url)), decoded.warnings))
            if isinstance(item, Document):
                item.meta["warc_date"] = rec.rec_headers.get_header("WARC-Date")
                if item.published is None:
                    item.published = parse_date(item.meta["warc_date"]) or opts.published
            yield item
    except ArchiveLoadFailed as e:
        yield Problem(origin, n or None, f"broken WARC file ({str(e).splitlines()[0][:80]})")
    except (OSError, EOFError, ValueError) as e:
        yield Problem(origin, n or None, f"broken WARC file ({type(e).__name__})")


def read_stream(fh: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """stdin: JSON Lines if it starts with '{', HTML if it starts with '<', else plain text."""
    raw = fh.read()
    try:
        decoded = decode_text(raw, origin)
    except InputError as e:
        yield Problem(origin, None, str(e).split(": ", 1)[-1])
        return
    text = decoded.text
    head = text.lstrip()[:1]
    if head == "{":
        items = _jsonl(io.BytesIO(text.encode("utf-8")), origin, opts)
    elif head == "<":
        items = _one(from_html(text, opts, origin))
    else:
        items = _one(_finish(Document(text=text), opts, origin))
    yield from _warned(items, decoded.warnings)


def iter_inputs(paths: list[str], opts: ReadOptions) -> Iterator[Item]:
    for p in paths:
        yield from read_path(Path(p) if p != "-" else Path("-"), opts)


def env_db_path(default: str = "lagebild.duckdb") -> str:
    return os.environ.get("LAGEBILD_DB", default)
