"""Quotation marks paired on characters, not sentences.

The sentence splitter may cut inside a quotation ("„Wir kommen. Das ist klar“, sagte er."),
so direct quotes are found on the raw text with a stack of open marks: nested quotes (‚…‘
inside „…“) come out with their depth, a closing mark may close an outer opening mark when an
inner one was never closed, and whatever is still open at the end of a paragraph is dropped
(best effort: an unbalanced mark never produces a quote that runs across paragraphs).
"""
from __future__ import annotations

from dataclasses import dataclass

from lagebild.quotes.lexicon import MarkPair

PARAGRAPH_BREAK = "\n"
# Quotations nest two or three deep; more open marks than this are stray marks, and the
# oldest is dropped so that a text full of them stays linear.
MAX_OPEN = 8


@dataclass(frozen=True, slots=True)
class MarkSpan:
    open_at: int      # offset of the opening mark
    close_at: int     # offset of the closing mark
    depth: int        # 0 = outermost

    @property
    def start(self) -> int:
        return self.open_at + 1

    @property
    def end(self) -> int:
        return self.close_at

    @property
    def outer_end(self) -> int:
        return self.close_at + 1


def _word_char(c: str) -> bool:
    return c.isalnum()


def _can_open(text: str, i: int, pair: MarkPair) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else ""
    prev = text[i - 1] if i > 0 else ""
    if not nxt or nxt.isspace():
        return False          # an opening mark is followed by the quoted text
    if pair.single and _word_char(prev):
        return False          # "Trump's", "geht's": an apostrophe, not a quotation mark
    return True


def _can_close(text: str, i: int, pair: MarkPair) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if pair.single and _word_char(nxt):
        return False          # "don’t": an apostrophe inside a word
    if prev and not prev.isspace():
        return True           # a closing mark follows the quoted text
    # sloppy spacing ("Text “, sagte er"): a double mark before a non-letter still closes
    return not pair.single and not _word_char(nxt)


def find_marks(text: str, marks: dict[str, MarkPair]) -> list[MarkSpan]:
    """All balanced quotation spans in `text`, sorted by opening offset."""
    out: list[MarkSpan] = []
    stack: list[tuple[MarkPair, int]] = []
    closers = {c for p in marks.values() for c in p.closes}
    for i, c in enumerate(text):
        if c == PARAGRAPH_BREAK:
            stack.clear()
            continue
        if c not in marks and c not in closers:
            continue
        k = _closing_level(text, i, c, stack)
        if k is not None:
            pair, at = stack[k]
            out.append(MarkSpan(open_at=at, close_at=i, depth=k))
            del stack[k:]
            continue
        pair = marks.get(c)
        if pair is not None and _can_open(text, i, pair):
            if pair.reopens and stack and stack[-1][0] is pair and _after_sentence(text, i):
                # 'he said: "A is B. "C is D."': a quotation of several paragraphs opens each
                # one again and closes only the last; with the paragraph breaks lost, the mark
                # that opens the next paragraph ends the one before
                out.append(MarkSpan(open_at=stack[-1][1], close_at=i - 1, depth=len(stack) - 1))
                stack.pop()
            if len(stack) >= MAX_OPEN:
                del stack[0]
            stack.append((pair, i))
    out.sort(key=lambda m: (m.open_at, -m.close_at))
    return out


def _after_sentence(text: str, i: int) -> bool:
    """The mark at i follows the end of a sentence and a space ('... hope. "Labour')."""
    return i >= 2 and text[i - 1] == " " and text[i - 2] in ".!?"


def _closing_level(text: str, i: int, c: str, stack: list[tuple[MarkPair, int]]) -> int | None:
    """Index in `stack` of the opening mark that `c` at `i` closes, or None.

    The innermost open mark that accepts `c` wins; inner marks above it were never closed and
    are abandoned. A mark that both opens and closes (the straight double quote) closes only
    when the same mark is open."""
    for k in range(len(stack) - 1, -1, -1):
        pair, _ = stack[k]
        if c in pair.closes and _can_close(text, i, pair):
            if k < len(stack) - 1 and stack[-1][0].open == c and c in stack[-1][0].closes:
                return len(stack) - 1 if _can_close(text, i, stack[-1][0]) else None
            return k
    return None
