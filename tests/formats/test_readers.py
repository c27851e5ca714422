import gzip
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import InputError
from lagebild.formats.readers import Problem, ReadOptions, parse_date, read_path
from lagebild.model import Document

ARTICLE = "Die Regierung in Berlin kritisierte am Montag die Entscheidung aus Washington scharf."


def _items(path, **kw):
    return list(read_path(path, ReadOptions(**kw)))


def test_txt(tmp_path):
    p = tmp_path / "artikel-1.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [doc] = _items(p, published=date(2025, 1, 6))
    assert doc.id == "artikel-1" and doc.text == ARTICLE and doc.published == date(2025, 1, 6)


def test_jsonl_with_bad_lines_keeps_going(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "x1", "text": ARTICLE, "published": "2025-02-01", "url": "https://example.org/1"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"content": ARTICLE, "date": "2025-02-02T10:00:00Z"}),
    ]), encoding="utf-8")
    items = _items(p)
    docs = [i for i in items if not isinstance(i, Problem)]
    probs = [i for i in items if isinstance(i, Problem)]
    assert [d.id for d in docs][0] == "x1" and docs[1].published == date(2025, 2, 2)
    assert [pr.line for pr in probs] == [2, 3]
    assert "invalid JSON" in probs[0].reason and "no 'text'" in probs[1].reason


def test_json_and_gzip(tmp_path):
    p = tmp_path / "b.json.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        json.dump({"text": ARTICLE, "title": "T"}, fh)
    [doc] = _items(p)
    assert doc.title == "T" and doc.id == "b"


def test_csv_and_tsv(tmp_path):
    (tmp_path / "c.csv").write_text('id,text,published\nk1,"' + ARTICLE + '",2025-03-01\n', encoding="utf-8")
    (tmp_path / "d.tsv").write_text("id\ttext\nk2\t" + ARTICLE + "\n", encoding="utf-8")
    ids = sorted(d.id for d in _items(tmp_path))
    assert ids == ["k1", "k2"]


def test_html_main_text(tmp_path):
    body = "<p>" + ARTICLE + " " + ARTICLE.replace("Montag", "Dienstag") + "</p>"
    html = f"<html><head><title>Kritik aus Berlin</title><meta name='date' content='2025-04-02'></head><body><article>{body * 3}</article></body></html>"
    p = tmp_path / "e.html"
    p.write_text(html, encoding="utf-8")
    [doc] = _items(p)
    assert "Regierung in Berlin" in doc.text and doc.title


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (bytes(range(256)) * 8, "binary"),
])
def test_bad_files_become_problems(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    [item] = _items(p)
    assert isinstance(item, Problem) and reason in item.reason


SATZ = "Die Bürgermeisterin grüßte die Gäste aus Köln und München."


@pytest.mark.parametrize("content, warning", [
    (SATZ.encode("utf-8"), None),
    (SATZ.encode("utf-8-sig"), None),
    (SATZ.encode("utf-16"), None),                 # with its byte-order mark
    (SATZ.encode("utf-16-be"), "UTF-16-BE"),       # without: by the NUL pattern
    (SATZ.encode("utf-32"), None),
    (SATZ.encode("latin-1"), "cp1252"),
    (SATZ.encode("cp1252"), "cp1252"),
    ("Grüße".encode("latin-1") + b" " + SATZ.encode("latin-1"), "cp1252"),
])
def test_encodings_are_decoded(tmp_path, content, warning):
    p = tmp_path / "enc.txt"
    p.write_bytes(content)
    [doc] = _items(p)
    assert isinstance(doc, Document) and SATZ in doc.text
    assert (warning is None) == (not doc.warnings)
    if warning:
        assert warning in doc.warnings[0]


@pytest.mark.parametrize("content, kept, warning", [
    (SATZ.encode("utf-8")[:-12] + b"\xff" + SATZ.encode("utf-8")[-12:], "u\ufffdnd M", "not valid UTF-8"),
    (SATZ.replace("Gäste", "G\x00ste").encode("utf-8"), "Gste", "NUL"),
])
def test_stray_bad_bytes_and_nuls_are_replaced_with_a_warning(tmp_path, content, kept, warning):
    p = tmp_path / "stray.txt"
    p.write_bytes(content)
    [doc] = _items(p)
    assert kept in doc.text and warning in doc.warnings[0]


def test_jsonl_line_in_a_legacy_encoding(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(('{"text": "' + SATZ + '"}\n').encode("utf-8") + ('{"text": "' + SATZ + '"}\n').encode("cp1252"))
    docs = _items(p)
    assert [d.text for d in docs] == [SATZ, SATZ] and not docs[0].warnings and "cp1252" in docs[1].warnings[0]


def test_html_without_text(tmp_path):
    p = tmp_path / "leer.html"
    p.write_text("<html><body><script>var x=1;</script></body></html>", encoding="utf-8")
    [item] = _items(p)
    assert isinstance(item, Problem) and "no main text" in item.reason


def test_long_text_is_truncated_with_warning(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text(ARTICLE * 1000, encoding="utf-8")
    [doc] = _items(p, max_chars=5000)
    assert len(doc.text) == 5000 and "truncated" in doc.warnings[0]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        _items(tmp_path / "nope.txt")


def test_empty_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no supported files"):
        _items(tmp_path)


@pytest.mark.parametrize("value,expected", [
    ("2025-12-02", date(2025, 12, 2)), ("2025-12-02T23:10:00+01:00", date(2025, 12, 2)),
    ("", None), (None, None), ("gestern", None), ("2025-02-31", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_parse_date_never_raises(s):
    parse_date(s)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_in_jsonl_never_raise(tmp_path_factory, raw):
    p = tmp_path_factory.mktemp("j") / "x.jsonl"
    p.write_bytes(raw)
    for item in read_path(p, ReadOptions()):
        assert item is not None


@pytest.mark.parametrize("depth", [300, 2000])
def test_deeply_nested_html_keeps_its_text(tmp_path, depth):
    body = "<div>" * depth + "<p>" + SATZ + " Der Rat tagte am Abend erneut.</p>" + "</div>" * depth
    p = tmp_path / "tief.html"
    p.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    [doc] = _items(p)
    assert isinstance(doc, Document) and SATZ in doc.text and "nested deeper" in doc.warnings[0]
