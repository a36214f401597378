"""Check converted .docx/.odt documents with LibreOffice: it opens them, and their text is right.

For each document (the test suite's samples if no FILE is given) this converts it to Latin
with translit, has LibreOffice (``soffice --headless --convert-to txt``) export the text of
both the original and the converted document, and checks that the converted document's
export equals ``translit.to_latin`` of the original's export. That shows that LibreOffice
reads the converted file and finds in it the text a plain conversion gives. Soft hyphens
(U+00AD) are removed from both exports first: in a document a word with a soft hyphen is
converted as one word (Сен­тябрь → Sen­tabr), which plain text conversion does not do.

Not part of the test suite (LibreOffice is large and slow to start). Usage, from the
repository root, with the test extra installed::

    apt-get install -y --no-install-recommends libreoffice-writer-nogui
    python scripts/check_documents_libreoffice.py [FILE.docx|FILE.odt ...]

Exit status 0 when every document passes, 1 otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import translit

ROOT = Path(__file__).resolve().parent.parent


def export_text(path: Path, folder: Path) -> str:
    """The text LibreOffice exports from ``path`` (UTF-8, without the BOM it writes)."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return (folder / (path.stem + ".txt")).read_text(encoding="utf-8-sig")


def check(path: Path, work: Path) -> bool:
    format = translit.format_for_path(path)
    converted = work / f"{path.stem}.latn{path.suffix}"
    translit.convert_document_file(path, converted, target="latin", format=format)
    (work / "original").mkdir(exist_ok=True)
    (work / "converted").mkdir(exist_ok=True)
    before = export_text(path, work / "original").replace("\u00ad", "")
    after = export_text(converted, work / "converted").replace("\u00ad", "")
    expected = translit.to_latin(before)
    ok = after == expected and after != before
    print(f"{path.name}: {'ok' if ok else 'DIFFERENT'}: LibreOffice read {len(after)} characters")
    if not ok:
        for line_before, line_after in zip(expected.splitlines(), after.splitlines(), strict=False):
            if line_before != line_after:
                print(f"  expected: {line_before!r}\n  exported: {line_after!r}")
    return ok


def main(argv: list[str]) -> int:
    if shutil.which("soffice") is None:
        print(
            "soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui"
        )
        return 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = [Path(arg) for arg in argv]
        if not paths:
            sys.path.insert(0, str(ROOT))
            from tests.sample_documents import sample_docx, sample_odt

            for name, data in (("sample.docx", sample_docx()), ("sample.odt", sample_odt())):
                (work / name).write_bytes(data)
                paths.append(work / name)
        results = [check(path, work) for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
