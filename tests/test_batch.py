"""The bulk path (batch.py) gives exactly what converting each piece on its own gives."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.batch import LEAD, TRAIL, compile_batch, letters_only
from translit.engine import APOSTROPHE_LIKE, BLOCK, MAX_PART, Transliterator
from translit.matcher import compile_matcher, compile_text_rules
from translit.tables import load, parse_rules

from .cases import DATA

DIRECTIONS = tuple(translit.available())  # the 2026 ones too (their bulk paths differ)
OPTIONS: list[dict[str, Any]] = [
    {},
    {"apostrophe": "ascii"},
    {"particles": False},
    {"izofa": True},
    {"soft_sign": "always"},
    {"foreign": "convert"},
    {"dates": False},
]


def _one_by_one(t: Transliterator, pieces: set[str]) -> dict[str, str]:
    return {piece: t._convert_piece(piece) for piece in pieces}


def _in_bulk(t: Transliterator, pieces: set[str]) -> dict[str, str]:
    batch = t._compiled.batch
    assert batch is not None
    return batch.convert(pieces, t._convert_piece, t._plain_word)


def _committed_pieces() -> set[str]:
    text = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
    text += (DATA / "seed.latn.txt").read_text(encoding="utf-8")
    text += (DATA / "seed.latn2026.txt").read_text(encoding="utf-8")
    text += (DATA / "udhr-uz.tsv").read_text(encoding="utf-8")
    pieces = set(text.split())
    return pieces | {p.upper() for p in pieces} | {p.capitalize() for p in pieces}


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("opts", OPTIONS, ids=str)
def test_bulk_equals_one_by_one_on_real_text(direction: str, opts: dict[str, Any]) -> None:
    t = translit.get(direction, **opts)
    pieces = _committed_pieces()
    assert _in_bulk(t, pieces) == _one_by_one(t, pieces)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_words_longer_than_a_part_are_cut_as_the_engine_cuts_them(direction: str) -> None:
    t = translit.get(direction)
    pieces = {"a" * (MAX_PART - 1) + "sh", "а" * (MAX_PART - 1) + "сҳ", "Ш" + "ш" * MAX_PART}
    assert _in_bulk(t, pieces) == _one_by_one(t, pieces)


# Pieces shaped like the plain ones (so that most take the bulk path) with every kind of
# near miss: capitals inside, apostrophes at the edges, hyphens, digits, other scripts.
_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳabcdefghijklmnopqrstuvwxyzʻʼöğşçÖĞŞÇ"
_piece = st.builds(
    lambda lead, word, trail, capital: lead + (word.capitalize() if capital else word) + trail,
    st.text(alphabet=st.sampled_from(LEAD + "'‘-1"), max_size=2),
    st.text(
        alphabet=st.sampled_from(_LETTERS + APOSTROPHE_LIKE + "-1АШЁЪЬOSCH\u0306é"),
        min_size=1,
        max_size=12,
    ),
    st.text(alphabet=st.sampled_from(TRAIL + "'’-%1"), max_size=2),
    st.booleans(),
)


def _times(piece_and_count: tuple[str, int]) -> str:
    piece, count = piece_and_count
    return piece * count  # long words: the engine cuts words at MAX_PART letters


@given(
    st.sampled_from(DIRECTIONS),
    st.sampled_from(OPTIONS),
    st.lists(
        st.one_of(_piece, st.text(max_size=8), st.tuples(_piece, st.integers(1, 9)).map(_times)),
        max_size=30,
    ),
)
def test_bulk_equals_one_by_one(direction: str, opts: dict[str, Any], pieces: list[str]) -> None:
    t = translit.get(direction, **opts)
    distinct = {p for p in pieces if " " not in p and "\n" not in p}
    assert _in_bulk(t, distinct) == _one_by_one(t, distinct)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_long_text_in_blocks_equals_short_calls(direction: str) -> None:
    # Blocks are cut after a blank, near BLOCK characters; a run without blanks is not cut.
    t = translit.get(direction)
    seeds = {"uz_Cyrl": "cyrl", "uz_Latn": "latn", "uz_Latn/2026": "latn2026"}
    source = DATA / f"seed.{seeds[direction.partition('-')[0]]}.txt"
    text = source.read_text(encoding="utf-8")
    long = (text * (3 * BLOCK // len(text) + 1)) + "x" * (BLOCK + 7) + " " + text
    assert t(long) == "".join(t(part) for part in regex.split(r"(?<=[ \n])", long))


@pytest.mark.parametrize(
    ("context", "safe"),
    [
        ("[аеёиоуэюяў]", True),
        ("(?<![\\p{L}\\p{M}])(?:ба|гар)", True),
        ("(?!ий)(?:лар|да)+(?![\\p{L}\\p{M}])", True),
        ("[^а]", False),  # matches a newline
        ("\\s", False),
        ("а.", False),
        ("\\d", False),
        ("[\\p{L}--[а]]|\\n", False),
    ],
)
def test_letters_only(context: str, safe: bool) -> None:
    assert letters_only(context) is safe


def test_a_context_that_can_see_a_newline_turns_bulk_off() -> None:
    rules = parse_rules("{ е } [^а] → x\n", "test.rules")
    tables = load()
    matcher = compile_matcher(
        rules,
        tables.alphabet,
        "uz_Cyrl-uz_Latn",
        source_is_cyrillic=True,
        translate={},
        switches={},
    )
    assert compile_batch(matcher, None, None, latin=False, longest=64) is None
    plain = parse_rules("{ е } [а] → x\n", "test.rules")
    matcher = compile_matcher(
        plain,
        tables.alphabet,
        "uz_Cyrl-uz_Latn",
        source_is_cyrillic=True,
        translate={},
        switches={},
    )
    assert compile_batch(matcher, None, None, latin=False, longest=64) is not None


def test_a_piece_a_text_rule_applies_to_goes_the_ordinary_way() -> None:
    # The packaged text rules all need digits, which plain pieces never have; a rules file
    # may have others.
    rules = parse_rules("text { ай } → ay\n", "test.rules")
    tables = load()
    matcher = compile_matcher(
        tables.rules["uz_Cyrl-uz_Latn"],
        tables.alphabet,
        "uz_Cyrl-uz_Latn",
        source_is_cyrillic=True,
        translate={},
        switches={"particles": True, "izofa": False, "dates": True, "sh_tutuq": True},
    )
    inner = compile_text_rules(rules, {}, spaces=False)
    batch = compile_batch(matcher, None, inner, latin=False, longest=64)
    assert batch is not None
    assert batch.convert({"май", "уй"}, lambda piece: "ONE", str.upper) == {
        "май": "ONE",
        "уй": "uy",
    }


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_pieces_that_almost_fit_are_rejected_in_linear_time(direction: str) -> None:
    # A piece that fails only at its end must not make the shape pattern backtrack
    # exponentially (an apostrophe after o once matched two alternatives): this hangs if so.
    t = translit.get(direction)
    pieces = {"o'l" * 300 + "!x", "шаҳар" * 300 + "!x", "Yo'l" + "o'" * 300 + "1"}
    assert _in_bulk(t, pieces) == _one_by_one(t, pieces)
