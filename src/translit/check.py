"""A linter for Uzbek text: the spellings an editor should look at, with line:column.

It reports four kinds of finding:

- a word that mixes Cyrillic and Latin letters (ASTANА with a Cyrillic А), fixable when the
  stray letters are look-alikes of the word's main script;
- a Latin word whose oʻ/gʻ mark or tutuq is not the official character (o‘ with U+2018,
  ASCII '), fixable;
- a Latin word that is not the official spelling of its Cyrillic form (tsirk → sirk,
  SHahar → Shahar, boʻlsada → boʻlsa-da, Nizoev → Nizoyev), fixable;
- in a text that mixes the 1995 and 2026 Latin alphabets, a word in the alphabet fewer words
  use (or, with ``alphabet=``, in the other one), fixable: Toshkent → Toşkent.

>>> from translit.check import check_text, fix_text
>>> [(f.line, f.column, f.word, f.suggestion) for f in check_text("Bu tsirk.\\nSHahar o‘sdi")]
[(1, 4, 'tsirk', 'sirk'), (2, 1, 'SHahar', 'Shahar'), (2, 8, 'o‘sdi', 'oʻsdi')]
>>> fix_text("ASTANА va Nizoev")
'ASTANA va Nizoyev'
>>> fix_text("Özbekiston şaharlari: Toshkent")
'Özbekiston şaharlari: Toşkent'
>>> fix_text("Özbekiston şaharlari: Toshkent", alphabet="1995")
'Oʻzbekiston shaharlari: Toshkent'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .engine import PROTECTED, fold_apostrophes, homoglyphs
from .markup import Segment, _Scanner  # the segment scanner MarkupStream uses
from .tables import load

# A word for the linter: letters, marks and the apostrophes that can stand inside a word.
_WORD = regex.compile(
    r"[\p{L}\p{M}](?:[\p{L}\p{M}]|['`´‘’ʻʼʹʽ′‛](?=\p{L})|(?<=[oOgG])['`´‘’ʻʼʹʽ′‛])*"
    r"(?:-[\p{L}\p{M}]+)*"
)
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")
_FOREIGN = regex.compile(r"(?i)[[\p{Latin}&&\p{L}]--[a-zöğşç]]|w|c(?!h)")
# What tells the Latin alphabets apart in a word: a 2026 letter, or a 1995 digraph.
_NEW = regex.compile(r"(?i)[öğşç]")
_OLD = regex.compile(r"(?i)[og]ʻ|sh|ch")
ALPHABETS = ("1995", "2026")
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
    # The fix is the word as conversion reads it: its look-alike letters in its script.
    fixed = homoglyphs().unify(word)
    fixable = not (_CYRILLIC.search(fixed) and _LATIN.search(fixed))
    if fixable:
        script = "Latin" if _LATIN.search(fixed) else "Cyrillic"
    else:
        script = "Latin" if latin >= cyrillic else "Cyrillic"
    return Finding(
        0,
        0,
        word,
        f"mixes Cyrillic and Latin letters (mostly {script})",
        fixed if fixable else None,
    )


def _fold(word: str) -> str:
    """A Latin word with official apostrophes and look-alike letters read (ș → ş)."""
    lookalikes = load().lookalikes
    return fold_apostrophes(word).translate({ord(k): v for k, (v, _) in lookalikes.items()})


def _alphabet_of(word: str) -> str | None:
    """ "2026", "1995" or None (a word both alphabets spell alike)."""
    if _CYRILLIC.search(word) or _FOREIGN.search(folded := _fold(word)):
        return None
    return "2026" if _NEW.search(folded) else "1995" if _OLD.search(folded) else None


def _other_alphabet(word: str, alphabet: str) -> Finding:
    from . import transliterate

    source, target = ("latin", "latin-2026") if alphabet == "2026" else ("latin-2026", "latin")
    fixed = transliterate(_fold(word), source=source, target=target)
    other = "1995" if alphabet == "2026" else "2026"
    return Finding(0, 0, word, f"{other} Latin in a text written in {alphabet} Latin", fixed)


#: Longer "words" (a run of letters in a data dump) are no Uzbek spelling: not looked up.
LONGEST_WORD = 100


def _latin(word: str) -> Finding | None:
    from . import to_cyrillic, to_latin  # the package imports the modules, not the reverse

    if len(word) > LONGEST_WORD or _FOREIGN.search(_fold(word)) or not _LATIN.search(word):
        return None
    official = fold_apostrophes(word)
    alphabet = "2026" if _NEW.search(_fold(word)) else "1995"
    # The official spelling of the word's Cyrillic form.
    canonical = _SURNAME.sub(
        lambda m: ("y" if m[1] == "e" else "Y") + m[1] + m[2],
        to_latin(to_cyrillic(official, alphabet=alphabet), alphabet=alphabet),
    )
    if canonical != official:
        return Finding(0, 0, word, "not the official spelling", canonical)
    if official != word:
        return Finding(
            0, 0, word, "use ʻ (U+02BB) after o/g and ʼ (U+02BC) for the tutuq", official
        )
    return None


def _findings(text: str, alphabet: str | None) -> Iterator[tuple[regex.Match[str], Finding]]:
    if alphabet is not None and alphabet not in ALPHABETS:
        raise ValueError(f"alphabet={alphabet!r} is not one of {', '.join(ALPHABETS)}")
    protected = [m.span() for m in PROTECTED.finditer(text)]
    words = [m for m in _WORD.finditer(text) if not any(a <= m.start() < b for a, b in protected)]
    alphabets = [_alphabet_of(m.group()) for m in words]
    if alphabet is None:
        # The text's alphabet is the one more words are in; a tie keeps the official 1995.
        new, old = alphabets.count("2026"), alphabets.count("1995")
        alphabet = "2026" if new > old else "1995" if new and old else None
    for match, found in zip(words, alphabets, strict=True):
        word = match.group()
        finding = _mixed(word)
        if finding is None and alphabet is not None and found not in (None, alphabet):
            finding = _other_alphabet(word, alphabet)
        if finding is None and not _CYRILLIC.search(word):
            finding = _latin(word)
        if finding is not None:
            yield match, finding


#: The longest run without a space held back waiting for its word to end; a longer one is
#: checked in pieces, so that memory stays bounded whatever the input (/dev/zero included).
HOLD_MAX = 1 << 16

_SPACE = regex.compile(r"\s", regex.REVERSE)  # the last one
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}'`´‘’ʻʼʹʽ′‛-]", regex.REVERSE)


class Checker:
    """:func:`check_text` and :func:`fix_text` for input that arrives in pieces, in bounded
    memory; with a markup ``format`` only the human-readable text is checked and fixed (code,
    tags, ``class=``, ``href=`` and URLs are kept as they are, like conversion keeps them).

    ``feed(chunk)`` returns the findings (line and column in the whole input) and the fixed
    text that no later input can change; ``finish()`` the rest.

    >>> c = Checker("markdown")
    >>> c.feed("Bu ts")
    ([], 'Bu ')
    >>> findings, fixed = c.feed("irk `tsirk` va SHa")
    >>> [(f.line, f.column, f.word, f.suggestion) for f in findings], fixed
    ([(1, 4, 'tsirk', 'sirk')], 'sirk `tsirk` va ')
    >>> findings, fixed = c.finish()
    >>> [(f.line, f.column, f.word, f.suggestion) for f in findings], fixed
    ([(1, 21, 'SHa', 'Sha')], 'Sha')
    """

    def __init__(self, format: str = "text", *, alphabet: str | None = None) -> None:
        self._format = format
        # Without an alphabet, a mix of 1995 and 2026 Latin is judged per piece.
        self._alphabet = alphabet
        self._reset()

    def _reset(self) -> None:
        # No target script: lang= values are kept.
        self._scanner = _Scanner(self._format, None) if self._format != "text" else None
        self._rest = ""  # markup not yet decided
        self._held = ""  # text that may end inside a word (never holds whitespace)
        self._offset = 0  # characters of input before self._held
        self._line = 1  # line at self._offset
        self._line_start = 0  # offset where that line starts

    def feed(self, chunk: str) -> tuple[list[Finding], str]:
        if self._scanner is None:
            return self._text(chunk, final=False)
        buffer = self._rest + chunk if self._rest else chunk
        segments, used = self._scanner.scan(buffer, final=False)
        self._rest = buffer[used:]
        return self._segments(segments)

    def finish(self) -> tuple[list[Finding], str]:
        findings: list[Finding] = []
        out: list[str] = []
        if self._scanner is not None:
            segments, _ = self._scanner.scan(self._rest, final=True)
            findings, fixed = self._segments(segments)
            out.append(fixed)
        more, fixed = self._text("", final=True)
        self._reset()
        return findings + more, "".join(out) + fixed

    def _segments(self, segments: list[Segment]) -> tuple[list[Finding], str]:
        findings: list[Finding] = []
        out: list[str] = []
        for kind, text, _ in segments:
            final = kind != "text"  # markup ends a word
            more, fixed = self._text(text if kind == "text" else "", final=final)
            findings += more
            out.append(fixed)
            if kind != "text":
                out.append(text)
                self._advance(text)
        return findings, "".join(out)

    def _text(self, text: str, *, final: bool) -> tuple[list[Finding], str]:
        held = len(self._held)
        buffer = self._held + text if self._held else text
        if final:
            cut = len(buffer)
        else:
            space = _SPACE.search(text)  # the held text has none
            if space is not None:
                cut = held + space.end()
            elif len(buffer) <= HOLD_MAX:
                cut = 0
            else:  # a very long run without a space: cut at a non-letter in its second half
                half = len(buffer) // 2
                stop = _NOT_WORD.search(buffer, half)
                cut = stop.end() if stop is not None else len(buffer)
        piece, self._held = buffer[:cut], buffer[cut:]
        if not piece:
            return [], ""
        findings = []
        fixed: list[str] = []
        last = 0
        for match, finding in _findings(piece, self._alphabet):
            if finding.suggestion is not None:
                fixed += (piece[last : match.start()], finding.suggestion)
                last = match.end()
            start = self._offset + match.start()
            newlines = piece.count("\n", 0, match.start())
            line = self._line + newlines
            line_start = (
                self._offset + piece.rfind("\n", 0, match.start()) + 1
                if newlines
                else self._line_start
            )
            findings.append(dataclasses.replace(finding, line=line, column=start - line_start + 1))
        fixed.append(piece[last:])
        self._advance(piece)
        return findings, "".join(fixed)

    def _advance(self, text: str) -> None:
        newlines = text.count("\n")
        if newlines:
            self._line += newlines
            self._line_start = self._offset + text.rfind("\n") + 1
        self._offset += len(text)


def check_text(text: str, *, alphabet: str | None = None) -> list[Finding]:
    """The findings of ``text``, in order. URLs, e-mail addresses and paths are skipped.

    ``alphabet`` ("1995" or "2026") flags every Latin word of the other alphabet; by default
    only a text that mixes the two is flagged, in its words of the alphabet fewer words use.
    """
    findings = []
    line, line_start = 1, 0
    scanned = 0
    for match, finding in _findings(text, alphabet):
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


def fix_text(text: str, *, alphabet: str | None = None) -> str:
    """``text`` with every fixable finding replaced by its suggestion (``alphabet`` as for
    :func:`check_text`: "2026" or "1995" writes all of the Latin in that alphabet)."""
    out = []
    last = 0
    for match, finding in _findings(text, alphabet):
        if finding.suggestion is not None:
            out.append(text[last : match.start()])
            out.append(finding.suggestion)
            last = match.end()
    out.append(text[last:])
    return "".join(out)
