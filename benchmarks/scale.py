"""Corpus-scale figures (issue 12): cold passes against uconv, every core, Dask, many texts,
the memory of a one-shot call on a big string, and start-up, with their targets.

Usage::

    python benchmarks/scale.py                       # full run (100 MB files: many minutes)
    python benchmarks/scale.py --quick               # smoke run: small sizes, seconds
    python benchmarks/scale.py --json scale.json --svg docs/scale.svg

Every figure is a ratio of two times measured in the same run (medians of --repeats rounds,
contenders in turns), and every output is checked before its time counts: the command's
output must equal the library's (and ``-j N`` must equal ``-j 1`` byte for byte), the Dask
outputs must equal one process's, the many-texts call must equal the loop. Parallel speed-ups
depend on the machine's load: the table records ``os.getloadavg()`` before and after.

Standard library only (plus translit, and Dask and uconv when installed); the plot is an
SVG written by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import run  # noqa: E402  (helpers of the main suite: children, uconv, sizes)
import translit  # noqa: E402

MB = 1_000_000
#: Bytes of generated text a big input repeats.
REPEAT_BLOCK = 10 * MB
DIRECTIONS = ("c2l", "l2c")
NAMES = {"c2l": "Cyrillic → Latin", "l2c": "Latin → Cyrillic"}
SOURCE: dict[str, corpus.Script] = {"c2l": "cyrillic", "l2c": "latin"}
TARGET = {"c2l": "latin", "l2c": "cyrillic"}
ICU = {"c2l": "uz_Cyrl-uz_Latn", "l2c": "uz_Latn-uz_Cyrl"}

# (figure, target, higher is better)
TARGETS: dict[str, tuple[float, bool]] = {
    "news_vs_uconv": (0.8, True),
    "large_vs_uconv": (1.2, True),
    "jobs_2": (1.7, True),
    "dask_2": (1.6, True),
    "many_vs_loop": (3.0, True),
    "rss_ratio": (3.0, False),
    "startup_ms": (100.0, False),
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_time(function: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def command(args: list[str], out: Path) -> float:
    """Wall time of a fresh process writing to ``out`` (through the suite's launcher)."""
    with out.open("wb") as handle:
        return run.run_child(args, stdout=handle).seconds


class Scale:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.a = args
        self.tmp = tmp
        self.rows: list[dict[str, Any]] = []
        self.figures: dict[str, float] = {}
        self.files: dict[tuple[str, str], Path] = {}

    def add(self, section: str, label: str, value: float, unit: str, key: str = "") -> None:
        row = {"section": section, "label": label, "value": value, "unit": unit, "key": key}
        family = key.removesuffix("_c2l").removesuffix("_l2c")
        if family in TARGETS:
            goal, higher = TARGETS[family]
            row["target"] = goal
            row["met"] = value >= goal if higher else value <= goal
        if key:
            self.figures[key] = value
        self.rows.append(row)

    def file(self, kind: str, direction: str) -> Path:
        """The generated input of one size ("news" or "large") in one script."""
        key = (kind, direction)
        if key not in self.files:
            size = self.a.news_size if kind == "news" else self.a.large_size
            path = self.tmp / f"{kind}-{direction}.txt"
            log(f"writing {run.fmt_mb(size)} of {kind} text ({SOURCE[direction]})")
            seed = 12 if kind == "news" else 34
            size += 1 if size % 4096 == 0 else 0  # uconv loses a multiple of its block
            # Generating text is slow (a minute per 10 MB): a big file repeats a 10 MB block,
            # which has far more distinct words than translit's memo holds.
            block = min(size, REPEAT_BLOCK)
            corpus.write(path, block, SOURCE[direction], seed=seed)
            if size > block:
                data = path.read_bytes()
                with path.open("ab") as out:
                    for _ in range(size // block - 1):
                        out.write(b"\n" + data)
                    if out.tell() % 4096 == 0:
                        out.write(b"\n")
            self.files[key] = path
        return self.files[key]

    # 1. one cold pass of the command against uconv

    def cold(self) -> None:
        icu = run.uconv()
        if icu is None:
            log("uconv not installed: the cold-pass section is skipped")
            return
        for kind, key in (("news", "news_vs_uconv"), ("large", "large_vs_uconv")):
            for d in DIRECTIONS:
                path = self.file(kind, d)
                mine = [*run.translit_command(), "-t", TARGET[d], str(path)]
                theirs = [icu, "-x", ICU[d], "-f", "utf-8", "-t", "utf-8", str(path)]
                out = self.tmp / "out.txt"
                command(mine, out)
                if kind == "news":  # the library's one-shot result, byte for byte
                    text = path.read_text(encoding="utf-8")
                    expected = translit.transliterate(text, target=TARGET[d])
                    assert out.read_text(encoding="utf-8") == expected, f"{kind} {d}"
                times: dict[str, list[float]] = {"translit": [], "uconv": []}
                for _ in range(self.a.repeats):
                    times["translit"].append(command(mine, out))
                    times["uconv"].append(command(theirs, out))
                t, u = (statistics.median(times[n]) for n in ("translit", "uconv"))
                size = path.stat().st_size
                self.add(
                    f"cold pass, {kind} text ({run.fmt_mb(size)}), command vs uconv -x",
                    f"{NAMES[d]}: translit {t:.2f} s, uconv {u:.2f} s",
                    u / t,
                    "× uconv",
                    f"{key}_{d}",
                )

    # 2. the command on every core

    def jobs(self) -> None:
        path = self.file("large", "c2l")
        outs: dict[str, str] = {}
        times: dict[str, list[float]] = {j: [] for j in ("1", "2", "0")}
        for _ in range(self.a.repeats):
            for j in times:
                out = self.tmp / f"jobs-{j}.txt"
                times[j].append(
                    command([*run.translit_command(), "-t", "latin", "-j", j, str(path)], out)
                )
                outs[j] = digest(out)
                out.unlink()
        assert len(set(outs.values())) == 1, "-j N differs from -j 1"
        one = statistics.median(times["1"])
        section = f"the command on {run.fmt_mb(path.stat().st_size)}, Cyrillic → Latin, -j N"
        self.add(section, f"-j 1: {one:.2f} s", 1.0, "× -j 1")
        for j, key in (("2", "jobs_2"), ("0", "jobs_0")):
            t = statistics.median(times[j])
            self.add(section, f"-j {j}: {t:.2f} s (output identical)", one / t, "× -j 1", key)
        # What two processes can gain here at all: a shared or busy machine may not give
        # them two cores (measured in the same run, so -j 2 can be read against it).
        ceiling = self.two_processes()
        self.add(
            section,
            "ceiling: two CPU-bound processes at once vs one (no translit)",
            ceiling,
            "× one process",
            "two_processes",
        )
        self.add(
            section,
            "-j 2 against that ceiling",
            one / statistics.median(times["2"]) / ceiling,
            "of the ceiling",
            "jobs_2_of_ceiling",
        )

    def two_processes(self) -> float:
        """Throughput of two busy processes at once over one: 2.0 with two free cores."""
        code = "n = 0\nfor i in range(30_000_000):\n    n += i\n"
        ratios = []
        for _ in range(self.a.repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            alone = time.perf_counter() - start
            start = time.perf_counter()
            both = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
            for child in both:
                child.wait()
            ratios.append(2 * alone / (time.perf_counter() - start))
        return statistics.median(ratios)

    # 3. many texts in one call

    def many(self) -> None:
        text = corpus.generate(self.a.headlines * 80, "cyrillic", seed=56)
        words = text.split()
        heads = [" ".join(words[i : i + 8]) for i in range(0, len(words), 8)][: self.a.headlines]
        loop = [translit.to_latin(h) for h in heads]
        assert translit.transliterate_many(heads, target="latin") == loop
        times: dict[str, list[float]] = {"loop": [], "many": []}
        for _ in range(max(3, self.a.repeats)):
            times["loop"].append(median_time(lambda: [translit.to_latin(h) for h in heads], 1))
            times["many"].append(
                median_time(lambda: translit.transliterate_many(heads, target="latin"), 1)
            )
        a, b = statistics.median(times["loop"]), statistics.median(times["many"])
        self.add(
            f"{len(heads):,} short texts (8 words each), one process",
            f"loop of to_latin {a:.2f} s, transliterate_many {b:.2f} s",
            a / b,
            "× the loop",
            "many_vs_loop",
        )

    # 4. Dask: a LocalCluster with two worker processes against one process

    def dask(self) -> None:
        try:
            import dask
            import dask.distributed

            import translit.dask as tdask
        except ImportError:
            log("Dask not installed: the Dask section is skipped")
            return
        folder = self.tmp / "dask-in"
        folder.mkdir()
        per_file = self.a.dask_size // 8
        for index in range(8):
            corpus.write(folder / f"part{index}.txt", per_file, "cyrillic", seed=100 + index)
        single, multi = self.tmp / "dask-one", self.tmp / "dask-cluster"
        tdask.convert_files(folder, single, target="latin", scheduler="sync")  # warm: compiled
        with (
            dask.distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            dask.distributed.Client(cluster),
        ):
            tdask.convert_files(folder, multi, target="latin")  # warm: workers compiled
            times: dict[str, list[float]] = {"one": [], "cluster": []}
            for _ in range(self.a.repeats):
                times["one"].append(
                    median_time(
                        lambda: tdask.convert_files(
                            folder, single, target="latin", scheduler="sync"
                        ),
                        1,
                    )
                )
                times["cluster"].append(
                    median_time(lambda: tdask.convert_files(folder, multi, target="latin"), 1)
                )
        for name in os.listdir(folder):
            assert digest(single / name) == digest(multi / name), name
        one, two = statistics.median(times["one"]), statistics.median(times["cluster"])
        self.add(
            f"translit.dask.convert_files, 8 files, {run.fmt_mb(per_file * 8)}",
            f"one process {one:.2f} s, LocalCluster of 2 worker processes {two:.2f} s",
            one / two,
            "× one process",
            "dask_2",
        )

    # 5. memory of one call on a big string

    def rss(self) -> None:
        path = self.file("large", "c2l")
        code = (
            "import resource, sys, translit\n"
            "translit.to_latin('Шаҳар')\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
            f"text = open({str(path)!r}, encoding='utf-8').read()\n"
            "read = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
            "out = translit.to_latin(text)\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
            "print(sys.getsizeof(text), sys.getsizeof(out), before, read, peak)\n"
        )
        out = self.tmp / "rss.txt"
        command([sys.executable, "-c", code], out)
        size, output, before, read, peak = map(int, out.read_text().split())
        self.add(
            f"one to_latin call on a {run.fmt_mb(path.stat().st_size)} file's text",
            f"input {run.fmt_mb(size)} in memory, output {run.fmt_mb(output)}; peak RSS"
            f" {run.fmt_mb(peak)}: {run.fmt_mb(before)} before reading,"
            f" {run.fmt_mb(read)} after; figure = (peak - before) / input",
            (peak - before) / size,
            "× input",
            "rss_ratio",
        )

    # 6. import and first call

    def startup(self) -> None:
        code = (
            "import time\nt0 = time.perf_counter()\nimport translit\n"
            "translit.to_latin('Ўзбекистон Республикаси')\n"
            "print(time.perf_counter() - t0)\n"
        )
        out = self.tmp / "startup.txt"
        times = []
        walls = []
        for _ in range(self.a.startup_runs):
            walls.append(command([sys.executable, "-c", code], out))
            times.append(float(out.read_text()))
        ms = statistics.median(times) * 1e3
        wall = statistics.median(walls) * 1e3
        self.add(
            "start-up (fresh process)",
            f"import translit + first to_latin: {ms:.0f} ms (whole process {wall:.0f} ms)",
            ms,
            "ms",
            "startup_ms",
        )


def render(results: dict[str, Any]) -> str:
    lines = [
        f"translit scale benchmarks, {results['when']}, {results['cpus']} cores,"
        f" load {results['load_before']} → {results['load_after']}",
        "",
        "| section | measured | figure | target |",
        "|---|---|---|---|",
    ]
    for row in results["rows"]:
        goal = ""
        if "target" in row:
            family = row["key"].removesuffix("_c2l").removesuffix("_l2c")
            sign = "≥" if TARGETS[family][1] else "≤"
            goal = f"{sign} {row['target']:g} {'met' if row['met'] else 'NOT met'}"
        value = f"{row['value']:.2f} {row['unit']}"
        lines.append(f"| {row['section']} | {row['label']} | {value} | {goal} |")
    return "\n".join(lines)


def svg(results: dict[str, Any]) -> str:
    """Horizontal bars of the ratios (higher is better), each with its target as a tick."""
    bars = [r for r in results["rows"] if r["unit"].startswith("×") and r["unit"] != "× input"]
    width, left, bar, gap = 760, 330, 18, 8
    scale_max = max([r["value"] for r in bars] + [r.get("target", 0) for r in bars] + [1.0])
    scale = (width - left - 60) / scale_max
    height = 40 + len(bars) * (bar + gap) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        ' font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="10" y="20" font-size="14">translit speed ratios ({results["when"]},'
        f" {results['cpus']} cores, load {results['load_before']}); tick = target</text>",
    ]
    y = 40
    for row in bars:
        label = f"{row['section'][:38]}: {row['key'] or row['label'][:20]}"
        colour = "#2a7" if row.get("met", True) else "#c43"
        w = max(1.0, row["value"] * scale)
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{html.escape(label)}</text>'
        )
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 13}">{row["value"]:.2f}×</text>')
        if "target" in row:
            x = left + row["target"] * scale
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + bar + 2}"'
                ' stroke="black" stroke-width="2"/>'
            )
        y += bar + gap
    x1 = left + scale
    parts.append(
        f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="36" y2="{y}" stroke="#999" stroke-dasharray="3"/>'
    )
    parts.append(f'<text x="{x1:.1f}" y="{y + 14}" text-anchor="middle">1×</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


SECTIONS = ("cold", "jobs", "many", "dask", "rss", "startup")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run with small sizes")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--svg", type=Path, help="write the plot")
    parser.add_argument("--news-size", type=run.parse_size, help="bytes (3M; quick 100K)")
    parser.add_argument("--large-size", type=run.parse_size, help="bytes (100M; quick 300K)")
    parser.add_argument("--dask-size", type=run.parse_size, help="bytes (40M; quick 200K)")
    parser.add_argument("--headlines", type=int, help="short texts (100000; quick 2000)")
    parser.add_argument("--repeats", type=int, help="rounds, median (3; quick 1)")
    parser.add_argument("--startup-runs", type=int, help="fresh processes (10; quick 2)")
    parser.add_argument("--skip", action="append", default=[], choices=SECTIONS)
    args = parser.parse_args(argv)
    q = args.quick
    args.news_size = args.news_size or (100_000 if q else 3 * MB)
    args.large_size = args.large_size or (300_000 if q else 100 * MB)
    args.dask_size = args.dask_size or (200_000 if q else 40 * MB)
    args.headlines = args.headlines or (2000 if q else 100_000)
    args.repeats = args.repeats or (1 if q else 3)
    args.startup_runs = args.startup_runs or (2 if q else 10)
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="translit-scale-") as folder:
        suite = Scale(args, Path(folder))
        for name in SECTIONS:
            if name not in args.skip:
                log(f"section {name}")
                getattr(suite, name)()
    results = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": sys.version.split()[0],
        "settings": {k: v for k, v in vars(args).items() if k not in ("json", "svg")},
        "rows": suite.rows,
        "figures": suite.figures,
    }
    print(render(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    if args.svg:
        args.svg.write_text(svg(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
