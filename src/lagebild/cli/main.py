"""Command line: thin wrappers over the library (datasette/sqlite-utils style).

Errors become one line on stderr and a non-zero exit here, at the edge, and nowhere else.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from lagebild import __version__
from lagebild.cli.options import column_names, parse_date_option, table_options
from lagebild.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, InputError, LagebildError, PartialSuccess


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="lagebild")
@click.option("--debug", is_flag=True, help="Show full tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """lagebild: political events, quotes, sources, dates and quantities from news text."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("paths", nargs=-1, required=False)
@click.option("--published", callback=parse_date_option, help="Publication date YYYY-MM-DD (reference for relative dates).")
@click.option("--lang", type=click.Choice(["de", "en"]), help="Language of the input (default: detect).")
@click.option("--no-language-check", is_flag=True, help="With --lang: analyse even if the text looks like another language.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "plover", "gdelt"]),
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("--source", help="Source name recorded for documents that do not name one.")
@click.option("--max-chars", type=click.IntRange(1000), default=200_000, show_default=True,
              help="Longer texts are truncated (with a warning) so one huge file cannot stall a run.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds per document; a document that takes longer is skipped with its reason (0 = no limit).")
@click.option("--monadic-events", is_flag=True,
              help="Also report events whose recipient could not be found (fewer misses, more false positives).")
@click.option("--event-classifier", is_flag=True,
              help="Check weakly supported events with the learned sentence classifier (needs the embeddings extra; slower).")
@click.option("--text-field", default="text", show_default=True, help="JSON/CSV field holding the text.")
@table_options
def analyze(paths: tuple[str, ...], published, lang, no_language_check, fmt, source, max_chars, time_budget,
            monadic_events, event_classifier, text_field, delimiter, quotechar, columns) -> None:
    """Analyse articles: .txt, .html, .json/.jsonl records, a directory of them, or - for stdin."""
    from lagebild.analysis import analyze_items, make_pipeline
    from lagebild.cli.output import Writer, check_outcome
    from lagebild.formats.readers import Problem, ReadOptions, iter_inputs, reason_class
    from lagebild.settings import Settings

    if not paths:
        if sys.stdin.isatty():
            raise InputError("no input: give a file, a directory, or - to read stdin")
        paths = ("-",)
    settings = Settings(lang=lang, published=published, check_language=not no_language_check,
                        max_chars=max_chars, time_budget=time_budget, monadic_events=monadic_events,
                        event_classifier=event_classifier)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    pipeline = make_pipeline(settings)
    from lagebild.formats.readers import FieldMap
    opts = ReadOptions(fields=FieldMap(text=text_field), published=published, source=source,
                       max_chars=settings.max_chars, delimiter=delimiter, quotechar=quotechar,
                       columns=column_names(columns))
    problems: list[Problem] = []
    writer = Writer(fmt, sys.stdout)
    for item, records in analyze_items(iter_inputs(list(paths), opts), pipeline):
        if isinstance(item, Problem):
            problems.append(item)
            click.echo(f"lagebild: {item}", err=True)
            continue
        for w in item.warnings:
            click.echo(f"lagebild: warning: {item.id}: {w}", err=True)
        writer.write(item, records)
    writer.close()
    check_outcome(writer.documents, Counter(reason_class(p.reason) for p in problems))


@cli.group()
def lexicon() -> None:
    """Inspect and validate the language data (actors, agents, rules)."""


@lexicon.command("validate")
def lexicon_validate() -> None:
    """Validate the language data files and the shared actor facts against their schemas,
    and check that every language's actor names join a fact."""
    from lagebild.lang import validate_all
    problems = validate_all()
    for p in problems:
        click.echo(p, err=True)
    if problems:
        raise SystemExit(3)
    click.echo("all language data files are valid")


@lexicon.command("lookup")
@click.argument("text")
@click.option("--lang", default="de", type=click.Choice(["de", "en"]))
@click.option("--published", callback=parse_date_option, help="Date at which roles are resolved.")
def lexicon_lookup(text: str, lang: str, published) -> None:
    """Show how a short text is resolved, e.g. lagebild lexicon lookup "Kremlchef Putin"."""
    from lagebild.analysis import analyze_text
    from lagebild.settings import Settings
    doc = analyze_text(text, Settings(lang=lang, published=published, check_language=False,
                                      components=("language", "tokens", "tags", "actors")))
    for e in doc.entities:
        click.echo(json.dumps({"text": e.text, "label": e.label, "code": e.code, "sector": e.sector,
                               "identifier_text": e.identifier_text, "identifier_id": e.identifier_id,
                               "resolved_by": e.source}, ensure_ascii=False))


@lexicon.command("unknown")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["de", "en"]))
@click.option("--top", default=50, show_default=True, help="How many names to list.")
@click.option("--limit", default=0, help="Read at most this many documents (0 = all).")
def lexicon_unknown(paths: tuple[str, ...], lang, top: int, limit: int) -> None:
    """List the most frequent names the lexicon does not resolve, to extend it."""
    from lagebild.analysis import make_pipeline
    from lagebild.cli.output import progress
    from lagebild.formats.readers import Problem, ReadOptions, iter_inputs
    from lagebild.lexicon_tools import unknown_names
    from lagebild.settings import Settings
    settings = Settings(lang=lang, components=("language", "tokens", "tags", "actors"))
    pipeline = make_pipeline(settings)
    items = iter_inputs(list(paths), ReadOptions())
    docs = (x for x in items if not isinstance(x, Problem))
    counts: Counter = unknown_names(progress(docs, "reading", limit=limit), pipeline)
    for name, n in counts.most_common(top):
        click.echo(f"{n}\t{name}")


def _register_optional_groups() -> None:
    """Commands from other modules (store, exports) register themselves here."""
    try:
        from lagebild.cli import store_commands, story_commands, web_commands
    except ImportError:
        return
    store_commands.register(cli)
    story_commands.register(cli)
    for cmd in web_commands.COMMANDS:
        cli.add_command(cmd)


_register_optional_groups()


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI and converts every error into one line and an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="lagebild", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("lagebild: aborted", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except click.ClickException as e:
        click.echo(f"lagebild: {e.format_message()}", err=True)
        raise SystemExit(e.exit_code) from None
    except PartialSuccess as e:   # not an error: the summary of a run that skipped some inputs
        click.echo(f"lagebild: {e}", err=True)
        raise SystemExit(e.exit_code) from None
    except LagebildError as e:
        click.echo(f"lagebild: error: {e}", err=True)
        raise SystemExit(e.exit_code) from None
    except BrokenPipeError:
        # output piped into `head`: not an error worth a message
        sys.stderr.close()
        raise SystemExit(0) from None
    except KeyboardInterrupt:
        click.echo("lagebild: interrupted", err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except SystemExit:
        raise
    except Exception as e:  # last resort: a bug. One line, unless --debug.
        if debug:
            raise
        msg = " ".join(str(e).split())[:200]
        click.echo(f"lagebild: internal error: {type(e).__name__}: {msg} (run with --debug for details)", err=True)
        raise SystemExit(EXIT_INTERNAL) from None
    raise SystemExit(0)
