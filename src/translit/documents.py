"""Word-processor documents: Office Open XML (.docx) and OpenDocument text (.odt).

Only the document's text changes. A document is a zip archive of XML parts and other files;
every member but the parts that hold text is copied byte for byte (its compressed bytes,
local and central headers, in the same order), and in those parts only the character data of
text elements is edited, in place in the original bytes: the XML is never re-serialised, so
every tag, attribute, namespace declaration, comment and byte of whitespace stays.

Text parts: in .docx the main document, headers, footers, footnotes, endnotes and comments
(found through ``[Content_Types].xml``; text boxes are inside those parts); in .odt
``content.xml`` and ``styles.xml`` (headers and footers of page styles).

Text is converted a paragraph at a time (``w:p``; ``text:p``/``text:h``), not a run at a
time, so a word split across runs by formatting (Ўзбе + **кистон**) is converted as one
word. The paragraph's output is then shared out among its runs: ``Transliterator.explain``
gives the output of each span of the input, a run's output is what its span produced, and a
step cut by a run boundary (a lexicon stem, say) is cut in proportion. Each run keeps its
formatting. Tabs, line breaks and the like count as their characters; field codes
(``w:instrText``), deleted text of tracked changes (converted on its own), footnote marks
and comment metadata (author, date) are not part of the paragraph's text.

Parsing is done by ``xml.parsers.expat`` (standard library), which reports the byte offset
of every event; a malformed part raises :class:`DocumentError` with the part, line and column.
"""

from __future__ import annotations

import bisect
import codecs
import io
import itertools
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol
from xml.parsers import expat

from .errors import TranslitError
from .formats import DOCUMENT_FORMATS
from .matcher import Step

#: The document formats.
FORMATS = DOCUMENT_FORMATS


class DocumentError(TranslitError, ValueError):
    """A document that cannot be read: not a zip archive, encrypted, or malformed XML."""


class Converter(Protocol):
    """What conversion needs of a transliterator (:class:`translit.Transliterator` is one)."""

    def __call__(self, text: str) -> str: ...

    def explain(self, text: str) -> list[Step]: ...


# -- namespaces and the elements that matter --------------------------------------------------

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SEP = "\x1f"  # between a namespace and a local name in expat's element names

# .docx: children of a run (w:r) that stand for characters of the paragraph's text.
_DOCX_CHARS = {
    "tab": "\t",
    "ptab": "\t",
    "br": "\n",
    "cr": "\n",
    "noBreakHyphen": "-",
    "sym": "\ufffc",  # a symbol glyph: not a letter
    "footnoteReference": "\ufffc",
    "endnoteReference": "\ufffc",
    # A soft hyphen is invisible inside a word: Сен<softHyphen/>тябрь is one word.
    "softHyphen": "",
}
# .odt: elements inside a paragraph whose character data is the paragraph's text.
_ODT_TEXT = frozenset({"p", "h", "span", "a", "ruby-base", "meta"})
# .odt: elements that stand for characters (text:s stands for text:c spaces).
_ODT_CHARS = {"tab": "\t", "line-break": "\n", "note": "\ufffc", "s": " "}

# .docx parts that hold text, by content type (the part names are not fixed).
_DOCX_TYPES = re.compile(
    r"application/vnd\.(?:openxmlformats-officedocument\.wordprocessingml\."
    r"(?:document\.main|template\.main|header|footer|footnotes|endnotes|comments)"
    r"|ms-word\.(?:document|template)\.macroEnabled\.main)\+xml"
)
_DOCX_PARTS = re.compile(
    r"word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
)  # when [Content_Types].xml does not list them
_ODT_PARTS = ("content.xml", "styles.xml")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


# -- one XML part -----------------------------------------------------------------------------


@dataclass
class _Run:
    """A piece of a paragraph's text: editable (``start``/``end`` bytes) or a fixed mark."""

    fixed: str = ""  # the text of a mark (a tab...); editable runs collect ``parts``
    start: int = -1  # byte offsets of the character data in the part; -1: not editable
    end: int = -1
    tag_end: int = -1  # offset of the '>' of the start tag (docx w:t), for xml:space
    parts: list[str] = field(default_factory=list)  # the character data, as parsed

    @property
    def text(self) -> str:
        # Joined once asked for: expat hands character data over in many small pieces.
        if self.parts:
            self.fixed = "".join(self.parts)
            self.parts = []
        return self.fixed


@dataclass
class _Paragraph:
    start: int  # byte offset of its start tag, for document order
    runs: list[_Run] = field(default_factory=list)


class _Walker:
    """Collects the paragraphs of a part and the byte ranges of their text."""

    def __init__(self, data: bytes, name: str, odt: bool) -> None:
        self.data = data
        self.name = name
        self.odt = odt
        self.paragraphs: list[_Paragraph] = []
        self.separate: list[_Run] = []  # text converted on its own (deleted text)
        self._open: list[_Paragraph] = []  # paragraphs being read (text boxes nest them)
        self._stack: list[tuple[str, str]] = []  # (namespace, local name) of open elements
        self._run: _Run | None = None  # the character data being read, if editable
        self._pending_start = False  # the next event's offset starts a w:t's contents
        self._parser = expat.ParserCreate(namespace_separator=_SEP)
        self._parser.buffer_text = False
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._chars
        self._parser.StartDoctypeDeclHandler = self._doctype
        for handler in (
            "CommentHandler",
            "ProcessingInstructionHandler",
            "StartCdataSectionHandler",
            "EndCdataSectionHandler",
        ):
            setattr(self._parser, handler, self._other)

    def walk(self) -> None:
        try:
            self._parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            raise DocumentError(
                f"{self.name}:{exc.lineno}:{exc.offset + 1}: malformed XML:"
                f" {expat.ErrorString(exc.code)}"
            ) from None

    def _doctype(self, *args: object) -> None:
        # Word and LibreOffice never write one. The entities it may declare would be lost
        # (external ones are skipped: no character data) or expanded where text is replaced.
        raise DocumentError(
            f"{self.name}:{self._parser.CurrentLineNumber}:"
            f"{self._parser.CurrentColumnNumber + 1}: a DOCTYPE declaration, which .docx"
            " and .odt parts do not have; refused (its entities could be lost)"
        )

    def _boundary(self) -> None:
        """The first event after a w:t's start tag: its offset is where the text starts."""
        if self._pending_start and self._run is not None:
            self._run.start = self._parser.CurrentByteIndex
            self._pending_start = False

    def _other(self, *args: object) -> None:
        self._close_data(self._parser.CurrentByteIndex)
        self._boundary()

    def _close_data(self, at: int) -> None:
        """For .odt: the character data being read ends at ``at``."""
        if self.odt and self._run is not None:
            self._run.end = at
            self._run = None

    def _parent(self) -> tuple[str, str]:
        return self._stack[-1] if self._stack else ("", "")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        at = self._parser.CurrentByteIndex
        self._close_data(at)
        self._boundary()
        namespace, _, local = name.rpartition(_SEP)
        parent = self._parent()
        self._stack.append((namespace, local))
        if self.odt:
            if namespace != _TEXT:
                return
            if local in ("p", "h"):
                self._open.append(_Paragraph(at))
            elif local in _ODT_CHARS and self._open and parent[0] == _TEXT:
                text = _ODT_CHARS[local]
                if local == "s":
                    count = attributes.get(f"{_TEXT}{_SEP}c", "1")
                    text = " " * (int(count) if count.isdigit() else 1)
                self._open[-1].runs.append(_Run(text))
            return
        if namespace not in _W:
            return
        if local == "p":
            self._open.append(_Paragraph(at))
        elif local in ("t", "delText") and parent == (namespace, "r"):
            self._run = _Run(tag_end=self._tag_end(at))
            self._pending_start = True
            if local == "t" and self._open:
                self._open[-1].runs.append(self._run)
            else:
                self.separate.append(self._run)
        elif local in _DOCX_CHARS and parent == (namespace, "r") and self._open:
            self._open[-1].runs.append(_Run(_DOCX_CHARS[local]))

    def _tag_end(self, at: int) -> int:
        """Offset of the '>' of the start tag at ``at`` (quoted values may hold '>')."""
        quote = b""
        data = self.data
        for index in range(at, len(data)):
            char = data[index : index + 1]
            if quote:
                if char == quote:
                    quote = b""
            elif char in (b'"', b"'"):
                quote = char
            elif char == b">":
                return index
        return -1

    def _end(self, name: str) -> None:
        at = self._parser.CurrentByteIndex
        self._close_data(at)
        self._boundary()
        namespace, local = self._stack.pop()
        if self.odt:
            if namespace == _TEXT and local in ("p", "h") and self._open:
                self.paragraphs.append(self._open.pop())
            return
        if namespace not in _W:
            return
        if local == "p" and self._open:
            self.paragraphs.append(self._open.pop())
        elif local in ("t", "delText") and self._run is not None:
            if self._run.start < 0:  # no contents: <w:t/> or <w:t></w:t>
                self._run.start = at
            self._run.end = at
            self._run = None
            self._pending_start = False

    def _chars(self, data: str) -> None:
        at = self._parser.CurrentByteIndex
        if self.odt:
            namespace, local = self._parent()
            if not self._open or namespace != _TEXT or local not in _ODT_TEXT:
                self._close_data(at)
                return
            if self._run is None:
                self._run = _Run(start=at)
                self._open[-1].runs.append(self._run)
            self._run.parts.append(data)
            return
        self._boundary()
        if self._run is not None:
            self._run.parts.append(data)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _share(runs: list[_Run], convert: Converter) -> list[str]:
    """The output of each run when their paragraph is converted as one string."""
    texts = [run.text for run in runs]
    source = "".join(texts)
    if len(runs) == 1:
        return [convert(source)]
    if not source:
        return texts
    output = convert(source)
    bounds = list(itertools.accumulate(map(len, texts)))
    cuts = _cuts_by_piece(source, output, bounds, convert)
    if cuts is None:
        cut = _mapper(convert.explain(source), output)
        cuts = [cut(bound) for bound in bounds]
    outputs = []
    start = 0
    for cut_at in cuts:
        cut_at = max(cut_at, start)
        outputs.append(output[start:cut_at])
        start = cut_at
    outputs[-1] += output[start:]
    return outputs


def _mapper(steps: list[Step], output: str) -> Callable[[int], int]:
    """Source offset → output offset; a step cut in the middle is cut in proportion."""
    if "".join(step.output for step in steps) != output:  # never seen: all in proportion
        steps = [Step(0, steps[-1].end if steps else 0, "", output, "")]
    starts = [step.start for step in steps]
    ends = list(itertools.accumulate((len(step.output) for step in steps), initial=0))

    def cut(offset: int) -> int:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0:
            return 0
        step = steps[index]
        if offset >= step.end:
            return ends[index + 1]
        share = (offset - step.start) / (step.end - step.start)
        return ends[index] + round(len(step.output) * share)

    return cut


def _cuts_by_piece(
    source: str, output: str, bounds: list[int], convert: Converter
) -> list[int] | None:
    """The output offsets of ``bounds`` found piece by piece; None if that cannot be done.

    The engine converts the pieces between spaces independently (unless a text rule
    rewrites a space, which changes their count: then None), so a boundary at a piece's
    edge maps to that piece's edge in the output, and one inside a piece needs only that
    piece's steps. Much faster than explaining a whole paragraph.
    """
    pieces, out_pieces = source.split(" "), output.split(" ")
    if len(pieces) != len(out_pieces):
        return None
    starts = list(itertools.accumulate((len(piece) + 1 for piece in pieces), initial=0))
    out_starts = list(itertools.accumulate((len(piece) + 1 for piece in out_pieces), initial=0))
    mappers: dict[int, Callable[[int], int]] = {}
    cuts = []
    for bound in bounds:
        index = bisect.bisect_right(starts, bound) - 1
        if index >= len(pieces):
            cuts.append(len(output))
            continue
        offset = bound - starts[index]
        piece = pieces[index]
        if offset == 0:
            cuts.append(out_starts[index])
        elif offset >= len(piece):
            cuts.append(out_starts[index] + len(out_pieces[index]))
        else:
            if index not in mappers:
                steps = convert.explain(piece)
                if "".join(step.output for step in steps) != out_pieces[index]:
                    return None
                mappers[index] = _mapper(steps, out_pieces[index])
            cuts.append(out_starts[index] + mappers[index](offset))
    return cuts


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _DECLARED_ENCODING.match(data)
    return match.group(1).decode("ascii") if match else "utf-8"


def convert_part(data: bytes, convert: Converter, *, name: str, odt: bool) -> bytes:
    """Convert the text of one XML part, editing its bytes in place."""
    walker = _Walker(data, name, odt)
    walker.walk()
    encoding = _encoding(data)
    if encoding.lower().replace("_", "-") in ("utf-16", "utf-16le", "utf-16be"):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    edits: list[tuple[int, int, bytes]] = []

    def edit(run: _Run, new: str) -> None:
        if new == run.text or run.start < 0:
            return
        edits.append((run.start, run.end, _escape(new).encode(encoding, "xmlcharrefreplace")))
        edge = new[:1].isspace() or new[-1:].isspace()
        old_edge = run.text[:1].isspace() or run.text[-1:].isspace()
        if not odt and edge and not old_edge and run.tag_end > 0:
            # Word drops spaces at the edges of a w:t unless it says to keep them.
            tag = data[data.rfind(b"<", 0, run.tag_end) : run.tag_end]
            if b"xml:space" not in tag:
                attribute = ' xml:space="preserve"'.encode(encoding)
                edits.append((run.tag_end, run.tag_end, attribute))

    for paragraph in walker.paragraphs:
        runs = paragraph.runs
        for run, new in zip(runs, _share(runs, convert), strict=True):
            edit(run, new)
    for run in walker.separate:
        edit(run, convert(run.text))
    if not edits:
        return data
    edits.sort(key=lambda item: (item[0], item[1]))
    out = bytearray()
    last = 0
    for start, end, replacement in edits:
        out += data[last:start]
        out += replacement
        last = end
    out += data[last:]
    return bytes(out)


# -- the zip archive --------------------------------------------------------------------------

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"
_DESCRIPTOR = b"PK\x07\x08"


#: Text parts are read whole, so their uncompressed size is checked first (a zip bomb of a
#: few hundred KB expands to gigabytes: hours of work and all the memory). By default they
#: may hold EXPANSION times the document's size, or EXPANDED_FLOOR bytes if that is more;
#: XML text compresses 5 to 20 times, deflate at most about 1,000 times.
EXPANSION = 100
EXPANDED_FLOOR = 64 << 20


def _check_expansion(
    infos: list[zipfile.ZipInfo], names: set[str], size: int, limit: int | None
) -> None:
    """Refuse a document whose members ``names`` would expand to more than allowed."""
    allowed = max(EXPANDED_FLOOR, EXPANSION * size) if limit is None else limit
    total = sum(info.file_size for info in infos if info.filename in names)
    if total > allowed:
        raise DocumentError(
            f"its parts would expand to {total:,} bytes, more than the {allowed:,} allowed"
            f" for a document of {size:,} bytes (max_expanded); refused as a zip bomb"
        )


def _text_parts(archive: zipfile.ZipFile, format: str) -> set[str]:
    names = set(archive.namelist())
    if format == "odt":
        return {name for name in _ODT_PARTS if name in names}
    parts: set[str] = set()
    if "[Content_Types].xml" in names:
        types = archive.read("[Content_Types].xml")
        for match in re.finditer(rb"<(?:\w+:)?Override\b[^>]*>", types):
            tag = match.group().decode("utf-8", "replace")
            part = re.search(r"""PartName\s*=\s*["']/?([^"']+)["']""", tag)
            kind = re.search(r"""ContentType\s*=\s*["']([^"']+)["']""", tag)
            if part and kind and _DOCX_TYPES.fullmatch(kind.group(1)):
                parts.add(part.group(1))
    if not parts:
        parts = {name for name in names if _DOCX_PARTS.fullmatch(name)}
    return parts & names


def document_text(data: bytes, format: str, *, max_expanded: int | None = None) -> str:
    """The text of a document's paragraphs, one per line, in the order of its text parts.

    Tabs and line breaks inside a paragraph are written as ``\\t`` and ``\\n``; footnote marks
    and symbols as U+FFFC; deleted text and field codes are left out. A paragraph nested in
    another (a text box, a footnote or comment in .odt) comes right after the one it is in.
    Meant for checks and for choosing a direction. ``max_expanded`` as in
    :func:`convert_document_bytes`.
    """
    archive = _open(data, format)
    lines: list[str] = []
    with archive:
        parts = _text_parts(archive, format)
        _check_expansion(archive.infolist(), parts, len(data), max_expanded)
        for info in archive.infolist():
            if info.filename in parts:
                walker = _Walker(archive.read(info), info.filename, format == "odt")
                walker.walk()
                paragraphs = sorted(walker.paragraphs, key=lambda p: p.start)
                lines.extend("".join(run.text for run in p.runs) for p in paragraphs)
    return "\n".join(lines)


def _open(data: bytes, format: str) -> zipfile.ZipFile:
    if format not in FORMATS:
        raise ValueError(f"format={format!r} is not one of {', '.join(FORMATS)}")
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"a document is bytes, not {type(data).__name__}")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocumentError(f"not a .{format} document (not a zip archive: {exc})") from None


def convert_document_bytes(
    data: bytes, convert: Converter, format: str, *, max_expanded: int | None = None
) -> bytes:
    """Convert the text of a .docx or .odt document given as bytes; return the new bytes.

    A document whose text parts expand to more than ``max_expanded`` bytes (by default
    EXPANSION times its size, at least EXPANDED_FLOOR) is refused with a DocumentError.
    """
    archive = _open(data, format)
    data = bytes(data)
    with archive:
        infos = archive.infolist()
        for info in infos:
            if info.flag_bits & 0x1:
                raise DocumentError(f"{info.filename}: encrypted documents are not supported")
        parts = _text_parts(archive, format)
        if format == "odt" and "content.xml" not in parts:
            raise DocumentError("not an .odt document: it has no content.xml")
        if format == "docx" and not parts:
            raise DocumentError("not a .docx document: it has no word/document.xml")
        _check_expansion(infos, parts, len(data), max_expanded)
        new: dict[str, bytes] = {}
        for info in infos:
            if info.filename in parts:
                try:
                    old = archive.read(info)
                except (zipfile.BadZipFile, zlib.error, NotImplementedError) as exc:
                    raise DocumentError(f"{info.filename}: cannot be read: {exc}") from None
                converted = convert_part(old, convert, name=info.filename, odt=format == "odt")
                if converted != old:
                    new[info.filename] = converted
        if not new:
            return data
        rewritten = _rewrite_raw(data, infos, new)
        if rewritten is None:  # every member is read: they are checked as the text parts were
            _check_expansion(infos, {i.filename for i in infos}, len(data), max_expanded)
            rewritten = _rewrite(archive, infos, new)
    return rewritten


def _rewrite(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], new: dict[str, bytes]
) -> bytes:
    """Rewrite with zipfile (members recompressed, contents equal); for unusual archives."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.comment = archive.comment
        for info in infos:
            content = new.get(info.filename)
            target.writestr(info, content if content is not None else archive.read(info))
    return out.getvalue()


def _rewrite_raw(data: bytes, infos: list[zipfile.ZipInfo], new: dict[str, bytes]) -> bytes | None:
    """Copy every member's bytes as they are but those in ``new``; None if not possible.

    Members keep their order, local and central headers (times, attributes, extra fields)
    and compressed bytes; a changed member gets new contents, compressed the same way, and
    a local header without a data descriptor. Zip64 archives, archives with data before the
    first member and other unusual layouts are left to :func:`_rewrite`.
    """
    end = data.rfind(_END, max(0, len(data) - 65557))
    if end < 0 or len(data) < end + 22:
        return None
    (_, _, _, count, total, cd_size, cd_offset, comment_size) = struct.unpack(
        "<4sHHHHIIH", data[end : end + 22]
    )
    if count != total or count != len(infos) or 0xFFFF in (count, total):
        return None
    if 0xFFFFFFFF in (cd_size, cd_offset) or cd_offset + cd_size != end:
        return None
    if any(info.header_offset >= 0xFFFFFFFF for info in infos):
        return None
    out = bytearray()
    central = bytearray()
    pos = cd_offset
    expected_offset = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != expected_offset:
            return None  # a gap or overlap: not a layout we copy
        expected_offset = _member_end(data, info)
        if expected_offset < 0:
            return None
    if expected_offset != cd_offset:
        return None
    for info in infos:
        if data[pos : pos + 4] != _CENTRAL:
            return None
        name_size, extra_size, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        entry = bytearray(data[pos : pos + 46 + name_size + extra_size + comment_len])
        pos += len(entry)
        offset = len(out)
        content = new.get(info.filename)
        if content is None:
            out += data[info.header_offset : _member_end(data, info)]
        else:
            local = info.header_offset
            name_len, extra_len = struct.unpack("<HH", data[local + 26 : local + 30])
            if info.compress_type == zipfile.ZIP_DEFLATED:
                compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
                packed = compressor.compress(content) + compressor.flush()
            elif info.compress_type == zipfile.ZIP_STORED:
                packed = content
            else:
                return None
            crc = zlib.crc32(content)
            header = bytearray(data[local : local + 30 + name_len + extra_len])
            flags = struct.unpack("<H", header[6:8])[0] & ~0x8
            struct.pack_into("<H", header, 6, flags)
            struct.pack_into("<III", header, 14, crc, len(packed), len(content))
            out += header + packed
            struct.pack_into("<H", entry, 8, struct.unpack("<H", entry[8:10])[0] & ~0x8)
            struct.pack_into("<III", entry, 16, crc, len(packed), len(content))
        struct.pack_into("<I", entry, 42, offset)
        central += entry
    if len(out) >= 0xFFFFFFFF:
        return None
    tail = bytearray(data[end : end + 22 + comment_size])
    struct.pack_into("<II", tail, 12, len(central), len(out))
    return bytes(out + central + tail)


def _member_end(data: bytes, info: zipfile.ZipInfo) -> int:
    """Offset just after a member's local header, data and data descriptor; -1 if odd."""
    local = info.header_offset
    if data[local : local + 4] != _LOCAL:
        return -1
    name_len, extra_len = struct.unpack("<HH", data[local + 26 : local + 30])
    pos = local + 30 + name_len + extra_len + info.compress_size
    if info.flag_bits & 0x8:
        pos += 16 if data[pos : pos + 4] == _DESCRIPTOR else 12
    return pos if pos <= len(data) else -1
