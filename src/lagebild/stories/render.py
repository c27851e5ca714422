"""Stories and comparisons for a person (rich tables) and for programs (json, jsonl)."""
from __future__ import annotations

import json
from typing import Any, TextIO

SNIPPET = 160


def write_json(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def write_jsonl(rows: list[dict[str, Any]], out: TextIO) -> None:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def _console(out: TextIO):
    from rich.console import Console
    return Console(file=out, width=max(100, Console(file=out).width))


def stories_table(stories: list[dict[str, Any]], out: TextIO) -> None:
    from rich.table import Table
    c = _console(out)
    if not stories:
        c.print("[dim]no story has enough articles[/dim]")
        return
    t = Table(header_style="bold cyan", show_lines=False)
    for col in ("story", "articles", "first", "last", "title"):
        t.add_column(col, overflow="fold")
    for st in stories:
        docs = st["documents"]
        t.add_row(st["id"], str(len(docs)), docs[0]["published"] or "", docs[-1]["published"] or "", st["title"])
    c.print(t)


def compare_table(result: dict[str, Any], out: TextIO) -> None:
    """Per story: its articles in date order, every fact with who reports it (evidence, according
    to whom) and who leaves it out, then the conflicts, highlighted."""
    c = _console(out)
    if not result["stories"]:
        c.print("[dim]no story has enough articles[/dim]")
    for st in result["stories"]:
        _story(c, st)


def _story(c, st: dict[str, Any]) -> None:
    from rich.table import Table
    c.rule(f"[bold]{st['title']}[/bold]  [dim]{st['id']}[/dim]")
    names = {d["doc_id"]: f"[{n}]" for n, d in enumerate(st["documents"], 1)}
    ref = {(d["url"] or d["doc_id"]): names[d["doc_id"]] for d in st["documents"]}
    arts = Table(show_header=True, header_style="bold", box=None)
    for col in ("", "published", "source", "title", "url"):
        arts.add_column(col, overflow="fold")
    for d in st["documents"]:
        arts.add_row(names[d["doc_id"]], d["published"] or "", d["source"] or "", d["title"] or "", d["url"] or d["doc_id"])
    c.print(arts)
    facts = Table(header_style="bold cyan", show_lines=True)
    for col in ("fact", "reported by (evidence, according to)", "left out by"):
        facts.add_column(col, overflow="fold")
    for f in st["facts"]:
        if len(st["documents"]) > 1 and not f["omitted_by"] and f["kind"] == "quantity":
            continue   # a figure every article gives is no news in a comparison
        evidence = "\n".join(
            f"{names[m['doc_id']]} {_clip(m['text'])}" + (f" [italic](according to {m['according_to']})[/italic]"
                                                          if m.get("according_to") else "")
            for m in f["mentions"])
        kind = f"[dim]{f['kind']}{' · announced' if f.get('announced') else ''}[/dim]\n"
        facts.add_row(kind + f["label"], evidence,
                      f"[yellow]{' '.join(ref.get(r, r) for r in f['omitted_by'])}[/yellow]")
    c.print(facts)
    for k in st.get("conflicts", []):
        versions = "\n".join(f"  {v['value']}: {' '.join(names.get(d, d) for d in v['doc_ids'])}"
                             for v in k["versions"])
        c.print(f"[bold red]conflict ({k['kind']})[/bold red] {k['label']}\n{versions}")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…"
