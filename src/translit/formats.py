"""The text formats in one place: names, conversion, streams and the format of a file name.

Markup (markup.py) and subtitles (subtitles.py) each convert only their human-readable text;
"text" converts everything. This module picks the right one by name, so that the API
(``format=``), the streams and the command share one list.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .stream import Feeder, IncrementalTransliterator

if TYPE_CHECKING:
    from .engine import Transliterator
    from .markup import TextConverter

# The names only: the modules that convert them are imported when first used, so that the
# command converting plain text never loads them (see docs/design.md, "Start-up").
#: Markup formats (markup.py); "text" is plain text.
MARKUP_FORMATS = ("text", "html", "xml", "markdown")
#: Subtitle formats (subtitles.py).
SUBTITLE_FORMATS = ("srt", "vtt")
#: Document formats (documents.py): bytes, not text.
DOCUMENT_FORMATS = ("docx", "odt")
#: Formats of text (``format=`` of to_latin, to_cyrillic, transliterate and the streams).
FORMATS = (*MARKUP_FORMATS, *SUBTITLE_FORMATS)

_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "xml",
    ".svg": "xml",
    ".xliff": "xml",
    ".xlf": "xml",
    ".md": "markdown",
    ".markdown": "markdown",
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
    if format in DOCUMENT_FORMATS:
        raise ValueError(
            f"format={format!r} is a document format: convert its bytes with"
            " translit.convert_document"
        )
    if format not in FORMATS:
        raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")


def convert(text: str, transliterator: TextConverter, format: str) -> str:
    """Convert ``text`` written in ``format``."""
    check(format)
    if format in SUBTITLE_FORMATS:
        from .subtitles import convert_subtitles

        return convert_subtitles(text, transliterator, format)
    from .markup import convert_markup

    return convert_markup(text, transliterator, format)


def stream(transliterator: Transliterator, format: str) -> Feeder:
    """A fresh feed/finish stream for ``format``."""
    check(format)
    if format == "text":
        return IncrementalTransliterator(transliterator)
    if format in SUBTITLE_FORMATS:
        from .subtitles import SubtitleStream

        return SubtitleStream(transliterator, format)
    from .markup import MarkupStream

    return MarkupStream(transliterator, format)


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The format of a file, by its extension (``--format auto``); "text" if unknown.

    Documents (.docx, .odt) are bytes, not text: see :func:`translit.convert_document`.

    >>> format_for_path("index.HTML"), format_for_path("film.srt"), format_for_path("a.docx")
    ('html', 'srt', 'docx')
    >>> format_for_path("README.md"), format_for_path("a.txt"), format_for_path("Makefile")
    ('markdown', 'text', 'text')
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    return _EXTENSIONS.get(extension, "text")
