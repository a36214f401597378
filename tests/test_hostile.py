"""Hostile input (issue 13): the defects found by fuzzing, each with its failing case."""

from __future__ import annotations

import time

import pytest

import translit
from translit import engine


def _cpu(function: object, text: str) -> float:
    start = time.process_time()
    function(text)  # type: ignore[operator]
    return time.process_time() - start


@pytest.mark.parametrize(
    ("text", "keep", "direction"),
    [
        ("ЦИРКИ", ["цирк"], "uz_Cyrl-uz_Latn"),  # ЦИРК + I, then SIRKI before the fix
        ("Циркнинг цирки", ["цирк"], "uz_Cyrl-uz_Latn"),
        ("Chevronning Chevronlar", ["chevron"], "uz_Latn-uz_Cyrl"),
    ],
)
def test_keep_words_with_converted_suffixes_stay_kept(
    text: str, keep: list[str], direction: str
) -> None:
    t = translit.get(direction, keep=keep)
    once = t(text)
    assert t(once) == once


@pytest.mark.parametrize(
    ("keep", "text", "expected"),
    [
        (["цирк"], "цирк циркда Цирклар циркус", "цирк циркda Циркlar sirkus"),
        (["цир", "цирк"], "циркнинг", "циркning"),  # the longest kept word wins
        (["ер"], "Ер ерни сабр", "Ер ерni sabr"),
    ],
)
def test_keep_list_in_the_bulk_path(keep: list[str], text: str, expected: str) -> None:
    # With a keep list the bulk path stays on: pieces that may start with a kept word go the
    # ordinary way, the others in bulk; both must agree with the word-by-word conversion.
    t = translit.get("uz_Cyrl-uz_Latn", keep=keep)
    assert t(text) == expected
    assert t._compiled.batch is not None
    assert "".join(s.output for s in t.explain(text)) == expected


def test_keep_list_cost_per_word_does_not_grow_with_its_size() -> None:
    words = [f"ж{i:06}" for i in range(100_000)]  # never in the text
    text = " ".join(f"шаҳар{i}да" for i in range(3_000))
    small = translit.Transliterator("uz_Cyrl-uz_Latn", translit.Options(keep=frozenset(["ж"])))
    big = translit.Transliterator("uz_Cyrl-uz_Latn", translit.Options(keep=frozenset(words)))
    small(text[:100])
    big(text[:100])
    # 1.5 ms per character before the fix; allow a generous 5x for noise.
    assert _cpu(big, text) < 5 * _cpu(small, text) + 0.05


def test_a_long_run_of_digits_is_linear_in_one_shot() -> None:
    # The segment boundary searched for a word to the end of the run, once per segment.
    t = translit.get("uz_Cyrl-uz_Latn")
    short, long = "7" * 20_000, "7" * 400_000
    t(short)
    assert t(long) == long
    assert _cpu(t, long) < 20 * 5 * _cpu(t, short) + 0.05  # 20x the text, linear


def test_compile_cache_is_bounded() -> None:
    for n in range(engine.COMPILE_CACHE + 5):
        translit.Transliterator("uz_Cyrl-uz_Latn", translit.Options(keep=frozenset([f"ж{n}"])))
    assert engine._compile.cache_info().currsize <= engine.COMPILE_CACHE
