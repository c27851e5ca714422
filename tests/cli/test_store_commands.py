"""Store commands through the real entry point (in-process: `main(argv)`), with the fast fake pipeline."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lagebild.cli.main import main
from lagebild.errors import EXIT_PARTIAL

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
COMMANDS = ["ingest", "import", "load", "events", "quotes", "dyad", "clusters", "sql", "export", "stats"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.fixture
def store(tmp_path, monkeypatch, capsys) -> Path:
    monkeypatch.syspath_prepend(str(STORE_TESTS))      # store_fakes: a pipeline without models
    monkeypatch.delenv("LAGEBILD_FAULT", raising=False)
    rows = []
    for i in range(12):
        rows.append(json.dumps({
            "text": f"Item {i}. CHN/GOV CONSULT RUS/GOV in the capital. RUS/MIL ASSAULT UKR at dawn {i}. "
                    f'CHN/GOV said "talks were useful {i}".',
            "published": f"2024-0{1 + i % 4}-0{1 + i % 3}", "url": f"https://example.org/{i}",
            "source": f"Agency {i % 3}"}))
    rows.append("{broken")
    src = tmp_path / "news.jsonl"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    monkeypatch.setenv("LAGEBILD_DB", str(db))
    code, _, err = run(capsys, "ingest", str(src), "--workers", "0", "--pipeline", "store_fakes:make_pipeline",
                       "--quiet", "--summary-json", str(tmp_path / "summary.json"))
    assert code == EXIT_PARTIAL, err     # one broken line: partial success
    assert "stored      12" in err and "news.jsonl:13: invalid JSON" in err
    assert err.splitlines()[-1] == "lagebild: analysed 12, skipped 1: invalid JSON 1"
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["stored"], summary["skipped"], summary["problems"][0]["line"]) == (12, 1, 13)
    return db


@pytest.mark.parametrize("command", COMMANDS)
def test_help(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "Usage" in out


@pytest.mark.parametrize("rows, code", [
    (['{"text": "FRA CONSULT DEU."}', '{"text": "DEU CONSULT FRA."}'], 0),
    (['{"text": "FRA CONSULT DEU."}', '{"text": ""}'], EXIT_PARTIAL),
    (['{"text": ""}', '{broken', '{"text": "FAILME"}'], 2),
])
def test_ingest_exit_codes(capsys, tmp_path, monkeypatch, rows, code):
    monkeypatch.syspath_prepend(str(STORE_TESTS))
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    argv = ["ingest", str(src), "--db", str(tmp_path / "x.duckdb"), "--workers", "0",
            "--pipeline", "store_fakes:make_pipeline", "--quiet"]
    got, _, err = run(capsys, *argv)
    assert got == code, err
    if code:
        assert "skipped" in err.splitlines()[-1]
    if code == 0:      # the same ingest again: everything already stored is a success too
        assert run(capsys, *argv)[0] == 0


def test_ingest_needs_input(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and err.count("\n") == 1 and "nothing to ingest" in err


def test_events_formats(store, capsys):
    code, out, _ = run(capsys, "events", "--actor", "RUSMIL", "--format", "jsonl")
    recs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(recs) == 12 and all(r["event"] == ["ASSAULT"] for r in recs)
    code, out, _ = run(capsys, "events", "--type", "consult", "--since", "2024-03-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["event_type"] for r in rows} == {"CONSULT"} and all(r["date"] >= "2024-03-01" for r in rows)
    code, out, _ = run(capsys, "events", "--source", "Agency 1", "--limit", "2")
    assert code == 0 and "Events (2)" in out


@pytest.mark.parametrize("args, fragment", [
    (["--near", "Atlantis-upon-Nowhere"], "no such place"),
    (["--near", "Gaza", "--radius", "fifty"], "--radius"),
    (["--near", "95,10"], "latitude"),
])
def test_events_near_one_line_errors(store, capsys, args, fragment):
    code, _, err = run(capsys, "events", *args)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1


def test_events_near_finds_nothing_unlocated(store, capsys):
    # the fake pipeline gives no locations: a radius search returns no events, and says so cleanly
    code, out, _ = run(capsys, "events", "--near", "Gaza", "--radius", "50km", "--format", "jsonl")
    assert code == 0 and out == ""


def test_quotes_and_clusters(store, capsys):
    code, out, _ = run(capsys, "quotes", "--speaker", "CHNGOV", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 12
    code, out, _ = run(capsys, "clusters", "--type", "CONSULT", "--min-articles", "2", "--format", "jsonl")
    clusters = [json.loads(x) for x in out.splitlines()]
    assert clusters and all(c["num_articles"] >= 2 and c["mentions"] for c in clusters)


def test_dyad_with_svg_plot(store, capsys, tmp_path):
    svg = tmp_path / "dyad.svg"
    code, out, err = run(capsys, "dyad", "CHN", "RUS", "--by", "month", "--format", "csv", "--plot", str(svg))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["period"] for r in rows] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert sum(int(r["verbal_coop"]) for r in rows) == 12
    assert svg.read_text().startswith("<svg") and "<rect" in svg.read_text()
    code, _, err = run(capsys, "dyad", "CHN", "RUS", "--plot", str(tmp_path / "x.png"))
    assert code == 2 and ".svg" in err


@pytest.mark.parametrize("query, fragment", [
    ("DELETE FROM events", "read-only"),
    ("COPY events TO 'stolen.csv'", "cannot read or write files"),
    ("SELEKT 1", "syntax error"),
])
def test_sql_is_read_only_with_one_line_errors(store, capsys, query, fragment):
    code, _, err = run(capsys, "sql", query)
    assert code == 4 and err.count("\n") == 1 and fragment in err


@pytest.mark.parametrize("options, query, fragment", [
    (["--timeout", "0.5"], "SELECT count(*) FROM range(100000000) a, range(100000) b", "stopped after 0.5 s"),
    (["--memory-limit", "64MB"], "SELECT list(range) FROM range(100000000)", "more memory than allowed"),
    ([], "SET memory_limit = '100GB'", ""),
])
def test_sql_has_a_time_and_memory_limit(store, capsys, options, query, fragment):
    code, _, err = run(capsys, "sql", query, *options)
    assert code == 4 and err.count("\n") == 1 and fragment in err


def test_sql_cannot_write_into_a_spill_directory(store, capsys):
    spill = store.with_name(store.name + ".tmp")
    spill.mkdir()
    code, _, err = run(capsys, "sql", f"COPY events TO '{spill}/stolen.csv'")
    assert code == 4 and "cannot read or write files" in err and not list(spill.iterdir())


def test_sql_query(store, capsys):
    code, out, _ = run(capsys, "sql", "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1",
                       "--format", "jsonl")
    assert [json.loads(x) for x in out.splitlines()] == [{"event_type": "ASSAULT", "n": 12},
                                                         {"event_type": "CONSULT", "n": 12}]


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "csv", "jsonl"])
def test_export_formats(store, capsys, tmp_path, fmt):
    out_file = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--format", fmt, str(out_file), "--type", "ASSAULT")
    assert code == 0, err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    if fmt == "plover":
        assert all(json.loads(x)["event"] == ["ASSAULT"] for x in lines) and len(lines) == 12
    elif fmt == "gdelt":
        assert all(len(x.split("\t")) == 61 for x in lines) and len(lines) <= 12
    elif fmt == "csv":
        assert len(lines) == 13
    else:
        assert json.loads(lines[0])["kind"] == "document"


def test_parquet_export_and_import(store, capsys, tmp_path):
    code, _, err = run(capsys, "export", "--format", "parquet", str(tmp_path / "pq"))
    assert code == 0 and "12 documents" in err
    code, _, err = run(capsys, "import", str(tmp_path / "pq"), "--db", str(tmp_path / "copy.duckdb"))
    assert code == 0 and "stored      12" in err
    code, out, _ = run(capsys, "stats", "--db", str(tmp_path / "copy.duckdb"))
    assert json.loads(out)["events"] == 24


def test_missing_store_is_a_one_line_error(capsys, tmp_path):
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 4 and err.count("\n") == 1 and "lagebild ingest" in err


def test_unknown_event_type_is_refused_with_the_list(store, capsys):
    code, _, err = run(capsys, "events", "--type", "FOO")
    assert code == 2 and err.count("\n") == 1 and "not a PLOVER event type" in err and "CONSULT" in err
    code, out, _ = run(capsys, "events", "--type", "assault", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 12


@pytest.mark.parametrize("name, n", [("Agency 1", 4), ("agency 1", 4), ("AGENCY", 12), ("nobody", 0)])
def test_source_matches_part_of_the_name_in_any_case(store, capsys, name, n):
    code, out, _ = run(capsys, "events", "--source", name, "--type", "ASSAULT", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == n
