"""Loading of the table-driven cases in tests/data (shared by several test modules)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, NamedTuple

DATA = Path(__file__).parent / "data"


class Case(NamedTuple):
    id: str
    direction: str  # "c2l" or "l2c"
    input: str
    expected: str
    options: dict[str, Any]
    note: str


def _unescape(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode-escape")


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a TSV file in tests/data, without comment lines and the header."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    rows = [row for row in rows if row and not row[0].startswith("#")]
    return rows[1:]


def spec_cases() -> list[Case]:
    """Every row of the spec's two tables (ORTHOGRAPHY.md §8 and §9)."""
    cases = []
    for i, row in enumerate(read_tsv("cases-cyrl-latn.tsv"), 2):
        cases.append(Case(f"c2l-{i}-{row[0]}", "c2l", row[0], row[1], {}, f"{row[2]} {row[3]}"))
    for i, row in enumerate(read_tsv("cases-latn-cyrl.tsv"), 2):
        cases.append(Case(f"l2c-{i}-{row[0]}", "l2c", row[0], row[1], {}, row[2]))
    return cases


def extra_cases() -> list[Case]:
    cases = []
    for row in read_tsv("cases-extra.tsv"):
        ident, direction, text, expected, options, source = row
        opts = parse_options(options)
        cases.append(Case(ident, direction, _unescape(text), _unescape(expected), opts, source))
    return cases


def parse_options(text: str) -> dict[str, Any]:
    """Options of a case: ``key=value;key=value`` (True/False flags, keep=word,word)."""
    options: dict[str, Any] = {}
    for item in filter(None, text.split(";")):
        name, value = item.split("=", 1)
        flags = {"True": True, "False": False}
        options[name] = value.split(",") if name == "keep" else flags.get(value, value)
    return options
