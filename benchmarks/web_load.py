"""Load check of ``translit serve``: N concurrent clients post a 5 KB article on loopback.

Usage::

    python benchmarks/web_load.py                      # 8 clients, 10 s
    python benchmarks/web_load.py --clients 32 --seconds 30 --json load.json
    python benchmarks/web_load.py --quick              # smoke run: 2 clients, 1 s

The server is the real command (``python -m translit serve --port 0 --no-browser``) in its
own process, listening on 127.0.0.1 only. Each client is a thread with one keep-alive HTTP
connection posting ``{"text": article, "target": "latin"}`` to /api/convert in a loop until
the time is up or the run's request budget is spent; the number of clients (at most 64),
the time (at most 60 s) and the requests (at most 100,000) are bounded. The first answer is
checked against translit.to_latin(article) before anything is timed.

Reported: requests per second, latency percentiles (p50, p90, p99, max) and errors, beside
two references measured in the same run: the same conversion called in-process (what the
server does per request, without HTTP) and GET /api/health under the same load (the cost of
HTTP, JSON and the server loop alone). Standard library only, apart from translit.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed.cyrl.txt"
HOST = "127.0.0.1"
ARTICLE_BYTES = 5 * 1024
MAX_CLIENTS, MAX_SECONDS, MAX_REQUESTS = 64, 60.0, 100_000

import translit  # noqa: E402


def article(size: int = ARTICLE_BYTES) -> str:
    """The seed article, repeated and cut at a line end to ``size`` UTF-8 bytes at most."""
    seed = SEED.read_text(encoding="utf-8")
    text = seed
    while len(text.encode("utf-8")) < size:
        text += "\n" + seed
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore").rsplit(" ", 1)[0]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(
    port: int, method: str, path: str, body: bytes, stop: float, budget: list[int], run: Run
) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Content-Type": "application/json"}
    try:
        while time.perf_counter() < stop:
            with run.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body if method == "POST" else None, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException) as exc:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                response = None
                error = type(exc).__name__
            took = time.perf_counter() - started
            with run.lock:
                if ok:
                    run.latencies.append(took)
                else:
                    run.errors.append(error if response is None else str(response.status))
    finally:
        conn.close()


def load(
    port: int, method: str, path: str, body: bytes, clients: int, seconds: float, requests: int
) -> dict[str, Any]:
    """Run ``clients`` threads for ``seconds`` (or ``requests`` in all); the figures."""
    run = Run()
    budget = [requests]
    started = time.perf_counter()
    stop = started + seconds
    threads = [
        threading.Thread(target=_client, args=(port, method, path, body, stop, budget, run))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    lat = sorted(run.latencies)

    def pct(q: float) -> float:
        return lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")

    return {
        "requests": len(lat),
        "errors": len(run.errors),
        "error_kinds": sorted(set(run.errors)),
        "seconds": elapsed,
        "requests_per_s": len(lat) / elapsed,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": lat[-1] * 1000 if lat else float("nan"),
    }


def in_process(text: str, seconds: float) -> dict[str, Any]:
    """The conversion alone, called in-process: median and calls per second."""
    timings: list[float] = []
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop or len(timings) < 5:
        started = time.perf_counter()
        translit.transliterate(text, target="latin")
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    return {"calls": len(timings), "median_ms": median * 1000, "calls_per_s": 1 / median}


def serve() -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "translit", "serve", "--host", HOST, "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
    if not match:
        proc.kill()
        raise SystemExit("web_load: translit serve did not start (is the [web] extra installed?)")
    return proc, int(match.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load check of translit serve on loopback.")
    parser.add_argument("--clients", type=int, default=8, help=f"1-{MAX_CLIENTS} (default 8)")
    parser.add_argument("--seconds", type=float, default=10, help=f"per run, ≤ {MAX_SECONDS:g}")
    parser.add_argument("--requests", type=int, default=20_000, help="budget per run")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="2 clients, 1 s: a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.seconds = 2, 1.0
    if not (1 <= args.clients <= MAX_CLIENTS and 0 < args.seconds <= MAX_SECONDS):
        parser.error(f"--clients 1-{MAX_CLIENTS}, --seconds up to {MAX_SECONDS:g}")
    requests = max(1, min(args.requests, MAX_REQUESTS))
    text = article()
    body = json.dumps({"text": text, "target": "latin"}, ensure_ascii=False).encode("utf-8")
    proc, port = serve()
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        conn.request(
            "POST", "/api/convert", body=body, headers={"Content-Type": "application/json"}
        )
        answer = json.loads(conn.getresponse().read())
        conn.close()
        if answer != {"text": translit.to_latin(text)}:
            print("web_load: the server's answer differs from translit.to_latin", file=sys.stderr)
            return 1
        convert = load(port, "POST", "/api/convert", body, args.clients, args.seconds, requests)
        health = load(port, "GET", "/api/health", b"", args.clients, args.seconds, requests)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    local = in_process(text, min(args.seconds, 2.0))
    results = {
        "article_bytes": len(body),
        "article_chars": len(text),
        "clients": args.clients,
        "convert": convert,
        "health": health,
        "in_process": local,
        "ratio_p50_to_in_process": convert["p50_ms"] / local["median_ms"],
    }
    print(f"translit serve on {HOST}: {args.clients} clients, {args.seconds:g} s per run,")
    print(f"article {len(text)} characters ({len(text.encode('utf-8'))} bytes UTF-8)\n")
    print(f"{'':26}{'req/s':>9}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for name, row in (("POST /api/convert", convert), ("GET /api/health (ref.)", health)):
        print(
            f"{name:26}{row['requests_per_s']:9.0f}{row['p50_ms']:9.2f}{row['p90_ms']:9.2f}"
            f"{row['p99_ms']:9.2f}{row['max_ms']:9.2f}{row['errors']:8d}"
        )
    print(f"{'in-process call (ref.)':26}{local['calls_per_s']:9.0f}{local['median_ms']:9.2f}")
    print(
        f"\np50 of a request / one in-process conversion: {results['ratio_p50_to_in_process']:.1f}x"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if convert["errors"] or health["errors"] or not convert["requests"] else 0


if __name__ == "__main__":
    sys.exit(main())
