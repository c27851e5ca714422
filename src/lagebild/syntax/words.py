"""Word formation the layers share: the parts of closed compounds."""
from __future__ import annotations

from collections.abc import Iterator


def compass_rests(word: str, prefixes: tuple[str, ...], min_stem: int) -> Iterator[str]:
    """The names a compass compound may be a part of, longest prefix first: "Ostukraine" and
    "Süd-Libanon" give "Ukraine" and "Libanon" (the caller looks them up). `prefixes` are the
    language's compass words (geo data `compass_prefix`), sorted longest first."""
    for pre in prefixes:
        if word.startswith(pre):
            rest = word[len(pre):].lstrip("-")
            if len(rest) >= min_stem and rest[:1].isalpha():
                yield rest[:1].upper() + rest[1:]
