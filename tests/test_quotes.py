"""quotes="native": «…» in Cyrillic output, “…” in Latin output; off by default."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import translit
from translit.quotes import native

from .test_cli import run

TO_CYRILLIC = [
    # (Latin source, Cyrillic output with native quotes)
    ('"Oʻzbekiston" gazetasi', "«Ўзбекистон» газетаси"),
    ("“Yer yuzi”, dedi.", "«Ер юзи», деди."),
    ("„Sirk“ va “teatr”", "«Цирк» ва «театр»"),
    ('("Yer")', "(«Ер»)"),
    ('"Yer"-ni', "«Ер»-ни"),
    ('U: "Yer!"', "У: «Ер!»"),
    ('"Yer…"', "«Ер…»"),
    ("«Yer»", "«Ер»"),  # already native
    ('5" ekran', "5» экран"),  # a quote after a digit closes (inches are not told apart)
    ('a"b', 'а"б'),  # letters on both sides: left as it is
    ('" yer "', '" ер "'),  # spaces on both sides: left as it is
    ("“ yer ”", "« ер »"),  # ... but a curly mark keeps the direction of its shape
    ("'yer'", "'ер'"),  # single quotes are apostrophes in Latin: never touched
    ('C:\\Hujjat\\„Yer“.txt "Yer"', "C:\\Hujjat\\„Yer“.txt «Ер»"),  # a path is protected
]
TO_LATIN = [
    ("«Ўзбекистон» газетаси", "“Oʻzbekiston” gazetasi"),
    ("«Ер «юзи»»", "“Yer “yuzi””"),
    ('"Ер" ва „цирк“', '"Yer" va „sirk“'),  # only « » change in Latin output
    ("‹Ер›", "‹Yer›"),
    ("https://kun.uz/«ер» «Ер»", "https://kun.uz/“yer” “Yer”"),  # quotes end a URL
    ("info@kun.uz «Ер»", "info@kun.uz “Yer”"),
]


@pytest.mark.parametrize(("source", "expected"), TO_CYRILLIC)
def test_to_cyrillic(source: str, expected: str) -> None:
    assert translit.to_cyrillic(source, quotes="native") == expected
    assert translit.to_cyrillic(source) == translit.to_cyrillic(source, quotes="keep")
    assert "«" not in translit.to_cyrillic(source) or "«" in source  # default: kept


@pytest.mark.parametrize(("source", "expected"), TO_LATIN)
def test_to_latin(source: str, expected: str) -> None:
    assert translit.to_latin(source, quotes="native") == expected
    assert "“" not in translit.to_latin(source) or "“" in source


def test_protected_span_keeps_its_quotes() -> None:
    # A Windows path may hold guillemets; it is not converted, quotes included.
    assert native("C:\\«Yer».txt", "uz_Latn", [(0, 11)]) == "C:\\«Yer».txt"
    assert translit.to_latin("C:\\Ҳужжат\\«Ер».txt", quotes="native") == "C:\\Ҳужжат\\«Ер».txt"


def test_markup_attributes_and_code_keep_their_quotes() -> None:
    page = "<p class=\"x\" title='«Ер»'>«Ер» &quot;Ер&quot; <code>«Ер»</code></p>"
    assert translit.to_latin(page, format="html", quotes="native") == (
        "<p class=\"x\" title='“Yer”'>“Yer” &quot;Yer&quot; <code>«Ер»</code></p>"
    )
    latin = '<a href="/yer" data-x=\'"yer"\'>"Yer"</a> `"yer"`'
    assert translit.to_cyrillic(latin, format="markdown", quotes="native") == (
        '<a href="/yer" data-x=\'"yer"\'>«Ер»</a> `"yer"`'
    )


def test_explain_names_the_quotes() -> None:
    t = translit.get("uz_Latn-uz_Cyrl", quotes="native")
    steps = [(s.source, s.output, s.rule) for s in t.explain('"Yer"') if s.rule == "quotes"]
    assert steps == [('"', "«", "quotes"), ('"', "»", "quotes")]


def test_command() -> None:
    result = run(["-t", "cyrillic", "--quotes", "native"], b'"Yer" va "suv"\n')
    assert result.out.decode() == "«Ер» ва «сув»\n"
    assert run(["-t", "latin", "--quotes", "native"], "«Ер»".encode()).out.decode() == "“Yer”"
    assert run(["-t", "latin", "--quotes", "curly"], b"").code == 2


WORDS = ['"Yer"', "“suv”,", "(„osmon“)", '"', '5"', 'a"b', "«tog»", "Yer", '"Yer'] + ['"tez"'] * 3


@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "\n", "  "]))
def test_a_piece_converts_alike_alone_and_in_a_text(words: list[str], blank: str) -> None:
    # Quotes are decided within the piece: the bulk path, the memo and the stream agree.
    t = translit.get("uz_Latn-uz_Cyrl", quotes="native")
    text = blank.join(words)
    assert t(text) == blank.join(translit.to_cyrillic(word, quotes="native") for word in words)
    for cut in range(0, len(text), 7):
        chunks = [text[:cut], text[cut:]]
        assert "".join(translit.stream_to_cyrillic(chunks, quotes="native")) == t(text)
