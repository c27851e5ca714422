"""Quality gate (trafilatura style): dev-set scores must not fall below the floors in
floors.json. Floors are only ever raised. Skips when ../shared is absent."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
MAXIMA = {"event_traps_hit", "event_duplicate_rate"}   # lower is better: the floor is a ceiling


pytestmark = pytest.mark.skipif(not (SHARED / "gold" / "de" / "dev").exists() or not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared gold data not present")


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("dev")
    r = subprocess.run([sys.executable, str(REPO / "benchmarks" / "score_dev.py"), "--out", str(out), "--json"],
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    scores = json.loads(r.stdout.strip().splitlines()[-1])
    # the target: duplicates at most 10 % of asserted events
    scores["event_duplicate_rate"] = scores["event_duplicates"] / max(1, scores["events_asserted"])
    return scores


@pytest.mark.parametrize("metric", sorted(FLOORS["de_dev"]))
def test_dev_floor(dev_scores, metric):
    floor = FLOORS["de_dev"][metric]
    got = dev_scores[metric]
    if metric in MAXIMA:
        assert got <= floor, f"{metric} = {got}, allowed at most {floor}"
    else:
        assert got >= floor, f"{metric} = {got} fell below the floor {floor}"


def test_floors_file_is_sane():
    for metric, v in FLOORS["de_dev"].items():
        assert 0 <= v <= 1 or metric in MAXIMA
