"""Memory and throughput of the translit command on huge inputs (a benchmark, not a test).

For each input shape and direction it writes a generated input of ``--size`` bytes to a
temporary file, runs the installed command on it in a subprocess with output to /dev/null,
and reports the child's peak RSS (VmHWM, sampled from /proc) and its throughput. The peak RSS
on 1 MiB of the same text is shown next to it: constant memory means the two stay close
whatever the size.
In the same run it times the library's one-shot conversion on ``--library-size`` bytes of
the same text, for a command-vs-library throughput ratio.

Shapes:
  line  one line of letters without a space, newline or punctuation (the worst case for
        streaming: the held-back text is cut between 64-letter tokens)
  text  the seed news article repeated: ordinary lines and words

Usage:
  python benchmarks/stream_memory.py                 # 1G, both shapes, both directions
  python benchmarks/stream_memory.py --size 100M --shape line --direction latin
  python benchmarks/stream_memory.py --quick         # smoke run: 8M, library 2M
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "latin": ROOT / "tests" / "data" / "seed.cyrl.txt",
    "cyrillic": ROOT / "tests" / "data" / "seed.latn.txt",
}
UNIT = 1 << 20  # the generator writes about this many bytes at a time
UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(text: str) -> int:
    """``1G``, ``100M``, ``64K`` or a number of bytes."""
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in UNITS else text
    try:
        return int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 1G, 100M)") from None


def sample(shape: str, direction: str) -> str:
    """The text that is repeated to make an input of this shape for converting to ``direction``."""
    seed = SEEDS[direction].read_text(encoding="utf-8")
    if shape == "line":
        # Letters (and the apostrophes inside Latin words) only: one endless word run.
        return "".join(c for c in seed if c.isalpha() or c in "ʻʼ")
    return seed if seed.endswith("\n") else seed + "\n"


def unit_bytes(shape: str, direction: str) -> bytes:
    base = sample(shape, direction)
    return (base * (UNIT // len(base.encode()) + 1)).encode()


def write_input(path: Path, size: int, unit: bytes) -> None:
    """``size`` bytes of repeated ``unit``, cut at a character boundary (topped up with ASCII)."""
    with path.open("wb") as out:
        written = 0
        while written + len(unit) <= size:
            out.write(unit)
            written += len(unit)
        rest = unit[: size - written].decode("utf-8", "ignore").encode()
        out.write(rest + b"x" * (size - written - len(rest)))


def command() -> list[str]:
    script = Path(sys.executable).parent / "translit"
    if script.exists():
        return [str(script)]
    found = shutil.which("translit")
    return [found] if found else [sys.executable, "-m", "translit"]


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes


def _vm_hwm(pid: int, marker: str) -> int | None:
    """The peak RSS of a running process from /proc (Linux), once it runs the command.

    Before exec, a child forked from this process still shows this process's memory, so a
    sample counts only when the command line is already the command's (contains ``marker``).
    """
    try:
        if marker not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def run_command(args: list[str], path: Path) -> Run:
    """Run the command on ``path`` (output to /dev/null); its wall time and peak RSS.

    The peak comes from VmHWM in /proc, sampled while the command runs (VmHWM only grows).
    ru_maxrss from wait4 is only a fallback: on Linux it also counts the memory of this
    process at fork time, which after a 50 MB library run is far more than the command's.
    """
    peak: int | None = None
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen([*args, str(path)], stdout=subprocess.DEVNULL, stderr=errors)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            sample = _vm_hwm(process.pid, str(path))
            if sample is not None:
                peak = max(peak or 0, sample)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        if process.returncode:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {message}")
    return Run(seconds, peak if peak is not None else usage.ru_maxrss * 1024)


def check_output(args: list[str], shape: str, direction: str, folder: Path) -> Run:
    """Check that the command agrees with the library on 1 MiB of this text, before anything
    is timed; return the command's run on that 1 MiB (its peak RSS is the small-input baseline).
    """
    import translit

    path = folder / "check.txt"
    data = unit_bytes(shape, direction)
    path.write_bytes(data)
    result = subprocess.run([*args, str(path)], capture_output=True, check=True)
    expected = translit.transliterate(data.decode(), target=direction).encode()
    if result.stdout != expected:
        raise SystemExit(f"the command's output differs from the library's ({shape}, {direction})")
    small = run_command(args, path)
    path.unlink()
    return small


def library_rate(shape: str, direction: str, size: int) -> float:
    """One-shot to_latin/to_cyrillic throughput in MB/s (UTF-8 input bytes) on ``size`` bytes."""
    import translit

    unit = unit_bytes(shape, direction)
    text = (unit * (size // len(unit) + 1))[:size].decode("utf-8", "ignore")
    convert = translit.to_latin if direction == "latin" else translit.to_cyrillic
    convert("warm up: compile the tables")
    start = time.perf_counter()
    convert(text)
    return len(text.encode()) / (time.perf_counter() - start) / 1e6


def mib(n: float) -> str:
    return f"{n / (1 << 20):,.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1G"), help="default 1G")
    parser.add_argument(
        "--library-size", type=parse_size, default=parse_size("50M"), help="default 50M"
    )
    parser.add_argument("--shape", choices=["line", "text", "both"], default="both")
    parser.add_argument("--direction", choices=["latin", "cyrillic", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="smoke run: --size 8M, library 2M")
    parser.add_argument("--tmpdir", type=Path, default=None, help="where the inputs are written")
    args = parser.parse_args(argv)
    if args.quick:
        args.size, args.library_size = parse_size("8M"), parse_size("2M")
    shapes = ["line", "text"] if args.shape == "both" else [args.shape]
    directions = ["latin", "cyrillic"] if args.direction == "both" else [args.direction]
    cmd = command()

    print(f"command: {' '.join(cmd)}; python {sys.version.split()[0]}; input {mib(args.size)}")
    with tempfile.TemporaryDirectory(dir=args.tmpdir) as tmp:
        folder = Path(tmp)
        print()
        header = (
            f"{'shape':<6} {'to':<9} {'input':>12} {'seconds':>8} {'MB/s':>7} "
            f"{'RSS@1MiB':>10} {'peak RSS':>11} {'library MB/s':>13} {'cmd/lib':>8}"
        )
        print(header)
        print("-" * len(header))
        for shape in shapes:
            for direction in directions:
                args_ = [*cmd, "-t", direction]
                small = check_output(args_, shape, direction, folder)
                path = folder / f"{shape}-{direction}.txt"
                write_input(path, args.size, unit_bytes(shape, direction))
                size = path.stat().st_size
                result = run_command(args_, path)
                path.unlink()
                rate = size / result.seconds / 1e6
                library = library_rate(shape, direction, args.library_size)
                print(
                    f"{shape:<6} {direction:<9} {mib(size):>12} {result.seconds:>8.1f}"
                    f" {rate:>7.1f} {mib(small.peak_rss):>10} {mib(result.peak_rss):>11}"
                    f" {library:>13.1f}"
                    f" {rate / library:>8.2f}",
                    flush=True,
                )
    print()
    print(f"library one-shot measured on {mib(args.library_size)} of the same text, in-process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
