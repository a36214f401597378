""".docx and .odt: only the text changes; split words convert whole, runs keep their format."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import translit
from translit import cli
from translit.documents import DocumentError, convert_part, document_text

from .sample_documents import (
    FIELD,
    HYPERLINK,
    ODF,
    W,
    png,
    rezip,
    sample_docx,
    sample_odt,
)
from .test_cli import run

LATIN = translit.get("uz_Cyrl-uz_Latn")
CYRILLIC = translit.get("uz_Latn-uz_Cyrl")
DOCX = sample_docx()
ODT = sample_odt()
DOCX_LATIN = translit.convert_document(DOCX, format="docx", target="latin")
ODT_LATIN = translit.convert_document(ODT, format="odt", target="latin")
DOCX_TEXT_PARTS = {
    "word/document.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/comments.xml",
    "word/footnotes.xml",
}


def raw_members(data: bytes) -> list[tuple[str, bytes]]:
    """Each member's name and its bytes in the archive: local header, compressed data."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = []
    for info in archive.infolist():
        start = info.header_offset
        name_len, extra_len = struct.unpack("<HH", data[start + 26 : start + 30])
        out.append(
            (info.filename, data[start : start + 30 + name_len + extra_len + info.compress_size])
        )
    return out


def member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def w_texts(xml: bytes, tag: str = "t") -> list[str]:
    return [element.text or "" for element in ElementTree.fromstring(xml).iter(f"{{{W}}}{tag}")]


# -- .docx ----------------------------------------------------------------------------------


def test_docx_split_word_keeps_each_runs_format() -> None:
    paragraph = docx.Document(io.BytesIO(DOCX_LATIN)).paragraphs[0]
    runs = [(r.text, r.bold, r.italic, r.font.color.rgb) for r in paragraph.runs if r.text]
    red = docx.shared.RGBColor(0xC0, 0x00, 0x00)
    assert runs == [
        ("Oʻzbe", None, None, None),  # Ўзбе + кистон is one word: oʻ, not the o + ʼ of
        ("kiston", True, None, red),  # a word ending in е, and bold and red stay on кистон
        (" poytaxti — Toshkent, ", None, None, None),
        ("sen", None, True, None),  # сентябр is a lexicon stem: sentabr, cut in proportion
        ("tabrda sirk.", None, None, None),
    ]


def test_docx_headers_footers_tables_comments_links_convert() -> None:
    document = docx.Document(io.BytesIO(DOCX_LATIN))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Sarlavha: Gʻalaba"
    assert section.footer.paragraphs[0].text == "Sahifa oxiri"
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Shahar", "Qishloq"]
    assert [(c.author, c.text) for c in document.comments] == [("Шавкат", "Izoh matni")]
    links = document.paragraphs[1].hyperlinks
    assert [(link.address, link.text) for link in links] == [(HYPERLINK, "Sirk sayti")]


def test_docx_footnotes_text_boxes_fields_and_deleted_text() -> None:
    assert w_texts(member(DOCX_LATIN, "word/footnotes.xml")) == [" Yer yuzi", "da"]
    body = member(DOCX_LATIN, "word/document.xml")
    texts = w_texts(body)
    assert "Quti ichida" in texts  # a text box
    assert texts[texts.index("Sen") : texts.index("Sen") + 2] == ["Sen", "tabr"]  # soft hyphen
    assert w_texts(body, "instrText") == [FIELD]  # a field code never changes
    assert "Yer" in texts  # the field's result does
    assert w_texts(body, "delText") == [" eski shahar"]


def test_docx_other_members_are_copied_byte_for_byte() -> None:
    before, after = raw_members(DOCX), raw_members(DOCX_LATIN)
    assert [name for name, _ in before] == [name for name, _ in after]  # same order
    changed = {name for (name, old), (_, new) in zip(before, after, strict=True) if old != new}
    assert changed == DOCX_TEXT_PARTS
    infos = zipfile.ZipFile(io.BytesIO(DOCX_LATIN)).infolist()
    old_infos = zipfile.ZipFile(io.BytesIO(DOCX)).infolist()
    for old, new in zip(old_infos, infos, strict=True):
        assert (old.compress_type, old.date_time, old.external_attr, old.extra) == (
            new.compress_type,
            new.date_time,
            new.external_attr,
            new.extra,
        )
    assert zipfile.ZipFile(io.BytesIO(DOCX_LATIN)).testzip() is None
    assert member(DOCX_LATIN, "word/media/image1.png") == png()


@pytest.mark.parametrize("name", sorted(DOCX_TEXT_PARTS))
def test_docx_parts_change_only_inside_text_elements(name: str) -> None:
    def without_text(xml: bytes) -> bytes:
        return re.sub(rb"(<w:(?:t|delText)\b[^>]*>)[^<]*(</w:)", rb"\1\2", xml)

    old, new = member(DOCX, name), member(DOCX_LATIN, name)
    assert old != new
    assert without_text(old) == without_text(new)


def test_docx_round_trip_is_byte_identical() -> None:
    assert translit.convert_document(DOCX_LATIN, format="docx", target="cyrillic") == DOCX


def test_a_part_in_a_narrow_encoding_gets_character_references() -> None:
    xml = f'<?xml version="1.0" encoding="ISO-8859-1"?><w:document xmlns:w="{W}"><w:p><w:r>'
    xml += "<w:t>Sh&#1170;</w:t></w:r></w:p></w:document>"
    out = convert_part(xml.encode("latin-1"), LATIN, name="document.xml", odt=False)
    assert b"<w:t>ShG&#699;</w:t>" in out  # Ғ → Gʻ; U+02BB is not in ISO-8859-1


def test_docx_space_moved_to_a_run_edge_is_preserved() -> None:
    # 1994-yil → 1994 йил: the hyphen at the end of the first run becomes a space, which
    # Word keeps only with xml:space="preserve".
    runs = "<w:r><w:t>1994-</w:t></w:r><w:r><w:t>yil</w:t></w:r>"
    xml = f'<w:document xmlns:w="{W}"><w:p>{runs}</w:p></w:document>'
    out = convert_part(xml.encode(), CYRILLIC, name="document.xml", odt=False).decode()
    assert '<w:t xml:space="preserve">1994 </w:t>' in out
    assert "<w:t>йил</w:t>" in out


# -- .odt -----------------------------------------------------------------------------------


def odf(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{ODF[prefix]}}}{local}"


def test_odt_read_back() -> None:
    content = ElementTree.fromstring(member(ODT_LATIN, "content.xml"))
    paragraphs = list(content.iter(odf("text:p")))
    first = paragraphs[0]
    assert first.text == "Oʻzbe"
    spans = first.findall(odf("text:span"))
    assert [(s.get(odf("text:style-name")), s.text) for s in spans] == [
        ("T1", "kiston"),
        ("T2", "sen"),
    ]
    link = first.find(odf("text:a"))
    assert link is not None
    assert (link.get(odf("xlink:href")), link.text) == (HYPERLINK, "sirk")
    assert [element.text for element in content.iter(odf("dc:creator"))] == ["Шавкат"]
    assert [element.text for element in content.iter(odf("text:note-citation"))] == ["1"]
    assert document_text(ODT_LATIN, "odt").splitlines() == [
        "Sarlavha",
        "Oʻzbekiston poytaxti  Toshkent,\tsentabrda sirk.",
        "Izoh\ufffc va oxiri",
        "Yer yuzi",
        "Sharh",
        "",
        "Quti ichida",
        "& <shahar>",
        "Qishloq",
        "",
        "Yuqori: Gʻalaba",
        "Pastki qator",
    ]


def test_odt_other_members_are_copied_byte_for_byte() -> None:
    before, after = raw_members(ODT), raw_members(ODT_LATIN)
    assert after[0][0] == "mimetype"
    changed = {name for (name, old), (_, new) in zip(before, after, strict=True) if old != new}
    assert changed == {"content.xml", "styles.xml"}  # meta.xml (the title) is not text
    assert zipfile.ZipFile(io.BytesIO(ODT_LATIN)).getinfo("mimetype").compress_type == 0
    assert translit.convert_document(ODT_LATIN, format="odt", target="cyrillic") == ODT


# -- sharing a paragraph's output among its runs ------------------------------------------------

PIECES = [
    "Ўзбе",
    "кистон",
    " ",
    "сен",
    "тябрь",
    "да",
    "Цирк",
    "1994 ",
    "йил",
    "ҳ",
    "с",
    "Ер",
    "-",
    "юзи",
    ", ",
    "&",
    "<",
    "Шаҳар",
]


@settings(max_examples=200)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=4).map("".join), min_size=1, max_size=6))
def test_runs_share_the_paragraphs_conversion(runs: list[str]) -> None:
    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    body = "".join(
        f'<w:r><w:rPr><w:b w:val="{i % 2}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
        for i, piece in enumerate(runs)
    )
    xml = f'<w:document xmlns:w="{W}"><w:body><w:p>{body}</w:p></w:body></w:document>'.encode()
    out = convert_part(xml, LATIN, name="document.xml", odt=False)
    texts = w_texts(out)
    assert len(texts) == len(runs)
    assert "".join(texts) == LATIN("".join(runs))
    # A run that is a word between spaces comes out as that word alone would.
    for i, (piece, text) in enumerate(zip(runs, texts, strict=True)):
        before = i == 0 or runs[i - 1].endswith(" ")
        after = i == len(runs) - 1 or runs[i + 1].startswith(" ")
        if before and after and piece.isalpha():
            assert text == LATIN(piece)
    namespaces = f'xmlns:office="{ODF["office"]}" xmlns:text="{ODF["text"]}"'
    odt = f"<office:document-content {namespaces}><text:p>"
    odt += (
        "".join(f"<text:span>{escape(piece)}</text:span>" for piece in runs)
        + "</text:p></office:document-content>"
    )
    converted = ElementTree.fromstring(
        convert_part(odt.encode(), LATIN, name="content.xml", odt=True)
    )
    assert "".join(converted.itertext()) == LATIN("".join(runs))


# -- errors, API, command -----------------------------------------------------------------------


def test_errors() -> None:
    with pytest.raises(DocumentError, match=r"not a \.docx document \(not a zip archive"):
        translit.convert_document(b"plain text", format="docx", target="latin")
    broken = rezip(
        DOCX,
        lambda name, data: (
            data.replace(b"</w:body>", b"</w:bodyx>") if name == "word/document.xml" else data
        ),
        {},
    )
    with pytest.raises(
        DocumentError, match=r"^word/document\.xml:2:\d+: malformed XML: mismatched tag$"
    ):
        translit.convert_document(broken, format="docx", target="latin")
    with pytest.raises(DocumentError, match=r"has no content\.xml"):
        translit.convert_document(DOCX, format="odt", target="latin")
    with pytest.raises(ValueError, match="format='pdf' is not one of docx, odt"):
        translit.convert_document(DOCX, format="pdf", target="latin")
    with pytest.raises(
        ValueError, match=r"is a document format: convert its bytes with translit\.convert_document"
    ):
        translit.to_latin("x", format="docx")
    with pytest.raises(TypeError, match="a document is bytes, not str"):
        translit.convert_document("x", format="docx", target="latin")  # type: ignore[arg-type]


def test_unusual_archives_are_still_converted() -> None:
    # Data descriptors after each member (a zip written to a pipe) are copied as they are;
    # data before the archive is not a layout that is copied raw, so it is rewritten.
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b: bytes) -> int:  # type: ignore[override]
            self.data += b
            return len(b)

    pipe = Pipe()
    source = zipfile.ZipFile(io.BytesIO(ODT))
    with zipfile.ZipFile(pipe, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    streamed = bytes(pipe.data)
    assert any(info.flag_bits & 8 for info in zipfile.ZipFile(io.BytesIO(streamed)).infolist())
    out = translit.convert_document(streamed, format="odt", target="latin")
    assert document_text(out, "odt") == document_text(ODT_LATIN, "odt")
    assert raw_members(out)[-1] == raw_members(streamed)[-1]
    prefixed = translit.convert_document(b"MZ" + ODT, format="odt", target="latin")
    assert document_text(prefixed, "odt") == document_text(ODT_LATIN, "odt")


def test_convert_document_file(tmp_path: Path) -> None:
    path = tmp_path / "hujjat.docx"
    path.write_bytes(DOCX)
    translit.convert_document_file(path, tmp_path / "out.docx", target="latin")
    assert (tmp_path / "out.docx").read_bytes() == DOCX_LATIN
    path.chmod(0o640)
    translit.convert_document_file(path, path, target="latin")  # in place
    assert path.read_bytes() == DOCX_LATIN
    assert path.stat().st_mode & 0o777 == 0o640
    with pytest.raises(ValueError, match=r"not a \.docx or \.odt file"):
        translit.convert_document_file(tmp_path / "a.txt", tmp_path / "b.txt", target="latin")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hujjat.docx", "out.docx"]


def test_command(tmp_path: Path) -> None:
    path = tmp_path / "hujjat.odt"
    path.write_bytes(ODT)
    assert run(["-t", "latin", str(path)]).out == ODT_LATIN  # auto by extension; to a pipe
    assert run([str(path)]).out == ODT_LATIN  # the direction is detected from the text
    assert run(["-t", "latin", "-f", "docx"], DOCX).out == DOCX_LATIN  # standard input
    out = tmp_path / "out.odt"
    assert run(["-t", "latin", str(path), "-o", str(out)]).code == 0
    assert out.read_bytes() == ODT_LATIN
    assert run(["-i", "-t", "latin", str(path)]).code == 0
    assert path.read_bytes() == ODT_LATIN
    two = run(["-t", "latin", str(path), str(out)])
    assert two.code == 2
    assert "cannot be joined with other inputs" in two.err
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = run(["-t", "latin", str(broken)])
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "broken.docx: not a .docx document" in result.err


def test_command_refuses_a_terminal(tmp_path: Path) -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    path = tmp_path / "hujjat.docx"
    path.write_bytes(DOCX)
    out, err = Terminal(), io.StringIO()
    code = cli.main(["-t", "latin", str(path)], stdin=io.BytesIO(), stdout=out, stderr=err)
    assert code == 2
    assert "write it with -o OUT or --in-place" in err.getvalue()
    assert out.getvalue() == b""


@pytest.mark.parametrize("format", ["docx", "odt"])
def test_a_zip_bomb_is_refused_before_it_is_read(
    format: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The default allowance is EXPANSION times the document's size, at least EXPANDED_FLOOR
    # (64 MiB; made small here so that the bomb is small too).
    from translit import documents

    from .sample_documents import bomb

    data = bomb(format, 3 << 20)
    assert len(data) < 10_000  # 3 MiB of spaces deflate ~1,000 times
    monkeypatch.setattr(documents, "EXPANDED_FLOOR", 1 << 20)
    with pytest.raises(DocumentError, match=r"expand to 3,145,\d+ bytes, more than the 1,048,576"):
        translit.convert_document(data, format=format, target="latin")
    with pytest.raises(DocumentError, match="zip bomb"):
        document_text(data, format)
    # An explicit limit, either way.
    with pytest.raises(DocumentError, match="more than the 100,000 allowed"):
        translit.convert_document(data, format=format, target="latin", max_expanded=100_000)
    output = translit.convert_document(data, format=format, target="latin", max_expanded=4 << 20)
    assert document_text(output, format, max_expanded=4 << 20).startswith("Shahar   ")
    # The command: one line, exit 1, no output file.
    path = tmp_path / f"bomb.{format}"
    path.write_bytes(data)
    result = run(["-t", "latin", str(path), "-o", str(tmp_path / f"out.{format}")])
    assert result.code == 1
    assert "zip bomb" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / f"out.{format}").exists()


@pytest.mark.parametrize("format", ["docx", "odt"])
@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE x [<!ENTITY e "\xd1\x86\xd0\xb8\xd1\x80\xd0\xba">]>',  # "цирк"
        b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',  # &x; would be skipped: lost
        b'<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_a_part_with_a_doctype_is_refused(format: str, doctype: bytes) -> None:
    part = "word/document.xml" if format == "docx" else "content.xml"

    def edit(name: str, content: bytes) -> bytes:
        if name != part:
            return content
        declaration = content.index(b"?>") + 2 if content.startswith(b"<?xml") else 0
        return content[:declaration] + doctype + content[declaration:]

    data = rezip(DOCX if format == "docx" else ODT, edit, {})
    with pytest.raises(DocumentError, match=rf"^{part}:\d+:\d+: a DOCTYPE declaration"):
        translit.convert_document(data, format=format, target="latin")
