"""The translit command: in-process through main(), plus subprocess runs of the real command."""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import re
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import cli
from translit.cli import main
from translit.options import Options

from .startup import newly_loaded

DOCS = Path(__file__).resolve().parent.parent / "docs"
CYRILLIC_TEXT = "\ufeffЎзбекистон Республикаси\r\nШаҳар ва қишлоқ — 2025 йил 🙂\r\n"
LATIN_TEXT = "Oʻzbekiston Respublikasi\r\nShahar va qishloq — 2025-yil 🙂\n"


@dataclass
class Result:
    code: int
    out: bytes
    err: str


def run(args: list[str], stdin: bytes | io.RawIOBase | io.BufferedIOBase = b"") -> Result:
    out, err = io.BytesIO(), io.StringIO()
    source = io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin
    code = main(args, stdin=source, stdout=out, stderr=err)  # type: ignore[arg-type]
    return Result(code, out.getvalue(), err.getvalue())


def latin(text: str, **options: Any) -> bytes:
    return translit.to_latin(text, **options).encode()


def cyrillic(text: str, **options: Any) -> bytes:
    return translit.to_cyrillic(text, **options).encode()


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("translit: error: "), err
    return lines[0]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def exactly(size: int) -> bytes:
    """UTF-8 Cyrillic text of exactly ``size`` bytes, ending in the middle of a word."""
    data = ("Шаҳар ва қишлоқ\n" * (size // 16 + 1)).encode()[:size]
    data = data.decode("utf-8", "ignore").encode()  # drop a cut character
    data += b"x" * (size - len(data))
    assert len(data) == size
    return data


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(cli, "BLOCK_SIZE", 4)
    return 4


# -- pipes ----------------------------------------------------------------------------------------


def test_pipe_to_latin() -> None:
    result = run(["-t", "latin"], CYRILLIC_TEXT.encode())
    assert result == Result(0, latin(CYRILLIC_TEXT), "")


def test_pipe_to_cyrillic() -> None:
    result = run(["--to", "cyrillic"], LATIN_TEXT.encode())
    assert result == Result(0, cyrillic(LATIN_TEXT), "")


def test_dash_is_stdin_in_file_order(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Шаҳар\n", encoding="utf-8")
    result = run(["-t", "latin", str(a), "-", str(a)], "Қишлоқ\n".encode())
    assert result.out == b"Shahar\nQishloq\nShahar\n"


def test_foreign_and_keep_are_passed_on() -> None:
    text = "PepsiCo va Chevron"
    assert run(["-t", "cyrillic"], text.encode()).out == cyrillic(text)
    assert run(["-t", "cyrillic", "--foreign=convert"], text.encode()).out == cyrillic(
        text, foreign="convert"
    )
    assert cyrillic(text, foreign="convert") != cyrillic(text)
    result = run(["-t", "cyrillic", "--keep", "Chevron", "--keep", "va"], text.encode())
    assert result.out == cyrillic(text, keep=["Chevron", "va"])
    assert b"va" in result.out


SWITCH_TEXT = "1994 йил 24 августда бўлсада, нуқтаи назар. 1994-yil boʻlsa-da, nuqtayi nazar"


@pytest.mark.parametrize(
    "name", [f.name for f in dataclasses.fields(Options) if isinstance(f.default, bool)]
)
def test_every_on_off_option_of_the_library_is_an_option(name: str) -> None:
    flag = name.replace("_", "-")
    for target, convert in (("latin", translit.to_latin), ("cyrillic", translit.to_cyrillic)):
        off = run(["-t", target, f"--no-{flag}"], SWITCH_TEXT.encode()).out
        on = run(["-t", target, f"--{flag}"], SWITCH_TEXT.encode()).out
        switch: dict[str, Any] = {name: False}
        assert off == convert(SWITCH_TEXT, **switch).encode()
        switch[name] = True
        assert on == convert(SWITCH_TEXT, **switch).encode()


def test_options_are_passed_on() -> None:
    assert run(["-t", "latin", "--apostrophe", "ascii"], "Ўзбек".encode()).out == b"O'zbek"
    result = run(["-t", "latin", "--apostrophe=typographic"], "Ўзбек".encode())
    assert result.out == "O‘zbek".encode()
    assert run(["-t", "cyrillic", "--soft-sign", "never"], b"aprel").out == "апрел".encode()
    assert run(["-t", "cyrillic"], b"aprel").out == "апрель".encode()


# -- automatic direction --------------------------------------------------------------------------


def test_detects_cyrillic_and_converts_to_latin() -> None:
    assert run([], CYRILLIC_TEXT.encode()) == Result(0, latin(CYRILLIC_TEXT), "")


def test_detects_latin_and_converts_to_cyrillic() -> None:
    assert run([], LATIN_TEXT.encode()) == Result(0, cyrillic(LATIN_TEXT), "")


def test_verbose_says_which_direction_on_stderr_only() -> None:
    result = run(["-v"], LATIN_TEXT.encode())
    assert result.out == cyrillic(LATIN_TEXT)
    assert result.err == (
        "translit: <stdin>: first block is latin (100% of 40 Uzbek letters):"
        " converting to cyrillic\n"
    )


def test_text_without_letters_passes_through() -> None:
    data = "2025 — 🙂\r\n".encode()
    result = run(["-v"], data)
    assert result.out == data
    assert "no Uzbek letters" in result.err


def test_direction_is_detected_per_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Шаҳар\n", encoding="utf-8")
    b.write_text("Qishloq\n", encoding="utf-8")
    assert run([str(a), str(b)]).out == "Shahar\nҚишлоқ\n".encode()


def test_detection_uses_a_whole_block_whatever_the_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    class ShortReads(io.BytesIO):  # a pipe that delivers two bytes at a time
        def read1(self, size: int | None = -1, /) -> bytes:
            return super().read1(2)

    # The first read is Latin, but most letters of the first block (16 bytes) are Cyrillic.
    monkeypatch.setattr(cli, "BLOCK_SIZE", 16)
    text = "ab cd Шаҳар\nxy"
    assert len("ab cd Шаҳар".encode()) == 16
    assert run([], ShortReads(text.encode())).out == latin(text) == b"ab cd Shahar\nxy"


# -- files and outputs ----------------------------------------------------------------------------


def test_files_in_order_to_stdout(tmp_path: Path) -> None:
    paths = []
    for i, text in enumerate(["Бир\n", "Икки\r\n", "Уч"]):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text(text, encoding="utf-8", newline="")
    result = run(["-t", "latin", *map(str, paths)])
    assert result == Result(0, b"Bir\nIkki\r\nUch", "")


def test_output_file(tmp_path: Path) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_bytes(CYRILLIC_TEXT.encode())
    target.write_bytes(b"old")
    target.chmod(0o640)
    result = run(["-t", "latin", "-o", str(target), str(source)])
    assert result == Result(0, b"", "")
    assert target.read_bytes() == latin(CYRILLIC_TEXT)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert no_temp_files(tmp_path)


def test_new_output_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    assert run(["-t", "latin", "-o", str(target)], "Шаҳар".encode()).code == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_bytes() == b"Shahar"


def test_output_dash_is_stdout() -> None:
    assert run(["-t", "latin", "-o", "-"], "Шаҳар".encode()).out == b"Shahar"


def test_output_to_a_device(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Шаҳар", encoding="utf-8")
    assert run(["-t", "latin", "-o", os.devnull, str(source)]) == Result(0, b"", "")


def test_in_place(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(CYRILLIC_TEXT.encode())
    b.write_bytes(CYRILLIC_TEXT.encode() * 2)
    a.chmod(0o604)
    result = run(["--in-place", "-t", "latin", str(a), str(b)])
    assert result == Result(0, b"", "")
    assert a.read_bytes() == latin(CYRILLIC_TEXT)
    assert b.read_bytes() == latin(CYRILLIC_TEXT * 2)
    assert stat.S_IMODE(a.stat().st_mode) == 0o604
    assert no_temp_files(tmp_path)


def test_in_place_without_a_target_is_a_usage_error(tmp_path: Path) -> None:
    # Detection would flip the file on every run: Cyrillic → Latin → Cyrillic.
    a = tmp_path / "a.txt"
    a.write_bytes(CYRILLIC_TEXT.encode())
    result = run(["--in-place", str(a)])
    assert result.code == 2
    assert result.err.splitlines()[-1] == (
        "translit: error: --in-place needs -t latin, latin-2026 or cyrillic (the target script)"
    )
    assert a.read_bytes() == CYRILLIC_TEXT.encode()


def test_in_place_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("Шаҳар", encoding="utf-8")
    link.symlink_to(real)
    assert run(["-i", "-t", "latin", str(link)]).code == 0
    assert link.is_symlink()
    assert real.read_bytes() == b"Shahar"


def test_in_place_one_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    good1, bad, good2 = tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"
    good1.write_text("Бир", encoding="utf-8")
    bad.write_bytes("Икки ".encode() + b"\xff")
    good2.write_text("Уч", encoding="utf-8")
    before = bad.read_bytes()
    result = run(["-i", "-t", "latin", str(good1), str(bad), str(tmp_path / "none"), str(good2)])
    assert result.code == 1
    lines = result.err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"translit: error: {bad}: byte 9: invalid UTF-8")
    assert lines[1] == f"translit: error: {tmp_path / 'none'}: No such file or directory"
    assert (good1.read_bytes(), good2.read_bytes()) == (b"Bir", b"Uch")
    assert bad.read_bytes() == before
    assert no_temp_files(tmp_path)


def test_output_file_is_left_alone_when_an_input_fails(tmp_path: Path) -> None:
    good, bad, target = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out.txt"
    good.write_text("Шаҳар", encoding="utf-8")
    bad.write_bytes(b"\xd0")
    target.write_bytes(b"precious")
    result = run(["-t", "latin", "-o", str(target), str(good), str(bad)])
    assert result.code == 1
    assert result.err.splitlines() == [
        f"translit: error: {bad}: byte 0: invalid UTF-8 (unexpected end of data: 0xd0);"
        " use --errors=replace or --errors=surrogateescape",
        f"translit: error: {target}: left unchanged because an input failed",
    ]
    assert target.read_bytes() == b"precious"
    assert no_temp_files(tmp_path)


def test_several_files_to_stdout_go_on_after_a_failure(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Шаҳар\n", encoding="utf-8")
    result = run(["-t", "latin", str(tmp_path / "missing.txt"), str(good)])
    assert result.code == 1
    assert result.out == b"Shahar\n"
    assert one_error_line(result.err).endswith("missing.txt: No such file or directory")


# -- refusing to overwrite an input ---------------------------------------------------------------


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Шаҳар", encoding="utf-8")
    result = run(["-t", "latin", "-o", str(source), str(source)])
    assert result.code == 1
    assert "is also an input" in one_error_line(result.err)
    assert source.read_text(encoding="utf-8") == "Шаҳар"


def test_output_that_is_an_input_through_another_name_is_refused(tmp_path: Path) -> None:
    source, alias = tmp_path / "in.txt", tmp_path / "alias.txt"
    source.write_text("Шаҳар", encoding="utf-8")
    os.link(source, alias)
    result = run(["-t", "latin", "-o", str(alias), str(source)])
    assert result.code == 1
    assert source.read_text(encoding="utf-8") == "Шаҳар"


def test_output_that_is_stdin_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Шаҳар", encoding="utf-8")
    with source.open("rb") as stdin:
        result = run(["-t", "latin", "-o", str(source)], stdin)
    assert result.code == 1
    assert source.read_text(encoding="utf-8") == "Шаҳар"


def test_stdout_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("Шаҳар", encoding="utf-8")
    err = io.StringIO()
    with source.open("ab") as stdout:  # translit in.txt >> in.txt would never end
        code = main(["-t", "latin", str(source)], stdin=io.BytesIO(), stdout=stdout, stderr=err)
    assert code == 1
    assert one_error_line(err.getvalue()) == f"translit: error: {source}: input file is output file"
    assert source.read_text(encoding="utf-8") == "Шаҳар"


# -- bytes outside Uzbek letters come out as they went in -----------------------------------------


def test_crlf_and_bom_are_preserved() -> None:
    data = CYRILLIC_TEXT.encode()
    out = run(["-t", "latin"], data).out
    assert out.startswith(b"\xef\xbb\xbf")
    assert out.count(b"\r\n") == data.count(b"\r\n") == 2
    assert out == latin(CYRILLIC_TEXT)


def test_lone_cr_and_mixed_line_ends(small_blocks: int) -> None:
    text = "Шаҳар\rқишлоқ\r\n\nўзбек\r"
    assert run(["-t", "latin"], text.encode()).out == latin(text)


@pytest.mark.parametrize("multiple", [1, 2, 3])
def test_input_of_an_exact_multiple_of_the_block_size(small_blocks: int, multiple: int) -> None:
    data = ("Шаҳ" * 10).encode()[: small_blocks * multiple]  # Cyrillic letters: 2 bytes each
    assert len(data) == small_blocks * multiple
    assert run(["-t", "latin"], data).out == latin(data.decode())
    assert run([], data).out == latin(data.decode())


@pytest.mark.parametrize("multiple", [1, 2])
def test_input_of_an_exact_multiple_of_the_real_block_size(multiple: int) -> None:
    data = exactly(cli.BLOCK_SIZE * multiple)
    assert run(["-t", "latin"], data).out == latin(data.decode())


texts = st.lists(
    st.sampled_from(
        list("абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳШЎҒҚҲabcdefghijklmnopqrstuvxyzSOG")
        + list("ʻʼ'‘’\u0306- \r\n0123456789")
        + ["🙂", "👨‍👩‍👧", "\ufeff", "sh", "oʻ", "gʻ"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(text=texts, block=st.integers(1, 9), to=st.sampled_from(["latin", "cyrillic", None]))
def test_any_text_any_block_size_gives_the_one_shot_result(
    text: str, block: int, to: str | None
) -> None:
    original = cli.BLOCK_SIZE
    cli.BLOCK_SIZE = block
    try:
        result = run(["-t", to] if to else [], text.encode())
    finally:
        cli.BLOCK_SIZE = original
    if to is None:  # decided on the first block (a character cut at its end is not in it)
        found = translit.detect(text.encode()[:block].decode("utf-8", "ignore"))
        to = "cyrillic" if found.latin > found.cyrillic else "latin"
    assert result == Result(0, translit.transliterate(text, target=to).encode(), "")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=60), block=st.integers(1, 7))
def test_surrogateescape_round_trips_every_byte(data: bytes, block: int) -> None:
    original = cli.BLOCK_SIZE
    cli.BLOCK_SIZE = block
    try:
        # --from: random bytes may spell 2026 Latin (Ǵ), which -t latin would convert too.
        result = run(["--from", "cyrillic", "-t", "latin", "--errors=surrogateescape"], data)
    finally:
        cli.BLOCK_SIZE = original
    text = data.decode("utf-8", "surrogateescape")
    assert result.code == 0
    assert result.out == translit.to_latin(text).encode("utf-8", "surrogateescape")


def test_surrogateescape_keeps_bad_bytes_and_converts_words() -> None:
    data = b"\xff\xfe " + "Шаҳар".encode() + b" \xd0 \x80 " + "қишлоқ\r\n".encode()
    result = run(["-t", "latin", "--errors", "surrogateescape"], data)
    assert result == Result(0, b"\xff\xfe Shahar \xd0 \x80 qishloq\r\n", "")


def test_errors_replace() -> None:
    result = run(["-t", "latin", "--errors=replace"], b"\xff" + "Шаҳар".encode())
    assert result == Result(0, "\ufffdShahar".encode(), "")


# -- encodings ------------------------------------------------------------------------------------


def test_input_encoding_and_utf8_output() -> None:
    result = run(["-t", "latin", "-e", "cp1251"], "Шахар\r\n".encode("cp1251"))
    assert result.out == b"Shaxar\r\n"
    result = run(["-e", "utf-16"], "Шаҳар".encode("utf-16"))
    assert result.out == b"Shahar"  # the decoder takes the BOM it needs; output is UTF-8


def test_output_encoding() -> None:
    result = run(["-t", "cyrillic", "--output-encoding", "cp1251"], b"Shaxar")
    assert result.out == "Шахар".encode("cp1251")


def test_unencodable_output_is_one_line() -> None:
    result = run(["-t", "latin", "--output-encoding", "cp1251"], "Ўзбек".encode())
    assert result.code == 1
    assert one_error_line(result.err) == (
        "translit: error: <stdin>: U+02BB ('ʻ') cannot be encoded in cp1251;"
        " choose another --output-encoding"
    )


# -- bad input ------------------------------------------------------------------------------------


def test_invalid_utf8_names_the_byte_offset() -> None:
    data = "Шаҳар ".encode() + b"\xff rest"
    result = run(["-t", "latin"], data)
    assert result.code == 1
    assert one_error_line(result.err) == (
        "translit: error: <stdin>: byte 11: invalid UTF-8 (invalid start byte: 0xff);"
        " use --errors=replace or --errors=surrogateescape"
    )


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(st.characters(exclude_categories=["Cs"]), max_size=30).map(str.encode),
    bad=st.sampled_from([b"\xff", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x28"]),
    block=st.integers(1, 7),
)
def test_decode_error_offset_for_any_block_size(before: bytes, bad: bytes, block: int) -> None:
    original = cli.BLOCK_SIZE
    cli.BLOCK_SIZE = block
    try:
        result = run(["-t", "latin"], before + bad + b"tail")
    finally:
        cli.BLOCK_SIZE = original
    assert result.code == 1
    assert f": byte {len(before)}: invalid UTF-8 (" in one_error_line(result.err)


def test_truncated_character_at_the_end(small_blocks: int) -> None:
    data = "Шаҳар".encode() + "қ".encode()[:1]
    result = run(["-t", "latin"], data)
    assert result.code == 1
    assert ": byte 10: invalid UTF-8 (unexpected end of data: 0xd2);" in one_error_line(result.err)


def test_verbose_shows_the_traceback() -> None:
    result = run(["-v", "-t", "latin"], b"\xff")
    assert result.code == 1
    assert "Traceback" in result.err
    assert "UnicodeDecodeError" in result.err
    assert result.err.splitlines()[-1].startswith("translit: error: <stdin>: byte 0:")


def test_missing_file() -> None:
    result = run(["-t", "latin", "/nonexistent/x.txt"])
    assert result.code == 1
    assert one_error_line(result.err) == (
        "translit: error: /nonexistent/x.txt: No such file or directory"
    )


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("\x1b]0;pwned\x07.txt", "\\x1b]0;pwned\\x07.txt"),  # sets the terminal's title
        ("\x1b[2J\x9b2J.txt", "\\x1b[2J\\x9b2J.txt"),  # clears the screen (7- and 8-bit CSI)
        ("a\nb.txt", "a\\nb.txt"),  # a second, forged message line
        (os.fsdecode(b"\xff\xfe.txt"), "\\xff\\xfe.txt"),  # undecodable bytes of a name
        ("Ўзбек.txt", "Ўзбек.txt"),
    ],
)
def test_file_names_are_printed_escaped(tmp_path: Path, name: str, shown: str) -> None:
    missing = str(tmp_path / name)
    result = run(["-t", "latin", missing])
    assert result.code == 1
    line = one_error_line(result.err)
    assert line == f"translit: error: {tmp_path}/{shown}: No such file or directory"


def test_directory_as_input(tmp_path: Path) -> None:
    result = run(["-t", "latin", str(tmp_path)])
    assert result.code == 1
    assert one_error_line(result.err) == f"translit: error: {tmp_path}: Is a directory"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    result = run(["-t", "latin", str(path)])
    assert result.code == 1
    assert one_error_line(result.err) == f"translit: error: {path}: Permission denied"


def test_unwritable_output_folder(tmp_path: Path) -> None:
    result = run(["-t", "latin", "-o", str(tmp_path / "no" / "such" / "out.txt")], b"x")
    assert result.code == 1
    assert "cannot create a temporary file" in one_error_line(result.err)


def test_output_write_error_is_one_line_and_stops(tmp_path: Path) -> None:
    class Full(io.BytesIO):
        def write(self, data: object, /) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    err = io.StringIO()
    code = main(["-t", "latin", "-", "-"], stdin=io.BytesIO(b"abc"), stdout=Full(), stderr=err)
    assert code == 1
    assert one_error_line(err.getvalue()) == "translit: error: <stdout>: No space left on device"


# -- usage errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "greek"], "invalid choice: 'greek'"),
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--in-place"], "--in-place needs FILE arguments"),
        (["--in-place", "-"], "--in-place needs FILE arguments"),
        (["--in-place", "-o", "x", "y"], "not allowed with argument"),
        (["-e", "no-such-codec"], "--encoding: unknown encoding 'no-such-codec'"),
        (["--output-encoding", "rot13"], "--output-encoding: 'rot13' is not a text encoding"),
        (["--errors", "ignore"], "invalid choice: 'ignore'"),
        (["--apostrophe", "curly"], "invalid choice: 'curly'"),
        (["--keep", ""], "keep= words must be non-empty strings"),
    ],
)
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    result = run(args, b"")
    assert result.code == 2
    assert result.out == b""
    assert result.err.startswith("usage: translit")
    assert message in result.err.splitlines()[-1]
    assert result.err.splitlines()[-1].startswith("translit: error: ")


def test_help_and_version() -> None:
    result = run(["--help"])
    assert result.code == 0
    assert b"examples:" in result.out
    assert b"translit -t latin" in result.out
    assert b"translit check [--fix] FILE..." in result.out
    assert b"translit explain WORD..." in result.out
    assert b"translit serve " in result.out
    assert result.err == ""
    assert run(["--version"]) == Result(0, f"translit {translit.__version__}\n".encode(), "")


def test_docs_mention_every_option() -> None:
    parser = cli.build_parser(print, print)
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for action in parser._actions:
        for flag in action.option_strings:
            assert flag in text, flag


def test_terminal_on_stdin_gets_one_hint() -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    result = run(["-t", "latin"], Terminal("Шаҳар".encode()))
    assert result.out == b"Shahar"
    assert (
        result.err == "translit: reading from the terminal (end with Ctrl-D; see translit --help)\n"
    )


# -- interruptions --------------------------------------------------------------------------------


def test_broken_pipe_ends_quietly() -> None:
    class Closed(io.BytesIO):
        def write(self, data: object, /) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    err = io.StringIO()
    code = main(["-t", "latin"], stdin=io.BytesIO("Шаҳар".encode()), stdout=Closed(), stderr=err)
    assert (code, err.getvalue()) == (0, "")


class Interrupted(io.BytesIO):
    """Standard input on which the user presses Ctrl-C after the first block."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0

    def read1(self, size: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > 1:
            raise KeyboardInterrupt
        return super().read1(size)


def test_ctrl_c_exits_130_and_leaves_the_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"precious")
    result = run(["-t", "latin", "-o", str(target)], Interrupted("Шаҳар\n".encode() * 10))
    assert result.code == 130
    assert target.read_bytes() == b"precious"
    assert no_temp_files(tmp_path)


def test_ctrl_c_in_place_leaves_the_file_alone(
    tmp_path: Path, small_blocks: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Шаҳар ва қишлоқ", encoding="utf-8")

    class Stream(translit.IncrementalTransliterator):
        def feed(self, chunk: str) -> str:
            if self.pending:  # after some output went to the temporary file
                raise KeyboardInterrupt
            return super().feed(chunk)

    monkeypatch.setattr(cli, "IncrementalTransliterator", Stream)
    result = run(["-i", "-t", "latin", str(path)])
    assert result == Result(130, b"", "")
    assert path.read_text(encoding="utf-8") == "Шаҳар ва қишлоқ"
    assert no_temp_files(tmp_path)


# -- progress bar ---------------------------------------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(cli, "PROGRESS_INTERVAL", 0.0)
    monkeypatch.setattr(cli, "BLOCK_SIZE", 1024)
    path = tmp_path / "big.txt"
    path.write_text("Шаҳар ва қишлоқ\n" * 1000, encoding="utf-8")
    err = Tty()
    code = main(["-t", "latin", str(path)], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err)
    assert code == 0
    shown = err.getvalue()
    assert re.search(r"\r\S*big\.txt: [\d.,]+ / [\d.,]+ MB \(\d+%\), [\d.,]+ MB/s", shown)
    assert shown.endswith("\r")  # the bar is wiped at the end


@pytest.mark.parametrize("columns", [8, 20, 30, 40, 60, 80, 200])
@pytest.mark.parametrize("label", ["a.txt", "/very/long/folder/name/" * 5 + "kitob.txt"])
def test_progress_line_fits_the_terminal(columns: int, label: str) -> None:
    bar = cli._Progress(Tty(), label, 2_000_000_000)
    line = bar.line(500_000_000, 10.0, columns)  # 50 MB/s: 30 s left
    assert 0 < len(line) <= columns - 1
    if columns >= 20:
        assert line.endswith(", 0:30 left")
        assert "25%" in line
    if columns >= 30:
        assert "txt: " in line
    if columns >= 60:
        assert "kitob.txt: 500.0 / 2,000.0 MB (25%)" in line or line.startswith("a.txt: 500")
    if columns >= 80:
        assert ", 50.0 MB/s, " in line


@pytest.mark.parametrize("columns", [20, 30, 60, 80])
@pytest.mark.parametrize(
    "label",
    [
        "\x1b[31m" * 10 + ".txt",  # shown escaped: \x1b[31m, longer than the name
        "文件" * 15 + ".txt",  # two columns per character
        "a\udcffb" * 10,  # an undecodable byte, shown as \xff
        "Ўзбекча-номи" * 5 + "\u0301.txt",  # a combining mark takes no column
    ],
)
def test_progress_line_fits_the_terminal_whatever_the_name(columns: int, label: str) -> None:
    line = cli._Progress(Tty(), label, 2_000_000_000).line(500_000_000, 10.0, columns)
    assert 0 < cli._width(line) <= columns - 1, line
    assert line.endswith(", 0:30 left")
    assert line.isprintable()
    if columns >= 60:
        assert line.startswith("…")
        assert ": 500.0 / 2,000.0 MB (25%)" in line


def test_progress_line_eta_in_hours() -> None:
    bar = cli._Progress(Tty(), "a.txt", 10**13)
    assert bar.line(10**9, 1.0, 200).endswith(", 1,000.0 MB/s, 2:46:39 left")
    assert bar.line(0, 1.0, 200) == "a.txt: 0.0 / 10,000,000.0 MB (0%), 0.0 MB/s"


def test_progress_bar_follows_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(cli, "PROGRESS_INTERVAL", 0.0)
    monkeypatch.setattr(cli, "BLOCK_SIZE", 1024)
    monkeypatch.setenv("COLUMNS", "30")
    path = tmp_path / ("long-name-" * 10 + ".txt")
    path.write_text("Шаҳар ва қишлоқ\n" * 1000, encoding="utf-8")
    err = Tty()
    code = main(["-t", "latin", str(path)], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err)
    assert code == 0
    drawn = [line.rstrip() for line in err.getvalue().split("\r") if line.strip()]
    assert drawn
    assert all(len(line) <= 29 for line in drawn), drawn


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(cli, "PROGRESS_INTERVAL", 0.0)
    path = tmp_path / "big.txt"
    path.write_text("Шаҳар\n" * 1000, encoding="utf-8")
    assert run(["-t", "latin", str(path)]).err == ""
    err = Tty()
    code = main(["--no-progress", str(path)], stdin=io.BytesIO(), stdout=io.BytesIO(), stderr=err)
    assert (code, err.getvalue()) == (0, "")


# -- the real command -----------------------------------------------------------------------------

COMMANDS = [pytest.param([sys.executable, "-m", "translit"], id="python-m")]
SCRIPT = Path(sys.executable).parent / "translit"
if SCRIPT.exists():
    COMMANDS.append(pytest.param([str(SCRIPT)], id="script"))


@pytest.mark.parametrize("command", COMMANDS)
def test_command_in_a_pipe(command: list[str]) -> None:
    result = subprocess.run(
        [*command, "-t", "latin"], input=CYRILLIC_TEXT.encode(), capture_output=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, latin(CYRILLIC_TEXT), b"")


def test_command_files_output_and_in_place(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "out.txt"
    a.write_bytes(CYRILLIC_TEXT.encode())
    b.write_bytes(LATIN_TEXT.encode())
    base = [sys.executable, "-m", "translit"]
    result = subprocess.run([*base, "-o", str(out), str(a)], capture_output=True, check=False)
    assert (result.returncode, result.stderr) == (0, b"")
    assert out.read_bytes() == latin(CYRILLIC_TEXT)
    result = subprocess.run(
        [*base, "-i", "-t", "cyrillic", str(b)], capture_output=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert b.read_bytes() == cyrillic(LATIN_TEXT)
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("multiple", [1, 2])
def test_command_on_an_exact_multiple_of_the_block_size(tmp_path: Path, multiple: int) -> None:
    data = exactly(cli.BLOCK_SIZE * multiple)
    path = tmp_path / "exact.txt"
    path.write_bytes(data)
    for args in (["-t", "latin", str(path)], ["-t", "latin"], []):
        result = subprocess.run(
            [sys.executable, "-m", "translit", *args],
            input=None if str(path) in args else data,
            capture_output=True,
            check=False,
        )
        assert (result.returncode, result.stderr) == (0, b"")
        assert result.stdout == latin(data.decode())


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (["-t", "latin"], b"ab\xffcd", 1, "translit: error: <stdin>: byte 2: invalid UTF-8"),
        (["-t", "latin", "/nonexistent"], b"", 1, "translit: error: /nonexistent: No such file"),
        (["-t", "klingon"], b"", 2, "translit: error: argument -t/--to: invalid choice"),
    ],
)
def test_command_error_paths(args: list[str], stdin: bytes, code: int, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "translit", *args], input=stdin, capture_output=True, check=False
    )
    assert result.returncode == code
    assert result.stderr.decode().splitlines()[-1].startswith(message)
    assert b"Traceback" not in result.stderr


def test_command_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(("Шаҳар ва қишлоқ\n" * 400_000).encode())  # about 11 MB
    with subprocess.Popen(
        [sys.executable, "-m", "translit", "-t", "latin", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline() == b"Shahar va qishloq\n"
        process.stdout.close()  # like head after its lines
        stderr = process.stderr.read()
        code = process.wait(timeout=60)
    assert (code, stderr) == (0, b"")


def test_command_streams_lines_and_exits_130_on_ctrl_c() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "translit", "-t", "latin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdin.write("Шаҳар\n".encode())
        process.stdin.flush()
        # A whole line comes out before the input ends (tail -f | translit).
        assert process.stdout.readline() == b"Shahar\n"
        time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
        stderr = process.stderr.read()
        process.stdin.close()
    assert (code, stderr) == (130, b"")


# -- --format: markup-aware conversion ---------------------------------------------------------

HTML_EXAMPLE = (
    '<p class="цирк"><a href="https://kun.uz/цирк">Цирк</a> &laquo;Ер&raquo; info@мактаб.uz</p>'
)


def test_format_html_changes_only_text() -> None:
    result = run(["-t", "latin", "--format", "html"], HTML_EXAMPLE.encode())
    assert result.code == 0
    assert result.out.decode() == HTML_EXAMPLE.replace(">Цирк<", ">Sirk<").replace(";Ер&", ";Yer&")


def test_format_text_is_the_default_and_converts_everything() -> None:
    result = run(["-t", "latin"], HTML_EXAMPLE.encode())
    assert result.out.decode() == translit.to_latin(HTML_EXAMPLE)
    assert 'class="sirk"' in result.out.decode()


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        ("sahifa.html", HTML_EXAMPLE.replace(">Цирк<", ">Sirk<").replace(";Ер&", ";Yer&")),
        ("sahifa.txt", translit.to_latin(HTML_EXAMPLE)),
        ("sahifa", translit.to_latin(HTML_EXAMPLE)),
    ],
)
def test_named_files_default_to_auto_by_extension(tmp_path: Path, name: str, changed: str) -> None:
    page = tmp_path / name
    page.write_text(HTML_EXAMPLE, encoding="utf-8")
    assert run(["-t", "latin", str(page)]).out.decode() == changed
    assert run(["-t", "latin", "-f", "text", str(page)]).out.decode() == translit.to_latin(
        HTML_EXAMPLE
    )
    # In place and to -o alike.
    out = tmp_path / "out.txt"
    assert run(["-t", "latin", "-o", str(out), str(page)]).code == 0
    assert out.read_text(encoding="utf-8") == changed
    assert run(["-i", "-t", "latin", str(page)]).code == 0
    assert page.read_text(encoding="utf-8") == changed


def test_format_auto_picks_by_extension(tmp_path: Path) -> None:
    page = tmp_path / "sahifa.html"
    page.write_text(HTML_EXAMPLE, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text(HTML_EXAMPLE, encoding="utf-8")
    assert run(["-t", "latin", "-f", "auto", str(page)]).out.decode().startswith('<p class="цирк">')
    assert (
        run(["-t", "latin", "-f", "auto", str(notes)]).out.decode().startswith('<p class="sirk">')
    )


def test_format_markdown_keeps_code() -> None:
    text = "Цирк `цирк` ва\n\n```\nцирк\n```\n"
    result = run(["-t", "latin", "--format", "markdown"], text.encode())
    assert result.out.decode() == "Sirk `цирк` va\n\n```\nцирк\n```\n"


def test_format_bad_value_is_a_usage_error() -> None:
    assert run(["-t", "latin", "--format", "pdf"], b"").code == 2


def test_converting_plain_text_loads_no_module_it_does_not_use() -> None:
    # The command's start-up: markup, subtitles, documents, the linter and the worker pool
    # are imported when a run needs them (see docs/design.md, "Start-up").
    heavy = (
        "translit.markup",
        "translit.subtitles",
        "translit.documents",
        "translit.check",
        "translit.parallel",
        "translit.closers",
        "multiprocessing",
        "concurrent.futures",
    )
    code = (
        "import io, sys\n"
        "from translit.cli import main\n"
        "out = io.BytesIO()\n"
        "code = main(['-t', 'latin'], stdin=io.BytesIO('Шаҳар 1994 йил'.encode()),"
        " stdout=out, stderr=sys.stderr)\n"
        "assert (code, out.getvalue()) == (0, 'Shahar 1994-yil'.encode()), (code, out)"
    )
    assert newly_loaded(code, heavy) == []
