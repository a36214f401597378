"""Table-driven cases: the spec's own test pairs, and translit's extra cases."""

from __future__ import annotations

import pytest

import translit

from .cases import Case, extra_cases, spec_cases

CONVERT = {"c2l": translit.to_latin, "l2c": translit.to_cyrillic}


@pytest.mark.parametrize("case", spec_cases(), ids=lambda c: c.id)
def test_spec_case(case: Case) -> None:
    assert CONVERT[case.direction](case.input, **case.options) == case.expected


@pytest.mark.parametrize("case", extra_cases(), ids=lambda c: c.id)
def test_extra_case(case: Case) -> None:
    assert CONVERT[case.direction](case.input, **case.options) == case.expected


def test_spec_tables_are_complete() -> None:
    # ORTHOGRAPHY.md §8 has 226 pairs and §9 has 73; a truncated copy would pass silently.
    cases = spec_cases()
    assert sum(c.direction == "c2l" for c in cases) == 226
    assert sum(c.direction == "l2c" for c in cases) == 73
