"""translit.dask on a real LocalCluster with two worker processes (skipped without Dask)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dask = pytest.importorskip("dask", reason="Dask is not installed (pip install 'uz-translit[dask]')")
distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is not installed")

import dask.bag as db  # noqa: E402

import translit  # noqa: E402
import translit.dask as tdask  # noqa: E402

from .cases import DATA  # noqa: E402

SEED = (DATA / "seed.cyrl.txt").read_text(encoding="utf-8")
SEED_LATN = (DATA / "seed.latn.txt").read_text(encoding="utf-8")
LINES = SEED.splitlines(keepends=True) * 3 + ["", "1994 йил 24 август", "Chevron ва Шаҳар"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_bag_on_two_worker_processes(client: Any) -> None:
    bag = db.from_sequence(LINES, npartitions=6)
    result = tdask.to_latin(bag, apostrophe="typographic")
    assert isinstance(result, db.Bag)  # lazy, the same kind
    assert result.compute() == [translit.to_latin(x, apostrophe="typographic") for x in LINES]
    back = tdask.transliterate(bag.map(translit.to_latin), target="cyrillic", source="latin")
    assert back.compute() == [translit.to_cyrillic(translit.to_latin(x)) for x in LINES]
    # Each worker process compiled the direction once, however many partitions it ran.
    compiled = client.run(lambda: translit._get.cache_info().currsize)
    assert len(compiled) == 2
    assert all(1 <= count <= 3 for count in compiled.values()), compiled


def test_series_column_keeps_missing_cells() -> None:
    # In this process (importing pandas in two fresh workers would double the test's time);
    # the partitions go through the same function as a bag's.
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    cells = [*SEED_LATN.splitlines(), None, math.nan, "Chevron shahar"]
    frame = pd.DataFrame({"text": cells, "n": range(len(cells))})
    ddf = dd.from_pandas(frame, npartitions=3)
    result = tdask.to_cyrillic(ddf["text"], keep=["Chevron"])
    assert isinstance(result, dd.Series)
    got = result.compute(scheduler="sync")
    expected = [
        translit.to_cyrillic(c, keep=["Chevron"]) if isinstance(c, str) else c for c in cells
    ]
    assert list(got.index) == list(frame.index)
    assert [x if isinstance(x, str) else None for x in got] == [
        x if isinstance(x, str) else None for x in expected
    ]
    assert got.name == "text"
    with pytest.raises(TypeError, match="column"):
        tdask.to_latin(ddf)


def test_files_on_two_worker_processes(client: Any, tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    texts = {
        "a.txt": SEED.replace("\n", "\r\n").encode(),
        "b.txt": ("Шаҳар\n" * 1000 + "Ўзбек" * 3000).encode(),
        "c.html": '<p title="Цирк">Ер &laquo;Шаҳар&raquo;</p>\r\n'.encode(),
        "empty.txt": b"",
    }
    for name, data in texts.items():
        (corpus / name).write_bytes(data)
    written = tdask.convert_files(corpus, out, target="latin")
    assert sorted(Path(p).name for p in written) == sorted(texts)
    for name, data in texts.items():
        fmt = translit.format_for_path(name)
        expected = translit.to_latin(data.decode(), format=fmt).encode()
        assert (out / name).read_bytes() == expected, name
    # a glob, a list, compute=False
    lazy = tdask.convert_files(
        str(corpus / "*.txt"), tmp_path / "out2", target="latin", compute=False
    )
    assert sorted(Path(p).name for p in lazy.compute()) == ["a.txt", "b.txt", "empty.txt"]
    assert not list(out.glob("*.tmp"))


def test_arguments_are_checked_at_once(tmp_path: Path) -> None:
    bag = db.from_sequence(["x"])
    with pytest.raises(ValueError, match="unknown option"):
        tdask.to_latin(bag, colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="format"):
        tdask.to_latin(bag, format="pdf")
    with pytest.raises(TypeError, match="bag or series"):
        tdask.to_latin(["Шаҳар"])
    with pytest.raises(FileNotFoundError, match="no files"):
        tdask.convert_files(str(tmp_path / "*.txt"), tmp_path / "out", target="latin")
    (tmp_path / "a.txt").write_text("Шаҳар", encoding="utf-8")
    with pytest.raises(ValueError, match="own folder"):
        tdask.convert_files(tmp_path, tmp_path, target="latin")
    with pytest.raises(TypeError, match=r"texts\[\d+\]: translit converts str, not int"):
        tdask.to_latin(db.from_sequence(["Шаҳар", 3])).compute(scheduler="sync")
