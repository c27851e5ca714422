"""`lagebild serve`: a missing or bad store is one line and exit 4 before anything listens."""
from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("content", [None, b"not a database at all, just text"])
def test_serve_refuses_a_bad_store_in_one_line(tmp_path, content):
    db = tmp_path / "x.duckdb"
    if content is not None:
        db.write_bytes(content)
    r = subprocess.run([sys.executable, "-m", "lagebild", "serve", "--db", str(db), "--port", "1"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 4
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lagebild: error:")


def test_serve_defaults_to_localhost():
    from lagebild.cli.web_commands import serve
    opts = {o.name: o.default for o in serve.params}
    assert opts["host"] == "127.0.0.1"
