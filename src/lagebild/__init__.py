"""lagebild: a verifiable record of political events from news text."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lagebild")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+unknown"

PIPELINE_VERSION = __version__

from lagebild.analysis import analyze_document, analyze_text, make_pipeline  # noqa: E402
from lagebild.model import Document  # noqa: E402
from lagebild.settings import Settings  # noqa: E402



def open(path: str | None = None, read_only: bool = False):  # noqa: A001 - the name users expect (sqlite3-style)
    """Open a corpus store: `with lagebild.open("lagebild.duckdb") as store: store.events(...)`.

    A directory is a Parquet dataset written by `lagebild ingest --cluster` (read-only)."""
    from lagebild.store import open_store
    return open_store(path, read_only=read_only)


__all__ = ["Document", "Settings", "analyze_text", "analyze_document", "make_pipeline", "open", "__version__"]
