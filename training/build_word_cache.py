"""Build the shipped warm-start cache for the German word analyser (HanTa lemma + STTS tag).

    pip install wordfreq==3.1.1
    python training/build_word_cache.py [--words 60000]

HanTa analyses cost about 1-2 ms per new word form, which dominates the pipeline until its
per-process cache is warm. This script analyses the most frequent German word forms (from
wordfreq, CC BY-SA 4.0, which lowercases everything: each form is analysed lowercased and
capitalised) with exactly the code the pipeline uses (`WordAnalyzer._analyze`) and writes
`src/lagebild/models/de_wordcache/words.tsv.gz` (word, lemma, tag). The pipeline loads it at
start-up; a form in it gets the same analysis either way. Its nouns are also the compound heads
of `WordAnalyzer._compound`, which is therefore off here (no warm start): the cache holds
HanTa's own analyses, never head readings built on an earlier version of itself.
"""
from __future__ import annotations

import argparse
import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "models" / "de_wordcache" / "words.tsv.gz"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=60000)
    a = ap.parse_args()
    import wordfreq

    from lagebild.components.tags import WordAnalyzer
    analyzer = WordAnalyzer("de", warm_start=False)
    forms: list[str] = []
    seen: set[str] = set()
    for w in wordfreq.top_n_list("de", a.words):
        # wordfreq lowercases and folds ß to ss: add the capitalised, the upper-case (short
        # words: acronyms) and the ß spellings; forms that do not occur cost nothing later
        variants = {w, w[:1].upper() + w[1:]}
        if len(w) <= 5:
            variants.add(w.upper())
        if "ss" in w:
            variants |= {v.replace("ss", "ß") for v in list(variants)}
        for f in sorted(variants):
            if f not in seen and any(c.isalpha() for c in f) and "\t" not in f:
                seen.add(f)
                forms.append(f)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        for n, f in enumerate(forms):
            lemma, tag = analyzer._analyze(f)
            fh.write(f"{f}\t{lemma}\t{tag}\n")
            if n % 10000 == 0:
                print(f"{n}/{len(forms)}", flush=True)
    print(f"wrote {len(forms)} forms to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
