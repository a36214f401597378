"""search_key: one key for a word in Cyrillic, 1995 Latin, 2026 Latin, any case or apostrophe."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.engine import APOSTROPHE_LIKE
from translit.options import Apostrophe

from .test_properties import SEED_WORDS, cyrillic_text

# Each row: spellings that must share one key, and that key.
SAME = [
    (["Шавкат", "Shavkat", "SHAVKAT", "shavkat", "Şavkat", "ŞAVKAT", "S\u0327avkat"], "shavkat"),
    (["Ўзбекистон", "Oʻzbekiston", "O'zbekiston", "O`zbekiston", "O‘zbekiston"], "o'zbekiston"),
    (["O’zbekiston", "O´zbekiston", "Özbekiston", "ÖZBEKISTON", "Ŏzbekiston"], "o'zbekiston"),
    (
        ["Ғафур Ғулом", "Gʻafur Gʻulom", "Ğafur Ğulom", "GʻAFUR GʻULOM", "Ḡafur Ḡulom"],
        "g'afur g'ulom",
    ),
    (["Чорсу", "Chorsu", "Çorsu", "ÇORSU", "CHORSU"], "chorsu"),
    (["Исҳоқ", "Isʼhoq", "Is'hoq", "ISʼHOQ"], "is'hoq"),
    (["Қўнғирот", "Qoʻngʻirot", "Qönğirot", "QOʻNGʻIROT"], "qo'ng'irot"),
    (["Санъат", "Sanʼat", "San’at", "san'at"], "san'at"),
    (["Шаҳар", "Ｓｈａｈａｒ", "Șahar"], "shahar"),
    (["Ўзбекистон\u00a0Республикаси", "Oʻzbekiston Respublikasi"], "o'zbekiston respublikasi"),
]


@pytest.mark.parametrize(("spellings", "key"), SAME, ids=[row[1] for row in SAME])
def test_spellings_share_a_key(spellings: list[str], key: str) -> None:
    assert {spelling: translit.search_key(spelling) for spelling in spellings} == dict.fromkeys(
        spellings, key
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Oʻrin", "Orin"),  # oʻ and o are different letters
        ("Sanʼat", "Sanat"),  # so is the tutuq
        ("Sirk", "Tsirk"),  # not a spelling corrector
        ("Ishoq", "Isʼhoq"),  # s + h and sh differ in 1995 spelling
        ("Шавкат", "Шавкатбек"),
    ],
)
def test_different_words_keep_different_keys(one: str, other: str) -> None:
    assert translit.search_key(one) != translit.search_key(other)


def test_search_key_rejects_bytes() -> None:
    with pytest.raises(TypeError, match="decode"):
        translit.search_key(b"x")  # type: ignore[arg-type]


apostrophe_styles = st.sampled_from(["modifier", "typographic", "ascii"])


@given(cyrillic_text, apostrophe_styles)
def test_cyrillic_and_its_latin_share_a_key(text: str, apostrophe: Apostrophe) -> None:
    latin = translit.to_latin(text, apostrophe=apostrophe)
    assert translit.search_key(latin) == translit.search_key(text)


@given(st.sampled_from(SEED_WORDS), st.sampled_from(APOSTROPHE_LIKE))
def test_any_apostrophe_and_case_share_a_key(word: str, apostrophe: str) -> None:
    latin = translit.to_latin(word)
    typed = latin.replace("ʻ", apostrophe).replace("ʼ", apostrophe)
    key = translit.search_key(latin)
    assert translit.search_key(typed) == key
    assert translit.search_key(typed.upper()) == key
    assert translit.search_key(key) == key  # a key is its own key
