"""Compile the `kind: time` data entries of one language into matchers (HeidelTime style).

Three kinds of entries (schema: lang/schemas/time.json):

* placeholder — a vocabulary mapping surface forms to canonical keys
  (`{placeholder: month, forms: {"3": [März, Mrz.]}}`), and/or a regex whose match is read
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
from typing import Any, Iterable, Mapping

from lagebild.errors import DataError
from lagebild.timex.spec import TEMPLATE_FIELDS, Spec, SpecError, build_spec, template_references
from lagebild.timex.tense import TenseCue

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")
# A match may not start or end inside a run of letters or a run of digits ("Venezuela19:51"
# still yields "19:51"); \b would forbid the first and allow "1990" inside "21990".
_EDGE = r"(?:(?<![^\W\d_])|(?![^\W\d_]))(?:(?<!\d)|(?!\d))"


def norm_form(s: str) -> str:
    return " ".join(s.casefold().split())


@dataclass(frozen=True)
class Placeholder:
    name: str
    forms: Mapping[str, str]          # normalised surface form -> canonical key
    regex: str | None = None
    case_sensitive: bool = False

    def alternation(self) -> str:
        # Longest forms first so "Samstagabend" is not cut to "Samstag" by the alternation.
        alts = [r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(self.forms, key=len, reverse=True)]
        if self.regex:
            alts.append(f"(?:{self.regex})")
        body = "|".join(alts) or "(?!)"
        return f"(?-i:{body})" if self.case_sensitive else body

    def canonical(self, text: str) -> str:
        key = self.forms.get(norm_form(text))
        if key is not None:
            return key
        # Regex placeholders capture numerals; keep the digits (and a decimal comma) only.
        return re.sub(r"[^\d,.]", "", text).strip(".,") or text


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    regex: re.Pattern[str]
    template: Mapping[str, Any]
    groups: Mapping[str, tuple[str, str]]   # regex group -> (placeholder, capture name)
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    rule: Rule
    start: int
    end: int
    captures: Mapping[str, str | None]

    def spec(self) -> Spec | None:
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

    def matches(self, text: str, rule: Rule) -> list[Match]:
        out = []
        for m in rule.regex.finditer(text):
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
        for i, rule in enumerate(self.rules):
            cands.extend((m.start - m.end, m.start, i, m) for m in self.matches(text, rule))
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
    return Placeholder(e["placeholder"], forms, regex, bool(e.get("case_sensitive", False)))


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
    regex = _check_regex(f"{_EDGE}(?:{body}){_EDGE}", f"time rule '{rid}'", flags)
    template = dict(e.get("value") or {})
    unknown = set(template) - TEMPLATE_FIELDS
    if unknown:
        raise DataError(f"time rule '{rid}': unknown value field(s) {sorted(unknown)}")
    missing = template_references(template) - {alias for _, alias in groups.values()}
    if missing:
        raise DataError(f"time rule '{rid}': value refers to {sorted(missing)}, which the pattern does not capture")
    return Rule(rid, e["type"], regex, template, groups, tuple(e.get("examples") or ()))


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
