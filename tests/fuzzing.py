"""The fuzzer's grammar and invariants, shared by tests/test_fuzz.py (Hypothesis, a short run
in every test run) and scripts/fuzz.py (long runs with a plain seeded generator).

Inputs are sequences of fragments: words of both scripts (the 1995 Latin alphabet and the
2026 letters ö ğ ş ç), every apostrophe look-alike, combining marks, markup (tags,
attributes, entities, comments, CDATA, Markdown code, links and autolinks), URLs, e-mail
addresses and handles, digits and dates, CRLF, a BOM, lone surrogates and odd symbols
(circled letters, ligatures, İ). The invariants, for every direction, format and option set:

* no exception;
* the stream (cut at the given places) gives the one-shot output;
* markup: the segments of the tokenizer join up to the input, and every kept segment
  appears unchanged, in order, in the output;
* characters that are not letters, marks or apostrophes come out as they went in (with
  ``particles`` and ``dates`` off, which are the only rules that add or remove a hyphen or
  a space);
* converting the output again changes nothing (idempotence; text format), except for text
  with a run of more than MAX_PART letters or MAX_PIECE characters without a space: such a
  run is cut into words or segments, and since conversion changes its length the output
  may be cut elsewhere (documented in docs/fuzzing.md);
* ``explain()`` joins up to the output (text format);
* no Turkish İ or ı in the output that was not in the input;
* the bulk path converts each new piece as the engine converts it on its own (text format;
  batch.py): the memo keeps whichever result came first, so a difference there makes the
  output depend on what the transliterator converted before.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from typing import Any

import regex
from hypothesis import strategies as st

import translit
from translit import markup
from translit.engine import APOSTROPHE_LIKE, MAX_PART, MAX_PIECE, Transliterator
from translit.stream import drive

CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳщыАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЪЬЭЮЯЎҚҒҲ"
LATIN_LETTERS = "abdefghijklmnopqrstuvxyzcwABDEFGHIJKLMNOPQRSTUVXYZCW"
LATIN_2026 = "öğşçÖĞŞÇ"
MARKS = "\u0301\u0306\u0308\u0300\u0327"
ODD = "ⒶⓐⒾⓏﬁİıßẞǅǄµ\u00ad\u200b\u200d\ufeff\ud800\udfff\u00a0"

WORDS = [
    "Ўзбекистон", "шаҳар", "сҳифа", "ЦИРК", "цирки", "Ер", "бўлсада", "тану", "айтсаю",
    "қалбидаку", "апрель", "объект", "съезд", "нуқтаи", "обрўи", "Нью-Йорк", "ёз", "Юлдуз",
    "Oʻzbekiston", "shahar", "sʼhifa", "boʻlsa-da", "tan-u", "aytsa-yu", "Gʻarb", "o'g'il",
    "obʼekt", "Sirk", "TOSHKENT", "Chevron", "Wabtec", "ng", "yo'q", "shoʻx",
    "öğretmen", "şahar", "çiroq", "Öz", "ГЎЗАЛ", "ЎҚИШ",
]  # fmt: skip
FRAGMENTS = [
    " ", " ", " ", "\n", "\r\n", "\t", "-", "—", ",", ".", "!", "?", "«", "»", "“", "”", '"',
    "(", ")", "[", "]", "{", "}", "0", "7", "1994 йил", "24 август", "2024-yil", "XX",
    "https://kun.uz/цирк", "http://a.uz/" + "ц" * 40, "www.цирк.uz", "info@мактаб.uz",
    "@цирк_uz", "/usr/цирк", "C:\\цирк", "a.uz", "o’@h",
    "<p>", "</p>", "<a ", '<a title="', '">', "<b>", "</b>", "<br/>", "<code>", "</code>",
    "<pre>", "</pre>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>",
    "<!DOCTYPE ", "<?xml ", "?>", "&amp;", "&shy;", "&laquo;", "&#1062;", "&", "<", ">",
    '<p lang="uz-Cyrl">', "<wbr>", "`", "```\n", "    ", "[x](", "[", "](", ")",
    "<http://", "> ", "# ", "- ", "* ", "1. ", "\\", "![", "<a\n",
    '<p lang="ru">', '<span translate="no">', "</span>", "<textarea>", "</textarea>",
    '<script type="application/ld+json">', '{"headline": "', '\\"', "\\u0426", '"}',
]  # fmt: skip
ATOMS = WORDS + FRAGMENTS + list(APOSTROPHE_LIKE) + list(MARKS) + list(ODD) + list(LATIN_2026)

OPTION_SETS: list[dict[str, Any]] = [
    {},
    {"particles": False, "dates": False},
    {"apostrophe": "ascii", "soft_sign": "always"},
    {"apostrophe": "typographic", "foreign": "convert", "izofa": False},
    {"keep": ["цирк", "chevron", "ер"], "soft_sign": "never"},
]
FORMATS = markup.FORMATS

# Letters, marks and every apostrophe look-alike may change; so may a hyphen or a space
# where a particle or date rule applies (off in the options the check uses).
_MAY_CHANGE = set(APOSTROPHE_LIKE)


# A run of letters (and what joins them in a word) longer than a word may be.
_LONG_RUN = regex.compile(
    rf"[\p{{L}}\p{{M}}{regex.escape(APOSTROPHE_LIKE)}-]{{{MAX_PART + 1},}}"
    rf"|[^ \n]{{{MAX_PIECE + 1},}}"  # a piece cut into segments (see docs/fuzzing.md)
)


_BLANK = regex.compile("[ \n]")
_TURKISH_I = {"\u0130", "\u0131"}


def non_letters(text: str) -> str:
    return "".join(
        c for c in text if c not in _MAY_CHANGE and unicodedata.category(c)[0] not in "LM"
    )


# -- generators ---------------------------------------------------------------------------

_ALPHABET = CYRILLIC_LETTERS + LATIN_LETTERS + LATIN_2026 + MARKS + APOSTROPHE_LIKE + ODD + "<>&-"

documents = st.lists(
    st.one_of(
        st.sampled_from(ATOMS),
        st.text(alphabet=_ALPHABET, max_size=12),
        st.text(max_size=4),
    ),
    max_size=40,
).map("".join)
cases = st.fixed_dictionaries(
    {
        "text": documents,
        "direction": st.sampled_from(translit.available()),
        "options": st.sampled_from(range(len(OPTION_SETS))),
        "format": st.sampled_from(FORMATS),
        "cuts": st.lists(st.integers(0, 400), max_size=8),
    }
)


def random_case(rng: random.Random) -> dict[str, Any]:
    """The same kind of case as ``cases``, from a seeded generator (scripts/fuzz.py)."""
    parts = []
    for _ in range(rng.randrange(60)):
        roll = rng.random()
        if roll < 0.7:
            parts.append(rng.choice(ATOMS))
        elif roll < 0.95:
            parts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(12))))
        else:
            parts.append("".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(4))))
    if rng.random() < 0.02:  # now and then a long one: over MAX_PIECE, MAX_PART
        parts.append(rng.choice(ATOMS) * rng.randrange(100, 3000))
    text = "".join(parts)
    return {
        "text": text,
        "direction": rng.choice(translit.available()),
        "options": rng.randrange(len(OPTION_SETS)),
        "format": rng.choice(FORMATS),
        "cuts": [rng.randrange(len(text) + 1) for _ in range(rng.randrange(8))],
    }


# -- the invariants -----------------------------------------------------------------------


def check(text: str, direction: str, options: int, format: str, cuts: list[int]) -> None:
    """Assert every invariant of the module doc on one case."""
    t = translit.get(direction, **OPTION_SETS[options])
    whole = translit.convert_markup(text, t, format)
    bounds = [0, *sorted(min(c, len(text)) for c in cuts), len(text)]
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    if format == "text":
        streamed = "".join(drive(translit.IncrementalTransliterator(t), chunks))
    else:
        streamed = "".join(translit.stream_markup(chunks, t, format))
    assert streamed == whole, "stream != one-shot"
    # Turkish İ and ı are never written (issue 10: no locale-dependent case, İ read as I).
    assert set(whole) & _TURKISH_I <= set(text), "a Turkish i in the output"
    if format != "text":
        segments = markup.tokenize(text, format, t.target)
        assert "".join(s.text for s in segments) == text, "tokenizer lost characters"
        at = 0
        for segment in segments:
            if segment.kind == markup.KEEP:
                found = whole.find(segment.text, at)
                assert found >= 0, f"kept markup {segment.text!r} changed"
                at = found + len(segment.text)
        return
    if OPTION_SETS[options].get("particles") is False:
        assert non_letters(whole) == non_letters(text), "a character that is no letter changed"
    # 2026 → 1995 Latin writes sh for ş, which read as 2026 Latin again is s + h: its output
    # is not its input's alphabet (every other direction's output reads back unchanged).
    if not _LONG_RUN.search(text) and direction != "uz_Latn/2026-uz_Latn":
        assert t(whole) == whole, "not idempotent"
    assert "".join(step.output for step in t.explain(text)) == whole, "explain() != output"
    fresh = Transliterator(t.id, t.options)  # an empty memo: nothing converted before
    pieces = set(_BLANK.split(text))
    one_by_one = {piece: fresh._convert_piece(piece) for piece in pieces}
    assert Transliterator(t.id, t.options)._convert_many(pieces) == one_by_one, "bulk != one by one"
