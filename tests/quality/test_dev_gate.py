"""Quality gate (trafilatura style): gold-set scores must not fall below the floors in
floors.json (dev, and train without its blind third). Floors are only ever raised. Skips
when ../shared is absent."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
MAXIMA = {"event_traps_hit", "event_duplicate_rate"}   # lower is better: the floor is a ceiling
# floors.json section -> (gold folder under ../shared/gold, score_dev.py --split)
SETS = {"de_dev": ("de/dev", "all"), "de_train_work": ("de/train", "work"), "en_dev_work": ("en/dev", "work")}


pytestmark = pytest.mark.skipif(not (SHARED / "gold" / "de" / "dev").exists() or not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared gold data not present")


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = {}
    for name, (folder, split) in SETS.items():
        gold = SHARED / "gold" / folder
        if not gold.exists():
            continue
        pred = tmp_path_factory.mktemp(name)
        r = subprocess.run([sys.executable, str(REPO / "benchmarks" / "score_dev.py"), "--gold", str(gold),
                            "--split", split, "--out", str(pred), "--json"],
                           capture_output=True, text=True, timeout=1800)
        assert r.returncode == 0, r.stderr[-2000:]
        s = json.loads(r.stdout.strip().splitlines()[-1])
        # the target: duplicates at most 10 % of asserted events
        s["event_duplicate_rate"] = s["event_duplicates"] / max(1, s["events_asserted"])
        out[name] = s
    return out


@pytest.mark.parametrize("gold_set, metric", [(g, m) for g in sorted(FLOORS) if not g.startswith("_")
                                              for m in sorted(FLOORS[g])])
def test_floor(scores, gold_set, metric):
    if gold_set not in scores:
        pytest.skip(f"{gold_set} gold not present")
    floor = FLOORS[gold_set][metric]
    got = scores[gold_set][metric]
    if metric in MAXIMA:
        assert got <= floor, f"{gold_set} {metric} = {got}, allowed at most {floor}"
    else:
        assert got >= floor, f"{gold_set} {metric} = {got} fell below the floor {floor}"


def test_floors_file_is_sane():
    for g, floors in FLOORS.items():
        if g.startswith("_"):
            continue
        assert g in SETS
        for metric, v in floors.items():
            assert 0 <= v <= 1 or metric in MAXIMA
