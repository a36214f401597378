"""The text formats in one place: names, conversion, streams and the format of a file name.

Markup (markup.py) and subtitles (subtitles.py) each convert only their human-readable text;
"text" converts everything. This module picks the right one by name, so that the API
(``format=``), the streams and the command share one list.
"""

from __future__ import annotations

import os

from . import documents, markup, subtitles
from .engine import Transliterator
from .markup import MarkupStream, TextConverter, convert_markup
from .stream import Feeder, IncrementalTransliterator
from .subtitles import SubtitleStream, convert_subtitles

#: Formats of text (``format=`` of to_latin, to_cyrillic, transliterate and the streams).
FORMATS = (*markup.FORMATS, *subtitles.FORMATS)

_EXTENSIONS = {
    ".srt": "srt",
    ".vtt": "vtt",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".odt": "odt",
    ".ott": "odt",
}


def check(format: str) -> None:
    """Raise ValueError, with the choices, unless ``format`` is a text format."""
    if format in documents.FORMATS:
        raise ValueError(
            f"format={format!r} is a document format: convert its bytes with"
            " translit.convert_document"
        )
    if format not in FORMATS:
        raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")


def convert(text: str, transliterator: TextConverter, format: str) -> str:
    """Convert ``text`` written in ``format``."""
    check(format)
    if format in subtitles.FORMATS:
        return convert_subtitles(text, transliterator, format)
    return convert_markup(text, transliterator, format)


def stream(transliterator: Transliterator, format: str) -> Feeder:
    """A fresh feed/finish stream for ``format``."""
    check(format)
    if format == "text":
        return IncrementalTransliterator(transliterator)
    if format in subtitles.FORMATS:
        return SubtitleStream(transliterator, format)
    return MarkupStream(transliterator, format)


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The format of a file, by its extension (``--format auto``); "text" if unknown.

    Documents (.docx, .odt) are bytes, not text: see :func:`translit.convert_document`.

    >>> format_for_path("index.HTML"), format_for_path("film.srt"), format_for_path("a.docx")
    ('html', 'srt', 'docx')
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    return _EXTENSIONS.get(extension) or markup.format_for_path(path)
