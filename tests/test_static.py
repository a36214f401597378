"""Type checking and lint are part of the suite, so one command runs everything."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        ["mypy", "--strict"],
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
    ],
    ids=" ".join,
)
def test_static_check_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_a_misspelt_option_or_choice(tmp_path: Path) -> None:
    """The options are typed (OptionArgs), not Any: a user's type checker catches a wrong
    name or value in every function that takes them, and accepts the right ones."""
    sample = tmp_path / "uses_translit.py"
    lines = {
        'translit.to_latin("x", apostrophe="ascii", keep=["Chevron"], quotes="native")': "",
        'translit.to_latin("x", apostrofe="ascii")': "call-arg",
        'translit.to_latin("x", apostrophe="asci")': "arg-type",
        'translit.to_cyrillic("x", soft_sign="sometimes")': "arg-type",
        'translit.transliterate("x", target="latin", particles="no")': "arg-type",
        'translit.explain("x", target="latin", izofa=True, colour="red")': "call-arg",
        'translit.get("uz_Cyrl-uz_Latn", foreign="drop")': "arg-type",
        'translit.stream_to_cyrillic([], foreign="keep", sh_tutuq=False)': "",
        'translit.stream_to_latin([], alphabet="2026", dates=1)': "arg-type",
        'translit.IncrementalTransliterator("uz_Cyrl-uz_Latn", apostrophes="ascii")': "call-arg",
        'translit.transliterate_many(["x"], target="latin", soft_sign="never")': "",
    }
    sample.write_text("import translit\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(sample)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    found = {
        int(line): code
        for line, code in re.findall(
            r"uses_translit\.py:(\d+): error: .*\[([\w-]+)\]$", result.stdout, re.MULTILINE
        )
    }
    expected = {number: code for number, code in enumerate(lines.values(), 3) if code}
    assert found == expected, result.stdout + result.stderr
