"""Split loanwords-dev.tsv into a BUILD set and a HELD-OUT set.

A row is held out when ``int(hashlib.sha1(cyrillic.encode()).hexdigest(), 16) % 4 == 0``.
Held-out rows are written to tests/data/loanwords-heldout.tsv and are never used to build the
lexicon; the other rows (the BUILD set) may be. Usage::

    python scripts/split_loanwords.py /work/shared/data/loanwords-dev.tsv [OUTPUT]

Standard library only.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "loanwords-heldout.tsv"
SPLIT_NOTE = (
    "# HELD-OUT split (scripts/split_loanwords.py): a row is held out iff\n"
    "#  int(hashlib.sha1(cyrillic.encode()).hexdigest(), 16) % 4 == 0. These rows are never used\n"
    "#  to build the lexicon; they only measure it. Licence: MIT (fitrat, UzTransliterator,\n"
    "#  lotin-kirill); licence texts in src/translit/data/LICENSES/.\n"
)


def is_held_out(cyrillic: str) -> bool:
    """Whether the row keyed by ``cyrillic`` belongs to the held-out set."""
    return int(hashlib.sha1(cyrillic.encode()).hexdigest(), 16) % 4 == 0


def split(source: Path, output: Path) -> tuple[int, int]:
    """Write the held-out rows of ``source`` to ``output``; return (build, held-out) counts.

    The source's leading comment lines and its header row are copied, with SPLIT_NOTE added.
    """
    comments: list[str] = []
    header: str | None = None
    held: list[str] = []
    build = 0
    for line in source.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.strip():
            continue
        if line.startswith("#"):
            if header is None:
                comments.append(line)
            continue
        if header is None:
            header = line
        elif is_held_out(line.split("\t", 1)[0]):
            held.append(line)
        else:
            build += 1
    if header is None:
        raise SystemExit(f"{source}: no header row")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("".join(comments) + SPLIT_NOTE + header + "".join(held), encoding="utf-8")
    return build, len(held)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(argv[2]) if len(argv) == 3 else DEFAULT_OUTPUT
    build, held = split(Path(argv[1]), output)
    print(f"rows: {build + held}  build: {build}  held-out: {held}  -> {output}")
    if held == 0:
        print(
            "warning: no row is held out (the source seems to have had its held-out rows "
            "removed already)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
