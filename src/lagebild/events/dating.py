"""Event dates: which time expression values can date an event, and when a dated event
lies far enough back to be history rather than news."""
from __future__ import annotations

from datetime import date

from lagebild.model import Document

HISTORICAL_DAYS = 60
# a time of day on a named day ("am Samstagmorgen": 2026-01-24TMO) dates an event as well as
# the day itself; durations and sets do not
DATING_TYPES = frozenset({"date", "time"})


def as_event_date(value: str) -> str | None:
    """Event dates are YYYY, YYYY-MM or YYYY-MM-DD; other timex values (weeks, durations) are not."""
    v = value[:10]
    if len(v) in (4, 7, 10) and v[:4].isdigit() and "W" not in v and "X" not in v:
        try:
            if len(v) == 10:
                date.fromisoformat(v)
            return v
        except ValueError:
            return None
    return None


def relative_flags(value: str, published: date | None) -> set[str]:
    if published is None:
        return set()
    pub = published.isoformat()
    if value[:len(pub)] > pub[:len(value)]:
        return {"future"}
    try:
        d = date.fromisoformat(value if len(value) == 10 else (value + "-01" if len(value) == 7 else value + "-01-01"))
    except ValueError:
        return set()
    return {"historical"} if (published - d).days > HISTORICAL_DAYS + (30 if len(value) == 7 else 0) else set()


def in_timex(doc: Document, char: int) -> bool:
    """The character lies inside a time expression."""
    return any(t.start <= char < t.end for t in doc.timexes)
