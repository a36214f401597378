"""Conversion in several processes: many texts at once, and the command's ``-j N``.

A :class:`~translit.Transliterator` pickles as its id and options and is rebuilt from the
receiving process's cache, so shipping one with every task costs a few hundred bytes and a
worker compiles each direction once.

The command cuts its input into blocks that convert on their own
(:meth:`Transliterator.cut`: after a newline, or else a space, that no text rule can look
across), converts them in worker processes and writes the results in input order, with a
fixed number of blocks in flight. Where no such cut exists (a long run without spaces, or a
long chain of dates) the main process converts what the streaming conversion would
(:meth:`Transliterator.convert_prefix`) and goes on from the text it holds back; the result is
the one-shot conversion either way.
"""

from __future__ import annotations

import collections
import concurrent.futures
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator

from .engine import Transliterator, as_texts

#: Characters per block a worker converts in the command (``-j``).
BLOCK_CHARS = 1 << 20
#: Blocks in flight per worker: one being converted, one waiting in its queue.
IN_FLIGHT = 2
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
    # The command's SIGTERM/SIGHUP handlers (they clean up its temporary files) are inherited
    # through fork: a worker must simply end when terminate() signals it.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _pool(size: int) -> concurrent.futures.ProcessPoolExecutor:
    # Workers come from a fork server, not a fork of the caller: a fork taken while another
    # thread of the caller holds a lock (a web server's, a logging handler's, an import's)
    # leaves the worker waiting on it forever. A Transliterator pickles as its id and
    # options, so a worker rebuilds it once from its own cache.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["translit"])  # imported once, in the server
    return concurrent.futures.ProcessPoolExecutor(
        size, mp_context=context, initializer=_quiet_worker
    )


def _convert_texts(t: Transliterator, texts: list[str], format: str) -> list[str]:
    if format == "text":
        return t.map(texts)
    from . import formats

    return [formats.convert(text, t, format) for text in texts]


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
    if format != "text":
        from . import formats

        formats.check(format)
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


# -- the command's -j --------------------------------------------------------------------------

_command_pool: tuple[int, concurrent.futures.ProcessPoolExecutor] | None = None


def _command_workers(size: int) -> concurrent.futures.ProcessPoolExecutor:
    """The command's pool: started on first use, kept for every input of the run."""
    global _command_pool
    if _command_pool is None or _command_pool[0] != size:
        shutdown()
        _command_pool = size, _pool(size)
    return _command_pool[1]


def shutdown() -> None:
    """End the command's worker processes at once (after success, an error or Ctrl-C)."""
    global _command_pool
    if _command_pool is None:
        return
    pool = _command_pool[1]
    _command_pool = None
    # Work still queued is of no use any more (an error, Ctrl-C, a closed stdout).
    handles = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in handles:
        if process.is_alive():
            process.terminate()
    for process in handles:
        process.join()
    # The pool's manager thread closes its wake-up pipe as it ends, and Python 3.11's exit
    # hook writes to that pipe without a lock: if the two meet, "Bad file descriptor" is
    # printed at exit (seen once in CI, translit -j 2 | head). Wait for the thread to end.
    if manager is not None:
        manager.join(timeout=10)


def _convert_block(t: Transliterator, block: str) -> str:
    return t.transliterate(block)


def convert_blocks(
    texts: Iterable[str],
    t: Transliterator,
    *,
    jobs: int,
    position: Callable[[], int],
    block: int | None = None,
) -> Iterator[tuple[str, int]]:
    """Convert the concatenation of ``texts`` in ``jobs`` processes (0: every core).

    Yields (output, where) in input order; ``where`` is what ``position()`` (the bytes read,
    for a progress bar) said when the output's input had been read. The outputs join to
    ``t("".join(texts))``. Blocks are of about ``block`` characters (BLOCK_CHARS).
    """
    block = block or BLOCK_CHARS
    size = workers(jobs)
    pool = _command_workers(size)
    pending: collections.deque[tuple[concurrent.futures.Future[str] | str, int]]
    pending = collections.deque()
    parts: list[str] = []
    length = 0
    source = iter(texts)
    try:
        while True:
            try:
                text = next(source)
            except StopIteration:
                break
            except Exception:
                # The input failed (undecodable bytes): first write what one job would have.
                while pending:
                    yield _result(pending.popleft())
                yield t.convert_prefix("".join(parts))[0], position()
                raise
            parts.append(text)
            length += len(text)
            if length < block:
                continue
            buffer = "".join(parts)
            while len(buffer) >= block:
                cut = t.cut(buffer, len(buffer) // 2)
                if cut:
                    pending.append((pool.submit(_convert_block, t, buffer[:cut]), position()))
                    buffer = buffer[cut:]
                else:  # no cut that converts on its own: convert what the stream would
                    out, buffer = t.convert_prefix(buffer)
                    pending.append((out, position()))
                    if len(buffer) >= block:  # held back (at most HOLD_BACK): read more first
                        break
                while len(pending) >= IN_FLIGHT * size:
                    yield _result(pending.popleft())
            parts = [buffer] if buffer else []
            length = len(buffer)
        if parts:
            pending.append((pool.submit(_convert_block, t, "".join(parts)), position()))
        while pending:
            yield _result(pending.popleft())
    finally:
        for future, _ in pending:
            if not isinstance(future, str):
                future.cancel()


def _result(item: tuple[concurrent.futures.Future[str] | str, int]) -> tuple[str, int]:
    future, where = item
    return (future if isinstance(future, str) else future.result()), where
