"""The rule compiler: placeholders, patterns, longest match, errors in the data."""
from __future__ import annotations

import re

import pytest

from lagebild.errors import DataError
from lagebild.timex import compile_grammar
from lagebild.timex.grammar import required_placeholders, trie_regex

# A toy language: the compiler must not care which words it is given.
TOY = [
    {"placeholder": "month", "forms": {"1": ["jan", "janu"], "2": ["feb"]}},
    {"placeholder": "day", "regex": r"3[01]|[12][0-9]|0?[1-9]"},
    {"placeholder": "num", "regex": r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?", "decimal_mark": ",",
     "forms": {"2": ["zwo"], "1.5": ["one and a half"]}},
    {"placeholder": "units", "forms": {"week": ["wk", "wks"]}},
    {"rule": "dm", "pattern": r"(?:on )?{day}\. {month}", "type": "date", "value": {"day": "$day", "month": "$month"}},
    {"rule": "m", "pattern": "in {month}", "type": "date", "value": {"month": "$month"}},
    {"rule": "dur", "pattern": "{num} {units}", "type": "duration", "value": {"unit": "$units", "n": "$num"}},
    {"rule": "nope", "pattern": "not {month}", "type": "date", "ignore": True},
]


@pytest.fixture(scope="module")
def toy():
    return compile_grammar(TOY)


def spans(g, text):
    return [(text[m.start:m.end], m.rule.id, dict(m.captures)) for m in g.find(text)]


def test_longest_non_overlapping_match(toy):
    assert spans(toy, "x on 7. jan y") == [("on 7. jan", "dm", {"day": "7", "month": "1"})]


def test_longer_form_of_a_placeholder_wins(toy):
    assert spans(toy, "in janu") == [("in janu", "m", {"month": "1"})]


def test_match_never_starts_or_ends_inside_a_word(toy):
    assert spans(toy, "pin jan") == []
    assert spans(toy, "in janx") == []
    assert spans(toy, "17. jan")[0][0] == "17. jan"


def test_digits_glued_to_letters_still_match(toy):
    assert spans(toy, "abc7. feb")[0][:2] == ("7. feb", "dm")


def test_numbers_follow_the_decimal_mark(toy):
    assert spans(toy, "1.500 wks")[0][2]["num"] == "1500"
    assert spans(toy, "1,5 wks")[0][2]["num"] == "1.5"
    assert spans(toy, "one and a half wks")[0][2]["num"] == "1.5"


def test_whitespace_in_forms_and_patterns_is_flexible(toy):
    assert spans(toy, "one  and\na half   wks")[0][1] == "dur"


def test_ignore_rule_claims_its_span(toy):
    found = toy.find("not jan")
    assert [m.rule.id for m in found] == ["nope"] and found[0].spec() is None


def test_trie_regex_matches_exactly_its_words():
    words = ["am", "an", "ab", "bis", "bis zum", "a"]
    rx = re.compile(f"(?:{trie_regex(words)})$")
    for w in words:
        assert rx.match(w)
    assert rx.match("bis   zum")
    assert not rx.match("bi") and not rx.match("amx")


@pytest.mark.parametrize("pattern,required", [
    ("{a} {b}", {"a", "b"}),
    ("(?:{a} )?{b}", {"b"}),
    ("(?:{a}|{b}) {c}", {"c"}),
    ("(?:{a} {b}|{a})", {"a"}),
    ("{a}(?={b})", {"a"}),
    ("{a}[{]?(?:x{2,3})? {b}*", {"a"}),
    ("(?P<x>{a})+ (?i:{b}) {c}{0,2}", {"a", "b"}),
    (r"\({a}\) {b:alias}", {"a", "b"}),
])
def test_required_placeholders(pattern, required):
    assert required_placeholders(pattern) == required


@pytest.mark.parametrize("entries,message", [
    ([{"rule": "r", "pattern": "{nothing}", "type": "date", "value": {"year": 1}}], "unknown placeholder"),
    ([{"rule": "r", "pattern": "(unclosed", "type": "date", "value": {"year": 1}}], "invalid regex"),
    ([{"placeholder": "p", "forms": {"1": ["x"]}},
      {"rule": "r", "pattern": "{p}", "type": "date", "value": {"year": "$q"}}], "does not capture"),
    ([{"rule": "r", "pattern": "x", "type": "date", "value": {"yaer": 1}}], "unknown value field"),
    ([{"rule": "r", "pattern": "x", "type": "date", "value": {"year": 1}},
      {"rule": "r", "pattern": "y", "type": "date", "value": {"year": 1}}], "defined twice"),
    ([{"placeholder": "p", "regex": "(("}], "invalid regex"),
    ([{"tense": "past", "regex": "(("}], "invalid regex"),
])
def test_bad_data_raises_data_error(entries, message):
    with pytest.raises(DataError, match=message):
        compile_grammar(entries)


def test_out_of_range_capture_gives_no_spec():
    g = compile_grammar([
        {"placeholder": "n", "regex": r"\d+"},
        {"rule": "r", "pattern": "m{n}", "type": "date", "value": {"month": "$n"}},
    ])
    assert [m.spec() for m in g.find("m13")] == [None]
    assert g.find("m12")[0].spec().month == 12


@pytest.mark.parametrize("low", ["x jan y", "one and a half", "one and a", "nothing here",
                                 "12 wks", "zwo", "", "janu", "xwkx"])
def test_occurs_in_is_a_substring_test_over_all_forms(toy, low):
    """The placeholder pre-filter (one regex over the forms) says exactly what testing each
    form as a substring would."""
    for p in toy.placeholders.values():
        naive = bool(p.regex and re.search(p.regex, low, re.IGNORECASE)) or any(f in low for f in p.forms)
        assert p.occurs_in(low) == naive


# Issue 14: a rule runs only on sentences with one of the words every match of it contains.
@pytest.mark.parametrize("pattern,words", [
    ("(?:{prep} )?(?:(?:dem|das) )?(?:{rel} )?Wochenende", {"Wochenende"}),
    ("(?:am|noch am) (?:selben|gleichen|nämlichen) Tag", {"selben", "gleichen", "nämlichen"}),
    ("(?:am|tags) (?:Tag )?(?:darauf|danach)|am (?:nächsten|folgenden) Tag|am Folgetag",
     {"darauf", "danach", "nächsten", "folgenden", "Folgetag"}),
    ("(?:der|den) (?-i:Morgens?)", {"Morgen"}),          # the optional "s" is not needed
    ("Jahr(?:es|s)?e?", {"Jahr"}),
    ("Woche(?:n)?ende", {"Woche"}),                      # a run ends at a group
    ("Tag+e", {"Ta"}),                                   # ... and before a repeated letter
    ("{day}\\. {month}", None),                          # placeholders only
    ("Uhr|{hour}", None),                                # an alternative without a word
    ("(?:x)?(?=Montag)", None),                          # optional parts and lookarounds need nothing
    ("(?:Jahr)?(?=Montag)y", {"y"}),
    ("(?P=a)bc", None),                                  # back-references: no gate at all
])
def test_required_words(pattern, words):
    from lagebild.timex.grammar import required_words
    assert required_words(pattern) == (frozenset(words) if words is not None else None)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_gates_change_no_match(lang):
    """`find` with the rules' gates and without them finds the same on every example of the
    language's rules and on the bundled sample articles."""
    import dataclasses
    import json
    from pathlib import Path

    from lagebild.lang import load_language
    from lagebild.timex.grammar import compile_grammar
    grammar = compile_grammar(load_language(lang).entries("time"))
    assert any(r.gate is not None for r in grammar.rules)
    ungated = dataclasses.replace(grammar, rules=tuple(dataclasses.replace(r, gate=None) for r in grammar.rules))
    samples = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "data" / "samples"
    texts = [ex for r in grammar.rules for ex in r.examples]
    texts += [f"Er sagte {ex} in Berlin, und {ex.upper()} war es." for r in grammar.rules for ex in r.examples]
    texts += [json.loads(line)["text"] for line in (samples / "demo-corpus.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    texts.append((samples / "xi-putin-telefonat.txt").read_text(encoding="utf-8"))
    def found(g, text):
        return [(m.rule.id, m.start, m.end, dict(m.captures)) for m in g.find(text)]
    for text in texts:
        assert found(grammar, text) == found(ungated, text), text
