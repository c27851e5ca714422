"""Read the shared German corpora and split them reproducibly (training + benchmark helper).

Shared by `training/convert.py` (writes spaCy DocBins) and `benchmarks/tagger_compare.py`
(scores spaCy and HanTa on the very same held-out sentences). Nothing here writes into the
repository: the corpora are read from `../shared` and every derived file goes to a work
directory outside the tree (their licences forbid copying the sentences into the project).

Splits are decided by a hash of each sentence's id, so they are stable across runs and
machines and do not depend on file order.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
UD_DIR = SHARED / "corpora" / "de" / "ud"
NER_DIR = SHARED / "corpora" / "de" / "ner"

# (file, does its XPOS column hold STTS?) -- PUD's XPOS column is Penn-style, not STTS, so its
# STTS tags are left missing and the tagger learns STTS from GSD alone.
UD_FILES = (("de_gsd-ud-dev.conllu", True), ("de_gsd-ud-test.conllu", True),
            ("de_pud-ud-test.conllu", False))
UD_TEST_PCT, UD_DEV_PCT = 15, 10          # per-cent of sentences held out / used for early stopping
NER_TEST_PCT, NER_DEV_PCT = 30, 8         # of GermEval's test file (held out) / of the rest (dev)

# UD splits German preposition+article contractions into two syntactic words; the news
# tokenizer (and HanTa) keep the surface word as one token, so the training data must too.
# The merged token keeps the preposition's head/deprel/lemma and the article's features (Case).
MERGED_XPOS = {("APPR", "ART"): "APPRART", ("PTKZU", "ART"): "APPRART"}


@dataclass(slots=True)
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str                 # STTS, or "" when the treebank has none
    feats: str                # UD FEATS string, "" for none
    head: int                 # 0-based index into the sentence; the root points to itself
    deprel: str
    space_after: bool


@dataclass(slots=True)
class UDSentence:
    sent_id: str
    treebank: str
    tokens: list[UDToken] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [t.form for t in self.tokens]


@dataclass(slots=True)
class NERSentence:
    sent_id: str
    words: list[str]
    iob: list[str]            # IOB2 tags with the labels PER, ORG, LOC, OTH (or MISC)


def split_of(key: str, test_pct: int, dev_pct: int) -> str:
    """'test', 'dev' or 'train' for a sentence id, stable across runs."""
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 100
    if h < test_pct:
        return "test"
    return "dev" if h < test_pct + dev_pct else "train"


# --- UD ------------------------------------------------------------------------------------
def _feats(s: str) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in s.split("|")) if s not in ("", "_") else {}


def _merge_feats(parts: list[list[str]]) -> str:
    merged: dict[str, str] = {}
    for p in parts:
        merged.update(_feats(p[5]))
    return "|".join(f"{k}={v}" for k, v in sorted(merged.items()))


def _surface_tokens(rows: list[list[str]], stts: bool) -> list[UDToken]:
    """Turn CoNLL-U word lines (with multiword ranges) into surface tokens."""
    ranges = {}
    for r in rows:
        if "-" in r[0]:
            a, b = map(int, r[0].split("-"))
            ranges[a] = (b, r)
    words = {int(r[0]): r for r in rows if r[0].isdigit()}
    surface: list[tuple[list[str], list[list[str]]]] = []   # (surface row, its word rows)
    word2surf: dict[int, int] = {}
    i = 1
    while i in words:
        if i in ranges:
            b, r = ranges[i]
            subs = [words[k] for k in range(i, b + 1)]
            for k in range(i, b + 1):
                word2surf[k] = len(surface)
            surface.append((r, subs))
            i = b + 1
        else:
            word2surf[i] = len(surface)
            surface.append((words[i], [words[i]]))
            i += 1
    out = []
    for idx, (row, subs) in enumerate(surface):
        main = subs[0]
        head_word = int(main[6])
        head = idx if head_word == 0 else word2surf[head_word]
        deprel = main[7]
        if head == idx and head_word != 0:        # head inside the same contraction
            other = next((s for s in subs[1:] if word2surf.get(int(s[6]), idx) != idx
                          or s[6] == "0"), main)
            head = idx if other[6] == "0" else word2surf[int(other[6])]
            deprel = other[7]
        xpos = ""
        if stts:
            tags = tuple(s[4] for s in subs)
            xpos = tags[0] if len(tags) == 1 else MERGED_XPOS.get(tags, tags[0])
        out.append(UDToken(form=row[1], lemma=main[2], upos=main[3], xpos=xpos,
                           feats=_merge_feats(subs), head=head,
                           deprel="ROOT" if head == idx else deprel,
                           space_after="SpaceAfter=No" not in row[9]))
    return out


def read_conllu(path: Path, stts: bool) -> Iterator[UDSentence]:
    sent_id, rows = "", []
    treebank = path.name.split("-")[0]
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif line.strip():
            rows.append(line.split("\t"))
        elif rows:
            rows = [r for r in rows if "." not in r[0]]     # drop enhanced-UD empty nodes
            yield UDSentence(f"{treebank}:{sent_id}", treebank, _surface_tokens(rows, stts))
            rows = []


def ud_sentences(split: str | None = None) -> list[UDSentence]:
    sents = [s for name, stts in UD_FILES for s in read_conllu(UD_DIR / name, stts)]
    if split is None:
        return sents
    return [s for s in sents if split_of(s.sent_id, UD_TEST_PCT, UD_DEV_PCT) == split]


# --- NER -----------------------------------------------------------------------------------
def _iob2(tags: list[str]) -> list[str]:
    """IOB1 (Europarl: 'I-' opens an entity) to IOB2."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def _coarse(tag: str) -> str:
    # GermEval's derived/part labels (e.g. adjectives of place names) are no entity mentions
    # in our sense; the usual "outer, coarse" evaluation drops them, and so do we.
    if tag == "O" or tag[2:] not in ("PER", "ORG", "LOC", "OTH", "MISC"):
        return "O"
    return tag


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    block: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip() and not line.startswith("#"):
            block.append(line.split("\t"))
        elif block:
            yield block
            block = []


def read_germeval(name: str) -> Iterator[NERSentence]:
    for i, block in enumerate(_blocks(NER_DIR / "germeval2014" / f"{name}.tsv")):
        yield NERSentence(f"germeval:{name}:{i}", [r[1] for r in block],
                          [_coarse(r[2]) for r in block])


def read_europarl(name: str) -> Iterator[NERSentence]:
    """Europarl NER (evaluation only: its licence is unknown)."""
    for i, block in enumerate(_blocks(NER_DIR / "europarl" / f"{name}.tsv")):
        tags = [("I-OTH" if r[4] == "I-MISC" else r[4]) for r in block]
        yield NERSentence(f"europarl:{name}:{i}", [r[0] for r in block], _iob2(tags))


def germeval_sentences(split: str) -> list[NERSentence]:
    """'test' = held-out part of GermEval's test file; 'dev'/'train' = the rest."""
    out = []
    for s in list(read_germeval("dev")) + list(read_germeval("test")):
        held_out = s.sent_id.startswith("germeval:test") and \
            split_of(s.sent_id, NER_TEST_PCT, 0) == "test"
        part = "test" if held_out else split_of("rest:" + s.sent_id, 0, NER_DEV_PCT)
        if part == split:
            out.append(s)
    return out
