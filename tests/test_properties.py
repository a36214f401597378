"""Hypothesis properties of the converters (ANCHORS.md §5.6)."""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import assume, example, given
from hypothesis import strategies as st

import translit
from translit.engine import APOSTROPHE_LIKE, MAX_PART, PROTECTED, ROMAN
from translit.options import OptionArgs
from translit.tables import load

from .cases import DATA

UZ_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳщы"
UZ_LATIN = "abdefghijklmnopqrstuvxyz"
NOT_LETTERS = ' \t\r\n0123456789.,;:!?-—–«»“”"()[]/@#%&*+=_😀👋🏽🇺🇿\ufeff\u00a0'

SEED_WORDS = regex.findall(
    r"[\p{L}\p{M}ʻʼ]+",
    (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
    + (DATA / "seed.latn.txt").read_text(encoding="utf-8"),
)

cyrillic_text = st.text(
    alphabet=st.sampled_from(UZ_CYRILLIC + UZ_CYRILLIC.upper() + NOT_LETTERS + "ʻʼ'\u0306"),
    max_size=60,
)
latin_text = st.text(
    alphabet=st.sampled_from(
        UZ_LATIN + UZ_LATIN.upper() + NOT_LETTERS + APOSTROPHE_LIKE + "cwCW\u0306éÉ"
    ),
    max_size=60,
)
any_text = st.one_of(
    cyrillic_text,
    latin_text,
    st.lists(
        st.tuples(st.sampled_from(SEED_WORDS), st.sampled_from([" ", "\n", ", ", "-", ""])),
        max_size=20,
    ).map(lambda pairs: "".join(w + sep for w, sep in pairs)),
    st.text(max_size=40),
)
options = st.fixed_dictionaries(
    {},
    optional={
        "apostrophe": st.sampled_from(["modifier", "typographic", "ascii"]),
        "soft_sign": st.sampled_from(["bare", "always", "never"]),
    },
)


@given(cyrillic_text, options)
def test_no_uzbek_cyrillic_letter_survives_to_latin(text: str, opts: OptionArgs) -> None:
    assume(not PROTECTED.search(text))  # URLs, e-mail addresses, @handles, paths stay
    out = translit.to_latin(text, **opts)
    assert not set(out) & set(UZ_CYRILLIC + UZ_CYRILLIC.upper())


_LOOKALIKES = {ord(k): v for k, (v, _) in load().lookalikes.items()}


def _foreign(word: str) -> bool:
    """A word with c (outside ch), w, or a letter (after NFC and look-alikes) of no Uzbek
    Latin alphabet (é, Ă): it stays as it is, letters and all."""
    letters = unicodedata.normalize("NFC", word).translate(_LOOKALIKES)
    pattern = r"(?i:c(?!h)|w)|[[\p{Latin}&&\p{L}]--[a-zA-ZöğşçÖĞŞÇ]]"
    return regex.search(pattern, letters, regex.V1) is not None


@given(latin_text)
def test_uzbek_latin_words_leave_no_latin_letter(text: str) -> None:
    assume(not PROTECTED.search(text))
    words = regex.findall(r"[\p{L}\p{M}ʻʼ'`´‘’]+", text)
    assume(not any(map(_foreign, words)))
    # Roman numerals in capitals (Pyotr I, XXI-asr) stay as they are.
    assume(not any(regex.fullmatch(ROMAN, part) for part in regex.findall(r"\p{L}+", text)))
    out = translit.to_cyrillic(text)
    assert not regex.search(r"[a-zA-Z]", out)


def _text_without(script: str) -> st.SearchStrategy[str]:
    letter = regex.compile(rf"\p{{{script}}}")
    return st.text(
        alphabet=st.characters(exclude_categories=["Cs"]).filter(lambda c: not letter.match(c))
    )


@given(_text_without("Cyrillic"), options)
@example("Chevron, ExxonMobil o'zbek ‘quote’ café", {})
def test_text_without_cyrillic_is_unchanged_by_to_latin(text: str, opts: OptionArgs) -> None:
    assert translit.to_latin(text, **opts) == text


@given(_text_without("Latin"))
@example("Москва, 2025 йил — ‘иқтибос’ 'ш' ʻʼ")
def test_text_without_latin_is_unchanged_by_to_cyrillic(text: str) -> None:
    assert translit.to_cyrillic(text) == text


def _short_words(text: str) -> bool:
    # Longer runs of letters are cut into MAX_PART pieces (a documented limit); a piece's
    # conversion can move the cut, so idempotence is promised for real words only.
    return all(len(w) <= MAX_PART for w in regex.findall(r"[\p{L}\p{M}]+", text))


@given(any_text, options)
def test_to_latin_is_idempotent(text: str, opts: OptionArgs) -> None:
    assume(_short_words(text))
    once = translit.to_latin(text, **opts)
    assert translit.to_latin(once, **opts) == once


@given(any_text, options)
def test_to_cyrillic_is_idempotent(text: str, opts: OptionArgs) -> None:
    assume(_short_words(text))
    once = translit.to_cyrillic(text, **opts)
    assert translit.to_cyrillic(once, **opts) == once


def _skeleton(text: str) -> list[str]:
    """The text's characters that are not letters, marks, apostrophes or hyphens."""
    return [
        c
        for c in text
        if not (c.isalpha() or unicodedata.category(c)[0] == "M" or c in APOSTROPHE_LIKE + "-")
    ]


@given(any_text)
@example("A\U0002f800")  # a compatibility ideograph that NFC changes: not a "copy"
@example("\u0415\u0306")  # Е + breve is Ӗ after NFC, one character shorter
def test_non_letters_pass_through_in_order(text: str) -> None:
    # Words may change length or vanish (a lone ь); everything else stays, in order, and
    # explain() shows it copied in place.
    # (The date rule is the one text rule that changes a separator: 1994 йил → 1994-yil.)
    for target in ("latin", "cyrillic"):
        out = translit.transliterate(text, target=target, dates=False)
        assert _skeleton(out) == _skeleton(text)
        for step in translit.explain(text, target=target, dates=False):
            if step.rule == "copy":
                assert step.output == step.source == text[step.start : step.end]


cyrillic_word = st.text(alphabet=st.sampled_from(UZ_CYRILLIC), min_size=2, max_size=12)
latin_word = st.lists(
    st.sampled_from(
        [
            "a",
            "b",
            "d",
            "e",
            "sh",
            "ch",
            "oʻ",
            "gʻ",
            "ng",
            "q",
            "x",
            "h",
            "y",
            "o",
            "u",
            "i",
            "k",
            "l",
            "m",
            "n",
            "t",
            "r",
            "s",
            "z",
            "yo",
            "ya",
            "ye",
            "ʼ",
        ]
    ),
    min_size=2,
    max_size=8,
).map("".join)


def _two_cased_letters(word: str) -> bool:
    # A lone capital digraph letter is title-cased (Ш. → Sh.), so "a word" here has at
    # least two letters that carry case, besides ъ and ь (which the case rule ignores).
    return sum(c.isalpha() and c.lower() != c.upper() and c not in "ъь" for c in word) >= 2


@given(cyrillic_word)
@example("шаҳар")
@example("сентябрь")
def test_to_latin_commutes_with_upper_case(word: str) -> None:
    assume(_two_cased_letters(word))
    # A word in capitals takes no izofa -yi (ОИ is OI, an acronym): compare without it.
    assert (
        translit.to_latin(word.upper(), izofa=False) == translit.to_latin(word, izofa=False).upper()
    )


@given(cyrillic_word)
def test_to_latin_commutes_with_title_case(word: str) -> None:
    assume(word[0] not in "ъь")
    assert translit.to_latin(word.capitalize()) == translit.to_latin(word).capitalize()


@given(latin_word)
@example("sirkda")
def test_to_cyrillic_commutes_with_case(word: str) -> None:
    assume(_two_cased_letters(word) and word[0] != "ʼ")
    assume(not regex.fullmatch(ROMAN, word.upper()))  # MD, XI stay Roman numerals
    assert translit.to_cyrillic(word.upper()) == translit.to_cyrillic(word).upper()
    assert translit.to_cyrillic(word.capitalize()) == translit.to_cyrillic(word).capitalize()


# Native-shaped words: no ц ь ъ щ ы (lexical in Latin→Cyrillic), no э after a consonant,
# no й before a vowel (йе would come back as е), no Russian loan shapes the reverse
# heuristics read as ц (-тсия, -нсия, -тсе-, сентр, ...), no izofa -и after a vowel (its
# Latin -yi is ambiguous).
LOAN_SHAPED = regex.compile(
    r"(?<![аеёиоуэюяў]|^)э|й[еёюяаоу]|[тнкпб]си(?:я|он|ен)|тс(?:и[дтклпсае]|е)|сентр|сикл"
    r"|[аеёиоуэюяў]и$|^(?:об|суб|под|диз|кон|ин|раз|с)ё|^(?:кон|диз|ад)ю|[бвгджзклмнпрстфхчшқғҳ]йи"
    r"|^тс"  # no Uzbek word starts with тс: Latin ts- there is ц (tsentr)
)
native_word = st.text(
    alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхчшэюяўқғҳ"), min_size=1, max_size=14
).filter(lambda w: not LOAN_SHAPED.search(w))


@given(native_word)
@example("шаҳар")
@example("исҳоқ")
@example("тайёр")
def test_round_trip_native_words(word: str) -> None:
    latin = translit.to_latin(word)
    steps = translit.explain(latin, target="cyrillic")
    assume(all(not s.rule.startswith("lexicon.tsv") for s in steps))
    assert translit.to_cyrillic(latin) == word


@given(any_text)
def test_nfd_input_gives_the_nfc_result(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    nfc = unicodedata.normalize("NFC", text)
    assume(regex.search(r"\p{Cyrillic}", text))
    # Only words are normalised; compare the converted words' NFC forms.
    assert unicodedata.normalize("NFC", translit.to_latin(nfd)) == unicodedata.normalize(
        "NFC", translit.to_latin(nfc)
    )


@given(any_text)
def test_explain_reproduces_the_output(text: str) -> None:
    for target in ("latin", "cyrillic"):
        steps = translit.explain(text, target=target)
        assert "".join(s.output for s in steps) == translit.transliterate(text, target=target)
        assert "".join(s.source for s in steps) == text
