"""`lagebild stories` and `lagebild compare` through the real entry point, on the stories test store."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from test_store_commands import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))
from story_fixtures import story_store  # noqa: E402,F401  (the module-scoped store fixture)


@pytest.fixture
def db(story_store, tmp_path) -> str:      # noqa: F811
    copy = tmp_path / "s.duckdb"
    shutil.copy(story_store, copy)
    return str(copy)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table"])
def test_stories(capsys, db, fmt):
    code, out, err = run(capsys, "stories", "--db", db, "--format", fmt, "--quiet")
    assert code == 0, err
    if fmt == "json":
        assert len(json.loads(out)["stories"]) == 2
    elif fmt == "jsonl":
        assert [len(json.loads(line)["documents"]) for line in out.splitlines()] == [3, 2]
    else:
        assert "Nordhafen" in out and "articles" in out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table"])
def test_compare_one_story(capsys, db, fmt):
    _, out, _ = run(capsys, "stories", "--db", db, "--format", "jsonl", "--quiet")
    sid = json.loads(out.splitlines()[0])["id"]
    code, out, err = run(capsys, "compare", sid, "--db", db, "--format", fmt, "--quiet")
    assert code == 0, err
    if fmt == "json":
        assert [s["id"] for s in json.loads(out)["stories"]] == [sid]
    elif fmt == "jsonl":
        assert json.loads(out)["id"] == sid
    else:
        assert sid in out and "left out by" in out and "conflict" in out


@pytest.mark.parametrize("argv, message", [
    (["compare", "nonesuch"], "no story 'nonesuch'"),
    (["stories", "--db", "/nonexistent/x.duckdb"], "no such store"),
])
def test_one_line_errors(capsys, db, argv, message):
    if "--db" not in argv:
        argv = [*argv, "--db", db]
    code, out, err = run(capsys, *argv, "--quiet")
    assert code != 0 and message in err and len(err.strip().splitlines()) == 1
