"""Docs are tested against the code (datasette style)."""
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "src/lagebild/schemas/records.json").read_text(encoding="utf-8"))
RECORDS_MD = (REPO / "docs/records.md").read_text(encoding="utf-8")


def _fields():
    for kind in ("document", "entity", "timex", "quantity", "quote", "event"):
        for name in SCHEMA["$defs"][kind].get("properties", {}):
            yield kind, name


@pytest.mark.parametrize("kind,field", list(_fields()))
def test_every_record_field_is_documented(kind, field):
    assert f"`{field}`" in RECORDS_MD, f"{kind}.{field} missing from docs/records.md"


def test_cli_reference_is_current():
    from lagebild.cli.docgen import render
    current = (REPO / "docs/cli.md").read_text(encoding="utf-8")
    assert current == render(), "run: python -m lagebild.cli.docgen > docs/cli.md"


def test_every_dependency_is_explained():
    text = (REPO / "docs/dependencies.md").read_text(encoding="utf-8").lower()
    import tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = [re.match(r"[A-Za-z0-9_.-]+", d).group(0) for d in project["dependencies"]]
    for dep in deps:
        name = dep.lower().replace("-language-detector", "")
        assert name.split("[")[0].replace("_", "-") in text.replace("_", "-"), dep


def test_readme_quick_start_has_exactly_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```")[1]
    cmds = [line for line in block.splitlines() if line.strip() and not line.startswith("sh")]
    assert [c.split()[0:2] for c in cmds] == [["make", "demo"], ["make", "test"]]


def test_readme_layout_lists_every_package():
    # a newcomer finds every stage from the folder names: each package has its line
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout"):]
    packages = sorted(p.parent.name for p in (REPO / "src" / "lagebild").glob("*/__init__.py"))
    missing = [p for p in packages if f"  {p}/" not in layout]
    assert not missing, f"README layout lacks {missing}"
