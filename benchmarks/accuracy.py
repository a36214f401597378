"""Accuracy of translit on aligned Cyrillic/Latin text, in every direction.

Each side of every aligned unit is converted to the other script and compared with the
other side, word by word (Levenshtein alignment of word sequences) and character by
character. The main figures fold apostrophe look-alikes (ʻ ʼ ' ‘ ’ `) into one, since
they are a typing convention; the exact figures are reported beside them. The most
frequent error pairs (gold → output) come last.

Directions: c2l and l2c (Cyrillic ⇄ 1995 Latin); c2n and n2c (Cyrillic ⇄ 2026 Latin, the
latter read as 2026 Latin only); o2n and n2o (1995 ⇄ 2026 Latin, from the gold text). The
2026 gold of a unit is its 1995 gold with the four letters of latin-2026.tsv replaced,
written here independently of the engine (``to_2026``), or a file given for it (the seed
article's hand-checked ``seed.latn2026.txt``).

Usage::

    python benchmarks/accuracy.py                      # the committed sets
    python benchmarks/accuracy.py --tsv FILE [--cyrillic COL --latin COL]
    python benchmarks/accuracy.py --files CYRILLIC.txt LATIN.txt   # line-aligned
    python benchmarks/accuracy.py --json results.json --check       # CI thresholds

Standard library and translit only.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex

import translit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

_WORD = regex.compile(r"[\p{L}\p{M}'`´‘’ʻʼ]+(?:-[\p{L}\p{M}'`´‘’ʻʼ]+)*")
_APOSTROPHES = str.maketrans(dict.fromkeys("'`´‘’ʻʼ", "'"))


@dataclass(frozen=True)
class Unit:
    """One aligned pair, and which gold words to leave out of the score."""

    cyrillic: str
    latin: str
    skip: frozenset[int] = frozenset()  # word positions not scored in Latin→Cyrillic
    latin_2026: str | None = None  # the 2026 gold, if not derived from ``latin``


_OLD = regex.compile(r"(?i)([og])['`´‘’ʻʼ]|sh|ch")
_NEW = {"o": "ö", "g": "ğ", "sh": "ş", "ch": "ç"}


def to_2026(latin: str) -> str:
    """1995 Latin gold as 2026 Latin: oʻ gʻ sh ch → ö ğ ş ç (a capital first letter or both
    capitals give the capital), nothing else; sʼh is not sh. Independent of the engine."""

    def new(match: regex.Match[str]) -> str:
        old = match.group(1) or match.group()
        letter = _NEW[old.lower()]
        return letter.upper() if old[0].isupper() else letter

    return _OLD.sub(new, latin)


def gold_2026(unit: Unit) -> str:
    return unit.latin_2026 if unit.latin_2026 is not None else to_2026(unit.latin)


@dataclass
class Score:
    """Counts for one direction of one set."""

    words: int = 0
    word_errors: int = 0
    word_errors_exact: int = 0
    chars: int = 0
    char_errors: int = 0
    char_errors_exact: int = 0
    pairs: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)

    @property
    def word_accuracy(self) -> float:
        return _percent_right(self.word_errors, self.words)

    @property
    def word_accuracy_exact(self) -> float:
        return _percent_right(self.word_errors_exact, self.words)

    @property
    def char_accuracy(self) -> float:
        return _percent_right(self.char_errors, self.chars)

    @property
    def char_accuracy_exact(self) -> float:
        return _percent_right(self.char_errors_exact, self.chars)


def _percent_right(errors: int, total: int) -> float:
    return 100.0 * (1 - errors / total) if total else 100.0


def _distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance between two sequences (of words or characters)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _fold(text: str) -> str:
    return text.translate(_APOSTROPHES)


def _score_unit(score: Score, gold: str, output: str, skip: frozenset[int]) -> None:
    gold_words = _WORD.findall(gold)
    out_words = _WORD.findall(output)
    if skip and len(gold_words) == len(out_words):
        gold_words = [w for i, w in enumerate(gold_words) if i not in skip]
        out_words = [w for i, w in enumerate(out_words) if i not in skip]
    folded_gold = [_fold(w) for w in gold_words]
    folded_out = [_fold(w) for w in out_words]
    score.words += len(gold_words)
    score.word_errors += _distance(folded_gold, folded_out)
    score.word_errors_exact += _distance(gold_words, out_words)
    gold_text, out_text = " ".join(gold_words), " ".join(out_words)
    score.chars += len(gold_text)
    score.char_errors += _distance(_fold(gold_text), _fold(out_text))
    score.char_errors_exact += _distance(gold_text, out_text)
    if len(folded_gold) == len(folded_out):  # aligned word for word: record the pairs
        for g, o in zip(gold_words, out_words, strict=True):
            if _fold(g) != _fold(o):
                score.pairs[(g, o)] += 1


#: A converter under test: converts a list of texts (one call, so a peer program runs once).
Converter = Callable[[list[str]], list[str]]


def _translit(target: str, options: dict[str, object]) -> Converter:
    convert = translit.to_latin if target == "latin" else translit.to_cyrillic
    return lambda texts: [convert(text, **options) for text in texts]  # type: ignore[arg-type]


def _uconv(transform: str) -> Converter:
    """ICU's uconv as a peer (``uconv -x ID``), all texts in one run, one per line."""

    def convert(texts: list[str]) -> list[str]:
        lines = [t.replace("\n", "\u2028") for t in texts]
        result = subprocess.run(
            ["uconv", "-f", "utf-8", "-t", "utf-8", "-x", transform],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            check=True,
        )
        out = result.stdout.split("\n")[: len(texts)]
        return [line.replace("\u2028", "\n") for line in out]

    return convert


def _between(source: str, target: str, options: dict[str, object]) -> Converter:
    return lambda texts: [
        translit.transliterate(text, source=source, target=target, **options)  # type: ignore[arg-type]
        for text in texts
    ]


def _to_2026(options: dict[str, object]) -> Converter:
    return lambda texts: [translit.to_latin(t, alphabet="2026", **options) for t in texts]  # type: ignore[arg-type]


#: Peers that can be measured with --peer, by name: (to Latin, to Cyrillic).
PEERS: dict[str, tuple[Converter, Converter]] = {
    "uconv": (_uconv("uz_Cyrl-uz_Latn"), _uconv("uz_Latn-uz_Cyrl")),
}


def evaluate(
    units: Iterable[Unit], *, peer: str | None = None, **options: object
) -> dict[str, Score]:
    """Score Cyrillic→Latin and Latin→Cyrillic over the units (translit, or a ``peer``)."""
    units = list(units)
    if peer is None:
        to_latin, to_cyrillic = _translit("latin", options), _translit("cyrillic", options)
    else:
        to_latin, to_cyrillic = PEERS[peer]
    scores = {"c2l": Score(), "l2c": Score()}
    latin = to_latin([u.cyrillic for u in units])
    cyrillic = to_cyrillic([u.latin for u in units])
    for unit, lat, cyr in zip(units, latin, cyrillic, strict=True):
        _score_unit(scores["c2l"], unit.latin, lat, frozenset())
        _score_unit(scores["l2c"], unit.cyrillic, cyr, unit.skip)
    if peer is not None:
        return scores
    # The 2026 alphabet: to and from Cyrillic, and between the two Latin gold texts. The
    # keep list of an options dict applies (the seed's Latin brand names).
    new = [gold_2026(u) for u in units]
    runs = {
        "c2n": (_to_2026(options), [u.cyrillic for u in units], new),
        "n2c": (_between("latin-2026", "cyrillic", options), new, [u.cyrillic for u in units]),
        "o2n": (_between("latin", "latin-2026", options), [u.latin for u in units], new),
        "n2o": (_between("latin-2026", "latin", options), new, [u.latin for u in units]),
    }
    for name, (convert, inputs, golds) in runs.items():
        score = scores[name] = Score()
        skip = name == "n2c"
        for unit, gold, output in zip(units, golds, convert(inputs), strict=True):
            _score_unit(score, gold, output, unit.skip if skip else frozenset())
    return scores


# -- the committed sets ----------------------------------------------------------------------


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_tsv(path: Path, cyrillic: str = "cyrillic", latin: str = "latin") -> list[Unit]:
    """Units from a TSV file with a header row (comment lines starting with # skipped)."""
    return [Unit(row[cyrillic], row[latin]) for row in _tsv(path)]


def read_files(cyrillic: Path, latin: Path) -> list[Unit]:
    """Units from two line-aligned text files."""
    cyr = cyrillic.read_text(encoding="utf-8").splitlines()
    lat = latin.read_text(encoding="utf-8").splitlines()
    if len(cyr) != len(lat):
        raise SystemExit(f"{cyrillic} has {len(cyr)} lines but {latin} has {len(lat)}")
    return [Unit(c, la) for c, la in zip(cyr, lat, strict=True)]


def seed_units() -> list[Unit]:
    """The seed article. Words with Latin letters in the Cyrillic original (brand names, and
    the mixed-script ASTANА and Кazinform) are not scored in Latin→Cyrillic: no converter
    can know that they were not Cyrillic."""
    units = read_files(DATA / "seed.cyrl.txt", DATA / "seed.latn.txt")
    new = (DATA / "seed.latn2026.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for unit, latin_2026 in zip(units, new, strict=True):
        words = _WORD.findall(unit.cyrillic)
        foreign = frozenset(i for i, w in enumerate(words) if regex.search(r"\p{Latin}", w))
        out.append(Unit(unit.cyrillic, unit.latin, foreign, latin_2026))
    return out


def loanword_units() -> list[Unit]:
    """The held-out loanwords (never used to build the lexicon) whose spelling checks out."""
    return [
        Unit(row["cyrillic"], row["latin"])
        for row in _tsv(DATA / "loanwords-heldout.tsv")
        if row["status"] == "ok"
    ]


#: name → (loader, floor of word accuracy C→L, L→C in % with apostrophes folded). The
#: floors are what CI enforces, so that a regression fails; they are at or just below
#: today's figures (2026-12-03: loanwords 100% and 85.47%).
#: The 2026 directions have the floors of the 1995 ones (c2n of c2l, n2c of l2c), and 1995
#: ⇄ 2026 Latin must be lossless on prose (the seed and the UDHR).
SETS: dict[str, tuple[Callable[[], list[Unit]], float, float]] = {
    "seed": (seed_units, 100.0, 100.0),
    "udhr": (lambda: read_tsv(DATA / "udhr-uz.tsv"), 100.0, 100.0),
    "loanwords-heldout": (loanword_units, 99.7, 85.4),
}
#: Options each committed set is measured with: the seed's Latin brand name Chevron (Latin
#: in the Cyrillic original) can only be told from Uzbek letters by the keep list.
SET_OPTIONS: dict[str, dict[str, object]] = {"seed": {"keep": ["Chevron"]}}
LOSSLESS = ("seed", "udhr")


def _table(results: dict[str, dict[str, Score]], top: int) -> str:
    lines = [
        f"{'set':<18} {'dir':<4} {'words':>6} {'word acc':>9} {'exact':>8} {'char acc':>9} "
        f"{'exact':>8}"
    ]
    for name, scores in results.items():
        for direction, s in scores.items():
            lines.append(
                f"{name:<18} {direction:<4} {s.words:>6} {s.word_accuracy:>8.2f}% "
                f"{s.word_accuracy_exact:>7.2f}% {s.char_accuracy:>8.2f}% "
                f"{s.char_accuracy_exact:>7.2f}%"
            )
    for name, scores in results.items():
        for direction, s in scores.items():
            if s.pairs:
                lines.append(f"\nmost frequent errors, {name} {direction} (gold → output):")
                lines.extend(f"  {n:>3}  {g} → {o}" for (g, o), n in s.pairs.most_common(top))
    return "\n".join(lines)


def _as_json(results: dict[str, dict[str, Score]], top: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, scores in results.items():
        out[name] = {
            direction: {
                **{k: v for k, v in asdict(s).items() if k != "pairs"},
                "word_accuracy": s.word_accuracy,
                "word_accuracy_exact": s.word_accuracy_exact,
                "char_accuracy": s.char_accuracy,
                "char_accuracy_exact": s.char_accuracy_exact,
                "top_errors": [[g, o, n] for (g, o), n in s.pairs.most_common(top)],
            }
            for direction, s in scores.items()
        }
    return out


def failures(results: dict[str, dict[str, Score]]) -> list[str]:
    """The committed sets whose word accuracy is below its threshold."""
    bad = []
    for name, scores in results.items():
        if name not in SETS:
            continue
        _, c2l, l2c = SETS[name]
        floors = [("c2l", c2l), ("l2c", l2c), ("c2n", c2l), ("n2c", l2c)]
        if name in LOSSLESS:
            floors += [("o2n", 100.0), ("n2o", 100.0)]
        for direction, minimum in floors:
            if direction not in scores:
                continue
            got = scores[direction].word_accuracy
            if got < minimum:
                bad.append(f"{name} {direction}: {got:.2f}% < {minimum}%")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--tsv", type=Path, help="aligned TSV file with a header row")
    source.add_argument("--files", type=Path, nargs=2, metavar=("CYRILLIC", "LATIN"))
    source.add_argument("--set", choices=sorted(SETS), action="append", help="committed set(s)")
    parser.add_argument("--cyrillic", default="cyrillic", help="TSV column (default: cyrillic)")
    parser.add_argument("--latin", default="latin", help="TSV column (default: latin)")
    parser.add_argument("--top", type=int, default=10, help="error pairs to list (default 10)")
    parser.add_argument(
        "--peer", choices=sorted(PEERS), help="measure another converter instead (if installed)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a committed set is below its threshold"
    )
    args = parser.parse_args(argv)

    if args.tsv:
        results = {
            args.tsv.name: evaluate(read_tsv(args.tsv, args.cyrillic, args.latin), peer=args.peer)
        }
    elif args.files:
        results = {args.files[0].name: evaluate(read_files(*args.files), peer=args.peer)}
    else:
        results = {
            name: evaluate(SETS[name][0](), peer=args.peer, **SET_OPTIONS.get(name, {}))
            for name in args.set or SETS
        }
    print(_table(results, args.top))
    if args.json:
        args.json.write_text(json.dumps(_as_json(results, args.top), ensure_ascii=False, indent=2))
    if args.check:
        bad = failures(results)
        for line in bad:
            print(f"below threshold: {line}", file=sys.stderr)
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
