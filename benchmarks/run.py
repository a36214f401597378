"""The benchmark suite: translit's speed, start-up and memory, each figure beside a reference
measured in the same run, with the targets of issue 4 and PASS/FAIL for each.

Usage::

    python benchmarks/run.py                        # full suite (minutes: 100 MB, 1 GB files)
    python benchmarks/run.py --quick                # smoke run: seconds, small sizes, 1 repeat
    python benchmarks/run.py --json results.json    # also write every figure as JSON
    python benchmarks/run.py --size 20M --repeats 7 --skip memory

Every translit output is checked before it is timed (a figure whose check fails is not
timed, and the exit status is 1): the one-shot conversion of the seed article must equal its
committed Latin, the committed accuracy sets must meet their floors (benchmarks/accuracy.py)
in both directions, the streaming API must give the one-shot output on the generated
corpus, and the command the one-shot (or, on big files, streaming) output of its input file.
Peers are not required to be right, only to give output of plausible length (see _plausible).
Missed targets do not change the exit status unless --strict is given.

Timing uses time.perf_counter (medians of --repeats runs, contenders run in turns so that
the machine's noise falls on all of them alike); memory is the peak RSS (ru_maxrss) of the
command's process, from os.wait4. Standard library only, apart from translit itself and the
optional peers.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gc
import hashlib
import importlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (a sibling module, found through the path above)
import translit  # noqa: E402

DATA = ROOT / "tests" / "data"
DIRECTIONS = ("c2l", "l2c")
DIRECTION_NAMES = {"c2l": "Cyrillic→Latin", "l2c": "Latin→Cyrillic"}
SOURCE: dict[str, corpus.Script] = {"c2l": "cyrillic", "l2c": "latin"}
TARGET = {"c2l": "latin", "l2c": "cyrillic"}
ICU_ID = {"c2l": "uz_Cyrl-uz_Latn", "l2c": "uz_Latn-uz_Cyrl"}
WORD_SCAN = r"\w+"
#: Characters per chunk fed to the streaming API (the command reads 64 KiB blocks).
STREAM_CHUNK = 1 << 16
#: ICU uconv reads 4096-byte blocks and loses output when the input is an exact multiple.
UCONV_BLOCK = 4096
#: Inputs for the memory runs are this much generated text, repeated (generating 1 GB of
#: fresh text takes minutes; a block this size has far more distinct words than translit's
#: bounded memo holds, so repeating it changes nothing for memory).
MEMORY_BLOCK = 64_000_000
MB = 1_000_000

# The targets of issue 4.
TARGET_WORD_SCAN = 0.5  # one-shot ≥ 50% of the bare re.findall word scan
TARGET_CHARS = 10e6  # one-shot ≥ 10 M characters/s
TARGET_STREAM = 0.8  # streaming API ≥ 80% of one-shot
TARGET_UCONV = 10.0  # the command ≥ 10× as fast as uconv
TARGET_STARTUP_MS = 100.0  # import translit + first conversion < 100 ms
TARGET_RSS = 100 * MB  # peak RSS streaming 1 GB through the command < 100 MB


# -- settings ------------------------------------------------------------------------------


@dataclass
class Settings:
    quick: bool
    size: int  # characters of generated text for the in-process figures
    shape: corpus.Shape
    seed: int
    repeats: int
    command_size: int  # bytes of the file for the command figure
    command_repeats: int
    memory_size: int  # bytes streamed through the command for the memory figure
    memory_timeout: float
    startup_runs: int
    min_time: float  # seconds a small text is converted over and over for one sample
    peer_chars: int  # in-process peers convert at most this much of the corpus
    skip: frozenset[str]


SECTIONS = ("oneshot", "samples", "stream", "command", "startup", "memory")
_UNITS = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}


def parse_size(text: str) -> int:
    """``10M``, ``1G``, ``500K`` (powers of ten) or a plain number."""
    text = text.strip().upper().removesuffix("B")
    factor = _UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _UNITS else text
    try:
        return int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 10M, 1G)") from None


def parse_args(argv: list[str] | None) -> tuple[Settings, argparse.Namespace]:
    parser = argparse.ArgumentParser(
        description="translit benchmark suite (see benchmarks/README.md)",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: seconds, not minutes")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write all figures as JSON")
    parser.add_argument(
        "--size", type=parse_size, help="characters of generated text (default 10M; quick 100K)"
    )
    parser.add_argument("--shape", choices=corpus.SHAPES, default="lines")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--repeats", type=int, help="runs per figure, median (5; quick 1)")
    parser.add_argument(
        "--command-size", type=parse_size, help="bytes of the command's input (100M; quick 200K)"
    )
    parser.add_argument("--command-repeats", type=int, help="runs of the command (3; quick 1)")
    parser.add_argument(
        "--memory-size", type=parse_size, help="bytes streamed for peak RSS (1G; quick: skipped)"
    )
    parser.add_argument(
        "--memory-timeout",
        type=float,
        default=600.0,
        help="seconds after which a memory run is stopped and reported as incomplete",
    )
    parser.add_argument("--startup-runs", type=int, help="fresh processes timed (10; quick 1)")
    parser.add_argument(
        "--skip", action="append", default=[], choices=SECTIONS, help="leave a section out"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    quick = args.quick

    def pick(value: Any, full: Any, small: Any) -> Any:
        return value if value is not None else (small if quick else full)

    skip = set(args.skip)
    if quick and args.memory_size is None:
        skip.add("memory-1g")
    settings = Settings(
        quick=quick,
        size=pick(args.size, 10_000_000, 100_000),
        shape=args.shape,
        seed=args.seed,
        repeats=max(1, pick(args.repeats, 5, 1)),
        command_size=pick(args.command_size, 100 * MB, 200_000),
        command_repeats=max(1, pick(args.command_repeats, 3, 1)),
        memory_size=pick(args.memory_size, 1_000_000_000, 1_000_000_000),
        memory_timeout=args.memory_timeout,
        startup_runs=max(1, pick(args.startup_runs, 10, 1)),
        min_time=0.05 if quick else 0.5,
        peer_chars=50_000 if quick else 1_000_000,
        skip=frozenset(skip),
    )
    return settings, args


# -- small helpers -----------------------------------------------------------------------------


_START = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _START:7.1f}s] {message}", file=sys.stderr, flush=True)


def utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def converter(direction: str) -> Callable[[str], str]:
    return translit.to_latin if direction == "c2l" else translit.to_cyrillic


def streamer(direction: str) -> Callable[[Iterable[str]], Iterator[str]]:
    return translit.stream_to_latin if direction == "c2l" else translit.stream_to_cyrillic


def time_call(function: Callable[[], object], min_time: float) -> float:
    """Seconds per call of ``function`` (called until ``min_time`` has passed, at least once)."""
    gc.collect()
    calls = 0
    start = time.perf_counter()
    while True:
        function()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            return elapsed / calls


def interleaved(
    contenders: dict[str, Callable[[], object]], repeats: int, min_time: float = 0.0
) -> dict[str, float]:
    """Median seconds per call of each contender; each round runs every contender once."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, function in contenders.items():
            samples[name].append(time_call(function, min_time))
    return {name: statistics.median(values) for name, values in samples.items()}


def drain(stream: Callable[[Iterable[str]], Iterator[str]], chunks: list[str]) -> None:
    """Run a stream to its end, dropping each output piece."""
    for _ in stream(chunks):
        pass


def avoid_block_multiple(text: str) -> str:
    """``text`` shortened until its UTF-8 size is not a multiple of uconv's block size."""
    while text and utf8(text) % UCONV_BLOCK == 0:
        text = text[:-1]
    return text


def fmt_rate(chars_per_s: float, mb_per_s: float) -> str:
    return f"{chars_per_s / 1e6:6.2f} M chars/s {mb_per_s:6.1f} MB/s"


def fmt_mb(n: float) -> str:
    return f"{n / MB:,.1f} MB"


def rate_cell(seconds: float, chars: int, size: int, **extra: Any) -> dict[str, Any]:
    cell = {
        "seconds": seconds,
        "chars_per_s": chars / seconds,
        "mb_per_s": size / seconds / MB,
        "text": fmt_rate(chars / seconds, size / seconds / MB),
    }
    cell.update(extra)
    return cell


def compared(cell: dict[str, Any], translit_cell: dict[str, Any] | None, *, peer: bool) -> None:
    """Add translit's standing against this reference (percent of it, or times as fast)."""
    if translit_cell is None:
        return
    ratio = translit_cell["chars_per_s"] / cell["chars_per_s"]
    cell["translit_ratio"] = ratio
    cell["text"] += f"  translit {ratio:.2f}×" if peer else f"  translit {ratio:.1%}"


def target(
    label: str, value: float | None, threshold: float, *, below: bool = False, unit: str = ""
) -> dict[str, Any]:
    """One target cell: ``value`` must be at least (or, with ``below``, under) ``threshold``."""
    if value is None:
        return {"value": None, "threshold": threshold, "passed": None, "text": "n/a"}
    passed = value < threshold if below else value >= threshold
    shown = f"{value:.1%}" if unit == "%" else f"{value:,.2f}{unit}"
    return {
        "label": label,
        "value": value,
        "threshold": threshold,
        "passed": passed,
        "text": f"{'PASS' if passed else 'FAIL'} {shown}",
    }


_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['`´‘’ʻʼ-](?=[^\W\d_]))*[ʻ'‘`]?")
_FOLD = str.maketrans(dict.fromkeys("'`´‘’ʻʼ", "'"))


def positional_accuracy(units: Iterable[Any], direction: str) -> float | None:
    """Word accuracy (%) of translit on aligned units, comparing words position by position
    with apostrophes folded (as benchmarks/accuracy.py does); ``unit.skip`` positions are
    left out of Latin→Cyrillic. None if a unit's output has a different number of words
    (then only an alignment, which the accuracy harness does, can score it). Never higher
    than the harness's alignment-based figure."""
    convert = converter(direction)
    words = errors = 0
    for unit in units:
        source, gold = (
            (unit.cyrillic, unit.latin) if direction == "c2l" else (unit.latin, unit.cyrillic)
        )
        expected = _WORD.findall(gold.translate(_FOLD))
        got = _WORD.findall(convert(source).translate(_FOLD))
        if len(got) != len(expected):
            return None
        skip = unit.skip if direction == "l2c" else frozenset()
        for index, (a, b) in enumerate(zip(got, expected, strict=True)):
            if index not in skip:
                words += 1
                errors += a != b
    return 100.0 * (words - errors) / words if words else None


def rss_target(cell: dict[str, Any]) -> dict[str, Any]:
    """The memory target for one run: a run stopped early counts only if it already failed."""
    rss = cell.get("peak_rss")
    if rss is None:
        return target("< 100 MB", None, TARGET_RSS / MB)
    goal = target("< 100 MB", rss / MB, TARGET_RSS / MB, below=True, unit=" MB")
    if not cell.get("finished") and goal["passed"]:
        goal.update(passed=None, text=f"n/a (incomplete; {rss / MB:.1f} MB so far)")
    return goal


def plausible(source: str, output: str) -> str | None:
    """Why a peer's output is implausible, or None. The peers are not correct converters,
    but they must not lose text: their output keeps the input's newlines, spaces and digits
    (uconv loses its last block on inputs of an exact multiple of its block size)."""
    for char in "\n 0123456789":
        if source.count(char) != output.count(char):
            return f"{source.count(char)} {char!r} in the input, {output.count(char)} in the output"
    return None


# -- processes -------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """Environment of child processes: they import the same translit as this process."""
    env = dict(os.environ)
    src = str(Path(translit.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


def translit_command() -> list[str]:
    script = Path(sys.executable).parent / "translit"
    if script.exists():
        return [str(script)]
    found = shutil.which("translit")
    return [found] if found else [sys.executable, "-m", "translit"]


def source_digest() -> str:
    """A hash of translit's files (code and data) as they are on disk now."""
    package = Path(translit.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def uconv() -> str | None:
    return shutil.which("uconv")


@dataclass
class ChildRun:
    seconds: float
    peak_rss: int  # bytes
    finished: bool = True
    position: int | None = None  # bytes of the input read when a run was stopped


# Children are started through this small launcher, which spawns the command and reports
# its wall time and ru_maxrss from os.wait4. Started directly from this process, a child's
# ru_maxrss would be at least this process's own peak RSS (Linux carries the peak of the
# memory image a process had before exec over into its ru_maxrss, and a vfork/posix_spawn
# child's image before exec is its parent's): hundreds of MB after the in-process figures.
# The launcher's own peak (a bare interpreter, about 8 MB) is the floor of what it can see.
# With a timeout it stops the command when time is up and reports how far it had read the
# watched file (from /proc/PID/fdinfo, Linux).
_LAUNCHER = """
import json, os, sys, time
result, timeout, watch, *args = sys.argv[1:]
timeout = float(timeout)
def position(pid):
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}") == watch:
                with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                    return int(info.read().split("pos:")[1].split()[0])
    except (OSError, IndexError, ValueError):
        pass
    return None
start = time.perf_counter()
pid = os.posix_spawnp(args[0], args, os.environ)
finished, where = True, None
if timeout <= 0:
    _, status, usage = os.wait4(pid, 0)
else:
    while True:
        got, status, usage = os.wait4(pid, os.WNOHANG)
        if got:
            break
        if time.perf_counter() - start > timeout:
            where = position(pid)
            os.kill(pid, 9)
            _, status, usage = os.wait4(pid, 0)
            finished = False
            break
        time.sleep(0.05)
seconds = time.perf_counter() - start
scale = 1 if sys.platform == "darwin" else 1024
with open(result, "w") as out:
    json.dump({"seconds": seconds, "peak_rss": usage.ru_maxrss * scale, "finished": finished,
               "position": where, "status": os.waitstatus_to_exitcode(status)}, out)
"""


def run_child(
    args: list[str],
    *,
    stdout: Any = subprocess.DEVNULL,
    timeout: float | None = None,
    watch: Path | None = None,
) -> ChildRun:
    """Run ``args`` (through the launcher); its wall time and peak RSS. With ``timeout`` it
    is stopped when time is up (reporting how far it read ``watch``) instead of failing."""
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        errors = Path(folder) / "stderr"
        with errors.open("wb") as handle:
            launcher = [
                sys.executable,
                "-c",
                _LAUNCHER,
                str(result),
                str(timeout or 0),
                str(watch or ""),
                *args,
            ]
            subprocess.run(launcher, stdout=stdout, stderr=handle, env=child_env(), check=True)
        run = json.loads(result.read_text())
        if run["finished"] and run["status"]:
            message = errors.read_text(errors="replace").strip()
            raise RuntimeError(f"{' '.join(args)} failed ({run['status']}): {message}")
    return ChildRun(run["seconds"], run["peak_rss"], run["finished"], run["position"])


# -- the suite -------------------------------------------------------------------------------


class Suite:
    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.checks: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        self.skipped: list[str] = []
        self.corpora: dict[str, Any] = {}
        self.texts: dict[str, str] = {}  # direction → generated source text
        self.uzt: Any = None
        self.uzt_version: str | None = None
        self.tmp = Path(tempfile.mkdtemp(prefix="translit-bench-"))
        self.digest = source_digest()

    # checks

    def check(self, name: str, direction: str | None, passed: bool, detail: str = "") -> bool:
        self.checks.append(
            {"name": name, "direction": direction, "passed": passed, "detail": detail}
        )
        if not passed:
            log(f"CHECK FAILED: {name} {direction or ''} {detail}")
        return passed

    def passed(self, direction: str, *names: str) -> bool:
        """Whether every check of these names in this direction passed."""
        return all(
            c["passed"] for c in self.checks if c["name"] in names and c["direction"] == direction
        )

    def section(self, key: str, title: str, note: str = "") -> dict[str, Any]:
        section: dict[str, Any] = {"id": key, "title": title, "note": note, "rows": []}
        self.sections.append(section)
        return section

    @staticmethod
    def row(section: dict[str, Any], key: str, label: str, role: str) -> dict[str, Any]:
        row: dict[str, Any] = {"id": key, "label": label, "role": role}
        section["rows"].append(row)
        return row

    # corpora and correctness

    def prepare(self) -> None:
        s = self.s
        log(f"generating {s.size:,} characters of {s.shape!r} text in each script (seed {s.seed})")
        generated: dict[str, Any] = {
            "shape": s.shape,
            "seed": s.seed,
            "vocabulary": corpus.describe(),
        }
        for direction in DIRECTIONS:
            script = SOURCE[direction]
            text = avoid_block_multiple(corpus.generate(s.size, script, seed=s.seed, shape=s.shape))
            self.texts[direction] = text
            words = corpus.words(text)
            lines = text.split("\n")
            generated[script] = {
                "chars": len(text),
                "bytes": utf8(text),
                "words": len(words),
                "distinct_words": len(set(words)),
                "distinct_pieces": len(set(text.split())),
                "lines": len(lines),
                "longest_line": max(map(len, lines)),
            }
        self.corpora["generated"] = generated
        seed = {"c2l": (DATA / "seed.cyrl.txt"), "l2c": (DATA / "seed.latn.txt")}
        udhr = corpus.udhr_units()
        self.samples = {
            "seed": {d: path.read_text(encoding="utf-8") for d, path in seed.items()},
            "udhr": {
                "c2l": "\n".join(c for c, _ in udhr),
                "l2c": "\n".join(latin for _, latin in udhr),
            },
        }
        for name, texts in self.samples.items():
            self.corpora[name] = {
                SOURCE[d]: {"chars": len(t), "bytes": utf8(t), "words": len(corpus.words(t))}
                for d, t in texts.items()
            }

        log("checking outputs")
        latin = converter("c2l")(self.samples["seed"]["c2l"])
        expected = self.samples["seed"]["l2c"]
        detail = "" if latin == expected else _first_difference(latin, expected)
        # The seed's committed Latin is exact; Latin→Cyrillic is checked by accuracy floors
        # (the Cyrillic original has Latin letters in Cyrillic words, which no converter
        # can restore).
        self.check("seed", "c2l", latin == expected, detail or "output equals seed.latn.txt")
        self._accuracy_checks()

    def _accuracy_checks(self) -> None:
        """The committed accuracy sets meet the floors of benchmarks/accuracy.py."""
        try:
            import accuracy
        except ImportError as error:  # pragma: no cover - the harness is part of the repo
            self.skipped.append(f"accuracy floors not checked: {error}")
            return
        for name in ("seed", "udhr"):
            loader, *floors = accuracy.SETS[name]
            units = loader()
            for direction, floor in zip(DIRECTIONS, floors, strict=True):
                got = positional_accuracy(units, direction)
                how = "positional"
                if got is None or got < floor:  # the harness's own (slower) figure decides
                    got = accuracy.evaluate(units)[direction].word_accuracy
                    how = "benchmarks/accuracy.py"
                detail = f"word accuracy {got:.2f}% (floor {floor}%; {how})"
                self.check(name, direction, got >= floor, detail)

    # 1. one-shot

    def run_oneshot(self) -> None:
        s = self.s
        gen = self.corpora["generated"]
        section = self.section(
            "oneshot",
            f"One-shot throughput: generated corpus ({s.shape}, {s.size:,} chars, "
            f"{gen['cyrillic']['distinct_words']:,}/{gen['latin']['distinct_words']:,} "
            "distinct words)",
            "translit.to_latin / to_cyrillic on the whole text in one call",
        )
        rows = {
            **self._oneshot_rows(section),
            "uconv": self.row(section, "uconv", "ICU uconv -x (command, same text)", "peer"),
            "uzt": self.row(section, "uztransliterator", self._uzt_label(), "peer"),
        }
        import regex

        scan = re.compile(WORD_SCAN)
        rscan = regex.compile(WORD_SCAN)
        icu = uconv()
        if icu is None:
            self.skipped.append("ICU uconv: not installed (apt install icu-devtools)")
        for direction in DIRECTIONS:
            text = self.texts[direction]
            convert = converter(direction)
            convert(text[:2000])  # compile the tables (the start-up figure measures that)
            size = utf8(text)
            log(f"one-shot {direction}: checking")
            same = self._stream_equals(direction, convert(text))
            self.check("stream", direction, same, "streaming output equals one-shot output")
            contenders: dict[str, Callable[[], object]] = {
                "re": functools.partial(scan.findall, text),
                "regex": functools.partial(rscan.findall, text),
            }
            if self.passed(direction, "seed", "udhr"):
                contenders["translit"] = functools.partial(convert, text)
            else:
                rows["translit"][direction] = {"text": "not timed: output check failed"}
            if icu is not None:
                path = self.tmp / f"oneshot-{direction}.txt"
                path.write_text(text, encoding="utf-8")
                icu_args = [icu, "-x", ICU_ID[direction], "-f", "utf-8", "-t", "utf-8", str(path)]
                out = subprocess.run(icu_args, capture_output=True, check=True).stdout.decode()
                why = plausible(text, out)
                if why is None:
                    contenders["uconv"] = functools.partial(run_child, icu_args)
                else:
                    rows["uconv"][direction] = {"text": f"implausible output: {why}"}
            log(f"one-shot {direction}: timing ({s.repeats} rounds)")
            times = interleaved(contenders, s.repeats)
            cell = None
            if "translit" in times:
                cell = rate_cell(times["translit"], len(text), size)
                rows["translit"][direction] = cell
            for key in ("re", "regex", "uconv"):
                if key in times:
                    rows[key][direction] = rate_cell(times[key], len(text), size)
                    compared(rows[key][direction], cell, peer=key == "uconv")
            self._uzt(rows["uzt"], direction, text[: s.peer_chars], cell)
        section["targets"] = [
            {
                "id": "word_scan",
                "label": "target: ≥ 50% of re.findall",
                **{
                    d: target("≥ 50% of re.findall", rows["re"][d].get("translit_ratio"),
                              TARGET_WORD_SCAN, unit="%")
                    for d in DIRECTIONS if d in rows["translit"]
                },
            },
            {
                "id": "chars_per_s",
                "label": "target: ≥ 10 M chars/s",
                **{
                    d: target("≥ 10 M chars/s", rows["translit"][d].get("chars_per_s", 0) / 1e6
                              if "chars_per_s" in rows["translit"][d] else None,
                              TARGET_CHARS / 1e6, unit="M")
                    for d in DIRECTIONS if d in rows["translit"]
                },
            },
        ]  # fmt: skip

    def _oneshot_rows(self, section: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """The rows every one-shot section has: translit and the two word scans."""
        return {
            "translit": self.row(section, "translit", "translit one-shot", "translit"),
            "re": self.row(section, "re_findall", f're.findall(r"{WORD_SCAN}")', "reference"),
            "regex": self.row(
                section, "regex_findall", f'regex.findall(r"{WORD_SCAN}")', "reference"
            ),
        }

    def _stream_equals(self, direction: str, output: str) -> bool:
        text = self.texts[direction]
        chunks = [text[i : i + STREAM_CHUNK] for i in range(0, len(text), STREAM_CHUNK)]
        return "".join(streamer(direction)(chunks)) == output

    def _uzt_label(self) -> str:
        try:  # optional, untyped: imported by name
            peer = importlib.import_module("UzTransliterator")
        except ImportError:
            self.skipped.append("UzTransliterator: not installed (pip install UzTransliterator)")
            return "UzTransliterator (not installed)"
        self.uzt = peer.UzTransliterator()
        self.uzt_version = importlib.metadata.version("UzTransliterator")
        return f"UzTransliterator {self.uzt_version} (first {self.s.peer_chars:,} chars)"

    def _uzt(
        self, row: dict[str, Any], direction: str, text: str, cell: dict[str, Any] | None
    ) -> None:
        if self.uzt is None:
            return
        source, target_ = ("cyr", "lat") if direction == "c2l" else ("lat", "cyr")

        def run() -> str:
            return str(self.uzt.transliterate(text, from_=source, to=target_))

        output = run()
        if not 0.5 < len(output) / max(1, len(text)) < 2:
            row[direction] = {"text": f"implausible output length {len(output)}/{len(text)}"}
            return
        seconds = interleaved({"uzt": run}, self.s.repeats, self.s.min_time)["uzt"]
        row[direction] = rate_cell(seconds, len(text), utf8(text))
        compared(row[direction], cell, peer=True)

    # 2. the committed samples

    def run_samples(self) -> None:
        s = self.s
        import regex

        scan, rscan = re.compile(WORD_SCAN), regex.compile(WORD_SCAN)
        for name, title in (("seed", "seed news article"), ("udhr", "UDHR")):
            texts = self.samples[name]
            chars = len(texts["c2l"])
            section = self.section(
                f"oneshot_{name}",
                f"One-shot throughput: {title} ({chars:,} chars; converted over and over)",
                "a small text repeated: its words stay in translit's memo, which flatters it;"
                " the targets are for the generated corpus",
            )
            rows = {
                **self._oneshot_rows(section),
                "uzt": self.row(section, "uztransliterator", "UzTransliterator", "peer"),
            }
            for direction in DIRECTIONS:
                text = texts[direction]
                convert = converter(direction)
                if not self.passed(direction, name):
                    rows["translit"][direction] = {"text": "not timed: output check failed"}
                    continue
                times = interleaved(
                    {
                        "translit": functools.partial(convert, text),
                        "re": functools.partial(scan.findall, text),
                        "regex": functools.partial(rscan.findall, text),
                    },
                    s.repeats,
                    s.min_time,
                )
                size = utf8(text)
                cell = rate_cell(times["translit"], len(text), size)
                rows["translit"][direction] = cell
                for key in ("re", "regex"):
                    rows[key][direction] = rate_cell(times[key], len(text), size)
                    compared(rows[key][direction], cell, peer=False)
                self._uzt(rows["uzt"], direction, text, cell)
            section["targets"] = []

    # 3. streaming

    def run_stream(self) -> None:
        s = self.s
        section = self.section(
            "stream",
            f"Streaming API throughput: generated corpus, {STREAM_CHUNK:,}-char chunks",
            "translit.stream_to_latin / stream_to_cyrillic over pre-cut chunks; output consumed"
            " piece by piece",
        )
        stream_row = self.row(section, "translit_stream", "translit streaming API", "translit")
        oneshot_row = self.row(
            section, "translit_oneshot", "translit one-shot (same run)", "reference"
        )
        re_row = self.row(section, "re_findall", f're.findall(r"{WORD_SCAN}")', "reference")
        scan = re.compile(WORD_SCAN)
        for direction in DIRECTIONS:
            if not self.passed(direction, "stream"):
                stream_row[direction] = {"text": "not timed: output differs from one-shot"}
                continue
            text = self.texts[direction]
            chunks = [text[i : i + STREAM_CHUNK] for i in range(0, len(text), STREAM_CHUNK)]
            log(f"stream {direction}: timing ({s.repeats} rounds)")
            times = interleaved(
                {
                    "stream": functools.partial(drain, streamer(direction), chunks),
                    "oneshot": functools.partial(converter(direction), text),
                    "re": functools.partial(scan.findall, text),
                },
                s.repeats,
            )
            size = utf8(text)
            cell = rate_cell(times["stream"], len(text), size)
            stream_row[direction] = cell
            oneshot_row[direction] = rate_cell(times["oneshot"], len(text), size)
            re_row[direction] = rate_cell(times["re"], len(text), size)
            compared(oneshot_row[direction], cell, peer=False)
            compared(re_row[direction], cell, peer=False)
        section["targets"] = [
            {
                "id": "stream_vs_oneshot",
                "label": "target: ≥ 80% of one-shot",
                **{
                    d: target("≥ 80% of one-shot", oneshot_row[d]["translit_ratio"],
                              TARGET_STREAM, unit="%")
                    for d in DIRECTIONS if "translit_ratio" in oneshot_row.get(d, {})
                },
            }
        ]  # fmt: skip

    # 4. the command on a file

    def run_command(self) -> None:
        s = self.s
        size = s.command_size + (1 if s.command_size % UCONV_BLOCK == 0 else 0)
        section = self.section(
            "command",
            f"The command end to end: {fmt_mb(size)} file → /dev/null",
            "translit -t latin|cyrillic FILE vs uconv -x ID -f utf-8 -t utf-8 FILE; wall time"
            " of the process, start-up included; input sizes are never a multiple of 4096",
        )
        cmd_row = self.row(section, "translit", f"{' '.join(self._cmd_name())} -t …", "translit")
        icu_row = self.row(section, "uconv", "ICU uconv -x", "peer")
        icu = uconv()
        for direction in DIRECTIONS:
            path = self.tmp / f"command-{direction}.txt"
            log(f"command {direction}: writing {fmt_mb(size)}")
            corpus.write(path, size, SOURCE[direction], seed=s.seed + 1, shape=s.shape)
            chars = len(path.read_text(encoding="utf-8"))
            args = [*translit_command(), "-t", TARGET[direction], str(path)]
            log(f"command {direction}: checking")
            out = self.tmp / "out.txt"
            with out.open("wb") as handle:
                run_child(args, stdout=handle)
            ok = self._same_as_library(direction, path, out)
            out.unlink()
            if not self.check("command", direction, ok, "output equals the library's"):
                cmd_row[direction] = {"text": "not timed: output differs from the library's"}
                continue
            contenders = {"translit": functools.partial(run_child, args)}
            if icu is not None:
                icu_args = [icu, "-x", ICU_ID[direction], "-f", "utf-8", "-t", "utf-8", str(path)]
                with out.open("wb") as handle:
                    run_child(icu_args, stdout=handle)
                why = plausible(path.read_text(encoding="utf-8"), out.read_text(encoding="utf-8"))
                out.unlink()
                if why is None:
                    contenders["uconv"] = functools.partial(run_child, icu_args)
                else:
                    icu_row[direction] = {"text": f"implausible output: {why}"}
            log(f"command {direction}: timing ({s.command_repeats} rounds)")
            runs: dict[str, list[ChildRun]] = {name: [] for name in contenders}
            for _ in range(s.command_repeats):
                for name, function in contenders.items():
                    runs[name].append(function())
            cells = {}
            for name, results in runs.items():
                seconds = statistics.median(r.seconds for r in results)
                rss = max(r.peak_rss for r in results)
                cells[name] = rate_cell(seconds, chars, size, peak_rss=rss)
                cells[name]["text"] += f" RSS {fmt_mb(rss)}"
            cmd_row[direction] = cells["translit"]
            if "uconv" in cells:
                icu_row[direction] = cells["uconv"]
                ratio = cells["uconv"]["seconds"] / cells["translit"]["seconds"]
                cells["uconv"]["translit_ratio"] = ratio
                cells["uconv"]["text"] += f"  translit {ratio:.2f}×"
            path.unlink()
        section["targets"] = [
            {
                "id": "vs_uconv",
                "label": "target: ≥ 10× as fast as uconv",
                **{
                    d: target("≥ 10× uconv", icu_row[d]["translit_ratio"], TARGET_UCONV, unit="×")
                    for d in DIRECTIONS if "translit_ratio" in icu_row.get(d, {})
                },
            }
        ]  # fmt: skip
        if s.quick or s.command_size < 100 * MB:
            section["note"] += "; the target is for a 100 MB file (start-up dominates here)"

    def _cmd_name(self) -> list[str]:
        return [Path(part).name for part in translit_command()]

    def _same_as_library(self, direction: str, path: Path, out: Path) -> bool:
        """The command's output file equals the library's conversion of the input: one-shot
        for inputs up to 20 MB, the streaming API (checked equal to it) for bigger ones."""
        text = path.read_text(encoding="utf-8")
        got = out.read_text(encoding="utf-8")
        if utf8(text) <= 20 * MB:
            return got == converter(direction)(text)
        chunks = (text[i : i + (1 << 20)] for i in range(0, len(text), 1 << 20))
        position = 0
        for piece in streamer(direction)(chunks):
            if got[position : position + len(piece)] != piece:
                return False
            position += len(piece)
        return position == len(got)

    # 5. import and first conversion

    def run_startup(self) -> None:
        s = self.s
        section = self.section(
            "startup",
            f"Start-up: fresh processes, median of {s.startup_runs}",
            "in-process times measured inside the child with time.perf_counter;"
            " process = wall time of the whole child",
        )
        rows = {
            "translit": self.row(
                section, "translit", "import translit + first conversion", "translit"
            ),
            "split": self.row(section, "split", "  of which: import / first call", "translit"),
            "process": self.row(section, "process", "  whole process (python -c …)", "translit"),
            "bare": self.row(section, "python", "python -c pass (whole process)", "reference"),
            "re": self.row(section, "import_re", "import re (in-process)", "reference"),
            "regex": self.row(section, "import_regex", "import regex (in-process)", "reference"),
        }
        code = (
            "import time\n"
            "t0 = time.perf_counter()\n"
            "import translit\n"
            "t1 = time.perf_counter()\n"
            "translit.{f}({text!r})\n"
            "t2 = time.perf_counter()\n"
            "print(t1 - t0, t2 - t1)\n"
        )
        module = (
            "import time\nt0 = time.perf_counter()\nimport {m}\nprint(time.perf_counter() - t0)"
        )
        log(f"start-up: {s.startup_runs} runs of each")
        bare = [run_child([sys.executable, "-c", "pass"]).seconds for _ in range(s.startup_runs)]
        bare_ms = statistics.median(bare) * 1e3
        for direction in DIRECTIONS:
            f, text = (
                ("to_latin", "Ўзбекистон Республикаси")
                if direction == "c2l"
                else ("to_cyrillic", "Oʻzbekiston Respublikasi")
            )
            runs = [self._timed_child(code.format(f=f, text=text)) for _ in range(s.startup_runs)]
            imports = statistics.median(values[0] for _, values in runs) * 1e3
            firsts = statistics.median(values[1] for _, values in runs) * 1e3
            total = statistics.median(sum(values) for _, values in runs) * 1e3
            process = statistics.median(wall for wall, _ in runs) * 1e3
            rows["translit"][direction] = {"ms": total, "text": f"{total:7.1f} ms"}
            rows["split"][direction] = {
                "import_ms": imports,
                "first_ms": firsts,
                "text": f"{imports:7.1f} ms + {firsts:.1f} ms",
            }
            rows["process"][direction] = {"ms": process, "text": f"{process:7.1f} ms"}
            rows["bare"][direction] = {"ms": bare_ms, "text": f"{bare_ms:7.1f} ms"}
        for m in ("re", "regex"):
            runs = [self._timed_child(module.format(m=m)) for _ in range(s.startup_runs)]
            ms = statistics.median(values[0] for _, values in runs) * 1e3
            for direction in DIRECTIONS:
                rows[m][direction] = {"ms": ms, "text": f"{ms:7.1f} ms"}
        section["targets"] = [
            {
                "id": "startup_ms",
                "label": "target: < 100 ms",
                **{
                    d: target("< 100 ms", rows["translit"][d]["ms"], TARGET_STARTUP_MS,
                              below=True, unit=" ms")
                    for d in DIRECTIONS
                },
            }
        ]  # fmt: skip

    def _timed_child(self, code: str) -> tuple[float, list[float]]:
        """Wall time of ``python -c code`` (from the launcher) and the numbers it prints."""
        out = self.tmp / "startup.txt"
        with out.open("wb") as handle:
            run = run_child([sys.executable, "-c", code], stdout=handle)
        return run.seconds, [float(x) for x in out.read_text().split()]

    # 6. peak memory

    def run_memory(self) -> None:
        s = self.s
        full = "memory-1g" not in s.skip
        section = self.section(
            "memory",
            f"Peak RSS of the command streaming {fmt_mb(s.memory_size)} (generated text)"
            if full
            else "Peak RSS of the command (the 1 GB runs are skipped in --quick)",
            "peak RSS (ru_maxrss from os.wait4, through a launcher); the input is"
            f" {fmt_mb(min(MEMORY_BLOCK, s.memory_size))} of generated text"
            " repeated; output to /dev/null; a run is stopped after"
            f" {s.memory_timeout:.0f} s and reported as incomplete",
        )
        shapes: tuple[corpus.Shape, ...] = ("lines", "no-spaces")
        rows = {
            shape: self.row(section, f"translit_{shape}", f"translit, {shape}", "translit")
            for shape in shapes
        }
        small = {
            shape: self.row(
                section, f"small_{shape}", f"same command on {fmt_mb(self._small)}, {shape}",
                "reference",
            )
            for shape in shapes
        }  # fmt: skip
        if not full:
            for shape in shapes:
                for direction in DIRECTIONS:
                    rows[shape][direction] = {"text": "skipped (--quick)"}
        bare = self.row(section, "python", "python -c pass", "reference")
        bare_rss = run_child([sys.executable, "-c", "pass"]).peak_rss
        for direction in DIRECTIONS:
            bare[direction] = {"peak_rss": bare_rss, "text": fmt_mb(bare_rss)}
            for shape in shapes:
                self._memory(direction, shape, rows[shape], small[shape], full)
        section["targets"] = [
            {
                "id": f"rss_{shape}",
                "label": f"target: < 100 MB, {shape}",
                **{
                    d: rss_target(rows[shape][d]) for d in DIRECTIONS if d in rows[shape]
                },
            }
            for shape in shapes
        ]  # fmt: skip

    @property
    def _small(self) -> int:
        """Bytes of the small-input reference of the memory figure."""
        return 100_001 if self.s.quick else 1_000_001

    def _memory(
        self,
        direction: str,
        shape: corpus.Shape,
        row: dict[str, Any],
        small_row: dict[str, Any],
        full: bool,
    ) -> None:
        s = self.s
        script = SOURCE[direction]
        args = [*translit_command(), "-t", TARGET[direction]]
        path = self.tmp / f"memory-{shape}-{direction}.txt"
        block = corpus.generate(
            min(MEMORY_BLOCK, s.memory_size) if full else self._small,
            script,
            seed=s.seed + 2,
            shape=shape,
            unit="bytes",
        ).encode()
        # The start of it: the output is checked, and its peak RSS is the small reference.
        small = block[: self._small].decode("utf-8", "ignore")
        path.write_text(small, encoding="utf-8")
        out = self.tmp / "out.txt"
        with out.open("wb") as handle:
            run = run_child([*args, str(path)], stdout=handle)
        ok = out.read_text(encoding="utf-8") == converter(direction)(small)
        out.unlink()
        if not self.check(f"memory-{shape}", direction, ok, "output equals the library's"):
            row[direction] = {"text": "not run: output differs from the library's"}
            return
        small_row[direction] = {"peak_rss": run.peak_rss, "text": fmt_mb(run.peak_rss)}
        if not full:
            return
        log(f"memory {shape} {direction}: writing {fmt_mb(s.memory_size)}")
        with path.open("wb") as handle:
            left = s.memory_size
            while left > len(block):
                handle.write(block)
                left -= len(block)
            handle.write(block[:left].decode("utf-8", "ignore").encode())
        size = path.stat().st_size
        log(f"memory {shape} {direction}: streaming")
        run = run_child([*args, str(path)], timeout=s.memory_timeout, watch=path)
        path.unlink()
        done = size if run.finished else run.position
        cell: dict[str, Any] = {
            "peak_rss": run.peak_rss,
            "seconds": run.seconds,
            "finished": run.finished,
            "bytes_read": done,
            "mb_per_s": done / run.seconds / MB if done else None,
        }
        text = fmt_mb(run.peak_rss)
        if run.finished:
            text += f" ({size / run.seconds / MB:.1f} MB/s)"
        else:
            read = fmt_mb(done) if done else "?"
            text += f" INCOMPLETE: stopped after {run.seconds:.0f} s at {read}"
        cell["text"] = text
        row[direction] = cell

    # the whole run

    def run(self) -> dict[str, Any]:
        started = datetime.datetime.now(datetime.timezone.utc)
        try:
            self.prepare()
            steps = (
                ("oneshot", self.run_oneshot),
                ("samples", self.run_samples),
                ("stream", self.run_stream),
                ("command", self.run_command),
                ("startup", self.run_startup),
                ("memory", self.run_memory),
            )
            for name, step in steps:
                if name in self.s.skip:
                    self.skipped.append(f"{name}: --skip")
                    continue
                step()
            if "memory-1g" in self.s.skip and "memory" not in self.s.skip:
                self.skipped.append("peak RSS streaming 1 GB: skipped in --quick")
            self.skipped.append(
                "lotin-kirill: pip finds no Python package of that name; not measured"
            )
            # The command runs in fresh processes: if translit changed on disk meanwhile, they
            # ran another version than the in-process figures and checks.
            same = source_digest() == self.digest
            detail = "translit's files did not change during the run"
            self.check("source", None, same, detail if same else "translit CHANGED during the run")
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return self.results(started)

    def results(self, started: datetime.datetime) -> dict[str, Any]:
        targets = []
        for section in self.sections:
            for goal in section.get("targets", []):
                for direction in DIRECTIONS:
                    if direction in goal:
                        targets.append(
                            {
                                "section": section["id"],
                                "target": goal["id"],
                                "direction": direction,
                                **{k: v for k, v in goal[direction].items() if k != "text"},
                            }
                        )
        s = self.s
        return {
            "meta": {
                "started": started.isoformat(timespec="seconds"),
                "seconds": round(time.perf_counter() - _START, 1),
                "mode": "quick" if s.quick else "full",
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "translit": translit.__version__,
                "translit_path": str(Path(translit.__file__).parent),
                "command": translit_command(),
                "uconv": _uconv_version(),
                "uztransliterator": self.uzt_version,
                "settings": {
                    k: (sorted(v) if isinstance(v, frozenset) else v) for k, v in vars(s).items()
                },
            },
            "corpora": self.corpora,
            "checks": self.checks,
            "checks_passed": all(c["passed"] for c in self.checks),
            "sections": self.sections,
            "targets": targets,
            "targets_met": all(t["passed"] for t in targets if t["passed"] is not None),
            "skipped": self.skipped,
        }


def _uconv_version() -> str | None:
    icu = uconv()
    if icu is None:
        return None
    result = subprocess.run([icu, "--version"], capture_output=True, text=True)
    return (result.stdout or result.stderr).strip()


def _first_difference(got: str, expected: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
        min(len(got), len(expected)),
    )
    return f"first difference at {at}: {got[at : at + 40]!r} ≠ {expected[at : at + 40]!r}"


# -- the table ----------------------------------------------------------------------------------


LABEL = 46
CELL = 44


def render(results: dict[str, Any]) -> str:
    """The human-readable table of a run's results."""
    meta = results["meta"]
    out = [
        f"translit benchmarks ({meta['mode']} run, {meta['started']}, {meta['seconds']} s):"
        f" translit {meta['translit']}, Python {meta['python']}, {meta['cpus']} CPUs,"
        f" {meta['uconv'] or 'no uconv'}",
    ]
    gen = results["corpora"].get("generated")
    if gen:
        vocab = gen["vocabulary"]
        out.append(
            f"generated corpus: seed {gen['seed']}, shape {gen['shape']}; vocabulary"
            f" {vocab['words']:,} words ({vocab['loanword_stems']:,} loanword stems),"
            f" {vocab['suffix_chains']:,} suffix chains"
        )
        for script in corpus.SCRIPTS:
            c = gen[script]
            out.append(
                f"  {script:<9} {c['chars']:>12,} chars {fmt_mb(c['bytes']):>10}"
                f" {c['words']:>10,} words {c['distinct_words']:>9,} distinct"
                f" {c['lines']:>8,} lines, longest {c['longest_line']:,} chars"
            )
    out.append("")
    out.append("checks (each output is checked before it is timed):")
    for check in results["checks"]:
        mark = "ok  " if check["passed"] else "FAIL"
        direction = DIRECTION_NAMES.get(check["direction"] or "", "")
        out.append(f"  {mark} {check['name']:<18} {direction:<15} {check['detail']}")
    header = f"{'':<{LABEL}} {DIRECTION_NAMES['c2l']:<{CELL}} {DIRECTION_NAMES['l2c']}"
    for section in results["sections"]:
        out.append("")
        out.append(section["title"])
        if section.get("note"):
            out.append(f"  ({section['note']})")
        out.append(header)
        for row in section["rows"]:
            label = (
                row["label"] if row["role"] == "translit" else f"  {row['role']}: {row['label']}"
            )
            out.append(_line(label, row))
        for goal in section.get("targets", []):
            out.append(_line(goal["label"], goal))
    if results["skipped"]:
        out.append("")
        out.append("skipped:")
        out.extend(f"  {note}" for note in results["skipped"])
    out.append("")
    verdict = [
        "all checks passed" if results["checks_passed"] else "SOME CHECKS FAILED",
        "all targets met"
        if results["targets_met"]
        else f"{sum(t['passed'] is False for t in results['targets'])} target(s) missed",
    ]
    out.append("; ".join(verdict))
    return "\n".join(out)


def _line(label: str, row: dict[str, Any]) -> str:
    cells = [str(row.get(d, {}).get("text", "—")) for d in DIRECTIONS]
    if len(label) > LABEL:
        label = label[: LABEL - 1] + "…"
    return f"{label:<{LABEL}} {cells[0]:<{CELL}} {cells[1]}"


def main(argv: list[str] | None = None) -> int:
    settings, args = parse_args(argv)
    results = Suite(settings).run()
    print(render(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    if not results["checks_passed"]:
        return 1
    if args.strict and not results["targets_met"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
