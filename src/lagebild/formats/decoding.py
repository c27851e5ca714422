"""Bytes to text, as leniently as is honest (issue 15).

- A byte-order mark decides (UTF-8, UTF-16 and UTF-32, either byte order); UTF-16/32 without a
  mark is recognised by its NUL pattern. Anything else whose first 8 KB hold more than 1% NULs
  or 10% other control bytes is binary, the one case that is refused.
- Valid UTF-8 is UTF-8. NUL characters in it are removed, with a warning: they are never part
  of an article and break downstream tools, but one stray NUL must not cost the article.
- Invalid UTF-8 with valid multi-byte UTF-8 sequences elsewhere is UTF-8 with stray bad bytes
  (a truncated copy, a bad merge): they are replaced by U+FFFD, with a warning.
- Invalid UTF-8 without a single valid multi-byte sequence is a legacy single-byte encoding
  (Latin-1 and Windows-1252 are common in German archives): charset-normalizer names it, and
  the text is decoded with a warning that says which encoding was assumed.
Every step is linear in the input; charset-normalizer sees at most DETECT_BYTES of it.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lagebild.errors import InputError

SNIFF = 8192               # bytes looked at to call a file binary
DETECT_BYTES = 200_000     # bytes charset-normalizer sees (it is slow on large inputs)
BINARY_NUL_SHARE = 0.01    # more NULs than this in the head, without a UTF-16/32 pattern: binary
BINARY_CONTROL_SHARE = 0.10  # ... or more control bytes (other than tab, newline, form feed, CR)
BOMS = (   # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_CONTROL_TABLE = bytes.maketrans(_CONTROL, b"\x00" * len(_CONTROL))
FALLBACK_LEGACY = "cp1252"


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode(raw: bytes, detect: bool = True) -> Decoded:
    """`raw` as text, with warnings for whatever was guessed or replaced; InputError if binary.
    `detect=False` skips charset-normalizer (for one line of a JSON Lines file) and assumes
    Windows-1252 for a legacy encoding."""
    for bom, enc in BOMS:
        if raw.startswith(bom):
            return _finish(raw[len(bom):].decode(enc, errors="replace"), enc, [], replaced_ok=False)
    head = raw[:SNIFF]
    wide = _wide_unicode(head)
    if wide:
        return _finish(raw.decode(wide, errors="replace"), wide,
                       [f"no byte-order mark; decoded as {wide.upper()} by its pattern"], replaced_ok=False)
    # a minimum count, so that one stray NUL in a short text does not make it binary
    if head.count(0) > max(2, BINARY_NUL_SHARE * len(head)) or \
            head.translate(_CONTROL_TABLE).count(0) > max(2, BINARY_CONTROL_SHARE * len(head)):
        raise InputError("looks like a binary file (NUL or control bytes), not text")
    try:
        return _finish(raw.decode("utf-8"), "utf-8", [])
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(raw):
        text = raw.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - _count_replacement_chars(raw)
        return _finish(text, "utf-8", [f"{bad} byte(s) that are not valid UTF-8 replaced by U+FFFD"])
    enc = _detect_legacy(raw) if detect else FALLBACK_LEGACY
    return _finish(raw.decode(enc, errors="replace"), enc,
                   [f"not UTF-8; decoded as {enc} (a legacy encoding, detected)"
                    if detect else f"not UTF-8; decoded as {enc} (assumed)"])


def decode_or_problem(raw: bytes, source: str, detect: bool = True) -> Decoded:
    """As `decode`, with the source named in the error."""
    try:
        return decode(raw, detect)
    except InputError as e:
        raise InputError(f"{source}: {e}") from None


def _finish(text: str, enc: str, warnings: list[str], replaced_ok: bool = True) -> Decoded:
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"{n} NUL character(s) removed")
    if not replaced_ok and "\ufffd" in text:
        warnings.append(f"undecodable {enc} bytes replaced by U+FFFD")
    return Decoded(text, enc, warnings)


def _count_replacement_chars(raw: bytes) -> int:
    """U+FFFD already in the input (its UTF-8 bytes), so that only new replacements are counted."""
    return raw.count(b"\xef\xbf\xbd")


def _wide_unicode(head: bytes) -> str | None:
    """UTF-16/32 without a mark: mostly-ASCII text leaves NULs in fixed byte positions."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    h = head[:n]
    quarters = [h[i::4].count(0) / (n // 4) for i in range(4)]
    if quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] > 0.9 and quarters[0] < 0.1:
        return "utf-32-le"
    if quarters[0] > 0.9 and quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] < 0.1:
        return "utf-32-be"
    odd, even = h[1::2].count(0) / (n // 2), h[0::2].count(0) / (n // 2)
    if odd > 0.7 and even < 0.1:
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


_WESTERN_PUNCT = frozenset("„“”‚‘’–—…€«»§°·´`×÷±²³µ¶©®™†‡•¹¼½¾¿¡¢£¥¦¨ª¬¯¸º\xa0\xad")


def _plausible_western(text: str) -> bool:
    """Every non-ASCII character a Latin letter or common Western punctuation: what German,
    English or French text in Windows-1252 decodes to. Short texts ("Grüße") defeat statistical
    detectors, which then pick Arabic or Cyrillic code pages; this check does not."""
    import unicodedata
    for c in set(text):
        if c < "\x80" or c in _WESTERN_PUNCT:
            continue
        if not (c.isalpha() and "LATIN" in unicodedata.name(c, "")):
            return False
    # Cyrillic or Greek in their code pages also decode to Latin letters, but to nearly only
    # such letters; in Western text accented letters are a small share (German: ~1-2%)
    # (too few letters to tell: Western, the likelier reading for a German-first tool)
    letters = sum(1 for c in text if c.isalpha())
    return letters < 20 or sum(1 for c in text if c.isalpha() and c >= "\x80") <= 0.3 * letters


def _detect_legacy(raw: bytes) -> str:
    """Windows-1252 when it reads as Western text, else the single-byte encoding
    charset-normalizer finds most coherent, else Windows-1252 all the same."""
    if _plausible_western(raw[:DETECT_BYTES].decode(FALLBACK_LEGACY, errors="replace").replace("\ufffd", "")):
        return FALLBACK_LEGACY
    try:
        from charset_normalizer import from_bytes
    except ImportError:   # pinned dependency; a broken install still decodes, by the fallback
        return FALLBACK_LEGACY
    best = from_bytes(raw[:DETECT_BYTES]).best()
    if best is None or not best.encoding or best.encoding.replace("_", "-").startswith("utf"):
        return FALLBACK_LEGACY
    try:
        codecs.lookup(best.encoding)
    except LookupError:
        return FALLBACK_LEGACY
    return best.encoding
