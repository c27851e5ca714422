"""Quality gate for account comparison (issue 10): story grouping and who reports / leaves out
what on ../shared/gold/de/compare-dev must not fall below the floors in compare_floors.json.
Skips when ../shared is absent."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold" / "de" / "compare-dev"
FLOORS = {k: v for k, v in json.loads((Path(__file__).parent / "compare_floors.json").read_text(encoding="utf-8"))
          .items() if not k.startswith("_")}

pytestmark = pytest.mark.skipif(not (GOLD / "compare_gold.json").exists()
                                or not (SHARED / "eval" / "score_compare.py").exists(),
                                reason="../shared compare gold not present")


@pytest.fixture(scope="module")
def scores():
    r = subprocess.run([sys.executable, str(REPO / "benchmarks" / "compare_dev.py"), "--json"],
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    s = json.loads(r.stdout.strip().splitlines()[-1])
    facts = s["facts"]["all"]
    return {"pairwise_f1": s["clustering"]["pairwise"]["f1"], "bcubed_f1": s["clustering"]["bcubed"]["f1"],
            **{k: facts[k] for k in ("reported_recall", "reported_precision", "omitted_precision", "omitted_recall")}}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric] - 1e-9, f"compare-dev {metric} = {scores[metric]:.3f}, floor {FLOORS[metric]}"
