"""Lint of the data files (OpenCC's dictionary tests, ANCHORS.md §5.6)."""

from __future__ import annotations

import functools
import unicodedata

import pytest

import translit
from translit.engine import Transliterator
from translit.options import Options
from translit.tables import DIRECTIONS, Entry, load

from .cases import extra_cases, parse_options, read_tsv, spec_cases

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
    for row in read_tsv("cases-2026.tsv"):  # the 2026 directions (test_alphabet2026.py)
        direction, text, _, options = [*row, ""][:4]
        source = "latin-2026" if direction.startswith("n") else SCHEMES[direction[0]]
        target = SCHEMES[direction[2]]
        steps = translit.explain(text, source=source, target=target, **parse_options(options))
        fired |= {s.rule for s in steps}
    rules = {rule.origin for rules in TABLES.rules.values() for rule in rules}
    assert not rules - fired, "rules no test case reaches"


SCHEMES = {"c": "cyrillic", "o": "latin", "n": "latin-2026", "l": "latin"}


def test_the_2026_table_replaces_official_spellings_with_new_letters() -> None:
    official = {letter.latin for letter in TABLES.alphabet if L2C in letter.directions}
    used = {c for letter in TABLES.alphabet for c in letter.latin}
    for row in TABLES.respellings:
        assert row.latin in official, row.origin
        assert unicodedata.is_normalized("NFC", row.latin_2026), row.origin
        assert row.latin_2026 not in used, row.origin  # a letter of its own
        assert len(row.latin_2026.upper()) == 1, row.origin
        assert unicodedata.decomposition(row.latin_2026), row.origin  # has an NFD form
    news = [row.latin_2026 for row in TABLES.respellings]
    assert len(set(news)) == len(news)


def test_lookalikes_read_as_letters_of_the_latin_alphabets() -> None:
    letters = {c for letter in TABLES.alphabet for c in letter.latin if c.isalpha()}
    letters |= {row.latin_2026 for row in TABLES.respellings}
    letters |= {c.upper() for c in letters}
    for char, (letter, origin) in TABLES.lookalikes.items():
        assert letter in letters, origin
        assert char not in letters, origin
        assert unicodedata.is_normalized("NFC", char), origin
        # A look-alike's case partner reads as the letter's (ș/Ș → ş/Ş), where it has one.
        partner = char.swapcase()
        if len(partner) == 1 and partner != char and partner in TABLES.lookalikes:
            assert TABLES.lookalikes[partner][0] == letter.swapcase(), origin


def test_lexicon_has_no_sh_tutuq_the_option_cannot_reach() -> None:
    # sh_tutuq drops the tutuq of the сҳ rule; a lexicon output with sʼh would keep it.
    assert not [entry.origin for entry in TABLES.lexicon if "sʼh" in entry.latin]
