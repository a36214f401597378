"""Streaming gives exactly the one-shot result for every chunking, in bounded memory."""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import translit
from translit.engine import MAX_PIECE
from translit.options import APOSTROPHES, FOREIGN, QUOTES, SOFT_SIGNS, Options
from translit.stream import MAX_PENDING, IncrementalTransliterator, drive

DATA = Path(__file__).parent / "data"
DIRECTIONS = translit.available()
OPTIONS = [{"apostrophe": a, "soft_sign": s} for a, s in itertools.product(APOSTROPHES, SOFT_SIGNS)]
KEEP_WORDS = ["Chevron", "Шаҳар", "oʻzbek", "сентябрь"]


def _option_values(field: dataclasses.Field[Any]) -> st.SearchStrategy[Any]:
    """Every value of one library option (read from Options, so new options are covered)."""
    choices = {
        "apostrophe": APOSTROPHES,
        "soft_sign": SOFT_SIGNS,
        "foreign": FOREIGN,
        "quotes": QUOTES,
    }
    if field.name in choices:
        return st.sampled_from(list(choices[field.name]))
    if isinstance(field.default, bool):
        return st.booleans()
    if field.name == "keep":
        return st.lists(st.sampled_from(KEEP_WORDS), max_size=2)
    raise AssertionError(f"test_stream.py does not know option {field.name!r} yet")


any_options = st.fixed_dictionaries(
    {field.name: _option_values(field) for field in dataclasses.fields(Options)}
)
STREAMS: dict[str, Callable[..., Iterator[str]]] = {
    "uz_Cyrl-uz_Latn": translit.stream_to_latin,
    "uz_Latn-uz_Cyrl": translit.stream_to_cyrillic,
    "uz_Cyrl-uz_Latn/2026": functools.partial(translit.stream_to_latin, alphabet="2026"),
    "uz_Latn/2026-uz_Cyrl": functools.partial(translit.stream_to_cyrillic, alphabet="2026"),
}
ONE_SHOT: dict[str, Callable[..., str]] = {
    "uz_Cyrl-uz_Latn": translit.to_latin,
    "uz_Latn-uz_Cyrl": translit.to_cyrillic,
    "uz_Cyrl-uz_Latn/2026": functools.partial(translit.to_latin, alphabet="2026"),
    "uz_Latn/2026-uz_Cyrl": functools.partial(translit.to_cyrillic, alphabet="2026"),
}
_SCHEMES = {"uz_Latn": "latin", "uz_Latn/2026": "latin-2026"}
for _id in ("uz_Latn-uz_Latn/2026", "uz_Latn/2026-uz_Latn"):  # no stream_* function of their own
    _source, _, _target = _id.partition("-")
    ONE_SHOT[_id] = functools.partial(
        translit.transliterate, source=_SCHEMES[_source], target=_SCHEMES[_target]
    )
    STREAMS[_id] = lambda chunks, _id=_id, **opts: drive(
        IncrementalTransliterator(_id, **opts), chunks
    )

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"
LATIN = "abcdefghijklmnopqrstuvwxyz"
# Single characters, plus pieces whose inside is where a bad stream would cut wrongly.
ATOMS = [
    *CYRILLIC,
    *CYRILLIC.upper(),
    *LATIN,
    *LATIN.upper(),
    *"ʻʼ'‘’`",
    *'"«»',
    "\u0306",  # combining breve: у + U+0306 is ў after NFC
    *"-‐ ",
    "\r\n",
    "\n",
    "\r",
    *"0123456789",
    "🙂",
    "👍🏽",  # skin-tone modifier
    "👨‍👩‍👧",  # ZWJ sequence
    "🇺🇿",  # flag: two regional indicators
    "\ufeff",
    "sh",
    "Sh",
    "SH",
    "ch",
    "oʻ",
    "gʻ",
    "Oʻ",
    "o'",
    "ng",
    "сҳ",
    "у\u0306",
]


def _words(name: str) -> list[str]:
    return sorted(set((DATA / name).read_text(encoding="utf-8").split()))


SEED_WORDS = _words("seed.cyrl.txt") + _words("seed.latn.txt")
# Lexicon stems (whole and with suffixes), so cuts land inside a stem.
LEXICON_WORDS = ["сентябрь", "сентябрда", "Нью-Йорк", "концерт", "sirkda", "aprel", "kompyuter"]
# Pieces for the other options: dates, particles, izofa, foreign words and kept words.
OPTION_WORDS = [
    "1994 йил 24 август",
    "1994-yil 24-avgust",
    "бўлсада",
    "boʻlsa-da",
    "нуқтаи назар",
    "nuqtayi nazar",
    "Chevron",
    "Chevronning",
    "PepsiCo",
    "Wabtec",
    '"Ер",',
    "«Yer»",
    "(“цирк”)",
    "„sirk“",
    '5"',
]

# A piece repeated without spaces or newlines, longer than the engine's MAX_PIECE: such runs
# are cut between words (segments) instead of at a space.
long_runs = st.tuples(
    st.sampled_from([a for a in ATOMS if not a.isspace()] + SEED_WORDS + LEXICON_WORDS),
    st.integers(MAX_PIECE + 1, 2 * MAX_PIECE),
).map(lambda pair: (pair[0] * pair[1])[: pair[1]])
texts = st.lists(
    st.one_of(
        st.sampled_from(ATOMS),
        st.sampled_from(SEED_WORDS),
        st.sampled_from(LEXICON_WORDS),
        st.sampled_from(OPTION_WORDS),
        long_runs,
    ),
    max_size=60,
).map("".join)


@st.composite
def chunked(draw: st.DrawFn) -> list[str]:
    """A text cut at random places; repeated cut points give empty chunks."""
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=20)))
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _feed_all(stream: IncrementalTransliterator, chunks: list[str]) -> str:
    out = []
    for chunk in chunks:
        out.append(stream.feed(chunk))
        assert len(stream.pending) <= MAX_PENDING
    out.append(stream.finish())
    assert stream.pending == ""
    return "".join(out)


# -- the chunking property ----------------------------------------------------------------------


@pytest.mark.parametrize("opts", OPTIONS, ids=lambda o: f"{o['apostrophe']}-{o['soft_sign']}")
@pytest.mark.parametrize("direction", DIRECTIONS)
@settings(max_examples=20, deadline=None)
@given(chunks=chunked())
@example(chunks=["Ш", "аҳар с", "ҳ"])
@example(chunks=["o", "ʻzbek", "\r", "\nShahar s", "h"])
@example(chunks=["у", "\u0306", "збек"])
@example(chunks=["", "", "Сентя", "брда", "", "👨\u200d", "👩", "\u200d👧"])
def test_stream_equals_one_shot(direction: str, opts: dict[str, str], chunks: list[str]) -> None:
    check_chunking(direction, opts, chunks)


@pytest.mark.parametrize("direction", DIRECTIONS)
@settings(max_examples=150, deadline=None)
@given(chunks=chunked(), opts=any_options)
@example(chunks=["1994 ", "йил 24", " август"], opts={})
@example(chunks=["boʻlsa-", "da"], opts={"particles": False})
@example(chunks=["Chevron", "ning"], opts={"keep": ["Chevron"]})
def test_stream_equals_one_shot_with_every_option(
    direction: str, chunks: list[str], opts: dict[str, Any]
) -> None:
    check_chunking(direction, opts, chunks)


def check_chunking(direction: str, opts: dict[str, Any], chunks: list[str]) -> None:
    text = "".join(chunks)
    expected = ONE_SHOT[direction](text, **opts)
    assert "".join(STREAMS[direction](chunks, **opts)) == expected
    stream = IncrementalTransliterator(direction, **opts)
    assert _feed_all(stream, chunks) == expected


@settings(max_examples=60, deadline=None)
@given(text=texts, data=st.data())
def test_transliterate_file_equals_one_shot_for_any_chunk_size(
    text: str, data: st.DataObject
) -> None:
    size = data.draw(st.integers(1, 9), label="chunk_size")
    target = data.draw(st.sampled_from(["latin", "cyrillic"]), label="target")
    out = io.StringIO()
    translit.transliterate_file(io.StringIO(text, newline=""), out, target=target, chunk_size=size)
    assert out.getvalue() == translit.transliterate(text, target=target)


TRICKY = [
    "Шаҳар сҳифа шаҳар\r\nОқ уй",
    "Oʻzbekiston gʻalaba shahar o'g'il\r\nSH CH",
    "у\u0306збек Ўзбек кў\u0306ча",
    "Сентябрда Нью-Йоркка концерт",
    "sirkda aprelda kompyuter Nyu-Yorkka",
    "1994 йил 24 августда бўлсада нуқтаи назар",
    "1994-yil 24-avgustda boʻlsa-da nuqtayi nazar PepsiCo",
    "👨‍👩‍👧 🇺🇿 шаҳар👍🏽sh",
    "\ufeffШаҳар\r\n",
]


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("text", TRICKY)
def test_every_single_cut_and_char_by_char(direction: str, text: str) -> None:
    expected = ONE_SHOT[direction](text)
    for cut in range(len(text) + 1):
        assert "".join(STREAMS[direction]([text[:cut], text[cut:]])) == expected, cut
    assert "".join(STREAMS[direction](list(text))) == expected


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("shahar", 1),  # s|h
        ("Shahar", 1),
        ("oʻzbek", 1),  # o|ʻ
        ("gʻarb", 1),
        ("a\r\nb", 2),  # \r|\n
        ("у\u0306збек", 1),  # letter|combining mark
        ("сентябрда", 4),  # inside a lexicon stem
        ("sirkda", 2),
        ("👨‍👩‍👧", 2),  # inside an emoji ZWJ sequence
    ],
)
def test_named_splits(text: str, cut: int) -> None:
    for direction in DIRECTIONS:
        expected = ONE_SHOT[direction](text)
        assert "".join(STREAMS[direction]([text[:cut], text[cut:]])) == expected


def test_split_inside_a_digraph_is_held_back() -> None:
    # If the stream emitted "s" before seeing "h", the result would be "сҳ" instead of "ш".
    stream = IncrementalTransliterator("uz_Latn-uz_Cyrl")
    out = stream.feed("Mas")
    assert "с" not in out
    assert out + stream.feed("hhur ") + stream.finish() == translit.to_cyrillic("Mashhur ")


# -- bounded memory ------------------------------------------------------------------------------


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_pending_is_bounded_on_a_line_without_spaces(direction: str) -> None:
    letter = "ш" if direction.startswith("uz_Cyrl") else "sh"
    text = letter * 100_000
    stream = IncrementalTransliterator(direction)
    out = []
    start = 0
    for size in itertools.cycle([997, 1, 4099]):  # odd sizes, so cuts fall everywhere
        out.append(stream.feed(text[start : start + size]))
        assert len(stream.pending) <= MAX_PENDING
        start += size
        if start >= len(text):
            break
    out.append(stream.finish())
    assert "".join(out) == ONE_SHOT[direction](text)


@pytest.mark.parametrize(
    "piece",
    [
        "ш" * 64 + "-",  # longest hyphenated token, repeated
        "oʻ" * 40 + "-",
        "gʻ'" * 30,
        "у\u0306" * 50 + "-",
    ],
)
def test_pending_is_bounded_for_the_longest_tokens(piece: str) -> None:
    text = piece * 50
    for direction in DIRECTIONS:
        stream = IncrementalTransliterator(direction)
        out = []
        for char in text:
            out.append(stream.feed(char))
            assert len(stream.pending) <= MAX_PENDING
        out.append(stream.finish())
        assert "".join(out) == ONE_SHOT[direction](text)


@settings(max_examples=60, deadline=None)
@given(chunks=chunked())
def test_pending_is_bounded_by_the_last_word(chunks: list[str]) -> None:
    stream = IncrementalTransliterator("uz_Cyrl-uz_Latn")
    for chunk in chunks:
        stream.feed(chunk)
        assert len(stream.pending) <= MAX_PENDING


def test_a_line_end_releases_the_whole_line() -> None:
    # Interactive use and `tail -f`: a complete line is not held back for the next one.
    stream = IncrementalTransliterator("uz_Cyrl-uz_Latn")
    assert stream.feed("Шаҳар\r\n") == "Shahar\r\n"
    assert stream.pending == ""


# -- the end of input comes only from the caller -------------------------------------------------


class ShortReads(io.StringIO):
    """A text stream that returns fewer characters than asked for, as pipes do."""

    def read(self, size: int | None = -1, /) -> str:
        return super().read(1 if size is None or size < 0 else max(1, size // 3))


@pytest.mark.parametrize("multiple", [1, 2, 3])
def test_text_of_an_exact_multiple_of_the_chunk_size(multiple: int) -> None:
    size = 8
    text = ("Шаҳар қишлоқ " * 20)[: size * multiple]
    assert len(text) == size * multiple
    out = io.StringIO()
    translit.transliterate_file(io.StringIO(text), out, target="latin", chunk_size=size)
    assert out.getvalue() == translit.to_latin(text)


def test_short_reads_are_not_the_end() -> None:
    text = "Oʻzbekiston shahar\r\n" * 10
    out = io.StringIO()
    translit.transliterate_file(ShortReads(text), out, target="cyrillic", chunk_size=10)
    assert out.getvalue() == translit.to_cyrillic(text)


def test_the_generator_is_lazy_and_finishes_only_at_exhaustion() -> None:
    pulled = []

    def chunks() -> Iterator[str]:
        for piece in ["Шаҳар\n", "Ўзбе", "к"]:
            pulled.append(piece)
            yield piece

    stream = translit.stream_to_latin(chunks())
    assert next(stream) == "Shahar\n"
    assert pulled == ["Шаҳар\n"]  # output came before the rest of the input was read
    assert list(stream) == ["Oʻzbek"]


def test_no_output_pieces_are_empty() -> None:
    assert list(translit.stream_to_latin(["", "", ""])) == []
    assert all(translit.stream_to_latin(list("Шаҳар ва қишлоқ")))


# -- the object itself ---------------------------------------------------------------------------


def test_finish_resets_for_a_new_text() -> None:
    stream = IncrementalTransliterator("uz_Cyrl-uz_Latn")
    assert stream.feed("Ўз") + stream.finish() == "Oʻz"
    assert stream.feed("ғ") + stream.finish() == "gʻ"
    assert stream.finish() == ""


def test_reset_drops_pending_input() -> None:
    stream = IncrementalTransliterator("uz_Cyrl-uz_Latn")
    stream.feed("Шаҳар с")
    assert stream.pending
    stream.reset()
    assert stream.pending == ""
    assert stream.finish() == ""


def test_built_from_a_transliterator() -> None:
    t = translit.get("uz_Cyrl-uz_Latn", apostrophe="ascii")
    stream = IncrementalTransliterator(t)
    assert stream.transliterator is t
    assert stream.feed("Ўзбек ") + stream.finish() == "O'zbek "
    with pytest.raises(TypeError, match="options belong"):
        IncrementalTransliterator(t, apostrophe="ascii")


def test_bytes_are_refused() -> None:
    stream = IncrementalTransliterator("uz_Cyrl-uz_Latn")
    with pytest.raises(TypeError, match="decode first"):
        stream.feed(b"\xd1\x88")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode first"):
        list(translit.stream_to_latin([b"abc"]))  # type: ignore[list-item]


def test_options_are_checked_before_iteration() -> None:
    with pytest.raises(ValueError, match="apostrophe"):
        translit.stream_to_latin([], apostrophe="curly")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown option"):
        translit.stream_to_cyrillic([], colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="unknown transliterator"):
        IncrementalTransliterator("uz_Cyrl-ru")
    with pytest.raises(ValueError, match="chunk_size"):
        translit.transliterate_file(io.StringIO(), io.StringIO(), target="latin", chunk_size=0)


def test_options_reach_the_stream() -> None:
    chunks = ["Ўзбек", "истон"]
    assert "".join(translit.stream_to_latin(chunks, apostrophe="typographic")) == "O‘zbekiston"
    latin = ["apr", "el"]
    assert "".join(translit.stream_to_cyrillic(latin, soft_sign="never")) == "апрел"
    assert "".join(translit.stream_to_cyrillic(latin)) == "апрель"


# -- detect ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Ўзбекистон Республикаси", "cyrillic"),
        ("ЎЗБЕКИСТОН", "cyrillic"),
        ("Oʻzbekiston Respublikasi", "latin"),
        ("Шаҳар Shahar", "mixed"),
        ("", "none"),
        ("2025 — 🙂 ʻ ʼ \u0306", "none"),
        ("Москва", "cyrillic"),
        ("Ελλάδα", "none"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert translit.detect(text).script == script


def test_detect_counts_letters_and_shares() -> None:
    found = translit.detect("Ақ ab, 12")
    assert (found.letters, found.cyrillic, found.latin) == (4, 0.5, 0.5)
    assert translit.detect("щы w").letters == 0  # not in either Uzbek alphabet


def test_detect_threshold() -> None:
    assert translit.detect("абвгд" * 4 + "abcde").script == "cyrillic"  # 80 %
    assert translit.detect("абвгд" * 3 + "abcde").script == "mixed"  # 75 %
    assert translit.detect("abcde" * 4 + "абвгд").script == "latin"


def test_detect_is_frozen_and_refuses_bytes() -> None:
    found = translit.detect("ab")
    with pytest.raises(AttributeError):
        found.script = "cyrillic"  # type: ignore[misc]
    with pytest.raises(TypeError):
        translit.detect(b"ab")  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_detect_shares_add_up(text: str) -> None:
    found = translit.detect(text)
    if found.letters:
        assert found.cyrillic + found.latin == pytest.approx(1.0)
    else:
        assert (found.cyrillic, found.latin, found.script) == (0.0, 0.0, "none")


@pytest.mark.parametrize(
    "before",
    [
        "http://kun.uz/" + "a" * 2000 + "/4",  # a URL longer than a segment
        "http://kun.uz/" + "a" * 5000 + "/4",  # ends within MAX_URL of a segment's end
        "http://kun.uz/" + "a" * 9000 + "/4",  # longer: cut, its last segment is text
        "." * 900 + "/" + "." * 200 + "4",  # not a URL: the slash is in an earlier segment
        "x" * 1100 + " http://a.uz/4",
        "." * 1100 + "http://a.uz/4",
        "http://a.uz/" + "." * 1100 + "4",
    ],
)
def test_a_date_after_a_long_run_streams_as_one_shot(before: str) -> None:
    # Whether a date rule may rewrite the space after a number depends on whether a
    # protected span ends there, read in the last segment of the piece before it: the only
    # part of that piece a stream still holds.
    text = before + " август, 1994 йил"
    whole = translit.to_latin(text)
    for size in (1, 7, 64, 1000, 1025, 4097):
        chunks = [text[i : i + size] for i in range(0, len(text), size)]
        assert "".join(translit.stream_to_latin(chunks)) == whole, size
