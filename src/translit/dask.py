"""Dask: convert corpora on every core of one machine or on a cluster (``uz-translit[dask]``).

>>> import dask.bag as db
>>> import translit.dask
>>> translit.dask.to_latin(db.from_sequence(["Шаҳар", "Ўзбекистон"])).compute(scheduler="sync")
['Shahar', 'Oʻzbekiston']

Each function takes a Dask bag of texts or a Dask series (a dataframe column) and returns the
same kind of collection, lazy: nothing runs before ``compute()`` (or ``to_textfiles``,
``to_parquet`` ...). A partition is converted with one :meth:`Transliterator.map` call, and
the transliterator travels as its id and options, so each worker process compiles a direction
once (translit.get's cache) however many tasks it runs. Missing cells of a series (None, NaN,
pandas.NA) stay missing; any other cell that is not a str is a TypeError.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import _for_target, formats
from .engine import Transliterator
from .options import OptionArgs
from .stream import drive

if TYPE_CHECKING:  # typing.Unpack is Python 3.11+; typing_extensions comes with mypy
    from typing_extensions import Unpack

try:
    import dask.bag
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "translit.dask needs Dask: pip install 'uz-translit[dask]'"
        " (or pip install 'dask[distributed]')"
    ) from exc

__all__ = ["convert_files", "to_cyrillic", "to_latin", "transliterate"]

#: Characters read per call when a file is converted (see transliterate_file).
CHUNK_SIZE = 1 << 20


def to_latin(collection: Any, *, format: str = "text", **options: Unpack[OptionArgs]) -> Any:
    """Cyrillic → Latin of every text in a Dask bag or series (lazy, same kind)."""
    return transliterate(collection, target="latin", format=format, **options)


def to_cyrillic(collection: Any, *, format: str = "text", **options: Unpack[OptionArgs]) -> Any:
    """Latin → Cyrillic of every text in a Dask bag or series (lazy, same kind)."""
    return transliterate(collection, target="cyrillic", format=format, **options)


def transliterate(
    collection: Any,
    *,
    target: str,
    source: str | None = None,
    format: str = "text",
    **options: Unpack[OptionArgs],
) -> Any:
    """Convert every text of a Dask bag or series to ``target`` ("latin" or "cyrillic").

    ``format`` and the options are those of :func:`translit.transliterate`; they are checked
    here, at once, not when the graph runs.
    """
    t = _for_target(target, source, options)
    if format != "text":
        formats.check(format)
    if isinstance(collection, dask.bag.Bag):
        return collection.map_partitions(_convert_partition, t, format)
    series = _series_type()
    if series is not None and isinstance(collection, series):
        return collection.map_partitions(_convert_series, t, format, meta=collection._meta)
    frame = _frame_type()
    if frame is not None and isinstance(collection, frame):
        raise TypeError(
            "translit.dask converts a column, not a whole dataframe:"
            " df.assign(text=translit.dask.to_latin(df['text']))"
        )
    raise TypeError(f"translit.dask converts a Dask bag or series, not {type(collection).__name__}")


def _series_type() -> Any:
    try:
        import dask.dataframe
    except ImportError:  # dask without its dataframe extra: bags only
        return None
    return dask.dataframe.Series


def _frame_type() -> Any:
    try:
        import dask.dataframe
    except ImportError:
        return None
    return dask.dataframe.DataFrame


def _convert_texts(t: Transliterator, texts: list[str], format: str) -> list[str]:
    if format == "text":
        return t.map(texts)
    return [formats.convert(text, t, format) for text in texts]


def _convert_partition(texts: Iterable[str], t: Transliterator, format: str) -> list[str]:
    return _convert_texts(t, list(texts), format)


def _convert_series(series: Any, t: Transliterator, format: str) -> Any:
    present = series.notna()
    out = series.copy()
    if bool(present.all()):
        values = _convert_texts(t, series.tolist(), format)
        return series.__class__(values, index=series.index, name=series.name, dtype=series.dtype)
    out[present] = _convert_texts(t, series[present].tolist(), format)
    return out


# -- files -------------------------------------------------------------------------------------


def convert_files(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    *,
    target: str,
    source: str | None = None,
    format: str = "auto",
    compute: bool = True,
    scheduler: Any = None,
    **options: Unpack[OptionArgs],
) -> Any:
    """Convert files into ``output_dir``, one task per file, on the current Dask scheduler.

    ``inputs`` is a folder (its files, not its subfolders), a glob pattern ("corpus/*.txt")
    or a list of paths. Each output has its input's name; bytes other than Uzbek words, line
    endings included, are kept. Files are UTF-8 and streamed in blocks, so a worker's
    memory does not grow with a file's size. ``format`` is "auto" (by extension: .html,
    .md, .srt ... else text) or any text format. Returns the list of paths written, or with
    ``compute=False`` the lazy Dask bag of them; ``scheduler`` is passed to ``compute()``
    (e.g. "sync" for this process only).
    """
    t = _for_target(target, source, options)
    if format != "auto":
        formats.check(format)
    paths = _inputs(inputs)
    out_dir = os.fspath(output_dir)
    names: dict[str, str] = {}
    for path in paths:
        name = os.path.basename(path)
        if name in names:
            raise ValueError(f"{path}: same name as {names[name]}; outputs would collide")
        names[name] = path
        if os.path.exists(os.path.join(out_dir, name)) and os.path.samefile(
            path, os.path.join(out_dir, name)
        ):
            raise ValueError(f"{path}: output_dir is its own folder; choose another folder")
    os.makedirs(out_dir, exist_ok=True)
    bag = dask.bag.from_sequence(paths, npartitions=max(1, len(paths)))
    written = bag.map(_convert_file, out_dir, t, format)
    if not compute:
        return written
    return written.compute() if scheduler is None else written.compute(scheduler=scheduler)


def _inputs(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    if isinstance(inputs, (str, os.PathLike)):
        where = os.fspath(inputs)
        if os.path.isdir(where):
            found = sorted(
                os.path.join(where, name)
                for name in os.listdir(where)
                if os.path.isfile(os.path.join(where, name))
            )
        else:
            found = sorted(glob.glob(where)) if glob.has_magic(where) else [where]
    else:
        found = [os.fspath(path) for path in inputs]
    if not found:
        raise FileNotFoundError(f"{os.fspath(inputs)!r}: no files")  # type: ignore[arg-type]
    for path in found:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: no such file")
    return found


def _convert_file(path: str, out_dir: str, t: Transliterator, format: str) -> str:
    fmt = formats.format_for_path(path) if format == "auto" else format
    target = os.path.join(out_dir, os.path.basename(path))
    temp = f"{target}.{os.getpid()}.tmp"
    try:
        # newline="": line endings pass through unchanged.
        with (
            open(path, encoding="utf-8", newline="") as infile,
            open(temp, "w", encoding="utf-8", newline="") as outfile,
        ):
            chunks = iter(lambda: infile.read(CHUNK_SIZE), "")
            for out in drive(formats.stream(t, fmt), chunks):
                outfile.write(out)
        os.replace(temp, target)  # a failed file leaves no partial output
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return target
