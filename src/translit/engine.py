"""The transliteration engine: tokenise, look words up in a bounded memo, convert misses.

Text is split into words and the text between them. Only words can change; everything
between them is copied. A word is converted by the exception lexicon (stems with suffix
chains) and the compiled context rules of its direction, on its lower-cased form, and then
given the source's case (casing.py). Conversion is a pure function of the word, so results are
memoised: real text repeats words (Zipf), which makes the common path a dictionary lookup.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from . import quotes
from .batch import Batch, compile_batch, where_none
from .casing import case_piece, case_stem
from .homoglyphs import Homoglyphs
from .lexicon import Hit, Lexicon, compile_lexicon, suffix_chain
from .lexicon import part_end as lexicon_part_end
from .matcher import Matcher, Step, TextRules, compile_matcher, compile_text_rules
from .options import APOSTROPHES, Options
from .tables import (
    BASE,
    CYRILLIC,
    DIRECTIONS,
    LATIN,
    LATIN_2026,
    TRANSLITERATORS,
    Entry,
    Letter,
    Rule,
    Suffix,
    Tables,
    load,
    respell,
    respell_suffixes,
)

#: Longest word part the tokenizer takes in one piece; longer runs of letters are cut every
#: this many characters. Real words are far shorter; the cap bounds memory and held-back text.
MAX_PART = 64
#: Most parts joined by hyphens into one token (so that Нью-Йорк can be a lexicon entry).
MAX_PARTS = 4
_HYPHENS = "-\u2010\u2011"

#: Characters people type for oʻ/gʻ's mark and the tutuq (ORTHOGRAPHY.md §1.4).
APOSTROPHE_LIKE = "'`´ʹʻʼʽˈ′‘’‛"
_APOS_NONLETTER = "".join(c for c in APOSTROPHE_LIKE if not c.isalpha())
_LETTER = r"[\p{L}\p{M}]"
# A letter with its combining marks counts as one, so a cut at the length cap never separates
# them (NFD and NFC input then split alike); more than 30 marks (Unicode's stream-safe limit)
# end the word.
_UNIT = r"\p{L}\p{M}{0,30}"
_CYRILLIC_PART = rf"(?:{_UNIT}){{1,{MAX_PART}}}"
# In Latin an apostrophe belongs to the word between two letters or right after o/g
# (boʻ, obroʻ); at any other word edge it is a quotation mark and stays outside.
# An apostrophe takes the combining marks after it, as a letter does: once g’ is converted to
# ғ, a mark after it follows a letter, so it must have been part of the word before too.
# Between letters it is taken with the letter after it, so that a part cut at MAX_PART
# never ends with one that only the next character made part of the word (the part, seen
# alone, must be the same word).
_APOS = "[" + regex.escape(_APOS_NONLETTER) + r"]\p{M}{0,30}"
_LATIN_PART = rf"{_UNIT}(?:{_UNIT}|{_APOS}{_UNIT}|(?<=[oOgG]){_APOS}){{0,{MAX_PART - 1}}}"


def _token_pattern(part: str) -> str:
    return rf"{part}(?:[{_HYPHENS}](?=\p{{L}}){part}){{0,{MAX_PARTS - 1}}}"


TOKEN_PATTERNS = {
    CYRILLIC: _token_pattern(_CYRILLIC_PART),
    LATIN: _token_pattern(_LATIN_PART),
    LATIN_2026: _token_pattern(_LATIN_PART),
}
_SOURCE_LETTER = {
    CYRILLIC: regex.compile(r"\p{Cyrillic}"),
    LATIN: regex.compile(r"\p{Latin}"),
    LATIN_2026: regex.compile(r"\p{Latin}"),
}
# A Latin word that cannot be Uzbek (after look-alikes are folded): a letter outside both
# Latin alphabets, w, or c: in 1995 Latin c occurs in ch only; in 2026 Latin not at all.
_NOT_UZBEK_LATIN = r"[[\p{Latin}&&\p{L}]--[a-zA-ZöğşçÖĞŞÇ]]"
_FOREIGN_LATIN = {
    # V1 for the set operations (without it every letter outside a-z passed: Müller →
    # Мüллер), and no IGNORECASE on the class, where k would match the Kelvin sign K.
    LATIN: regex.compile(rf"{_NOT_UZBEK_LATIN}|(?i:w|c(?!h))", regex.V1),
    LATIN_2026: regex.compile(rf"{_NOT_UZBEK_LATIN}|(?i:w|c)", regex.V1),
}
_MARK = regex.compile(r"\p{M}")
# A letter that no Uzbek Latin alphabet has, of another script or not (w, c outside ch, é,
# ß); an apostrophe look-alike that is a letter is none.
_NOT_UZBEK_LETTER = regex.compile(
    r"[\p{L}--[a-vx-zA-VX-ZöğşçÖĞŞÇ" + regex.escape(APOSTROPHE_LIKE) + r"]]|[cC](?![hH])",
    regex.V1,
)
_APOS_RUN = regex.compile("[" + regex.escape(APOSTROPHE_LIKE) + "]")

#: A piece (text between spaces and newlines) longer than this is converted in segments
#: of about this length, cut between words, so that a stream never holds more than this
#: much of a run without spaces. Real text never has such pieces; minified data might.
MAX_PIECE = 1024
#: The longest word the tokenizer takes: MAX_PARTS parts of MAX_PART letters, each letter
#: with up to 30 combining marks (and in Latin an apostrophe with as many before it),
#: joined by hyphens.
MAX_WORD = MAX_PARTS * MAX_PART * 62 + MAX_PARTS - 1
#: A segment is made longer so as not to cut a URL (or another protected span) that
#: crosses its end, if the span ends within this many characters of it; a longer one is cut
#: (the rest of it is then read as text).
MAX_URL = 1 << 12
#: The most text ``convert_prefix`` ever holds back: the rest of a long piece whose segments
#: are not yet known (a segment, a URL that may cross its end, a word and a few digits
#: more) and the piece after it, which a text rule may join to it ("1994 " + "йил").
HOLD_BACK = 2 * (MAX_PIECE + MAX_URL + MAX_WORD + 12) + 1
# Never converted, in either direction: URLs, www. addresses, bare domains with a common
# top-level domain, e-mail addresses (Unicode local parts included), @handles, and paths
# (/a/b, ./a, ~/a, C:\\a). Trailing sentence punctuation is not part of a URL.
_URL_TAIL = r"[^\s<>\"'«»“”]*[^\s<>\"'«»“”.,;:!?)\]]"
_AN = r"\p{L}\p{M}\p{N}"  # letters, marks, digits
# Every alternative can only start where a run of its characters starts (a look-behind, or a
# literal first character) and its runs are possessive, so a long run of letters is scanned
# once, not once per starting position.
# What may not stand before a span: letters, marks, digits, and every apostrophe look-alike
# (conversion turns o’ into ў and ʻ is a letter: the decision must not change when the
# output is converted again, o’@h → ў@h). For the same reason a domain's label may hold
# one between its characters: conversion may make it a letter (x@h’a.uz → x@ҳъа.uz).
_NB = _AN + regex.escape(APOSTROPHE_LIKE)
_LABEL = rf"[{_AN}-]++(?:[{regex.escape(APOSTROPHE_LIKE)}][{_AN}-]++)*+"
PROTECTED = regex.compile(
    rf"""
    (?:https?|ftp)://{_URL_TAIL}
    | (?<![{_NB}.])www\.{_URL_TAIL}
    | (?<![{_NB}._%+-])[{_NB}._%+-]++@{_LABEL}(?:\.{_LABEL})++
    | (?<![{_NB}_])@[{_AN}_]++
    | (?<![{_NB}.-])(?:{_LABEL}\.)++
      (?i:uz|com|ru|org|net|info|io|gov|edu|kz|tj|kg|tm|me|tv|co|biz|app|dev|ai)
      (?![{_AN}])(?:/{_URL_TAIL})?
    | (?<![{_NB}/])(?:~|\.{{1,2}})?/[{_AN}._-]++(?:/[{_AN}._-]*+)++
    | (?<![{_NB}])[A-Za-z]:\\[^\s<>\"]*
    """,
    regex.VERBOSE,
)
# Every protected span contains one of these; Python's re finds them (or finds there are
# none) much faster than PROTECTED can be tried at every position of a long piece.
_MAYBE_PROTECTED = re.compile(
    r"[@/\\]|www\.|\.(?:uz|com|ru|org|net|info|io|gov|edu|kz|tj|kg|tm|me|tv|co|biz|app|dev|ai)",
    re.IGNORECASE,
)
_BLANKS = regex.compile(r"[ \n]+")
#: A soft hyphen (U+00AD, a hyphenation hint) inside a word: the word is converted without
#: it, and it is put back at the corresponding place of the output (see _hyphenated).
SOFT_HYPHEN = "\u00ad"
# An apostrophe look-alike before it counts as part of the word (g`­I: conversion makes g` a
# letter, ғ­I, and the next pass would then read one word ғI; fuzzer seed 303).
_SOFT_HYPHENS = regex.compile(
    rf"(?<=[\p{{L}}\p{{M}}{regex.escape(APOSTROPHE_LIKE)}])\u00ad++(?=\p{{L}})"
)
_BLANK = re.compile(r"[ \n]")


#: Memo size per transliterator (two generations of this many words each).
MEMO_SIZE = 1 << 16
#: Strings longer than this are converted but not memoised.
MEMO_MAX_KEY = 2 * MAX_PART
#: Text is converted in blocks of about this many characters, cut after a space or a
#: newline: a block's new pieces are converted together, and its distinct pieces (at most
#: half of it) always fit in one memo generation.
BLOCK = 1 << 15
#: Text between the spaces text rules rewrite is converted in groups of about this many
#: characters (see ``_spaced``).
GROUP = 1 << 20


class _Output:
    """The output of one call, from many strings, joined at the end.

    Beyond GROUP characters the strings are kept as UTF-8 meanwhile, and the result is
    decoded from that: Latin output takes about half the memory of a str there, and no list
    of parts is held beside the result (a one-shot call on a 100 MB text peaked at 3.4
    times the input's size with a list and a join). ``surrogatepass`` carries lone
    surrogates (undecodable bytes of the command's input) through unchanged.
    """

    __slots__ = ("_buffer", "_parts", "_size")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._buffer = bytearray()

    def append(self, part: str) -> None:
        self._parts.append(part)
        self._size += len(part)
        if self._size > GROUP:
            self._buffer += "".join(self._parts).encode("utf-8", "surrogatepass")
            self._parts.clear()
            self._size = 0

    def join(self) -> str:
        if not self._buffer:
            return "".join(self._parts)
        self._buffer += "".join(self._parts).encode("utf-8", "surrogatepass")
        self._parts.clear()
        text = self._buffer.decode("utf-8", "surrogatepass")
        self._buffer = bytearray()
        return text


#: A Roman numeral in capitals (I, XXI, MMXXVI): Latin → Cyrillic leaves it as it is.
ROMAN_LETTERS = "IVXLCDM"
ROMAN = (
    rf"(?=[{ROMAN_LETTERS}])M{{0,4}}(?:CM|CD|D?C{{0,3}})(?:XC|XL|L?X{{0,3}})(?:IX|IV|V?I{{0,3}})"
)
_ROMAN = regex.compile(ROMAN)
# A plain piece that is a Roman numeral (Pyotr I, "XXI,"): the bulk path leaves it to the
# engine. One capital and a full stop is an initial (I. Karimov), converted (see _words).
_PIECE_LEAD = '«“„‹"([{'
_PIECE_TRAIL = ',;:!?»”“›")]}…'
ROMAN_PIECE = f"[{regex.escape(_PIECE_LEAD)}]*{ROMAN}[{regex.escape(_PIECE_TRAIL)}]*"


def fold_apostrophes(word: str) -> str:
    """Canonical apostrophes in a Latin word: ʻ after o/g, ʼ elsewhere (same length).

    An apostrophe before a capital and a small letter is part of a foreign name (d'Ivuar,
    O'Brien) and stays as it was typed: in Uzbek a capital inside a word only follows one.
    A capital Oʻ, Gʻ, Sh or Ch counts as one letter there, as its 2026 spelling Ö Ğ Ş Ç
    is, and a small s or c before a capital H is no small letter (sH is Ş).
    An apostrophe before a letter that no Uzbek alphabet has (another script, w, ß: a word
    that mixes them) stays as typed too. Conversion copies such a letter or writes one, so
    the output, read again, finds the apostrophes it kept still kept, whatever conversion
    did to the letters after them (w‛Ya → w‛Я, not wъЯ the second time).
    """

    def fold(match: regex.Match[str]) -> str:
        start = match.start()
        if _NOT_UZBEK_LETTER.match(word, start + 1):
            return match.group()
        after = start + 2
        first = word[start + 1 : after]
        if (first in ("O", "G") and word[after : after + 1] in APOSTROPHE_LIKE) or (
            first in ("S", "C") and word[after : after + 1] in ("h", "H")
        ):
            after += 1
        small = word[after : after + 1].islower() and not (
            word[after : after + 1] in ("s", "c") and word[after + 1 : after + 2] == "H"
        )
        if first.isupper() and small:
            return match.group()
        return "\u02bb" if start and word[start - 1] in "oOgG" else "\u02bc"

    return _APOS_RUN.sub(fold, word)


@dataclass(frozen=True)
class _Compiled:
    """Everything one (direction, options) needs, built once."""

    source: str
    target: str
    matcher: Matcher
    # The matcher for words in capitals (acronyms: no izofa), compiled when first needed.
    caps_matcher: Callable[[], Matcher] | None
    fold: dict[int, str]  # Latin source: typed look-alikes → letters (lookalikes.tsv)
    # Letters alike in both scripts, read in the script of the rest of their word (not
    # between the two Latin alphabets: there tokens end differently after a Cyrillic о than
    # after an o, so the output could read differently the next time); from Latin, the
    # look-alikes in ``stays`` are never made Cyrillic.
    homoglyphs: Homoglyphs | None
    stays: str
    quiet: str  # Latin letters that tell no script (a Roman numeral's, which stay as they are)
    foreign: regex.Pattern[str] | None  # Latin source: a word that cannot be Uzbek
    lexicon: Lexicon | None
    use_lexicon: bool  # as built (1995 ⇄ 2026 Latin has no lexicon either way)
    spaced_rules: TextRules | None  # text rules whose key is a space: between pieces
    inner_rules: TextRules | None  # text rules inside a piece (1994-yil)
    suffixes: regex.Pattern[str]
    keep: frozenset[str]
    keep_lengths: tuple[int, ...]  # lengths of the keep words, longest first
    keep_foreign: bool
    # A word, as group 1: one pattern both finds words and splits text at them
    token: regex.Pattern[str]
    batch: Batch | None  # plain new pieces in bulk (batch.py); None when not possible
    quotes: regex.Pattern[str] | None  # quotes="native": the marks that may change


#: Compiled tables kept for this many (direction, options) pairs (a keep list is part of
#: the options, so a program that builds many would otherwise keep them all).
COMPILE_CACHE = 32


@dataclass(frozen=True)
class _Data:
    """The data one direction is compiled from (see ``_data``)."""

    rules: tuple[Rule, ...]
    alphabet: tuple[Letter, ...]
    lexicon: tuple[Entry, ...]
    suffixes: tuple[Suffix, ...]
    key_is_cyrillic: bool  # which field of a Letter or Entry is the source key


@functools.cache
def _data(direction: str) -> _Data:
    """The rules, letters, lexicon and suffixes of ``direction``.

    The 1995 directions use the data files as written. The 2026 ones are the same data with
    latin-2026.tsv applied to each Latin output or key on its own (never to converted text):
    Cyrillic → 2026 respells every Latin output; the Latin readers also take the 2026
    spellings of letters, lexicon keys and suffixes. 1995 ⇄ 2026 maps the table's letters
    and copies every other letter of the alphabet.
    """
    tables = load()
    base = BASE[direction]
    rows = tables.respellings
    rules = tables.rules[base]
    if direction == f"{CYRILLIC}-{LATIN_2026}":
        return _Data(
            tuple(dataclasses.replace(r, output=respell(r.output, rows)) for r in rules),
            tuple(dataclasses.replace(a, latin=respell(a.latin, rows)) for a in tables.alphabet),
            tuple(dataclasses.replace(e, latin=respell(e.latin, rows)) for e in tables.lexicon),
            tables.suffixes,
            key_is_cyrillic=True,
        )
    if base == DIRECTIONS[0]:
        return _Data(rules, tables.alphabet, tables.lexicon, tables.suffixes, True)
    suffixes = tables.suffixes + respell_suffixes(tables.suffixes, rows)
    if base == DIRECTIONS[1]:
        origin = {row.latin: row.origin for row in rows}
        letters = tuple(
            Letter(a.cyrillic, new, (base,), origin[a.latin])
            for a in tables.alphabet
            if base in a.directions and (new := respell(a.latin, rows)) != a.latin
        )
        strict = direction.startswith(LATIN_2026)
        entries = []
        for entry in tables.lexicon:
            new = respell(entry.latin, rows)
            if new == entry.latin:
                entries.append(entry)
                continue
            if entry.alias:  # a misspelling of 1995 Latin (ishoq) is no 2026 spelling
                if not strict:
                    entries.append(entry)
                continue
            if not strict:  # the 1995 key, and the 2026 one (it has a 2026 letter)
                entries.append(entry)
            entries.append(dataclasses.replace(entry, latin=new))
        alphabet = tables.alphabet
        if strict:  # 2026 Latin has no sh (s + h) and no c (foreign); oʻ and gʻ are still read
            alphabet = tuple(
                a for a in alphabet if respell(a.latin, rows) == a.latin or "ʻ" in a.latin
            )
        return _Data(rules, alphabet + letters, tuple(entries), suffixes, False)
    # 1995 ⇄ 2026 Latin: pairs (key, output) in the Letter's (cyrillic, latin) fields.
    to_2026 = direction.endswith(LATIN_2026)
    pairs = [
        Letter(a.latin, a.latin, (direction,), a.origin)
        for a in tables.alphabet
        if len(a.latin) == 1 and a.latin.isalpha() and DIRECTIONS[1] in a.directions
    ]
    for row in rows:
        old, new = (row.latin, row.latin_2026) if to_2026 else (row.latin_2026, row.latin)
        pairs.append(Letter(old, new, (direction,), row.origin))
        if not to_2026:  # 1995 letters in 2026 text are read too (and restyled)
            pairs.append(Letter(row.latin, row.latin, (direction,), row.origin))
        else:  # 2026 letters in 1995 text are letters there too
            pairs.append(Letter(row.latin_2026, row.latin_2026, (direction,), row.origin))
    unique = {letter.cyrillic: letter for letter in pairs}  # oʻ → oʻ once
    return _Data(rules, tuple(unique.values()), (), suffixes, True)


@functools.cache
def _loans(direction: str) -> dict[str, tuple[str, int]] | None:
    """The generated loanword stems (loanwords.tsv, 1995 Latin keys) a Latin reader uses: a
    reader of either alphabet takes the 2026 spelling of a key as well, one of 2026 Latin
    only that spelling (its s h is no sh)."""
    source, _, target = direction.partition("-")
    if source == CYRILLIC or target != CYRILLIC:
        return None
    tables = load()
    # Keys never hold a newline, so all of them are respelled in one go.
    keys = list(tables.loans)
    respelled = respell("\n".join(keys), tables.respellings).split("\n")
    if source == LATIN:
        loans = dict(tables.loans)
        changed = list(map(operator.ne, respelled, keys))
        values = map(tables.loans.__getitem__, itertools.compress(keys, changed))
        loans.update(zip(itertools.compress(respelled, changed), values, strict=True))
        return loans
    return dict(zip(respelled, tables.loans.values(), strict=True))


def _switches(direction: str, options: Options) -> dict[str, bool]:
    """The rule groups switched on: the options', and two that are not options."""
    source, _, target = direction.partition("-")
    switches = options.switches()
    # The rules only a reader of 2026 Latin uses; the tutuq of sʼh, an option in 2026 Latin
    # only (R95-17 requires it in 1995).
    switches["latin2026"] = source == LATIN_2026
    if target != LATIN_2026:
        switches["sh_tutuq"] = True
    return switches


def _matcher(direction: str, options: Options, **switched: bool) -> Matcher:
    """The compiled rules and letters of ``direction``; ``switched`` overrides rule groups."""
    data = _data(direction)
    mark, tutuq = APOSTROPHES[options.apostrophe]
    return compile_matcher(
        data.rules,
        data.alphabet,
        BASE[direction],
        source_is_cyrillic=data.key_is_cyrillic,
        # Latin output is styled by the apostrophe option.
        translate={0x02BB: mark, 0x02BC: tutuq} if not direction.endswith(CYRILLIC) else {},
        switches={**_switches(direction, options), **switched},
        lists=load().word_lists[BASE[direction]],
    )


@functools.lru_cache(maxsize=COMPILE_CACHE)
def _compile(direction: str, options: Options, use_lexicon: bool) -> _Compiled:
    tables = load()
    source, _, target = direction.partition("-")
    base = BASE[direction]
    data = _data(direction)
    from_cyrillic = source == CYRILLIC
    mark, tutuq = APOSTROPHES[options.apostrophe]
    translate = {0x02BB: mark, 0x02BC: tutuq} if target != CYRILLIC else {}
    switches = _switches(direction, options)
    matcher = _matcher(direction, options)
    # The izofa -yi belongs to words; an acronym in capitals (ОИ → OI) has none.
    caps = switches.get("izofa", False) and any(r.option == "izofa" for r in data.rules)
    suffixes = suffix_chain(data.suffixes, cyrillic=from_cyrillic)
    lexicon = None
    if use_lexicon and data.lexicon:
        lexicon = compile_lexicon(
            data.lexicon,
            suffixes,
            base,
            source_is_cyrillic=from_cyrillic,
            translate=translate,
            soft_sign=options.soft_sign,
            native=tables.words["verb"],
            loans=_loans(direction),
        )
    inner_rules = compile_text_rules(
        data.rules,
        switches,
        spaces=False,
        trigger=tables.triggers[base],
    )
    return _Compiled(
        source=source,
        target=target,
        matcher=matcher,
        caps_matcher=functools.partial(_caps_matcher, direction, options) if caps else None,
        fold={} if from_cyrillic else {ord(k): v for k, (v, _) in tables.lookalikes.items()},
        homoglyphs=homoglyphs() if CYRILLIC in (source, target) else None,
        stays="" if from_cyrillic else _not_letters(tables),
        quiet="" if from_cyrillic else ROMAN_LETTERS,
        foreign=None if from_cyrillic else _FOREIGN_LATIN[source],
        lexicon=lexicon,
        use_lexicon=use_lexicon,
        spaced_rules=compile_text_rules(
            data.rules,
            switches,
            spaces=True,
            trigger=tables.triggers[base],
        ),
        inner_rules=inner_rules,
        suffixes=suffixes,
        keep=options.keep,
        keep_foreign=options.foreign == "keep",
        quotes=quotes.candidates(target) if options.quotes == "native" else None,
        token=_token(source),
        keep_lengths=tuple(sorted({len(word) for word in options.keep}, reverse=True)),
        batch=compile_batch(
            matcher,
            lexicon,
            inner_rules,
            latin=not from_cyrillic,
            longest=MAX_PART,
            special=None if from_cyrillic else ROMAN_PIECE,
            keep=options.keep,
            foreign=None if from_cyrillic else _FOREIGN_LATIN[source],
        ),
    )


@functools.cache
def _token(source: str) -> regex.Pattern[str]:
    """The word pattern of a source script, as one group (compiled once per script)."""
    return regex.compile(f"({TOKEN_PATTERNS[source]})", regex.V1)


@functools.cache
def _caps_matcher(direction: str, options: Options) -> Matcher:
    """The rules of ``direction`` without izofa: an acronym in capitals has none (ОИ → OI)."""
    return _matcher(direction, options, izofa=False)


class _Memo(dict[str, str]):
    """Word → output memo with two bounded generations (a cheap approximation of LRU).

    Lookups are dict lookups (thread-safe under the GIL); a miss converts the word. Losing a
    race only means a word is converted twice, never a wrong result.
    """

    def __init__(self, convert: Callable[[str], str], size: int) -> None:
        super().__init__()
        self._convert = convert
        self._size = size
        self._old: dict[str, str] = {}

    def __missing__(self, key: str) -> str:
        value = self._old.get(key)
        if value is None:
            value = self._convert(key)
        if len(key) <= MEMO_MAX_KEY:
            if len(self) >= self._size:
                self._rotate()
            self[key] = value
        return value

    def _rotate(self) -> None:
        self._old = self.copy()
        self.clear()

    def fill(
        self, keys: set[str], convert_many: Callable[[set[str]], dict[str, str]]
    ) -> dict[str, str]:
        """The values of ``keys`` (none in the current generation), memoised.

        Keys in the old generation move back to the current one; the others are converted
        by one call of ``convert_many``.
        """
        old = self._old
        known = keys & old.keys()
        values = convert_many(keys - known if known else keys)
        values.update({key: old[key] for key in known})
        if len(self) + len(values) > self._size:
            self._rotate()
        if max(map(len, values), default=0) > MEMO_MAX_KEY:
            self.update({key: value for key, value in values.items() if len(key) <= MEMO_MAX_KEY})
        else:
            self.update(values)
        return values


class Transliterator:
    """A compiled, immutable converter for one direction and one set of options.

    Build it with :func:`translit.get` (cached) and call it on text; it is safe to share
    between threads.

    >>> import translit
    >>> t = translit.get("uz_Cyrl-uz_Latn")
    >>> t("Шаҳар")
    'Shahar'
    >>> t.inverse("Shahar")
    'Шаҳар'
    """

    __slots__ = ("_compiled", "_memo", "id", "options")

    id: str
    options: Options
    _compiled: _Compiled
    _memo: _Memo

    def __init__(self, id: str, options: Options, *, use_lexicon: bool = True) -> None:
        if id not in TRANSLITERATORS:
            raise ValueError(
                f"unknown transliterator {id!r}; available: {', '.join(TRANSLITERATORS)}"
            )
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "options", options)
        object.__setattr__(self, "_compiled", _compile(id, options, use_lexicon))
        object.__setattr__(self, "_memo", _Memo(self._convert_piece, MEMO_SIZE))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __repr__(self) -> str:
        return f"<Transliterator {self.id} {self.options}>"

    def __reduce__(self) -> tuple[Callable[[str, Options, bool], Transliterator], tuple[Any, ...]]:
        # Pickled as what it is built from: the receiving process takes it from its own cache
        # (building it there once), so shipping one to a worker costs a few hundred bytes and
        # the memo, a pure cache, is not copied.
        return _rebuild, (self.id, self.options, self._compiled.use_lexicon)

    @property
    def source(self) -> str:
        return self._compiled.source

    @property
    def target(self) -> str:
        return self._compiled.target

    @property
    def inverse(self) -> Transliterator:
        """The transliterator of the other direction, with the same options."""
        from . import get

        return get(f"{self.target}-{self.source}", **vars_of(self.options))

    def __call__(self, text: str) -> str:
        return self.transliterate(text)

    def transliterate(self, text: str) -> str:
        """Convert ``text``; only words of the source script change."""
        if not isinstance(text, str):
            raise _type_error(text)
        if next(self._spaced_matches(text), None) is not None:
            return self._spaced(text, None)
        return self._pieces(text)

    def _pieces(self, text: str) -> str:
        # Words never contain a space or a newline and no word rule looks across one, so
        # the text can be cut there first: the pieces (a word with its punctuation, mostly)
        # repeat, and each repeat is one dictionary lookup.
        if len(text) <= BLOCK:
            return self._block(text)
        out = _Output()
        self._blocks(text, 0, len(text), out)
        return out.join()

    def _blocks(self, text: str, start: int, size: int, out: _Output) -> None:
        """Convert ``text[start:size]`` into ``out``, block by block (cut at blanks)."""
        while start < size:
            end = min(start + BLOCK, size)  # never past size: text after it is not ours
            if end < size:
                cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
                if cut < start:  # no blank in the block: cut after the next one
                    blanks = (text.find(" ", end, size), text.find("\n", end, size))
                    after = [i for i in blanks if i >= 0]
                    cut = min(after, default=size - 1)
                end = cut + 1
            out.append(self._block(text[start:end]))
            start = end

    def map(self, texts: Iterable[str]) -> list[str]:
        """Convert many texts in one call: ``[t(text) for text in texts]``, several times faster.

        Short texts (headlines, dataframe cells, chat messages) are converted together, about
        BLOCK characters at a time, so that their new pieces take the bulk path in one go and
        the per-call work is paid once per group rather than once per text.

        >>> import translit
        >>> translit.get("uz_Cyrl-uz_Latn").map(["Шаҳар", "", "Ўзбекистон\\nРеспубликаси"])
        ['Shahar', '', 'Oʻzbekiston\\nRespublikasi']
        """
        items = as_texts(texts)
        out = self._many(items)
        rules = self._compiled.spaced_rules
        if rules is None:
            return out
        # A text a text rule applies to (1994 йил) is cut at the spaces it rewrites, as
        # ``_spaced`` cuts it; the cuts of all such texts are converted together.
        maybe: Iterable[int] = range(len(items))
        if rules.trigger is not None:
            maybe = itertools.compress(maybe, map(rules.trigger.search, items))
        ruled: list[tuple[int, int]] = []  # (text, how many cuts)
        parts: list[str] = []
        separators: list[str] = []
        for index in maybe:
            text = items[index]
            first = len(parts)
            last = 0
            for match in self._spaced_matches(text):
                parts.append(text[last : match.start()])
                separators.append(rules.rewrite(match)[0])
                last = match.end()
            if len(parts) > first:
                parts.append(text[last:])
                separators.append("")
                ruled.append((index, len(parts)))
        if ruled:
            converted = self._many(parts)
            start = 0
            for index, stop in ruled:
                pairs = zip(converted[start:stop], separators[start:stop], strict=True)
                out[index] = "".join(itertools.chain.from_iterable(pairs))
                start = stop
        return out

    def _many(self, items: list[str]) -> list[str]:
        """Convert texts in which no text rule applies, together (see ``map``)."""
        out: list[str] = []
        # ends[i]: characters up to the end of text i, joined by newlines
        ends = list(map(operator.add, itertools.accumulate(map(len, items)), itertools.count(1)))
        start, count = 0, len(items)
        while start < count:
            base = ends[start - 1] if start else 0
            stop = max(start + 1, bisect.bisect_right(ends, base + BLOCK, start))
            if stop == start + 1 and len(items[start]) > BLOCK:
                out.append(self._pieces(items[start]))
            else:
                group = items[start:stop]
                joined = "\n".join(group)
                done = self._flat(joined)
                if done.count("\n") != joined.count("\n"):  # a piece's output has one
                    out.extend(map(self._pieces, group))
                elif len(group) == joined.count("\n") + 1:  # no text with a newline
                    out.extend(done.split("\n"))
                else:
                    lines = done.split("\n")
                    at = 0
                    for size in map(str.count, group, itertools.repeat("\n")):
                        out.append("\n".join(lines[at : at + size + 1]))
                        at += size + 1
            start = stop
        return out

    def _block(self, text: str) -> str:
        """Convert a block: look its pieces up, convert the new ones together, join."""
        memo = self._memo
        rows = [line.split(" ") for line in text.split("\n")]
        get = memo.get  # None for a piece that is new (or only in the old generation)
        found = [list(map(get, row)) for row in rows]
        pending = [index for index, values in enumerate(found) if None in values]
        if pending:
            missing: set[str] = set()
            for index in pending:
                missing.update(where_none(rows[index], found[index]))
            converted = memo.fill(missing, self._convert_many).get
            for index in pending:  # a new piece's value, or the one found (in C)
                found[index] = list(map(converted, rows[index], found[index]))
        return "\n".join([" ".join(values) for values in found])  # type: ignore[arg-type]

    def _flat(self, text: str) -> str:
        """``_block`` for text of many short lines: every step in C, none per line."""
        memo = self._memo
        pieces = text.replace("\n", " ").split(" ")
        values = list(map(memo.get, pieces))
        if None in values:
            converted = memo.fill(set(where_none(pieces, values)), self._convert_many).get
            values = list(map(converted, pieces, values))
        if "\n" not in text:
            return " ".join(values)  # type: ignore[arg-type]
        blanks = _BLANK.findall(text)
        blanks.append("")
        pairs = zip(values, blanks, strict=True)
        return "".join(itertools.chain.from_iterable(pairs))  # type: ignore[arg-type]

    def _convert_many(self, pieces: set[str]) -> dict[str, str]:
        batch = self._compiled.batch
        if batch is None:
            return {piece: self._convert_piece(piece) for piece in pieces}
        marks = self._compiled.quotes
        if marks is None:
            return batch.convert(pieces, self._convert_piece, self._plain_word)
        # The bulk path copies the marks around a word: pieces with quotes go one by one.
        quoted = set(filter(marks.search, pieces))
        results = batch.convert(pieces - quoted, self._convert_piece, self._plain_word)
        results.update((piece, self._convert_piece(piece)) for piece in quoted)
        return results

    def _plain_word(self, word: str) -> str | None:
        """Convert a word of the source alphabet (see batch.py): no steps that are no-ops.

        None if no lexicon stem fits its start: the rules alone convert it, in bulk.
        """
        if self._compiled.source != CYRILLIC:
            word = fold_apostrophes(word)
        lexicon = self._compiled.lexicon
        lower = word.lower()
        if lexicon is None or len(lower) != len(word) or "-" in word:
            return self._convert_word(word, word, None, 0)
        first = lexicon.match(lower, 0)
        if first is None:
            return None
        return self._convert_word(word, word, None, 0, first=first)

    def _spaced(self, text: str, trace: list[Step] | None, stop: int | None = None) -> str:
        """Convert text in which a text rule may rewrite a space (1994 йил → 1994-yil).

        With ``stop``, only ``text[:stop]`` is converted, its rules matched in all of it.
        """
        rules = self._compiled.spaced_rules
        assert rules is not None
        if trace is not None or stop is not None:
            matches = self._spaced_matches(text)
            return _weave(text, matches, rules.rewrite, self._between, trace, 0, stop)
        # The rules rewrite only spaces between pieces, and pieces convert on their own, so
        # the text between the rewritten spaces is converted in one go, not date by date:
        # in groups of about GROUP characters, so that a big text is never held twice (a
        # stretch longer than BLOCK is converted block by block, where it is).
        out = _Output()
        parts: list[str] = []
        separators: list[str] = []
        held = 0

        def flush() -> None:
            for part, separator in zip(self._many(parts), separators, strict=True):
                out.append(part)
                out.append(separator)
            parts.clear()
            separators.clear()

        last = 0
        for match in itertools.chain(self._spaced_matches(text), [None]):
            end = len(text) if match is None else match.start()
            separator = "" if match is None else rules.rewrite(match)[0]
            if end - last > BLOCK:
                flush()
                held = 0
                self._blocks(text, last, end, out)
                out.append(separator)
            else:
                parts.append(text[last:end])
                separators.append(separator)
                held += end - last
                if held > GROUP:
                    flush()
                    held = 0
            if match is not None:
                last = match.end()
        flush()
        return out.join()

    def _spaced_matches(self, text: str) -> Iterator[regex.Match[str]]:
        """The matches of the text rules that rewrite a space, left to right.

        Not one whose space ends a protected span (http://kun.uz/1994 йил keeps its space: it
        is not the URL's to lose, and a URL joined to the next word swallows more of it on the
        next pass). The piece before the space is read as the engine converts it: its last
        segment alone, which is also all a stream holds of it.
        """
        rules = self._compiled.spaced_rules
        if rules is None:
            return
        for match in rules.finditer(text):
            end = match.start()
            blank = text.rfind(" ", 0, end)
            start = max(blank, text.rfind("\n", blank + 1, end)) + 1
            if not _MAYBE_PROTECTED.search(text, start, end):
                yield match
                continue
            piece = text[start:end]
            offset = 0
            while len(piece) - offset > MAX_PIECE:
                cut = self._boundary(piece, offset)
                if cut >= len(piece):
                    break
                offset = cut
            segment = piece[offset:]
            if not any(span.end() == len(segment) for span in PROTECTED.finditer(segment)):
                yield match

    def _between(self, text: str, trace: list[Step] | None, at: int) -> str:
        """Convert text in which no space is rewritten, piece by piece."""
        if trace is None:
            return self._pieces(text)
        out = []
        offset = 0
        for match in _BLANKS.finditer(text):
            out.append(self._segmented(text[offset : match.start()], trace, at + offset))
            out.append(match.group())
            trace.append(
                Step(at + match.start(), at + match.end(), match.group(), match.group(), "copy")
            )
            offset = match.end()
        out.append(self._segmented(text[offset:], trace, at + offset))
        return "".join(out)

    def cut(self, text: str, start: int = 0) -> int:
        """A place in ``text`` after which the rest converts on its own, or 0 if none is found.

        The end of the last line at or after ``start`` (or else the last space) such that
        ``convert(text[:cut]) + convert(text[cut:] + more) == convert(text + more)`` for every
        ``more``: a blank that no text rule may rewrite (convert_prefix would hold nothing back
        from ``text[:cut]``). Only a few blanks from the end are tried, so the cost is bounded.
        """
        rules = self._compiled.spaced_rules
        for blank in "\n ":
            end = len(text)
            for _ in range(8):
                at = text.rfind(blank, start, end)
                if at < 0:
                    break
                if rules is None or not rules.hold.search(text, max(0, at - 63), at + 1):
                    return at + 1
                end = at
        return 0

    def convert_prefix(self, buffer: str, final: bool = False) -> tuple[str, str]:
        """Convert what of ``buffer`` no later text can change; return (output, held back).

        This is the streaming primitive: ``out + convert(held + more) == convert(buffer +
        more)`` for every ``more``. Normally the held-back text is what follows the last
        space or newline (and the piece before it, when a text rule could rewrite that
        space once the next word is known: "1994 " before "йил"). In a run of more than
        MAX_PIECE characters without either, the whole segments that are already known
        are converted (see ``_segments``). With ``final`` everything is converted. Words
        are never cut, and normalisation (NFC) is done per word, so a letter and its
        combining marks stay together.
        """
        if not isinstance(buffer, str):
            raise _type_error(buffer)
        if final:
            return self.transliterate(buffer), ""
        cut = max(buffer.rfind(" "), buffer.rfind("\n")) + 1
        rules = self._compiled.spaced_rules
        if rules is not None and cut and rules.hold.search(buffer, max(0, cut - 64), cut):
            # A text rule may rewrite that space once the next word is known ("1994 " +
            # "йил"): hold the last segment of the piece before it as well.
            start = max(buffer.rfind(" ", 0, cut - 1), buffer.rfind("\n", 0, cut - 1)) + 1
            piece = buffer[start : cut - 1]
            done = []
            offset = 0
            while len(piece) - offset > MAX_PIECE:
                end = self._boundary(piece, offset)
                if end == len(piece):  # keep the last segment: the rule's context is in it
                    break
                done.append(self._piece(piece[offset:end], None, 0))
                offset = end
            # The text before `start` is converted knowing the words after it (up to `cut`):
            # the space before the held piece may itself be rewritten ("2024 " + "йилда").
            head = self._spaced(buffer[:cut], None, stop=start) + "".join(done)
            return head, buffer[start + offset :]
        if len(buffer) - cut <= MAX_PIECE:
            return self.transliterate(buffer[:cut]), buffer[cut:]
        # A long run without spaces: it starts a piece (or a segment of one), so segments
        # can be found from here exactly as the one-shot conversion finds them.
        head = self.transliterate(buffer[:cut])
        tail = buffer[cut:]
        done = []
        start = 0
        # The segment's end depends on MAX_URL characters after it (a URL may cross it) and
        # on the word at it (which may still grow if it reaches the end of the buffer).
        while len(tail) - start > MAX_PIECE + MAX_URL + 1:
            end = self._boundary(tail, start)
            if end + 2 > len(tail):  # the word at the boundary may still grow
                break
            done.append(self._piece(tail[start:end], None, 0))
            start = end
        return head + "".join(done), tail[start:]

    # -- one piece of text between spaces, and one word ---------------------------------------

    def _convert_piece(self, piece: str) -> str:
        """Convert text without spaces or newlines (memoised by the caller)."""
        if len(piece) <= MAX_PIECE:
            return self._piece(piece, None, 0)
        return self._segmented(piece, None, 0)

    def _segmented(self, piece: str, trace: list[Step] | None, at: int) -> str:
        """Convert a piece segment by segment (one segment unless it is very long)."""
        out = []
        start = 0
        while len(piece) - start > MAX_PIECE:
            end = self._boundary(piece, start)
            out.append(self._piece(piece[start:end], trace, at + start))
            start = end
        out.append(self._piece(piece[start:], trace, at + start))
        return "".join(out)

    def _boundary(self, piece: str, start: int) -> int:
        """End of the segment of ``piece`` that starts at ``start`` (MAX_PIECE or a bit more).

        The first position from ``start + MAX_PIECE`` on that is not inside a protected
        span (a URL: unless it goes on for more than MAX_URL) or a word of the segment
        (spans and words found from ``start``), and does not follow a digit or a digit and
        a hyphen (1994-yil stays whole). It depends only on the text from ``start`` to
        ``start + MAX_PIECE + MAX_URL`` and the word at its end, which is what lets a stream
        find the same segments as a one-shot call.
        """
        target = start + MAX_PIECE
        window = min(len(piece), target + MAX_URL)
        if target < window and _MAYBE_PROTECTED.search(piece, start, window):
            # A protected span that crosses the target, and ends within MAX_URL of it, stays
            # whole (spans are found in the segment alone, so they are looked for the same
            # way here: in a copy of the window, which nothing before it can affect).
            text = piece[start:window]
            for span in PROTECTED.finditer(text):
                if start + span.end() <= target:
                    continue
                if start + span.start() < target and (
                    span.end() < len(text) or window == len(piece)
                ):
                    target = start + span.end()
                break
        # A word that crosses the target starts before it, so it ends within MAX_WORD of it:
        # the search stops there (a run without words is not read to its end per segment).
        stop = min(len(piece), target + MAX_WORD + 1)
        for match in self._compiled.token.finditer(piece, start, stop):
            if match.end() <= target:
                continue
            if match.start() >= target:
                break
            target = match.end()  # inside a word: cut after it
            break
        for _ in range(8):  # a few steps at most, so a run of digits cannot hold a stream
            if target >= len(piece) or not (
                piece[target - 1].isdigit()
                or (piece[target - 1] == "-" and piece[target - 2 : target - 1].isdigit())
            ):
                break
            target += 1
        return min(target, len(piece))

    def explain(self, text: str) -> list[Step]:
        """Which rule or lexicon entry produced each piece of the output, in order.

        Text copied unchanged has the rule ``"copy"`` (``"nfc"`` where normalising a word
        changed a character); URLs, e-mail addresses, @handles and paths ``"protected"``;
        Latin words that cannot be Uzbek ``"foreign"``; marks set by quotes="native"
        ``"quotes"``.

        >>> import translit
        >>> [(s.source, s.output) for s in translit.explain("цирк", target="latin")]
        [('ц', 's'), ('и', 'i'), ('р', 'r'), ('к', 'k')]
        """
        if not isinstance(text, str):
            raise _type_error(text)
        steps: list[Step] = []
        if self._compiled.spaced_rules is not None:
            self._spaced(text, steps)
        else:
            self._between(text, steps, 0)
        return steps

    def _piece(self, piece: str, trace: list[Step] | None, at: int) -> str:
        """Convert a piece, leaving URLs, e-mail addresses, @handles and paths alone."""
        if SOFT_HYPHEN in piece:
            return self._hyphenated(piece, trace, at)
        return self._plain_piece(piece, trace, at)

    def _hyphenated(self, piece: str, trace: list[Step] | None, at: int) -> str:
        """A piece with soft hyphens inside words (Сен\u00adтябрь): converted without them.

        Each run of soft hyphens is then put back where the part of its step's source before
        it ends in the step's output, when the step's output starts with that part converted
        alone (Сен → Sen: Sen\u00adtabr), or else at the proportional place in the output.
        """
        runs = [(m.start(), m.group()) for m in _SOFT_HYPHENS.finditer(piece)]
        if not runs:
            return self._plain_piece(piece, trace, at)
        plain = _SOFT_HYPHENS.sub("", piece)
        inner: list[Step] = []
        self._plain_piece(plain, inner, 0)
        # Where each run stands in ``plain``, and how much of ``piece`` comes before it.
        spots: list[tuple[int, int, str]] = []
        removed = 0
        for start, run in runs:
            spots.append((start - removed, start, run))
            removed += len(run)
        steps: list[Step] = []
        index = 0
        shift = 0  # soft hyphens of ``piece`` before the current position
        for step in inner:
            while index < len(spots) and spots[index][0] <= step.start:
                _, origin, run = spots[index]
                steps.append(Step(at + origin, at + origin + len(run), run, run, "copy"))
                shift += len(run)
                index += 1
            start = step.start + shift
            output = step.output
            inserted = place = 0
            while index < len(spots) and spots[index][0] < step.end:
                where, origin, run = spots[index]
                place = max(place, self._soft_place(step, where - step.start))  # in order
                output = output[: place + inserted] + run + output[place + inserted :]
                inserted += len(run)
                shift += len(run)
                index += 1
            end = step.end + shift
            steps.append(Step(at + start, at + end, piece[start:end], output, step.rule))
        if trace is not None:
            trace.extend(steps)
        return "".join(step.output for step in steps)

    def _soft_place(self, step: Step, before: int) -> int:
        """Where in ``step.output`` the first ``before`` characters of its source end."""
        size = len(step.output)
        head = self._plain_piece(step.source[:before], None, 0)
        if 0 < len(head) < size and step.output.startswith(head):
            return len(head)
        return (2 * before * size + len(step.source)) // (2 * len(step.source))

    def _plain_piece(self, piece: str, trace: list[Step] | None, at: int) -> str:
        marks = self._compiled.quotes
        if marks is not None and marks.search(piece):
            return self._quoted(piece, trace, at)
        return self._unquoted(piece, trace, at)

    def _quoted(self, piece: str, trace: list[Step] | None, at: int) -> str:
        """Convert a piece with native quotes (quotes.py): the marks are set first."""
        skip = []
        if _MAYBE_PROTECTED.search(piece):
            skip = [match.span() for match in PROTECTED.finditer(piece)]
        marked = quotes.native(piece, self._compiled.target, skip)
        if trace is None or marked == piece:
            return self._unquoted(marked, trace, at)
        first = len(trace)
        out = self._unquoted(marked, trace, at)
        for index in range(first, len(trace)):  # explain() shows the marks as they were
            step = trace[index]
            source = piece[step.start - at : step.end - at]
            if source != step.source:
                rule = "quotes" if step.rule == "copy" else step.rule
                trace[index] = Step(step.start, step.end, source, step.output, rule)
        return out

    def _unquoted(self, piece: str, trace: list[Step] | None, at: int) -> str:
        if not _MAYBE_PROTECTED.search(piece):
            return self._inner(piece, trace, at)
        return _weave(piece, PROTECTED.finditer(piece), _keep_protected, self._inner, trace, at)

    def _inner(self, text: str, trace: list[Step] | None, at: int) -> str:
        """Apply the text rules that work inside a piece (1994-yil → 1994 йил), then words."""
        rules = self._compiled.inner_rules
        if rules is None or not text:
            return self._words(text, trace, at)
        matches: Iterable[regex.Match[str]] = rules.finditer(text)
        if self._compiled.keep:
            # A word the keep list keeps stays as it is with what joins it to the text
            # before (NATOʼцирк, цирк kept: the ʼ stays); otherwise the output, read again,
            # could be joined otherwise (oʼЦИРК → oЦИРК the second time).
            matches = [m for m in matches if not self._kept_at(text, m.end())]
        return _weave(text, matches, rules.rewrite, self._words, trace, at)

    def _kept_at(self, text: str, at: int) -> bool:
        """Whether the word at ``at`` in ``text`` starts with a word of the keep list."""
        token = self._compiled.token.match(text, at)
        if token is None:
            return False
        return self._kept(unicodedata.normalize("NFC", token.group())) > 0

    def _words(self, text: str, trace: list[Step] | None, at: int) -> str:
        """Convert the words of ``text`` (no blanks, nothing protected)."""
        if not text:
            return ""
        parts = self._compiled.token.split(text)
        # One letter and a full stop is an initial (I. Karimov), never a Roman numeral; not
        # through the memo, where "I" alone is one (Pyotr I).
        initial = len(parts) == 3 and not parts[0] and parts[2] == "." and len(parts[1]) == 1
        if len(parts) == 1:  # no word at all
            if trace is not None:
                trace.append(Step(at, at + len(text), text, text, "copy"))
            return text
        if trace is None:
            if len(parts) == 3 and not parts[0] and not parts[2]:  # exactly one word
                return self._convert_token(text)
            if initial:
                return self._convert_token(parts[1], initial=True) + "."
            if self._compiled.quotes is not None:
                # The marks between words were set for the whole piece: a part alone would
                # see other neighbours.
                memo = self._memo
                return "".join(
                    memo[part] if index % 2 else part for index, part in enumerate(parts)
                )
            return "".join(map(self._memo.__getitem__, parts))
        pos = at
        first = len(trace)  # this call's steps only: scanning all of them is quadratic
        for index, part in enumerate(parts):
            if index % 2:
                self._convert_token(part, trace, pos, initial=initial)
            elif part:
                trace.append(Step(pos, pos + len(part), part, part, "copy"))
            pos += len(part)
        return "".join(step.output for step in trace[first:])

    def _convert_token(
        self, token: str, trace: list[Step] | None = None, at: int = 0, *, initial: bool = False
    ) -> str:
        compiled = self._compiled
        if not compiled.token.fullmatch(token) or not _SOURCE_LETTER[compiled.source].search(token):
            if trace is not None:
                trace.append(Step(at, at + len(token), token, token, "copy"))
            return token
        word = (
            token
            if unicodedata.is_normalized("NFC", token)
            else unicodedata.normalize("NFC", token)
        )
        if compiled.keep:
            kept = self._kept(word)
            if kept and len(word) != len(token):
                # NFC changed the length (u + U+0301 before ЕР): ``kept`` counts the
                # normalised word's characters, so the word is kept normalised, as one step.
                output = word[:kept] + (
                    self._convert_token(word[kept:]) if kept < len(word) else ""
                )
                if trace is not None:
                    trace.append(Step(at, at + len(token), token, output, "keep"))
                return output
            if kept:
                suffix = self._convert_token(token[kept:]) if kept < len(token) else ""
                if trace is not None:
                    trace.append(Step(at, at + kept, token[:kept], token[:kept], "keep"))
                    if suffix:
                        trace.append(Step(at + kept, at + len(token), token[kept:], suffix, "keep"))
                return token[:kept] + suffix
        if compiled.fold:
            word = word.translate(compiled.fold)
        # After the keep list, which matches words as typed (a kept stem with a converted
        # suffix, Циркning, mixes scripts and must stay as it is), and after typed look-alikes
        # are read (İ is I: it tells the script as I does, as it will on the next pass).
        if compiled.homoglyphs is not None:
            unified = compiled.homoglyphs.unify(word, stays=compiled.stays, quiet=compiled.quiet)
            if unified != word:
                if not unicodedata.is_normalized("NFC", unified):
                    unified = unicodedata.normalize("NFC", unified)  # С + cedilla read as Ç
                if compiled.fold:  # and О + acute read as Ó is a typed ö
                    unified = unified.translate(compiled.fold)
            word = unified
        if compiled.foreign is not None:
            if compiled.keep_foreign and compiled.foreign.search(word):
                if trace is not None:
                    trace.append(Step(at, at + len(token), token, token, "foreign"))
                return token
            word = fold_apostrophes(word)
        # A converted letter before a combining mark may compose with it (З + ̈ = Ӟ): the
        # output is normalised too, or converting it again would change it.
        marks = _MARK.search(word) is not None
        same = len(token) == len(word)
        if trace is None:
            # ``source`` must match ``word`` letter for letter: NFC may have changed its length.
            output = self._convert_word(word, token if same else word, None, at, initial)
            return unicodedata.normalize("NFC", output) if marks else output
        inner: list[Step] = []
        output = self._convert_word(word, token if same else word, inner, at, initial)
        normal = unicodedata.normalize("NFC", output) if marks else output
        if same and normal == output:
            trace.extend(inner)
            return output
        # Normalisation changed the length, so offsets inside the word no longer map to the
        # input or the output: report the word as one step naming every rule used.
        rules = " ".join(dict.fromkeys(step.rule for step in inner))
        if rules == "copy":  # nothing but the normalisation changed it
            rules = "nfc"
        trace.append(Step(at, at + len(token), token, normal, rules))
        return normal

    def _kept(self, word: str) -> int:
        """Length of the longest keep-list word at the start of ``word`` followed only by
        suffixes, or by text without a letter of the source script (suffixes converted
        before: ЦИРК + I, so that converting the output again changes nothing).

        One set lookup per distinct length of the keep words, whatever their number.
        """
        compiled = self._compiled
        lower = word.lower()
        if len(lower) != len(word):
            # A letter whose small form is longer (İ → i̇) stays as it is, so that offsets
            # match: the word ЦИРКGİ must be kept as the word ЦИРКG was (fuzzer seed 404).
            lower = "".join(c if len(small := c.lower()) != 1 else small for c in word)
        if lower in compiled.keep:
            return len(word)
        source_letter = _SOURCE_LETTER[compiled.source]
        # The keep word may follow letters of another script, which conversion copies
        # (Aцирк, Aʼцирк: one word, ʼ being a letter), so that the output reads the same.
        first = source_letter.search(lower)
        start = first.start() if first is not None else 0
        if start and lower[start:] in compiled.keep:
            return len(word)
        for length in compiled.keep_lengths:
            end = start + length
            if (
                end < len(lower)
                and lower[start:end] in compiled.keep
                and (
                    compiled.suffixes.fullmatch(lower, end) or not source_letter.search(lower, end)
                )
            ):
                return end
        return 0

    def _convert_word(
        self,
        word: str,
        source: str,
        trace: list[Step] | None,
        at: int,
        initial: bool = False,
        first: Hit | None = None,
    ) -> str:
        """Convert one normalised word; ``source`` is what explain() shows for its pieces.

        ``first`` is the lexicon's match at the word's start, if already known.
        """
        compiled = self._compiled
        lower = word.lower()
        if len(lower) != len(word):  # e.g. İ lower-cases to two characters
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in word)
        cased = lower != word
        latin = compiled.source != CYRILLIC
        # A compound name whose parts are all capitalised (Sent-Luis, Los-Anjeles) takes only
        # hyphenated lexicon entries (Nyu-York): цент and лось are common nouns.
        compound = "-" in word and all(p[:1].isupper() and p[1:].islower() for p in word.split("-"))
        out: list[str] = []
        pos, end = 0, len(word)
        while pos < end:
            if not lower[pos].isalpha() and unicodedata.category(lower[pos])[0] != "M":
                # A hyphen between parts: a rule may take it with the part after it (a
                # particle, boʻlsa-da → бўлсада); otherwise it is copied.
                rule = compiled.matcher.for_word(lower).match(lower, pos, end)
                if rule is not None and rule.end() > pos + 1:
                    self._rules(word, lower, pos, rule.end(), cased, out, trace, at, source)
                    pos = rule.end()
                    continue
                out.append(word[pos])
                if trace is not None:
                    trace.append(Step(at + pos, at + pos + 1, source[pos], word[pos], "copy"))
                pos += 1
                continue
            if latin and cased and not initial and word[pos].isupper():
                part_end = lexicon_part_end(lower, pos)
                if _ROMAN.fullmatch(word, pos, part_end):
                    out.append(word[pos:part_end])  # XXI-asr: the numeral stays
                    if trace is not None:
                        numeral = word[pos:part_end]
                        trace.append(
                            Step(at + pos, at + part_end, source[pos:part_end], numeral, "roman")
                        )
                    pos = part_end
                    continue
            if pos == 0 and first is not None:
                hit: Hit | None = first
            elif compiled.lexicon:
                hit = compiled.lexicon.match(lower, pos, compound_only=compound)
            else:
                hit = None
            if hit is not None:
                piece = case_stem(word[pos : hit.stem_end], hit.output) if cased else hit.output
                out.append(piece)
                if trace is not None:
                    trace.append(
                        Step(
                            at + pos,
                            at + hit.resume,
                            source[pos : hit.resume],
                            piece,
                            hit.entry.origin,
                        )
                    )
                pos, part_end = hit.resume, hit.part_end
            else:
                part_end = lexicon_part_end(lower, pos)
            self._rules(word, lower, pos, part_end, cased, out, trace, at, source)
            pos = part_end
        return "".join(out)

    def _rules(
        self,
        word: str,
        lower: str,
        start: int,
        end: int,
        cased: bool,
        out: list[str],
        trace: list[Step] | None,
        at: int,
        source: str,
    ) -> None:
        """Convert ``word[start:end]`` with the rules (contexts see the whole word)."""
        matcher = self._compiled.matcher
        if cased and self._compiled.caps_matcher is not None and _is_capitals(word):
            matcher = self._compiled.caps_matcher()
        if not cased and trace is None:
            # Lower-case words, the common case: only rule matches cost a Python step.
            table, outputs = matcher.table, matcher.outputs
            last = start
            for match in matcher.for_word(lower).finditer(lower, start, end):
                if match.start() > last:
                    out.append(lower[last : match.start()].translate(table))
                out.append(outputs[(match.lastindex or 1) - 1])
                last = match.end()
            if last < end:
                out.append(lower[last:end].translate(table))
            return
        letters, letter_origins = matcher.letters, matcher.letter_origins

        def by_letter(first: int, stop: int) -> None:
            # Between two rule matches the single letters apply (they come last in the
            # alternation, so this is what the whole pattern does there).
            for i in range(first, stop):
                piece = letters.get(lower[i])
                if piece is None:  # copied, as normalised (NFC may change one character)
                    piece = word[i]
                    rule = "copy" if piece == source[i] else "nfc"
                else:
                    rule = letter_origins[lower[i]]
                if cased and piece and rule not in ("copy", "nfc"):
                    piece = case_piece(word, i, i + 1, piece)
                out.append(piece)
                if trace is not None:
                    trace.append(Step(at + i, at + i + 1, source[i], piece, rule))

        last = start
        for match in matcher.for_word(lower).finditer(lower, start, end):
            s, e = match.span()
            by_letter(last, s)
            index = (match.lastindex or 1) - 1
            piece = matcher.outputs[index]
            if cased and piece:
                piece = case_piece(word, s, e, piece)
            out.append(piece)
            if trace is not None:
                trace.append(Step(at + s, at + e, source[s:e], piece, matcher.origins[index]))
            last = e
        by_letter(last, end)


def _is_capitals(word: str) -> bool:
    """A word in capitals: at least two cased letters, none of them small (ОИ, БМТ)."""
    return word.isupper() and sum(map(str.isupper, word)) > 1


def _keep_protected(match: regex.Match[str]) -> tuple[str, str]:
    return match.group(), "protected"


def _weave(
    text: str,
    matches: Iterable[regex.Match[str]],
    rewrite: Callable[[regex.Match[str]], tuple[str, str]],
    convert: Callable[[str, list[Step] | None, int], str],
    trace: list[Step] | None,
    at: int,
    stop: int | None = None,
) -> str:
    """``convert`` the text between ``matches`` and ``rewrite`` each match (output, rule).

    With ``stop``, matches from ``stop`` on are ignored and text after it is left out.
    """
    end = len(text) if stop is None else stop
    out: list[str] = []
    last = 0
    for match in matches:
        if match.start() >= end:
            break
        out.append(convert(text[last : match.start()], trace, at + last))
        output, rule = rewrite(match)
        out.append(output)
        if trace is not None:
            trace.append(Step(at + match.start(), at + match.end(), match.group(), output, rule))
        last = match.end()
    out.append(convert(text[last:end], trace, at + last))
    return "".join(out)


@functools.cache
def homoglyphs() -> Homoglyphs:
    """The look-alike letters of homoglyphs.tsv (translit check suggests what this reads)."""
    tables = load()
    cyrillic = {x.cyrillic for x in tables.alphabet if len(x.cyrillic) == 1}
    latin = {c for x in tables.alphabet for c in x.latin if c.isascii()}
    latin |= {row.latin_2026 for row in tables.respellings}
    return Homoglyphs(
        tables.homoglyphs,
        APOSTROPHE_LIKE,
        "".join(sorted(c for c in cyrillic if c.isalpha())),
        "".join(sorted(c for c in latin if c.isalpha())),
    )


def _not_letters(tables: Tables) -> str:
    """The Latin look-alikes that Latin → Cyrillic never needs to make Cyrillic: those it
    leaves as they are (c, which is no letter on its own; M and X of a Roman numeral: made
    Cyrillic inside a mixed word, MХ'... would read differently the next time) and those it
    converts to their look-alike anyway (a → а). Only p, y, B, H, P, Y remain."""
    direction = DIRECTIONS[1]
    letters = {x.latin: x.cyrillic for x in tables.alphabet if direction in x.directions}
    stays = []
    for latin, cyrillic in tables.homoglyphs:
        converted = letters.get(latin.lower())
        if converted is None or converted == cyrillic.lower():
            stays.append(latin)
    return "".join(stays)


def _rebuild(id: str, options: Options, use_lexicon: bool) -> Transliterator:
    """The unpickled transliterator: the per-process cached one (``translit.get``)."""
    if not use_lexicon:
        return Transliterator(id, options, use_lexicon=False)
    from . import _get

    return _get(id, options)


def as_texts(texts: Iterable[str]) -> list[str]:
    """``texts`` as a list, checked to hold only str (one str is refused: wrap it)."""
    if isinstance(texts, str):
        raise TypeError("give an iterable of texts, not a str: wrap one text, [text]")
    items = texts if isinstance(texts, list) else list(texts)
    if not all(map(isinstance, items, itertools.repeat(str))):
        index, bad = next((i, x) for i, x in enumerate(items) if not isinstance(x, str))
        raise TypeError(f"texts[{index}]: {_type_error(bad)}")
    return items


def vars_of(options: Options) -> dict[str, Any]:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


def _type_error(text: object) -> TypeError:
    if isinstance(text, (bytes, bytearray, memoryview)):
        return TypeError(
            "translit converts str, not bytes: decode first, e.g. data.decode('utf-8')"
        )
    return TypeError(f"translit converts str, not {type(text).__name__}")
