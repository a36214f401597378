"""Lint of the data files (OpenCC's dictionary tests, ANCHORS.md §5.6)."""

from __future__ import annotations

import functools

import pytest

import translit
from translit.engine import Transliterator
from translit.options import Options
from translit.tables import DIRECTIONS, Entry, load

from .cases import extra_cases, spec_cases

C2L, L2C = DIRECTIONS
TABLES = load()


@functools.cache
def rules_only(direction: str) -> Transliterator:
    return Transliterator(direction, Options(), use_lexicon=False)


def test_every_uzbek_cyrillic_letter_has_a_latin_spelling() -> None:
    mapped = {letter.cyrillic for letter in TABLES.alphabet if C2L in letter.directions}
    assert set("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳщы") <= mapped


def test_every_official_latin_letter_has_a_cyrillic_spelling() -> None:
    mapped = {letter.latin for letter in TABLES.alphabet if L2C in letter.directions}
    official = set("abdefghijklmnopqrstuvxyz") | {
        "oʻ",
        "gʻ",
        "sh",
        "ch",
        "ʼ",
        "ye",
        "yo",
        "yu",
        "ya",
    }
    assert official <= mapped


def test_alphabet_keys_are_unique_per_direction() -> None:
    for direction in DIRECTIONS:
        keys = [
            letter.cyrillic if direction == C2L else letter.latin
            for letter in TABLES.alphabet
            if direction in letter.directions
        ]
        assert len(keys) == len(set(keys)), direction


def _entry_ids(entry: Entry) -> str:
    return f"{entry.cyrillic}:{entry.latin}"


@pytest.mark.parametrize("entry", TABLES.lexicon, ids=_entry_ids)
def test_lexicon_entry_is_needed_exactly_where_it_is_used(entry: Entry) -> None:
    # In a direction the entry is used in, the rules alone must get it wrong (else the
    # entry is dead weight); in the other, the rules alone must already get it right
    # (else the entry should be used there too). Aliases are never produced, so their
    # Cyrillic→Latin side is not checked.
    latin_stem = rules_only(C2L)(entry.cyrillic)
    cyrillic_stem = rules_only(L2C)(entry.latin)
    if not entry.alias:
        assert (latin_stem != entry.latin) == (C2L in entry.directions), (
            f"{entry.origin}: rules give {latin_stem!r}"
        )
    assert (cyrillic_stem != entry.cyrillic) == (L2C in entry.directions), (
        f"{entry.origin}: rules give {cyrillic_stem!r}"
    )


@pytest.mark.parametrize("entry", TABLES.lexicon, ids=_entry_ids)
def test_lexicon_entry_round_trips(entry: Entry) -> None:
    assert translit.to_cyrillic(entry.latin) == entry.cyrillic, entry.origin
    if not entry.alias:
        assert translit.to_latin(entry.cyrillic) == entry.latin, entry.origin


def test_lexicon_keys_are_unique_per_direction() -> None:
    for direction in DIRECTIONS:
        keys = [
            (e.cyrillic.removesuffix("ь") if direction == C2L else e.latin)
            for e in TABLES.lexicon
            if direction in e.directions
        ]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        assert not duplicates, (direction, duplicates)


@pytest.mark.parametrize("suffix", TABLES.suffixes, ids=lambda s: s.latin)
def test_suffix_spellings_agree(suffix: translit.tables.Suffix) -> None:
    assert rules_only(C2L)(suffix.cyrillic) == suffix.latin, suffix.origin
    assert rules_only(L2C)(suffix.latin) == suffix.cyrillic, suffix.origin


def test_every_rule_fires_in_some_test_case() -> None:
    fired = set()
    for case in spec_cases() + extra_cases():
        target = "latin" if case.direction == "c2l" else "cyrillic"
        steps = translit.explain(case.input, target=target, **case.options)
        fired |= {s.rule for s in steps}
    rules = {rule.origin for direction in DIRECTIONS for rule in TABLES.rules[direction]}
    assert not rules - fired, "rules no test case reaches"
