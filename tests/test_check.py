"""translit check (the linter) and translit explain, as library calls and as commands."""

from __future__ import annotations

import io
import os
import re
import stat
from pathlib import Path

import pytest

from translit.check import check_text, fix_text
from translit.cli import main

from .cases import DATA


def run(args: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(args, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue().decode(), err.getvalue()


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("ASTANА", "ASTANА", "ASTANA"),  # Cyrillic А in a Latin word
        ("Кazinform", "Кazinform", "Kazinform"),
        ("Москвa", "Москвa", "Москва"),  # Latin a in a Cyrillic word
        ("o‘zbek", "o‘zbek", "oʻzbek"),  # U+2018 for the oʻ mark
        ("ma'no", "ma'no", "maʼno"),  # ASCII tutuq
        ("tsirk", "tsirk", "sirk"),
        ("sentyabr", "sentyabr", "sentabr"),
        ("SHahar", "SHahar", "Shahar"),
        ("Nizoev", "Nizoev", "Nizoyev"),
        ("boʻlsada", "boʻlsada", "boʻlsa-da"),
    ],
)
def test_finding_and_fix(text: str, word: str, suggestion: str) -> None:
    [finding] = check_text(text)
    assert (finding.line, finding.column, finding.word) == (1, 1, word)
    assert finding.suggestion == suggestion
    assert fix_text(text) == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Oʻzbekiston, maʼno, sanʼat, AQSH, OʻzMU, kompyuter, sirk, Isʼhoq, Shahar, 1994-yil",
        "Ўзбекистон, маъно, цирк, АҚШ",
        "Chevron, ExxonMobil va Wabtec",  # foreign words are not Uzbek spellings
        "https://kun.uz/Ts'irk info@mail.uz",  # protected spans are not checked
        "'soʻz' “Toshkent”",  # quotes at word edges are not apostrophes
    ],
)
def test_clean_text_has_no_findings(text: str) -> None:
    assert check_text(text) == []
    assert fix_text(text) == text


def test_golden_latin_article_is_clean() -> None:
    assert check_text((DATA / "seed.latn.txt").read_text(encoding="utf-8")) == []


def test_positions_are_line_and_column() -> None:
    found = check_text("Salom\nBu tsirk va\n\n  SHahar")
    assert [(f.line, f.column, f.word) for f in found] == [(2, 4, "tsirk"), (4, 3, "SHahar")]


def test_check_command_reports_and_exits_1(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("ASTANА.\n", encoding="utf-8")
    code, out, _ = run(["check", str(page)])
    assert code == 1
    assert out == f"{page}:1:1: mixes Cyrillic and Latin letters (mostly Latin): ASTANА → ASTANA\n"
    assert run(["check", "-"], b"Toza matn.")[0] == 0


def test_check_fix_rewrites_the_file_keeping_its_mode(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Bu tsirk\r\nva SHahar\n", encoding="utf-8")
    os.chmod(page, 0o640)
    code, _, _ = run(["check", "--fix", str(page)])
    assert code == 0  # everything found was fixed
    assert page.read_bytes() == b"Bu sirk\r\nva Shahar\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_check_fix_on_stdin_writes_stdout() -> None:
    code, out, err = run(["check", "--fix"], b"tsirk")
    assert (code, out) == (0, "sirk")
    assert "tsirk → sirk" in err


def test_check_errors() -> None:
    code, _, err = run(["check", "/nonexistent/file.txt"])
    assert code == 1
    assert err.startswith("translit: error: /nonexistent/file.txt:")
    code, _, err = run(["check"], b"ok \xff")
    assert (code, err) == (
        1,
        "translit: error: <stdin>: byte 3: invalid UTF-8 (invalid start byte: 0xff)\n",
    )


def test_explain_command_names_rules() -> None:
    code, out, _ = run(["explain", "Исҳоқ", "sirkda"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Исҳоқ → Isʼhoq"
    assert "  с → sʼ\tuz_Cyrl-uz_Latn.rules:" in out
    assert "sirkda → циркда" in lines
    assert "  sirk → цирк\tlexicon.tsv:" in out


def test_explain_usage_error() -> None:
    assert run(["explain"])[0] == 2


@pytest.mark.parametrize(
    ("tool", "example", "status"),
    [
        ("check", "translit check --fix", "0 nothing found (with --fix: nothing left unfixed); 1"),
        ("explain", "translit explain цирк", "0 ok"),
        ("serve", "translit serve --port 0 --no-browser", "0 stopped (SIGTERM, SIGHUP"),
    ],
)
def test_tools_have_their_own_help(tool: str, example: str, status: str) -> None:
    code, out, err = run([tool, "--help"])
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: translit {tool}")
    assert example in out
    assert f"exit status: {status}" in out
    assert "translit -t latin" not in out  # not the converter's examples
    # The description is wrapped like the rest (argparse keeps the line breaks it is given),
    # and every argument says what it is.
    assert max(map(len, out.splitlines())) <= 90, out
    assert not re.search(r"^  \S+$", out, re.MULTILINE), out
