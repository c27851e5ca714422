"""Store commands: ingest, import, load, events, quotes, dyad, clusters, sql, export, stats, skipped.

Thin wrappers over `lagebild.store`; registered by `lagebild.cli.main`.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import click

from lagebild.cli.options import column_names, parse_date_option, parse_event_type_option, table_options
from lagebild.errors import InputError

FORMATS = ("table", "jsonl", "csv")
# the table format shows what fits a terminal; csv and jsonl carry every column
TABLE_COLUMNS = {
    "events": ("date", "event_type", "actor", "recipient", "quad_code", "source", "doc_id", "event_text"),
    "quotes": ("published", "speaker", "speaker_code", "form", "text", "source", "doc_id"),
    "skipped": ("skipped_at", "origin", "doc_id", "stage", "reason"),
    "clusters": ("cluster_id", "first_date", "event_types", "actor", "recipient", "num_mentions",
                 "num_articles", "num_sources"),
}
MAX_PROBLEMS_SHOWN = 20


def _db_path(db: str | None) -> str:
    from lagebild.formats.readers import env_db_path
    return db or env_db_path()


db_option = click.option("--db", metavar="FILE", help="Store file (default: $LAGEBILD_DB or ./lagebild.duckdb), "
                         "or a Parquet dataset directory (`ingest --cluster --out`).")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="Output format.")


def event_filters(f):
    for opt in reversed([
        click.option("--actor", metavar="CODE", help="Actor code, CAMEO-style prefix: CHN, CHNGOV."),
        click.option("--recipient", metavar="CODE", help="Recipient code, CAMEO-style prefix."),
        click.option("--type", "type_", metavar="TYPE", callback=parse_event_type_option,
                     help="PLOVER event type, e.g. CONSULT."),
        click.option("--since", callback=parse_date_option, help="First date YYYY-MM-DD."),
        click.option("--until", callback=parse_date_option, help="Last date YYYY-MM-DD."),
        click.option("--source", help="Only articles from this source: a name or part of one, any case "
                                      "(\"zeit\" matches \"ZEIT ONLINE\" and \"https://newsfeed.zeit.de/...\")."),
    ]):
        f = opt(f)
    return f


# --- ingest / import ---------------------------------------------------------------------------
@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--workers", type=click.IntRange(min=0), help="Analysis processes (default: CPUs - 1; 0 = in this process).")
@click.option("--source", help="Source name for documents that do not name one.")
@click.option("--published", callback=parse_date_option, help="Publication date for documents without one (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(["de", "en"]), help="Language of the input (default: detect).")
@click.option("--reprocess", is_flag=True, help="Also re-analyse stored documents of an older pipeline version.")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
@click.option("--limit", type=click.IntRange(min=0), default=0, help="Read at most this many items.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents per transaction.")
@click.option("--max-chars", type=click.IntRange(1000), default=200_000, show_default=True,
              help="Longer texts are truncated (with a warning) so one huge file cannot stall a run.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds per document; a document that takes longer is skipped with its reason (0 = no limit).")
@click.option("--text-field", default="text", show_default=True, help="JSON/CSV field holding the text.")
@click.option("--title-field", default="title", show_default=True)
@click.option("--date-field", default="published", show_default=True)
@click.option("--url-field", default="url", show_default=True)
@click.option("--source-field", default="source", show_default=True)
@click.option("--id-field", default="id", show_default=True)
@table_options
@click.option("--pipeline", default="lagebild.analysis:make_pipeline", show_default=True,
              help="Pipeline factory (module:function taking Settings).")
@click.option("--summary-json", type=click.Path(dir_okay=False, allow_dash=True),
              help="Also write the summary as JSON to this file (- for stdout).")
@click.option("--cluster", metavar="ADDRESS",
              help="Analyse on Dask: a scheduler (tcp://HOST:8786) or local:N; needs --out.")
@click.option("--out", metavar="DIR", help="With --cluster: the Parquet dataset to write (new or one to add to).")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="With --cluster: documents (lines, files) per task [default: 100].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths, db, workers, source, published, lang, reprocess, strict, limit, batch_size, max_chars,
           time_budget, text_field, title_field, date_field, url_field, source_field, id_field, delimiter, quotechar,
           columns, pipeline, summary_json, cluster, out, partition_size, quiet) -> None:
    """Analyse articles and store them: directories of .txt/.html/.json, JSON Lines, CSV/TSV, WARC (.gz too).

    Idempotent: a document already stored (same text or URL) is skipped, so an interrupted
    ingest is resumed by running the same command again. With --cluster the analysis runs on
    Dask workers and the result is a Parquet dataset (--out), which every query command reads
    with --db DIR, and `lagebild load` turns into a store file.
    """
    from lagebild.formats.readers import FieldMap, ReadOptions
    from lagebild.settings import Settings
    from lagebild.store.analyzed import AnalysisJob
    from lagebild.store.ingest import IngestOptions
    from lagebild.store.ingest import ingest as run_ingest

    if cluster or out:
        _check_cluster_options(cluster, out, db, workers, reprocess, strict)
    elif partition_size:
        raise InputError("--partition-size is for --cluster runs")
    if not paths and not reprocess and not cluster:
        raise InputError("nothing to ingest: give files or directories (or --reprocess)")
    settings = Settings(lang=lang, published=published, max_chars=max_chars, time_budget=time_budget)
    fields = FieldMap(text=text_field, title=title_field, published=date_field, url=url_field,
                      source=source_field, id=id_field)
    read = ReadOptions(fields=fields, published=published, source=source, max_chars=max_chars, delimiter=delimiter,
                       quotechar=quotechar, columns=column_names(columns))
    progress = None
    if not quiet:
        from lagebild.cli.output import progress as bar
        progress = lambda items, total: bar(items, "ingest", total=total)  # noqa: E731
    if cluster:
        from lagebild.scale.cluster import ClusterOptions, describe, ingest_cluster
        from lagebild.scale.partitions import DEFAULT_SIZE
        copts = ClusterOptions(cluster=cluster, partition_size=partition_size or DEFAULT_SIZE,
                               job=AnalysisJob(settings=settings, pipeline=pipeline), read=read, limit=limit)
        step = None if quiet else (lambda what: click.echo(f"lagebild: finalising: {what}", err=True))
        summary = ingest_cluster(list(paths), out, copts, progress, step)
        _print_summary(summary, sys.stderr)
        click.echo(f"lagebild: dataset {out}: {summary.partitions} partitions "
                   f"({summary.partitions_done_before} done before), query it with --db {out}", err=True)
        if summary_json:
            _write_json(summary_json, {**_summary_dict(summary), "cluster": describe(summary)})
        from lagebild.cli.output import check_outcome
        check_outcome(summary.stored + summary.reprocessed + summary.n_duplicates, summary.skipped + summary.errors)
        return
    options = IngestOptions(
        workers=workers if workers is not None else max(1, (os.cpu_count() or 2) - 1),
        batch_size=batch_size, strict=strict, reprocess=reprocess, limit=limit,
        job=AnalysisJob(settings=settings, pipeline=pipeline), read=read,
        fault=os.environ.get("LAGEBILD_FAULT"))   # crash-test hook (tests/store), unset in normal use
    import dataclasses
    import signal
    import threading
    # SIGTERM (a service manager, `kill`): finish the open transaction, then stop (exit 143)
    term = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: term.set())
    options = dataclasses.replace(options, stop=term.is_set)
    try:
        summary = run_ingest(_db_path(db), list(paths), options, progress)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _print_summary(summary, sys.stderr)
    if summary_json:
        _write_json(summary_json, _summary_dict(summary))
    from lagebild.cli.output import check_outcome
    # already stored counts as analysed: a second run of the same ingest is a success
    check_outcome(summary.stored + summary.reprocessed + summary.n_duplicates, summary.skipped + summary.errors)


def _check_cluster_options(cluster, out, db, workers, reprocess, strict) -> None:
    if not cluster or not out:
        raise InputError("--cluster and --out go together: the cluster writes a Parquet dataset to --out")
    clashes = [name for name, given in (("--db", db), ("--workers", workers is not None), ("--reprocess", reprocess),
                                        ("--strict", strict)) if given]
    if clashes:
        raise InputError(f"{', '.join(clashes)} cannot be used with --cluster (the dataset is --out; "
                         "the cluster's workers are set where they are started)")


def _summary_dict(s) -> dict[str, Any]:
    return {
        "read": s.read, "stored": s.stored, "duplicates": s.n_duplicates, "duplicate_reasons": dict(s.duplicates),
        "near_duplicate_links": s.near_duplicates, "renamed": s.renamed, "reprocessed": s.reprocessed,
        "truncated": s.truncated, "skipped": s.n_skipped, "skipped_reasons": dict(s.skipped),
        "errors": s.n_errors, "error_reasons": dict(s.errors), "batches": s.batches,
        "seconds": round(s.elapsed, 3),
        "problems": [{"kind": k, "file": p.source, "line": p.line, "reason": p.reason} for k, p in s.examples],
    }


def _reasons(counter) -> str:
    return f" ({', '.join(f'{r}: {n}' for r, n in counter.most_common())})" if counter else ""


def _print_summary(s, out: TextIO) -> None:
    rate = f", {s.stored / s.elapsed:.1f} documents/s" if s.elapsed > 0 and s.stored else ""
    lines = [f"ingest finished in {s.elapsed:.1f} s{rate}",
             f"  read        {s.read}",
             f"  stored      {s.stored}" + (f" ({s.renamed} under a new id: theirs was taken)" if s.renamed else ""),
             f"  duplicates  {s.n_duplicates}{_reasons(s.duplicates)}",
             f"  near-duplicate links  {s.near_duplicates}"]
    if s.reprocessed:
        lines.append(f"  reprocessed {s.reprocessed}")
    if s.truncated:
        lines.append(f"  truncated   {s.truncated} (over the length limit; the rest was dropped)")
    lines.append(f"  skipped     {s.n_skipped}{_reasons(s.skipped)}")
    lines.append(f"  errors      {s.n_errors}{_reasons(s.errors)}")
    for kind, p in s.examples[:MAX_PROBLEMS_SHOWN]:
        lines.append(f"    {kind}: {p}")
    if len(s.examples) > MAX_PROBLEMS_SHOWN or s.n_skipped + s.n_errors > len(s.examples):
        lines.append("    ... (all of them: --summary-json FILE)")
    out.write("\n".join(lines) + "\n")


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@db_option
def import_(paths, db) -> None:
    """Load Parquet shards, or a `lagebild export --format parquet` directory, into the store."""
    from lagebild.store import open_store
    with open_store(_db_path(db)) as st:
        summary = st.import_shards(list(paths))
    _print_summary(summary, sys.stderr)


@click.command()
@click.argument("dataset", type=click.Path(file_okay=False))
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Documents per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def load(dataset, db, batch_size, quiet) -> None:
    """Make a DuckDB store (--db) of a Parquet dataset written by `ingest --cluster` (merges into an existing one)."""
    from lagebild.scale.load import load as run_load
    progress = None
    if not quiet:
        from lagebild.cli.output import progress as bar
        progress = lambda items, total: bar(items, "load", total=total)  # noqa: E731
    summary = run_load(dataset, _db_path(db), batch_size, progress)
    _print_summary(summary, sys.stderr)


# --- queries -------------------------------------------------------------------------------------
@click.command()
@db_option
@event_filters
@click.option("--near", metavar="PLACE", help="Only events located near this place (a name, e.g. Gaza, or 'lat,lon').")
@click.option("--radius", default="50km", show_default=True, help="Distance for --near: 50km, 800m.")
@click.option("--lang", "near_lang", default="de", show_default=True, help="Language of the --near place name.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@format_option
def events(db, actor, recipient, type_, since, until, source, near, radius, near_lang, limit, fmt) -> None:
    """Stored events, filtered; jsonl gives the full event records."""
    from lagebild.store import open_store
    point = None
    if near:
        from lagebild.geo.near import near as near_point
        n = near_point(near, radius, near_lang)
        point = (n.lat, n.lon, n.radius_km)
    with open_store(_db_path(db), read_only=True) as st:
        if fmt == "jsonl":
            recs = st.event_records(actor, recipient, type_, since, until, source, near=point)
            _emit_records(recs, limit)
        else:
            _emit(st.events(actor, recipient, type_, since, until, source, limit, near=point), fmt, "Events", "events")


@click.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Part of the speaker's name, a Wikidata id or a code.")
@click.option("--since", callback=parse_date_option, help="Published on or after YYYY-MM-DD.")
@click.option("--until", callback=parse_date_option, help="Published on or before YYYY-MM-DD.")
@click.option("--source", help="Only articles from this source.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many quotes.")
@format_option
def quotes(db, speaker, since, until, source, limit, fmt) -> None:
    """Stored quotes, optionally by speaker; jsonl gives the full quote records."""
    from lagebild.store import open_store
    with open_store(_db_path(db), read_only=True) as st:
        if fmt == "jsonl":
            _emit_records(st.quote_records(speaker, since, until, source), limit)
        else:
            _emit(st.quotes(speaker, since, until, source, limit), fmt, "Quotes", "quotes")


@click.command()
@click.argument("a", metavar="CODE")
@click.argument("b", metavar="CODE")
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]), default="month",
              show_default=True)
@click.option("--since", callback=parse_date_option)
@click.option("--until", callback=parse_date_option)
@click.option("--directed", is_flag=True, help="Only events from the first actor to the second.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Also draw a bar chart into this .svg file.")
@format_option
def dyad(a, b, db, by, since, until, directed, plot, fmt) -> None:
    """Cooperation and conflict between two actors over time (PLOVER quad counts, score totals)."""
    from lagebild.store import open_store
    if plot and not plot.lower().endswith(".svg"):
        raise InputError(f"{plot}: --plot writes SVG; give a file name ending in .svg")
    with open_store(_db_path(db), read_only=True) as st:
        table = st.dyad(a, b, by, since, until, directed)
    arrow = "->" if directed else "<->"
    _emit(table, fmt, f"{a.upper()} {arrow} {b.upper()} by {by}")
    if plot:
        from lagebild.store.svg import dyad_chart
        Path(plot).write_text(dyad_chart(table.to_pylist(), f"{a.upper()} {arrow} {b.upper()} by {by}"),
                              encoding="utf-8")
        click.echo(f"lagebild: chart written to {plot}", err=True)


@click.command()
@db_option
@event_filters
@click.option("--window", type=click.IntRange(min=0), default=1, show_default=True,
              help="Days between mentions of the same event.")
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True)
@format_option
def clusters(db, actor, recipient, type_, since, until, source, window, min_articles, fmt) -> None:
    """The same event reported by several articles: mention, article and source counts."""
    from lagebild.store import open_store
    with open_store(_db_path(db), read_only=True) as st:
        table = st.clusters(actor, recipient, type_, since, until, source, window, min_articles)
    _emit(table, fmt, "Event clusters", "clusters")


@click.command()
@click.argument("query")
@db_option
@format_option
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Stop the query after this many seconds (0 = no limit).")
@click.option("--memory-limit", default="2GB", show_default=True,
              help="Memory the query may use (DuckDB units: 500MB, 4GB); nothing spills to disk.")
def sql(query, db, fmt, timeout, memory_limit) -> None:
    """Run a read-only SQL query, e.g. lagebild sql "SELECT event_type, count(*) FROM events GROUP BY 1"."""
    from lagebild.store import open_store
    with open_store(_db_path(db), sealed=True, memory_limit=memory_limit) as st:
        table = st.sql(query, timeout=timeout or None)
    _emit(table, fmt, None)


@click.command()
@click.argument("out", type=click.Path())
@db_option
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "parquet", "csv", "jsonl"]),
              required=True, help="plover/gdelt/csv: events; jsonl: all records; parquet: the whole store, or with filters the matching events and their documents (a directory).")
@event_filters
@click.option("--window", type=click.IntRange(min=0), default=1, show_default=True,
              help="Days between mentions of the same event (clusters).")
def export(out, db, fmt, actor, recipient, type_, since, until, source, window) -> None:
    """Export events (PLOVER, GDELT, CSV), all records (JSON Lines) or the store as Parquet (whole, or the filtered events and their documents)."""
    from lagebild.store import open_store
    from lagebild.store.export import export as run_export
    from lagebild.store.queries import EventFilter
    f = EventFilter(actor, recipient, type_, since, until, source)
    with open_store(_db_path(db), read_only=True) as st:
        n = run_export(st, fmt, Path(out), f, window)
    click.echo(f"lagebild: {n} {'documents' if fmt == 'parquet' else 'rows'} written to {out}", err=True)


@click.command()
@db_option
@click.option("--stage", type=click.Choice(["read", "analysis"]),
              help="read: unreadable or undecodable input; analysis: failed or over the time budget.")
@click.option("--reason", metavar="TEXT", help="Only items whose reason contains this (any case), e.g. 'time budget'.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many items.")
@format_option
def skipped(db, stage, reason, limit, fmt) -> None:
    """Input items that ingests skipped: where they lie, the stage and the reason (most recent first)."""
    from lagebild.store import open_store
    with open_store(_db_path(db), read_only=True) as st:
        _emit(st.skipped(stage, reason, limit), fmt, "Skipped", "skipped")


@click.command()
@db_option
def stats(db) -> None:
    """What the store holds (JSON)."""
    from lagebild.store import open_store
    with open_store(_db_path(db), read_only=True) as st:
        click.echo(json.dumps(st.stats(), default=str, indent=2, ensure_ascii=False))


# --- output ----------------------------------------------------------------------------------------
def _plain(v: Any) -> Any:
    if isinstance(v, (date,)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "+".join(_cell(x) for x in v) if all(not isinstance(x, dict) for x in v) else json.dumps(_plain(v))
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, dict):
        return json.dumps(_plain(v), ensure_ascii=False)
    return str(_plain(v))


def _emit(table, fmt: str, title: str | None, view: str | None = None) -> None:
    out = sys.stdout
    if fmt == "table" and view:
        table = table.select([c for c in TABLE_COLUMNS[view] if c in table.column_names])
    rows = table.to_pylist()
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(_plain(r), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(table.column_names)
        for r in rows:
            w.writerow([_cell(r[c]) for c in table.column_names])
    else:
        from rich.console import Console
        from rich.table import Table
        t = Table(title=f"{title} ({len(rows)})" if title else None, title_justify="left",
                  header_style="bold cyan")
        for c in table.column_names:
            t.add_column(c, overflow="fold", max_width=60 if c in {"text", "event_text"} else 24)
        for r in rows:
            t.add_row(*[_cell(r[c]) for c in table.column_names])
        Console(file=out).print(t)


def _emit_records(records, limit: int | None) -> None:
    for n, r in enumerate(records, start=1):
        sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        if limit and n >= limit:
            break


def _write_json(target: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")


COMMANDS = (ingest, import_, load, events, quotes, dyad, clusters, sql, export, stats, skipped)


def register(cli: click.Group) -> None:
    for cmd in COMMANDS:
        cli.add_command(cmd)
