"""Option callbacks shared by every command (same flags, same messages)."""
from __future__ import annotations

from datetime import date

import click


def parse_date_option(ctx, param, value):
    """click callback: a YYYY-MM-DD option value as a date, or a one-line usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def parse_event_type_option(ctx, param, value):
    """click callback: a PLOVER event type (any case), or a usage error listing the types; an
    unknown type used to give a silently empty result (issue 15)."""
    if value is None:
        return None
    from lagebild.ontology import load_ontology
    types = load_ontology().types
    if value.strip().upper() not in types:
        raise click.BadParameter(f"{value!r} is not a PLOVER event type; one of {', '.join(types)}")
    return value.strip().upper()


def table_options(f):
    """CSV/TSV reading options shared by `analyze` and `ingest` (the raw 10kGNAD file, for
    one, is `;`-separated with no header: --delimiter ';' --columns label,text)."""
    for opt in reversed([
        click.option("--delimiter", help="CSV delimiter (default: ',' for .csv, tab for .tsv)."),
        click.option("--quotechar", default='"', show_default=True, help="CSV quote character."),
        click.option("--columns", help="CSV column names, comma-separated, for files without a header line."),
    ]):
        f = opt(f)
    return f


def column_names(columns: str | None) -> tuple[str, ...] | None:
    return tuple(c.strip() for c in columns.split(",")) if columns else None
