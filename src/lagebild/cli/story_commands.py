"""Story commands: `stories` lists them, `compare` lines up who reports what.

Thin wrappers over `lagebild.stories.service`; registered by `lagebild.cli.main`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from lagebild.errors import InputError

db_option = click.option("--db", metavar="FILE", help="Store file (default: $LAGEBILD_DB or ./lagebild.duckdb), "
                         "or a Parquet dataset directory (`ingest --cluster --out`).")
min_option = click.option("--min-articles", type=click.IntRange(min=1), default=2, show_default=True,
                          help="Only stories with at least this many articles.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")


def _format_option(default_help: str):
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]),
                        help=f"Output format (default: table on a terminal, {default_help} otherwise).")


def _open(db: str | None):
    """The store, writable: stories assigned for the first time are saved, which keeps their
    ids stable. A Parquet dataset (a directory) is read-only and grouped in memory."""
    from lagebild.formats.readers import env_db_path
    from lagebild.store import open_store
    path = db or env_db_path()
    if not Path(path).exists():
        raise InputError(f"{path}: no such store; run `lagebild ingest` first")
    return open_store(path)


def _progress(quiet: bool, label: str):
    if quiet:
        return None
    from lagebild.cli.output import progress
    return lambda items: progress(items, label, total=len(items) if hasattr(items, "__len__") else None)


@click.command()
@db_option
@min_option
@_format_option("jsonl")
@quiet_option
def stories(db, min_articles, fmt, quiet) -> None:
    """Stories: articles grouped by the real-world story they report, largest first."""
    from lagebild.stories.render import stories_table, write_json, write_jsonl
    from lagebild.stories.service import list_stories
    with _open(db) as st:
        found = list_stories(st, min_articles, progress=_progress(quiet, "grouping"))
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "table":
        stories_table(found, sys.stdout)
    elif fmt == "json":
        write_json({"stories": found}, sys.stdout)
    else:
        write_jsonl(found, sys.stdout)


@click.command()
@click.argument("story", required=False)
@db_option
@min_option
@_format_option("json")
@quiet_option
def compare(story, db, min_articles, fmt, quiet) -> None:
    """Which article reports what, with evidence and according to whom, what each one leaves
    out, and where they conflict: one STORY (an id from `lagebild stories`) or every story."""
    from lagebild.stories.render import compare_table, write_json, write_jsonl
    from lagebild.stories.service import compare as compare_stories
    with _open(db) as st:
        result = compare_stories(st, story, min_articles, progress=_progress(quiet, "comparing"))
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "table":
        compare_table(result, sys.stdout)
    elif fmt == "json":
        write_json(result, sys.stdout)
    else:
        write_jsonl(result["stories"], sys.stdout)


COMMANDS = [stories, compare]


def register(cli: click.Group) -> None:
    for cmd in COMMANDS:
        cli.add_command(cmd)
