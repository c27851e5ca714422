"""Mutations of our own German sentences, shared by the fuzz tests and benchmarks/fuzz.py.

Every mutation is a pure function of (text, random.Random): byte flips, truncation, NUL and
control characters, right-to-left and zero-width marks, combining storms, unbalanced quotes,
very long tokens and very long lines. The base sentences are written for these tests.
"""
from __future__ import annotations

import random

BASE = [
    "Die Außenministerin traf am Dienstag in Wien ihren ukrainischen Amtskollegen.",
    "Der Kanzler sagte, die Regierung werde die Hilfe für die Ukraine im nächsten Jahr erhöhen.",
    "Russland warf der NATO vor, die Lage an der Grenze zu verschärfen.",
    "„Wir stehen an der Seite unserer Partner“, erklärte der Präsident nach dem Treffen.",
    "Nach Angaben des Ministeriums wurden 1.200 Soldaten in die Region verlegt.",
    "China und Brasilien vereinbarten am 3. März 2024 eine engere Zusammenarbeit beim Handel.",
    "Die Opposition forderte den Rücktritt des Innenministers, der die Vorwürfe zurückwies.",
    "Israels Armee griff in der Nacht Ziele im Süden des Libanon an, hieß es in Beirut.",
]
MARKS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069",
         "\ufeff", "\u00ad"]
CONTROLS = ["\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"]


def base_text(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(rng.choice(BASE) for _ in range(sentences))


def _at(text: str, rng: random.Random) -> int:
    return rng.randrange(len(text) + 1)


def flip_bytes(text: str, rng: random.Random) -> bytes:
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 8)):
        if raw:
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    return bytes(raw)


def truncate(text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    return raw[:rng.randrange(len(raw) + 1)]   # may cut a multi-byte character


def controls(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 10)):
        i = _at(text, rng)
        text = text[:i] + rng.choice(CONTROLS) + text[i:]
    return text


def marks(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 30)):
        i = _at(text, rng)
        text = text[:i] + rng.choice(MARKS) + text[i:]
    return text


def combining_storm(text: str, rng: random.Random) -> str:
    i = _at(text, rng)
    storm = "".join(chr(rng.randint(0x300, 0x36F)) for _ in range(rng.randint(50, 1500)))
    return text[:i] + "e" + storm + text[i:]


def unbalanced_quotes(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 12)):
        i = _at(text, rng)
        text = text[:i] + rng.choice(['"', "„", "“", "”", "«", "»", "'", "‚", "‘"]) + text[i:]
    return text


def long_token(text: str, rng: random.Random) -> str:
    i = _at(text, rng)
    kind = rng.randrange(3)
    if kind == 0:
        tok = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöüß") for _ in range(rng.randint(100, 3000)))
    elif kind == 1:
        tok = "https://example.org/" + "/".join("abc-def" for _ in range(rng.randint(20, 400)))
    else:
        tok = "Bundes" + "ministerium" * rng.randint(10, 300)
    return text[:i] + " " + tok + " " + text[i:]


def long_line(text: str, rng: random.Random) -> str:
    """No full stop for a long way: a list, a table, a spam line of speech verbs."""
    unit = rng.choice(["Putin sagte, ", "und ", "Merz, Scholz, ", "12,5 % ", "der Rat – "])
    return text + " " + unit * rng.randint(100, 5000)


TEXT_MUTATIONS = [controls, marks, combining_storm, unbalanced_quotes, long_token, long_line]
BYTE_MUTATIONS = [flip_bytes, truncate]


def mutate(rng: random.Random, rounds: int = 2) -> bytes:
    """A mutated text as bytes (some mutations work on bytes, so the result may not be UTF-8)."""
    text = base_text(rng)
    for _ in range(rounds):
        text = rng.choice(TEXT_MUTATIONS)(text, rng)
    if rng.random() < 0.3:
        return rng.choice(BYTE_MUTATIONS)(text, rng)
    return text.encode("utf-8")
