"""Subtitles (.srt, .vtt): only cue text changes; numbers, timings, settings and blocks stay."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import subtitles
from translit.markup import ENTITY, KEEP, REPLACE, TEXT
from translit.subtitles import SubtitleStream, convert_subtitles, stream_subtitles, tokenize

from .test_cli import run

DATA = Path(__file__).parent / "data" / "subtitles"
LATIN = translit.get("uz_Cyrl-uz_Latn")
CYRILLIC = translit.get("uz_Latn-uz_Cyrl")


@pytest.mark.parametrize("format", ["srt", "vtt"])
def test_golden_files(format: str) -> None:
    # The files were made by this code and checked by eye; bytes (BOM, CRLF) included.
    source = (DATA / f"film.cyrl.{format}").read_bytes().decode()
    expected = (DATA / f"film.latn.{format}").read_bytes().decode()
    assert translit.to_latin(source, format=format) == expected
    assert translit.to_cyrillic(expected, format=format) == source


SRT = [
    # (source, expected Latin)
    ("1\n00:00:01,000 --> 00:00:02,000\nЕр\n", "1\n00:00:01,000 --> 00:00:02,000\nYer\n"),
    (
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nЕр\r\n",
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nYer\r\n",
    ),
    ("\ufeff1\n0:0:1,0 --> 0:0:2,0\nЕр", "\ufeff1\n0:0:1,0 --> 0:0:2,0\nYer"),  # no final newline
    ("{\\an8}Ер {\\i1}юзи{\\i0}", "{\\an8}Yer {\\i1}yuzi{\\i0}"),
    ('<font color="#ff0" face="Цирк">Цирк</font>', '<font color="#ff0" face="Цирк">Sirk</font>'),
    ("Ци<i>рк</i>", "Si<i>rk</i>"),  # a word cut by a tag: two words
    ("Сен&shy;тябрь &amp; Ер", "Sen&shy;tyabr &amp; Yer"),
    ("a < b > Ер, <3 Ер", "a < b > Yer, <3 Yer"),  # not tags
    ("Ер\n\nюзи\n", "Yer\n\nyuzi\n"),  # a blank line inside a cue
    ("00:01,000 --> 00:02,000 Ер\nЕр --> Ер\n", "00:01,000 --> 00:02,000 Ер\nYer --> Yer\n"),
]


@pytest.mark.parametrize(("source", "expected"), SRT)
def test_srt(source: str, expected: str) -> None:
    assert convert_subtitles(source, LATIN, "srt") == expected


VTT = [
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nЕр\n", "WEBVTT\n\n00:01.000 --> 00:02.000\nYer\n"),
    # The header, NOTE, STYLE and REGION blocks and cue identifiers are kept.
    ("WEBVTT Ер\nKind: ер\n\nNOTE Ер\nЕр\n\nЕр", "WEBVTT Ер\nKind: ер\n\nNOTE Ер\nЕр\n\nЕр"),
    ("STYLE\n::cue(.ер) {}\n\nREGION\nid:ер\n", "STYLE\n::cue(.ер) {}\n\nREGION\nid:ер\n"),
    (
        "ер\n00:01.000 --> 00:02.000 region:ер align:start\nЕр",
        "ер\n00:01.000 --> 00:02.000 region:ер align:start\nYer",
    ),
    # NOTE only as a block's first line; NOTES is an identifier.
    ("NOTES\n00:01.000 --> 00:02.000\nNOTE Ер", "NOTES\n00:01.000 --> 00:02.000\nNOTE Yer"),
    # A timing line inside cue text starts the next cue (as WebVTT parsers read it).
    (
        "00:01.000 --> 00:02.000\nЕр\n00:03.000 --> 00:04.000 line:ер\nЕр\n",
        "00:01.000 --> 00:02.000\nYer\n00:03.000 --> 00:04.000 line:ер\nYer\n",
    ),
    # A block without a timing line is not a cue: kept, as players ignore it.
    (
        "WEBVTT\n\nер\nер\n\n00:01.000 --> 00:02.000\r\nЕр\r\n",
        "WEBVTT\n\nер\nер\n\n00:01.000 --> 00:02.000\r\nYer\r\n",
    ),
]


@pytest.mark.parametrize(("source", "expected"), VTT)
def test_vtt(source: str, expected: str) -> None:
    assert convert_subtitles(source, LATIN, "vtt") == expected


VTT_CUE_TEXT = [
    # Tags kept; voice names and classes too (STYLE rules select by them).
    ("<v.loud Шавкат Ер>Ер</v> <c.ер.b>Ер</c>", "<v.loud Шавкат Ер>Yer</v> <c.ер.b>Yer</c>"),
    (
        "<i>Ер</i> <b>Ер</b> <u>Ер</u> <ruby>Ер<rt>Ер</rt></ruby>",
        "<i>Yer</i> <b>Yer</b> <u>Yer</u> <ruby>Yer<rt>Yer</rt></ruby>",
    ),
    ("Ер <00:00:01.500>юзи", "Yer <00:00:01.500>yuzi"),
    (
        "<lang uz-Cyrl>Ер</lang> <lang.x uz_cyrl_UZ>Ер</lang> <lang ru>Ер</lang>",
        "<lang uz-Latn>Yer</lang> <lang.x uz_latn_UZ>Yer</lang> <lang ru>Yer</lang>",
    ),
    ("Ер&nbsp;юзи &lt;Ер&gt; &lrm;", "Yer&nbsp;yuzi &lt;Yer&gt; &lrm;"),
]


@pytest.mark.parametrize(("source", "expected"), VTT_CUE_TEXT)
def test_vtt_cue_text(source: str, expected: str) -> None:
    cue = "WEBVTT\n\n00:01.000 --> 00:02.000\n"
    assert convert_subtitles(cue + source, LATIN, "vtt") == cue + expected


def test_to_cyrillic_updates_lang_and_keeps_the_rest() -> None:
    source = "WEBVTT\n\n1\n00:01.000 --> 00:02.000\n<lang uz>Shahar</lang> va <v Shavkat>sirk\n"
    assert translit.to_cyrillic(source, format="vtt") == (
        "WEBVTT\n\n1\n00:01.000 --> 00:02.000\n<lang uz-Cyrl>Шаҳар</lang> ва <v Shavkat>цирк\n"
    )


def test_cue_text_is_one_run_across_lines() -> None:
    # A text rule sees the next line: "1994" and "йил" are in one cue.
    assert translit.to_latin("1\n00:01,000 --> 00:02,000\n1994 йил\n", format="srt").endswith(
        "1994-yil\n"
    )


def test_api_and_errors() -> None:
    assert translit.FORMATS[-2:] == subtitles.FORMATS == ("srt", "vtt")
    assert translit.format_for_path("Film.SRT") == "srt"
    assert translit.format_for_path("a/b.vtt") == "vtt"
    assert "".join(translit.stream_to_latin(["Е", "р\n"], format="srt")) == "Yer\n"
    assert "".join(stream_subtitles(["Е", "р"], LATIN, "vtt")) == "Ер"  # not a cue
    with pytest.raises(ValueError, match="format='ass' is not one of"):
        translit.to_latin("x", format="ass")
    with pytest.raises(ValueError, match="is not one of srt, vtt"):
        convert_subtitles("x", LATIN, "html")
    with pytest.raises(TypeError, match="decode"):
        SubtitleStream(LATIN, "srt").feed(b"x")  # type: ignore[arg-type]


def test_stream_holds_back_at_most_a_line() -> None:
    stream = SubtitleStream(LATIN, "srt")
    assert stream.feed("1\n00:01,000 --> 00:0") == "1\n"
    assert stream.pending == "00:01,000 --> 00:0"
    assert stream.feed("2,000\nЕр ") == "00:01,000 --> 00:02,000\n"
    assert stream.pending == "Ер "  # a line is read whole: it may be a number or a timing
    assert stream.finish() == "Yer "
    assert stream.finish() == ""


def test_over_long_lines_are_streamed_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subtitles, "MAX_LINE", 40)
    text = "00:01.000 --> 00:02.000 Ер Ер Ер\n" + "Ер юзи " * 20 + "\n"
    stream = SubtitleStream(LATIN, "vtt")
    out = stream.feed(text[:100])
    assert len(stream.pending) < 40
    out += stream.feed(text[100:]) + stream.finish()
    assert out == "00:01.000 --> 00:02.000 Ер Ер Ер\n" + "Yer yuzi " * 20 + "\n"


def test_command(tmp_path: Path) -> None:
    source = DATA / "film.cyrl.srt"
    expected = (DATA / "film.latn.srt").read_bytes()
    assert run(["-t", "latin", "--format", "srt"], source.read_bytes()).out == expected
    copy = tmp_path / "film.srt"
    copy.write_bytes(source.read_bytes())
    assert run(["-t", "latin", "-f", "auto", str(copy)]).out == expected
    assert run(["-t", "latin", "-i", "-f", "auto", str(copy)]).code == 0
    assert copy.read_bytes() == expected


# -- properties ---------------------------------------------------------------------------

WORDS = ["Ер", "юзи", "Цирк", "Шаҳар", "сентябрь", "1994 йил", "Oʻzbek", "sʼh", "шаҳар"]
TAGS = ["<i>", "</i>", "<v Ер>", "</v>", "<c.ер>", "</c>", "<lang uz-Cyrl>", "{\\an8}", "&amp;"]
PUNCT = [" ", " ", ", ", "! ", "&", "<", ">", "-->", "\r", "\ufffc"]
cue_text = st.lists(st.sampled_from(WORDS + TAGS + PUNCT), min_size=1, max_size=8).map("".join)
timestamp = st.tuples(st.integers(0, 99), st.integers(0, 59), st.integers(0, 999))


# Words that come back exactly from Latin, with the marks around them.
ROUND_TRIP = st.lists(
    st.sampled_from(["Ер", "юзи", "Цирк", "Шаҳар", "сентябрь", "Тошкент", "<i>", "</i>", "&amp;"]),
    min_size=1,
    max_size=6,
).map(" ".join)


@st.composite
def subtitle_files(
    draw: st.DrawFn, cue_text: st.SearchStrategy[str] = cue_text
) -> tuple[str, str, list[str]]:
    """(format, file, the lines that must be kept), in either format."""
    format = draw(st.sampled_from(["srt", "vtt"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    blocks: list[list[str]] = []
    kept: list[str] = []
    if format == "vtt":
        blocks.append(["WEBVTT" + draw(st.sampled_from(["", " - Ер"]))])
        kept.extend(blocks[-1])
    for number in range(1, draw(st.integers(0, 5)) + 1):
        if format == "vtt" and draw(st.booleans()):
            note = draw(st.sampled_from(["NOTE Ер", "STYLE", "REGION"]))
            blocks.append([note, draw(cue_text).replace("\r", " ").strip() or "ер"])
            kept.extend(blocks[-1])
        h, m, ms = draw(timestamp)
        sep = "," if format == "srt" else "."
        cue_settings = draw(st.sampled_from(["", " align:start", " position:10% line:0", " X1:1"]))
        timing = f"{h:02}:{m:02}:{m:02}{sep}{ms:03} --> {h:02}:{m:02}:{m + 1:02}{sep}{ms:03}"
        head = [str(number)] if format == "srt" or draw(st.booleans()) else []
        lines = draw(st.lists(cue_text, min_size=1, max_size=3))
        lines = [line.strip("\r") or "Ер" for line in lines if not line.strip().isdigit()]
        blocks.append([*head, timing + cue_settings, *(lines or ["Ер"])])
        kept.extend([*head, timing + cue_settings])
    text = (newline * 2).join(newline.join(block) for block in blocks) + newline
    return format, text, kept


@settings(max_examples=150)
@given(subtitle_files(), st.sampled_from([LATIN, CYRILLIC]))
def test_numbers_timings_settings_and_blocks_never_change(
    case: tuple[str, str, list[str]], transliterator: translit.Transliterator
) -> None:
    format, text, kept = case
    out = convert_subtitles(text, transliterator, format)
    assert out.count("\n") == text.count("\n")
    assert out.count("\r") == text.count("\r")
    out_lines = set(out.split("\n"))
    for line in kept:
        assert line in out_lines or line + "\r" in out_lines, line


@st.composite
def chunked(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> list[str]:
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    return [text[a:b] for a, b in itertools.pairwise([0, *cuts, len(text)])]


@settings(max_examples=150)
@given(
    chunked(subtitle_files().map(lambda case: case[1])),
    st.sampled_from(["srt", "vtt"]),
    st.sampled_from([LATIN, CYRILLIC]),
    st.sampled_from([8, 1 << 16]),
)
def test_stream_equals_one_shot(
    chunks: list[str], format: str, transliterator: translit.Transliterator, cap: int
) -> None:
    saved = subtitles.MAX_LINE
    subtitles.MAX_LINE = cap  # over-long lines are read in parts, alike in both paths
    try:
        stream = SubtitleStream(transliterator, format)
        out = "".join(stream.feed(chunk) for chunk in chunks) + stream.finish()
        assert out == convert_subtitles("".join(chunks), transliterator, format)
    finally:
        subtitles.MAX_LINE = saved


@settings(max_examples=150)
@given(
    st.text(max_size=80) | subtitle_files().map(lambda case: case[1]),
    st.sampled_from(["srt", "vtt"]),
)
def test_segments_join_up_to_the_input(text: str, format: str) -> None:
    segments = tokenize(text, format, "uz_Latn")
    assert "".join(segment.text for segment in segments) == text
    for segment in segments:
        assert segment.kind in (TEXT, KEEP, ENTITY, REPLACE)
        assert (segment.kind == REPLACE) == bool(segment.replacement)


@settings(max_examples=100)
@given(subtitle_files(ROUND_TRIP))
def test_round_trip(case: tuple[str, str, list[str]]) -> None:
    format, text, _ = case
    there = translit.to_latin(text, format=format)
    assert translit.to_cyrillic(there, format=format) == text
