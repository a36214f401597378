"""Streaming conversion: text that arrives in pieces gives exactly the one-shot result.

Everything here is built on :meth:`Transliterator.convert_prefix`, which converts the part of
a buffer that no later text can change and hands back the rest (at most :data:`MAX_PENDING`
characters). The stream keeps only that held-back text between calls, so memory stays
bounded however long a line or a run of letters is.

The end of input is only ever signalled by the caller (:meth:`IncrementalTransliterator.finish`,
or the end of the iterable): a short read is not the end (ICU ``uconv`` loses its output when a
file's size is a multiple of its block size because it assumes so).

>>> import translit
>>> "".join(translit.stream_to_latin(["Ўзбе", "кистон Рес", "", "публикаси"]))
'Oʻzbekiston Respublikasi'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TextIO

from .engine import HOLD_BACK, Transliterator, _type_error
from .options import OptionArgs

if TYPE_CHECKING:  # typing.Unpack is Python 3.11+; typing_extensions comes with mypy
    from typing_extensions import Unpack

#: Most characters an :class:`IncrementalTransliterator` holds back between calls: the bound
#: that :meth:`Transliterator.convert_prefix` documents (normally the text after the last
#: space or newline; in a run without either, the last segment of about MAX_PIECE).
MAX_PENDING = HOLD_BACK

#: Characters read per call by :func:`transliterate_file`.
CHUNK_SIZE = 1 << 16


class IncrementalTransliterator:
    """A converter fed piece by piece, in the style of a codecs incremental decoder.

    ``feed(chunk)`` returns the output that is already certain (maybe ``""``) and
    ``finish()`` returns the rest at the end of input; the concatenation of everything
    returned equals the one-shot conversion of the concatenated input, however it was cut.
    After ``finish()`` the object is ready for a new text.

    >>> import translit
    >>> s = translit.IncrementalTransliterator("uz_Cyrl-uz_Latn")
    >>> s.feed("Шаҳар с"), s.pending  # с may start сҳ (sʼh): held back
    ('Shahar ', 'с')
    >>> s.feed("ҳифати\\n")
    'sʼhifati\\n'
    >>> s.feed("Ўз"), s.finish()
    ('', 'Oʻz')

    Objects are cheap; they share the (cached, thread-safe) transliterator, but one object
    must not be fed from several threads at once.
    """

    __slots__ = ("_pending", "_transliterator")

    def __init__(
        self, transliterator: Transliterator | str, /, **options: Unpack[OptionArgs]
    ) -> None:
        if isinstance(transliterator, Transliterator):
            if options:
                raise TypeError("options belong to the transliterator; pass an ID to set them")
            self._transliterator = transliterator
        else:
            from . import get

            self._transliterator = get(transliterator, **options)
        self._pending = ""

    def __repr__(self) -> str:
        return f"<IncrementalTransliterator {self._transliterator.id} pending={self._pending!r}>"

    @property
    def transliterator(self) -> Transliterator:
        return self._transliterator

    @property
    def pending(self) -> str:
        """The input held back so far (never more than :data:`MAX_PENDING` characters)."""
        return self._pending

    def feed(self, chunk: str) -> str:
        """Take the next piece of input; return the output no later input can change."""
        if not isinstance(chunk, str):
            raise _type_error(chunk)
        if not chunk:
            return ""
        buffer = self._pending + chunk if self._pending else chunk
        out, self._pending = self._transliterator.convert_prefix(buffer)
        return out

    def finish(self) -> str:
        """Signal the end of input: return the rest of the output and start afresh."""
        buffer, self._pending = self._pending, ""
        return self._transliterator.convert_prefix(buffer, final=True)[0] if buffer else ""

    def reset(self) -> None:
        """Drop the held-back input, as after ``finish()`` but without converting it."""
        self._pending = ""


class Feeder(Protocol):
    """Anything fed text piece by piece: IncrementalTransliterator, markup.MarkupStream."""

    def feed(self, chunk: str) -> str: ...

    def finish(self) -> str: ...


def drive(stream: Feeder, chunks: Iterable[str]) -> Iterator[str]:
    """Feed ``chunks`` to ``stream``; yield its non-empty outputs, finishing at the end."""
    for chunk in chunks:
        out = stream.feed(chunk)
        if out:
            yield out
    # The iterable is exhausted: that, and only that, is the end of input.
    out = stream.finish()
    if out:
        yield out


def _iterate(transliterator: Transliterator, chunks: Iterable[str]) -> Iterator[str]:
    return drive(IncrementalTransliterator(transliterator), chunks)


def _stream(t: Transliterator, chunks: Iterable[str], format: str) -> Iterator[str]:
    if format == "text":
        return _iterate(t, chunks)
    from .formats import stream

    return drive(stream(t, format), chunks)


def stream_to_latin(
    chunks: Iterable[str],
    *,
    alphabet: str = "1995",
    format: str = "text",
    **options: Unpack[OptionArgs],
) -> Iterator[str]:
    """Convert Cyrillic text that arrives in pieces; yields non-empty output pieces.

    ``"".join(stream_to_latin(chunks)) == to_latin("".join(chunks))`` for every split;
    ``alphabet`` and ``format`` as for to_latin ("1995" or "2026"; "text", "html", "xml",
    "markdown", "srt", "vtt"). Options are checked at once, not when iteration starts.

    >>> import translit
    >>> "".join(translit.stream_to_latin(["Ша", "ҳар ча", "ққон"], alphabet="2026"))
    'Şahar çaqqon'
    """
    from . import _to_latin_id, get

    return _stream(get(_to_latin_id(alphabet), **options), chunks, format)


def stream_to_cyrillic(
    chunks: Iterable[str],
    *,
    alphabet: str | None = None,
    format: str = "text",
    **options: Unpack[OptionArgs],
) -> Iterator[str]:
    """Convert Latin text that arrives in pieces; yields non-empty output pieces.

    >>> import translit
    >>> list(translit.stream_to_cyrillic(["Sha", "har", "\\n", "boʻ", "yicha"]))
    ['Шаҳар\\n', 'бўйича']
    """
    from . import _to_cyrillic_id, get

    return _stream(get(_to_cyrillic_id(alphabet), **options), chunks, format)


def transliterate_file(
    infile: TextIO,
    outfile: TextIO,
    *,
    target: str,
    source: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    **options: Unpack[OptionArgs],
) -> None:
    """Convert text stream ``infile`` into ``outfile``, ``chunk_size`` characters at a time.

    Open both with ``newline=""`` so that line endings pass through unchanged (the default
    text mode turns ``\\r\\n`` into ``\\n``). Neither stream is closed.

    >>> import io, translit
    >>> out = io.StringIO()
    >>> translit.transliterate_file(io.StringIO("Тошкент\\r\\nҒарб"), out, target="latin")
    >>> out.getvalue()
    'Toshkent\\r\\nGʻarb'
    """
    from . import _for_target

    if chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size!r} must be at least 1")
    stream = IncrementalTransliterator(_for_target(target, source, options))
    while True:
        chunk = infile.read(chunk_size)
        if not chunk:  # only an empty read is the end, never a short one
            break
        out = stream.feed(chunk)
        if out:
            outfile.write(out)
    out = stream.finish()
    if out:
        outfile.write(out)
