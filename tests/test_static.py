"""Type checking and lint are part of the suite, so one command runs everything."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
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


#: Where the sdist's own tests, doctests and benchmarks come from.
SOURCE_TREE = ("tests", "docs", "benchmarks", "examples", "scripts")


def _left_by_runs(path: str) -> bool:
    """Caches and results that runs leave in the tree (.gitignore), not sources."""
    return (
        bool({"__pycache__", ".hypothesis"} & set(path.split("/")))
        or path.startswith(("benchmarks/results/", "benchmarks/corpus/generated/"))
        or path.endswith((".pyc", ".pyo"))
    )


def test_sdist_holds_what_its_tests_need(tmp_path: Path) -> None:
    """The sdist (built by the project's backend, as `python -m build --sdist` does) has the
    tests with their data and conftest.py, the docs they run and the benchmarks."""
    pytest.importorskip("setuptools", minversion="77", reason="the build backend (setuptools)")
    # A copy without build leftovers: setuptools adds the files an old egg-info lists.
    tree = tmp_path / "tree"
    for name in (
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "MANIFEST.in",
        ".ci",
        "src",
        *SOURCE_TREE,
    ):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("*.egg-info"))
        elif source.exists():
            tree.mkdir(exist_ok=True)
            shutil.copy2(source, tree / name)
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta;"
            " print(build_meta.build_sdist(sys.argv[1]))",
            str(tmp_path),
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    name = built.stdout.split()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        members = {m.name.partition("/")[2] for m in sdist.getmembers() if m.isfile()}
    wanted = {
        path.relative_to(ROOT).as_posix()
        for top in SOURCE_TREE
        for path in (ROOT / top).rglob("*")
        if path.is_file()
    }
    wanted = {path for path in wanted if not _left_by_runs(path)}
    assert {"tests/conftest.py", "tests/data/seed.cyrl.txt", "docs/api.md"} <= wanted
    assert sorted(wanted - members) == []
    assert {"README.md", "LICENSE", "pyproject.toml", ".ci/run", "src/translit/py.typed"} <= members
    assert not [path for path in members if _left_by_runs(path)]
