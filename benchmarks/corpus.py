"""Seeded generator of realistic Uzbek text, in Cyrillic and in Latin, of any size and shape.

The benchmarks must not depend on a tiny repeated vocabulary: translit memoises words, so a
text that repeats a few hundred words would flatter it. This module builds text from aligned
(Cyrillic, Latin) vocabularies:

* every word of the UDHR (tests/data/udhr-uz.tsv) and of the seed news article
  (tests/data/seed.*.txt), paired by position in their aligned units and ranked by frequency,
  proper nouns, abbreviations and mixed-script words (ASTANА, Кazinform) included, and the
  words of the spec's test cases (tests/data/cases-cyrl-latn.tsv);
* the loanword stems of src/translit/data/lexicon.tsv (its Latin aliases excepted) and the
  checked rows of tests/data/loanwords-heldout.tsv, in both scripts;
* suffix chains built by a small noun grammar (derivation, plural, possessive, case,
  particle, each allomorph after the right stem ending) over the morphs of
  src/translit/data/suffixes.tsv, so that the number of distinct words grows with the size
  of the text as in real Uzbek;
* numbers, percentages and dates (2024 йил ⇄ 2024-yil, 24 август ⇄ 24-avgust), Latin brand
  names inside Cyrillic text, some Russian words in Cyrillic inside either script, URLs,
  e-mail addresses, @handles and paths; sentence capitals, headlines (some in capitals),
  commas, quotes, parentheses and dashes; paragraphs from a few words to some thousands
  (long lines).

Words are drawn from a Zipf distribution (rank r has weight 1/r; the loanwords, a fixed
share of the choices, have a Zipf distribution of their own), so frequent words repeat as in
real text while the long tail keeps producing new ones. Every random choice is made the
same way whatever the script, so ``generate(n, "cyrillic", seed=s)`` and
``generate(n, "latin", seed=s)`` are the same text in the two scripts (each cut at ``n``
characters). The Latin text is not made by translit, so its quality does not depend on it.

Shapes:
  lines      paragraphs on lines of their own (ordinary text)
  one-line   the same text without a single newline: one line, words separated by spaces
  no-spaces  the same text without spaces or newlines (minified data): one endless piece

Standard library only.

>>> generate(60, "cyrillic", seed=1) == generate(60, "cyrillic", seed=1)
True
>>> len(generate(1001, "latin", shape="no-spaces"))
1001
>>> " " in generate(1000, "latin", shape="no-spaces")
False
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
UDHR = ROOT / "tests" / "data" / "udhr-uz.tsv"
SEED_CYRILLIC = ROOT / "tests" / "data" / "seed.cyrl.txt"
SEED_LATIN = ROOT / "tests" / "data" / "seed.latn.txt"
LEXICON = ROOT / "src" / "translit" / "data" / "lexicon.tsv"
LOANWORDS_HELDOUT = ROOT / "tests" / "data" / "loanwords-heldout.tsv"
CASES = ROOT / "tests" / "data" / "cases-cyrl-latn.tsv"
SUFFIXES = ROOT / "src" / "translit" / "data" / "suffixes.tsv"

Script = Literal["cyrillic", "latin"]
Shape = Literal["lines", "one-line", "no-spaces"]
Unit = Literal["chars", "bytes"]
SCRIPTS: tuple[Script, ...] = ("cyrillic", "latin")
SHAPES: tuple[Shape, ...] = ("lines", "one-line", "no-spaces")

#: A word: letters (ʻ and ʼ are letters too), joined by apostrophes and hyphens.
_LETTERS = r"[^\W\d_]+"
_WORD = re.compile(rf"{_LETTERS}(?:['‘’`]{_LETTERS})*(?:[-‐]{_LETTERS}(?:['‘’`]{_LETTERS})*)*")

#: Zipf exponent of word choice.
ZIPF = 1.0
#: Share of word choices that are lexicon loanword stems (each a Zipf choice among them).
LOANWORDS = 0.06
#: The commonest words of the texts (function words) never get suffixes.
FUNCTION_WORDS = 60
#: Share of the other words that get no suffix from the generator.
BARE = 0.55
#: Suffix chains sampled once per stem ending; words draw from them uniformly.
CHAINS = 4096
_VOWELS = frozenset("аеёиоуўэюя")

# Pairs (Cyrillic, Latin) of special tokens. Brand names and Russian words are the same in
# both scripts (mixed-script text); the Russian words stay Cyrillic inside Latin text.
BRANDS = (
    "Chevron", "ExxonMobil", "Amazon", "Google", "Microsoft", "iPhone", "YouTube", "Telegram",
    "Facebook", "Samsung", "Toyota", "Chevrolet", "Uzcard", "Humo", "Wi-Fi", "COVID-19",
    "PepsiCo", "Citigroup", "Bloomberg", "Reuters", "Netflix", "OpenAI", "Visa", "Mastercard",
    "BBC", "CNN", "FIFA", "UEFA", "Olympics", "Nvidia", "Intel", "Huawei", "Xiaomi", "Apple",
)  # fmt: skip
RUSSIAN = (
    "Москва", "Россия", "Известия", "Коммерсантъ", "спасибо", "здравствуйте", "Путин",
    "Газпром", "Лукойл", "Сбербанк", "щи", "объявление", "подъезд", "Ельцин", "Юрьевич",
)  # fmt: skip
HANDLES = (
    "www.gov.uz", "kun.uz", "uza.uz", "daryo.uz", "https://uza.uz/oz/posts/{n}",
    "https://www.youtube.com/watch?v=x{n}", "info@gov.uz", "press{n}@mail.ru", "@kunuznews",
    "@uzbekistan", "t.me/daryo", "/home/user/{n}.txt",
)  # fmt: skip
MONTHS = (
    ("январь", "yanvar"), ("февраль", "fevral"), ("март", "mart"), ("апрель", "aprel"),
    ("май", "may"), ("июнь", "iyun"), ("июль", "iyul"), ("август", "avgust"),
    ("сентябрь", "sentabr"), ("октябрь", "oktabr"), ("ноябрь", "noyabr"),
    ("декабрь", "dekabr"),
)  # fmt: skip
PERCENT = ("фоиз", "foiz")
YEAR = ("йил", "yil")
DATE_SUFFIXES = (("", ""), ("да", "da"), ("нинг", "ning"), ("дан", "dan"), ("гача", "gacha"))
ENDINGS = (".", ".", ".", ".", ".", ".", ".", ".", ".", ".", "?", "!", ":", "…", ";")


# A small noun grammar over the morphs of suffixes.tsv: slots in order, each taken with a
# probability; a morph is {stem ending: form} where the ending is "v" (a vowel), "к", "қ" or
# "c" (any other consonant), or a plain string when it has one form. Weights within a slot.
_Morph = str | dict[str, str]
_SLOTS: tuple[tuple[float, tuple[tuple[_Morph, float], ...]], ...] = (
    (0.12, (("лик", 4), ("чи", 2), ("ли", 3), ("чилик", 0.5), ("дор", 0.5), ("хона", 0.5),
            ("шунос", 0.3), ({"v": "вий", "c": "ий", "к": "ий", "қ": "ий"}, 0.7))),
    (0.3, (("лар", 1),)),
    (0.3, (({"v": "м", "c": "им", "к": "им", "қ": "им"}, 3),
           ({"v": "нг", "c": "инг", "к": "инг", "қ": "инг"}, 1),
           ({"v": "си", "c": "и", "к": "и", "қ": "и"}, 6),
           ({"v": "миз", "c": "имиз", "к": "имиз", "қ": "имиз"}, 2),
           ({"v": "нгиз", "c": "ингиз", "к": "ингиз", "қ": "ингиз"}, 1))),
    (0.55, (("нинг", 4), ("ни", 4), ({"v": "га", "c": "га", "к": "ка", "қ": "қа"}, 4),
            ("да", 5), ("дан", 3), ("даги", 2),
            ({"v": "гача", "c": "гача", "к": "кача", "қ": "қача"}, 1),
            ("дек", 0.3), ("дай", 0.3))),
    (0.05, (("ми", 2), ("ку", 1), ({"v": "гина", "c": "гина", "к": "кина", "қ": "қина"}, 1),
            ("дир", 1), ({"v": "ю", "c": "у", "к": "у", "қ": "у"}, 1))),
)  # fmt: skip
_ENDINGS = ("v", "c", "к", "қ")


def _ending(cyrillic: str) -> str:
    last = cyrillic[-1:].lower()
    return "v" if last in _VOWELS else last if last in "кқ" else "c"


@dataclass(frozen=True)
class Vocabulary:
    """Aligned word lists: ``cyrillic[i]`` and ``latin[i]`` are one word, in rank order."""

    cyrillic: tuple[str, ...]
    latin: tuple[str, ...]
    ending: tuple[str, ...]  # the class of a stem's last letter, or "" if it takes no suffix
    cum_weights: tuple[float, ...]  # choice weights, cumulative, for random.choices
    chains: dict[tuple[str, str], tuple[str, ...]]  # (script, ending) → CHAINS suffix chains
    loanwords: int  # how many of the words are lexicon stems

    def words(self, script: Script) -> tuple[str, ...]:
        return self.cyrillic if script == "cyrillic" else self.latin


def _rows(path: Path) -> Iterator[list[str]]:
    """Data rows of a TSV file with # comments and a header line."""
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield line.split("\t")


def udhr_units() -> list[tuple[str, str]]:
    """(Cyrillic, Latin) units of the UDHR (tests/data/udhr-uz.tsv)."""
    return [(row[2], row[3]) for row in _rows(UDHR)]


def seed_units() -> list[tuple[str, str]]:
    """(Cyrillic, Latin) lines of the seed news article (tests/data/seed.*.txt)."""
    cyrillic = SEED_CYRILLIC.read_text(encoding="utf-8").splitlines()
    latin = SEED_LATIN.read_text(encoding="utf-8").splitlines()
    return list(zip(cyrillic, latin, strict=False))


def aligned_units() -> list[tuple[str, str]]:
    """(Cyrillic, Latin) units of the committed texts: the UDHR rows and the seed's lines."""
    return udhr_units() + seed_units()


def _text_pairs() -> Counter[tuple[str, str]]:
    """Word pairs of the aligned units with their counts (units whose word counts differ
    are skipped), and the words of the spec's test cases (count 1)."""
    counts: Counter[tuple[str, str]] = Counter()
    for cyrillic, latin in aligned_units():
        left, right = _WORD.findall(cyrillic), _WORD.findall(latin)
        if len(left) == len(right):
            counts.update(zip(left, right, strict=True))
    for row in _rows(CASES):
        if row[3] != "DISPUTED" and _WORD.fullmatch(row[0]) and _WORD.fullmatch(row[1]):
            counts[row[0], row[1]] += 0  # known, but not counted as text
    # A capitalised or upper-case form whose lower-case form occurs is the same word.
    merged: Counter[tuple[str, str]] = Counter()
    for (cyr, lat), n in counts.items():
        lower = (cyr.lower(), lat.lower())
        merged[lower if lower in counts else (cyr, lat)] += n
    return Counter({pair: max(n, 1) for pair, n in merged.items()})


def _lexicon_pairs() -> list[tuple[str, str, bool]]:
    """(Cyrillic, Latin, is a stem) of the loanwords: every lexicon row except the Latin
    aliases, and the checked ("ok") rows of the held-out loanword list."""
    pairs = []
    for row in _rows(LEXICON):
        cyrillic, latin, direction, match = row[:4]
        if direction != "alias":
            pairs.append((cyrillic, latin, match == "stem"))
    known = {cyrillic for cyrillic, _, _ in pairs}
    for row in _rows(LOANWORDS_HELDOUT):
        if row[4] == "ok" and row[0] not in known:
            pairs.append((row[0], row[1], True))
    return pairs


def _suffixes() -> list[tuple[str, str]]:
    return [(row[0], row[1]) for row in _rows(SUFFIXES)]


def _zipf_cum_weights(n: int, exponent: float = ZIPF) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


def _chain(rng: random.Random, ending: str, latin: dict[str, str]) -> tuple[str, str]:
    """A random suffix chain after a stem with this ending, in (Cyrillic, Latin)."""
    cyrillic_parts, latin_parts = [], []
    for probability, morphs in _SLOTS:
        if rng.random() >= probability:
            continue
        forms = [form for form, _ in morphs]
        morph = rng.choices(forms, weights=[weight for _, weight in morphs])[0]
        form = morph if isinstance(morph, str) else morph[ending]
        if form not in latin:  # not (or no longer) in suffixes.tsv
            continue
        cyrillic_parts.append(form)
        latin_parts.append(latin[form])
        ending = _ending(form)
    return "".join(cyrillic_parts), "".join(latin_parts)


@functools.cache
def vocabulary() -> Vocabulary:
    """The aligned vocabulary (built once; independent of the generator's seed)."""
    rng = random.Random(0)
    # The texts' words by frequency (ties in a fixed random order), then the lexicon stems
    # in a fixed random order; each list gets Zipf weights, the lexicon LOANWORDS of them.
    counts = _text_pairs()
    text = sorted(counts.items(), key=lambda item: (-item[1], rng.random()))
    lexicon = [entry for entry in _lexicon_pairs() if (entry[0], entry[1]) not in counts]
    rng.shuffle(lexicon)
    text_weights = [1 / rank**ZIPF for rank in range(1, len(text) + 1)]
    lexicon_weights = [1 / rank**ZIPF for rank in range(1, len(lexicon) + 1)]
    scale_text = (1 - LOANWORDS) / sum(text_weights)
    scale_lexicon = LOANWORDS / sum(lexicon_weights)
    weights = [w * scale_text for w in text_weights] + [w * scale_lexicon for w in lexicon_weights]

    cyrillic = [c for (c, _), _ in text] + [c for c, _, _ in lexicon]
    latin = [lat for (_, lat), _ in text] + [lat for _, lat, _ in lexicon]
    takes_suffixes = [
        rank >= FUNCTION_WORDS and len(c) > 2 and c[-1:].isalpha()
        for rank, ((c, _), _) in enumerate(text)
    ] + [stem for _, _, stem in lexicon]
    # Cyrillic drops a stem-final ь before a suffix (сентябрь, сентябрда): the class is
    # that of the letter before it.
    ending = [
        _ending(c.removesuffix("ь")) if suffixes else ""
        for c, suffixes in zip(cyrillic, takes_suffixes, strict=True)
    ]
    morph_latin = dict(_suffixes())
    chains: dict[tuple[str, str], tuple[str, ...]] = {}
    for end in _ENDINGS:
        pairs = [_chain(rng, end, morph_latin) for _ in range(CHAINS)]
        chains["cyrillic", end] = tuple(c for c, _ in pairs)
        chains["latin", end] = tuple(lat for _, lat in pairs)
    return Vocabulary(
        cyrillic=tuple(cyrillic),
        latin=tuple(latin),
        ending=tuple(ending),
        cum_weights=tuple(itertools.accumulate(weights)),
        chains=chains,
        loanwords=len(lexicon),
    )


class _Writer:
    """Renders the random choices of one seed as text of one script."""

    def __init__(self, script: Script, seed: int) -> None:
        vocab = vocabulary()
        self.rng = random.Random(seed)
        self.latin = script == "latin"
        self.words = vocab.words(script)
        self.ending = vocab.ending
        self.cum_weights = vocab.cum_weights
        self.chains = {end: vocab.chains[script, end] for end in _ENDINGS}
        self.indices = range(len(self.words))

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.latin else pair[0]

    def word(self, index: int, chain: int | None) -> str:
        word = self.words[index]
        ending = self.ending[index]
        if chain is None or not ending:
            return word
        suffix = self.chains[ending][chain]
        if suffix and not self.latin and word.endswith("ь"):
            word = word[:-1]  # сентябрь + да → сентябрда
        return word + suffix

    def special(self) -> str:
        """A number, date, brand name, Russian word or URL."""
        rng = self.rng
        kind = rng.random()
        if kind < 0.25:
            return str(rng.choice((rng.randint(1, 99), rng.randint(100, 99999))))
        if kind < 0.4:
            year = f"{rng.randint(1900, 2030)}"
            suffix = self.pick(rng.choice(DATE_SUFFIXES))
            return f"{year}{'-' if self.latin else ' '}{self.pick(YEAR)}{suffix}"
        if kind < 0.5:
            day, month = rng.randint(1, 31), self.pick(rng.choice(MONTHS))
            return f"{day}{'-' if self.latin else ' '}{month}"
        if kind < 0.6:
            return f"{rng.randint(1, 99)},{rng.randint(0, 9)} {self.pick(PERCENT)}"
        if kind < 0.85:
            return rng.choice(BRANDS)
        if kind < 0.93:
            return rng.choice(RUSSIAN)
        return rng.choice(HANDLES).format(n=rng.randint(1, 99999))

    def sentence(self) -> str:
        rng = self.rng
        n = max(1, min(60, int(rng.lognormvariate(2.4, 0.5))))
        chosen = rng.choices(self.indices, cum_weights=self.cum_weights, k=n)
        chains = rng.choices(range(CHAINS), k=n)
        draws = [rng.random() for _ in range(n)]
        words = []
        for index, chain, draw in zip(chosen, chains, draws, strict=True):
            if draw < 0.02:
                words.append(self.special())
                continue
            word = self.word(index, None if draw < BARE else chain)
            if 0.90 < draw < 0.93 or (0.98 < draw < 0.985 and n > 3):
                word += ","
            words.append(word)
        ornament = rng.random()
        if ornament < 0.04 and n > 3:
            start = rng.randrange(n - 2)
            words[start] = "«" + words[start]
            words[start + 2] = words[start + 2].rstrip(",") + "»"
        elif ornament < 0.06 and n > 3:
            start = rng.randrange(n - 2)
            words[start] = "(" + words[start]
            words[start + 1] = words[start + 1].rstrip(",") + ")"
        elif ornament < 0.1 and n > 4:
            words.insert(rng.randrange(1, n - 1), "—")
        first = words[0]
        words[0] = first[:1].upper() + first[1:]
        return " ".join(words).rstrip(",") + rng.choice(ENDINGS)

    def paragraph(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.06:  # a headline
            n = rng.randint(2, 8)
            chosen = rng.choices(self.indices, cum_weights=self.cum_weights, k=n)
            line = " ".join(self.words[i] for i in chosen)
            line = line[:1].upper() + line[1:]
            return line.upper() if kind < 0.015 else line
        # Mostly a few sentences; some very long lines.
        count = rng.randint(100, 600) if kind < 0.07 else min(40, int(rng.expovariate(0.25)) + 1)
        return " ".join(self.sentence() for _ in range(count))


def iter_generate(
    size: int,
    script: Script,
    *,
    seed: int = 0,
    shape: Shape = "lines",
    unit: Unit = "chars",
    chunk: int = 1 << 16,
) -> Iterator[str]:
    """The text of :func:`generate` in pieces of at least ``chunk`` characters (the last one
    shorter), holding no more than a piece and a paragraph at a time.

    With ``unit="bytes"`` the text is cut so that its UTF-8 encoding has ``size`` bytes
    (topped up with spaces or, in the no-spaces shape, full stops).
    """
    if script not in SCRIPTS:
        raise ValueError(f"script must be one of {SCRIPTS}, not {script!r}")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, not {shape!r}")
    writer = _Writer(script, seed)
    rng = writer.rng
    measure = len if unit == "chars" else _utf8_length
    done = 0
    parts: list[str] = []
    held = 0
    while done < size:
        text = writer.paragraph()
        blank = rng.random() < 0.2  # drawn in every shape, so that the shapes stay aligned
        if shape == "lines":
            text += "\n\n" if blank else "\n"
        elif shape == "one-line":
            text += " "
        else:
            text = text.replace(" ", "")
        length = measure(text)
        if done + length >= size:
            text = _cut(text, size - done, unit, shape)
            length = size - done
        parts.append(text)
        held += len(text)
        done += length
        if held >= chunk:
            yield "".join(parts)
            parts.clear()
            held = 0
    if parts:
        yield "".join(parts)


def _utf8_length(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut(text: str, size: int, unit: Unit, shape: Shape) -> str:
    """The start of ``text`` that is exactly ``size`` characters or UTF-8 bytes long."""
    if unit == "chars":
        return text[:size]
    data = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    filler = "." if shape == "no-spaces" else " "
    return data + filler * (size - _utf8_length(data))


def generate(
    size: int,
    script: Script,
    *,
    seed: int = 0,
    shape: Shape = "lines",
    unit: Unit = "chars",
) -> str:
    """``size`` characters (or UTF-8 bytes) of generated Uzbek text in ``script``."""
    return "".join(iter_generate(size, script, seed=seed, shape=shape, unit=unit))


def write(
    path: Path,
    size: int,
    script: Script,
    *,
    seed: int = 0,
    shape: Shape = "lines",
    unit: Unit = "bytes",
) -> int:
    """Write generated text to ``path`` (UTF-8) without holding it all; return its bytes."""
    written = 0
    with path.open("wb") as out:
        for piece in iter_generate(size, script, seed=seed, shape=shape, unit=unit, chunk=1 << 20):
            written += out.write(piece.encode("utf-8"))
    return written


def words(text: str) -> list[str]:
    """The words of ``text`` (as this module counts them)."""
    return _WORD.findall(text)


def distinct_words(text: str) -> int:
    """Number of distinct words (case-sensitive) in ``text``."""
    return len(set(_WORD.findall(text)))


def describe() -> dict[str, int]:
    """Sizes of the vocabulary the generator draws from."""
    vocab = vocabulary()
    return {
        "words": len(vocab.cyrillic),
        "loanword_stems": vocab.loanwords,
        "suffix_chains": len({chain for chains in vocab.chains.values() for chain in chains}),
    }


def _main() -> None:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Write generated Uzbek text to stdout.")
    parser.add_argument("size", type=int, help="characters")
    parser.add_argument("--script", choices=SCRIPTS, default="cyrillic")
    parser.add_argument("--shape", choices=SHAPES, default="lines")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for piece in iter_generate(args.size, args.script, seed=args.seed, shape=args.shape):
        sys.stdout.write(piece)


if __name__ == "__main__":
    _main()
