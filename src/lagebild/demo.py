"""`make demo`, second step: ingest the bundled sample articles into an embedded DuckDB store
and show what the store answers. Uses only the public library API."""
from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).parent / "data" / "samples"
DEMO_DB = Path("lagebild-demo.duckdb")


def main() -> int:
    try:
        from lagebild.store import open_store  # noqa: F401
    except ImportError:
        print("(the corpus store is not part of this build yet)", file=sys.stderr)
        return 0
    from lagebild.store.demo import run_demo
    return run_demo(SAMPLES, DEMO_DB)


if __name__ == "__main__":
    raise SystemExit(main())
