"""The seed article: its Latin must equal the golden file byte for byte, and back again."""

from __future__ import annotations

import difflib

import regex

import translit

from .cases import DATA

SEED = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
GOLDEN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
_WORD = regex.compile(r"[\p{L}\p{M}-]+")


def _diff(expected: str, got: str) -> str:
    lines = difflib.unified_diff(
        expected.split(" "), got.split(" "), "expected", "got", lineterm="", n=1
    )
    return "\n".join(lines)


def test_seed_to_latin_equals_golden() -> None:
    got = translit.to_latin(SEED)
    assert got == GOLDEN, _diff(GOLDEN, got)


def test_golden_to_cyrillic_restores_every_cyrillic_word() -> None:
    back = translit.to_cyrillic(GOLDEN)
    seed_words = _WORD.findall(SEED)
    back_words = _WORD.findall(back)
    assert len(seed_words) == len(back_words)
    cyrillic = [
        (s, b)
        for s, b in zip(seed_words, back_words, strict=True)
        if regex.fullmatch(r"[\p{Cyrillic}-]+", s)
    ]
    assert len(cyrillic) > 250  # the article is nearly all Cyrillic words
    assert [b for _, b in cyrillic] == [s for s, _ in cyrillic]


def test_golden_to_cyrillic_keeps_everything_but_words() -> None:
    back = translit.to_cyrillic(GOLDEN)
    assert _WORD.split(back) == _WORD.split(GOLDEN)
