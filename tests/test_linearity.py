"""Linear time on hostile input (issue 13): the benchmark's quick run, and the pieces that
make the markup scanner linear (closers.py) checked against the tag parser they replace."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import markup
from translit.closers import Closers

ROOT = Path(__file__).resolve().parent.parent


def _load_benchmark() -> object:
    spec = importlib.util.spec_from_file_location(
        "benchmarks_linearity", ROOT / "benchmarks" / "linearity.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmarks_linearity"] = module
    spec.loader.exec_module(module)
    return module


def test_quick_run_passes_and_reports_every_shape(tmp_path: Path) -> None:
    # Noise-proof: CPU time, the least of repeats, and 4x allowed where quadratic is 10x.
    bench: object = _load_benchmark()
    out = io.StringIO()
    path = tmp_path / "linearity.json"
    with contextlib.redirect_stdout(out):
        status = bench.main(["--quick", "--json", str(path)])  # type: ignore[attr-defined]
    table = out.getvalue()
    assert status == 0, table
    assert "PASS" in table
    results = json.loads(path.read_text(encoding="utf-8"))
    shapes = {shape.id for shape in bench.SHAPES}  # type: ignore[attr-defined]
    rows = {(row["shape"], row["mode"]) for row in results["rows"]}
    assert rows == {(shape, mode) for shape in shapes for mode in ("oneshot", "stream")}
    for row in results["rows"]:
        assert all(figure > 0 for figure in row["ns_per_char"].values())


_TAG_TEXT = st.text(alphabet="<a= \"'>/\n[]x!Ё", max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=_TAG_TEXT, window=st.integers(2, 40))
def test_closers_end_tags_where_the_tag_parser_does(text: str, window: int) -> None:
    closers = Closers()
    for i, char in enumerate(text):
        k = i + 2 if text[i + 1 : i + 2] == "/" else i + 1
        if char != "<" or k >= len(text) or not text[k].isalpha():
            continue
        limit = min(len(text), i + window)
        parsed = markup._parse_tag(text, i, limit)
        assert closers.tag_end(text, k, limit) == (parsed[0] - 1 if parsed else -1)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ('<!DOCTYPE t [<!ENTITY e "Ер>">]>', 31),  # '>' in quotes and in the subset
        ("<!x [ > ] >", 10),
        ("<!x [[ > ] >", 11),  # brackets do not nest in an internal subset
        ("<!x 'a>' ", -1),
    ],
)
def test_declaration_ends(text: str, ends: int) -> None:
    assert Closers().declaration_end(text, 2, len(text)) == ends


@pytest.mark.parametrize(
    ("unit", "format"),
    [
        ("<a ", "html"),
        ("<a\n", "markdown"),
        ("<!x[", "xml"),
        ("<http://a", "markdown"),
        ("[x](<a", "markdown"),
        ('<a title="Ер ', "xml"),
        ("<a x='>' ", "html"),
    ],
)
def test_unclosed_constructs_stream_like_one_shot(unit: str, format: str) -> None:
    # 60 K characters: before issue 13 each of these took a minute or more.
    text = unit * (60_000 // len(unit))
    t = translit.get("uz_Cyrl-uz_Latn")
    whole = translit.convert_markup(text, t, format)
    chunks = [text[i : i + 97] for i in range(0, len(text), 97)]
    assert "".join(translit.stream_markup(chunks, t, format)) == whole
