"""The fuzzer's short run (grammar and invariants: tests/fuzzing.py; long runs:
scripts/fuzz.py, see docs/fuzzing.md)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from . import fuzzing


# Derandomised: the suite sees the same 400 cases each run (no flaky CI); long runs with new
# cases are scripts/fuzz.py's.
@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(case=fuzzing.cases)
def test_invariants_hold(case: dict[str, Any]) -> None:
    fuzzing.check(**case)
