"""Where a markup construct ends, found in linear time however many of them never end.

A tag (``<a title="x">``) or an XML declaration (``<!DOCTYPE x [...]>``) ends at the first
``>`` that its own little state machine reaches outside a quoted value (and, in a DTD,
outside brackets). When none is reached within the look-ahead window, the ``<`` is text and
the scanner tries again at the next ``<``: on ``<a <a <a ...`` each attempt would read the
whole window again, quadratic time (issue 13). Here the machines of all starts run on one
shared record instead:

* Each machine is a path through (position, state) pairs. Where two paths reach the same
  pair they go on identically, so a path that arrives at a pair another path has already
  visited joins that path (union-find) instead of reading on. Pairs are recorded where the
  state changes, which is where two paths can meet.
* A path remembers how far it has read and in which state, so a later start (one with a
  larger window) or more text from a stream continues it instead of starting over.
* Runs of a state (a name, an unquoted value, a quoted string) are read by one C search.

So every (position, state) is read once per path, and there are a handful of states: the
cost is linear in the text. Positions are absolute (from the start of the document), so the
record survives the buffer being cut and extended between the feeds of a stream; entries
behind the scanner are dropped as it moves on.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

# One transition of a machine: (buffer, index, limit, state) -> (index, state, end or -1).
_Step = Callable[[str, int, int, int], tuple[int, int, int]]

_WS_RUN = regex.compile(r"[ \t\n\r\f]*")
_WS_SLASH_RUN = regex.compile(r"[ \t\n\r\f/]*")
_ATTR_NAME_STOP = regex.compile(r"[ \t\n\r\f/>=]")
_UNQUOTED_STOP = regex.compile(r"[ \t\n\r\f>]")
_TAG_NAME_STOP = regex.compile(r"[ \t\n\r\f/>]")
_DTD_STOP = regex.compile(r"""["'\[\]>]""")

# Tag states (those of the HTML tokenizer after the tag name).
_BEFORE_NAME, _NAME, _AFTER_NAME, _BEFORE_VALUE, _UNQUOTED, _DOUBLE, _SINGLE = range(7)
# XML declaration states: outside quotes / in "..." / in '...', each outside or inside [ ].
_OUT, _OUT_SUBSET, _DQ, _SQ, _DQ_SUBSET, _SQ_SUBSET = range(6)


class _Path:
    """One machine's progress: it has read up to ``pos`` and is in ``state``; ``end`` is the
    position of the '>' that ends it (-1 while unknown); ``into`` the path it joined."""

    __slots__ = ("end", "into", "pos", "state")

    def __init__(self, pos: int, state: int) -> None:
        self.pos = pos
        self.state = state
        self.end = -1
        self.into: _Path | None = None

    def root(self) -> _Path:
        path = self
        while path.into is not None:
            path = path.into
        node = self
        while node.into is not None and node.into is not path:  # path compression
            node.into, node = path, node.into
        return path


class _NextStop:
    """The first match of a one-character pattern at or after a position, remembered.

    Holds one interval ``[lo, hi)`` known to contain no match and what is at ``hi`` (a
    match, or the end of what was read), so that searches from increasing positions read
    every character once.
    """

    __slots__ = ("found", "hi", "lo", "pattern")

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self.pattern = pattern
        self.lo = self.hi = 0
        self.found = False

    def find(self, buf: str, origin: int, start: int, limit: int) -> int:
        """Absolute position of the first match in ``[start, limit)`` (absolute), or -1."""
        if not self.lo <= start <= self.hi:
            self.lo = self.hi = start
            self.found = False
        if self.found:
            return self.hi if self.hi < limit else -1
        if self.hi >= limit:
            return -1
        match = self.pattern.search(buf, self.hi - origin, limit - origin)
        if match is None:
            self.hi = limit
            return -1
        self.hi = match.start() + origin
        self.found = True
        return self.hi


class Closers:
    """Ends of tags and declarations for one document, scanned once (see the module doc).

    ``origin`` is the absolute position of ``buf[0]`` in every call; callers move it on
    as they drop the text before it.
    """

    __slots__ = ("_decl", "_gt", "_name", "_tags", "origin")

    def __init__(self) -> None:
        self.origin = 0
        self._tags: dict[int, _Path] = {}
        self._decl: dict[int, _Path] = {}
        self._name = _NextStop(_TAG_NAME_STOP)
        self._gt = _NextStop(regex.compile(">"))

    def forget_before(self, position: int, window: int) -> None:
        """Drop what only starts before ``position`` (absolute) can use."""
        for memo in (self._tags, self._decl):
            if len(memo) > 4 * window:
                low = position * 8
                kept = {key: path for key, path in memo.items() if key >= low}
                memo.clear()
                memo.update(kept)

    def next_gt(self, buf: str, start: int, limit: int) -> int:
        """Index in ``buf`` of the first '>' in ``buf[start:limit]``, or -1."""
        found = self._gt.find(buf, self.origin, start + self.origin, limit + self.origin)
        return found - self.origin if found >= 0 else -1

    def tag_end(self, buf: str, name_start: int, limit: int) -> int:
        """Index of the '>' ending the tag whose name starts at ``name_start``, if it ends
        before ``limit``; else -1. Follows the states of ``markup._parse_tag``."""
        origin = self.origin
        if self.next_gt(buf, name_start, limit) < 0:
            return -1  # no '>' at all: it cannot end
        name_end = self._name.find(buf, origin, name_start + origin, limit + origin)
        if name_end < 0:
            return -1
        return self._run(buf, self._tags, name_end, _BEFORE_NAME, limit + origin, self._tag_step)

    def declaration_end(self, buf: str, start: int, limit: int) -> int:
        """Index of the '>' ending the XML declaration whose body starts at ``start`` (after
        ``<!``), if before ``limit``; else -1. Quoted strings are skipped, and a '>' inside
        ``[ ]`` (an internal DTD subset) does not end it."""
        if self.next_gt(buf, start, limit) < 0:
            return -1
        return self._run(buf, self._decl, start + self.origin, _OUT, limit + self.origin, _dtd_step)

    def _run(
        self,
        buf: str,
        memo: dict[int, _Path],
        pos: int,
        state: int,
        limit: int,
        step: _Step,
    ) -> int:
        key = pos * 8 + state
        path = memo.get(key)
        if path is None:
            path = memo[key] = _Path(pos, state)
        path = path.root()
        origin = self.origin
        while path.end < 0 and path.pos < limit:
            new_pos, new_state, end = step(buf, path.pos - origin, limit - origin, path.state)
            if end >= 0:
                path.end = end + origin
                break
            new_pos += origin
            key = new_pos * 8 + new_state
            other = memo.get(key)
            if other is not None and other.root() is not path:
                path.into = other = other.root()
                path = other
                continue
            memo[key] = path
            path.pos, path.state = new_pos, new_state
        return path.end - origin if 0 <= path.end < limit else -1

    @staticmethod
    def _tag_step(buf: str, j: int, limit: int, state: int) -> tuple[int, int, int]:
        """One transition of a tag's machine from ``buf[j]``: (position, state, end or -1)."""
        if state in (_BEFORE_NAME, _AFTER_NAME, _BEFORE_VALUE):
            run = _WS_SLASH_RUN if state == _BEFORE_NAME else _WS_RUN
            match = run.match(buf, j, limit)
            assert match is not None  # it matches the empty string
            j = match.end()
            if j >= limit:
                return limit, state, -1
            char = buf[j]
            if char == ">":
                return j, state, j
            if state == _BEFORE_NAME:
                return j + 1, _NAME, -1
            if state == _AFTER_NAME:
                if char == "=":
                    return j + 1, _BEFORE_VALUE, -1
                return j + 1, _BEFORE_NAME if char == "/" else _NAME, -1
            if char == '"' or char == "'":
                return j + 1, _DOUBLE if char == '"' else _SINGLE, -1
            return j + 1, _UNQUOTED, -1
        if state in (_DOUBLE, _SINGLE):
            close = buf.find('"' if state == _DOUBLE else "'", j, limit)
            if close < 0:
                return limit, state, -1
            return close + 1, _BEFORE_NAME, -1
        stop = (_ATTR_NAME_STOP if state == _NAME else _UNQUOTED_STOP).search(buf, j, limit)
        if stop is None:
            return limit, state, -1
        k = stop.start()
        char = buf[k]
        if char == ">":
            return k, state, k
        if state == _UNQUOTED:
            return k + 1, _BEFORE_NAME, -1
        if char == "=":
            return k + 1, _BEFORE_VALUE, -1
        return k + 1, _BEFORE_NAME if char == "/" else _AFTER_NAME, -1


def _dtd_step(buf: str, j: int, limit: int, state: int) -> tuple[int, int, int]:
    """One transition of an XML declaration's machine (see Closers.declaration_end)."""
    subset = state in (_OUT_SUBSET, _DQ_SUBSET, _SQ_SUBSET)
    if state in (_DQ, _SQ, _DQ_SUBSET, _SQ_SUBSET):
        close = buf.find('"' if state in (_DQ, _DQ_SUBSET) else "'", j, limit)
        if close < 0:
            return limit, state, -1
        return close + 1, _OUT_SUBSET if subset else _OUT, -1
    while True:
        stop = _DTD_STOP.search(buf, j, limit)
        if stop is None:
            return limit, state, -1
        k = stop.start()
        char = buf[k]
        if char == ">":
            if not subset:
                return k, state, k
            j = k + 1
            continue
        if char == "[":
            return k + 1, _OUT_SUBSET, -1
        if char == "]":
            return k + 1, _OUT, -1
        if char == '"':
            return k + 1, _DQ_SUBSET if subset else _DQ, -1
        return k + 1, _SQ_SUBSET if subset else _SQ, -1
