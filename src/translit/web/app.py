"""The ASGI application of ``translit serve``: the page, its assets and the JSON API.

Safety is in layers that do not trust the endpoint code: the request body is counted while
it is read (413 as soon as it passes the limit, nothing buffered beyond it); conversion runs
in a worker thread under a deadline (503 when it passes); every error is one JSON line; and
every answer carries a Content-Security-Policy that allows nothing from outside. Nothing is
ever written to disk: requests are JSON (documents as base64), never multipart uploads.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import translit

from . import service

#: Default largest request body, bytes.
MAX_BODY = 10 * 1024 * 1024
#: Default seconds one conversion may take.
TIMEOUT = 30.0
#: A document's text parts may expand to this many times the largest request body (XML text
#: compresses 5 to 20 times; a zip bomb far more, and its work would go on past the timeout).
EXPANSION = 16

#: Hosts a loopback server answers to: a page on another site that resolves its own name to
#: 127.0.0.1 (DNS rebinding) is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")

_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
        b" form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

_ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/style.css": ("style.css", "text/css; charset=utf-8"),
    "/static/icon.svg": ("icon.svg", "image/svg+xml"),
}


class _TooLargeError(Exception):
    pass


def _hostname(host: str) -> str:
    """The name of a Host header, without the port: "[::1]:8765" → "[::1]"."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _json(status: int, body: dict[str, Any]) -> Response:
    return JSONResponse(body, status_code=status)


def _error(status: int, message: str) -> Response:
    return _json(status, {"error": message})


class _Limits:
    """Pure ASGI middleware: body size limit while reading, security headers, JSON errors."""

    def __init__(self, app: ASGIApp, *, max_body: int, hosts: tuple[str, ...] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0] not in dict(_HEADERS)]
                message = {**message, "headers": headers + _HEADERS}
            await send(message)

        too_large = _error(
            413,
            f"the request is larger than the server's limit of {_megabytes(self.max_body)};"
            " send a shorter text or split it",
        )
        headers = dict(scope["headers"])
        host = _hostname(headers.get(b"host", b"").decode("latin-1"))
        if self.hosts is not None and host not in self.hosts:
            await _error(400, f"this server answers to {', '.join(self.hosts)}, not {host!r}")(
                scope, receive, send_with_headers
            )
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await too_large(scope, receive, send_with_headers)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLargeError
            return message

        try:
            await self.app(scope, counting_receive, send_with_headers)
        except _TooLargeError:
            if not started:
                await too_large(scope, receive, send_with_headers)


async def _read_json(request: Request) -> Any:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        # Also what keeps a form on another site from posting here (JSON needs CORS).
        raise service.RequestError(
            f"send JSON (Content-Type: application/json), not {kind or 'no type'}", 415
        )
    body = await request.body()
    try:
        return json.loads(body)
    except UnicodeDecodeError as exc:
        raise service.RequestError(f"byte {exc.start}: the request is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise service.RequestError(
            f"the request is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:  # [[[[... : json gives up at the interpreter's recursion limit
        raise service.RequestError("the request's JSON is nested too deeply") from None


def _api(
    work: Callable[[service.Request], dict[str, Any]], timeout: float
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            parsed = service.parse(await _read_json(request))
            # A worker thread keeps the server answering while a long text converts; past
            # the deadline the answer is 503 (the thread finishes on its own, unheard).
            with anyio.fail_after(timeout):
                answer = await anyio.to_thread.run_sync(work, parsed, abandon_on_cancel=True)
        except service.RequestError as exc:
            return _error(exc.status, exc.message)
        except TimeoutError:
            return _error(
                503, f"the conversion took longer than {timeout:g} s; send a shorter text"
            )
        return _json(200, answer)

    return endpoint


def create_app(
    *,
    max_body: int = MAX_BODY,
    timeout: float = TIMEOUT,
    allowed_hosts: tuple[str, ...] | None = None,
) -> Starlette:
    """The web application. ``allowed_hosts`` (Host header names) defaults to any host."""
    if max_body < 1 or not math.isfinite(timeout) or timeout <= 0:
        raise ValueError("max_body and timeout must be positive")
    assets = resources.files(__package__).joinpath("static")

    async def asset(request: Request) -> Response:
        name, kind = _ASSETS[request.url.path]
        body = assets.joinpath(name).read_bytes()
        return Response(body, media_type=kind, headers={"cache-control": "no-cache"})

    async def health(request: Request) -> Response:
        return _json(200, {"status": "ok", "version": translit.__version__})

    async def options(request: Request) -> Response:
        return _json(
            200,
            {
                "version": translit.__version__,
                "targets": service.targets(),
                "formats": list(service.FORMATS),
                "documents": list(service.DOCUMENT_FORMATS),
                "extensions": service.extensions(),
                "options": service.options_schema(),
                "max_body": max_body,
                "max_marked": service.MAX_MARKED,
                "timeout": timeout,
            },
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, f"{request.method} {request.url.path}: {exc.detail}")

    async def crash(request: Request, exc: Exception) -> Response:
        # Never a traceback: the user gets one line, the operator's log gets the details.
        return _error(500, "internal error while handling the request; see the server log")

    # A document's text parts may expand to EXPANSION times the largest request, no more.
    convert = functools.partial(service.convert, max_expanded=EXPANSION * max_body)
    routes = [Route(path, asset) for path in _ASSETS]
    routes += [
        Route("/api/health", health),
        Route("/api/options", options),
        Route("/api/convert", _api(convert, timeout), methods=["POST"]),
        Route("/api/explain", _api(service.explain, timeout), methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(_Limits, max_body=max_body, hosts=allowed_hosts)],
        exception_handlers={HTTPException: http_error, Exception: crash},
    )
