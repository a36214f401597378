"""Markup-aware conversion: in HTML, XML and Markdown only the human-readable text changes.

A small scanner per format splits a document into :class:`Segment` s: ``text`` (converted),
``keep`` (copied as it is: tags, comments, code, URLs...), ``entity`` (a character reference
such as ``&laquo;``: copied, but converted *with* the text around it, see below) and
``replace`` (a ``lang`` value whose script subtag changes). The strings of the segments always
join up to the input, and every byte outside ``text`` comes out exactly as it went in.

``html.parser`` is not used because it does not give back the bytes it read (it normalises
case, quotes and references); the scanners here only ever find boundaries.

Each maximal run of text and entities is converted as one string, so that words keep their
context (the engine also leaves URLs, e-mail addresses and handles alone there); each entity is
replaced by a placeholder character (U+FFFC, a symbol the engine copies) while the run is
converted, and put back afterwards. A word cut by a tag (``Ци<b>рк</b>``) or by an entity
(``Ци&amp;рк``) is converted as two words: that cannot be helped without decoding the markup.
A soft hyphen (``&shy;``, ``&#173;``, ``<wbr>``: "soft" segments) stands for U+00AD instead,
which the engine keeps inside the word, so ``Сен&shy;тябрь`` is one word (``Sen&shy;tabr``).

Elements in another language (``lang="ru"``) or marked ``translate="no"`` are kept with their
contents (the scanner tracks open elements, see ``_Scanner._open``), and the string values of
a few JSON-LD keys are text (``_Scanner._json``).

Streaming (:class:`MarkupStream`) uses the same scanner: it decides a construct only once it
has seen enough of it, and only the undecided rest of the buffer is kept between calls, so
``"".join(feeds) + finish()`` equals :func:`convert_markup` of the whole text however it was
cut. Constructs that must be seen whole (a tag, a character reference, a Markdown code span
or link destination, a Markdown line that may open a fence) are limited to
:data:`MAX_CONSTRUCT` characters; a longer one is read as text. Comments, CDATA sections,
the contents of ``<script>``/``<style>`` and fenced code are streamed as they come, holding
back only what could begin their closing delimiter.

See docs/markup.md for what each format converts.
"""

from __future__ import annotations

import html.entities
import json
from collections import deque
from collections.abc import Iterable, Iterator
from typing import NamedTuple, Protocol

import regex

from .closers import Closers
from .engine import SOFT_HYPHEN, _type_error
from .formats import MARKUP_FORMATS
from .stream import drive
from .tables import CYRILLIC

#: The markup formats; "text" converts everything by the text rules.
FORMATS = MARKUP_FORMATS

#: Longest tag, character reference, declaration, Markdown code span, link destination or
#: Markdown line that is recognised as one: anything longer is text (or, for a line, prose).
#: It bounds what a stream holds back.
MAX_CONSTRUCT = 1 << 16

#: Most nested code-like elements (<pre>, <code>...) that are tracked.
MAX_DEPTH = 256

TEXT = "text"
KEEP = "keep"
ENTITY = "entity"
REPLACE = "replace"
SOFT = "soft"
JSON = "json"

#: Stands for an entity while the text around it is converted (a symbol the engine copies).
PLACEHOLDER = "\ufffc"


class Segment(NamedTuple):
    """A piece of the input: ``kind`` is "text", "keep", "entity", "replace", "soft" or "json".

    ``replacement`` is the new string of a "replace" segment (and "" for the others).
    """

    kind: str
    text: str
    replacement: str = ""


class TextConverter(Protocol):
    """What conversion needs of a transliterator (:class:`translit.Transliterator` is one)."""

    @property
    def target(self) -> str: ...

    def __call__(self, text: str) -> str: ...

    def convert_prefix(self, buffer: str, final: bool = False) -> tuple[str, str]: ...


# -- what is converted ------------------------------------------------------------------------

#: Attributes whose values are human-readable text, in HTML and XML.
TEXT_ATTRIBUTES = frozenset(
    {
        "title",
        "alt",
        "placeholder",
        "aria-label",
        "aria-description",
        "aria-placeholder",
        "aria-roledescription",
        "aria-valuetext",
    }
)
#: ``<meta name|property=...>`` whose ``content`` is human-readable text.
META_TEXT = frozenset(
    {
        "description",
        "keywords",
        "og:title",
        "og:description",
        "og:site_name",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)
#: ``<input type=...>`` whose ``value`` is a label or text shown to the reader ("" is no type).
INPUT_TEXT = frozenset({"", "text", "submit", "button", "reset", "search"})
#: Elements whose ``label`` attribute is shown to the reader.
LABELLED = frozenset({"option", "optgroup", "track"})
#: Attributes holding a BCP 47 language tag whose script subtag is updated.
LANG_ATTRIBUTES = frozenset({"lang", "xml:lang"})
#: HTML elements whose contents are raw text up to their end tag (kept).
HTML_RAW = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})
#: HTML elements whose contents are text (character references, no tags) up to their end tag.
HTML_RCDATA = frozenset({"title", "textarea"})
#: HTML elements that have no end tag (they are not tracked as open).
HTML_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: HTML elements that a start tag of the same name closes (<li>a<li>b, <p>a<p>b).
HTML_NOT_NESTED = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rt", "rp"}
)
#: JSON-LD (``<script type="application/ld+json">``) keys whose string values are text.
JSON_LD_TEXT = frozenset(
    {"headline", "alternativeHeadline", "description", "name", "articleBody", "caption"}
)
#: HTML elements whose contents (tags, text, entities) are all kept.
HTML_CODE = frozenset({"code", "pre", "kbd", "samp"})
#: XML elements whose contents are all kept (XML has no raw-text elements).
XML_CODE = frozenset({"script", "style"})

# HTML character references that may be written without the semicolon (&amp, &copy...).
_LEGACY_ENTITIES = frozenset(name for name in html.entities.html5 if not name.endswith(";"))

_WS = " \t\n\r\f"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_HTML_SPECIAL = regex.compile(r"[<&]")
# A reference to U+00AD SOFT HYPHEN (&shy without ';' is one of HTML's legacy names).
_SOFT_REFERENCE = regex.compile(r"&(?:shy;?|#0*173;|#[xX]0*[aA][dD];)")
_LANG_PRIMARY = regex.compile(r"[^-_]*")
# JSON-LD: what ends a run of JSON outside a string, and inside one.
_JSON_PLAIN = regex.compile(r'[^"<:]+')
_JSON_IN_STRING = regex.compile(r'[^"\\<]+')
_JSON_ESCAPE = regex.compile(r"\\(?:u[0-9A-Fa-f]{4}|[^u<])")
_MAX_JSON_KEY = 64
# The rest of a JSON string up to its closing quote (not across an end tag such as </script>).
_JSON_BODY = regex.compile(r'(?:[^"\\<]++|\\[\s\S]|<(?!/))*+"')
_MD_SPECIAL = regex.compile(r"[<&`\\\[\]\n]")
# A character reference: its longest run of name characters (checked for ';' afterwards).
_ENTITY_HEAD = regex.compile(r"&(?:#[xX]([0-9A-Fa-f]*)|#([0-9]*)|([A-Za-z][A-Za-z0-9]*))?")
_MAX_ENTITY = 34  # '&' + 32 name characters + ';' (the longest HTML name has 31)
_MD_TAG_NAME = regex.compile(r"[A-Za-z][A-Za-z0-9-]*")
_LANG_SCRIPT = regex.compile(r"(?i)uz([-_])(cyrl|latn)(?![A-Za-z0-9])")
_LANG_PLAIN = regex.compile(r"(?i)uz(?:([-_])uz)?")

# Markdown. Every pattern that is matched against a buffer that may still grow ends in a
# closing delimiter, so that a full match cannot change when more text arrives (with
# ``partial=True`` the regex module reports a match cut by the end of the buffer as partial).
_AUTOLINK = regex.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_TITLE = r"""(?P<title>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_LINK_TAIL = regex.compile(
    r"""\(
    [ \t]*(?:\n[ \t]*)?
    (?:<(?:[^<>\n\\]|\\.)*>|(?!<)(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)?
    (?:(?:[ \t]+(?:\n[ \t]*)?|[ \t]*\n[ \t]*)"""
    + _TITLE
    + r""")?
    [ \t]*(?:\n[ \t]*)?\)""",
    regex.VERBOSE,
)
_REFERENCE = regex.compile(
    r"""[ ]{0,3}\[(?P<label>(?!\^)(?![ \t]*\])(?:[^\\\[\]]|\\.){1,999})\]:
    [ \t]*(?:<(?:[^<>\n\\]|\\.)*>|(?!<)\S+)
    (?:[ \t]+"""
    + _TITLE
    + r""")?[ \t\r]*""",
    regex.VERBOSE,
)
_QUOTE = regex.compile(r"(?:[ ]{0,3}>[ \t]?)*")
_FENCE = regex.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_LIST_ITEM = regex.compile(r"[ \t]*([-+*]|[0-9]{1,9}[.)])(?:[ \t]+|(?=\r?$))")
_HEADING = regex.compile(r"[ \t]*(?:#{1,6}(?:[ \t]|\r?$)|(?:[-*_=][ \t]*){3,}\r?$)")
_HTML_BLOCK_1_5 = regex.compile(r"(?i)[ \t]*<(?:[!?]|(?:script|pre|style|textarea)(?:[\s>]|$))")
_NON_BLANK = regex.compile(r"[^ \t]")
# First characters of a line that may make it more than prose (a fence, a definition, a
# heading or rule, a list item, an HTML block): such lines are classified whole.
_MAYBE_BLOCK = frozenset("`~[<#-*_=+0123456789\r")
# Something on a line that makes it not a closing fence of that character.
_NOT_FENCE = {char: regex.compile(rf"[^ \t\r{char}]") for char in "`~"}
# What ends a code span's search: a backtick run, or the end of the paragraph (a blank line,
# or a line that starts a list item, heading, fence or block quote).
_SPAN_STOP = regex.compile(
    r"`+|\n[ \t\r]*\n|\n[ \t]*(?:[-+*][ \t]|[0-9]{1,9}[.)][ \t]|\#{1,6}[ \t]|```|~~~|>)"
)

# Outcomes of looking at a construct: its end index, _NO (it is not one), or None (the buffer
# ends too soon to tell).
_NO = -1


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


def _columns(indent: str) -> int:
    """Width of leading spaces and tabs (tab stops every 4 columns, as in CommonMark)."""
    col = 0
    for char in indent:
        col = col + 4 - col % 4 if char == "\t" else col + 1
    return col


def _entity_end(buf: str, i: int, eof: bool, legacy: bool) -> int | None:
    """End of the character reference at ``buf[i] == "&"``, _NO, or None if undecided."""
    n = len(buf)
    match = _ENTITY_HEAD.match(buf, i, min(n, i + _MAX_ENTITY + 6))
    assert match is not None  # it matches the '&' at least
    end = match.end()
    if end - i > _MAX_ENTITY:
        return _NO
    if end == n and not eof:
        return None  # the name may go on, or the ';' may follow
    body = match.group(1) if match.group(1) is not None else match.group(2)
    name = match.group(3)
    if end < n and buf[end] == ";" and (body or name):
        return end + 1
    if legacy and name in _LEGACY_ENTITIES:
        return end
    return _NO


def _parse_tag(
    buf: str, i: int, n: int
) -> tuple[int, int, list[tuple[int, int, int, int]], bool] | None:
    """Parse the start or end tag at ``buf[i] == "<"``, looking no further than ``n``.

    Follows the states of the HTML tokenizer, so that the tag ends where a browser ends it
    (a '>' inside a quoted value does not end it; one in an unquoted value does).
    Returns (end, end of the name, attributes, self-closing) or None if ``n`` comes first.
    An attribute is (name start, name end, value start, value end); -1 for no value.
    """
    j = i + 2 if buf[i + 1] == "/" else i + 1
    while j < n and buf[j] not in " \t\n\r\f/>":
        j += 1
    name_end = j
    attrs: list[tuple[int, int, int, int]] = []
    state = 0  # 0 before a name, 1 in a name, 2 after a name, 3 before a value, 4 unquoted
    name_start = name_stop = value_start = -1
    slash = False
    while j < n:
        char = buf[j]
        if state == 0:
            if char == ">":
                return j + 1, name_end, attrs, slash
            slash = char == "/"
            if not slash and char not in _WS:
                name_start, state = j, 1
        elif state == 1:
            if char == "=":
                name_stop, state = j, 3
            elif char in _WS:
                name_stop, state = j, 2
            elif char == "/" or char == ">":
                attrs.append((name_start, j, -1, -1))
                if char == ">":
                    return j + 1, name_end, attrs, False
                state, slash = 0, True
        elif state == 2:
            if char == "=":
                state = 3
            elif char not in _WS:
                attrs.append((name_start, name_stop, -1, -1))
                if char == ">":
                    return j + 1, name_end, attrs, False
                if char == "/":
                    state, slash = 0, True
                else:
                    name_start, state = j, 1
        elif state == 3:
            if char == '"' or char == "'":
                close = buf.find(char, j + 1, n)
                if close < 0:
                    return None
                attrs.append((name_start, name_stop, j + 1, close))
                j, state, slash = close + 1, 0, False
                continue
            if char == ">":
                attrs.append((name_start, name_stop, j, j))
                return j + 1, name_end, attrs, False
            if char not in _WS:
                value_start, state = j, 4
        elif char in _WS or char == ">":  # state 4: an unquoted value
            attrs.append((name_start, name_stop, value_start, j))
            if char == ">":
                return j + 1, name_end, attrs, False
            state = 0
        j += 1
    return None


def swap_lang(value: str, target: str) -> str:
    """The language tag ``value`` updated for text now written in ``target``.

    ``uz-Cyrl`` ⇄ ``uz-Latn`` (any case, ``-`` or ``_``, more subtags allowed). A tag
    without a script subtag implies the likely script of CLDR, Latin (uz → uz_Latn_UZ), so
    for Latin output ``uz`` and ``uz-UZ`` are right as they are, and for Cyrillic output they
    become ``uz-Cyrl`` and ``uz-Cyrl-UZ``. Other tags are not changed.

    >>> swap_lang("uz-Cyrl", "uz_Latn"), swap_lang("uz_latn_UZ", "uz_Cyrl")
    ('uz-Latn', 'uz_cyrl_UZ')
    >>> swap_lang("uz", "uz_Latn"), swap_lang("uz-UZ", "uz_Cyrl"), swap_lang("ru", "uz_Latn")
    ('uz', 'uz-Cyrl-UZ', 'ru')
    """
    want = "Cyrl" if target == CYRILLIC else "Latn"  # 2026 Latin is uz-Latn too
    match = _LANG_SCRIPT.match(value)
    if match:
        script = match.group(2)
        new = want.upper() if script.isupper() else want.lower() if script.islower() else want
        return value[: match.start(2)] + new + value[match.end(2) :]
    if target == CYRILLIC:
        match = _LANG_PLAIN.fullmatch(value)
        if match:
            return value[:2] + (match.group(1) or "-") + want + value[2:]
    return value


# -- the scanner ------------------------------------------------------------------------------


class _Scanner:
    """Splits markup into segments, a buffer at a time, carrying its state between calls.

    ``scan(buffer, final)`` returns the segments of the longest prefix of ``buffer`` that no
    later text can change, and the length of that prefix; the caller keeps the rest and passes
    it again with the next text. Every step either decides a construct from what it has seen
    (looking at most MAX_CONSTRUCT characters ahead) or consumes nothing, so the segments of a
    text do not depend on how it was cut.
    """

    def __init__(self, format: str, target: str | None) -> None:
        if format not in FORMATS:
            raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")
        self.format = format
        self.xml = format == "xml"
        self.md = format == "markdown"
        self.target = target
        self.until: str | None = None  # closing delimiter of the comment/CDATA/PI we are in
        self.raw: str | None = None  # raw-text element (script...) whose contents we are in
        self.rcdata = False  # ... and whether those contents are text (<title>)
        self.stack: list[str] = []  # open elements whose contents are kept (<pre>, <code>)
        # Open elements (name, not Uzbek, translate="no"), and whether what is read now is
        # kept because an element around it is in another language or not to be translated.
        self.open: list[tuple[str, bool, bool]] = []
        self.open_names: dict[str, int] = {}  # how many of each name are open (end tags
        # that close nothing are then found at once, not by searching the list each time)
        self.kept = False
        # JSON-LD in a <script>: in a string, converting it, the key read, a text key before ':'.
        self.json = False
        self.json_string = False
        self.json_value = False
        self.json_key: list[str] | None = None
        self.json_last = ""
        self.json_want = False
        self.json_fresh = False  # at the start of a value string's contents
        # Markdown block state.
        self.line_start = True
        self.code_line = False  # in the rest of an (over-long) code line
        self.fence: tuple[str, int, int] | None = None  # fence character, length, > depth
        self.indented = False  # in an indented code block
        self.para = False  # a paragraph is open (an indented line continues it)
        self.list_indent = -1  # content column of the last list item, -1 outside lists
        self.brackets = 0  # '[' not yet closed in the current paragraph
        self._segments: list[Segment] = []
        self._kind = ""
        self._parts: list[str] = []
        # Where tags and declarations end, shared by every '<' (linear time, closers.py).
        self._closers = Closers()

    # -- output ----------------------------------------------------------------------------

    def _add(self, kind: str, text: str, replacement: str = "") -> None:
        if not text:
            return
        if self.kept and kind != KEEP:  # inside lang="ru", translate="no"...
            kind, replacement = KEEP, ""
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

    def _text_kind(self) -> str:
        return KEEP if self.stack else TEXT

    def _with_entities(self, text: str) -> None:
        """Add ``text`` (complete, e.g. an attribute value) with its character references."""
        legacy = self.format == "html"
        start = pos = 0
        while True:
            pos = text.find("&", pos)
            if pos < 0:
                break
            end = _entity_end(text, pos, True, legacy)
            if end is None or end < 0:
                pos += 1
                continue
            self._add(TEXT, text[start:pos])
            self._add(self._reference_kind(text[pos:end]), text[pos:end])
            start = pos = end
        self._add(TEXT, text[start:])

    # -- driver ----------------------------------------------------------------------------

    def scan(self, buf: str, final: bool) -> tuple[list[Segment], int]:
        self._segments = []
        i, n = 0, len(buf)
        while i < n:
            j = self._step(buf, i, final)
            if j is None:
                break
            i = j
        self._flush()
        self._closers.origin += i  # the caller drops buf[:i]
        self._closers.forget_before(self._closers.origin, MAX_CONSTRUCT)
        return self._segments, i

    def _step(self, buf: str, i: int, final: bool) -> int | None:
        """Consume one construct (or change state and consume nothing); None: need more."""
        if self.until is not None:
            return self._until(buf, i, final)
        if self.raw is not None:
            return self._raw(buf, i, final)
        if self.format == "text":
            self._add(TEXT, buf[i:])
            return len(buf)
        if self.md:
            if self.code_line:
                return self._code_line(buf, i)
            if self.line_start:
                return self._line_start(buf, i, final)
            if not self.stack:
                return self._inline(buf, i, final)
        return self._text(buf, i, final)

    # -- HTML and XML ----------------------------------------------------------------------

    def _text(self, buf: str, i: int, final: bool) -> int | None:
        match = _HTML_SPECIAL.search(buf, i)
        j = match.start() if match else len(buf)
        if j > i:
            self._add(self._text_kind(), buf[i:j])
            return j
        if buf[i] == "<":
            return self._lt(buf, i, final)
        return self._amp(buf, i, final)

    def _lone(self, buf: str, i: int) -> int:
        """The character at ``i`` starts nothing: it is text."""
        self._add(self._text_kind(), buf[i])
        return i + 1

    def _amp(self, buf: str, i: int, final: bool) -> int | None:
        end = _entity_end(buf, i, final, self.format == "html")
        if end is None:
            return None
        if end < 0:
            return self._lone(buf, i)
        self._add(KEEP if self.stack else self._reference_kind(buf[i:end]), buf[i:end])
        return end

    def _reference_kind(self, reference: str) -> str:
        """A soft hyphen is part of the word around it (SOFT); other references are ENTITY.

        (In XML only the numeric ones: &shy; there means what a DTD says.)
        """
        if _SOFT_REFERENCE.fullmatch(reference) and not (self.xml and reference[1] != "#"):
            return SOFT
        return ENTITY

    def _lt(self, buf: str, i: int, final: bool) -> int | None:
        n = len(buf)
        if i + 1 >= n:
            return self._lone(buf, i) if final else None
        char = buf[i + 1]
        if char == "!":
            return self._bang(buf, i, final)
        if char == "?":
            if self.xml:  # a processing instruction, up to '?>'
                self._add(KEEP, "<?")
                self.until = "?>"
                return i + 2
            return self._bounded(buf, i, final, self._declaration_end(buf, i, False))
        closing = char == "/"
        k = i + 2 if closing else i + 1
        if k >= n:
            return self._lone(buf, i) if final else None
        first = buf[k]
        if self.xml:
            starts_name = first.isalpha() or first in "_:"
        else:
            starts_name = "a" <= _ascii_lower(first) <= "z"
        if not starts_name:
            return self._lone(buf, i)
        gt = self._closers.tag_end(buf, k, min(n, i + MAX_CONSTRUCT))
        if gt < 0:
            return self._lone(buf, i) if final or n - i >= MAX_CONSTRUCT else None
        parsed = _parse_tag(buf, i, gt + 1)
        assert parsed is not None, "closers.py and _parse_tag disagree"
        assert parsed[0] == gt + 1, "closers.py and _parse_tag disagree"
        end, name_end, attrs, self_closing = parsed
        name = buf[k:name_end]
        if self.md and not _MD_TAG_NAME.fullmatch(name):
            return self._lone(buf, i)
        name = name if self.xml else _ascii_lower(name)
        if closing:
            self._add(KEEP, buf[i:end])
            self._close(name)
        elif name == "wbr" and not self.xml and not self.stack:
            self._add(SOFT, buf[i:end])  # a word break inside a word: see _Runs
        else:
            self._open(buf, name, attrs, self_closing)
            self._tag(buf, i, end, name, attrs)
            self.kept = self.open[-1][1] or self.open[-1][2] if self.open else False
        if closing:
            if name in self.stack:
                while self.stack.pop() != name:
                    pass
        elif self.xml:
            if name in XML_CODE and not self_closing and len(self.stack) < MAX_DEPTH:
                self.stack.append(name)
        elif name in HTML_RAW or (name in HTML_RCDATA and not (self.md and name == "title")):
            # The self-closing slash means nothing on these in HTML: contents follow. (In
            # Markdown, <title> is an ordinary tag, so that a stray one cannot turn the rest
            # of a document, code blocks included, into text.)
            self.raw, self.rcdata = name, name in HTML_RCDATA
            if name == "script":
                self._json_start(buf, attrs)
        elif name in HTML_CODE and len(self.stack) < MAX_DEPTH:
            self.stack.append(name)
        return end

    def _open(
        self, buf: str, name: str, attrs: list[tuple[int, int, int, int]], self_closing: bool
    ) -> None:
        """A start tag: set ``kept`` for its attributes, and track it until its end tag.

        An element is kept with its contents if its ``lang`` (or ``xml:lang``) names another
        language than Uzbek or its ``translate`` is "no"; both are inherited, and a ``lang``
        of Uzbek or ``translate="yes"`` inside turns conversion back on. ``lang=""`` (an
        unknown language) inherits.
        """
        if not self.xml and name in HTML_NOT_NESTED and self.open and self.open[-1][0] == name:
            self._forget(len(self.open) - 1)  # <li>a<li>b: the first one ends here
        foreign, untranslated = self.open[-1][1:] if self.open else (False, False)
        lang = translate = None
        for a, b, vs, ve in attrs:
            if vs < 0:
                continue
            attr = _ascii_lower(buf[a:b])
            if attr in LANG_ATTRIBUTES and lang is None:
                lang = buf[vs:ve].strip(_WS)
            elif attr == "translate" and translate is None:
                translate = _ascii_lower(buf[vs:ve].strip(_WS))
        if lang:
            primary = _LANG_PRIMARY.match(lang)
            assert primary is not None  # it matches the empty string
            foreign = _ascii_lower(primary.group()) != "uz"
        if translate is not None and translate in ("", "yes", "no"):
            untranslated = translate == "no"
        self.kept = foreign or untranslated
        if self_closing or (not self.xml and name in HTML_VOID):
            return
        if len(self.open) >= MAX_DEPTH:  # the outermost is forgotten: memory stays bounded
            self._count(self.open.pop(0)[0], -1)
        self.open.append((name, foreign, untranslated))
        self._count(name, 1)

    def _close(self, name: str) -> None:
        """An end tag closes its element and those opened inside it (a stray one: nothing).

        Each entry searched past is removed, so the search costs what the pushes did.
        """
        open_ = self.open
        if self.open_names.get(name):
            index = len(open_) - 1
            while open_[index][0] != name:
                index -= 1
            self._forget(index)
        self.kept = open_[-1][1] or open_[-1][2] if open_ else False

    def _forget(self, index: int) -> None:
        """Close the open elements from ``index`` on."""
        for entry in self.open[index:]:
            self._count(entry[0], -1)
        del self.open[index:]

    def _count(self, name: str, change: int) -> None:
        count = self.open_names.get(name, 0) + change
        if count:
            self.open_names[name] = count
        else:
            del self.open_names[name]

    def _bounded(self, buf: str, i: int, final: bool, end: int | None) -> int | None:
        """Keep ``buf[i:end]``, or read the '<' as text if the construct never ends."""
        if end is None:
            return self._lone(buf, i) if final or len(buf) - i >= MAX_CONSTRUCT else None
        self._add(KEEP, buf[i:end])
        return end

    def _bang(self, buf: str, i: int, final: bool) -> int | None:
        rest = buf[i : i + 9]
        for opener in ("<!--", "<![CDATA["):
            if rest.startswith(opener):
                if opener == "<!--":
                    # Search '-->' from the '<!' on, so that <!--> and <!---> end there, as
                    # they do in HTML.
                    self._add(KEEP, "<!")
                    self.until = "-->"
                    return i + 2
                self._add(KEEP, opener)
                self.until = "]]>"
                return i + len(opener)
            if len(rest) < len(opener) and opener.startswith(rest) and not final:
                return None
        return self._bounded(buf, i, final, self._declaration_end(buf, i, self.xml))

    def _declaration_end(self, buf: str, i: int, xml: bool) -> int | None:
        """End of ``<!...>`` (not a comment or CDATA) at ``buf[i]``, or None if it does not
        end within MAX_CONSTRUCT characters (or the buffer).

        HTML ends it at the first '>' (a bogus comment or DOCTYPE); XML skips quoted strings
        and an internal DTD subset in brackets (brackets do not nest there).
        """
        limit = min(len(buf), i + MAX_CONSTRUCT)
        if xml:
            end = self._closers.declaration_end(buf, i + 2, limit)
        else:
            end = self._closers.next_gt(buf, i + 2, limit)
        return end + 1 if end >= 0 else None

    def _until(self, buf: str, i: int, final: bool) -> int | None:
        """Inside a comment, CDATA section or PI: keep up to its delimiter, or to the end."""
        delimiter = self.until
        assert delimiter is not None
        k = buf.find(delimiter, i)
        if k >= 0:
            self._add(KEEP, buf[i : k + len(delimiter)])
            self.until = None
            return k + len(delimiter)
        # Unterminated at the end of input: kept to the end, as an HTML parser does (a stream
        # cannot hold it back to decide otherwise).
        cut = len(buf) if final else len(buf) - len(delimiter) + 1
        if cut <= i:
            return None
        self._add(KEEP, buf[i:cut])
        return cut

    def _raw(self, buf: str, i: int, final: bool) -> int | None:
        """Inside <script>, <style>... (kept) or <title> (text): up to the end tag."""
        name = self.raw
        assert name is not None
        if self.json and buf[i] != "<":
            return self._json(buf, i, final)
        kind = TEXT if self.rcdata and not self.stack else KEEP
        n = len(buf)
        j = buf.find("<", i)
        if kind == TEXT:
            amp = buf.find("&", i, j if j >= 0 else n)
            if amp >= 0:
                j = amp
        if j < 0:
            j = n
        if j > i:
            self._add(kind, buf[i:j])
            return j
        if buf[i] == "&":
            return self._amp(buf, i, final)
        closer = "</" + name
        end = i + len(closer)
        head = _ascii_lower(buf[i:end])
        if head == closer:
            if end < n:
                if buf[end] in _WS or buf[end] in "/>":
                    self.raw = None  # the end tag itself is read as a tag
                    self.json = False
                    return i
            elif not final:
                return None
        elif len(head) < len(closer) and closer.startswith(head) and not final:
            return None
        self._add(kind, "<")
        return i + 1

    def _json_start(self, buf: str, attrs: list[tuple[int, int, int, int]]) -> None:
        """A <script>: its contents are JSON-LD if its type says so."""
        self.json = any(
            _ascii_lower(buf[a:b]) == "type"
            and _ascii_lower(buf[vs:ve].split(";")[0].strip(_WS)) == "application/ld+json"
            for a, b, vs, ve in attrs
        )
        self.json_string = self.json_value = self.json_want = self.json_fresh = False
        self.json_key, self.json_last = None, ""

    def _json(self, buf: str, i: int, final: bool) -> int | None:
        """JSON-LD up to the next '<': the string values of JSON_LD_TEXT keys are text.

        A value string with ``\\u`` escapes is one "json" segment (see _json_string); others
        are streamed as they come, an escape in them (``\\n``) copied like a character
        reference in HTML text, so the JSON stays valid. A key is a string followed by ':';
        arrays and other values are kept.
        """
        if self.json_fresh:
            # A value with \\u escapes (json_encode writes every letter so) is converted
            # whole, decoded (a "json" segment); others are streamed as they come.
            end = self._match(_JSON_BODY, buf, i, final)
            if end is None:
                return None
            self.json_fresh = False
            if end > 0 and "\\u" in buf[i : end - 1]:
                self._add(JSON, buf[i : end - 1])
                return end - 1
            return i
        if self.json_string:
            match = _JSON_IN_STRING.match(buf, i)
            if match:
                self._add(TEXT if self.json_value else KEEP, match.group())
                if self.json_key is not None:
                    self.json_key.append(match.group())
                    if sum(map(len, self.json_key)) > _MAX_JSON_KEY:
                        self.json_key = None
                return match.end()
            char = buf[i]
            if char == "\\":
                escape = _JSON_ESCAPE.match(buf, i)
                if escape is None and not final and len(buf) - i < 6:
                    return None  # the escape may go on
                end = escape.end() if escape else i + 1
                self._add(ENTITY if self.json_value else KEEP, buf[i:end])
                self.json_key = None  # a key written with escapes is not recognised
                return end
            # char == '"': the string ends.
            self._add(KEEP, char)
            if self.json_key is not None:
                self.json_last = "".join(self.json_key)
            self.json_string = self.json_value = False
            self.json_key = None
            return i + 1
        match = _JSON_PLAIN.match(buf, i)
        if match:
            if match.group().strip(_WS):
                self.json_want, self.json_last = False, ""
            self._add(KEEP, match.group())
            return match.end()
        self._add(KEEP, buf[i])
        if buf[i] == ":":
            self.json_want, self.json_last = self.json_last in JSON_LD_TEXT, ""
        else:  # a string starts
            self.json_string, self.json_value, self.json_want = True, self.json_want, False
            self.json_fresh = self.json_value
            self.json_key, self.json_last = [], ""
        return i + 1

    def _tag(
        self, buf: str, i: int, end: int, name: str, attrs: list[tuple[int, int, int, int]]
    ) -> None:
        """Add the segments of a whole tag: text attributes are text, ``lang`` is updated."""
        pos = i
        if not self.stack:
            names = [_ascii_lower(buf[a:b]) for a, b, _, _ in attrs]
            meta = name == "meta" and any(
                attr in ("name", "property") and _ascii_lower(buf[vs:ve].strip()) in META_TEXT
                for attr, (_, _, vs, ve) in zip(names, attrs, strict=True)
            )
            shown = set()  # attributes that are text on this element in particular
            if meta:
                shown.add("content")
            if name in LABELLED:
                shown.add("label")
            if name == "input" and not self.xml:
                kind = next(
                    (
                        _ascii_lower(buf[vs:ve].strip(_WS))
                        for attr, (_, _, vs, ve) in zip(names, attrs, strict=True)
                        if attr == "type"
                    ),
                    "",
                )
                if kind in INPUT_TEXT:
                    shown.add("value")
            for attr, (_, _, vs, ve) in zip(names, attrs, strict=True):
                if ve <= vs:
                    continue
                if attr in TEXT_ATTRIBUTES or attr in shown:
                    self._add(KEEP, buf[pos:vs])
                    self._with_entities(buf[vs:ve])
                    pos = ve
                elif attr in LANG_ATTRIBUTES and self.target is not None:
                    value = buf[vs:ve]
                    new = swap_lang(value, self.target)
                    if new != value:
                        self._add(KEEP, buf[pos:vs])
                        self._add(REPLACE, value, new)
                        pos = ve
        self._add(KEEP, buf[pos:end])

    # -- Markdown --------------------------------------------------------------------------

    def _line_start(self, buf: str, i: int, final: bool) -> int | None:
        """Classify a line: fence, code, reference definition, blank, or prose."""
        if self.stack:  # inside <pre> and the like: HTML rules until its end tag
            self.line_start = False
            return i
        early = self._early_line(buf, i)
        if early is not None:
            return early
        n = len(buf)
        stop = buf.find("\n", i, i + MAX_CONSTRUCT)
        complete = stop >= 0
        if not complete:
            if n - i >= MAX_CONSTRUCT:
                stop = i + MAX_CONSTRUCT  # an over-long line: judged by its beginning
            elif final:
                stop, complete = n, True
            else:
                return None
        after = stop + 1 if stop < n and buf[stop] == "\n" else stop
        line = buf[i:stop]
        quote_match = _QUOTE.match(line)
        assert quote_match is not None  # it matches the empty string
        quote = quote_match.end()
        depth = line.count(">", 0, quote)
        rest = line[quote:]
        body = rest.lstrip(" \t")
        column = _columns(rest[: len(rest) - len(body)])
        blank = complete and not body.strip(" \t\r")

        if self.fence is not None:
            char, length, fence_depth = self.fence
            if depth >= fence_depth:
                if complete:
                    close = body.rstrip(" \t\r")
                    if len(close) >= length and close == char * len(close):
                        self.fence, self.para = None, False
                return self._keep_line(buf, i, stop, after, complete)
            self.fence = None  # its block quote ended, and the fence with it

        if self.indented:
            if blank:
                self._add(TEXT, buf[i:after])
                return after
            if column - self._base(column) >= 4:
                return self._keep_line(buf, i, stop, after, complete)
            self.indented = False

        if blank:
            self._add(TEXT, buf[i:after])
            self.para, self.brackets = False, 0
            return after

        relative = column - self._base(column)
        if relative >= 4 and not self.para:
            self.indented, self.brackets = True, 0
            return self._keep_line(buf, i, stop, after, complete)
        item = _LIST_ITEM.match(rest)
        if item:
            # Content starts after the marker and its spaces (one, if there are five or more).
            marker = _columns(rest[: item.end(1)])
            gap = _columns(rest[: item.end()]) - marker
            self.list_indent = marker + (gap if 0 < gap <= 4 else 1)
            self.brackets = 0  # a new item: a new paragraph
        elif column < self.list_indent and not self.para:
            self.list_indent = -1
        if relative < 4 and complete:
            fence = _FENCE.fullmatch(rest)
            if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
                self.fence = (fence.group(1)[0], len(fence.group(1)), depth)
                self.para, self.brackets = False, 0
                return self._keep_line(buf, i, stop, after, complete)
            if not self.para:
                reference = _REFERENCE.fullmatch(rest)
                if reference:
                    self._reference(buf, i, i + quote, reference, after)
                    self.brackets = 0
                    return after
        if _HEADING.match(rest):
            self.para, self.brackets = False, 0
        elif _HTML_BLOCK_1_5.match(rest):
            self.para = False
        else:
            if not self.para:
                self.brackets = 0
            self.para = True
        self.line_start = False
        self._add(TEXT, buf[i : i + quote])
        return i + quote

    def _early_line(self, buf: str, i: int) -> int | None:
        """Classify a line from its beginning when that is enough, as the whole line would.

        Code lines are then streamed as they come, and most prose lines (those that begin
        with a letter) are not held back until their end. None: the whole line is needed.
        """
        n = len(buf)
        newline = buf.find("\n", i, i + MAX_CONSTRUCT)
        end = newline if newline >= 0 else min(n, i + MAX_CONSTRUCT)
        quote_match = _QUOTE.match(buf, i, end)
        assert quote_match is not None  # it matches the empty string
        quote = quote_match.end()
        body_match = _NON_BLANK.search(buf, quote, end)
        if body_match is None:
            return None  # maybe a blank line, or the prefix may go on
        # The block quote markers end before a character they cannot take, so they are known.
        body = body_match.start()
        depth = buf.count(">", i, quote)
        column = _columns(buf[quote:body])
        first = buf[body]
        code = False
        if self.fence is not None:
            char, _, fence_depth = self.fence
            if depth < fence_depth:
                return None
            # Not a closing fence if anything but the fence character and spaces is on it.
            code = _NOT_FENCE[char].search(buf, body, end) is not None
            if not code:
                return None
        elif self.indented:
            code = column - self._base(column) >= 4
            if not code:
                return None
        elif column - self._base(column) >= 4 and not self.para:
            self.indented = True
            self.brackets = 0
            code = True
        if code:
            self.code_line = True  # the rest of the line, however long, is streamed
            return self._code_line(buf, i)
        if first in _MAYBE_BLOCK:
            return None
        # Prose: what the whole-line path concludes for a line that starts with a letter.
        if column < self.list_indent and not self.para:
            self.list_indent = -1
        if not self.para:
            self.brackets = 0
        self.para = True
        self.line_start = False
        self._add(TEXT, buf[i:quote])
        return quote

    def _base(self, column: int) -> int:
        """Indentation of the list item a line at ``column`` belongs to (0 outside lists)."""
        return self.list_indent if 0 <= self.list_indent <= column else 0

    def _keep_line(self, buf: str, i: int, stop: int, after: int, complete: bool) -> int:
        if complete:
            self._add(KEEP, buf[i:after])
            return after
        self._add(KEEP, buf[i:stop])
        self.code_line = True
        return stop

    def _code_line(self, buf: str, i: int) -> int:
        """The rest of a code line, streamed as it comes (it needs no look-ahead)."""
        stop = buf.find("\n", i)
        if stop < 0:
            self._add(KEEP, buf[i:])
            return len(buf)
        self._add(KEEP, buf[i : stop + 1])
        self.code_line = False
        return stop + 1

    def _reference(
        self, buf: str, i: int, offset: int, match: regex.Match[str], after: int
    ) -> None:
        """``[label]: url "title"``: label and title are text, the rest is kept.

        The label is text because the same label is text where it is used (``[label]``
        in prose), and the two must still match after conversion.
        """
        self._add(TEXT, buf[i:offset])  # block quote markers
        label_start, label_end = match.span("label")
        self._add(KEEP, buf[offset : offset + label_start])
        self._with_entities(buf[offset + label_start : offset + label_end])
        pos = offset + label_end
        if match.start("title") >= 0:
            title_start, title_end = match.span("title")
            self._add(KEEP, buf[pos : offset + title_start + 1])
            self._with_entities(buf[offset + title_start + 1 : offset + title_end - 1])
            pos = offset + title_end - 1
        self._add(KEEP, buf[pos:after])

    def _inline(self, buf: str, i: int, final: bool) -> int | None:
        """Markdown prose: code spans, links, autolinks, HTML, escapes; the rest is text."""
        match = _MD_SPECIAL.search(buf, i)
        j = match.start() if match else len(buf)
        if j > i:
            self._add(TEXT, buf[i:j])
            return j
        n = len(buf)
        char = buf[i]
        if char == "\n":
            self._add(TEXT, "\n")
            self.line_start = True
            return i + 1
        if char == "&":
            return self._amp(buf, i, final)
        if char == "<":
            end = self._match(_AUTOLINK, buf, i, final)
            if end is None:
                return None
            if end > 0:
                self._add(KEEP, buf[i:end])
                return end
            return self._lt(buf, i, final)
        if char == "\\":
            if i + 1 >= n:
                return self._lone(buf, i) if final else None
            width = 2 if buf[i + 1] in _ASCII_PUNCT else 1  # an escaped character is text
            self._add(TEXT, buf[i : i + width])
            return i + width
        if char == "[":
            self.brackets += 1
            self._add(TEXT, "[")
            return i + 1
        if char == "]":
            if self.brackets:
                if i + 1 >= n and not final:
                    return None
                if i + 1 < n and buf[i + 1] == "(":
                    end = self._match(_LINK_TAIL, buf, i + 1, final)
                    if end is None:
                        return None
                    if end > 0:
                        self.brackets -= 1
                        self._add(TEXT, "]")
                        self._link_tail(buf, i + 1, end)
                        return end
                self.brackets -= 1
            self._add(TEXT, "]")
            return i + 1
        return self._code_span(buf, i, final)

    def _match(self, pattern: regex.Pattern[str], buf: str, i: int, final: bool) -> int | None:
        """End of ``pattern`` matched at ``i`` (within MAX_CONSTRUCT), _NO, or None."""
        n = len(buf)
        end = min(n, i + MAX_CONSTRUCT)
        eof = final and end == n
        match = pattern.match(buf, i, end, partial=not eof)
        if match is None:
            return _NO
        if match.partial:
            return _NO if end - i >= MAX_CONSTRUCT else None
        return match.end()

    def _link_tail(self, buf: str, i: int, end: int) -> None:
        """``(url "title")`` after a link's text: the title is text, the rest is kept."""
        match = _LINK_TAIL.match(buf, i, end)
        assert match is not None
        if match.start("title") < 0:
            self._add(KEEP, buf[i:end])
            return
        start, stop = match.span("title")
        self._add(KEEP, buf[i : start + 1])
        self._with_entities(buf[start + 1 : stop - 1])
        self._add(KEEP, buf[stop - 1 : end])

    def _code_span(self, buf: str, i: int, final: bool) -> int | None:
        """A run of backticks: a code span up to the next run of the same length, or text.

        The span must close before the paragraph ends (roughly: see _SPAN_STOP) and within
        MAX_CONSTRUCT characters; otherwise the backticks are text.
        """
        n = len(buf)
        limit = min(n, i + MAX_CONSTRUCT)
        # Whether the window is all there is: at the end of input, or MAX_CONSTRUCT long.
        decided = (final and limit == n) or limit - i >= MAX_CONSTRUCT
        j = i
        while j < limit and buf[j] == "`":
            j += 1
        if j == limit and not decided:
            return None
        pos = j
        while j < limit:
            match = _SPAN_STOP.search(buf, pos, limit)
            if match is None:
                if decided:
                    break
                return None
            if match.group()[0] == "\n":
                break  # the paragraph ends first
            if match.end() == limit and not decided:
                return None  # the run may go on
            if match.end() - match.start() == j - i:
                self._add(KEEP, buf[i : match.end()])
                return match.end()
            pos = match.end()
        self._add(TEXT, buf[i:j])
        return j


# -- conversion -------------------------------------------------------------------------------


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")


def tokenize(text: str, format: str, target: str | None = None) -> list[Segment]:
    """Split ``text`` into segments; their strings always join up to ``text``.

    ``target`` (a script ID such as "uz_Latn") is the script the text is converted to; it
    decides the new ``lang`` values. Without it, ``lang`` values are kept.

    >>> [tuple(s) for s in tokenize('<p title="Ер">Цирк &amp; <code>Ер</code></p>', "html")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('keep', '<p title="', ''), ('text', 'Ер', ''), ('keep', '">', ''), ('text', 'Цирк ', ''),
     ('entity', '&amp;', ''), ('text', ' ', ''), ('keep', '<code>Ер</code></p>', '')]
    """
    if not isinstance(text, str):
        raise _type_error(text)
    segments, _ = _Scanner(format, target).scan(text, final=True)
    return segments


class _Runs:
    """Converts the text runs of a stream of segments, each run as one (streamed) string."""

    __slots__ = ("_pending", "_queue", "_soft", "_transliterator")

    def __init__(self, transliterator: TextConverter) -> None:
        self._transliterator = transliterator
        self._pending = ""
        self._queue: deque[str] = deque()  # what each placeholder in the run stands for
        # What each soft hyphen in the run stands for: itself, &shy; or <wbr>. The engine
        # converts a word with soft hyphens as one word and puts them back in order.
        self._soft: deque[str] = deque()

    def render(self, segments: Iterable[Segment], final: bool) -> str:
        out: list[str] = []
        run: list[str] = []
        for segment in segments:
            kind, text, replacement = segment
            if kind == TEXT:
                if PLACEHOLDER in text:  # one in the text stands for itself
                    self._queue.extend(PLACEHOLDER * text.count(PLACEHOLDER))
                if SOFT_HYPHEN in text:
                    self._soft.extend(SOFT_HYPHEN * text.count(SOFT_HYPHEN))
                run.append(text)
            elif kind == ENTITY:
                self._queue.append(text)
                run.append(PLACEHOLDER)
            elif kind == JSON:
                if run or self._pending:
                    out.append(self._convert("".join(run), True))
                    run = []
                out.append(_json_string(text, self._transliterator))
            elif kind == SOFT:
                self._soft.append(text)
                run.append(SOFT_HYPHEN)
            else:
                if run or self._pending:
                    out.append(self._convert("".join(run), True))
                    run = []
                out.append(replacement if kind == REPLACE else text)
        if run or (final and self._pending):
            out.append(self._convert("".join(run), final))
        return "".join(out)

    def _convert(self, text: str, final: bool) -> str:
        buffer = self._pending + text if self._pending else text
        out, self._pending = self._transliterator.convert_prefix(buffer, final)
        if final:
            self._pending = ""
        out = _put_back(out, PLACEHOLDER, self._queue, final)
        return _put_back(out, SOFT_HYPHEN, self._soft, final)


def _json_string(raw: str, transliterator: TextConverter) -> str:
    """The contents of a JSON string, decoded, converted and encoded again.

    Escaped as before: every non-ASCII character if the original had none, and only what
    JSON needs otherwise; a '<' as ``\\u003c`` unless the original had one, so that the
    result cannot end its <script> (or ``</`` as ``<\\/``).
    """
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return raw  # not valid JSON: left as it is
    new = transliterator(value)
    if new == value:
        return raw
    out = json.dumps(new, ensure_ascii=raw.isascii())[1:-1]
    return out.replace("<", "\\u003c") if "<" not in raw else out.replace("</", "<\\/")


def _put_back(out: str, placeholder: str, queue: deque[str], final: bool) -> str:
    """Replace each ``placeholder`` in ``out`` by the next string of ``queue``."""
    if queue and placeholder in out:
        parts = out.split(placeholder)
        pieces = [parts[0]]
        for part in parts[1:]:
            pieces.append(queue.popleft() if queue else placeholder)
            pieces.append(part)
        out = "".join(pieces)
    if final and queue:  # never happens: the engine copies the placeholder
        out += "".join(queue)
        queue.clear()
    return out


def convert_markup(text: str, transliterator: TextConverter, format: str) -> str:
    """Convert the human-readable text of ``text``, written in ``format`` (see FORMATS).

    >>> import translit
    >>> t = translit.get("uz_Cyrl-uz_Latn")
    >>> convert_markup('<p class="цирк"><a href="https://kun.uz/цирк">Цирк</a> &laquo;Ер&raquo; '
    ...                'info@мактаб.uz</p>', t, "html")
    '<p class="цирк"><a href="https://kun.uz/цирк">Sirk</a> &laquo;Yer&raquo; info@мактаб.uz</p>'
    """
    _check_format(format)
    if not isinstance(text, str):
        raise _type_error(text)
    if format == "text":
        return transliterator(text)
    return _Runs(transliterator).render(tokenize(text, format, transliterator.target), True)


class MarkupStream:
    """Markup converted piece by piece: ``feed(chunk)`` returns what is certain, ``finish()``
    the rest; together they give :func:`convert_markup` of the whole, however it was cut.

    >>> import translit
    >>> s = MarkupStream(translit.get("uz_Cyrl-uz_Latn"), "html")
    >>> s.feed('<p title="Ци'), s.feed('рк">Ер <!-- Ер'), s.feed(" -->&la"), s.feed("quo;Ер")
    ('', '<p title="Sirk">Yer <!-- ', 'Ер -->', '')
    >>> s.finish()
    '&laquo;Yer'

    Memory is bounded: the undecided end of the input (at most about MAX_CONSTRUCT
    characters) and the text the transliterator holds back. After ``finish()`` the object
    is ready for a new document.

    While a long construct is undecided (more than MAX_CONSTRUCT / 16 characters held), the
    input is looked at again only once an eighth as much again has arrived: otherwise small
    chunks would each copy and rescan the held text, a quadratic cost. Such a construct
    then comes out a little later; the output is the same.
    """

    __slots__ = ("_format", "_new", "_new_size", "_rest", "_runs", "_scanner", "_transliterator")

    def __init__(self, transliterator: TextConverter, format: str) -> None:
        _check_format(format)
        self._transliterator = transliterator
        self._format = format
        self._reset()

    def _reset(self) -> None:
        self._scanner = _Scanner(self._format, self._transliterator.target)
        self._runs = _Runs(self._transliterator)
        self._rest = ""
        self._new: list[str] = []  # input not yet scanned (see the class doc)
        self._new_size = 0

    @property
    def pending(self) -> str:
        """The input not yet decided (the transliterator may hold back more of it)."""
        return self._rest + "".join(self._new)

    def feed(self, chunk: str) -> str:
        """Take the next piece of input; return the output no later input can change."""
        if not isinstance(chunk, str):
            raise _type_error(chunk)
        if not chunk:
            return ""
        rest = self._rest
        if len(rest) > MAX_CONSTRUCT >> 4:
            self._new.append(chunk)
            self._new_size += len(chunk)
            if self._new_size < len(rest) >> 3:
                return ""
            chunk, self._new, self._new_size = "".join(self._new), [], 0
        buffer = rest + chunk if rest else chunk
        segments, used = self._scanner.scan(buffer, final=False)
        self._rest = buffer[used:]
        return self._runs.render(segments, False)

    def finish(self) -> str:
        """Signal the end of input: return the rest of the output and start afresh."""
        segments, _ = self._scanner.scan(self.pending, final=True)
        out = self._runs.render(segments, True)
        self._reset()
        return out


def stream_markup(
    chunks: Iterable[str], transliterator: TextConverter, format: str
) -> Iterator[str]:
    """Convert markup that arrives in pieces; yields non-empty output pieces.

    ``"".join(stream_markup(chunks, t, f)) == convert_markup("".join(chunks), t, f)``.
    The format is checked at the call, not when iteration starts.
    """
    return drive(MarkupStream(transliterator, format), chunks)
