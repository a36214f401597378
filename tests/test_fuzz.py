"""The fuzzer's short run (grammar and invariants: tests/fuzzing.py; long runs:
scripts/fuzz.py, see docs/fuzzing.md)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from . import fuzzing


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=fuzzing.cases)
def test_invariants_hold(case: dict[str, Any]) -> None:
    fuzzing.check(**case)
