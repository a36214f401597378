"""Linear time on hostile input: ns/char of every adversarial shape at growing sizes.

Each shape is a unit repeated up to the size (or a generated text), converted one-shot and
streamed in small chunks. A converter that is linear costs the same per character at every
size; one that rescans (a tag that never closes, a run without spaces) costs more per
character the longer the input. The run fails (exit status 1) when the time per character
at the largest size is more than ``--factor`` times the one at the smallest.

Usage::

    python benchmarks/linearity.py                  # 10 K, 100 K, 1 M characters (minutes)
    python benchmarks/linearity.py --quick          # 2 K and 20 K, fails above 4x: seconds
                                                    # (tests/test_benchmarks.py runs it)
    python benchmarks/linearity.py --sizes 10K,10M --only digits,one-word-c2l
    python benchmarks/linearity.py --json out.json

In the full run each (shape, mode) series runs in a child process that is stopped after
``--timeout`` seconds per size (reported as "> N s"), so a quadratic shape cannot hold the
run for hours. Times are CPU time of the process (``time.process_time``: on a shared
machine a long run is descheduled more often than a short one, which wall time would count
as super-linear cost), the least of ``--repeats`` runs and of as many as fit in half a
second. ``bytes/char`` is the peak of
Python allocations (tracemalloc) of the one-shot conversion at the middle size, per
character. Standard library only, apart from translit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (a sibling module, found through the path above)
import translit  # noqa: E402
from translit.stream import drive  # noqa: E402

C2L = "uz_Cyrl-uz_Latn"
L2C = "uz_Latn-uz_Cyrl"
CHUNK = 64  # characters per feed in the streamed mode
MODES = ("oneshot", "stream")


@dataclass(frozen=True)
class Shape:
    id: str
    direction: str
    format: str  # "text", "html", "xml" or "markdown"
    unit: str = ""  # repeated up to the size; "" for a generated text
    generated: str = ""  # corpus script of a generated text
    keep: int = 0  # size of a generated keep list

    def text(self, size: int) -> str:
        if self.generated:
            return corpus.generate(size, self.generated, seed=7)  # type: ignore[arg-type]
        return (self.unit * (size // len(self.unit) + 1))[:size]


SHAPES = (
    # Markup constructs that never close (issue 13's table, and the hook's probe).
    Shape("tag-html", C2L, "html", "<a "),
    Shape("tag-xml", C2L, "xml", "<a "),
    Shape("tag-newline-md", C2L, "markdown", "<a\n"),
    Shape("declaration-xml", C2L, "xml", "<!x["),
    Shape("doctype-xml", C2L, "xml", "<!DOCTYPE Ер "),
    Shape("bang-html", C2L, "html", "<!x "),
    Shape("autolink-md", C2L, "markdown", "<http://a"),
    Shape("link-target-md", C2L, "markdown", "[x](<a"),
    Shape("title-html", C2L, "html", '<a title="Ер '),
    Shape("title-xml", C2L, "xml", '<a title="Ер '),
    Shape("quoted-gt-html", C2L, "html", "<a x='>' "),
    Shape("div-html", C2L, "html", "<div Ер "),
    Shape("code-span-md", C2L, "markdown", "`Ер "),
    Shape("tag-name-md", C2L, "markdown", "<a[x]("),
    # Soft hyphens, open elements and JSON-LD (issue 14's HTML items).
    Shape("soft-hyphens", C2L, "text", "ц\u00ad"),
    Shape("wbr-html", C2L, "html", "ц<wbr>"),
    Shape("lang-html", C2L, "html", '<a lang="ru"></b><li>'),
    Shape("json-ld-html", C2L, "html", '<script type="application/ld+json">{"name":"Ер\\n'),
    # Text without the usual structure.
    Shape("soft-signs", C2L, "text", "ь" * 40 + "ʼ"),
    Shape("signs-mixed", C2L, "text", "цьъ'ʻ"),
    Shape("one-word-c2l", C2L, "text", "ц"),
    Shape("one-word-l2c", L2C, "text", "shoʻ"),
    Shape("digits", C2L, "text", "0123456789"),
    Shape("url-tokens", C2L, "text", "https://a.uz/" + "ц" * 30 + " "),
    Shape("one-url", C2L, "text", "https://a.uz/" + "ц" * 1_000_000),
    Shape("varied-c2l", C2L, "text", generated="cyrillic"),
    Shape("varied-keep1", C2L, "text", generated="cyrillic", keep=1),
    Shape("varied-keep100k", C2L, "text", generated="cyrillic", keep=100_000),
)


def keep_list(size: int) -> list[str]:
    """``size`` distinct Cyrillic words (a few real ones, the rest made up), deterministic."""
    letters = "абвгдеёжзийклмнопрстуфхцчшўқғҳ"
    words = ["шевроле"]
    n = 1
    while len(words) < size:
        word, k = "", n
        while k:
            k, r = divmod(k, len(letters))
            word += letters[r]
        words.append("ж" + word)
        n += 1
    return words[:size]


def converter(shape: Shape, mode: str) -> Callable[[str], str]:
    options: dict[str, Any] = {"keep": keep_list(shape.keep)} if shape.keep else {}
    t = translit.get(shape.direction, **options)
    fmt = shape.format
    if mode == "oneshot":
        if shape.generated:
            # A fresh memo each time: the words are new, as in real text (repeats would
            # otherwise time dictionary lookups only).
            settings = t.options
            return lambda text: translit.Transliterator(shape.direction, settings)(text)
        if fmt == "text":
            return t
        return lambda text: translit.convert_markup(text, t, fmt)

    def streamed(text: str) -> str:
        chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]
        if fmt == "text":
            return "".join(drive(translit.IncrementalTransliterator(t), chunks))
        return "".join(translit.stream_markup(chunks, t, fmt))

    return streamed


def measure(shape: Shape, mode: str, size: int, repeats: int, budget: float = 0.5) -> float:
    """Least ns per character of converting the shape at ``size``, over at least ``repeats``
    runs and ``budget`` seconds; checks that the stream gives the one-shot output."""
    text = shape.text(size)
    convert = converter(shape, mode)
    convert(text[:1000])  # warm up: compile, caches
    times: list[float] = []
    out = ""
    while len(times) < repeats or (sum(times) < budget and len(times) < 50):
        start = time.process_time()
        out = convert(text)
        times.append(time.process_time() - start)
    if mode == "stream" and out != converter(shape, "oneshot")(text):
        raise AssertionError(f"{shape.id}: the stream differs from the one-shot output")
    # The least time is the cost of the work itself; a shared machine only ever adds to it.
    return min(times) / size * 1e9


def memory(shape: Shape, size: int) -> float:
    """Peak Python allocation per character of a one-shot conversion (tracemalloc)."""
    text = shape.text(size)
    convert = converter(shape, "oneshot")
    convert(text[:1000])
    tracemalloc.start()
    try:
        convert(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / size


def measure_in_child(
    shape: Shape, mode: str, size: int, repeats: int, timeout: float
) -> float | None:
    """``measure`` in a child process; None if it took more than ``timeout`` seconds."""
    command = [sys.executable, __file__, "--child", shape.id, mode, str(size), str(repeats)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        raise RuntimeError(f"{shape.id} {mode} {size}: {done.stderr.strip()}")
    return float(done.stdout)


def parse_size(text: str) -> int:
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:].upper(), 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def run(args: argparse.Namespace) -> tuple[int, dict[str, Any]]:
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    shapes = [s for s in SHAPES if not args.only or s.id in args.only.split(",")]
    rows: list[dict[str, Any]] = []
    failed: list[str] = []
    header = "".join(f"{_size_name(n):>10}" for n in sizes)
    print(f"{'shape':<18}{'mode':<9}{header}{'growth':>9}{'bytes/char':>12}")
    for shape in shapes:
        for mode in MODES:
            figures: list[float | None] = []
            for size in sizes:
                if figures and figures[-1] is None:
                    figures.append(None)  # a smaller size already timed out
                elif args.quick:
                    figures.append(measure(shape, mode, size, args.repeats, budget=0.05))
                else:
                    figures.append(measure_in_child(shape, mode, size, args.repeats, args.timeout))
            first, last = figures[0], figures[-1]
            growth = None if first is None or last is None else last / first
            bad = growth is None or growth > args.factor
            per_char = None
            if mode == "oneshot" and not bad and not args.quick:
                per_char = memory(shape, sizes[len(sizes) // 2])
            cells = "".join(
                f"{'> ' + str(int(args.timeout)) + ' s':>10}" if f is None else f"{f:>10.0f}"
                for f in figures
            )
            mark = "  FAIL" if bad else ""
            grown = "-" if growth is None else f"{growth:.2f}x"
            mem = "" if per_char is None else f"{per_char:>12.0f}"
            print(f"{shape.id:<18}{mode:<9}{cells}{grown:>9}{mem}{mark}", flush=True)
            rows.append(
                {
                    "shape": shape.id,
                    "format": shape.format,
                    "mode": mode,
                    "ns_per_char": dict(zip(map(str, sizes), figures, strict=True)),
                    "growth": growth,
                    "bytes_per_char": per_char,
                    "passed": not bad,
                }
            )
            if bad:
                failed.append(f"{shape.id}/{mode}")
    print(f"ns/char; FAIL: growth over {args.factor}x from the smallest to the largest size")
    print("FAILED: " + ", ".join(failed) if failed else "PASS: every shape is linear")
    return (1 if failed else 0), {"sizes": sizes, "factor": args.factor, "rows": rows}


def _size_name(n: int) -> str:
    return f"{n // 1_000_000} M" if n >= 1_000_000 else f"{n // 1_000} K"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="2 K and 20 K, in-process, growth up to 4x"
    )
    parser.add_argument("--sizes", help="comma-separated sizes (default 10K,100K,1M)")
    parser.add_argument("--only", default="", help="comma-separated shape ids")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--factor", type=float, help="largest growth allowed (default 2)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per size")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        shape_id, mode, size, repeats = args.child
        shape = next(s for s in SHAPES if s.id == shape_id)
        print(measure(shape, mode, int(size), int(repeats)))
        return 0
    if args.sizes is None:
        args.sizes = "2K,20K" if args.quick else "10K,100K,1M"
    if args.factor is None:
        # Quadratic time grows 10x from 2 K to 20 K; 4x leaves room for a noisy machine.
        args.factor = 4.0 if args.quick else 2.0
    status, results = run(args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
