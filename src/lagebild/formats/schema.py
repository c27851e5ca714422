"""Validation of output records against schemas/records.json (used by tests and `--validate`)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "records.json"


@lru_cache(maxsize=1)  # the schema file is immutable package data: caching it is safe
def _validator():
    import jsonschema
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def record_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of one record (empty list = valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}"
            for e in _validator().iter_errors(record)]
