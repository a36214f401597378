"""The public API: names, options, errors, immutability, threads."""

from __future__ import annotations

import concurrent.futures
import importlib
from typing import Any

import pytest

import translit
from translit.errors import DataError
from translit.tables import parse_alphabet, parse_lexicon, parse_rules, parse_suffixes

from .cases import DATA
from .startup import newly_loaded

SEED = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")


def test_transliterate_by_target_and_source() -> None:
    assert translit.transliterate("Шаҳар", target="latin") == "Shahar"
    assert translit.transliterate("Shahar", target="cyrillic", source="latin") == "Шаҳар"
    assert translit.transliterate("Shahar", target="uz-Cyrl") == "Шаҳар"


def test_transliterate_rejects_same_source_and_target() -> None:
    with pytest.raises(ValueError, match="both"):
        translit.transliterate("x", target="latin", source="latin")


def test_get_is_cached_and_inverse_is_the_other_direction() -> None:
    t = translit.get("uz_Cyrl-uz_Latn", apostrophe="ascii")
    assert t is translit.get("uz_Cyrl-uz_Latn", apostrophe="ascii")
    assert t.inverse.id == "uz_Latn-uz_Cyrl"
    assert t.inverse.options == t.options
    assert translit.available() == (
        "uz_Cyrl-uz_Latn",
        "uz_Latn-uz_Cyrl",
        "uz_Cyrl-uz_Latn/2026",
        "uz_Latn/2026-uz_Cyrl",
        "uz_Latn-uz_Latn/2026",
        "uz_Latn/2026-uz_Latn",
    )


def test_transliterator_is_immutable() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    with pytest.raises(AttributeError):
        t.id = "x"


@pytest.mark.parametrize("convert", [translit.to_latin, translit.to_cyrillic])
def test_bytes_raise_type_error_with_a_hint(convert: object) -> None:
    with pytest.raises(TypeError, match=r"decode"):
        convert(b"\xd1\x88")  # type: ignore[operator]


def test_other_types_raise_type_error() -> None:
    with pytest.raises(TypeError, match="not int"):
        translit.to_latin(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"apostrophe": "curly"}, "apostrophe='curly' is not one of modifier, typographic, ascii"),
        ({"soft_sign": "yes"}, "soft_sign='yes' is not one of"),
        ({"apostrophes": "ascii"}, "unknown option 'apostrophes'; known options:"),
    ],
)
def test_bad_options_raise_value_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        translit.to_latin("x", **options)


def test_unknown_id_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown transliterator 'uz-Latn'"):
        translit.get("uz-Latn")


def test_shared_transliterator_gives_the_same_result_in_threads() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    expected = t(SEED)
    texts = [SEED[i:] + SEED[:i] for i in range(0, len(SEED), 97)]
    want = [t(x) for x in texts]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in range(3):
            assert list(pool.map(t, texts)) == want
    assert t(SEED) == expected


def test_explain_names_rules_and_lexicon_entries() -> None:
    steps = translit.explain("Исҳоқ сентябрда", target="latin")
    by_source = {s.source: (s.output, s.rule) for s in steps}
    assert by_source["с"][0] == "sʼ"
    assert by_source["с"][1].startswith("uz_Cyrl-uz_Latn.rules:")
    assert by_source["сентябр"][0] == "sentabr"
    assert by_source["сентябр"][1].startswith("lexicon.tsv:")


# -- malformed data fails with file:line ------------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "text", "where"),
    [
        (parse_rules, "@v = [ae]\n{ e } → ye\nthis is not a rule\n", "x.rules:3:"),
        (parse_rules, "@v { e } → ye\n", "x.rules:1: unknown class @v"),
        (parse_rules, "(?<=a { e } → ye\n", "x.rules:1: bad context"),
        (parse_rules, "(a) { e } → ye\n", "x.rules:1: contexts may not use capturing groups"),
        (parse_rules, "{ E } → ye\n", "x.rules:1: rule 'Eye' must be lower case"),
        (parse_alphabet, "cyrillic\tlatin\tdir\nа\ta\t<=>\n", "x.rules:2: dir '<=>'"),
        (parse_alphabet, "kirill\tlatin\n", "x.rules:1: expected the header"),
        (parse_lexicon, "cyrillic\tlatin\tdir\tmatch\tsource\nа\ta\t<>\tstem\t\n", "x.rules:2:"),
        (parse_lexicon, "cyrillic\tlatin\tdir\tmatch\tsource\nа\ta\t<>\tstems\ts\n", "x.rules:2:"),
        (
            parse_lexicon,
            "cyrillic\tlatin\tdir\tmatch\tsource\nа-б\tab\t<>\tstem\ts\n",
            "x.rules:2:",
        ),
        (parse_suffixes, "cyrillic\tlatin\nда\n", "x.rules:2: expected tab-separated fields"),
    ],
)
def test_malformed_data_reports_file_and_line(parse: object, text: str, where: str) -> None:
    with pytest.raises(DataError) as info:
        parse(text, "x.rules")  # type: ignore[operator]
    assert str(info.value).startswith(where)
    assert "\n" not in str(info.value)


def test_duplicate_lexicon_key_reports_both_places() -> None:
    from translit.lexicon import compile_lexicon, suffix_chain

    entries = parse_lexicon(
        "cyrillic\tlatin\tdir\tmatch\tsource\nцирк\tsirk\t<\tstem\ts\nсирк\tsirk\t<\tstem\ts\n",
        "lex.tsv",
    )
    with pytest.raises(DataError, match=r"^lex.tsv:3: 'sirk' is already an entry at lex.tsv:2$"):
        compile_lexicon(
            entries,
            suffix_chain((), cyrillic=False),
            "uz_Latn-uz_Cyrl",
            source_is_cyrillic=False,
            translate={},
            soft_sign="bare",
        )


HTML = '<p class="цирк"><a href="https://kun.uz/цирк">Цирк</a> &laquo;Ер&raquo; info@мактаб.uz</p>'


def test_format_option_in_the_one_shot_and_streaming_api() -> None:
    expected = HTML.replace(">Цирк<", ">Sirk<").replace(";Ер&", ";Yer&")
    assert translit.to_latin(HTML, format="html") == expected
    assert translit.transliterate(HTML, target="latin", format="html") == expected
    chunks = [HTML[:7], HTML[7:40], "", HTML[40:]]
    assert "".join(translit.stream_to_latin(chunks, format="html")) == expected
    assert translit.to_cyrillic("Sirk `sirk`", format="markdown") == "Цирк `sirk`"
    assert "".join(translit.stream_to_cyrillic(["Sirk `si", "rk`"], format="markdown")) == (
        "Цирк `sirk`"
    )


def test_bad_format_raises_value_error() -> None:
    with pytest.raises(ValueError, match="format='pdf' is not one of"):
        translit.to_latin("x", format="pdf")


# Modules a program that converts plain text never needs: importing them at `import translit`
# would double its start-up time (see docs/design.md, "Start-up").
HEAVY = (
    "translit.formats",
    "translit.markup",
    "translit.documents",
    "translit.subtitles",
    "translit.closers",
    "translit.parallel",
    "translit.dask",
    "translit.cli",
    "zipfile",
    "tempfile",
    "concurrent.futures",
    "importlib.resources",
)


def test_import_and_a_plain_call_leave_the_heavy_modules_unloaded() -> None:
    code = (
        "import translit\n"
        "translit.to_latin('Ўзбекистон 1994 йил'); translit.to_cyrillic('Oʻzbekiston')"
    )
    assert newly_loaded(code, HEAVY) == []


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("convert_markup", "translit.markup"),
        ("MarkupStream", "translit.markup"),
        ("SubtitleStream", "translit.subtitles"),
        ("DocumentError", "translit.documents"),
        ("FORMATS", "translit.formats"),
        ("format_for_path", "translit.formats"),
    ],
)
def test_lazy_names_are_the_modules_own(name: str, module: str) -> None:
    assert getattr(translit, name) is getattr(importlib.import_module(module), name)
    assert name in translit.__all__
    assert name in dir(translit)


def test_submodules_are_attributes_and_unknown_names_fail() -> None:
    assert translit.markup is importlib.import_module("translit.markup")
    assert translit.documents.FORMATS == ("docx", "odt")
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        translit.nonesuch  # noqa: B018


def test_option_types_name_exactly_the_options_and_choices_checked_at_run_time() -> None:
    """OptionArgs (what type checkers see) and Options (what is checked) cannot drift."""
    import dataclasses
    import typing

    from translit import options

    hints = typing.get_type_hints(options.OptionArgs)
    assert set(hints) == {field.name for field in dataclasses.fields(translit.Options)}
    for name, choices in options._CHOICES.items():
        assert typing.get_args(hints[name]) == choices, name
    for name in options.SWITCHES:
        assert hints[name] is bool, name


@pytest.mark.parametrize(
    ("convert", "words", "rewritten"),
    [
        (translit.to_cyrillic, "inson huquqi va erkinligi ", "nikohdan nikohga 1991 yil"),
        (translit.to_latin, "инсон ҳуқуқи ва эркинлиги ", "никоҳдан-никоҳга 1991 йил"),
    ],
)
def test_a_long_stretch_before_a_rewritten_space_is_converted_once(
    convert: Any, words: str, rewritten: str
) -> None:
    # A stretch longer than a block between the spaces the text rules rewrite (paired words,
    # dates) is converted block by block; its last block must end where the stretch does
    # (it once ran on past the rewrite and the text after it came out twice).
    from translit.engine import BLOCK

    long_line = words * (3 * BLOCK // len(words)) + "\n"
    text = long_line + rewritten + " " + words + "\n" + long_line
    expected = "".join(convert(line) for line in text.splitlines(keepends=True))
    assert convert(text) == expected


@pytest.mark.parametrize("dated", [False, True])
def test_an_output_beyond_a_group_is_the_same_as_line_by_line(dated: bool) -> None:
    # Past GROUP characters the output is held as UTF-8 and decoded at the end: lone
    # surrogates (undecodable bytes the command read), a surrogate pair written as two code
    # points and astral characters must come out exactly as they went in.
    from translit.engine import GROUP

    line = "Шаҳар \udcff\ud83d\ude00 😀 Ўзбекистон ЦИРК" + (" 1991 йил" if dated else "") + "\n"
    text = line * (GROUP // len(line) + 2)
    assert len(text) > GROUP
    out = translit.to_latin(text)
    assert out == translit.to_latin(line) * (GROUP // len(line) + 2)
    assert "\udcff\ud83d\ude00 😀" in out
