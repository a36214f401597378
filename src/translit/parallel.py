"""Conversion in several processes: many texts at once.

A :class:`~translit.Transliterator` pickles as its id and options and is rebuilt from the
receiving process's cache, so shipping one with every task costs a few hundred bytes and a
worker compiles each direction once.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import os
import signal
from collections.abc import Iterable

from .engine import Transliterator, as_texts
from .markup import convert_markup

#: Texts per task of ``transliterate_many(..., processes=N)`` at most.
MAX_CHUNK = 10_000


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers(jobs: int) -> int:
    """The number of processes for ``jobs`` (0: one per core)."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise ValueError(f"processes={jobs!r}: give a number of processes, or 0 for every core")
    return jobs or cpu_count()


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(size: int) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(size, initializer=_quiet_worker)


def _convert_texts(t: Transliterator, texts: list[str], format: str) -> list[str]:
    if format == "text":
        return t.map(texts)
    return [convert_markup(text, t, format) for text in texts]


def map_texts(
    t: Transliterator,
    texts: Iterable[str],
    *,
    format: str = "text",
    processes: int | None = None,
    chunksize: int | None = None,
) -> list[str]:
    """Convert ``texts`` with ``t``, in ``processes`` worker processes if more than one."""
    if chunksize is not None and (not isinstance(chunksize, int) or chunksize < 1):
        raise ValueError(f"chunksize={chunksize!r}: give a number of texts, at least 1")
    size = 1 if processes is None else workers(processes)
    items = as_texts(texts)
    if size == 1 or len(items) < 2:
        return _convert_texts(t, items, format)
    if chunksize is None:
        chunksize = min(MAX_CHUNK, -(-len(items) // (4 * size)))  # four tasks per worker
    chunks = [items[at : at + chunksize] for at in range(0, len(items), chunksize)]
    out: list[str] = []
    with _pool(min(size, len(chunks))) as pool:
        for part in pool.map(_convert_texts, itertools.repeat(t), chunks, itertools.repeat(format)):
            out.extend(part)
    return out
