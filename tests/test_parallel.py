"""Many texts and many processes: pickling, Transliterator.map, transliterate_many."""

from __future__ import annotations

import concurrent.futures
import io
import itertools
import multiprocessing
import pickle
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import Options, Transliterator, cli, parallel

from .cases import DATA

SEED = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
SEED_LATN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
DIRECTIONS = translit.available()
OPTIONS: list[dict[str, Any]] = [
    {},
    {"apostrophe": "ascii", "dates": False},
    {"keep": ["Chevron", "Шаҳар"], "soft_sign": "never", "foreign": "convert"},
]


# -- pickling ----------------------------------------------------------------------------------


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("options", OPTIONS)
def test_a_transliterator_pickles_as_its_id_and_options(
    direction: str, options: dict[str, Any]
) -> None:
    t = translit.get(direction, **options)
    data = pickle.dumps(t)
    assert len(data) < 1000  # the id and options, not the compiled tables or the memo
    assert pickle.loads(data) is t  # rebuilt from this process's cache
    assert pickle.loads(pickle.dumps(t.options)) == t.options


def test_a_transliterator_without_lexicon_stays_without() -> None:
    t = Transliterator("uz_Latn-uz_Cyrl", Options(), use_lexicon=False)
    copy = pickle.loads(pickle.dumps(t))
    assert copy("Toshkent abzas") == t("Toshkent abzas")
    assert copy("abzas") != translit.to_cyrillic("abzas")  # the lexicon would give абзац


def test_unpickled_options_are_validated() -> None:
    data = pickle.dumps(Options(apostrophe="ascii")).replace(b"ascii", b"ASCII")
    with pytest.raises(ValueError, match="apostrophe"):
        pickle.loads(data)


def test_streams_pickle_with_what_they_hold_back() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    stream = translit.IncrementalTransliterator(t)
    head = stream.feed("Шаҳар с")
    copy = pickle.loads(pickle.dumps(stream))
    assert head + copy.feed("ҳифати") + copy.finish() == t("Шаҳар сҳифати")
    markup = translit.MarkupStream(t, "html")
    head = markup.feed('<p title="Ци')
    copy_markup = pickle.loads(pickle.dumps(markup))
    assert head + copy_markup.feed('рк">Ер') + copy_markup.finish() == translit.convert_markup(
        '<p title="Цирк">Ер', t, "html"
    )


def test_cloudpickle() -> None:
    cloudpickle = pytest.importorskip("cloudpickle")
    t = translit.get("uz_Latn-uz_Cyrl", keep=["Chevron"])
    assert cloudpickle.loads(cloudpickle.dumps(t)) is t
    convert = cloudpickle.loads(cloudpickle.dumps(lambda text: t(text).upper()))
    assert convert("Chevron shahar") == "Chevron ШАҲАР".upper()


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_pool_map(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    t = translit.get("uz_Cyrl-uz_Latn", apostrophe="typographic")
    lines = _lines(SEED)
    with multiprocessing.get_context(method).Pool(2) as pool:
        assert pool.map(t, lines) == [t(line) for line in lines]


def test_process_pool_executor() -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    lines = _lines(SEED)
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        assert list(pool.map(t, lines, chunksize=8)) == [t(line) for line in lines]
        assert list(pool.map(t.map, [lines[:5], lines[5:]])) == [t.map(lines[:5]), t.map(lines[5:])]


# -- many texts in one call --------------------------------------------------------------------

piece = st.sampled_from(
    [
        "Шаҳар", "ШАҲАР", "сҳифати", "Ўзбекистон", "Республикаси", "1994", "йил", "24", "август",
        "Oʻzbekiston", "shahar", "boʻlsa-da", "1994-yil", "Chevron", "www.gov.uz", "«Тошкент»",
        "Нью-Йорк", "абзац", "abzas", "x", "🙂", "—", "",
    ]
)  # fmt: skip
blank = st.sampled_from([" ", " ", "\n", "\r\n", "  "])
texts = st.lists(
    st.lists(st.tuples(piece, blank), max_size=8).map(lambda ps: "".join(a + b for a, b in ps))
    | st.text(max_size=12),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(texts=texts, direction=st.sampled_from(DIRECTIONS))
def test_map_equals_a_loop(texts: list[str], direction: str) -> None:
    t = translit.get(direction)
    assert t.map(texts) == [t(text) for text in texts]
    assert t.map(iter(texts)) == [t(text) for text in texts]


def test_map_groups_texts_larger_than_a_block() -> None:
    from translit import engine

    t = translit.get("uz_Cyrl-uz_Latn")
    many = [*_lines(SEED)] * 50 + [SEED * 20, "", "1994 йил\nШаҳар"] + _lines(SEED)
    assert len(SEED * 20) > engine.BLOCK
    assert t.map(many) == [t(text) for text in many]


@pytest.mark.parametrize("bad", [None, b"\xd0\xa8", 3])
def test_map_rejects_what_is_not_text(bad: object) -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        t.map(["Шаҳар", bad])  # type: ignore[list-item]


def test_transliterate_many() -> None:
    lines = _lines(SEED)
    assert translit.transliterate_many(lines, target="latin") == list(map(translit.to_latin, lines))
    assert translit.transliterate_many(
        ["Shahar", "Chevron"], target="cyrillic", source="latin", keep=["Chevron"]
    ) == ["Шаҳар", "Chevron"]
    html = ['<p title="Цирк">Ер</p>', "<b>Шаҳар</b>"]
    assert translit.transliterate_many(html, target="latin", format="html") == [
        translit.to_latin(doc, format="html") for doc in html
    ]
    assert translit.transliterate_many([], target="latin") == []


def test_transliterate_many_in_processes() -> None:
    lines = _lines(SEED) * 3
    expected = list(map(translit.to_latin, lines))
    got = translit.transliterate_many(lines, target="latin", processes=2, chunksize=7)
    assert got == expected
    with pytest.raises(TypeError, match="texts"):
        translit.transliterate_many(["x", 1], target="latin", processes=2)  # type: ignore[list-item]


def test_transliterate_many_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="processes"):
        translit.transliterate_many(["x"], target="latin", processes=-1)
    with pytest.raises(ValueError, match="chunksize"):
        translit.transliterate_many(["x"], target="latin", chunksize=0)
    with pytest.raises(ValueError, match="unknown option"):
        translit.transliterate_many(["x"], target="latin", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="not a str"):
        translit.transliterate_many("Шаҳар", target="latin")


# -- the command's -j ------------------------------------------------------------------------

run_piece = st.sampled_from(
    [
        "Шаҳар", "сҳифати", "1994", " йил", "\nйил", "24", " август", "Oʻzbekiston", "boʻlsa-da",
        "1994-yil", "www.gov.uz", "«Тошкент»", "Нью-Йорк", "Ўзбек" * 230, "1" * 1100, "x",
    ]
)  # fmt: skip
separator = st.sampled_from(["", "", " ", "\n", "\r\n", "  "])
documents = st.lists(st.tuples(run_piece, separator), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)


@pytest.fixture(scope="module")
def command_pool() -> Iterator[None]:
    yield
    parallel.shutdown()


@settings(max_examples=100, deadline=None)
@given(
    text=documents,
    block=st.integers(1, 3000),
    cuts=st.lists(st.integers(0, 10_000), max_size=6),
    direction=st.sampled_from(DIRECTIONS),
)
def test_blocks_in_two_processes_give_the_one_shot_conversion(
    command_pool: None, text: str, block: int, cuts: list[int], direction: str
) -> None:
    t = translit.get(direction)
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    chunks = [text[a:b] for a, b in itertools.pairwise(bounds)]
    outputs = parallel.convert_blocks(chunks, t, jobs=2, position=lambda: 0, block=block)
    assert "".join(out for out, _ in outputs) == t(text)
    # The command, reading blocks of ``read`` bytes: -j 2 writes what -j 1 writes.
    saved = cli.BLOCK_SIZE, parallel.BLOCK_CHARS
    try:
        cli.BLOCK_SIZE, parallel.BLOCK_CHARS = max(1, cuts[0] if cuts else 7), block
        target = "latin" if direction.startswith("uz_Cyrl") else "cyrillic"
        data = text.encode()
        assert _command(["-t", target, "-j", "2"], data) == _command(["-t", target], data)
    finally:
        cli.BLOCK_SIZE, parallel.BLOCK_CHARS = saved


def test_a_long_line_without_spaces_is_converted_in_bounded_pieces(command_pool: None) -> None:
    t = translit.get("uz_Cyrl-uz_Latn")
    text = "Ўзбекистон1994йил" * 3000  # 51,000 characters without a blank
    chunks = [text[i : i + 1000] for i in range(0, len(text), 1000)]
    outputs = list(parallel.convert_blocks(chunks, t, jobs=2, position=lambda: 0, block=4096))
    assert "".join(out for out, _ in outputs) == t(text)
    assert len(outputs) > 5
    assert max(len(out) for out, _ in outputs) < 3 * 4096


def _command(args: list[str], data: bytes) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = cli.main(args, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def small_parallel_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "BLOCK_CHARS", 64)
    monkeypatch.setattr(cli, "BLOCK_SIZE", 50)


SAMPLES = [
    ("latin", (SEED.replace("\n", "\r\n") * 2).encode()),
    ("latin", ("Шаҳар 1994\nйил 24 август " * 40 + "Ўзбек" * 500).encode()),
    ("cyrillic", (SEED_LATN * 2).encode()),
    ("cyrillic", b"\xef\xbb\xbfOzbekiston 1994-yil\r\n" * 30),
]


@pytest.mark.parametrize(("target", "data"), SAMPLES)
@pytest.mark.parametrize("jobs", ["2", "0"])
def test_command_jobs_gives_the_output_of_one_job(
    small_parallel_blocks: None, target: str, data: bytes, jobs: str
) -> None:
    one = _command(["-t", target], data)
    assert one[0] == 0
    assert _command(["-t", target, "-j", jobs], data) == one
    assert _command(["-t", target, "--jobs", jobs, "--apostrophe", "ascii"], data) == _command(
        ["-t", target, "--apostrophe", "ascii"], data
    )


def test_command_jobs_with_files_in_place_and_markup(
    small_parallel_blocks: None, tmp_path: Path
) -> None:
    a, b, page = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "p.html"
    a.write_text(SEED * 2, encoding="utf-8")
    b.write_text("Шаҳар\r\n" * 100, encoding="utf-8")
    page.write_text('<p title="Цирк">Ер</p>\n' * 50, encoding="utf-8")
    names = [str(a), str(b), str(page)]
    one = _command(["-t", "latin", *names], b"")
    assert one[0] == 0
    assert _command(["-t", "latin", "-j", "2", *names], b"") == one
    assert _command(["-t", "latin", "-j", "2", "-i", *names], b"") == (0, b"", "")
    assert [a.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")] == [
        translit.to_latin(SEED * 2),
        translit.to_latin('<p title="Цирк">Ер</p>\n' * 50, format="html"),
    ]


def test_command_jobs_error_is_the_same(small_parallel_blocks: None) -> None:
    data = "Шаҳар ва қишлоқ\n".encode() * 40 + b"\xff" + "Шаҳар\n".encode() * 40
    one = _command(["-t", "latin"], data)
    assert one[0] == 1
    assert "byte 1160: invalid UTF-8" in one[2]
    assert _command(["-t", "latin", "-j", "2"], data) == one


@pytest.mark.parametrize("bad", ["-1", "x", "1.5"])
def test_command_jobs_must_be_a_count(bad: str) -> None:
    code, _, err = _command(["-t", "latin", "-j", bad], b"")
    assert code == 2
    assert "-j/--jobs" in err


def test_progress_counts_the_output_of_all_workers(
    small_parallel_blocks: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cli, "PROGRESS_MIN_BYTES", 10)
    monkeypatch.setattr(cli, "PROGRESS_INTERVAL", 0.0)
    monkeypatch.setattr(parallel, "BLOCK_CHARS", 4096)
    monkeypatch.setattr(cli, "BLOCK_SIZE", 1024)
    path = tmp_path / "big.txt"
    path.write_text("Шаҳар ва қишлоқ\n" * 10_000, encoding="utf-8")
    err = Tty()
    code = cli.main(["-t", "latin", "-j", "2", str(path)], stdout=io.BytesIO(), stderr=err)
    assert code == 0
    shown = [float(x) for x in re.findall(r"big\.txt: ([\d.]+) /", err.getvalue())]
    assert shown == sorted(shown)
    assert shown[-1] > 0


def _children(pid: int) -> set[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: set[int] = set()
        for task in tasks:
            found.update(map(int, (task / "children").read_text().split()))
        return found
    except OSError:
        return set()


def _workers(pid: int) -> set[int]:
    """The worker processes of the command ``pid``: its children, or the children of the
    fork server it started (multiprocessing's helpers are not workers)."""
    found = set()
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing.forkserver" in command:
            found |= _children(child)
        elif b"multiprocessing.resource_tracker" not in command:
            found.add(child)
    return found


def _ended(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_command_jobs_ctrl_c_exits_130_and_ends_the_workers(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "translit", "-t", "latin", "-j", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        process.stdin.write(("Шаҳар ва қишлоқ\n" * 200_000).encode())  # blocks for the workers
        process.stdin.flush()
        deadline = time.monotonic() + 30
        while len(_workers(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = _workers(process.pid)
        assert len(workers) >= 2
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (130, b"")
    # terminate() was sent; the last ones may take a moment to be reaped.
    deadline = time.monotonic() + 10
    while not all(map(_ended, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_ended, workers))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_command_jobs_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(("Шаҳар ва қишлоқ\n" * 400_000).encode())  # about 11 MB
    with subprocess.Popen(
        [sys.executable, "-m", "translit", "-t", "latin", "-j", "2", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline() == b"Shahar va qishloq\n"
        process.stdout.close()
        stderr = process.stderr.read()
        code = process.wait(timeout=60)
    assert (code, stderr) == (0, b"")


dated = st.lists(
    st.tuples(
        st.sampled_from(["1994", "24", "2024", "Шаҳар", "Toshkent", "йил", "yil", "август"]),
        st.sampled_from([" ", "-", "\n", "  ", " йил ", "-yil ", " августда ", "-avgust "]),
    ),
    max_size=30,
).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=200, deadline=None)
@given(text=dated, direction=st.sampled_from(DIRECTIONS))
def test_text_with_dates_converts_as_explained(text: str, direction: str) -> None:
    # The one-shot call converts the text between rewritten spaces in one go; explain() goes
    # match by match, with the per-piece path.
    t = translit.get(direction)
    assert t(text) == "".join(step.output for step in t.explain(text))
    assert t.map([text, text + " 1994"]) == [t(text), t(text + " 1994")]
