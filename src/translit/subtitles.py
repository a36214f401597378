"""Subtitles: SubRip (.srt) and WebVTT (.vtt); only the cue text changes.

A subtitle file is read line by line. A line is either kept as it is (cue numbers,
timings with their cue settings, blank lines, and in WebVTT the ``WEBVTT`` header, cue
identifiers and the ``NOTE``, ``STYLE`` and ``REGION`` blocks) or it is cue text. In cue
text, tags (``<i>``, ``<b>``, ``<u>``, ``<c.class>``, ``<v Name>``, ``<ruby>``, ``<rt>``,
timestamps ``<00:01.500>``, SubRip's ``<font color="...">``) and the ``{\\an8}``-style
override codes many SubRip files carry are kept; character references (``&amp;``,
``&lrm;``) are kept and converted *with* the text around them, as in markup.py; the text
is converted. The cue text of a whole cue is one run, so that a word's context does not
stop at a line break.

Voice names (``<v Шавкат>``) are kept: they are identifiers that ``::cue(v[voice=...])``
rules in STYLE blocks match, not displayed text. The language of a ``<lang uz-Cyrl>`` span
is updated to the new script, as ``lang`` attributes are in HTML.

Line endings (``\\r\\n`` or ``\\n``) and a byte order mark come out as they went in. A
stream holds back at most the current line (lines longer than MAX_LINE are judged by
their beginning and streamed in parts), so ``"".join(feeds) + finish()`` equals the one-shot
conversion however the input was cut.

>>> import translit
>>> t = translit.get("uz_Cyrl-uz_Latn")
>>> convert_subtitles("1\\n00:00:01,000 --> 00:00:02,500\\n<i>Ўзбекистон</i> &amp; Ер\\n", t, "srt")
'1\\n00:00:01,000 --> 00:00:02,500\\n<i>Oʻzbekiston</i> &amp; Yer\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from .engine import _type_error
from .formats import SUBTITLE_FORMATS
from .markup import (
    ENTITY,
    KEEP,
    MAX_CONSTRUCT,
    REPLACE,
    TEXT,
    Segment,
    TextConverter,
    _Runs,
    swap_lang,
)
from .stream import drive

#: The subtitle formats.
FORMATS = SUBTITLE_FORMATS

#: Longest line that is read whole; a longer one is judged by its beginning and read in
#: parts of this length (as markup's constructs). It bounds what a stream holds back.
MAX_LINE = MAX_CONSTRUCT

# A timing line: a timestamp, then "-->" (the rest, cue settings included, is kept).
_TIMING = regex.compile(r"[ \t]*[0-9]+(?::[0-9]+)+(?:[.,][0-9]+)?[ \t]*-->")
# WebVTT blocks that are not cues; their contents are kept up to the next blank line.
_VTT_BLOCK = regex.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
# In cue text: a tag (or a timestamp tag), an override code, a character reference. Each
# alternative stops at the next character that could start another, so a line is scanned
# in linear time.
_CUE_TOKEN = regex.compile(
    r"<(?:/?[A-Za-z][^<>\n]*|[0-9][0-9:.]*)>"
    r"|\{\\[^{}\n]*\}"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});"
)
# <lang uz-Cyrl>: the language annotation of a WebVTT language span.
_LANG_TAG = regex.compile(r"<lang(?:\.[^\s.<>]+)*[ \t]+([^\s<>]+)")

# Where a WebVTT file is: before its first line, in a block whose lines are kept (the
# header, NOTE, STYLE, REGION, or a cue's lines before its timing), in cue text, or
# between blocks.
_START = "start"
_KEPT = "kept"
_BEFORE_TIMING = "before timing"
_CUE = "cue"
_BETWEEN = "between"


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")


class _Scanner:
    """Splits subtitles into segments, a buffer at a time (see markup._Scanner)."""

    def __init__(self, format: str, target: str | None) -> None:
        _check_format(format)
        self.vtt = format == "vtt"
        self.target = target
        self.state = _START
        self.cont: str | None = None  # kind of a line whose first part was already read
        self.unended = 0  # characters at the start of the next buffer known to hold no \n
        self._segments: list[Segment] = []
        self._kind = ""
        self._parts: list[str] = []

    def scan(self, buf: str, final: bool) -> tuple[list[Segment], int]:
        """Segments of the complete lines of ``buf`` (all of it if ``final``), and their end."""
        self._segments = []
        i, n = 0, len(buf)
        while i < n:
            # Search on from where the last call stopped: a line fed a character at a time
            # is searched once, not once per character.
            newline = buf.find("\n", i + self.unended, i + MAX_LINE)
            self.unended = 0
            if newline >= 0:
                end, complete = newline + 1, True
            elif n - i >= MAX_LINE:
                end, complete = i + MAX_LINE, False
            elif final:
                end, complete = n, True
            else:
                self.unended = n - i
                break
            self._line(buf[i:end], complete)
            i = end
        self._flush()
        return self._segments, i

    def _line(self, line: str, complete: bool) -> None:
        kind = self.cont if self.cont is not None else self._classify(line)
        self.cont = None if complete else kind
        if kind == KEEP:
            self._add(KEEP, line)
        else:
            self._cue_text(line)

    def _classify(self, line: str) -> str:
        """Whether a line (or the first part of a long one) is kept or cue text."""
        body = line.rstrip("\r\n")
        if self.state == _START:
            body = body.lstrip("\ufeff")
        blank = not body.strip(" \t\r\f")
        timing = _TIMING.match(body) is not None
        if not self.vtt:
            # SubRip has no text outside cues: every line that is not a number, a timing or
            # blank is cue text (so a cue with a blank line inside is still all converted).
            self.state = _BETWEEN
            return KEEP if blank or timing or body.strip(" \t").isdigit() else TEXT
        state = self.state
        if state == _START and body.startswith("WEBVTT"):
            self.state = _KEPT
        elif blank:
            self.state = _BETWEEN
        elif state in (_START, _BETWEEN):
            if _VTT_BLOCK.match(body):
                self.state = _KEPT
            else:  # a cue: an identifier line, or its timing line
                self.state = _CUE if timing else _BEFORE_TIMING
        elif state == _BEFORE_TIMING:
            if timing:
                self.state = _CUE
        elif state == _CUE and not timing:  # a timing line in a cue starts the next cue
            return TEXT
        return KEEP

    def _cue_text(self, line: str) -> None:
        pos = 0
        for match in _CUE_TOKEN.finditer(line):
            self._add(TEXT, line[pos : match.start()])
            token = match.group()
            if token[0] == "&":
                self._add(ENTITY, token)
            else:
                self._tag(token)
            pos = match.end()
        self._add(TEXT, line[pos:])

    def _tag(self, tag: str) -> None:
        lang = _LANG_TAG.match(tag)
        if lang is not None and self.target is not None:
            value = lang.group(1)
            new = swap_lang(value, self.target)
            if new != value:
                self._add(KEEP, tag[: lang.start(1)])
                self._add(REPLACE, value, new)
                self._add(KEEP, tag[lang.end(1) :])
                return
        self._add(KEEP, tag)

    def _add(self, kind: str, text: str, replacement: str = "") -> None:
        if not text:
            return
        if kind == self._kind and kind in (TEXT, KEEP):
            self._parts.append(text)
            return
        self._flush()
        if kind in (TEXT, KEEP):
            self._kind, self._parts = kind, [text]
        else:
            self._segments.append(Segment(kind, text, replacement))

    def _flush(self) -> None:
        if self._parts:
            self._segments.append(Segment(self._kind, "".join(self._parts)))
        self._kind, self._parts = "", []


def tokenize(text: str, format: str, target: str | None = None) -> list[Segment]:
    """Split subtitles into segments (as markup.tokenize); their strings join up to ``text``.

    >>> [tuple(s)[:2] for s in tokenize("WEBVTT\\n\\n00:01.000 --> 00:02.000 align:start\\n"
    ...                                 "<v Ер>Ер\\n", "vtt")]  # doctest: +NORMALIZE_WHITESPACE
    [('keep', 'WEBVTT\\n\\n00:01.000 --> 00:02.000 align:start\\n<v Ер>'), ('text', 'Ер\\n')]
    """
    if not isinstance(text, str):
        raise _type_error(text)
    segments, _ = _Scanner(format, target).scan(text, final=True)
    return segments


def convert_subtitles(text: str, transliterator: TextConverter, format: str) -> str:
    """Convert the cue text of subtitles in ``format`` ("srt" or "vtt")."""
    _check_format(format)
    if not isinstance(text, str):
        raise _type_error(text)
    return _Runs(transliterator).render(tokenize(text, format, transliterator.target), True)


class SubtitleStream:
    """Subtitles converted piece by piece: ``feed(chunk)`` returns what is certain,
    ``finish()`` the rest; together they equal :func:`convert_subtitles` of the whole.

    >>> import translit
    >>> s = SubtitleStream(translit.get("uz_Cyrl-uz_Latn"), "srt")
    >>> s.feed("1\\r\\n00:00:01,000 --> 00:0"), s.feed("0:02,000\\r\\nЕр юзи\\r\\n"), s.finish()
    ('1\\r\\n', '00:00:01,000 --> 00:00:02,000\\r\\nYer yuzi\\r\\n', '')
    """

    __slots__ = ("_format", "_rest", "_runs", "_scanner", "_transliterator")

    def __init__(self, transliterator: TextConverter, format: str) -> None:
        _check_format(format)
        self._transliterator = transliterator
        self._format = format
        self._reset()

    def _reset(self) -> None:
        self._scanner = _Scanner(self._format, self._transliterator.target)
        self._runs = _Runs(self._transliterator)
        self._rest = ""

    @property
    def pending(self) -> str:
        """The input not yet decided (at most the current line, or MAX_LINE of it)."""
        return self._rest

    def feed(self, chunk: str) -> str:
        """Take the next piece of input; return the output no later input can change."""
        if not isinstance(chunk, str):
            raise _type_error(chunk)
        if not chunk:
            return ""
        buffer = self._rest + chunk if self._rest else chunk
        segments, used = self._scanner.scan(buffer, final=False)
        self._rest = buffer[used:]
        return self._runs.render(segments, False)

    def finish(self) -> str:
        """Signal the end of input: return the rest of the output and start afresh."""
        segments, _ = self._scanner.scan(self._rest, final=True)
        out = self._runs.render(segments, True)
        self._reset()
        return out


def stream_subtitles(
    chunks: Iterable[str], transliterator: TextConverter, format: str
) -> Iterator[str]:
    """Convert subtitles that arrive in pieces; yields non-empty output pieces."""
    return drive(SubtitleStream(transliterator, format), chunks)
