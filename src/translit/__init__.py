"""translit: Uzbek Cyrillic ⇄ Latin transliteration, official 1995 orthography by default.

>>> import translit
>>> translit.to_latin("Ўзбекистон Республикаси")
'Oʻzbekiston Respublikasi'
>>> translit.to_cyrillic("Oʻzbekiston Respublikasi")
'Ўзбекистон Республикаси'
>>> translit.to_latin("Шаҳар", apostrophe="ascii")
'Shahar'
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterable
from typing import Any

from . import formats
from .detect import Detection, detect
from .documents import FORMATS as DOCUMENT_FORMATS
from .documents import DocumentError, convert_document_bytes
from .engine import Transliterator
from .errors import DataError, TranslitError
from .formats import FORMATS, format_for_path
from .markup import MarkupStream, convert_markup, stream_markup
from .matcher import Step
from .options import Options
from .search import search_key
from .stream import (
    IncrementalTransliterator,
    stream_to_cyrillic,
    stream_to_latin,
    transliterate_file,
)
from .subtitles import SubtitleStream, convert_subtitles, stream_subtitles
from .tables import CYRILLIC, DIRECTIONS, LATIN

__all__ = [
    "FORMATS",
    "DataError",
    "Detection",
    "DocumentError",
    "IncrementalTransliterator",
    "MarkupStream",
    "Options",
    "Step",
    "SubtitleStream",
    "TranslitError",
    "Transliterator",
    "available",
    "convert_document",
    "convert_document_file",
    "convert_markup",
    "convert_subtitles",
    "detect",
    "explain",
    "format_for_path",
    "get",
    "search_key",
    "stream_markup",
    "stream_subtitles",
    "stream_to_cyrillic",
    "stream_to_latin",
    "to_cyrillic",
    "to_latin",
    "transliterate",
    "transliterate_file",
    "transliterate_many",
]
__version__ = "0.1.0"

# Script names accepted wherever a script is asked for.
_SCRIPTS = {
    "latin": LATIN, "latn": LATIN, "uz_latn": LATIN, "uz-latn": LATIN,
    "cyrillic": CYRILLIC, "cyrl": CYRILLIC, "uz_cyrl": CYRILLIC, "uz-cyrl": CYRILLIC,
}  # fmt: skip


def available() -> tuple[str, ...]:
    """The transliterator IDs, in ICU/CLDR form."""
    return DIRECTIONS


@functools.lru_cache(maxsize=64)
def _get(id: str, options: Options) -> Transliterator:
    return Transliterator(id, options)


def get(id: str, **options: Any) -> Transliterator:
    """A compiled transliterator, cached per (id, options): ``get("uz_Cyrl-uz_Latn")``."""
    if id not in DIRECTIONS:
        raise ValueError(f"unknown transliterator {id!r}; available: {', '.join(DIRECTIONS)}")
    return _get(id, Options.from_kwargs(options))


def _script(name: str, what: str) -> str:
    try:
        return _SCRIPTS[name.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"{what}={name!r} is not a script; use 'latin' or 'cyrillic'") from None


def _for_target(target: str, source: str | None, options: dict[str, Any]) -> Transliterator:
    tgt = _script(target, "target")
    src = (
        _script(source, "source")
        if source is not None
        else (LATIN if tgt == CYRILLIC else CYRILLIC)
    )
    if src == tgt:
        raise ValueError(f"source and target are both {tgt}")
    return get(f"{src}-{tgt}", **options)


def _convert(t: Transliterator, text: str, format: str) -> str:
    return t(text) if format == "text" else formats.convert(text, t, format)


def to_latin(text: str, *, format: str = "text", **options: Any) -> str:
    """Convert Uzbek Cyrillic in ``text`` to Latin; everything else is left as it is.

    ``format`` is "text" (default), "html", "xml", "markdown", "srt" or "vtt": for markup
    and subtitles only the human-readable text changes (see docs/markup.md).
    """
    return _convert(get("uz_Cyrl-uz_Latn", **options), text, format)


def to_cyrillic(text: str, *, format: str = "text", **options: Any) -> str:
    """Convert Uzbek Latin in ``text`` to Cyrillic; everything else is left as it is."""
    return _convert(get("uz_Latn-uz_Cyrl", **options), text, format)


def transliterate(
    text: str, *, target: str, source: str | None = None, format: str = "text", **options: Any
) -> str:
    """Convert ``text`` to ``target`` ("latin" or "cyrillic"); ``source`` is the other one."""
    return _convert(_for_target(target, source, options), text, format)


def transliterate_many(
    texts: Iterable[str],
    *,
    target: str,
    source: str | None = None,
    format: str = "text",
    processes: int | None = None,
    chunksize: int | None = None,
    **options: Any,
) -> list[str]:
    """Convert many texts in one call: the list of their conversions, in order.

    Several times faster than a loop over :func:`transliterate` for short texts (cells of a
    dataframe, headlines, chat messages): the texts are converted together, sharing the
    memo and the bulk path. ``processes`` > 1 spreads them over that many worker processes
    (0: one per core), ``chunksize`` texts per task; worth it for millions of texts.

    >>> import translit
    >>> translit.transliterate_many(["Шаҳар", "1994 йил"], target="latin")
    ['Shahar', '1994-yil']
    """
    from .parallel import map_texts

    t = _for_target(target, source, options)
    return map_texts(t, texts, format=format, processes=processes, chunksize=chunksize)


def explain(text: str, *, target: str, source: str | None = None, **options: Any) -> list[Step]:
    """The steps (source span, output, rule or lexicon file:line) that convert ``text``."""
    return _for_target(target, source, options).explain(text)


def convert_document(
    data: bytes, *, format: str, target: str, source: str | None = None, **options: Any
) -> bytes:
    """Convert the text of a .docx or .odt document (``format`` "docx" or "odt") given as bytes.

    Only the text changes: every other member of the archive, every tag and attribute of the
    text parts stays byte for byte (see docs/documents.md).
    """
    return convert_document_bytes(data, _for_target(target, source, options), format)


def convert_document_file(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    target: str,
    source: str | None = None,
    format: str | None = None,
    **options: Any,
) -> None:
    """Convert the document at ``path`` into ``output`` (which may be ``path`` itself).

    ``format`` is "docx" or "odt", by default from the extension of ``path``. The output is
    written to a temporary file beside it and moved into place only when complete.
    """
    fmt = format if format is not None else formats.format_for_path(path)
    if fmt not in DOCUMENT_FORMATS:
        raise ValueError(
            f"{os.fspath(path)}: not a .docx or .odt file; pass format='docx' or 'odt'"
        )
    with open(path, "rb") as handle:
        data = handle.read()
    converted = convert_document(data, format=fmt, target=target, source=source, **options)
    folder = os.path.dirname(os.path.abspath(output))
    try:
        mode = os.stat(output).st_mode & 0o7777  # a replaced file keeps its permissions
    except FileNotFoundError:
        umask = os.umask(0o022)  # read by setting it: what open() would give a new file
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temp = tempfile.mkstemp(prefix=".translit-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(converted)
        os.chmod(temp, mode)
        os.replace(temp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
