"""Words that mix Cyrillic and Latin look-alike letters (homoglyphs.tsv, homoglyphs.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.check import check_text
from translit.engine import homoglyphs
from translit.tables import load

PAIRS = load().homoglyphs
LATIN_ALIKE = "".join(a for a, _ in PAIRS)
CYRILLIC_ALIKE = "".join(b for _, b in PAIRS)


@pytest.mark.parametrize(
    ("word", "unified"),
    [
        ("Москвa", "Москва"),  # к and в decide: Cyrillic
        ("ASTANА", "ASTANA"),  # S and N decide: Latin
        ("Оʻzbekiston", "Oʻzbekiston"),
        ("О’zbekiston", "O’zbekiston"),  # an apostrophe look-alike is part of the run
        ("NATOга", "NATOга"),  # N against г: a tie, nothing changes
        ("eр", "eр"),  # look-alikes only
        ("e-ҳукумат", "e-ҳукумат"),  # a hyphen ends a run: e stays Latin
        ("Pахмат-Caмарқанд", "Рахмат-Самарқанд"),
        ("Тошкент", "Тошкент"),  # one script: the same object
    ],
)
def test_unify(word: str, unified: str) -> None:
    assert homoglyphs().unify(word) == unified
    assert len(homoglyphs().unify(word)) == len(word)


def test_between_the_latin_alphabets_only_cyrillic_look_alikes_change() -> None:
    assert homoglyphs().unify("Москвa", to_cyrillic=False) == "Москвa"
    assert homoglyphs().unify("Оʻzbekiston", to_cyrillic=False) == "Oʻzbekiston"
    convert = translit.transliterate
    assert convert("Оʻzbekiston", source="latin", target="latin-2026") == "Özbekiston"
    assert convert("Özbekistоn", source="latin-2026", target="latin") == "Oʻzbekiston"
    assert convert("Москвa", source="latin", target="latin-2026") == "Москвa"


@given(
    st.text(alphabet=LATIN_ALIKE + CYRILLIC_ALIKE + "бвгдқўшzsqʻ’- ", max_size=30),
    st.sampled_from(["latin", "cyrillic", "latin-2026"]),
)
def test_converting_mixed_words_is_idempotent_and_explained(text: str, target: str) -> None:
    once = translit.transliterate(text, target=target)
    assert translit.transliterate(once, target=target) == once
    steps = translit.explain(text, target=target)
    assert "".join(step.output for step in steps) == once
    assert "".join(step.source for step in steps) == text  # the input as typed


def test_check_suggests_what_conversion_reads() -> None:
    [finding] = check_text("Caмарқанд")
    assert finding.suggestion == "Самарқанд"
    assert "mostly Cyrillic" in finding.message
    [finding] = check_text("NATOга")  # a tie: reported, no fix
    assert finding.suggestion is None
