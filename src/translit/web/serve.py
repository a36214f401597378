"""``translit serve``: run the page and the API on this machine (loopback by default)."""

from __future__ import annotations

import argparse
import ipaddress
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from typing import TextIO

DEFAULT_PORT = 8765

EPILOG = """\
examples:
  translit serve                      # http://127.0.0.1:8765/ in the browser
  translit serve --port 0 --no-browser
  translit serve --host 0.0.0.0 --max-body 2 --timeout 10   # one instance for a newsroom

exit status: 0 stopped; 1 cannot listen, or the web extra is missing; 2 bad usage;
130 interrupted."""


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Answers go out as headers, then body: without this, Nagle's algorithm holds the body
    # until the client's delayed ACK (40 ms on Linux). Accepted connections inherit it.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    return sock


def _open_when_ready(server: object, url: str) -> None:
    for _ in range(200):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.05)


def run(
    argv: list[str],
    parser_factory: Callable[[str, str, str], argparse.ArgumentParser],
    out: Callable[[str], None],
    err: TextIO,
) -> int:
    """Parse ``argv`` and serve until interrupted; the exit status."""
    parser = parser_factory(
        "serve",
        "Serve the converter page and the JSON API (docs/web.md) on this machine and open it"
        " in the browser. Stop with Ctrl-C.",
        EPILOG,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)"
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open the browser")
    parser.add_argument(
        "--max-body",
        type=float,
        default=10,
        metavar="MB",
        help="largest request in megabytes (default 10); larger ones get 413",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30,
        metavar="SECONDS",
        help="longest conversion (default 30); a slower one gets 503",
    )
    args = parser.parse_args(argv)
    try:
        import uvicorn

        from .app import LOOPBACK_HOSTS, create_app
    except ImportError as exc:
        err.write(
            f"translit serve: error: {exc.name} is not installed;"
            " install the web extra: pip install 'uz-translit[web]'\n"
        )
        return 1
    if not 0 <= args.port <= 65535 or args.max_body <= 0 or not args.timeout > 0:
        err.write("translit serve: error: --port 0-65535, --max-body and --timeout above 0\n")
        return 2
    loopback = _loopback(args.host)
    app = create_app(
        max_body=int(args.max_body * 1024 * 1024),
        timeout=args.timeout,
        allowed_hosts=LOOPBACK_HOSTS if loopback else None,
    )
    try:
        sock = _bind(args.host, args.port)
    except OSError as exc:
        err.write(
            f"translit serve: error: cannot listen on {args.host}:{args.port}:"
            f" {exc.strerror or exc} (try another --port, or --port 0)\n"
        )
        return 1
    port = sock.getsockname()[1]
    name = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{name}:{port}/"
    out(f"translit serve: {url} (Ctrl-C stops)\n")
    if not loopback:
        err.write(
            f"translit serve: warning: {args.host} is reachable from other machines;"
            " the API has no authentication\n"
        )
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    server = uvicorn.Server(config)
    if not args.no_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    finally:
        sock.close()
    return 0
