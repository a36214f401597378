"""The ``translit`` command: a filter like iconv, uconv or tr, for Uzbek Cyrillic ⇄ Latin.

Input is read in blocks of :data:`BLOCK_SIZE` bytes, decoded by an incremental decoder (which
also tells the byte offset of bad input), converted by an :class:`IncrementalTransliterator`,
encoded and written block by block: memory stays bounded whatever the size of the input or
the length of its lines. Only Uzbek words change; every other byte, including line endings and
a byte order mark, comes out as it went in.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import dataclasses
import errno
import io
import os
import re
import signal
import stat
import sys
import tempfile
import textwrap
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from types import FrameType
from typing import Any, BinaryIO, NoReturn, TextIO, cast

from . import __version__, get
from .detect import Detection, detect
from .engine import Transliterator
from .formats import DOCUMENT_FORMATS, FORMATS, MARKUP_FORMATS, format_for_path
from .formats import stream as format_stream
from .options import APOSTROPHES, FOREIGN, QUOTES, SOFT_SIGNS, Options
from .stream import Feeder, IncrementalTransliterator
from .tables import CYRILLIC, LATIN, LATIN_2026

#: Bytes per read. A module constant so that tests can make it tiny.
BLOCK_SIZE = 1 << 16
#: Inputs of at least this many bytes get a progress bar (when stderr is a terminal).
PROGRESS_MIN_BYTES = 1 << 24
#: Seconds between progress bar updates.
PROGRESS_INTERVAL = 0.2

PROG = "translit"
#: The script names of -t and -f (the 1995 and 2026 Latin alphabets are two schemes).
SCHEMES = {"latin": LATIN, "latin-2026": LATIN_2026, "cyrillic": CYRILLIC}
#: The direction of each -t when the input's script is not looked at.
TARGETS = {
    "latin": "uz_Cyrl-uz_Latn",
    "latin-2026": "uz_Cyrl-uz_Latn/2026",
    "cyrillic": "uz_Latn-uz_Cyrl",
}
ERRORS = ("strict", "replace", "surrogateescape")
STDIN = "-"

DESCRIPTION = """\
Convert Uzbek text between Cyrillic and Latin script (official 1995 orthography).
Reads the FILEs in order (standard input if there are none, or for -), writes to standard
output or OUT. Only Uzbek words change: every other byte, line endings and a byte order
mark included, comes out as it went in."""

EPILOG = """\
examples:
  translit -t latin kitob.txt > kitob.latn.txt
  echo 'Oʻzbekiston' | translit -t cyrillic
  translit -o hammasi.txt bir.txt ikki.txt      # direction detected per file
  translit --in-place -t latin *.txt
  translit -j 0 -t latin korpus.txt > korpus.latn.txt   # every core
  translit -t latin --apostrophe=ascii eski.txt
  translit -t latin --format=html sahifa.html > sahifa.latn.html
  translit -e cp1251 --errors=replace -t latin eski.txt

Output is UTF-8 unless --output-encoding says otherwise. With -o or --in-place the
target is replaced only when everything succeeded.

more commands (each has its own --help):
  translit check [--fix] FILE...   report (or fix) mixed scripts, unofficial apostrophes
                                   and spellings
  translit explain WORD...         show which rule or lexicon entry made each part
  translit serve                   the converter page and JSON API in the browser
                                   (the web extra)

exit status: 0 ok; 1 a file could not be read, decoded, converted or written;
2 bad usage; 130 interrupted; 128+N ended by signal N."""


CHECK_EPILOG = """\
examples:
  translit check maqola.txt             # FILE:LINE:COLUMN: what: word → fix
  translit check --fix maqola.txt sahifa.html    # only the text of the page
  translit check --format=markdown - < README.md

exit status: 0 nothing found (with --fix: nothing left unfixed); 1 something found (or
a file could not be read or written); 2 bad usage; 130 interrupted; 128+N ended by
signal N."""

EXPLAIN_EPILOG = """\
examples:
  translit explain цирк                     # цирк → sirk, rule by rule
  translit explain -t cyrillic sirkda

exit status: 0 ok; 1 the output could not be written; 2 bad usage; 130 interrupted;
128+N ended by signal N."""


class _ParserExitError(Exception):
    """argparse wants to exit: main() returns the status instead of leaving the interpreter."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _RunError(Exception):
    """One line for the user; ``fatal`` stops the whole run (an output that cannot be written)."""

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal


class _StdoutClosedError(Exception):
    """The reader of standard output went away (``translit big.txt | head``)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that writes to injected streams and returns instead of exiting."""

    def __init__(self, out: Callable[[str], object], err: Callable[[str], object]) -> None:
        super().__init__(
            prog=PROG,
            description=DESCRIPTION,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        self._out = out
        self._err = err

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            (self._err if file is sys.stderr else self._out)(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._err(message)
        raise _ParserExitError(status)


def build_parser(
    out: Callable[[str], object], err: Callable[[str], object]
) -> argparse.ArgumentParser:
    """The argument parser; ``out`` and ``err`` receive help text and usage errors."""
    parser = _Parser(out, err)
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="input files; none, or -, is standard input"
    )
    parser.add_argument(
        "-t",
        "--to",
        dest="target",
        choices=tuple(TARGETS),
        help="target script: latin (1995 alphabet), latin-2026 or cyrillic (default: away from"
        f" the script most Uzbek letters of the input's first {BLOCK_SIZE // 1024} KiB are in;"
        " -v says which). With latin or latin-2026, input detected as the other Latin"
        " alphabet is converted between the two",
    )
    parser.add_argument(
        "--from",
        dest="source",
        choices=tuple(SCHEMES),
        help="source script, instead of detecting it (cyrillic reads both Latin alphabets"
        " when it is the target; latin-2026 reads only the 2026 one)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT instead of standard output; OUT is replaced only after success",
    )
    where.add_argument(
        "-i",
        "--in-place",
        action="store_true",
        help="convert each FILE in place (needs -t); a FILE is replaced only after its success",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("auto", *FORMATS, *DOCUMENT_FORMATS),
        default=None,
        help="input format: text, html, xml or markdown (only text and the readable"
        " attributes change; markup, code and URLs are kept), srt or vtt (only cue text"
        " changes), docx or odt (only the document's text changes), or auto (by file"
        " extension; the default for named FILEs, while standard input is text by default)",
    )
    library = parser.add_argument_group(
        "conversion options", "the library's options (translit.Options), same names and values"
    )
    library.add_argument(
        "--apostrophe",
        choices=tuple(APOSTROPHES),
        default="modifier",
        help="Latin output: oʻ/gʻ and the tutuq as U+02BB/U+02BC (modifier, default),"
        " U+2018/U+2019 (typographic) or ' (ascii)",
    )
    library.add_argument(
        "--soft-sign",
        choices=SOFT_SIGNS,
        default="bare",
        help="Cyrillic output: where a loan stem's ь is written (default bare: апрель, апрелда)",
    )
    library.add_argument(
        "--foreign",
        choices=FOREIGN,
        default="keep",
        help="Cyrillic output: a word that cannot be Uzbek Latin (PepsiCo) is kept as it is"
        " (keep, default) or converted (convert)",
    )
    library.add_argument(
        "--quotes",
        choices=QUOTES,
        default="keep",
        help="quotation marks: as they are (keep, default) or native: «…» in Cyrillic output,"
        " “…” in Latin output",
    )
    library.add_argument(
        "--keep",
        action="append",
        metavar="WORD",
        help="a word never converted, e.g. a brand name (Chevron); repeat for more words",
    )
    # Every on/off option of the library, so the command cannot fall behind it.
    for field in dataclasses.fields(Options):
        if isinstance(field.default, bool):
            library.add_argument(
                f"--{field.name.replace('_', '-')}",
                dest=f"switch_{field.name}",
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"the {field.name} rules on or off (default"
                f" {'on' if field.default else 'off'}; see translit.Options)",
            )
    parser.add_argument(
        "-e",
        "--encoding",
        default="utf-8",
        metavar="ENC",
        help="input encoding (default utf-8)",
    )
    parser.add_argument(
        "--output-encoding",
        default="utf-8",
        metavar="ENC",
        help="output encoding (default utf-8, whatever the input encoding)",
    )
    parser.add_argument(
        "--errors",
        choices=ERRORS,
        default="strict",
        help="undecodable input: stop with an error (strict, default), write U+FFFD (replace),"
        " or copy the bytes unchanged (surrogateescape)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="convert plain text in N worker processes (0: one per core; default 1); the"
        " output is the same byte for byte; other formats use one process",
    )
    parser.add_argument(
        "--no-progress",
        dest="progress",
        action="store_false",
        help="no progress bar (otherwise shown on a terminal for inputs of 16 MiB or more)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say which direction was detected; show tracebacks of errors",
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    return parser


@dataclass(frozen=True)
class _Settings:
    target: str | None
    source: str | None
    format: str | None  # None: auto for named files, text for standard input
    options: tuple[tuple[str, Any], ...]  # keyword arguments of translit.get
    encoding: str
    encoding_name: str
    output_encoding: str
    errors: str
    progress: bool
    verbose: bool
    jobs: int = 1  # worker processes for plain text (parallel.py); 0: one per core

    @property
    def output_errors(self) -> str:
        # Bytes kept as surrogates must be written back as the same bytes.
        return "surrogateescape" if self.errors == "surrogateescape" else "strict"

    def transliterator(self, direction: str) -> Transliterator:
        return get(direction, **dict(self.options))


class _Reporter:
    """Messages on stderr: one line each, plus the traceback with -v."""

    def __init__(self, stream: TextIO, verbose: bool) -> None:
        self.stream = stream
        self.verbose = verbose

    def info(self, message: str) -> None:
        # A file name may hold terminal escapes or a newline: never sent raw.
        self._write(f"{PROG}: {_printable(message)}\n")

    def line(self, text: str) -> None:
        """A line of output that is not a message (check's findings, with --fix on stdin)."""
        self._write(text)

    def warning(self, message: str) -> None:
        self._write(f"{PROG}: warning: {_printable(message)}\n")

    def error(self, message: str, exc: BaseException | None = None) -> None:
        if self.verbose and exc is not None:
            cause = exc.__cause__ or exc
            self._write(
                "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
            )
        self._write(f"{PROG}: error: {_printable(message)}\n")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed: nothing better to do
            pass


def _printable(text: str) -> str:
    """``text`` with control characters escaped (\\x1b, \\n) and undecodable bytes of a file
    name (surrogates, see os.fsdecode) shown as \\xNN, so a name cannot drive the terminal."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if char.isprintable():
            out.append(char)
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        else:
            out.append(repr(char)[1:-1])  # repr escapes exactly the unprintable
    return "".join(out)


class _Progress:
    """``NAME: 12.3 / 456.7 MB (3%), 41.0 MB/s, 0:11 left`` on stderr, redrawn in place.

    The line always fits the terminal (a line longer than the terminal wraps and the
    carriage return no longer redraws it): the name is shortened first, then the details.
    """

    def __init__(self, stream: TextIO, label: str, total: int) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.start = self.last = time.monotonic()
        self.width = 0

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        self._draw(self.line(done, now - self.start, _columns(self.stream)))

    def line(self, done: int, elapsed: float, columns: int) -> str:
        """The progress line for ``done`` bytes after ``elapsed`` seconds, under ``columns``."""
        rate = done / max(elapsed, 1e-9)
        percent = f"{100 * done / self.total:.0f}%"
        amount = f"{done / 1e6:,.1f} / {self.total / 1e6:,.1f} MB ({percent})"
        eta = f", {_duration((self.total - done) / rate)} left" if rate > 0 else ""
        room = max(columns - 1, 1)  # the last column would wrap on some terminals
        # The name as shown (escapes make it longer, CJK letters take two columns each).
        name = _printable(self.label)
        # The most detailed line that fits with at least 12 columns of the name.
        for tail in (f"{amount}, {rate / 1e6:,.1f} MB/s{eta}", f"{amount}{eta}", percent + eta):
            space = room - len(tail) - 2
            if space >= min(_width(name), 12):
                return f"{_last_columns(name, space)}: {tail}"
        return (percent + eta)[:room]

    def close(self) -> None:
        if self.width:
            self._draw("")

    def _draw(self, line: str) -> None:
        padding = " " * max(self.width - _width(line), 0)
        self.width = _width(line)
        try:
            self.stream.write(f"\r{line}{padding}\r" if not line else f"\r{line}{padding}")
            self.stream.flush()
        except (OSError, ValueError):
            pass


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: two for a wide (CJK) character, none for a mark."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _last_columns(text: str, columns: int) -> str:
    """``text``, or "…" and as much of its end as fits in ``columns`` columns."""
    if _width(text) <= columns:
        return text
    room = columns - 1
    start = len(text)
    while start > 0 and _char_width(text[start - 1]) <= room:
        start -= 1
        room -= _char_width(text[start])
    return "…" + text[start:]


def _columns(stream: TextIO) -> int:
    """The width of the terminal ``stream`` is on ($COLUMNS wins, as for shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    fd = _fileno(stream)
    try:
        return os.get_terminal_size(fd).columns if fd is not None else 80
    except OSError:
        return 80


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02}:{rest % 60:02}" if hours else f"{rest // 60}:{rest % 60:02}"


class _Decoder:
    """An incremental decoder that counts bytes, to name the offset of bad input."""

    def __init__(self, label: str, settings: _Settings, *, hint: bool = True) -> None:
        self.label = label
        self.settings = settings
        self.hint = hint  # name the --errors choices (check has none)
        self.decoder = codecs.getincrementaldecoder(settings.encoding)(settings.errors)
        self.consumed = 0  # bytes handed to the decoder so far

    def decode(self, data: bytes, final: bool = False) -> str:
        held = len(self.decoder.getstate()[0])  # bytes of an unfinished character
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:  # (a subclass of UnicodeError: caught first)
            # exc.start counts from the decoder's held bytes, which came before `data`.
            offset = self.consumed - held + exc.start
            bad = " ".join(f"0x{b:02x}" for b in exc.object[exc.start : exc.end])
            raise _RunError(
                f"{self.label}: byte {offset}: invalid {self.settings.encoding_name}"
                f" ({exc.reason}: {bad})"
                + ("; use --errors=replace or --errors=surrogateescape" if self.hint else "")
            ) from exc
        except UnicodeError as exc:  # utf-16 and utf-32 want a byte order mark to begin with
            raise _RunError(
                f"{self.label}: no byte order mark at the start, which {self.settings.encoding}"
                " needs; name the byte order, e.g. -e utf-16-le or -e utf-16-be"
            ) from exc
        self.consumed += len(data)
        return text


def _texts(source: BinaryIO, decoder: _Decoder) -> Iterator[str]:
    """Decoded blocks of ``source``, then the decoder's last word at end of input."""
    read = getattr(source, "read1", None) or source.read  # read1: no wait for a full block
    while True:
        data = read(BLOCK_SIZE)
        if not data:  # the end of input is an empty read, never a short one
            break
        yield decoder.decode(data)
    yield decoder.decode(b"", final=True)


def direction(target: str | None, source: str | None, found: str = "") -> str:
    """The transliterator ID for -t ``target`` and -f ``source`` (either may be None).

    ``found`` is the detected script (detect().script) when the source is not given: a
    Latin target converts input detected as the other Latin alphabet between the two, and
    Cyrillic reads input detected as 2026 Latin as that alphabet only.
    """
    if source is None:
        latin = found in ("latin", "latin-2026")
        if target is None:
            target = "cyrillic" if latin else "latin"
        if target == "cyrillic":
            source = found if found == "latin-2026" else "latin"
        else:
            source = found if latin and found != target else "cyrillic"
    elif target is None:
        target = "latin" if source == "cyrillic" else "cyrillic"
    return f"{SCHEMES[source]}-{SCHEMES[target]}"


def _needs_detection(settings: _Settings) -> bool:
    # -t cyrillic reads both Latin alphabets, so it need not look at the input first.
    return settings.source is None and settings.target != "cyrillic"


# A spelling that tells the two Latin alphabets apart (detect.py counts the same ones).
_LATIN_EVIDENCE = re.compile(r"[öğşçÖĞŞÇ]|[oOgG][ʻʼ'‘’`]|sh|ch", re.IGNORECASE)


def _sample_end(text: str, start: int = 0) -> tuple[int | None, int]:
    """End of the first whole lines of ``text`` that tell -t latin (or latin-2026) what the
    input is: up to a line mostly in Cyrillic, or one with a spelling of one Latin alphabet.

    None if no whole line does yet, and where the lines not looked at yet start (to go on
    from there when more text has come). It depends on the text only, not on how reads cut
    it, and a stream line by line (tail -f) is held up by no more than that.
    """
    while (end := text.find("\n", start)) >= 0:
        line = text[start:end]
        start = end + 1
        found = detect(line)
        if found.letters and (found.cyrillic >= found.latin or _LATIN_EVIDENCE.search(line)):
            return start, start
    return None, start


def _script(found: Detection) -> str:
    """The script of a detection as ``direction`` takes it ("" when there are no letters)."""
    if not found.letters:
        return ""
    if found.latin <= found.cyrillic:
        return "cyrillic"
    # Mostly Latin but of both alphabets: the default reading of Latin reads both.
    return "latin" if found.script == "mixed" else found.script


def _choose(label: str, sample: str, settings: _Settings, report: _Reporter) -> Transliterator:
    """The direction for an input: away from the script most letters are in, or to -t."""
    found = detect(sample)
    script = _script(found)
    chosen = direction(settings.target, None, script)
    if settings.verbose:
        if found.letters:
            share = max(found.latin, found.cyrillic)
            seen = f"is {script} ({share:.0%} of {found.letters} Uzbek letters)"
        else:
            seen = "has no Uzbek letters"
        name = {script: name for name, script in SCHEMES.items()}[chosen.partition("-")[2]]
        report.info(f"{label}: first block {seen}: converting to {name}")
    return settings.transliterator(chosen)


def _transcode(
    source: BinaryIO,
    label: str,
    write: Callable[[bytes], None],
    settings: _Settings,
    report: _Reporter,
    progress: _Progress | None,
    *,
    source_is_stdin: bool = False,
    bom: bool = True,
) -> None:
    """Convert one input, block by block, into ``write``; ``bom``: the output may begin here
    (else a byte order mark that utf-16 or utf-8-sig output would start with is left out)."""
    fmt = _format_of(label, settings.format, stdin=source_is_stdin)
    if fmt in DOCUMENT_FORMATS:
        _document(source, label, fmt, write, settings, report)
        return
    decoder = _Decoder(label, settings)
    encoder = codecs.getincrementalencoder(settings.output_encoding)(settings.output_errors)
    if not bom:
        encoder.encode("")  # the mark goes out with the first encoding: not again
    texts: Iterator[str] = _texts(source, decoder)
    if _needs_detection(settings):
        # Detect on a full block, however the pipe delivers it, so the verdict does not
        # depend on timing.
        sample: list[str] = []
        end = None
        scanned = 0
        for text in texts:
            sample.append(text)
            if decoder.consumed >= BLOCK_SIZE:
                break
            if settings.target is not None and "\n" in text:
                end, scanned = _sample_end("".join(sample), scanned)
                if end is not None:
                    break
        first = "".join(sample)
        transliterator = _choose(label, first[:end], settings, report)
        texts = chain([first], texts)
    else:
        transliterator = settings.transliterator(direction(settings.target, settings.source))
    stream: Feeder = (
        IncrementalTransliterator(transliterator)
        if fmt == "text"
        else format_stream(transliterator, fmt)
    )

    def encode(text: str, final: bool = False) -> bytes:
        try:
            return encoder.encode(text, final)
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            raise _RunError(
                f"{label}: U+{ord(char):04X} ({char!r}) cannot be encoded in"
                f" {settings.output_encoding}; choose another --output-encoding"
            ) from exc

    pieces: Iterator[tuple[str, int]]
    if settings.jobs != 1 and fmt == "text":
        from . import parallel  # (worker processes: imported only for -j)

        pieces = parallel.convert_blocks(
            texts, transliterator, jobs=settings.jobs, position=lambda: decoder.consumed
        )
    else:
        pieces = ((stream.feed(text), decoder.consumed) for text in texts)
    for out, done in pieces:  # (output, input bytes read when it was converted)
        if out:
            write(encode(out))
        if progress is not None:
            progress.update(done)
    data = encode(stream.finish(), final=True)
    if data:
        write(data)


def _document(
    source: BinaryIO,
    label: str,
    fmt: str,
    write: Callable[[bytes], None],
    settings: _Settings,
    report: _Reporter,
) -> None:
    """Convert a .docx or .odt document: read whole, converted, written whole."""
    from .documents import DocumentError, convert_document_bytes, document_text

    data = source.read()
    try:
        if _needs_detection(settings):
            sample = document_text(data, fmt)[:BLOCK_SIZE]
            transliterator = _choose(label, sample, settings, report)
        else:
            transliterator = settings.transliterator(direction(settings.target, settings.source))
        converted = convert_document_bytes(data, transliterator, fmt)
    except DocumentError as exc:
        raise _RunError(f"{label}: {exc}") from exc
    write(converted)


def _check_documents(
    names: list[str], args: argparse.Namespace, out: BinaryIO, parser: argparse.ArgumentParser
) -> None:
    """A document is binary and whole: one per output, and never onto a terminal."""
    if args.in_place:
        return
    documents = [
        name
        for name in names
        if _format_of(name, args.format, stdin=name == STDIN) in DOCUMENT_FORMATS
    ]
    if not documents:
        return
    if len(names) > 1:
        parser.error(
            f"{documents[0]} is a document: it cannot be joined with other inputs into one"
            " output; convert one document per -o OUT, or use --in-place"
        )
    if args.output in (None, STDIN) and _isatty(out):
        parser.error(
            f"{documents[0]} is a document: write it with -o OUT or --in-place, or redirect"
            " standard output (it is binary, not for a terminal)"
        )


def _format_of(name: str, chosen: str | None, *, stdin: bool) -> str:
    """The format of one input: as chosen, else by extension for a named file (stdin: text)."""
    if chosen is None:
        chosen = "text" if stdin else "auto"
    return format_for_path(name) if chosen == "auto" else chosen


def _file_id(fd: int) -> tuple[int, int] | None:
    """(device, inode) of a regular file open as ``fd``, else None."""
    try:
        st = os.fstat(fd)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _fileno(stream: object) -> int | None:
    try:
        fileno = stream.fileno  # type: ignore[attr-defined]
        return int(fileno())
    except (AttributeError, OSError, ValueError):  # e.g. io.BytesIO
        return None


def _convert_input(
    name: str,
    stdin: BinaryIO,
    write: Callable[[bytes], None],
    output_id: tuple[int, int] | None,
    settings: _Settings,
    report: _Reporter,
    stderr: TextIO,
    *,
    expect: os.stat_result | None = None,
    bom: bool = True,
) -> None:
    """Open one input (a path or - for stdin) and convert it into ``write``.

    ``expect``: the file the name must still be (in place, the file to be replaced);
    ``bom``: whether the output begins with this input (see _transcode).
    """
    label = "<stdin>" if name == STDIN else name
    if name == STDIN:
        source, close = stdin, False
    else:
        try:
            source, close = open(name, "rb"), True  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _RunError(f"{name}: {exc.strerror or exc}") from exc
    progress: _Progress | None = None
    try:
        fd = _fileno(source)
        input_id = _file_id(fd) if fd is not None else None
        if expect is not None and input_id != (expect.st_dev, expect.st_ino):
            raise _RunError(f"{label}: replaced by another file while being opened")
        if input_id is not None and input_id == output_id:
            # Appending a file to itself never ends; cat refuses it too.
            raise _RunError(f"{label}: input file is output file")
        if settings.progress and input_id is not None and _isatty(stderr):
            assert fd is not None
            total = os.fstat(fd).st_size
            if total >= PROGRESS_MIN_BYTES:
                progress = _Progress(stderr, label, total)
        try:
            _transcode(
                source,
                label,
                write,
                settings,
                report,
                progress,
                source_is_stdin=name == STDIN,
                bom=bom,
            )
        except OSError as exc:  # reading failed (an output error is already a _RunError)
            raise _RunError(f"{label}: {exc.strerror or exc}") from exc
    finally:
        if progress is not None:
            progress.close()
        if close:
            source.close()


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


class _StdoutWriter:
    """Writes blocks to standard output, flushing each so pipes see output promptly."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def __call__(self, data: bytes) -> None:
        try:
            self.stream.write(data)
            self.stream.flush()
        except BrokenPipeError:
            raise _StdoutClosedError from None
        except OSError as exc:
            raise _RunError(f"<stdout>: {exc.strerror or exc}", fatal=True) from exc


class _AtomicFile:
    """Output to a temporary file beside ``path``; ``commit()`` moves it over ``path``."""

    def __init__(self, path: str, label: str, *, fatal: bool) -> None:
        self.path = path
        self.label = label
        self.fatal = fatal
        folder, base = os.path.split(path)
        try:
            with _signals_held():  # a signal now would leave the file unknown to the cleanup
                fd, self.temp = tempfile.mkstemp(
                    prefix=f".{base}.", suffix=".tmp", dir=folder or "."
                )
                _TEMPORARY.add(self.temp)
        except OSError as exc:
            raise _RunError(
                f"{label}: cannot create a temporary file in {folder or '.'}:"
                f" {exc.strerror or exc}",
                fatal=fatal,
            ) from exc
        self.file = os.fdopen(fd, "wb")
        self.done = False
        self.id: tuple[int, int] | None = None  # (device, inode) of the new file, once there

    def __call__(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as exc:
            raise _RunError(f"{self.label}: {exc.strerror or exc}", fatal=self.fatal) from exc

    def commit(self, original: os.stat_result | None) -> list[str]:
        """Replace the target; the new file gets the mode and owner of ``original`` (the file
        replaced; None for a new file). Returns warnings for the user."""
        try:
            self.file.flush()
            fd = self.file.fileno()
            warnings = _copy_metadata(fd, original, self.label)
            os.fsync(fd)  # the data is on disk before the name points at it
            new = os.fstat(fd)
            self.id = (new.st_dev, new.st_ino)
            self.file.close()
            os.replace(self.temp, self.path)
            _TEMPORARY.discard(self.temp)
        except OSError as exc:
            raise _RunError(f"{self.label}: {exc.strerror or exc}", fatal=self.fatal) from exc
        self.done = True
        return warnings

    def discard(self) -> None:
        if self.done:
            return
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)
        _TEMPORARY.discard(self.temp)


#: Temporary files not yet renamed or removed: an interrupted run removes them all, even
#: when the signal came before their owner could (see _signals_interrupt).
_TEMPORARY: set[str] = set()


def _remove_temporary_files() -> None:
    for temp in list(_TEMPORARY):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        _TEMPORARY.discard(temp)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Signals that end the run wait (blocked) until the block is done."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {
        getattr(signal, name)
        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGALRM")  # SIGALRM: _raise_deferred
        if hasattr(signal, name)
    }
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def _copy_metadata(fd: int, original: os.stat_result | None, label: str) -> list[str]:
    """Give the new file ``fd`` the permission bits and, where we may, the owner and group of
    the file it replaces; warn of what could not be kept."""
    if original is None:
        os.fchmod(fd, _new_file_mode())
        return []
    warnings = []
    mode = stat.S_IMODE(original.st_mode)
    owner = (original.st_uid, original.st_gid)
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != owner:
        try:
            os.fchown(fd, *owner)  # root: the file stays its owner's (a 0600 file stays theirs)
        except PermissionError:
            with contextlib.suppress(OSError):  # a group of ours can still be kept
                os.fchown(fd, -1, original.st_gid)
        mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != owner:
        # Set-uid/set-gid bits would now give the new owner's rights: never carried over.
        dropped = mode & (stat.S_ISUID | stat.S_ISGID)
        mode &= ~(stat.S_ISUID | stat.S_ISGID)
        warnings.append(
            f"{label}: owner:group is now {mine.st_uid}:{mine.st_gid}, was {owner[0]}:{owner[1]}"
            + ("; set-uid/set-gid bits dropped" if dropped else "")
        )
    os.fchmod(fd, mode)  # after fchown, which clears set-uid/set-gid bits
    if original.st_nlink > 1:
        warnings.append(
            f"{label}: had {original.st_nlink} hard links; it is replaced by a new file,"
            " so its other names keep the old text"
        )
    return warnings


def _new_file_mode() -> int:
    # The mode open() would give a new file; os.umask can only be read by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


#: Opens a file only to learn which one a path names (no read permission needed, no FIFO
#: or device is opened for real).
_O_PATH = getattr(os, "O_PATH", os.O_RDONLY | os.O_NONBLOCK)


@dataclass(frozen=True)
class _Target:
    """Where a write to a named file goes: ``path`` is the file itself, never a link."""

    path: str
    stat: os.stat_result | None  # the existing file; None when it is to be created
    via_link: bool = False


def _may_follow(name: str, link: os.stat_result) -> bool:
    """The kernel's fs.protected_symlinks rule, applied whatever the sysctl says: a link in a
    sticky world-writable folder (/tmp) is followed only when it belongs to us or to the
    folder's owner, so a link another user planted there cannot redirect a write."""
    try:
        folder = os.stat(os.path.dirname(name) or ".")
    except OSError:
        return True  # opening fails with its own error
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    return not shared or link.st_uid in (os.geteuid(), folder.st_uid)


def _target(name: str, *, fatal: bool = False) -> _Target:
    """The file a write to ``name`` replaces. A symbolic link is followed only as the kernel
    follows it (so fs.protected_symlinks holds), never to a missing file."""
    try:
        link = os.lstat(name)
    except FileNotFoundError:
        return _Target(name, None)
    except OSError as exc:
        raise _RunError(f"{name}: {exc.strerror or exc}", fatal=fatal) from exc
    if not stat.S_ISLNK(link.st_mode):
        return _Target(name, link)
    if not _may_follow(name, link):
        raise _RunError(
            f"{name}: not following a symbolic link that another user owns in a shared"
            " sticky folder; name the file it points to",
            fatal=fatal,
        )
    try:
        fd = os.open(name, _O_PATH | os.O_CLOEXEC)  # the kernel follows it, or refuses
        try:
            reached = os.fstat(fd)
        finally:
            os.close(fd)
    except FileNotFoundError as exc:
        raise _RunError(
            f"{name}: a symbolic link to a missing file; not followed (name the file to create)",
            fatal=fatal,
        ) from exc
    except OSError as exc:
        raise _RunError(f"{name}: {exc.strerror or exc}", fatal=fatal) from exc
    # The name to replace: the file the kernel reached, checked to be the one it names now.
    path = os.path.realpath(name)
    try:
        now: os.stat_result | None = os.lstat(path)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != (reached.st_dev, reached.st_ino):
        raise _RunError(f"{name}: the symbolic link changed while being followed", fatal=fatal)
    return _Target(path, reached, via_link=True)


def _same(st: os.stat_result, other: os.stat_result) -> bool:
    return (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino)


def _run_in_place(
    names: list[str],
    stdin: BinaryIO,
    settings: _Settings,
    report: _Reporter,
    stderr: TextIO,
) -> int:
    failed = False
    done: set[tuple[int, int]] = set()  # (device, inode): a file named twice is converted once
    for name in names:
        try:
            target = _target(name)  # replace a symlink's target, not the link
            st = target.stat
            if st is None:
                raise _RunError(f"{name}: No such file or directory")
            if not stat.S_ISREG(st.st_mode):
                raise _RunError(f"{name}: not a regular file")
            if (st.st_dev, st.st_ino) in done:
                if settings.verbose:
                    report.info(f"{name}: already converted (the same file under another name)")
                continue
            done.add((st.st_dev, st.st_ino))
            temp = _AtomicFile(target.path, name, fatal=False)
            try:
                _convert_input(name, stdin, temp, None, settings, report, stderr, expect=st)
                for warning in temp.commit(st):
                    report.warning(warning)
                if temp.id is not None:  # the name now points to the new file: also done
                    done.add(temp.id)
            finally:
                temp.discard()
        except _RunError as failure:
            report.error(failure.message, failure)
            failed = True
        except Exception as exc:  # a bug: say so in one line, go on with the other files
            report.error(_unexpected(name, exc), exc)
            failed = True
    return 1 if failed else 0


def _open_device(target: _Target, output: str) -> BinaryIO:
    """Open a target that is not a regular file (/dev/null, a FIFO, a terminal) to write."""
    assert target.stat is not None
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC
    if not target.via_link:
        flags |= getattr(os, "O_NOFOLLOW", 0)  # what lstat saw, not a link put there since
    try:
        fd = os.open(target.path, flags)
    except OSError as exc:
        raise _RunError(f"{output}: {exc.strerror or exc}") from exc
    if not _same(os.fstat(fd), target.stat):
        os.close(fd)
        raise _RunError(f"{output}: replaced by another file while being opened")
    return os.fdopen(fd, "wb")


def _run_to_output(
    names: list[str],
    output: str | None,
    stdin: BinaryIO,
    stdout: BinaryIO,
    settings: _Settings,
    report: _Reporter,
    stderr: TextIO,
) -> int:
    atomic: _AtomicFile | None = None
    direct: _DirectWriter | None = None
    original: os.stat_result | None = None
    write: Callable[[bytes], None]
    if output is None:
        write = _StdoutWriter(stdout)
        fd = _fileno(stdout)
        output_id = _file_id(fd) if fd is not None else None
    else:
        output_id = None
        try:
            target = _target(output)
            original = target.stat
            if original is not None:
                _refuse_an_input(output, original, names, stdin)
            if original is not None and not stat.S_ISREG(original.st_mode):
                # /dev/null, a FIFO, a terminal: nothing to replace, write to it directly.
                write = direct = _DirectWriter(_open_device(target, output), output)
            else:
                write = atomic = _AtomicFile(target.path, output, fatal=True)
        except _RunError as failure:
            report.error(failure.message, failure)
            return 1
    failed = False
    started = False  # has output been written (a second byte order mark must not be)

    def write_and_note(data: bytes) -> None:
        nonlocal started
        write(data)
        started = started or bool(data)

    try:
        for name in names:
            try:
                _convert_input(
                    name,
                    stdin,
                    write_and_note,
                    output_id,
                    settings,
                    report,
                    stderr,
                    bom=not started,
                )
            except _RunError as failure:
                report.error(failure.message, failure)
                failed = True
                if failure.fatal:
                    return 1
            except (_StdoutClosedError, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug: one line, go on with the other files
                report.error(_unexpected(name, exc), exc)
                failed = True
        try:
            if direct is not None:
                direct.close()
            if atomic is not None:
                if failed:
                    report.error(f"{output}: left unchanged because an input failed")
                else:
                    for warning in atomic.commit(original):
                        report.warning(warning)
        except _RunError as failure:
            report.error(failure.message, failure)
            return 1
        return 1 if failed else 0
    finally:
        if atomic is not None:
            atomic.discard()
        if direct is not None:
            direct.discard()


def _refuse_an_input(
    output: str, original: os.stat_result, names: list[str], stdin: BinaryIO
) -> None:
    """-o naming one of the inputs (or the file stdin comes from) would destroy it."""
    same = []
    for name in names:
        if name == STDIN:
            fd = _fileno(stdin)
            if fd is not None and _file_id(fd) == (original.st_dev, original.st_ino):
                same.append("<stdin>")
        else:
            with contextlib.suppress(OSError):
                if _same(os.stat(name), original):
                    same.append(name)
    if same:
        raise _RunError(
            f"{output}: is also an input ({same[0]}); use --in-place to convert a file into itself"
        )


class _DirectWriter:
    """Writes to a device or FIFO, flushing each block so every error shows (/dev/full)."""

    def __init__(self, stream: BinaryIO, label: str) -> None:
        self.stream = stream
        self.label = label

    def __call__(self, data: bytes) -> None:
        try:
            self.stream.write(data)
            self.stream.flush()
        except OSError as exc:
            raise _RunError(f"{self.label}: {exc.strerror or exc}", fatal=True) from exc

    def close(self) -> None:
        try:
            self.stream.close()
        except OSError as exc:
            raise _RunError(f"{self.label}: {exc.strerror or exc}", fatal=True) from exc

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()


def _unexpected(name: str, exc: Exception) -> str:
    detail = " ".join(str(exc).split())
    return f"{name}: {type(exc).__name__}: {detail} (an internal error; -v shows the traceback)"


def _settings(args: argparse.Namespace, parser: argparse.ArgumentParser) -> _Settings:
    names = {}
    for option, value in (
        ("--encoding", args.encoding),
        ("--output-encoding", args.output_encoding),
    ):
        try:
            info = codecs.lookup(value)
        except LookupError:
            parser.error(f"{option}: unknown encoding {value!r}")
        # rot13, base64 and friends are codecs too, but not text encodings.
        if not getattr(info, "_is_text_encoding", True):
            parser.error(f"{option}: {value!r} is not a text encoding")
        names[option] = info.name
    if args.source is not None and args.source == args.target:
        parser.error(f"--from and -t are both {args.source}")
    if args.in_place and (not args.files or STDIN in args.files):
        parser.error("--in-place needs FILE arguments (standard input cannot be replaced)")
    if args.in_place and args.target is None:
        # Detection would flip the file on every run (Cyrillic → Latin → Cyrillic).
        parser.error("--in-place needs -t latin, latin-2026 or cyrillic (the target script)")
    options: dict[str, Any] = {
        "apostrophe": args.apostrophe,
        "soft_sign": args.soft_sign,
        "foreign": args.foreign,
        "quotes": args.quotes,
    }
    if args.keep:
        options["keep"] = args.keep
    for name, value in vars(args).items():
        if name.startswith("switch_") and value is not None:
            options[name.removeprefix("switch_")] = value
    try:
        Options.from_kwargs(options)
    except ValueError as exc:
        parser.error(str(exc))
    input_name = names["--encoding"]
    return _Settings(
        target=args.target,
        source=args.source,
        format=args.format,
        options=tuple(options.items()),
        encoding=args.encoding,
        encoding_name="UTF-8" if input_name == "utf-8" else input_name,
        output_encoding=args.output_encoding,
        errors=args.errors,
        progress=args.progress,
        verbose=args.verbose,
        jobs=args.jobs,
    )


def main(
    argv: list[str] | None = None,
    *,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; return the exit status. Streams default to the process's own."""
    command = stdout is None  # writing to the real stdout: the process is the command
    # A standard stream closed by the caller (translit >&-) is None in sys: it fails on use.
    err: TextIO = stderr or sys.stderr or io.StringIO()
    inp = stdin or (sys.stdin.buffer if sys.stdin is not None else _closed())
    out = stdout or (sys.stdout.buffer if sys.stdout is not None else _closed())
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["serve"]:  # the web page and API: translit/web, the [web] extra
        from .web.serve import run as serve

        def write_out(text: str) -> None:
            out.write(text.encode("utf-8"))
            out.flush()

        def serve_parser(name: str, text: str, epilog: str) -> argparse.ArgumentParser:
            return _tool_parser(name, text, epilog, write_out, err.write)

        try:  # (the server handles its own signals)
            return serve(argv[1:], serve_parser, write_out, err)
        except _ParserExitError as exit_:
            return exit_.status
    try:
        with _signals_interrupt():
            return _main(argv, inp, out, err, command=command)
    except KeyboardInterrupt as exc:  # also after the handler: a second signal
        _remove_temporary_files()
        return _interrupted(exc)


def _main(argv: list[str], inp: BinaryIO, out: BinaryIO, err: TextIO, *, command: bool) -> int:
    stdout = _StdoutWriter(out)

    def write_out(text: str) -> None:
        # surrogateescape: an undecodable argument (explain) comes back as its bytes.
        stdout(text.encode("utf-8", "surrogateescape"))

    report = _Reporter(err, verbose=False)
    try:
        if argv[:1] in (["check"], ["explain"]):
            tool = _check if argv[0] == "check" else _explain
            return tool(argv[1:], inp, write_out, err)
        return _convert(argv, inp, out, err, write_out, report)
    except _RunError as failure:  # standard output failed (help on a full disk, explain)
        report.error(failure.message, failure)
        return 1
    except _StdoutClosedError:
        if command:
            _silence_stdout()
        return 0
    except KeyboardInterrupt as exc:
        _remove_temporary_files()  # wherever the signal struck
        return _interrupted(exc)
    finally:
        parallel = sys.modules.get(f"{__package__}.parallel")
        if parallel is not None:  # -j's workers, if any: done, or of no use any more
            parallel.shutdown()


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0: every core)")
    return jobs


def _convert(
    argv: list[str],
    inp: BinaryIO,
    out: BinaryIO,
    err: TextIO,
    write_out: Callable[[str], None],
    report: _Reporter,
) -> int:
    """The converter (everything but check and explain)."""
    parser = build_parser(write_out, err.write)
    try:
        args = parser.parse_args(argv)
        settings = _settings(args, parser)
    except _ParserExitError as exit_:
        return exit_.status
    report.verbose = settings.verbose
    names: list[str] = args.files or [STDIN]
    try:
        _check_documents(names, args, out, parser)
    except _ParserExitError as exit_:
        return exit_.status
    if STDIN in names and _isatty(inp):
        report.info("reading from the terminal (end with Ctrl-D; see translit --help)")
    if args.in_place:
        return _run_in_place(names, inp, settings, report, err)
    output = None if args.output in (None, STDIN) else args.output
    return _run_to_output(names, output, inp, out, settings, report, err)


def _silence_stdout() -> None:
    # Python would report the lost buffered bytes at exit; give them a sink.
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so that every ``finally`` cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupted(exc: KeyboardInterrupt) -> int:
    """The status of a run ended by a signal: 128 + its number, as shells report it."""
    return 128 + (exc.signum if isinstance(exc, _Signalled) else signal.SIGINT)


#: A signal whose exception is waiting to be raised (see _raise_signalled).
_DEFERRED: list[int] = []


def _raise_signalled(signum: int, frame: FrameType | None) -> None:
    # Python prints and drops an exception raised in a __del__ method (regex frees objects
    # while it compiles a pattern): the run would go on, maybe blocked on input that never
    # ends. There the exception is raised a moment later instead, from SIGALRM.
    if _in_finaliser(frame) and _DEFER is not None:
        _DEFERRED[:] = [signum]
        signal.setitimer(_DEFER, 0.001)
        return
    raise _Signalled(signum)


def _raise_deferred(alarm: int, frame: FrameType | None) -> None:
    if _DEFERRED:
        _raise_signalled(_DEFERRED.pop(), frame)


def _in_finaliser(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


_DEFER = getattr(signal, "ITIMER_REAL", None)  # POSIX; elsewhere a signal is raised at once


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While the command runs, SIGTERM and SIGHUP end it like Ctrl-C (temporary files are
    removed, targets untouched). A signal ignored when we started (nohup) stays ignored."""
    installed: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
                installed[signum] = signal.signal(signum, _raise_signalled)
        if installed and _DEFER is not None:
            installed[signal.SIGALRM] = signal.signal(signal.SIGALRM, _raise_deferred)
    try:
        yield
    finally:
        if _DEFER is not None and signal.SIGALRM in installed:
            signal.setitimer(_DEFER, 0)
            _DEFERRED.clear()
        for signum, handler in installed.items():
            signal.signal(signum, handler)


class _Closed(io.RawIOBase):
    """A standard stream that was closed when the command started: every use fails."""

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _closed() -> BinaryIO:
    return cast(BinaryIO, _Closed())


# -- translit explain / translit check -----------------------------------------------------------


def _tool_parser(
    name: str,
    description: str,
    epilog: str,
    out: Callable[[str], object],
    err: Callable[[str], object],
) -> argparse.ArgumentParser:
    parser = _Parser(out, err)
    parser.prog = f"{PROG} {name}"
    parser.description = textwrap.fill(description, 90)  # the formatter keeps line breaks
    parser.epilog = epilog  # its own examples and exit status, not the converter's
    return parser


def _explain(argv: list[str], inp: BinaryIO, out: Callable[[str], None], err: TextIO) -> int:
    """``translit explain WORD...``: which rule or lexicon entry made each part of the output."""
    parser = _tool_parser(
        "explain",
        "Show which rule or lexicon entry (data file and line) produced each part of the"
        " conversion of each WORD. The direction is away from the word's script unless -t.",
        EXPLAIN_EPILOG,
        out,
        err.write,
    )
    parser.add_argument("words", nargs="+", metavar="WORD", help="a word or phrase to explain")
    parser.add_argument(
        "-t",
        "--to",
        dest="target",
        choices=tuple(TARGETS),
        help="target script (default: away from the word's script); latin or latin-2026"
        " converts a word of the other Latin alphabet between the two",
    )
    try:
        args = parser.parse_args(argv)
    except _ParserExitError as exit_:
        return exit_.status
    for word in args.words:
        t = get(direction(args.target, None, _script(detect(word))))
        out(f"{word} → {t(word)}\n")
        for step in t.explain(word):
            if step.source != step.output or step.rule != "copy":
                out(f"  {step.source} → {step.output}\t{step.rule}\n")
    return 0


#: What ``translit check`` reads: UTF-8, strictly (a bad byte is reported with its offset).
_CHECK_INPUT = _Settings(
    target=None,
    source=None,
    format=None,
    options=(),
    encoding="utf-8",
    encoding_name="UTF-8",
    output_encoding="utf-8",
    errors="strict",
    progress=False,
    verbose=False,
)


def _check(argv: list[str], inp: BinaryIO, out: Callable[[str], None], err: TextIO) -> int:
    """``translit check [--fix] FILE...``: report (or fix) non-standard spellings."""
    parser = _tool_parser(
        "check",
        "Report words that mix Cyrillic and Latin letters, Latin apostrophes that are not"
        " the official ʻ/ʼ, Latin spellings that are not official (tsirk → sirk), and text"
        " that mixes the 1995 and 2026 Latin alphabets, as"
        " FILE:LINE:COLUMN. Exit status 1 when something was found (with --fix: when"
        " something could not be fixed). Input is UTF-8, read as a stream.",
        CHECK_EPILOG,
        out,
        err.write,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="none, or -, is standard input")
    parser.add_argument(
        "--fix",
        action="store_true",
        help="write the corrected text: files are replaced only after success (mode and"
        " owner kept; a symbolic link stays a link); standard input goes to standard output",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("auto", *FORMATS),
        default=None,
        help="as for conversion: only the text of html, xml or markdown is checked and"
        " fixed (code, tags, class= and href= never change); auto (by file extension) is"
        " the default for named FILEs, text for standard input",
    )
    parser.add_argument(
        "--alphabet",
        choices=("1995", "2026"),
        help="flag (and fix) every Latin word of the other Latin alphabet; by default only a"
        " text that mixes the two is flagged, in the alphabet fewer of its words use",
    )
    try:
        args = parser.parse_args(argv)
    except _ParserExitError as exit_:
        return exit_.status
    report = _Reporter(err, verbose=False)
    status = 0
    for name in args.files or [STDIN]:
        label = "<stdin>" if name == STDIN else name
        fmt = _format_of(label, args.format, stdin=name == STDIN)
        if fmt not in MARKUP_FORMATS:  # subtitles: the cue text is all the words there are
            if fmt in DOCUMENT_FORMATS:
                report.error(f"{label}: a {fmt} document; check reads text, HTML, XML, Markdown")
                status = 1
                continue
            fmt = "text"
        # With --fix on standard input the fixed text is the output: findings go to stderr.
        tell = report.line if args.fix and name == STDIN else out
        try:
            found, unfixed = _check_one(
                name, inp, out, fmt, tell, report, fix=args.fix, alphabet=args.alphabet
            )
        except _RunError as failure:
            report.error(failure.message, failure)
            status = 1
            if failure.fatal:
                break
            continue
        if unfixed or (found and not args.fix):
            status = 1
    return status


def _check_one(
    name: str,
    stdin: BinaryIO,
    out: Callable[[str], None],
    fmt: str,
    tell: Callable[[str], None],
    report: _Reporter,
    *,
    fix: bool,
    alphabet: str | None = None,
) -> tuple[int, int]:
    """Check (and fix) one input as a stream; return (findings, findings left unfixed)."""
    label = "<stdin>" if name == STDIN else name
    shown = _printable(label)
    from .check import Checker  # (the linter: imported only for translit check)

    checker = Checker(fmt, alphabet=alphabet)
    temp: _AtomicFile | None = None
    where: _Target | None = None
    found = unfixed = 0
    source: BinaryIO
    if name == STDIN:
        source = stdin
    else:
        try:
            source = open(name, "rb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise _RunError(f"{label}: {exc.strerror or exc}") from exc
    try:
        if fix and name != STDIN:
            where = _target(name)  # a symbolic link stays a link: its file is replaced
            if where.stat is None or not _same(os.fstat(source.fileno()), where.stat):
                raise _RunError(f"{label}: replaced by another file while being opened")
            if not stat.S_ISREG(where.stat.st_mode):
                raise _RunError(f"{label}: not a regular file; --fix can only replace files")
            temp = _AtomicFile(where.path, label, fatal=False)
        texts = chain(_texts(source, _Decoder(label, _CHECK_INPUT, hint=False)), [None])
        for text in texts:
            findings, fixed = checker.feed(text) if text is not None else checker.finish()
            lines = []
            for f in findings:
                found += 1
                unfixed += f.suggestion is None
                suggestion = f" → {f.suggestion}" if f.suggestion is not None else ""
                lines.append(f"{shown}:{f.line}:{f.column}: {f.message}: {f.word}{suggestion}\n")
            if lines:
                tell("".join(lines))  # one write per block of input
            if not fix:
                continue
            if temp is None:
                out(fixed)
            elif fixed:
                temp(fixed.encode("utf-8"))
        if temp is not None and where is not None and found > unfixed:  # else left untouched
            for warning in temp.commit(where.stat):
                report.warning(warning)
    except OSError as exc:  # reading failed (writing errors are _RunErrors already)
        raise _RunError(f"{label}: {exc.strerror or exc}") from exc
    finally:
        if temp is not None:
            temp.discard()
        if source is not stdin:
            source.close()
    return found, unfixed
