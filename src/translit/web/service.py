"""What the web API does, without the web: read a request, convert, describe the result.

Kept apart from the framework (app.py) so that the rules of a request (names, types, which
options exist, what a word's explanation looks like) are plain functions of plain data.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import translit

from .. import documents
from ..detect import detect
from ..matcher import Step
from ..options import _CHOICES, Options
from ..tables import CYRILLIC, LATIN, LATIN_2026

#: Longest text (characters) whose words are marked and explained in a convert answer:
#: explain() builds one record per letter, so beyond this the page shows the plain result.
MAX_MARKED = 100_000

#: Script names of the API (the library's own); a variant ID ("uz_Latn/2026") is named
#: "latin-2026", the name the library's transliterate() takes for it.
_SCRIPT_NAMES = {LATIN: "latin", CYRILLIC: "cyrillic"}
_SCHEMES = {**_SCRIPT_NAMES, LATIN_2026: "latin-2026"}

#: Rules that copy text unchanged (explain()'s names for them).
_COPIES = frozenset({"copy", "protected"})

#: Longest text /api/explain takes: a step per letter costs ~200 bytes and ~8 µs, so 10 MB
#: would hold gigabytes for over a minute.
MAX_EXPLAINED = 1_000_000

#: The fields of a request besides the library's options.
_FIELDS = frozenset({"text", "data", "target", "source", "format", "marks"})

#: A data file:line as explain() names it.
_ORIGIN = re.compile(r"([\w.-]+):(\d+)")


class RequestError(ValueError):
    """A request the API refuses: ``status`` (HTTP) and a one-line message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


#: Binary document formats (sent as base64 "data"), text formats (the request's "format"),
#: and the file extensions the page accepts.
DOCUMENT_FORMATS: tuple[str, ...] = documents.FORMATS
TEXT_FORMATS: tuple[str, ...] = tuple(translit.FORMATS)
FORMATS = (*TEXT_FORMATS, *DOCUMENT_FORMATS)
_EXTENSIONS: tuple[str, ...] = (
    *(".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".srt", ".vtt"),
    *(f".{name}" for name in DOCUMENT_FORMATS),
)


def extensions() -> dict[str, str]:
    """The format of each file extension the page accepts (by the library's own mapping)."""
    found = {ext: translit.format_for_path(f"file{ext}") for ext in _EXTENSIONS}
    for name in DOCUMENT_FORMATS:
        found[f".{name}"] = name
    return {ext: fmt for ext, fmt in found.items() if fmt in FORMATS}


def targets() -> list[dict[str, str]]:
    """The target scripts the installed translit converts to, from ``available()``."""
    names: dict[str, None] = {}
    for id_ in translit.available():
        target = id_.split("-", 1)[1]
        script, _, variant = target.partition("/")
        name = _SCRIPT_NAMES.get(script, script)
        names[f"{name}-{variant}" if variant else name] = None
    return [{"id": name} for name in names]


def options_schema() -> dict[str, Any]:
    """Each library option with its default and choices, for the page's controls."""
    schema: dict[str, Any] = {}
    for field in dataclasses.fields(Options):
        default = field.default
        if field.name in _CHOICES:
            schema[field.name] = {"default": default, "choices": list(_CHOICES[field.name])}
        elif isinstance(default, bool):
            schema[field.name] = {"default": default, "choices": [True, False]}
        else:  # keep: a list of words, none by default
            schema[field.name] = {"default": [], "choices": None}
    return schema


@dataclass(frozen=True)
class Request:
    """A validated request: text (or document bytes), direction, format and options."""

    target: str
    source: str | None
    format: str
    options: dict[str, Any]
    text: str = ""
    data: bytes | None = None
    marks: bool = False


def _string(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is not None and not isinstance(value, str):
        raise RequestError(f'"{name}" must be a string, not {type(value).__name__}')
    return value


def parse(body: object) -> Request:
    """Check a decoded JSON request; raise RequestError saying what is wrong."""
    if not isinstance(body, dict):
        raise RequestError('the request must be a JSON object, e.g. {"text": "..."}')
    known = {field.name for field in dataclasses.fields(Options)}
    unknown = sorted(set(body) - _FIELDS - known)
    if unknown:
        raise RequestError(
            f"unknown field {unknown[0]!r}; fields: {', '.join(sorted(_FIELDS | known))}"
        )
    target = _string(body, "target")
    if target is None:
        raise RequestError(f'"target" is missing; one of {", ".join(t["id"] for t in targets())}')
    source = _string(body, "source")
    format = _string(body, "format") or "text"
    if format not in FORMATS:
        raise RequestError(f"format={format!r} is not one of {', '.join(FORMATS)}")
    marks = body.get("marks", False)
    if not isinstance(marks, bool):
        raise RequestError('"marks" must be true or false')
    options = {name: body[name] for name in known if name in body}
    if "keep" in options and not (
        isinstance(options["keep"], list) and all(isinstance(w, str) for w in options["keep"])
    ):
        raise RequestError('"keep" must be a list of words, e.g. ["Chevron"]')
    try:
        Options.from_kwargs(options)  # the library's own check and message
    except ValueError as exc:
        raise RequestError(str(exc)) from None
    if format in DOCUMENT_FORMATS:
        return Request(target, source, format, options, data=_document_data(body, format))
    text = _string(body, "text")
    if text is None:
        raise RequestError('"text" is missing (for .docx/.odt send "data", base64)')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RequestError(f"text: character {exc.start}: a lone surrogate is not text") from None
    return Request(target, source, format, options, text=text, marks=marks)


def _document_data(body: dict[str, Any], format: str) -> bytes:
    data = _string(body, "data")
    if data is None:
        raise RequestError(f'format={format!r} needs "data": the file as base64')
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise RequestError('"data" is not valid base64') from None


def _source(request: Request, text: str) -> str | None:
    """The source scheme: as asked, or for "auto" read from the text as the command does.

    Text mostly in Latin letters is read as the Latin alphabet detect() finds (a mix of
    the two as 1995 Latin, whose reading of Latin takes both). A Latin target converts
    text of the other Latin alphabet between the two; Cyrillic reads text detected as
    2026 Latin as that alphabet only (Ishoq → Исҳоқ); otherwise the library's default
    source for the target is meant (also for text already in the target's own script,
    like markup with little text: <script> is Latin letters).
    """
    if request.source != "auto":
        return request.source
    found = detect(text)
    if not found.letters or found.latin <= found.cyrillic:
        return None
    script = "latin" if found.script == "mixed" else found.script
    target = _scheme(request.target)
    if target == "cyrillic":
        return script if script == "latin-2026" else None
    return script if target is not None and script != target else None


def convert(request: Request, *, max_expanded: int | None = None) -> dict[str, Any]:
    """The answer to POST /api/convert: {"text": ...} (or {"data": base64} for documents).

    A document whose text parts expand to more than ``max_expanded`` bytes is refused
    (translit.convert_document's default if None).
    """
    try:
        if request.data is not None:
            source = request.source
            if source == "auto":
                text = documents.document_text(
                    request.data, request.format, max_expanded=max_expanded
                )
                source = _source(request, text)
            output = translit.convert_document(
                request.data,
                format=request.format,
                target=request.target,
                source=source,
                max_expanded=max_expanded,
                **request.options,
            )
            # The converted document's paragraphs, for the page to show.
            preview = documents.document_text(output, request.format, max_expanded=max_expanded)
            return {"data": base64.b64encode(output).decode("ascii"), "text": preview}
        source = _source(request, request.text)
        text = translit.transliterate(
            request.text,
            target=request.target,
            source=source,
            format=request.format,
            **request.options,
        )
        answer: dict[str, Any] = {"text": text}
        if request.marks and request.format == "text" and len(request.text) <= MAX_MARKED:
            steps = translit.explain(
                request.text, target=request.target, source=source, **request.options
            )
            answer["segments"] = segments(steps, to_cyrillic=text_is_cyrillic(request.target))
        return answer
    except translit.TranslitError as exc:
        raise RequestError(str(exc), 422) from None
    except (ValueError, TypeError) as exc:
        raise RequestError(str(exc)) from None


def explain(request: Request) -> dict[str, Any]:
    """The answer to POST /api/explain: every step of the conversion, with its rule."""
    if request.data is not None or request.format != "text":
        raise RequestError('explain takes plain text ("format": "text")')
    if len(request.text) > MAX_EXPLAINED:
        raise RequestError(
            f"explain takes at most {MAX_EXPLAINED:,} characters, not {len(request.text):,};"
            " convert longer texts with /api/convert",
            413,
        )
    try:
        steps = translit.explain(
            request.text,
            target=request.target,
            source=_source(request, request.text),
            **request.options,
        )
    except ValueError as exc:
        raise RequestError(str(exc)) from None
    return {"steps": [_step(step) for step in steps]}


def _scheme(name: str) -> str | None:
    """The scheme name ("latin", "latin-2026", "cyrillic") of any name the library takes
    for a script ("uz_Latn/2026", "Cyrl", ...); None for a name it does not take."""
    try:
        return _SCHEMES[translit._script(name, "target")]
    except ValueError:
        return None


def text_is_cyrillic(target: str) -> bool:
    return _scheme(target) == "cyrillic"


@functools.lru_cache(maxsize=8)
def _data_lines(name: str) -> tuple[str, ...]:
    try:
        data = (
            resources.files("translit").joinpath("data").joinpath(name).read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return ()
    return tuple(data.splitlines())


def rule_text(rule: str) -> str:
    """The line of the data file a step names ("lexicon.tsv:32"), or "" for copy steps."""
    match = _ORIGIN.fullmatch(rule)
    if not match:
        return ""
    lines = _data_lines(match[1])
    number = int(match[2])
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def _step(step: Step) -> dict[str, Any]:
    return {
        "start": step.start,
        "end": step.end,
        "source": step.source,
        "output": step.output,
        "rule": step.rule,
        "line": rule_text(step.rule),
    }


def _kind(rules: list[str], *, to_cyrillic: bool) -> tuple[str, bool]:
    """What made a word: "lexicon", "rule" or "letters"; and whether a human should look."""
    if any(rule.startswith("lexicon") for rule in rules):
        # A loanword restored from the dictionary (sirk → цирк) may be a different word.
        return "lexicon", to_cyrillic
    if any(".rules:" in rule for rule in rules):
        return "rule", False
    return "letters", False


def segments(steps: list[Step], *, to_cyrillic: bool) -> list[dict[str, Any]]:
    """The output cut into plain text and marked words, each mark with its steps.

    A word is a run of adjacent steps that are neither copies nor protected spans; words
    made by the alphabet alone are plain text. A Latin word kept as foreign is marked for
    a human look; so is a word the lexicon restored in Cyrillic output.
    """
    out: list[dict[str, Any]] = []
    plain: list[str] = []
    word: list[Step] = []

    def flush_plain() -> None:
        if plain:
            out.append({"text": "".join(plain)})
            plain.clear()

    def flush_word() -> None:
        if not word:
            return
        kind, check = _kind([step.rule for step in word], to_cyrillic=to_cyrillic)
        text = "".join(step.output for step in word)
        if kind == "letters":
            plain.append(text)
        else:
            flush_plain()
            out.append(
                {
                    "text": text,
                    "source": "".join(step.source for step in word),
                    "kind": kind,
                    "check": check,
                    "steps": [_step(step) for step in word if step.rule not in _COPIES],
                }
            )
        word.clear()

    for step in steps:
        if step.rule in ("foreign", "keep"):
            flush_word()
            flush_plain()
            out.append(
                {
                    "text": step.output,
                    "source": step.source,
                    "kind": step.rule,
                    "check": step.rule == "foreign",
                    "steps": [_step(step)],
                }
            )
        elif step.rule in _COPIES:
            flush_word()
            plain.append(step.output)
        else:
            word.append(step)
    flush_word()
    flush_plain()
    return out
