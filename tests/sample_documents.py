"""Sample .docx (python-docx, plus parts it cannot make) and .odt (by hand) documents.

Used by tests/test_documents.py and scripts/check_documents_libreoffice.py.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HYPERLINK = "https://kun.uz/цирк"
FIELD = ' HYPERLINK "https://ер.uz/цирк" '


def png() -> bytes:
    """A 1x1 red PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    part = paragraph.part
    rid = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _field(paragraph: Paragraph, instruction: str, result: str) -> None:
    def run_with(child: Any) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    t = OxmlElement("w:t")
    t.text = result
    run_with(t)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def docx_by_python_docx() -> bytes:
    """Split words (bold, italic, colour), a hyperlink, a field, a picture, a table, a
    header, a footer and a comment."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Ўзбе")
    bold = paragraph.add_run("кистон")
    bold.bold = True
    bold.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    paragraph.add_run(" пойтахти — Тошкент, ")
    paragraph.add_run("сен").italic = True
    paragraph.add_run("тябрда цирк.")
    link = document.add_paragraph("Ҳавола: ")
    _hyperlink(link, HYPERLINK, "Цирк сайти")
    _field(document.add_paragraph("Майдон: "), FIELD, "Ер")
    document.add_picture(io.BytesIO(png()))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Шаҳар"
    table.cell(0, 1).text = "Қишлоқ"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Сарлавҳа: Ғалаба"
    section.footer.paragraphs[0].text = "Саҳифа охири"
    document.add_comment(paragraph.runs[2], text="Изоҳ матни", author="Шавкат", initials="Ш")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Ер юзи</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>да</w:t></w:r></w:p></w:footnote></w:footnotes>"""  # noqa: E501
# A paragraph with a footnote mark and a VML text box (its own paragraph inside a run), a
# tab, a soft hyphen inside a word, and deleted text of a tracked change.
EXTRA_PARAGRAPH = (
    "<w:p><w:r><w:t>Изоҳ</w:t></w:r>"
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
    '<w:r><w:t xml:space="preserve"> ва </w:t></w:r>'
    '<w:r><w:pict><v:shape style="width:100pt;height:20pt"><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>Қути ичида</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    "<w:r><w:tab/><w:t>Сен</w:t><w:softHyphen/><w:t>тябрь</w:t></w:r>"
    '<w:del w:id="9" w:author="Ш"><w:r>'
    '<w:delText xml:space="preserve"> эски шаҳар</w:delText></w:r></w:del>'
    "</w:p>"
)


def rezip(data: bytes, edit: Callable[[str, bytes], bytes], add: dict[str, bytes]) -> bytes:
    """The archive with each member passed through ``edit`` and ``add`` appended."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, edit(info.filename, source.read(info)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def sample_docx() -> bytes:
    """The python-docx document, with footnotes and a text box added by hand."""

    def edit(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(
                b"</Types>",
                b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
            )
        if name == "word/_rels/document.xml.rels":
            return content.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                b"</Relationships>",
            )
        if name == "word/document.xml":
            return content.replace(b"<w:sectPr", EXTRA_PARAGRAPH.encode() + b"<w:sectPr", 1)
        return content

    return rezip(docx_by_python_docx(), edit, {"word/footnotes.xml": FOOTNOTES.encode()})


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_XMLNS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in ODF.items())

ODT_CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_XMLNS} office:version="1.3"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles><office:body><office:text><text:h text:outline-level="1">Сарлавҳа</text:h><text:p>Ўзбе<text:span text:style-name="T1">кистон</text:span> пойтахти<text:s text:c="2"/>Тошкент,<text:tab/><text:span text:style-name="T2">сен</text:span>тябрда <text:a xlink:type="simple" xlink:href="{HYPERLINK}">цирк</text:a>.</text:p><text:p>Изоҳ<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Ер юзи</text:p></text:note-body></text:note> ва <office:annotation><dc:creator>Шавкат</dc:creator><dc:date>2026-01-01T00:00:00</dc:date><text:p>Шарҳ</text:p></office:annotation>охири</text:p><text:p><draw:frame draw:name="Қути" text:anchor-type="as-char" svg:width="5cm" svg:height="1cm"><draw:text-box><text:p>Қути ичида</text:p></draw:text-box></draw:frame></text:p><text:p>&amp; &lt;шаҳар&gt;<text:line-break/>Қишлоқ</text:p><text:p><draw:frame draw:name="Расм" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm"><draw:image xlink:href="Pictures/1.png" xlink:type="simple"/></draw:frame></text:p></office:text></office:body></office:document-content>"""  # noqa: E501

ODT_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_XMLNS} office:version="1.3"><office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p>Юқори: Ғалаба</text:p></style:header><style:footer><text:p>Пастки қатор</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"""  # noqa: E501

ODT_META = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {_XMLNS} office:version="1.3"><office:meta><dc:title>Ҳужжат</dc:title></office:meta></office:document-meta>"""  # noqa: E501

ODT_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="{ODF["manifest"]}" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="Pictures/1.png" manifest:media-type="image/png"/></manifest:manifest>"""  # noqa: E501


def sample_odt() -> bytes:
    """An OpenDocument text, by hand: mimetype first and stored, as the format requires."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        for name, content in [
            ("content.xml", ODT_CONTENT.encode()),
            ("styles.xml", ODT_STYLES.encode()),
            ("meta.xml", ODT_META.encode()),
            ("Pictures/1.png", png()),
            ("META-INF/manifest.xml", ODT_MANIFEST.encode()),
        ]:
            archive.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def bomb(format: str, size: int) -> bytes:
    """A small .docx or .odt whose one paragraph expands to ``size`` bytes of spaces."""
    if format == "odt":
        name = "content.xml"
        head = (
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            "<office:body><office:text><text:p>Шаҳар"
        )
        tail = "</text:p></office:text></office:body></office:document-content>"
        first = {"mimetype": b"application/vnd.oasis.opendocument.text"}
    else:
        name = "word/document.xml"
        head = (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main"><w:body><w:p><w:r><w:t xml:space="preserve">Шаҳар'
        )
        tail = "</w:t></w:r></w:p></w:body></w:document>"
        first = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in first.items():
            archive.writestr(member, content, zipfile.ZIP_STORED)
        with archive.open(name, "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = b" " * (1 << 20)
            for start in range(0, size, len(chunk)):
                part.write(chunk[: size - start])
            part.write(tail.encode())
    return out.getvalue()
