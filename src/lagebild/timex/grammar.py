"""Compile the `kind: time` data entries of one language into matchers (HeidelTime style).

Three kinds of entries (schema: lang/schemas/time.json):

* placeholder — a vocabulary mapping surface forms to canonical keys
  (`{placeholder: month, forms: {"3": [March, Mar.]}}`), and/or a regex whose match is read
  as a number (`{placeholder: year, regex: "..."}`);
* rule — a regex `pattern` over placeholders (`{day}\\. {month}`; a space means any
  whitespace; `{day:d1}` captures a second day as `d1`), a `type` and a `value` template
  (see `spec.py`);
* tense — cues for the tense of a clause (see `tense.py`).

The code knows only canonical keys; every word of a language lives in the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

from lagebild.errors import DataError
from lagebild.timex.spec import TEMPLATE_FIELDS, Spec, SpecError, build_spec, template_references
from lagebild.timex.tense import TenseCue

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")
# A match may not start or end inside a run of letters or a run of digits. Searching starts
# at word boundaries (\b: a cheap test; anything heavier at every position made each rule
# cost milliseconds per article); digits glued to a word ("Caracas19:51", scraped
# text) are tried separately, at the few places where a digit follows a letter.
_END = r"(?:(?<![^\W\d_])|(?![^\W\d_]))(?:(?<!\d)|(?!\d))"
_GLUED = re.compile(r"(?<=[^\W\d_])\d")


def norm_form(s: str) -> str:
    # lower(), not casefold(): casefold turns "ß" into "ss", which the regex would not match.
    return " ".join(s.lower().split())


def trie_regex(words: Iterable[str]) -> str:
    """One regex for a word list, shaped as a trie: Python's re tries the branches of a
    plain alternation one by one, which made every rule cost milliseconds per article.
    A space in a word matches any whitespace; longer words are preferred (greedy)."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if "" in node:
            return f"(?:{'|'.join(alts)})?"
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return emit(root)


@dataclass(frozen=True)
class Placeholder:
    name: str
    forms: Mapping[str, str]          # normalised surface form -> canonical key
    regex: str | None = None
    case_sensitive: bool = False
    decimal_mark: str = "."
    surface: tuple[str, ...] = ()     # the forms as written (what a case-sensitive regex needs)

    def alternation(self) -> str:
        words = {" ".join(w.split()) for w in self.surface} if self.case_sensitive else set(self.forms)
        alts = [trie_regex(words)] if words else []
        if self.regex:
            alts.append(f"(?:{self.regex})")
        body = "|".join(alts) or "(?!)"
        return f"(?-i:{body})" if self.case_sensitive else body

    def occurs_in(self, low: str) -> bool:
        """Could this placeholder match somewhere in `low` (lower-cased, whitespace-normalised
        text)? A cheap over-approximation used to skip rules that cannot match."""
        if self.regex and self._regex.search(low):
            return True
        return self._forms_regex.search(low) is not None

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        return re.compile(self.regex or "(?!)", re.IGNORECASE)

    @cached_property
    def _forms_regex(self) -> re.Pattern[str]:
        # one pass over the sentence instead of one substring search per form (the forms are
        # normalised and so is `low`, so the trie's any-whitespace matches the single spaces)
        return re.compile(trie_regex(self.forms) if self.forms else "(?!)")

    def canonical(self, text: str) -> str:
        key = self.forms.get(norm_form(text))
        if key is not None:
            return key
        # Regex placeholders capture numerals: drop thousands separators and ordinal dots.
        digits = re.sub(rf"[^\d{re.escape(self.decimal_mark)}]", "", text).strip(self.decimal_mark)
        return digits.replace(self.decimal_mark, ".") or text


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    type: str
    regex: re.Pattern[str]
    template: Mapping[str, Any]
    groups: Mapping[str, tuple[str, str]]   # regex group -> (placeholder, capture name)
    requires: frozenset[str] = frozenset()  # placeholders every match contains
    examples: tuple[str, ...] = ()
    ignore: bool = False                     # negative rule: claims its span, yields nothing
    # Words one of which every match contains (`required_words`), as one case-insensitive
    # pattern: a sentence without any of them cannot match, so the rule is not run on it.
    # Rules without placeholders every match needs ran on every sentence ("Wochenende",
    # "am Tag zuvor"): about a fifth of the time component.
    gate: re.Pattern[str] | None = None

    @cached_property
    def glued(self) -> re.Pattern[str]:
        """The rule without its left edge, tried where a digit follows a letter (_GLUED);
        compiled on first use, since most texts never need it."""
        return re.compile(self.regex.pattern.removeprefix(r"\b"), self.regex.flags)


@dataclass(frozen=True)
class Match:
    rule: Rule
    start: int
    end: int
    captures: Mapping[str, str | None]

    def spec(self) -> Spec | None:
        if self.rule.ignore:
            return None
        try:
            return build_spec(self.rule.type, self.rule.template, self.captures)
        except SpecError:
            return None


@dataclass(frozen=True)
class Grammar:
    placeholders: Mapping[str, Placeholder]
    rules: tuple[Rule, ...]
    cues: tuple[TenseCue, ...] = field(default=())

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def matches(self, text: str, rule: Rule, glued: list[int] | None = None) -> list[Match]:
        """Matches of `rule`; `glued` are offsets of digits that follow a letter."""
        found = list(rule.regex.finditer(text))
        for pos in [m.start() for m in _GLUED.finditer(text)] if glued is None else glued:
            m = rule.glued.match(text, pos)
            if m is not None:
                found.append(m)
        out = []
        for m in found:
            if m.end() <= m.start():
                continue
            caps: dict[str, str | None] = {}
            for group, (ph, name) in rule.groups.items():
                got = m.group(group)
                if got is not None and caps.get(name) is None:
                    caps[name] = self.placeholders[ph].canonical(got)
                caps.setdefault(name, None)
            out.append(Match(rule, m.start(), m.end(), caps))
        return out

    def find(self, text: str) -> list[Match]:
        """Longest non-overlapping matches of all rules, in text order (ties: file order)."""
        cands = []
        glued = [m.start() for m in _GLUED.finditer(text)]
        low = " ".join(text.lower().split())
        present = {name for name, p in self.placeholders.items() if p.occurs_in(low)}
        for i, rule in enumerate(self.rules):
            if rule.requires <= present and (rule.gate is None or rule.gate.search(text) is not None):
                cands.extend((m.start - m.end, m.start, i, m) for m in self.matches(text, rule, glued))
        cands.sort(key=lambda c: c[:3])
        chosen: list[Match] = []
        for *_, m in cands:
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)


def compile_grammar(entries: Iterable[Mapping[str, Any]]) -> Grammar:
    """Grammar from the (schema-valid) entries of `kind: time` files; DataError if inconsistent."""
    entries = list(entries)
    placeholders = {e["placeholder"]: _placeholder(e) for e in entries if "placeholder" in e}
    rules = tuple(_rule(e, placeholders) for e in entries if "rule" in e)
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise DataError(f"time rule '{r.id}' is defined twice")
        seen.add(r.id)
    cues = tuple(TenseCue.from_entry(e) for e in entries if "tense" in e)
    return Grammar(placeholders=placeholders, rules=rules, cues=cues)


def _placeholder(e: Mapping[str, Any]) -> Placeholder:
    forms: dict[str, str] = {}
    for key, words in (e.get("forms") or {}).items():
        for w in words:
            forms[norm_form(w)] = str(key)
    regex = e.get("regex")
    if regex:
        _check_regex(regex, f"placeholder '{e['placeholder']}'")
    surface = tuple(w for words in (e.get("forms") or {}).values() for w in words)
    return Placeholder(e["placeholder"], forms, regex, bool(e.get("case_sensitive", False)),
                       e.get("decimal_mark", "."), surface)


def _rule(e: Mapping[str, Any], placeholders: Mapping[str, Placeholder]) -> Rule:
    rid = e["rule"]
    groups: dict[str, tuple[str, str]] = {}

    def substitute(m: re.Match[str]) -> str:
        ph, alias = m.group(1), m.group(2) or m.group(1)
        if ph not in placeholders:
            raise DataError(f"time rule '{rid}': unknown placeholder {{{ph}}}")
        group = alias
        n = 2
        while group in groups:           # re forbids repeated group names: number them
            group, n = f"{alias}__{n}", n + 1
        groups[group] = (ph, alias)
        return f"(?P<{group}>{placeholders[ph].alternation()})"

    body = _PLACEHOLDER.sub(substitute, _spaces(e["pattern"]))
    flags = 0 if e.get("case_sensitive") else re.IGNORECASE
    regex = _check_regex(rf"\b(?:{body}){_END}", f"time rule '{rid}'", flags)
    template = dict(e.get("value") or {})
    unknown = set(template) - TEMPLATE_FIELDS
    if unknown:
        raise DataError(f"time rule '{rid}': unknown value field(s) {sorted(unknown)}")
    missing = template_references(template) - {alias for _, alias in groups.values()}
    if missing:
        raise DataError(f"time rule '{rid}': value refers to {sorted(missing)}, which the pattern does not capture")
    return Rule(rid, e["type"], regex, template, groups, required_placeholders(e["pattern"]),
                tuple(e.get("examples") or ()), bool(e.get("ignore", False)), _gate(e["pattern"]))


MIN_GATE_WORD = 3   # shorter words ("am") occur in almost every sentence: no use as a gate


def _gate(pattern: str) -> re.Pattern[str] | None:
    """The pattern of `required_words(pattern)`, case-insensitive (so it finds them in a
    case-sensitive rule's matches too); None if there are none or one is too short."""
    words = required_words(pattern)
    if not words or min(map(len, words)) < MIN_GATE_WORD:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words)), re.IGNORECASE)


# groups whose inside is ordinary pattern text (anything else, such as a back-reference or a
# conditional, leaves a pattern without a gate)
_PLAIN_GROUPS = ("(?:", "(?P<", "(?=", "(?!", "(?<=", "(?<!", "(?-i:", "(?i:")


def required_words(pattern: str) -> frozenset[str] | None:
    """Words (runs of literal letters and digits of a rule's pattern) one of which every
    match of `pattern` contains: in each alternative, the run or set of runs of a part that
    is neither optional nor inside a lookaround, the one whose shortest word is longest.
    None when some alternative has no such word."""
    k = pattern.find("(?")
    while k >= 0:
        if not pattern.startswith(_PLAIN_GROUPS, k):
            return None
        k = pattern.find("(?", k + 1)
    found, _ = _words_alternatives(pattern, 0)
    return frozenset(found) if found else None


def _words_alternatives(p: str, i: int) -> tuple[set[str] | None, int]:
    branches, i = _branches(p, i, _words_sequence)
    if any(b is None for b in branches):
        return None, i
    return set().union(*branches), i


def _words_sequence(p: str, i: int) -> tuple[set[str] | None, int]:
    best: set[str] | None = None
    run = ""

    def better(cand: set[str] | None) -> None:
        nonlocal best
        if cand and (best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    while i < len(p) and p[i] not in "|)":
        item, i, char = _words_item(p, i)
        if i < len(p) and p[i] in "?*+{" and not _PLACEHOLDER.match(p, i):
            optional = p[i] in "?*" or p.startswith("{0", i)
            i = p.index("}", i) + 1 if p[i] == "{" else i + 1
            if i < len(p) and p[i] in "?+":      # lazy / possessive marker
                i += 1
            # a quantified letter or group ends the run before it; it is needed (once at
            # least) only when not optional
            better({run} if run else None)
            run = ""
            if not optional:
                better(item)
            continue
        if char is not None:
            run += char
            continue
        better({run} if run else None)
        run = ""
        better(item)
    better({run} if run else None)
    return best, i


def _words_item(p: str, i: int) -> tuple[set[str] | None, int, str | None]:
    """(the words one of which the item needs, where it ends, the letter if it is one)."""
    ch = p[i]
    if ch == "\\":
        return None, i + 2, None
    if ch == "[":
        return None, _class_end(p, i), None
    if ch == "(":
        look, j = _group_body(p, i)
        inner, j = _words_alternatives(p, j)
        return (None if look else inner), j + 1, None
    m = _PLACEHOLDER.match(p, i)
    if m:
        return None, m.end(), None
    if ch.isalnum():
        return None, i + 1, ch
    return None, i + 1, None     # a space (any whitespace), ".", "^", "$", punctuation


def required_placeholders(pattern: str) -> frozenset[str]:
    """Placeholders that every match of `pattern` contains: those not inside an optional
    (?, *, {0,}) or alternative (|) part, nor inside a lookaround."""
    found, _ = _alternatives(pattern, 0)
    return frozenset(found)


def _alternatives(p: str, i: int) -> tuple[set[str], int]:
    branches, i = _branches(p, i, _sequence)
    return set.intersection(*branches), i


def _sequence(p: str, i: int) -> tuple[set[str], int]:
    out: set[str] = set()
    while i < len(p) and p[i] not in "|)":
        item, i = _item(p, i)
        if i < len(p) and p[i] in "?*+{" and not _PLACEHOLDER.match(p, i):
            optional = p[i] in "?*" or p.startswith("{0", i)
            i = p.index("}", i) + 1 if p[i] == "{" else i + 1
            if i < len(p) and p[i] in "?+":      # lazy / possessive marker
                i += 1
            if optional:
                item = set()
        out |= item
    return out, i


def _item(p: str, i: int) -> tuple[set[str], int]:
    ch = p[i]
    if ch == "\\":
        return set(), i + 2
    if ch == "[":
        return set(), _class_end(p, i)
    if ch == "(":
        look, j = _group_body(p, i)
        inner, j = _alternatives(p, j)
        return (set() if look else inner), j + 1
    m = _PLACEHOLDER.match(p, i)
    if m:
        return {m.group(1)}, m.end()
    return set(), i + 1


def _spaces(pattern: str) -> str:
    """A literal space in a pattern stands for any run of whitespace (not inside [...])."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class:
            if not (out and out[-1] == r"\s+"):
                out.append(r"\s+")
        else:
            out.append(ch)
    return "".join(out)


def _check_regex(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise DataError(f"{where}: invalid regex ({err})") from None


# The two pattern walkers above (required placeholders, required words) read a character
# class and a group's opening the same way.
def _class_end(p: str, i: int) -> int:
    """The index after the character class that opens at p[i] ("[^]a-z]")."""
    j = i + 1
    j += 1 if j < len(p) and p[j] == "^" else 0
    j += 1 if j < len(p) and p[j] == "]" else 0
    while p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def _group_body(p: str, i: int) -> tuple[bool, int]:
    """For the group that opens at p[i]: whether it is a lookaround, and where its body starts
    (after "(", "(?:", "(?P<name>", "(?<=" ...)."""
    look = p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i)
    if p.startswith("(?P<", i):
        return look, p.index(">", i) + 1
    if not p.startswith("(?", i):
        return look, i + 1
    j = i + 2
    while p[j] not in ":=!<)":
        j += 1
    j += 1
    if p[j - 1] == "<":
        j += 1
    return look, j


def _branches(p: str, i: int, sequence) -> tuple[list, int]:
    """What `sequence` reads of each "|"-separated branch from p[i] on, and where they end."""
    out = []
    while True:
        seq, i = sequence(p, i)
        out.append(seq)
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return out, i
