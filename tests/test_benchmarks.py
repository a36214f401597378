"""Smoke test of the benchmark suite (benchmarks/run.py --quick) and its corpus generator.

Nothing here asserts on speed: the point is that the suite keeps running, checks outputs
before timing them, and reports every figure, so that it cannot rot.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import io
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, module_name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("corpus", "corpus")  # the name run.py imports it by
bench = _load("run", "benchmarks_run")

SECTIONS = {"oneshot", "oneshot_seed", "oneshot_udhr", "stream", "command", "startup", "memory"}
CHECKS = {"seed", "udhr", "stream", "command", "memory-lines", "memory-no-spaces"}
TARGETS = {
    "word_scan",
    "chars_per_s",
    "stream_vs_oneshot",
    "startup_ms",
    "rss_lines",
    "rss_no-spaces",
} | ({"vs_uconv"} if shutil.which("uconv") else set())


Quick = tuple[int, str, dict[str, Any]]


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> Quick:
    path = tmp_path_factory.mktemp("bench") / "bench.json"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = bench.main(["--quick", "--json", str(path)])
    return status, out.getvalue(), json.loads(path.read_text(encoding="utf-8"))


def test_quick_run_passes_its_checks(quick: Quick) -> None:
    status, table, results = quick
    assert status == 0, table
    assert results["checks_passed"] is True
    assert {c["name"] for c in results["checks"]} >= CHECKS
    for direction in ("c2l", "l2c"):
        assert any(c["name"] == "stream" and c["direction"] == direction for c in results["checks"])
    assert "SOME CHECKS FAILED" not in table


def test_quick_run_reports_every_figure(quick: Quick) -> None:
    _, table, results = quick
    assert set(results) >= {
        "meta",
        "corpora",
        "checks",
        "checks_passed",
        "sections",
        "targets",
        "targets_met",
        "skipped",
    }
    assert results["meta"]["mode"] == "quick"
    sections = {s["id"]: s for s in results["sections"]}
    assert set(sections) == SECTIONS
    for key in ("oneshot", "oneshot_seed", "oneshot_udhr", "stream", "command"):
        rows = {row["id"]: row for row in sections[key]["rows"]}
        translit_row = next(row for row in sections[key]["rows"] if row["role"] == "translit")
        for direction in ("c2l", "l2c"):
            cell = translit_row[direction]
            assert cell["chars_per_s"] > 0
            assert cell["mb_per_s"] > 0
            # every translit figure stands next to a reference measured in the same run
            reference = rows.get("re_findall") or rows["uconv"]
            if key != "command":
                assert reference[direction]["translit_ratio"] > 0
    startup = {row["id"]: row for row in sections["startup"]["rows"]}
    for direction in ("c2l", "l2c"):
        assert startup["translit"][direction]["ms"] > 0
        assert startup["python"][direction]["ms"] > 0
    memory = {row["id"]: row for row in sections["memory"]["rows"]}
    for direction in ("c2l", "l2c"):
        assert memory["small_lines"][direction]["peak_rss"] > 0
    found = {(t["target"], t["direction"]) for t in results["targets"]}
    assert found >= {(t, d) for t in TARGETS for d in ("c2l", "l2c")}
    for goal in results["targets"]:
        assert goal["passed"] in (True, False, None)
    assert "distinct" in table
    for section in results["sections"]:
        assert section["title"] in table
    assert table.count("target:") >= len(TARGETS)
    assert "PASS" in table or "FAIL" in table
    assert any("1 GB" in note for note in results["skipped"])


def test_generator_is_deterministic_and_sized() -> None:
    for script in corpus.SCRIPTS:
        for shape in corpus.SHAPES:
            text = corpus.generate(5_001, script, seed=3, shape=shape)
            assert len(text) == 5_001
            assert text == corpus.generate(5_001, script, seed=3, shape=shape)
            pieces = list(corpus.iter_generate(20_000, script, seed=3, shape=shape, chunk=1000))
            assert "".join(pieces).startswith(text)
            data = corpus.generate(4_097, script, seed=3, shape=shape, unit="bytes")
            assert len(data.encode("utf-8")) == 4_097
    assert corpus.generate(5_000, "latin", seed=1) != corpus.generate(5_000, "latin", seed=2)


def test_generator_shapes() -> None:
    assert "\n" in corpus.generate(20_000, "cyrillic", shape="lines")
    one_line = corpus.generate(20_000, "cyrillic", shape="one-line")
    assert "\n" not in one_line
    assert " " in one_line
    no_spaces = corpus.generate(20_000, "latin", shape="no-spaces")
    assert not any(c.isspace() for c in no_spaces)


def test_generator_text_is_realistic() -> None:
    cyrillic = corpus.generate(200_000, "cyrillic", seed=0)
    latin = corpus.generate(200_000, "latin", seed=0)
    # the same text in both scripts: the same sentences, paragraphs and specials
    assert cyrillic.count("\n") > 20

    def shape(text: str) -> list[int]:
        return [line.count(".") + line.count(",") for line in text.split("\n")[:3]]

    assert shape(cyrillic) == shape(latin)
    # many distinct words, growing with the size (not a tiny repeated vocabulary)
    small = corpus.distinct_words(cyrillic[:20_000])
    assert corpus.distinct_words(cyrillic) > 3 * small > 3_000
    # mixed scripts: Latin brand names inside Cyrillic text, Russian words inside Latin text
    assert any(brand in cyrillic for brand in corpus.BRANDS)
    assert any(word in latin for word in corpus.RUSSIAN)
    assert "ў" in cyrillic
    assert "oʻ" in latin
    assert "ў" not in latin.lower()


def test_corpus_doctests() -> None:
    assert doctest.testmod(corpus).failed == 0


def test_launcher_reports_the_childs_own_peak_rss() -> None:
    # Started directly, a child's ru_maxrss would include this process's peak RSS; the
    # launcher must keep a large parent out of the figure.
    ballast = bytearray(150_000_000)
    ballast[::4096] = b"\1" * len(ballast[::4096])
    run = bench.run_child([sys.executable, "-c", "pass"])
    assert run.finished
    assert run.peak_rss < 100_000_000
    del ballast


def test_helpers() -> None:
    assert bench.parse_size("100M") == 100_000_000
    assert bench.parse_size("1G") == 1_000_000_000
    assert bench.parse_size("500K") == 500_000
    assert bench.parse_size("1234") == 1234
    assert bench.plausible("a b\n12", "x y\n12") is None
    assert bench.plausible("a b\n12", "x y\n") is not None
    text = bench.avoid_block_multiple("a" * 8192)
    assert len(text.encode()) % 4096
    goal = bench.target("x", 5.0, 10.0, below=True)
    assert goal["passed"] is True
    assert bench.target("x", 5.0, 10.0)["passed"] is False
    assert bench.target("x", None, 10.0)["passed"] is None


def test_scale_quick_run_reports_its_figures(tmp_path: Path) -> None:
    scale = _load("scale", "benchmarks_scale")
    path, plot = tmp_path / "scale.json", tmp_path / "scale.svg"
    out = io.StringIO()
    args = ["--quick", "--json", str(path), "--svg", str(plot), "--headlines", "300"]
    args += ["--startup-runs", "1", "--skip", "cold", "--skip", "dask", "--skip", "jobs"]
    with contextlib.redirect_stdout(out):
        assert scale.main(args) == 0
    results = json.loads(path.read_text(encoding="utf-8"))
    assert set(results["figures"]) == {"many_vs_loop", "rss_ratio", "startup_ms"}
    assert all(row["value"] > 0 and "met" in row for row in results["rows"])
    assert "| start-up (fresh process) |" in out.getvalue()
    assert plot.read_text(encoding="utf-8").startswith("<svg")
