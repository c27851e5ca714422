"""The CLI at the edge: one-line errors, exit codes, formats. Runs the real entry point."""
import json
import subprocess
import sys

import pytest

from lagebild.cli.main import cli
from lagebild.errors import EXIT_PARTIAL

DE = ("Der Kreml teilte am Freitag mit, Wladimir Putin habe mit Xi Jinping telefoniert. "
      "Die Europäische Union kritisierte die enge Abstimmung der beiden Länder.")
EN = "The Kremlin said on Friday that Vladimir Putin had spoken by phone with Xi Jinping about trade."
FR = "Le Kremlin a annoncé vendredi que Vladimir Poutine s'était entretenu au téléphone avec Xi Jinping."


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "lagebild", *args], input=stdin, capture_output=True,
                          timeout=120)


def _one_line_error(r):
    err = r.stderr.decode("utf-8").strip()
    assert r.returncode != 0, err
    assert "Traceback" not in err
    assert err and len(err.splitlines()) == 1, err
    return err


def test_version_and_module_entry():
    r = run("--version")
    assert r.returncode == 0 and b"lagebild" in r.stdout


@pytest.mark.parametrize("command", [[], ["analyze"], ["lexicon"], ["lexicon", "validate"],
                                     ["lexicon", "lookup"], ["lexicon", "unknown"]])
def test_help_on_every_command(command):
    r = run(*command, "--help")
    assert r.returncode == 0 and b"Usage" in r.stdout


def test_every_registered_command_has_help():
    from click.testing import CliRunner
    runner = CliRunner()

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            res = runner.invoke(cli, [*prefix, name, "--help"])
            assert res.exit_code == 0, (prefix, name, res.output)
            if hasattr(cmd, "commands"):
                walk(cmd, [*prefix, name])
    walk(cli, [])


def test_jsonl_output_has_kind_and_doc_id(tmp_path):
    p = tmp_path / "telefonat.txt"
    p.write_text(DE, encoding="utf-8")
    r = run("analyze", str(p), "--published", "2024-02-10", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert recs and all(x["doc_id"] == "telefonat" and "kind" in x for x in recs)
    assert {"document", "entity"} <= {x["kind"] for x in recs}


def test_table_output(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(DE, encoding="utf-8")
    r = run("analyze", str(p), "--format", "table")
    assert r.returncode == 0 and b"Kreml" in r.stdout


def test_stdin():
    r = run("analyze", "-", "--format", "jsonl", stdin=DE.encode())
    assert r.returncode == 0 and b'"kind": "document"' in r.stdout


@pytest.mark.parametrize("name,content,needle", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("nothing.html", b"<html><body><nav>Menu</nav></body></html>", "no main text"),
])
def test_bad_input_one_line_error(tmp_path, name, content, needle):
    p = tmp_path / name
    p.write_bytes(content)
    err = _one_line_error(run("analyze", str(p), "--format", "jsonl"))
    assert needle in err


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_legacy_encodings_are_analysed_with_a_warning(tmp_path, encoding):
    p = tmp_path / "alt.txt"
    p.write_bytes(DE.encode(encoding))
    r = run("analyze", str(p), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[0])["kind"] == "document"
    assert (b"cp1252" in r.stderr) == (encoding != "utf-16")


@pytest.mark.parametrize("text", [EN, FR])
def test_wrong_language_is_refused(tmp_path, text):
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8")
    err = _one_line_error(run("analyze", str(p), "--lang", "de", "--format", "jsonl"))
    assert "looks" in err


def test_missing_file_and_bad_date(tmp_path):
    assert "no such file" in _one_line_error(run("analyze", str(tmp_path / "nope.txt")))
    p = tmp_path / "a.txt"
    p.write_text(DE, encoding="utf-8")
    assert "YYYY-MM-DD" in _one_line_error(run("analyze", str(p), "--published", "gestern"))


@pytest.mark.slow
def test_huge_file_is_truncated_not_hung(tmp_path):
    p = tmp_path / "big.txt"
    # 50 MB of text: read, truncated to the configured maximum with a warning, analysed
    with open(p, "w", encoding="utf-8") as fh:
        block = (DE + "\n") * 1000
        while fh.tell() < 50_000_000:
            fh.write(block)
    r = run("analyze", str(p), "--format", "jsonl")
    assert r.returncode == 0
    assert b"truncated" in r.stderr


def test_directory_with_one_bad_file_reports_and_continues(tmp_path):
    (tmp_path / "good.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    r = run("analyze", str(tmp_path), "--format", "jsonl")
    assert r.returncode == EXIT_PARTIAL     # partial success, not a total failure
    assert b'"doc_id": "good"' in r.stdout and b"bad.txt" in r.stderr
    assert r.stderr.decode().splitlines()[-1] == "lagebild: analysed 1, skipped 1: no text to analyse 1"


@pytest.mark.parametrize("files, code", [
    ({"a.txt": "GOOD", "b.txt": "GOOD"}, 0),
    ({"a.txt": "GOOD", "b.txt": ""}, EXIT_PARTIAL),
    ({"a.txt": "", "b.txt": "  "}, 2),
])
def test_analyze_exit_codes(tmp_path, files, code):
    for name, text in files.items():
        (tmp_path / name).write_text(DE if text == "GOOD" else text, encoding="utf-8")
    r = run("analyze", str(tmp_path), "--format", "jsonl")
    assert r.returncode == code, r.stderr
    if code:
        assert b"skipped" in r.stderr.splitlines()[-1]


def test_raw_semicolon_csv_without_header_is_read_with_the_ingest_options(tmp_path):
    p = tmp_path / "raw.csv"
    p.write_text("Politik;'" + DE.replace("'", "''") + "'\nInland;'" + DE + " Noch ein Satz.'\n", encoding="utf-8")
    r = run("analyze", str(p), "--format", "jsonl", "--delimiter", ";", "--quotechar", "'", "--columns", "label,text")
    assert r.returncode == 0, r.stderr
    docs = [json.loads(x) for x in r.stdout.splitlines() if json.loads(x)["kind"] == "document"]
    assert len(docs) == 2
