"""Language identification: the shipped detector against lingua's high-accuracy mode on every
German and English article in ../shared (never copied), and what each costs.

    python benchmarks/language_id.py [--json] [--snippets]

The shipped detector (`components/language.py`: lingua's low-accuracy mode, our languages'
marker words between its two best candidates when it is unsure) is compared, article by
article, with high accuracy over all candidates (the detector shipped before issue 14) and
with high accuracy between low accuracy's two best candidates (the fallback shipped before the
marker words). Every article that changes language is listed; the run exits 1 if one changes
away from its collection's language. Also counted: articles whose confidence crosses
`MIN_CONFIDENCE` (which decides whether a forced --lang that does not fit is refused) and how
many the shipped detector calls something other than the collection's language. Also
reported: how often the fallback ran, CPU seconds of each detector, and the memory (RSS
growth) and CPU time of building each.

`--snippets` also decides the starts of every article (first 3, 5 and 8 words, first
sentence) that low accuracy is unsure of, a far larger set of hard cases than whole articles
give, with the marker words and with the pair's high accuracy, and counts how often each
names the collection's language.
Exits cleanly when ../shared is absent.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def articles() -> list[tuple[str, str, str]]:
    """(collection, expected language, text) of every German and English article we have,
    the package's bundled samples included."""
    out: list[tuple[str, str, str]] = []
    de = SHARED / "corpora" / "de"
    with open(de / "tagesschau-zeit-2025-2026.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(("tagesschau", "de", rec.get("content") or rec.get("text") or ""))
    with open(de / "10kgnad-test.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                out.append(("10kgnad", "de", row[1]))
    for path in sorted((de / "wikinews-quotes").glob("*/*.json")):
        out.append(("wikinews-quotes", "de", json.loads(path.read_text(encoding="utf-8")).get("originalText") or ""))
    for lang in ("de", "en"):
        for path in sorted((SHARED / "gold" / lang).glob("*/*.txt")):
            out.append((f"gold-{lang}", lang, path.read_text(encoding="utf-8")))
    for path in sorted((SHARED / "corpora" / "en" / "bbc").glob("*/*.txt")):
        out.append(("bbc", "en", path.read_text(encoding="utf-8", errors="replace")))
    samples = REPO / "src" / "lagebild" / "data" / "samples"
    for path in sorted(samples.glob("*.txt")):
        out.append(("samples", "de", path.read_text(encoding="utf-8")))
    with open(samples / "demo-corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(("samples", rec.get("lang") or "de", rec["text"]))
    return [a for a in out if len(a[2].strip()) >= 20]


def pair_decision(detector, text: str, cache: dict) -> tuple[str | None, float]:
    """High accuracy between low accuracy's two best candidates: the fallback shipped before
    the marker words (loads those two languages' models, 65-90 MB a pair; `cache` keeps each
    pair's detector)."""
    from lingua import LanguageDetectorBuilder

    from lagebild.components.language import FALLBACK_CANDIDATES, SAMPLE_CHARS, lingua_decision
    sample = text[:SAMPLE_CHARS]
    ranked = [v.language for v in detector._low.compute_language_confidence_values(sample)[:FALLBACK_CANDIDATES]]
    key = tuple(sorted(lang.name for lang in ranked))
    if key not in cache:
        cache[key] = LanguageDetectorBuilder.from_languages(*ranked).build()
    return lingua_decision(cache[key], sample)


def snippets(detector, texts: list[tuple[str, str, str]], pairs: dict) -> dict[str, int]:
    """The starts of every article that low accuracy is unsure of, decided by the marker words
    (shipped) and by the pair's high accuracy (previous): how often each names the article's
    language, and how often they agree."""
    stats = {"unsure": 0, "agree": 0, "shipped_own": 0, "previous_own": 0}
    for _, lang, text in texts:
        words = text.split()
        for s in sorted({" ".join(words[:n]) for n in (3, 5, 8)} | {text.split(". ")[0]}):
            if len(s.strip()) < 20:
                continue
            before = detector.fallbacks
            shipped = detector.detect(s)[0]
            if detector.fallbacks == before:
                continue
            previous = pair_decision(detector, s, pairs)[0]
            stats["unsure"] += 1
            stats["agree"] += shipped == previous
            stats["shipped_own"] += shipped == lang
            stats["previous_own"] += previous == lang
    return stats


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--snippets", action="store_true")
    a = ap.parse_args()
    if not (SHARED / "corpora" / "de").exists():
        print("../shared/corpora not found: nothing to measure", file=sys.stderr)
        return 0
    from lagebild.components.language import MIN_CONFIDENCE, LanguageDetector, high_accuracy_detector, lingua_decision
    texts = articles()
    out: dict = {"articles": len(texts)}

    # The shipped detector first, in a process that has loaded nothing else: its memory.
    r0, c0 = rss_mb(), time.process_time()
    shipped = LanguageDetector()
    shipped.detect("Die Bundesregierung beschloss am Mittwoch neue Hilfen.")
    out["shipped_build_mb"], out["shipped_build_cpu_s"] = round(rss_mb() - r0), round(time.process_time() - c0, 2)
    r0, c0 = rss_mb(), time.process_time()
    new, fell_back = [], []
    for _, _, t in texts:
        before = shipped.fallbacks
        new.append(shipped.detect(t))
        fell_back.append(shipped.fallbacks > before)
    out["shipped_cpu_s"] = round(time.process_time() - c0, 2)
    out["fallbacks"] = shipped.fallbacks
    # what detecting every article added (the high-accuracy pair fallback added ~100 MB)
    out["shipped_run_growth_mb"] = round(rss_mb() - r0)

    # The previous fallback: high accuracy between low accuracy's two best candidates.
    previous, pairs = list(new), {}
    for i, (_, _, t) in enumerate(texts):
        if fell_back[i]:
            previous[i] = pair_decision(shipped, t, pairs)

    r0, c0 = rss_mb(), time.process_time()
    high = high_accuracy_detector()
    out["high_build_mb"], out["high_build_cpu_s"] = round(rss_mb() - r0), round(time.process_time() - c0, 2)
    c0 = time.process_time()
    old = [lingua_decision(high, t) for _, _, t in texts]
    out["high_cpu_s"] = round(time.process_time() - c0, 2)

    changed, changed_previous, crossed = [], [], []
    by_collection: dict[str, dict[str, int]] = {}
    for (coll, lang, text), (l1, c1), (l2, c2), (l3, c3) in zip(texts, old, new, previous):
        stats = by_collection.setdefault(coll, {"articles": 0, "not_own_language": 0, "changed_language": 0})
        stats["articles"] += 1
        stats["not_own_language"] += l2 != lang
        row = {"collection": coll, "language": lang, "high": [l1, round(c1, 3)], "previous": [l3, round(c3, 3)],
               "shipped": [l2, round(c2, 3)], "text": text[:80]}
        if l3 != l2:
            changed_previous.append(row)
        if l1 != l2:
            stats["changed_language"] += 1
            changed.append(row)
        elif (c1 >= MIN_CONFIDENCE) != (c2 >= MIN_CONFIDENCE):
            crossed.append(row)
    out["by_collection"] = by_collection
    out["changed_language"] = changed
    out["changed_from_previous"] = changed_previous
    out["crossed_min_confidence"] = crossed
    away = [r for r in changed + changed_previous if r["shipped"][0] != r["language"]]
    out["changed_away_from_own_language"] = away
    if a.snippets:
        out["snippets"] = snippets(shipped, texts, pairs)
    if a.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k:22s} {v}")
    return 1 if away else 0


if __name__ == "__main__":
    raise SystemExit(main())
