"""Build the shipped warm-start cache for the German word analyser (HanTa lemma + STTS tag).

    pip install wordfreq==3.1.1
    python training/build_word_cache.py [--words 60000]
    python training/build_word_cache.py --extra 250000 [--jobs 2]   # words_extra.tsv.gz

HanTa analyses cost about 1-2 ms per new word form, which dominates the pipeline until its
per-process cache is warm. This script analyses the most frequent German word forms (from
wordfreq, CC BY-SA 4.0, which lowercases everything: each form is analysed lowercased and
capitalised) with exactly the code the pipeline uses (`WordAnalyzer._analyze`) and writes
`src/lagebild/models/de_wordcache/words.tsv.gz` (word, lemma, tag). The pipeline loads it at
start-up; a form in it gets the same analysis either way. Its nouns are also the compound heads
of `WordAnalyzer._compound`, which is therefore off here (no warm start): the cache holds
HanTa's own analyses, never head readings built on an earlier version of itself.

`--extra N` builds the second, larger cache (`words_extra.tsv.gz`): the forms of wordfreq's
words ranked from `--words` to N that the first cache lacks, each analysed exactly as the
pipeline analyses a word that misses the first cache (`WordAnalyzer._analyze` warm from the
shipped first cache, with the compound rules of `lang/de/compounds.yaml`), so a word found in
it gets the analysis it would get without it. Its lines are sorted by their UTF-8 bytes, which
`ExtraWordCache` searches in place. Rebuild it whenever the first cache, the compound rules or
the analyser change (a test checks a sample against the analyser).
"""
from __future__ import annotations

import argparse
import gzip
from pathlib import Path

MODEL = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "models" / "de_wordcache"
OUT = MODEL / "words.tsv.gz"
OUT_EXTRA = MODEL / "words_extra.tsv.gz"


def word_forms(words: list[str], seen: set[str]) -> list[str]:
    """The spellings of wordfreq's words worth caching, each once (`seen` is updated)."""
    forms: list[str] = []
    for w in words:
        # wordfreq lowercases and folds ß to ss: add the capitalised, the upper-case (short
        # words: acronyms) and the ß spellings; forms that do not occur cost nothing later
        variants = {w, w[:1].upper() + w[1:]}
        if len(w) <= 5:
            variants.add(w.upper())
        if "ss" in w:
            variants |= {v.replace("ss", "ß") for v in list(variants)}
        for f in sorted(variants):
            if f not in seen and any(c.isalpha() for c in f) and "\t" not in f and "\n" not in f:
                seen.add(f)
                forms.append(f)
    return forms


def runtime_analyzer():
    """The analyser as the pipeline builds it: warm from the shipped first cache, with rules."""
    from lagebild.components.tags import CompoundRules, WordAnalyzer, load_word_cache
    from lagebild.lang import load_language
    return WordAnalyzer("de", compounds=CompoundRules.from_entries(load_language("de").entries("compounds")),
                        warm=load_word_cache("de"))


def _analyze_chunk(forms: list[str]) -> list[tuple[str, str, str]]:
    analyzer = runtime_analyzer()
    # `_analyze`, not the cached call: each form as if it had missed every cache
    return [(f, *analyzer._analyze(f)) for f in forms]


def build_extra(first: int, last: int, jobs: int) -> None:
    import multiprocessing as mp

    import wordfreq

    from lagebild.components.tags import load_word_cache
    words = wordfreq.top_n_list("de", last)
    seen = set(load_word_cache("de"))
    word_forms(words[:first], seen)      # their forms belong to the first cache (or were left out)
    forms = word_forms(words[first:], seen)
    chunks = [forms[i:i + 20000] for i in range(0, len(forms), 20000)]   # one analyser load per chunk
    rows: list[tuple[str, str, str]] = []
    with mp.get_context("spawn").Pool(jobs) as pool:
        for n, part in enumerate(pool.imap_unordered(_analyze_chunk, chunks), 1):
            rows.extend(part)
            print(f"{n}/{len(chunks)} chunks", flush=True)
    rows.sort(key=lambda r: r[0].encode("utf-8"))
    with gzip.open(OUT_EXTRA, "wt", encoding="utf-8", compresslevel=9) as fh:
        for f, lemma, tag in rows:
            fh.write(f"{f}\t{lemma}\t{tag}\n")
    print(f"wrote {len(rows)} forms to {OUT_EXTRA}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=60000)
    ap.add_argument("--extra", type=int, default=0, help="build words_extra.tsv.gz from wordfreq ranks --words..N")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    if a.extra:
        build_extra(a.words, a.extra, a.jobs)
        return 0
    import wordfreq

    from lagebild.components.tags import WordAnalyzer
    analyzer = WordAnalyzer("de", warm_start=False)
    forms = word_forms(wordfreq.top_n_list("de", a.words), set())
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
