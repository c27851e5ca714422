"""Fixtures of the web tests: the store (tests/web/fixtures.py), the app, a live server, a browser."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from web.fixtures import CHROMIUM, CHROMIUM_ARGS, build_store


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, full_pipeline) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb", full_pipeline)


@pytest.fixture(scope="session")
def app(web_db):
    from lagebild.web.app import create_app
    return create_app(web_db, timeout=10, search_cache=web_db.parent / "search", quiet=True,
                      allowed_hosts=("127.0.0.1", "testserver"))


@pytest.fixture(scope="session")
def client(app):
    from starlette.testclient import TestClient
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(app):
    """The app under uvicorn on 127.0.0.1 in a thread: what `lagebild serve` runs."""
    from lagebild.web.app import running
    with running(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless chromium through Playwright (skipped when either is missing; never
    downloads a browser)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors and dialogs (alert() and friends)."""
    context = browser.new_context(accept_downloads=True)
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
