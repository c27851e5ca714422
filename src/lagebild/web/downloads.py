"""`/export.FORMAT?filters`: the filtered events as a file, written by the CLI's exporters
(`lagebild.store.export`), so a download is byte for byte what `lagebild export` writes."""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.responses import FileResponse

from lagebild.errors import ParameterError
from lagebild.store.export import export
from lagebild.web import params as p

# URL suffix -> (exporter format, file name, media type)
FORMATS = {
    "csv": ("csv", "events.csv", "text/csv; charset=utf-8"),
    "plover": ("plover", "events.plover.jsonl", "application/x-ndjson"),
    "gdelt": ("gdelt", "events.gdelt.tsv", "text/tab-separated-values; charset=utf-8"),
    "parquet": ("parquet", "lagebild-parquet.zip", "application/zip"),
}
# the filters the exporters understand (the events table's facets quad/country/context are views only)
EXPORT_KEYS = ("actor", "recipient", "type", "since", "until", "source", "near")
MAX_EXPORT_EVENTS = 200_000   # larger sets: `lagebild export` on the command line


def download(store, fmt: str, query: Mapping[str, str]) -> FileResponse:
    if fmt not in FORMATS:
        raise ParameterError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    p.check_known(query, EXPORT_KEYS)
    f = p.event_query(query).base
    kind, name, media = FORMATS[fmt]
    where_sql, params = _count_sql(f)
    n = store.sql(where_sql, params).to_pylist()[0]["n"]
    if n > MAX_EXPORT_EVENTS:
        raise ParameterError(f"{n:,} events match; the web export stops at {MAX_EXPORT_EVENTS:,}: narrow the "
                             "filters or run `lagebild export` on the command line")
    tmp = Path(tempfile.mkdtemp(prefix="lagebild-export-"))
    cleanup = BackgroundTask(shutil.rmtree, tmp, ignore_errors=True)
    try:
        out = tmp / name
        if kind == "parquet":
            # the exporter writes a directory of tables (the re-import format): sent as one zip
            export(store, kind, tmp / "parquet", f)
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for file in sorted((tmp / "parquet").iterdir()):
                    z.write(file, file.name)
        else:
            export(store, kind, out, f)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FileResponse(out, media_type=media, filename=name, background=cleanup)


def _count_sql(f) -> tuple[str, list]:
    from lagebild.store.queries import event_where
    where, params = event_where(f)
    return f"SELECT count(*) AS n FROM events WHERE {where}", params
