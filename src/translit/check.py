"""A linter for Uzbek text: the spellings an editor should look at, with line:column.

It reports three kinds of finding:

- a word that mixes Cyrillic and Latin letters (ASTANА with a Cyrillic А), fixable when the
  stray letters are look-alikes of the word's main script;
- a Latin word whose oʻ/gʻ mark or tutuq is not the official character (o‘ with U+2018,
  ASCII '), fixable;
- a Latin word that is not the official spelling of its Cyrillic form (tsirk → sirk,
  SHahar → Shahar, boʻlsada → boʻlsa-da, Nizoev → Nizoyev), fixable.

>>> from translit.check import check_text, fix_text
>>> [(f.line, f.column, f.word, f.suggestion) for f in check_text("Bu tsirk.\\nSHahar o‘sdi")]
[(1, 4, 'tsirk', 'sirk'), (2, 1, 'SHahar', 'Shahar'), (2, 8, 'o‘sdi', 'oʻsdi')]
>>> fix_text("ASTANА va Nizoev")
'ASTANA va Nizoyev'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .engine import PROTECTED, fold_apostrophes

# A word for the linter: letters, marks and the apostrophes that can stand inside a word.
_WORD = regex.compile(
    r"[\p{L}\p{M}](?:[\p{L}\p{M}]|['`´‘’ʻʼʹʽ′‛](?=\p{L})|(?<=[oOgG])['`´‘’ʻʼʹʽ′‛])*"
    r"(?:-[\p{L}\p{M}]+)*"
)
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
_FOREIGN = regex.compile(r"(?i)[[\p{Latin}&&\p{L}]--[a-z]]|w|c(?!h)")
# Cyrillic and Latin letters that look the same; a stray one is fixable.
_LOOKALIKES = dict(zip("АВЕКМНОРСТХаеорсухіј", "ABEKMHOPCTXaeopcyxij", strict=True))
_LOOKALIKES.update({latin: cyrillic for cyrillic, latin in list(_LOOKALIKES.items())})
# A surname or patronymic spelled with e for ye after a vowel (Nizoev, Aliev, Karimova is fine).
_SURNAME = regex.compile(r"(?<=[aeiouAEIOU])(e|E)(v(?:a|ich|na)?)$")


@dataclass(frozen=True)
class Finding:
    """One thing to look at: where (1-based line and column), what, and the fix if any."""

    line: int
    column: int
    word: str
    message: str
    suggestion: str | None


def _mixed(word: str) -> Finding | None:
    cyrillic = len(_CYRILLIC.findall(word))
    latin = len(_LATIN.findall(word))
    if not cyrillic or not latin:
        return None
    main = _LATIN if latin >= cyrillic else _CYRILLIC
    fixed = "".join(c if main.match(c) or not c.isalpha() else _LOOKALIKES.get(c, c) for c in word)
    script = "Latin" if main is _LATIN else "Cyrillic"
    fixable = not (_CYRILLIC if main is _LATIN else _LATIN).search(fixed)
    return Finding(
        0,
        0,
        word,
        f"mixes Cyrillic and Latin letters (mostly {script})",
        fixed if fixable else None,
    )


def _latin(word: str) -> Finding | None:
    from . import to_cyrillic, to_latin  # the package imports the modules, not the reverse

    if _FOREIGN.search(word) or not _LATIN.search(word):
        return None
    official = fold_apostrophes(word)
    # The official spelling of the word's Cyrillic form.
    canonical = _SURNAME.sub(
        lambda m: ("y" if m[1] == "e" else "Y") + m[1] + m[2],
        to_latin(to_cyrillic(official)),
    )
    if canonical != official:
        return Finding(0, 0, word, "not the official spelling", canonical)
    if official != word:
        return Finding(
            0, 0, word, "use ʻ (U+02BB) after o/g and ʼ (U+02BC) for the tutuq", official
        )
    return None


def _findings(text: str) -> Iterator[tuple[regex.Match[str], Finding]]:
    protected = [m.span() for m in PROTECTED.finditer(text)]
    for match in _WORD.finditer(text):
        if any(a <= match.start() < b for a, b in protected):
            continue
        word = match.group()
        finding = _mixed(word)
        if finding is None and not _CYRILLIC.search(word):
            finding = _latin(word)
        if finding is not None:
            yield match, finding


def check_text(text: str) -> list[Finding]:
    """The findings of ``text``, in order. URLs, e-mail addresses and paths are skipped."""
    findings = []
    line, line_start = 1, 0
    scanned = 0
    for match, finding in _findings(text):
        start = match.start()
        newlines = text.count("\n", scanned, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, start) + 1
        scanned = start
        findings.append(
            Finding(line, start - line_start + 1, finding.word, finding.message, finding.suggestion)
        )
    return findings


def fix_text(text: str) -> str:
    """``text`` with every fixable finding replaced by its suggestion."""
    out = []
    last = 0
    for match, finding in _findings(text):
        if finding.suggestion is not None:
            out.append(text[last : match.start()])
            out.append(finding.suggestion)
            last = match.end()
    out.append(text[last:])
    return "".join(out)
