"""A small word index over the articles of a store, for the web interface's search.

DuckDB's full-text extension cannot be loaded here (no network), and a scan of the texts is
too slow for a page: on 100,000 articles (150 MB of text) `contains(lower(text), ?)` takes
~2 s and a case-insensitive regular expression ~0.3 s (benchmarks/web_latency.py). So the
words of every title and text are written once, with DuckDB, into a Parquet file of
(term, seq) pairs sorted by term; a word is then found through the file's row-group
statistics in milliseconds. Every query word matches as a prefix ("waffen" finds
"waffenruhe": German compounds), and all words must occur.

The file is a cache outside the store (which stays read-only), named by the store's path and
a fingerprint of its documents, so an ingest that adds articles makes a new index.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import regex

from lagebild.errors import QueryError

# one definition of a word for the index (DuckDB) and the query (Python): letters and digits
SPLIT_SQL = r"[^\p{L}\p{N}]+"
SPLIT = regex.compile(r"[^\p{L}\p{N}]+")
MAX_WORDS = 8
TOP = "\U0010ffff"      # the highest code point: [w, w + TOP) is every term starting with w


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lagebild" / "search"


def terms(text: str) -> list[str]:
    """The words of a query as the index holds them (lower case, letters and digits)."""
    return [w for w in SPLIT.split(text.lower()) if w]


class SearchIndex:
    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def open(cls, store, cache_dir: Path | None = None, quiet: bool = False) -> "SearchIndex":
        """The index of `store`'s documents, built (once per store state) if the cache lacks it."""
        count, max_seq, chars = store.sql("SELECT count(*) AS n, coalesce(max(seq), 0) AS s, "
                                          "coalesce(sum(chars), 0) AS c FROM documents").to_pylist()[0].values()
        key = hashlib.sha1(f"{Path(store.path).resolve()}|{count}|{max_seq}|{chars}".encode()).hexdigest()[:20]
        cache = cache_dir or default_cache_dir()
        path = cache / f"{key}.parquet"
        if not path.exists():
            cache.mkdir(parents=True, exist_ok=True)
            started = time.monotonic()
            if not quiet:
                print(f"lagebild: indexing the words of {count:,} articles for search (once per store state) ...",
                      file=sys.stderr, flush=True)
            build(store, path)
            if not quiet:
                print(f"lagebild: search index ready in {time.monotonic() - started:.1f} s ({path})",
                      file=sys.stderr, flush=True)
        return cls(path)

    def search(self, store, words: list[str], offset: int, limit: int, timeout: float | None = None) -> dict[str, Any]:
        words = [t for w in words for t in terms(w)][:MAX_WORDS]
        if not words:
            return {"total": 0, "rows": []}
        source = f"read_parquet('{_quoted(self.path)}')"
        hits = " INTERSECT ".join([f"SELECT seq FROM {source} WHERE term >= ? AND term < ?"] * len(words))
        params = [p for w in words for p in (w, w + TOP)]
        # the page's articles first (narrow columns), then their texts by seq: joining the
        # texts of every hit before the LIMIT read all of them for a common word (1 s)
        page = [r["seq"] for r in store.sql(f"""
            WITH hits AS ({hits})
            SELECT d.seq FROM documents d JOIN hits USING (seq)
            ORDER BY d.published DESC NULLS LAST, d.seq LIMIT ? OFFSET ?""",
                                             params + [limit, offset], timeout=timeout).to_pylist()]
        rows = []
        if page:
            found = store.sql(f"SELECT seq, doc_id, title, published, source, url, text FROM documents "
                              f"WHERE seq IN ({', '.join('?' * len(page))})", page, timeout=timeout).to_pylist()
            by_seq = {r.pop("seq"): r for r in found}
            rows = [by_seq[s] for s in page if s in by_seq]
        return {"total": self._count(store, hits, params, timeout), "rows": rows, "words": words}

    @staticmethod
    def _count(store, hits: str, params: list, timeout: float | None) -> int:
        """The number of articles holding every word (from the index alone)."""
        return store.sql(f"SELECT count(*) AS n FROM ({hits})", params, timeout=timeout).to_pylist()[0]["n"]


def build(store, path: Path) -> None:
    """Write the (term, seq) pairs of every document to `path` (atomically: a temporary file first)."""
    tmp = path.with_suffix(".tmp")
    try:
        # through the connection itself: a Parquet dataset's Store refuses COPY from users' queries
        store.con.execute(f"""
            COPY (SELECT DISTINCT term, seq FROM (
                      SELECT unnest(regexp_split_to_array(lower(coalesce(title, '') || ' ' || text), '{SPLIT_SQL}'))
                             AS term, seq FROM documents)
                  WHERE term <> '' ORDER BY term, seq)
            TO '{_quoted(tmp)}' (FORMAT parquet, ROW_GROUP_SIZE 100000)""")
    except duckdb.Error as e:
        tmp.unlink(missing_ok=True)
        raise QueryError(f"cannot build the search index at {path}: {' '.join(str(e).split())[:200]}") from None
    tmp.replace(path)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
