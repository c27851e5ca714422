"""The ASGI application of `lagebild serve`: routes, content negotiation, security headers,
errors. A thin layer: every page is a view of `lagebild.web.views` rendered as HTML or JSON.

    from lagebild.web.app import create_app
    app = create_app("lagebild.duckdb")          # any ASGI server; `lagebild serve` uses uvicorn

Read-only by design: the store is opened read-only, only GET (and HEAD) routes exist, and each
request queries through its own cursor with a time limit.
"""
from __future__ import annotations

import json
import logging
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lagebild.errors import LagebildError, ParameterError, QueryError, StoreError
from lagebild.web import render
from lagebild.web.render import url_for_view
from lagebild.web.params import check_known
from lagebild.web.views import API_RECORDS, VIEWS, Context, NotFound, View

log = logging.getLogger("lagebild.web")
STATIC = Path(__file__).parent / "static"
DEFAULT_TIMEOUT = 10.0      # seconds a query may run before it is stopped (HTTP 400 with the reason)

# No inline script or style, no eval, nothing from elsewhere: the vendored files and our own.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


# Host names a local server answers to: a web page elsewhere cannot read the store by pointing
# its own domain name at 127.0.0.1 (DNS rebinding), since its requests carry that name.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class ServeOptions:
    db: Path
    timeout: float = DEFAULT_TIMEOUT
    search_cache: Path | None = None     # where the word index is kept (default: ~/.cache/lagebild/search)
    quiet: bool = False
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS    # ("*",): any Host header


class SecurityHeaders:
    """ASGI middleware adding the headers above to every response (pages, JSON, static files, errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def to_json(value: Any) -> Any:
    """json.dumps default: dates as ISO strings, anything else unknown as text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return None
    return str(value)


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, default=to_json, allow_nan=False)
    return Response(body, status_code=status, media_type="application/json")


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def changed(query: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The query with some parameters set (or, given '', removed): links that keep the filter state."""
    return {**query, **changes}


def make_templates() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(url=url_for_view, changed=changed, nav=[v for v in VIEWS.values() if v.nav], safe_url=render.safe_url)
    return env


class App:
    """The store, the templates and the request handlers (no module globals)."""

    def __init__(self, options: ServeOptions):
        from lagebild.store import open_store
        from lagebild.store.search import SearchIndex
        self.options = options
        self.store = open_store(options.db, read_only=True)
        self.search = SearchIndex.open(self.store, options.search_cache, options.quiet)
        self.templates = make_templates()

    @contextmanager
    def request_store(self):
        """A cursor of its own per request: DuckDB runs them in parallel, and interrupting one
        (the time limit) leaves the others alone."""
        from lagebild.store.store import Store
        cursor = self.store.con.cursor()
        try:
            yield Store(cursor, self.store.path, True)
        finally:
            cursor.close()

    @contextmanager
    def context(self):
        with self.request_store() as store:
            yield Context(store, self.options.timeout, self.search)

    def page(self, view: View):
        def handler(request: Request) -> Response:
            as_json = view.json_only or wants_json(request)
            query = dict(request.query_params)
            try:
                check_known(query, view.params)
                with self.context() as ctx:
                    data = view.fn(ctx, query)
                if as_json:
                    return json_response(data)
                return self.html(view.name, {"view": view, "data": data, "query": query}, 200)
            except Exception as e:   # noqa: BLE001 - every failure becomes one clear response
                return self.error(request, e, as_json)
        return handler

    def html(self, template: str, context: dict[str, Any], status: int) -> HTMLResponse:
        body = self.templates.get_template(f"{template}.html").render(
            **context, store_path=str(self.options.db.name), views=VIEWS)
        return HTMLResponse(body, status_code=status)

    def error(self, request: Request, exc: Exception, as_json: bool) -> Response:
        status, message = error_status(exc)
        if as_json:
            return json_response({"error": message, "status": status}, status)
        return self.html("error", {"view": None, "status": status, "message": message, "query": {}}, status)

    async def not_found(self, request: Request, exc: HTTPException) -> Response:
        message = "no such page" if exc.status_code == 404 else (exc.detail or "request refused")
        if exc.status_code == 405:
            message = "this server is read-only: only GET requests are answered"
        err = ParameterError(message)
        status = exc.status_code
        if wants_json(request):
            return json_response({"error": str(err), "status": status}, status)
        return self.html("error", {"view": None, "status": status, "message": str(err), "query": {}}, status)

    def openapi(self, request: Request) -> Response:
        from lagebild.web.openapi import schema
        return json_response(schema(list(VIEWS.values()) + [API_RECORDS]))

    def export(self, request: Request) -> Response:
        from lagebild.web.downloads import download
        try:
            with self.request_store() as store:
                return download(store, request.path_params["fmt"], dict(request.query_params))
        except Exception as e:   # noqa: BLE001
            return self.error(request, e, wants_json(request))

    def routes(self) -> list:
        routes = [Route("/", self.page(VIEWS["index"])), Route("/index.json", self.page(VIEWS["index"]))]
        for name, view in VIEWS.items():
            if name != "index":
                routes += [Route(f"/{name}", self.page(view)), Route(f"/{name}.json", self.page(view))]
        routes += [
            Route("/api/records", self.page(API_RECORDS)), Route("/api/records.json", self.page(API_RECORDS)),
            Route("/api/openapi.json", self.openapi),
            Route("/api", lambda request: RedirectResponse("/api/openapi.json")),
            Route("/export.{fmt}", self.export),
            # browsers ask for it on JSON pages too; no icon, and no 404 in their console
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
        return routes


def error_status(exc: Exception) -> tuple[int, str]:
    """The HTTP status and one-line message of a failure (no traceback ever reaches a client)."""
    if isinstance(exc, NotFound):
        return 404, str(exc)
    if isinstance(exc, (ParameterError, QueryError)):
        return 400, str(exc)
    if isinstance(exc, StoreError):
        return 503, str(exc)
    if isinstance(exc, LagebildError):
        return 400, str(exc)
    log.error("internal error: %s: %s", type(exc).__name__, " ".join(str(exc).split())[:200])
    return 500, f"internal error ({type(exc).__name__}); the server log has the details"


def create_app(db: str | Path, timeout: float = DEFAULT_TIMEOUT, search_cache: Path | None = None,
               quiet: bool = False, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS) -> Starlette:
    """The web application over the store at `db` (opened read-only; StoreError if it cannot be).
    Builds the search index first if its cache lacks it (`lagebild.store.search`). Requests
    naming another host than `allowed_hosts` are refused (400)."""
    app_state = App(ServeOptions(Path(db), timeout, search_cache, quiet, tuple(allowed_hosts)))

    @asynccontextmanager
    async def lifespan(app):
        yield
        app_state.store.close()

    app = Starlette(routes=app_state.routes(), exception_handlers={HTTPException: app_state.not_found},
                    lifespan=lifespan,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))])
    app.state.lagebild = app_state
    return SecurityHeaders(app)


@contextmanager
def running(app, host: str = "127.0.0.1", port: int = 0):
    """The app under uvicorn in a background thread, for tests, screenshots and benchmarks:
    yields its base URL (port 0: a free port); stops the server on exit."""
    import threading
    import time

    import uvicorn
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise StoreError("the web server did not start")
        time.sleep(0.05)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
