"""The discourse lexicon: a language's `discourse` data, plus the person role nouns of its
`agents`, `quotes` and `actors` data, compiled into lookup tables.

The chain builder only asks questions such as "which agreement values can this determiner
have?" or "is this noun a role held by a person, and of which gender?"; it names no word.
Agreement values are the strings of the data: m.sg, f.sg, n.sg, pl.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL = frozenset({"m.sg", "f.sg", "n.sg", "pl"})
MASC, FEM, NEUT, PLURAL = "m.sg", "f.sg", "n.sg", "pl"
# Distinct words whose role lookup is remembered (word frequencies are Zipfian).
ROLE_CACHE_LIMIT = 100_000
# A compound head must leave a real first part: "Außenminister" ends in "minister".
MIN_MODIFIER = 3


@dataclass(frozen=True, slots=True)
class PersonRole:
    """A noun naming a role held by a person: its agent key (agents data) and sector."""
    key: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Head:
    refers: str                      # country | party
    agree: frozenset[str]


@dataclass
class DiscourseLexicon:
    tags: dict[str, frozenset[str]] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    pronouns: dict[str, frozenset[str]] = field(default_factory=dict)
    possessive: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    determiners: dict[str, frozenset[str]] = field(default_factory=dict)
    suffixes: tuple[tuple[str, frozenset[str]], ...] = ()
    honorifics: dict[str, frozenset[str]] = field(default_factory=dict)
    heads: dict[str, Head] = field(default_factory=dict)
    age_endings: dict[str, frozenset[str]] = field(default_factory=dict)
    key_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    families: dict[str, frozenset[str]] = field(default_factory=dict)
    roles: dict[str, PersonRole] = field(default_factory=dict)
    role_heads: tuple[tuple[str, PersonRole], ...] = ()
    # lexicon persons: gender and role keys read off the titles of their dated roles
    person_gender: dict[str, str] = field(default_factory=dict)
    person_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    _role_cache: dict[str, PersonRole | None] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.pronouns and not self.determiners

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def build(cls, entries: list[dict[str, Any]], agents: list[dict[str, Any]] = (),
              quote_roles: list[dict[str, Any]] = (), actors: list[dict[str, Any]] = ()) -> "DiscourseLexicon":
        lex = cls()
        words: dict[str, set[str]] = {}
        suffixes, possessive, objects = [], set(), set()
        for e in entries:
            kind = e["type"]
            agree = frozenset(e.get("agree") or ())
            if kind == "tags":
                lex.tags[e["name"]] = lex.tags.get(e["name"], frozenset()) | frozenset(e["tags"])
            elif kind == "words":
                words.setdefault(e["name"], set()).update(w.lower() for w in e["words"])
            elif kind in ("pronoun", "determiner", "honorific"):
                table = {"pronoun": lex.pronouns, "determiner": lex.determiners, "honorific": lex.honorifics}[kind]
                for f in e["forms"]:
                    table[f.lower()] = agree
                    if e.get("possessive"):
                        possessive.add(f.lower())
                    if e.get("object"):
                        objects.add(f.lower())
            elif kind == "suffix":
                suffixes.append((e["ending"].lower(), agree))
            elif kind == "head":
                for f in e["forms"]:
                    lex.heads[f.lower()] = Head(e["refers"], agree)
            elif kind == "age":
                lex.age_endings.update((x.lower(), agree) for x in e["endings"])
            elif kind == "keys":
                lex.key_prefixes[e["name"]] = lex.key_prefixes.get(e["name"], ()) + tuple(e["prefixes"])
            elif kind == "family":
                lex.families[e["broader"]] = lex.families.get(e["broader"], frozenset()) | frozenset(e["narrower"])
        lex.words = {k: frozenset(v) for k, v in words.items()}
        lex.possessive = frozenset(possessive)
        lex.objects = frozenset(objects)
        # longest ending first: "innen" before "in"
        lex.suffixes = tuple(sorted(suffixes, key=lambda x: -len(x[0])))
        lex._add_roles(agents, quote_roles, actors)
        lex._add_persons(actors)
        return lex

    def _add_roles(self, agents, quote_roles, actors) -> None:
        heads: dict[str, PersonRole] = {}
        for g in agents:
            if g.get("label") != "PER":
                continue
            r = PersonRole(g["key"], g.get("sector"))
            for f in g["forms"]:
                self.roles.setdefault(f.lower(), r)
            for h in g.get("compound_heads") or ():
                heads.setdefault(h.lower(), r)
        for q in quote_roles:
            if "PER" not in q.get("labels", ()) or q.get("spokesperson") or q.get("source"):
                continue
            r = PersonRole(None, q.get("sector"))
            self.roles.setdefault(q["noun"].lower(), r)
            if q.get("compound"):
                heads.setdefault(q["noun"].lower(), r)
        offices = self.key_prefixes.get("office", ())
        for a in actors:
            if offices and str(a["key"]).startswith(offices):
                for f in a["names"]:
                    self.roles.setdefault(f.lower(), PersonRole(None, a.get("sector")))
        self.role_heads = tuple(sorted(heads.items(), key=lambda x: -len(x[0])))

    def _add_persons(self, actors) -> None:
        for a in actors:
            if a.get("label") != "PER" or self.has_prefix("office", a["key"]):
                continue
            roles = sorted(a.get("roles") or (), key=lambda r: str(r.get("start") or ""), reverse=True)
            titles = [str(r["title"]) for r in roles if r.get("title")]
            gender = next((g for t in titles if (g := self.gender_of_title(t))), None)
            if gender:
                self.person_gender[a["key"]] = gender
            keys = {r.key for t in titles for w in t.replace("-", " ").split()
                    if (r := self.role(w)) is not None and r.key}
            if keys:
                self.person_roles[a["key"]] = frozenset(keys)

    # --- questions ---------------------------------------------------------------------------
    def tag(self, name: str, pos: str) -> bool:
        return pos in self.tags.get(name, ())

    def word(self, name: str, text: str) -> bool:
        return text.lower() in self.words.get(name, ())

    def has_prefix(self, name: str, key: str | None) -> bool:
        prefixes = self.key_prefixes.get(name, ())
        return bool(key and prefixes and key.startswith(prefixes))

    def role(self, word: str) -> PersonRole | None:
        """The person role a noun names, directly or as the head of a compound."""
        low = word.lower()
        if low in self._role_cache:
            return self._role_cache[low]
        r = self.roles.get(low) or self.roles.get(low.rsplit("-", 1)[-1])
        if r is None:
            r = next((x for h, x in self.role_heads if low.endswith(h) and len(low) >= len(h) + MIN_MODIFIER), None)
        if len(self._role_cache) < ROLE_CACHE_LIMIT:
            self._role_cache[low] = r
        return r

    def noun_agreement(self, word: str) -> frozenset[str]:
        """What a role noun's form allows: a marked form (feminine or plural ending on a role
        stem) fixes it; an unmarked role whose marked form is a role too is masculine or plural;
        anything else is open."""
        low = word.lower()
        for ending, agree in self.suffixes:
            if low.endswith(ending) and len(low) > len(ending) and self.role(low[:-len(ending)]) is not None:
                return agree
        if self.suffixes and self.role(low) is not None:
            marked = [e for e, a in self.suffixes if a == frozenset({FEM})]
            if any(self.role(low + e) is not None for e in marked):
                return frozenset({MASC, PLURAL})
        return ALL

    def age_noun(self, word: str) -> frozenset[str] | None:
        """'56-Jährige': a number, a hyphen and an age ending; what the ending agrees with."""
        num, _, rest = word.partition("-")
        return self.age_endings.get(rest.lower()) if num.isdigit() else None

    def gender_of_title(self, title: str) -> str | None:
        """m.sg or f.sg from the first role noun of a title that shows one ("Bundesarbeitsministerin")."""
        for w in title.replace("-", " - ").split():
            if self.role(w) is None and not any(
                    w.lower().endswith(e) and self.role(w[:-len(e)]) for e, _ in self.suffixes):
                continue
            agree = self.noun_agreement(w) - {PLURAL}
            if len(agree) == 1:
                return next(iter(agree))
        return None

    def role_covers(self, broader: str | None, narrower: str | None) -> bool:
        """Whether a description with role key `broader` may name a holder of role `narrower`."""
        if broader is None or narrower is None or broader == narrower:
            return True
        return narrower in self.families.get(broader, ())
