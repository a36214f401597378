"""``translit serve``: run the page and the API on this machine (loopback by default)."""

from __future__ import annotations

import argparse
import ipaddress
import signal
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import uvicorn

DEFAULT_PORT = 8765

EPILOG = """\
examples:
  translit serve                      # http://127.0.0.1:8765/ in the browser
  translit serve --port 0 --no-browser
  translit serve --host 0.0.0.0 --max-body 2 --timeout 10   # one instance for a newsroom

exit status: 0 stopped (SIGTERM, SIGHUP: after the requests in progress are answered);
1 cannot listen, or the web extra is missing; 2 bad usage; 130 interrupted (Ctrl-C)."""

#: Signals that stop the server the way a service manager (systemd, docker stop, kill) or a
#: closed terminal asks it to: a graceful shutdown and exit 0, its normal end.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


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


@contextmanager
def _stop_gracefully(server: uvicorn.Server) -> Iterator[None]:
    """While serving, SIGTERM and SIGHUP shut the server down as its own Ctrl-C does.

    uvicorn handles SIGTERM by shutting down and then raising it again with the handler
    it found, which by default kills the process (-15), and leaves SIGHUP's default
    action (killed at once, requests cut off). Both go to uvicorn's graceful shutdown
    here, and the signal raised again afterwards comes back to this handler, harmlessly.
    A signal the caller ignores (nohup) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        server.handle_exit(signum, frame)

    previous = {
        signum: signal.signal(signum, stop)
        for signum in STOP_SIGNALS
        if signal.getsignal(signum) is not signal.SIG_IGN
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: set outside Python, cannot be put back
                signal.signal(signum, handler)


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
        " in the browser. Stop with Ctrl-C (or SIGTERM).",
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
        with _stop_gracefully(server):
            server.run(sockets=[sock])
    except KeyboardInterrupt:
        return 130
    finally:
        sock.close()
    return 0
