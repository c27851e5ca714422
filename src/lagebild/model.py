"""The document model: one `Document` flows through the pipeline components.

Every extracted item keeps character offsets into `Document.text`, so any record can be
traced back to its evidence (the provenance GDELT users miss). Components fill the lists;
`Document.records()` turns them into the JSON records that `lagebild analyze` prints and
the store keeps. Record shapes are documented in docs/records.md and validated against
`schemas/records.json` in the tests.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    sent: int                 # index of the sentence the token belongs to
    lemma: str = ""
    pos: str = ""             # STTS tag (HanTa), e.g. NN, NE, VVFIN
    space_after: bool = True


@dataclass(slots=True)
class Sentence:
    index: int
    start: int                # character offsets into Document.text
    end: int
    tok_start: int            # token range [tok_start, tok_end) in Document.tokens
    tok_end: int


@dataclass(slots=True)
class Entity:
    """A mention of an actor or place, resolved against the lexicon where possible."""
    text: str
    start: int
    end: int
    label: str                          # PER, ORG, GPE, LOC, NORP, AGENT
    sent: int
    code: str | None = None             # ISO 3166-1 alpha-3 or IGO acronym
    sector: str | None = None           # GOV, MIL, REB, ... (PLOVER/CAMEO agent codes)
    identifier_text: str | None = None  # canonical English name
    identifier_id: str | None = None    # Wikidata QID
    key: str | None = None              # lexicon key (stable across languages)
    source: str = "lexicon"             # lexicon | agent | alias | tagger | context
    tok_start: int = -1
    tok_end: int = -1

    def as_actor(self) -> dict[str, Any]:
        """PLOVER entity object, as used in event actor/recipient and quote speaker fields."""
        return {
            "entity_text": self.text, "start": self.start, "end": self.end,
            "code": self.code, "sector": self.sector,
            "identifier_text": self.identifier_text, "identifier_id": self.identifier_id,
        }


@dataclass(slots=True)
class Timex:
    text: str
    start: int
    end: int
    type: str                 # date | duration | set | time
    value: str | None         # ISO 8601
    sent: int = -1
    rule: str = ""            # id of the rule that fired (for debugging the data files)


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    counts: str | None = None   # what is counted ("Tote", "Handel")
    sent: int = -1


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    form: str                              # direct | indirect | reported | free_indirect
    sent: int = -1
    cue: dict[str, Any] | None = None      # {"text", "start", "end"}
    speaker: Entity | None = None
    addressee: Entity | None = None
    speaker_text: str | None = None        # speaker as written when it is no resolved entity
    # the named actor a pronoun or description speaker refers to ("sagte sie" -> "eine
    # Sprecherin des Auswärtigen Amtes"): reported as the speaker's `named_as`
    speaker_named: Entity | None = None


@dataclass(slots=True)
class Event:
    event: list[str]                       # PLOVER types
    mode: str | None
    context: list[str]
    actor: list[Entity]
    recipient: list[Entity]
    event_text: str
    sent: int
    start: int
    end: int
    date: str | None = None
    date_explicit: bool = False          # False: defaulted to the publication date
    cameo: str | None = None
    goldstein: float | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    confidence: float = 0.5
    reported_by: Entity | None = None
    trigger: str = ""
    trigger_lemma: str = ""              # internal: tells different acts apart when merging
    referential: bool = False            # internal: a noun that names an event told elsewhere
    infer_recipient: bool = True         # internal: a missing recipient may come from the story
    points_back: bool = False            # internal: a verdict on the act last told ("Das war ein Verbrechen")
    monadic: bool = False                # the trigger allows an event without a recipient
    pending_actor: bool = False          # passive, agent not named: resolved from the story
    mentions: list[dict[str, Any]] = field(default_factory=list)
    location: "Location | None" = None   # where it happened, when the clause says (geo/, `places`)


@dataclass(slots=True)
class Location:
    """A place resolved to a gazetteer entry: the PLOVER location object (manual, table
    "Location object") plus the span of the place mention, so that it points to its evidence.
    `resolution` is 5 sub-city, 4 city, 3 district, 2 province, 1 country."""
    extracted_place: str
    resolved_place: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None              # ISO 3166-1 alpha-3, like actor codes
    country: str | None = None
    city: str | None = None
    district: str | None = None
    province: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int = 1
    adm1_code: str | None = None          # GDELT ADM1 code: FIPS country + admin1 ("UP07")
    fips: str | None = None               # FIPS 10-4 country code (GDELT's geo country code)
    start: int = -1                       # the place mention in Document.text
    end: int = -1
    sent: int = -1

    def as_plover(self) -> dict[str, Any]:
        return {
            "extracted_place": self.extracted_place, "resolved_place": self.resolved_place,
            "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
            "city": self.city, "district": self.district, "province": self.province,
            "country": self.country, "country_code": self.country_code,
            "feature_class": self.feature_class, "feature_code": self.feature_code,
            "resolution": self.resolution, "adm1_code": self.adm1_code, "fips": self.fips,
            "start": self.start, "end": self.end,
        }


@dataclass(slots=True)
class Mention:
    """One mention in a coreference chain: a name, a pronoun, a definite description ("der
    Kremlchef", "das Land") or a plural description with two referents ("die beiden
    Präsidenten"). Token range [tok_start, tok_end) in Document.tokens."""
    text: str
    start: int
    end: int
    sent: int
    tok_start: int
    tok_end: int
    kind: str                              # name | pronoun | description | plural
    entity: Entity | None = None           # the name's entity, or the coref Entity made for this referent
    chains: tuple[int, ...] = ()           # ids of the chains it refers to (two for a plural)


@dataclass(slots=True)
class Chain:
    """The mentions of one participant across the article, in text order. `entity` is its
    named representative (the first name mention: code, sector, identifier)."""
    id: int
    entity: Entity
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Document:
    text: str
    id: str = ""
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # known names inside longer mentions ("SPD" in "SPD-Vorsitzende"): reported as entity
    # records, kept out of `entities`, which the event coder reads position by position
    name_parts: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    places: list["Location"] = field(default_factory=list)   # place mentions resolved to the gazetteer (geo/)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)[:16]

    # --- navigation helpers used by components -------------------------------------------
    def sentence_tokens(self, s: Sentence) -> list[Token]:
        return self.tokens[s.tok_start:s.tok_end]

    def sentence_of(self, char: int) -> int:
        """Index of the sentence containing character offset `char` (-1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if char < s.start:
                hi = mid - 1
            elif char >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]

    def records(self) -> Iterator[dict[str, Any]]:
        from lagebild.formats.records import document_records
        return document_records(self)


def content_hash(text: str) -> str:
    """Stable hash of the text, used for ids and de-duplication in the store."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
