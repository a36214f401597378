"""translit: Uzbek Cyrillic ⇄ Latin transliteration, official 1995 orthography by default.

The 2026 Latin alphabet is a variant of Latin: ``to_latin(text, alphabet="2026")``, and
``transliterate`` between the schemes "cyrillic", "latin" (1995) and "latin-2026".

>>> import translit
>>> translit.to_latin("Ўзбекистон Республикаси")
'Oʻzbekiston Respublikasi'
>>> translit.to_cyrillic("Oʻzbekiston Respublikasi")
'Ўзбекистон Республикаси'
>>> translit.to_latin("Шаҳар", apostrophe="ascii")
'Shahar'
>>> translit.to_latin("Ўзбекистон шаҳарлари", alphabet="2026")
'Özbekiston şaharlari'
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .detect import Detection, detect
from .engine import Transliterator
from .errors import DataError, TranslitError
from .matcher import Step
from .options import OptionArgs, Options
from .search import search_key
from .stream import (
    IncrementalTransliterator,
    stream_to_cyrillic,
    stream_to_latin,
    transliterate_file,
)
from .tables import CYRILLIC, LATIN, LATIN_2026, TRANSLITERATORS

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack is Python 3.11+

    from .documents import DocumentError
    from .formats import FORMATS, format_for_path
    from .markup import MarkupStream, convert_markup, stream_markup
    from .subtitles import SubtitleStream, convert_subtitles, stream_subtitles

# The formats (markup, subtitles, documents) and the process pool are imported when first
# used: most programs convert plain text, and importing them would double the start-up time.
_LAZY = {
    "FORMATS": "formats",
    "format_for_path": "formats",
    "DocumentError": "documents",
    "MarkupStream": "markup",
    "convert_markup": "markup",
    "stream_markup": "markup",
    "SubtitleStream": "subtitles",
    "convert_subtitles": "subtitles",
    "stream_subtitles": "subtitles",
}
_SUBMODULES = frozenset(
    {"cli", "closers", "dask", "documents", "formats", "markup", "parallel", "subtitles"}
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_SUBMODULES})


__all__ = [
    "FORMATS",
    "DataError",
    "Detection",
    "DocumentError",
    "IncrementalTransliterator",
    "MarkupStream",
    "OptionArgs",
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

# Script (scheme) names accepted wherever a script is asked for.
_SCRIPTS = {
    "latin": LATIN, "latn": LATIN, "uz_latn": LATIN, "uz-latn": LATIN,
    "latin-1995": LATIN, "latin-2026": LATIN_2026, "uz_latn/2026": LATIN_2026,
    "cyrillic": CYRILLIC, "cyrl": CYRILLIC, "uz_cyrl": CYRILLIC, "uz-cyrl": CYRILLIC,
}  # fmt: skip
#: The Latin alphabets ``to_latin`` writes, by year.
ALPHABETS = {"1995": LATIN, "2026": LATIN_2026}


def available() -> tuple[str, ...]:
    """The transliterator IDs, in ICU/CLDR form (the 2026 alphabet is the variant /2026)."""
    return TRANSLITERATORS


@functools.lru_cache(maxsize=64)
def _get(id: str, options: Options) -> Transliterator:
    return Transliterator(id, options)


def get(id: str, **options: Unpack[OptionArgs]) -> Transliterator:
    """A compiled transliterator, cached per (id, options): ``get("uz_Cyrl-uz_Latn")``."""
    if id not in TRANSLITERATORS:
        raise ValueError(f"unknown transliterator {id!r}; available: {', '.join(TRANSLITERATORS)}")
    return _get(id, Options.from_kwargs(options))


def _script(name: str, what: str) -> str:
    try:
        return _SCRIPTS[name.lower()]
    except (KeyError, AttributeError):
        raise ValueError(
            f"{what}={name!r} is not a script; use 'latin', 'latin-2026' or 'cyrillic'"
        ) from None


def _alphabet(alphabet: object) -> str:
    try:
        return ALPHABETS[alphabet]  # type: ignore[index]
    except (KeyError, TypeError):
        raise ValueError(f"alphabet={alphabet!r} is not one of {', '.join(ALPHABETS)}") from None


def _for_target(target: str, source: str | None, options: OptionArgs) -> Transliterator:
    tgt = _script(target, "target")
    src = (
        _script(source, "source")
        if source is not None
        else (LATIN if tgt == CYRILLIC else CYRILLIC)
    )
    if src == tgt:
        raise ValueError(f"source and target are both {tgt}")
    return get(f"{src}-{tgt}", **options)


def _to_latin_id(alphabet: str) -> str:
    return f"{CYRILLIC}-{_alphabet(alphabet)}"


def _to_cyrillic_id(alphabet: str | None) -> str:
    return f"{LATIN if alphabet is None else _alphabet(alphabet)}-{CYRILLIC}"


def _convert(t: Transliterator, text: str, format: str) -> str:
    if format == "text":
        return t(text)
    from . import formats

    return formats.convert(text, t, format)


def to_latin(
    text: str, *, alphabet: str = "1995", format: str = "text", **options: Unpack[OptionArgs]
) -> str:
    """Convert Uzbek Cyrillic in ``text`` to Latin; everything else is left as it is.

    ``alphabet`` is "1995" (default, the official alphabet) or "2026" (ö ğ ş ç; see
    docs/alphabets.md). ``format`` is "text" (default), "html", "xml", "markdown", "srt" or
    "vtt": for markup and subtitles only the human-readable text changes (see
    docs/markup.md).
    """
    return _convert(get(_to_latin_id(alphabet), **options), text, format)


def to_cyrillic(
    text: str, *, alphabet: str | None = None, format: str = "text", **options: Unpack[OptionArgs]
) -> str:
    """Convert Uzbek Latin in ``text`` to Cyrillic; everything else is left as it is.

    By default both Latin alphabets are read: ö ğ ş ç are letters, and a word with one of
    them is read as 2026 Latin (its s + h is с + ҳ). ``alphabet="2026"`` reads all of the
    text as 2026 Latin (Mushaf → Мусҳаф); "1995" is the default reading.
    """
    return _convert(get(_to_cyrillic_id(alphabet), **options), text, format)


def transliterate(
    text: str,
    *,
    target: str,
    source: str | None = None,
    format: str = "text",
    **options: Unpack[OptionArgs],
) -> str:
    """Convert ``text`` to ``target``: "cyrillic", "latin" (1995) or "latin-2026".

    ``source`` is one of the same names; by default Cyrillic for a Latin target and Latin
    (either alphabet) for Cyrillic. ``source="latin", target="latin-2026"`` and the reverse
    convert between the two Latin alphabets.
    """
    return _convert(_for_target(target, source, options), text, format)


def transliterate_many(
    texts: Iterable[str],
    *,
    target: str,
    source: str | None = None,
    format: str = "text",
    processes: int | None = None,
    chunksize: int | None = None,
    **options: Unpack[OptionArgs],
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


def explain(
    text: str, *, target: str, source: str | None = None, **options: Unpack[OptionArgs]
) -> list[Step]:
    """The steps (source span, output, rule or lexicon file:line) that convert ``text``."""
    return _for_target(target, source, options).explain(text)


def convert_document(
    data: bytes,
    *,
    format: str,
    target: str,
    source: str | None = None,
    max_expanded: int | None = None,
    **options: Unpack[OptionArgs],
) -> bytes:
    """Convert the text of a .docx or .odt document (``format`` "docx" or "odt") given as bytes.

    Only the text changes: every other member of the archive, every tag and attribute of the
    text parts stays byte for byte (see docs/documents.md). A document whose text parts
    expand to more than ``max_expanded`` bytes is refused (a zip bomb); by default 100 times
    the document's size, at least 64 MiB.
    """
    from .documents import convert_document_bytes

    convert = _for_target(target, source, options)
    return convert_document_bytes(data, convert, format, max_expanded=max_expanded)


def convert_document_file(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    target: str,
    source: str | None = None,
    format: str | None = None,
    **options: Unpack[OptionArgs],
) -> None:
    """Convert the document at ``path`` into ``output`` (which may be ``path`` itself).

    ``format`` is "docx" or "odt", by default from the extension of ``path``. The output is
    written to a temporary file beside it and moved into place only when complete.
    """
    import contextlib
    import tempfile

    from . import formats
    from .documents import FORMATS as DOCUMENT_FORMATS

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
