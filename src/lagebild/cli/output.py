"""Output writers for `analyze` and a progress helper shared by long-running commands."""
from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

from lagebild.errors import NothingAnalysed, PartialSuccess
from lagebild.model import Document

T = TypeVar("T")


class Writer:
    """Writes a document's records as a rich table, JSON Lines, PLOVER JSONL or GDELT TSV."""

    def __init__(self, fmt: str, out: TextIO):
        self.fmt = fmt
        self.out = out
        self.documents = 0
        self._console = None

    def write(self, doc: Document, records: list[dict[str, Any]]) -> None:
        self.documents += 1
        if self.fmt == "jsonl":
            for r in records:
                self.out.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif self.fmt == "plover":
            from lagebild.formats.plover import plover_record
            for r in records:
                if r["kind"] == "event":
                    self.out.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
        elif self.fmt == "gdelt":
            from lagebild.formats.gdelt import gdelt_rows
            for row in gdelt_rows([r for r in records if r["kind"] == "event"]):
                self.out.write("\t".join(row) + "\n")
        else:
            self._table(doc, records)

    def _table(self, doc: Document, records: list[dict[str, Any]]) -> None:
        from rich.console import Console
        from rich.table import Table
        if self._console is None:
            self._console = Console(file=self.out)
        c = self._console
        head = f"[bold]{doc.title or doc.id}[/bold]  [dim]{doc.id} · {doc.lang} · " \
               f"{doc.published or 'no date'} · {len(doc.sentences)} sentences[/dim]"
        c.rule()
        c.print(head)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_kind.setdefault(r["kind"], []).append(r)
        specs = {
            "event": ("Events", ["event", "mode", "actor", "recipient", "date", "location", "context", "event_text"]),
            "quote": ("Quotes", ["form", "speaker", "cue", "text"]),
            "entity": ("Actors and places", ["text", "label", "code", "sector", "identifier_text", "identifier_id"]),
            "timex": ("Time expressions", ["text", "type", "value"]),
            "quantity": ("Quantities", ["text", "value", "unit", "counts"]),
        }
        for kind, (title, cols) in specs.items():
            rows = by_kind.get(kind)
            if not rows:
                continue
            t = Table(title=f"{title} ({len(rows)})", title_justify="left", header_style="bold cyan")
            for col in cols:
                t.add_column(col, overflow="fold", max_width=60 if col in {"text", "event_text"} else 28)
            for r in rows:
                t.add_row(*[_cell(r.get(col)) for col in cols])
            c.print(t)

    def close(self) -> None:
        self.out.flush()


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        if "entity_text" in v:
            code = "/".join(x for x in (v.get("code"), v.get("sector")) if x)
            return f"{v['entity_text']} ({code})" if code else str(v["entity_text"])
        if "text" in v:
            return str(v["text"])
        if "resolved_place" in v:     # a location: the place as written, and what it resolved to
            where = v.get("country_code") or ""
            name = v["resolved_place"] if v.get("resolved_place") == v.get("extracted_place") \
                else f"{v['extracted_place']} = {v['resolved_place']}"
            return f"{name} ({where})" if where else name
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def progress(items: Iterable[T], label: str, total: int | None = None, limit: int = 0) -> Iterator[T]:
    """Iterate with a progress bar (rate, ETA when the total is known) on stderr."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    cols = [TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn()]
    from rich.console import Console
    with Progress(*cols, console=Console(file=sys.stderr), transient=False) as p:
        task = p.add_task(label, total=total or (limit or None), rate="")
        n = 0
        for x in items:
            yield x
            n += 1
            el = p.tasks[0].elapsed or 0
            p.update(task, advance=1, rate=f"{n / el:.1f}/s" if el > 0 else "")
            if limit and n >= limit:
                break


def check_outcome(analysed: int, skipped: Counter) -> None:
    """The exit-code rule `analyze` and `ingest` share: 0 when nothing was skipped, else a
    summary line and EXIT_PARTIAL when something was analysed, InputError's code when nothing."""
    n = sum(skipped.values())
    if not n:
        return
    reasons = ", ".join(f"{r} {k}" for r, k in skipped.most_common())
    line = f"analysed {analysed}, skipped {n}: {reasons}"
    if analysed:
        raise PartialSuccess(line)
    if n == 1:   # one input, refused: its own line (printed as it came) says everything
        raise SystemExit(NothingAnalysed.exit_code)
    raise NothingAnalysed(f"{line} (nothing could be analysed)")
