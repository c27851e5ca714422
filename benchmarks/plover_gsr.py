"""English event coding on the PLOVER gold-standard sentences (../shared/reference/plover/
PLOVER_GSR_CAMEO.txt: 322 sentences with their PLOVER type and actor/target codes, in an older
PLOVER whose DEMAND, DISAPPROVE and FIGHT are today's REQUEST, ACCUSE and ASSAULT).

    python benchmarks/plover_gsr.py [--json] [--limit N]

Each sentence is analysed alone (lang en, published on its date). Reported:
- coverage: sentences for which lagebild asserts at least one event;
- type accuracy: of the covered sentences, those where one asserted event has the gold type;
- actor / recipient code accuracy: of the sentences with the right type and a gold actor
  (target), those where that event's actor (recipient) code is one of the gold codes. The file's
  IGO and NGO are classes, not codes: any organisation code (not a state's) matches them.
Sentences of INVESTIGATE (no type any more) and the DOCUMENT header are left out.
Reads ../shared (never copies it); exits 0 with a note when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GSR = REPO.parent / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
SKIP = {"DOCUMENT", "INVESTIGATE"}
# the file's few CAMEO country codes that are not ISO 3166 alpha-3
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA"}
CLASSES = {"IGO", "NGO"}


def gold_codes(actors) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {CAMEO_TO_ISO.get(a["code"], a["code"]) for a in actors if isinstance(a, dict) and a.get("code")}


def code_ok(got: str | None, gold: set[str]) -> bool:
    if not got:
        return False
    if got in gold:
        return True
    # an organisation's code is an acronym or a group code, never a state's three letters
    return bool(gold & CLASSES) and not (len(got) == 3 and got.isalpha() and got.isupper() and got not in {"IGO", "NGO"})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    if not GSR.exists():
        print(f"{GSR} not found: nothing to score", file=sys.stderr)
        return 0
    from lagebild.analysis import make_pipeline
    from lagebild.model import Document
    from lagebild.settings import Settings
    items = [x for x in json.loads(GSR.read_text(encoding="utf-8")) if x["event"] not in SKIP and x.get("text")]
    if a.limit:
        items = items[:a.limit]
    pipeline = make_pipeline(Settings(lang="en", check_language=False))
    n = covered = typed = actor_n = actor_ok = rec_n = rec_ok = 0
    cpu = time.process_time()
    for x in items:
        n += 1
        want = OLD_NAMES.get(x["event"], x["event"])
        doc = pipeline(Document(text=x["text"], lang="en", published=date.fromisoformat(x["date"])))
        events = [r for r in doc.records() if r["kind"] == "event" and not r["context"]]
        if not events:
            continue
        covered += 1
        right = [r for r in events if want in r["event"]]
        if not right:
            continue
        typed += 1
        src, tgt = gold_codes(x.get("source")), gold_codes(x.get("target"))
        if src:
            actor_n += 1
            actor_ok += any(code_ok(e["code"], src) for r in right for e in r["actor"])
        if tgt:
            rec_n += 1
            rec_ok += any(code_ok(e["code"], tgt) for r in right for e in r["recipient"] or [])
    cpu = time.process_time() - cpu
    out = {"sentences": n, "coverage": round(covered / max(1, n), 3),
           "type_accuracy": round(typed / max(1, covered), 3),
           "actor_code_accuracy": round(actor_ok / max(1, actor_n), 3),
           "recipient_code_accuracy": round(rec_ok / max(1, rec_n), 3),
           "sentences_per_cpu_second": round(n / max(cpu, 1e-9), 1)}
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:26} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
