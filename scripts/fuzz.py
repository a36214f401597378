"""Long fuzzing runs: generated inputs through every invariant of tests/fuzzing.py.

Usage::

    python scripts/fuzz.py --inputs 1000000 --seconds 3600 --seed 1 --failures fuzz.jsonl

Stops after ``--inputs`` inputs or ``--seconds`` seconds, whichever comes first; prints the
count of inputs, characters and failures, and writes each failing case (with the failed
invariant) as a JSON line to ``--failures``, so that it can be replayed with
``tests.fuzzing.check(**case)``. Exit status 1 if any case failed. The test suite runs the
same invariants for a few hundred Hypothesis examples (tests/test_fuzz.py); see
docs/fuzzing.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests import fuzzing  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=3600.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"))
    parser.add_argument("--report-every", type=float, default=60.0, help="seconds")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    start = last = time.monotonic()
    inputs = characters = failures = 0
    seen: set[str] = set()
    with args.failures.open("w", encoding="utf-8", errors="surrogatepass") as out:
        while inputs < args.inputs and time.monotonic() - start < args.seconds:
            case = fuzzing.random_case(rng)
            inputs += 1
            characters += len(case["text"])
            try:
                fuzzing.check(**case)
            except Exception as error:  # every failure is recorded, not only assertions
                failures += 1
                what = f"{type(error).__name__}: {error}"
                if isinstance(error, AssertionError):
                    what = f"{error}"
                else:
                    what += " at " + traceback.extract_tb(error.__traceback__)[-1].name
                if what not in seen:  # print each kind of failure once
                    seen.add(what)
                    print(f"FAILED ({what}): {case['text'][:200]!r}", flush=True)
                out.write(json.dumps({"failed": what, **case}, ensure_ascii=True) + "\n")
                out.flush()  # readable while a long run goes on
            now = time.monotonic()
            if now - last >= args.report_every:
                last = now
                print(f"{inputs} inputs, {characters} characters, {failures} failures, "
                      f"{now - start:.0f} s", flush=True)  # fmt: skip
    print(f"done: {inputs} inputs, {characters} characters, {failures} failures "
          f"({len(seen)} kinds), {time.monotonic() - start:.0f} s")  # fmt: skip
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
