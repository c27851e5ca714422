"""`make demo`, second step: ingest the bundled sample corpus into an embedded DuckDB store and
show what the store answers. Uses only the public library API, as a user's script would."""
from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).parent / "data" / "samples"
DEMO_DB = Path("lagebild-demo.duckdb")


def main() -> int:
    from rich.console import Console

    from lagebild.store import open_store
    from lagebild.stories.render import compare_table
    from lagebild.store.ingest import IngestOptions, ingest

    console = Console()
    corpus = SAMPLES / "demo-corpus.jsonl"
    console.rule(f"[bold]Ingesting {corpus.name} into {DEMO_DB} (embedded DuckDB)")
    summary = ingest(DEMO_DB, [str(corpus)], IngestOptions(workers=0))
    console.print(f"read {summary.read}, stored {summary.stored}, duplicates {summary.n_duplicates}, "
                  f"skipped {summary.n_skipped}, errors {summary.n_errors}")
    with open_store(DEMO_DB, read_only=True) as st:
        stats = st.stats()
        console.print(f"the store holds: {stats}")
        console.rule("[bold]Events of China and Russia (lagebild events --actor CHN)")
        ev = st.events(actor="CHN").to_pylist()
        for row in ev[:12]:
            console.print({k: row[k] for k in row if k in {"date", "event", "actor", "recipient", "source"}})
        console.rule("[bold]Which source reports what (lagebild compare)")
        compare_table(st.compare(), sys.stdout)
        console.rule("[bold]Dyad CHN–RUS by month (lagebild dyad CHN RUS)")
        for row in st.dyad("CHN", "RUS", by="month").to_pylist():
            console.print(row)
    console.print(f"\nTry: .venv/bin/lagebild events --db {DEMO_DB} --format table, "
                  f".venv/bin/lagebild sql --db {DEMO_DB} \"SELECT * FROM events LIMIT 5\"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
