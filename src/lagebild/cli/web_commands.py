"""`lagebild serve`: the read-only web interface and JSON API (lagebild.web) under uvicorn."""
from __future__ import annotations

import click

from lagebild.cli.store_commands import _db_path, db_option



@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this machine can connect unless you give another (0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1, max=600), default=10.0, show_default=True,
              help="Seconds one query may run; a longer one is stopped and the request answered with 400.")
@click.option("--search-cache", type=click.Path(file_okay=False), metavar="DIR",
              help="Where the word index of the search is kept (built once per store state; "
                   "default: ~/.cache/lagebild/search). The store itself is never written.")
def serve(db: str | None, host: str, port: int, timeout: float, search_cache: str | None) -> None:
    """Browse the store in a web browser: events, articles, quotes, dyads, network, timeline, map,
    search, stories; every page also as JSON (`.json`). The store is opened read-only and no
    page writes to it."""
    import uvicorn

    from lagebild.web.app import LOCAL_HOSTS, create_app
    path = _db_path(db)
    # bound to this machine: only its own names; bound wider: the names it is reached by are unknown
    allowed = LOCAL_HOSTS if host in LOCAL_HOSTS else ("*",)
    from pathlib import Path
    # a StoreError (exit 4) before listening; the search index is built here if it is missing
    app = create_app(path, timeout=timeout, search_cache=Path(search_cache) if search_cache else None,
                     allowed_hosts=allowed)
    if host not in LOCAL_HOSTS:
        click.echo(f"lagebild: warning: listening on {host}: other machines can read this store", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"lagebild: serving {path} (read-only) at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


COMMANDS = [serve]
