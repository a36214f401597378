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


def test_between_the_latin_alphabets_nothing_is_read_as_another_letter() -> None:
    # There tokens end differently after a Cyrillic о than after an o (o’ is oʻ), so a
    # word made Latin inside a token could read differently the next time.
    convert = translit.transliterate
    assert convert("Москвa", source="latin", target="latin-2026") == "Москвa"
    assert convert("Оʻzbekiston", source="latin", target="latin-2026").startswith("О")


def test_latin_to_cyrillic_makes_cyrillic_only_what_it_would_not_write() -> None:
    # p y B H P Y convert to other letters than their look-alikes; c stays as it is.
    assert homoglyphs().unify("Cамарқанд", stays="c") == "Самарқанд"
    assert homoglyphs().unify("Cамарқанд", stays="C") == "Cамарқанд"
    assert translit.to_cyrillic("Cy", foreign="convert") == "Cй"
    assert translit.to_cyrillic("Pахмат, Hаво, yетти") == "Рахмат, Наво, уетти"


DIRECTIONS = [
    ("cyrillic", "latin"),
    ("cyrillic", "latin-2026"),
    ("latin", "cyrillic"),
    ("latin-2026", "cyrillic"),
    ("latin", "latin-2026"),
]


@given(
    st.text(alphabet=LATIN_ALIKE + CYRILLIC_ALIKE + "бвгдйқўшӥzsqhöşßʻ’- ", max_size=30),
    st.sampled_from(DIRECTIONS),
    st.sampled_from(["keep", "convert"]),
)
def test_converting_mixed_words_is_idempotent_and_explained(
    text: str, direction: tuple[str, str], foreign: str
) -> None:
    source, target = direction
    options = {"source": source, "target": target, "foreign": foreign}
    once = translit.transliterate(text, **options)  # type: ignore[arg-type]
    assert translit.transliterate(once, **options) == once  # type: ignore[arg-type]
    steps = translit.explain(text, **options)  # type: ignore[arg-type]
    assert "".join(step.output for step in steps) == once
    assert "".join(step.source for step in steps) == text  # the input as typed


def test_check_suggests_what_conversion_reads() -> None:
    [finding] = check_text("Caмарқанд")
    assert finding.suggestion == "Самарқанд"
    assert "mostly Cyrillic" in finding.message
    [finding] = check_text("NATOга")  # a tie: reported, no fix
    assert finding.suggestion is None


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Cy", {"foreign": "convert"}),  # c stays Latin: Cй must not become Сй next time
        ("İ’А", {}),  # İ is read as I before the run's script is told (fuzzer seed 407)
        ("İ′О", {"foreign": "convert"}),
        ("MX'Мö yAşße", {}),  # MX, a Roman numeral, is not made Cyrillic
        ("İ‘µR", {}),  # the numeral I stays Latin: it tells no script (fuzzer seed 409)
        ("С̧j", {"foreign": "convert"}),  # С + cedilla read as C + cedilla is Ç (seed 410)
        ("jО́", {"foreign": "convert"}),  # О + acute read as Ó, a typed ö (seed 411)
    ],
)
def test_found_by_the_fuzzer_converting_again_changes_nothing(
    text: str, options: dict[str, str]
) -> None:
    once = translit.to_cyrillic(text, **options)  # type: ignore[arg-type]
    assert translit.to_cyrillic(once, **options) == once  # type: ignore[arg-type]
