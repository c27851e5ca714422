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
