"""Precision of the generated loanword restorations on native text: what do they change?

For every word x of an Uzbek Cyrillic word list, to_cyrillic(to_latin(x)) is computed with
and without src/translit/data/loanwords.tsv. A word that came back right without the file
(the round trip gave x) and differently with it is a word the restorations may have broken;
each is printed for review. Words the file fixed are counted too.

The list used in the project's figures is the Cyrillic word list of Tesseract's trained data
(Debian tesseract-ocr-uzb-cyrl, Apache-2.0; extract it as scripts/build_wordlists.py says).
It was made from Latin text, so it has no ь at all and writes some loanwords without their
ц (семент): a "changed" word there can be a fix (семент → цемент), which is why every
change is listed.

Every change is reviewed in benchmarks/native_precision_review.tsv (word, output, verdict:
right, wrong or doubtful, note); ``--review`` counts the verdicts of this run's changes and
lists the changes the file has no verdict for (exit 1 if there are any). ``--touched`` writes
the words a loanwords.tsv row reads (explain() names it) to the file the tests check
(tests/data/native-loan-words.txt): each must come back as it was or as its reviewed output.

Usage::

    python benchmarks/native_precision.py uzb_cyrl.txt [--show 100]
    python benchmarks/native_precision.py uzb_cyrl.txt \
        --review benchmarks/native_precision_review.tsv

Standard library and translit only.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import regex

import translit
from translit.engine import Transliterator
from translit.options import Options

_WORD = regex.compile(r"[\p{Cyrillic}]+")


def round_trips(words: list[str], *, loans: bool) -> list[str]:
    """to_cyrillic(to_latin(w)) for each word, with or without the generated loanwords."""
    tables = translit.tables.load()
    saved = dict(tables.loans)
    if not loans:
        tables.loans.clear()
    _clear_caches()
    try:
        to_latin = Transliterator("uz_Cyrl-uz_Latn", Options())
        to_cyrillic = Transliterator("uz_Latn-uz_Cyrl", Options())
        latin = to_latin("\n".join(words)).split("\n")
        return to_cyrillic("\n".join(latin)).split("\n")
    finally:
        tables.loans.update(saved)
        _clear_caches()


def _clear_caches() -> None:
    """Forget every compiled object that holds the loan stems (they are read once)."""
    translit.engine._loans.cache_clear()
    translit.engine._compile.cache_clear()
    translit._get.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wordlist", type=Path, help="one Cyrillic word a line")
    parser.add_argument("--show", type=int, default=100, help="changed words to list")
    parser.add_argument("--review", type=Path, help="verdicts of reviewed changes (TSV)")
    parser.add_argument("--touched", type=Path, help="write the words the loanwords read here")
    parser.add_argument(
        "--left-out",
        type=Path,
        help="with --touched: build_loanwords.py --why's file, whose "
        "near misses (tanka, kustar) are written too",
    )
    args = parser.parse_args(argv)
    text = args.wordlist.read_text(encoding="utf-8")
    words = sorted({w.lower() for w in text.split() if _WORD.fullmatch(w)})
    before = round_trips(words, loans=False)
    after = round_trips(words, loans=True)
    changed = [(w, a) for w, b, a in zip(words, before, after, strict=True) if b == w != a]
    fixed = sum(1 for w, b, a in zip(words, before, after, strict=True) if b != w == a)
    right = sum(b == w for w, b in zip(words, before, strict=True))
    print(f"words: {len(words)}; right before: {right}")
    print(f"changed by the restorations although right before: {len(changed)}; fixed: {fixed}")
    for word, out in changed[: args.show]:
        print(f"  {word} → {out}")
    if args.touched:
        found = touched(words, args.left_out)
        header = TOUCHED_HEADER.format(found=len(found), words=len(words))
        args.touched.write_text(header + "".join(f"{w}\n" for w in found), encoding="utf-8")
    if args.review:
        return _review(changed, args.review)
    return 0


TOUCHED_HEADER = """\
# Words of the Uzbek Cyrillic word list of Tesseract's trained data (Debian tesseract-ocr-uzb-cyrl
# 1:4.1.0-2, tessdata_fast; Apache-2.0, src/translit/data/LICENSES/tesseract-uzb.Apache-2.0.txt)
# that a loanwords.tsv row reads when the word goes to Latin and back (explain() names the row),
# or that starts with a restoration scripts/build_loanwords.py left out (tanka, kustar, kamen):
# {found} of its {words:,} lower-case words, selected by translit (a modified extract). The tests
# require each to come back unchanged or as its reviewed restoration in
# benchmarks/native_precision_review.tsv. Regenerate after rebuilding loanwords.tsv with
# benchmarks/native_precision.py WORDLIST --touched tests/data/native-loan-words.txt --left-out
# WHY (the file of build_loanwords.py --why).
"""


def touched(words: list[str], left_out: Path | None) -> list[str]:
    """The words whose round trip reads a loanwords.tsv row, or whose Latin starts with a
    restoration the build left out (``left_out``: latin, lemma, reason a line)."""
    to_latin = translit.get("uz_Cyrl-uz_Latn")
    near = set()
    if left_out is not None:
        lines = left_out.read_text(encoding="utf-8").splitlines()
        near = {line.split("\t")[0] for line in lines if line}
    found = []
    for word in words:
        latin = to_latin(word)
        steps = translit.explain(latin, target="cyrillic")
        if any("loanwords.tsv" in step.rule for step in steps) or any(
            latin[:i] in near for i in range(4, len(latin) + 1)
        ):
            found.append(word)
    return found


def _review(changed: list[tuple[str, str]], path: Path) -> int:
    """Count the verdicts of ``changed`` in the review file; 1 if some change has none."""
    verdicts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or fields[0] == "word" or len(fields) < 3:
            continue
        verdicts[(fields[0], fields[1])] = fields[2]
    counts = collections.Counter(verdicts.get(pair, "unreviewed") for pair in changed)
    print("review: " + ", ".join(f"{v} {n}" for v, n in sorted(counts.items())))
    for word, out in changed:
        if (word, out) not in verdicts:
            print(f"  unreviewed: {word} → {out}")
    return 1 if counts["unreviewed"] else 0


if __name__ == "__main__":
    sys.exit(main())
