"""Typed settings, passed explicitly to everything that needs them (no module globals)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

SUPPORTED_LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class Settings:
    lang: str | None = None              # force a language; None = detect
    published: date | None = None        # reference date for relative time expressions
    max_chars: int = 200_000             # longer texts are truncated with a warning (news articles are < 50k)
    time_budget: float = 60.0            # seconds per document; past it the document is skipped (0 = none)
    check_language: bool = True          # refuse a text that is clearly not in `lang`
    monadic_events: bool = False         # also emit events without a recipient (less precise)
    event_classifier: bool = False       # check weak events with the learned classifier (embeddings extra)
    components: tuple[str, ...] = field(default=(
        "language", "tokens", "tags", "actors", "discourse", "time", "quantities", "quotes", "events",
        "places"))

    def with_(self, **kw) -> "Settings":
        return replace(self, **kw)
