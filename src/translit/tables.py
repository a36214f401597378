"""Parsers for the data files in ``translit/data``.

Each parser turns one human-edited file into plain immutable records and reports a malformed
line as ``DataError("file:line: what is wrong")``. Nothing here compiles regular expressions
for matching; that is ``matcher.py``'s job.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar, cast

import regex

from .errors import DataError

#: The scripts: Cyrillic, the 1995 Latin alphabet and the 2026 one (a variant of Latin, in
#: the form ICU gives variants: Russian-Latin/BGN).
CYRILLIC, LATIN, LATIN_2026 = "uz_Cyrl", "uz_Latn", "uz_Latn/2026"
#: The directions the data files are written for: alphabet.tsv and lexicon.tsv ``dir`` flags
#: and the two big rules files name these.
DIRECTIONS = (f"{CYRILLIC}-{LATIN}", f"{LATIN}-{CYRILLIC}")
#: Every transliterator ID. A 2026 direction to or from Cyrillic is compiled from the data of
#: the 1995 one (its ``BASE``) and latin-2026.tsv; 1995 ⇄ 2026 has rules files of its own.
TRANSLITERATORS = (
    *DIRECTIONS,
    f"{CYRILLIC}-{LATIN_2026}",
    f"{LATIN_2026}-{CYRILLIC}",
    f"{LATIN}-{LATIN_2026}",
    f"{LATIN_2026}-{LATIN}",
)
BASE = {
    **{direction: direction for direction in DIRECTIONS},
    f"{CYRILLIC}-{LATIN_2026}": DIRECTIONS[0],
    f"{LATIN_2026}-{CYRILLIC}": DIRECTIONS[1],
    f"{LATIN}-{LATIN_2026}": f"{LATIN}-{LATIN_2026}",
    f"{LATIN_2026}-{LATIN}": f"{LATIN_2026}-{LATIN}",
}


def rules_file(direction: str) -> str:
    """The rules file of a data direction (a file name cannot hold the variant's slash)."""
    return direction.replace("/", "_") + ".rules"


_DIR_FLAGS = {
    "<>": DIRECTIONS,
    ">": DIRECTIONS[:1],
    "<": DIRECTIONS[1:],
    "alias": DIRECTIONS[1:],  # a non-standard Latin spelling accepted on input
    "=": (),
}


@dataclass(frozen=True)
class Letter:
    """One row of alphabet.tsv: a lower-case correspondence and where it is used."""

    cyrillic: str
    latin: str
    directions: tuple[str, ...]
    origin: str


@dataclass(frozen=True)
class Rule:
    """One context rule: ``before { key } after → output`` (contexts as regex fragments)."""

    before: str
    key: str
    after: str
    output: str
    origin: str
    option: str = ""  # the Options flag that switches the rule on ("" = always on)
    text: bool = False  # a text rule: applies to the text between words, not inside one
    # before and after with each word list (words.tsv) as a one-letter stand-in: the same
    # shape for checks (which letters a context consumes), quick to compile
    shape: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Entry:
    """One lexicon row: a Cyrillic stem, its Latin spelling, and how it may match."""

    cyrillic: str
    latin: str
    directions: tuple[str, ...]
    whole_word: bool
    alias: bool
    source: str
    origin: str


@dataclass(frozen=True)
class Respelling:
    """One row of latin-2026.tsv: a 1995 spelling and the 2026 letter that replaces it."""

    latin: str
    latin_2026: str
    origin: str


@dataclass(frozen=True)
class Suffix:
    """One suffix morph in both scripts (suffixes.tsv)."""

    cyrillic: str
    latin: str
    origin: str


def read_data(name: str) -> str:
    """Return the text of a packaged data file."""
    try:  # the package is a folder (importlib.resources costs a few ms to import)
        with open(os.path.join(_DATA, name), encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:  # a zip or another loader
        from importlib import resources

        return resources.files("translit.data").joinpath(name).read_text(encoding="utf-8")


_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _rows(text: str, path: str, columns: int, header: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of a TSV file, skipping comments, blanks and the header."""
    seen_header = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not seen_header:
            if fields[0] != header:
                raise DataError(path, lineno, f"expected the header row starting with {header!r}")
            seen_header = True
            continue
        if len(fields) < 2:
            raise DataError(path, lineno, "expected tab-separated fields")
        if len(fields) > columns:
            raise DataError(path, lineno, f"{len(fields)} fields, at most {columns} expected")
        yield lineno, fields + [""] * (columns - len(fields))


def _directions(flag: str, path: str, lineno: int) -> tuple[str, ...]:
    try:
        return _DIR_FLAGS[flag]
    except KeyError:
        raise DataError(
            path, lineno, f"dir {flag!r} is not one of {' '.join(_DIR_FLAGS)}"
        ) from None


def _check_lower(value: str, what: str, path: str, lineno: int) -> None:
    if value != value.lower():
        raise DataError(path, lineno, f"{what} {value!r} must be lower case (case is the engine's)")


def parse_alphabet(text: str, path: str = "alphabet.tsv") -> tuple[Letter, ...]:
    """Parse alphabet.tsv: ``cyrillic  latin  dir  note``."""
    letters = []
    for lineno, (cyr, lat, flag, _note) in _rows(text, path, 4, "cyrillic"):
        if not cyr:
            raise DataError(path, lineno, "empty cyrillic field")
        _check_lower(cyr + lat, "letter", path, lineno)
        letters.append(Letter(cyr, lat, _directions(flag, path, lineno), f"{path}:{lineno}"))
    return tuple(letters)


def parse_lexicon(text: str, path: str = "lexicon.tsv") -> tuple[Entry, ...]:
    """Parse lexicon.tsv: ``cyrillic  latin  dir  match  source  note``."""
    entries = []
    for lineno, (cyr, lat, flag, match, source, _note) in _rows(text, path, 6, "cyrillic"):
        if not cyr or not lat:
            raise DataError(path, lineno, "both cyrillic and latin are required")
        _check_lower(cyr + lat, "entry", path, lineno)
        if match not in ("stem", "word"):
            raise DataError(path, lineno, f"match {match!r} is not 'stem' or 'word'")
        if not source:
            raise DataError(path, lineno, "every entry needs a source")
        if cyr.count("-") != lat.count("-") and match != "word":
            raise DataError(
                path, lineno, "a stem's cyrillic and latin must have the same hyphenated parts"
            )
        entries.append(
            Entry(
                cyr,
                lat,
                _directions(flag, path, lineno),
                match == "word",
                flag == "alias",
                source,
                f"{path}:{lineno}",
            )
        )
    return tuple(entries)


#: The word classes of words.tsv and the @name each gives the rules (docs/rules.md). ``gh``
#: stems are given without their final ғ/gʻ, since the rules match the assimilated ққ.
WORD_CLASSES = {"verb": "verb", "noun": "noun", "gh": "gh", "u": "conj_u", "yu": "conj_yu"}


def parse_words(text: str, path: str = "words.tsv") -> dict[str, tuple[tuple[str, str], ...]]:
    """Parse words.tsv: ``class  cyrillic  latin``; the (cyrillic, latin) words per class."""
    classes: dict[str, list[tuple[str, str]]] = {name: [] for name in WORD_CLASSES}
    for lineno, (name, cyr, lat) in _rows(text, path, 3, "class"):
        if name not in classes:
            raise DataError(path, lineno, f"class {name!r} is not one of {' '.join(classes)}")
        if not cyr or not lat:
            raise DataError(path, lineno, "both cyrillic and latin are required")
        _check_lower(cyr + lat, "word", path, lineno)
        if name == "gh":
            if not (cyr.endswith("ғ") and lat.endswith("gʻ")):
                raise DataError(path, lineno, "a gh stem ends in ғ / gʻ")
            cyr, lat = cyr[:-1], lat[:-2]
        classes[name].append((cyr, lat))
    return {name: tuple(words) for name, words in classes.items()}


_Trie = dict[str, "_Trie"]


def word_alternation(words: Iterable[str]) -> str:
    """A regex matching exactly one of ``words``, as a compact prefix tree.

    A flat alternation of a thousand words is slow to compile and to match; the tree tries
    each first letter once.
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (c if c.isalnum() else regex.escape(c)) + emit(child)
            for c, child in sorted(node.items())
            if c
        ]
        optional = "" in node
        if not branches:
            return ""
        if len(branches) == 1 and not optional:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    return emit(tree) if tree else "(?!)"


def parse_loanwords(text: str, path: str = "loanwords.tsv") -> dict[str, tuple[str, int]]:
    """Parse loanwords.tsv: ``latin  cyrillic``; Latin key → (Cyrillic, line number).

    A generated file of ten thousand rows, read at start-up: one pass, checks in bulk.
    """
    loans: dict[str, tuple[str, int]] = {}
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line and line[0] != "#"), len(lines))
    if lines[header : header + 1] != ["latin\tcyrillic"]:
        raise DataError(path, header + 1, "expected the header row 'latin<TAB>cyrillic'")
    for lineno, line in enumerate(lines[header + 1 :], header + 2):
        lat, tab, cyr = line.partition("\t")
        if not tab or not lat or not cyr or "\t" in cyr:
            raise DataError(path, lineno, "expected two tab-separated fields: latin, cyrillic")
        if lat.endswith("-") != cyr.endswith("-"):
            raise DataError(path, lineno, "a combining form ends in - in both columns")
        if lat in loans:
            raise DataError(path, lineno, f"{lat!r} is already listed at line {loans[lat][1]}")
        loans[lat] = (cyr, lineno)
    body = "\n".join(lines[header + 1 :])
    if body != body.lower():
        lineno = next(i for i, line in enumerate(lines, 1) if i > header and line != line.lower())
        raise DataError(path, lineno, "loanwords must be lower case (case is the engine's)")
    return loans


def parse_suffixes(text: str, path: str = "suffixes.tsv") -> tuple[Suffix, ...]:
    """Parse suffixes.tsv: ``cyrillic  latin  note``."""
    suffixes = []
    for lineno, (cyr, lat, _note) in _rows(text, path, 3, "cyrillic"):
        if not cyr or not lat:
            raise DataError(path, lineno, "both cyrillic and latin are required")
        _check_lower(cyr + lat, "suffix", path, lineno)
        suffixes.append(Suffix(cyr, lat, f"{path}:{lineno}"))
    return tuple(suffixes)


def parse_respellings(text: str, path: str = "latin-2026.tsv") -> tuple[Respelling, ...]:
    """Parse latin-2026.tsv: ``latin  latin2026  note``."""
    rows = []
    for lineno, (old, new, _note) in _rows(text, path, 3, "latin"):
        if not old or not new:
            raise DataError(path, lineno, "both latin and latin2026 are required")
        _check_lower(old + new, "spelling", path, lineno)
        if len(new) != 1 or len(new.upper()) != 1:
            raise DataError(path, lineno, f"{new!r} must be one letter with a one-letter capital")
        rows.append(Respelling(old, new, f"{path}:{lineno}"))
    return tuple(rows)


def parse_lookalikes(text: str, path: str = "lookalikes.tsv") -> dict[str, tuple[str, str]]:
    """Parse lookalikes.tsv: ``char  reads_as  note`` → {char: (letter, file:line)}."""
    found: dict[str, tuple[str, str]] = {}
    for lineno, (char, letter, _note) in _rows(text, path, 3, "char"):
        if len(char) != 1 or len(letter) != 1 or char == letter:
            raise DataError(path, lineno, "expected one character read as another letter")
        if char in found:
            raise DataError(path, lineno, f"{char!r} is already listed at {found[char][1]}")
        found[char] = (letter, f"{path}:{lineno}")
    return found


def parse_homoglyphs(text: str, path: str = "homoglyphs.tsv") -> tuple[tuple[str, str], ...]:
    """Parse homoglyphs.tsv: ``latin  cyrillic  note`` → ((latin, cyrillic), ...), one-to-one."""
    pairs: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for lineno, (latin, cyrillic, _note) in _rows(text, path, 3, "latin"):
        if not (
            len(latin) == 1
            and len(cyrillic) == 1
            and regex.match(r"\p{Latin}", latin)
            and regex.match(r"\p{Cyrillic}", cyrillic)
        ):
            raise DataError(path, lineno, "expected one Latin letter and one Cyrillic letter")
        for char in (latin, cyrillic):
            if char in seen:
                raise DataError(path, lineno, f"{char!r} is already listed at line {seen[char]}")
            seen[char] = lineno
        pairs.append((latin, cyrillic))
    return tuple(pairs)


# A rule line: optional "before {", the key, optional "} after", "→" or "->", the output.
_RULE = regex.compile(
    r"""^(?:%(?P<option>\w+)\s+)?(?P<text>text\s+)?
        (?:(?P<before>[^{}]*?)\s*\{\s*)?(?P<key>'[^']*'|[^\s{}]+)(?:\s*\}(?P<after>[^{}]*?))?
        \s*(?:→|->)\s*(?P<output>'[^']*'|\S*)\s*$""",
    regex.VERBOSE,
)
_VARIABLE = regex.compile(r"^@(?P<name>\w+)\s*=\s*(?P<value>\S.*?)\s*$")
_REFERENCE = regex.compile(r"@(\w+)")
_COMMENT = regex.compile(r"(?:^|\s)#.*$")

#: What ^ and $ mean inside a context: the edge of a word (a run of letters and marks).
WORD_START = r"(?<![\p{L}\p{M}])"
WORD_END = r"(?![\p{L}\p{M}])"


def _expand(
    fragment: str,
    variables: dict[str, str],
    path: str,
    lineno: int,
    stand_ins: frozenset[str] = frozenset(),
) -> str:
    """Expand @names and the ^/$ word edges of a context fragment into regex syntax.

    The fragment is compiled to check it; the classes named in ``stand_ins`` (word lists,
    checked when they are built and slow to compile) are checked as a stand-in.
    """
    return _expand_both(fragment, variables, path, lineno, stand_ins)[0]


def _expand_both(
    fragment: str,
    variables: dict[str, str],
    path: str,
    lineno: int,
    stand_ins: frozenset[str],
    named: bool = False,
) -> tuple[str, str]:
    """The expanded fragment, and the same with the ``stand_ins`` classes as ``(?:x)``.

    With ``named`` (a text rule's contexts), named groups (?P<x>...) are allowed, so that
    the after-context can refer back to them: (?P=x).
    """
    result = _expand_with(fragment, variables, path, lineno)
    check = result
    if stand_ins & set(_REFERENCE.findall(fragment)):
        short = {k: "(?:x)" if k in stand_ins else v for k, v in variables.items()}
        check = _expand_with(fragment, short, path, lineno)
    if named:  # a reference back to a group of the before-context: define it to check
        defined = set(regex.findall(r"\(\?P<(\w+)>", check))
        used = set(regex.findall(r"\(\?P=(\w+)\)", check)) - defined
        check = "".join(f"(?P<{name}>)" for name in sorted(used)) + check
    try:
        compiled = regex.compile(check, regex.V1)
    except regex.error as exc:
        raise DataError(path, lineno, f"bad context {fragment.strip()!r}: {exc}") from None
    if compiled.groups > (len(compiled.groupindex) if named else 0):
        raise DataError(path, lineno, "contexts may not use capturing groups; write (?:...)")
    return result, check


def _expand_with(fragment: str, variables: dict[str, str], path: str, lineno: int) -> str:
    def substitute(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise DataError(path, lineno, f"unknown class @{name}")
        return variables[name]

    # The edges are expanded before the classes are put in: a class's value is expanded
    # already (and checked to compile on its own, so it leaves no class or escape open), and a word
    # list can be thousands of characters long.
    return _REFERENCE.sub(substitute, _edges(fragment.replace(" ", "")))


def _edges(fragment: str) -> str:
    """``fragment`` with each ^ and $ outside a [...] class as a word edge."""
    if "^" not in fragment and "$" not in fragment:
        return fragment
    out: list[str] = []
    depth = 0  # inside [...] a ^ means negation, and must be left alone
    escaped = False
    for char in fragment:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        elif depth == 0 and char == "^":
            out.append(WORD_START)
            continue
        elif depth == 0 and char == "$":
            out.append(WORD_END)
            continue
        out.append(char)
    return "".join(out)


def parse_rules(
    text: str,
    path: str,
    predefined: dict[str, str] | None = None,
    stand_ins: frozenset[str] = frozenset(),
) -> tuple[Rule, ...]:
    """Parse a ``*.rules`` file (syntax in its header and in docs/rules.md).

    ``predefined`` classes are available as @name (the engine gives ``@suffix``, one
    suffix morph of suffixes.tsv in the file's source script).
    """
    variables: dict[str, str] = dict(predefined or {})
    rules = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", raw).strip()
        if not line or _TRIGGER.match(line):
            continue
        var = _VARIABLE.match(line)
        if var:
            # A class may name a group; only a text rule may then use it (checked there).
            variables[var["name"]] = _expand_both(
                var["value"], variables, path, lineno, stand_ins, named=True
            )[0]
            if stand_ins & set(_REFERENCE.findall(var["value"])):
                stand_ins = stand_ins | {var["name"]}  # a class made of a word list
            continue
        match = _RULE.match(line)
        if not match:
            raise DataError(
                path, lineno, f"cannot parse {line!r}; expected 'before {{ key }} after → output'"
            )
        key, output = (field.strip("'") for field in (match["key"], match["output"]))
        _check_lower(key + output, "rule", path, lineno)
        is_text = bool(match["text"])
        before = _expand_both(match["before"] or "", variables, path, lineno, stand_ins, is_text)
        after = _expand_both(match["after"] or "", variables, path, lineno, stand_ins, is_text)
        rules.append(
            Rule(
                before[0],
                key,
                after[0],
                output,
                f"{path}:{lineno}",
                match["option"] or "",
                is_text,
                (before[1], after[1]),
            )
        )
    return tuple(rules)


_TRIGGER = regex.compile(r"^%trigger\s+(?P<pattern>\S.*?)\s*$")


def parse_trigger(text: str, path: str) -> re.Pattern[str] | None:
    """The ``%trigger`` line of a rules file, compiled with Python's ``re``, or None.

    Text rules (see parse_rules) are expensive to look for in a whole text, so a rules file
    with text rules names a quick pattern that matches, ending with a rule's key, wherever
    one of them could apply ("a digit and a space" for the date rules). Python's own ``re``
    scans for such a pattern several times faster than ``regex`` scans for the rules.
    """
    trigger = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        match = _TRIGGER.match(_COMMENT.sub("", raw).strip())
        if match:
            try:
                trigger = re.compile(match["pattern"])
            except re.error as exc:
                raise DataError(path, lineno, f"bad trigger: {exc}") from None
    return trigger


_Parsed = tuple["tuple[Rule, ...]", "re.Pattern[str] | None", "dict[str, tuple[str, ...]]"]


class _PerDirection(Mapping[str, _Parsed]):
    """The rules, %trigger and word lists of each data direction, parsed when first asked
    for (a program that converts one way never parses the other ways' files)."""

    def __init__(self, suffixes: tuple[Suffix, ...], words: dict[str, tuple[tuple[str, str], ...]],
                 respellings: tuple[Respelling, ...]) -> None:  # fmt: skip
        self._suffixes = suffixes
        self._words = words
        self._respellings = respellings
        self._parsed: dict[str, _Parsed] = {}

    def __getitem__(self, direction: str) -> _Parsed:
        found = self._parsed.get(direction)
        if found is None:
            if direction not in _BASES:
                raise KeyError(direction)
            # Two threads may both parse: the results are equal, one is kept.
            found = self._parsed.setdefault(direction, self._parse(direction))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(_BASES)

    def __len__(self) -> int:
        return len(_BASES)

    def _parse(self, direction: str) -> _Parsed:
        cyrillic = direction.startswith(CYRILLIC)
        suffixes = self._suffixes
        # Latin rules see a suffix or a listed word in either Latin alphabet (a reader of
        # Latin reads both).
        if not cyrillic:
            suffixes += respell_suffixes(suffixes, self._respellings)
        predefined = {"suffix": suffix_alternation(suffixes, cyrillic=cyrillic)}
        # A word list is a named list of the regex module (\L<name>, given when a pattern
        # is compiled): a set lookup, where an alternation of a thousand words takes
        # regex a tenth of a second to compile, for each rule that uses it.
        lists: dict[str, tuple[str, ...]] = {}
        for name, listed in self._words.items():
            column = [pair[0 if cyrillic else 1] for pair in listed]
            if not cyrillic:
                column += [respell(word, self._respellings) for word in column]
            lists[WORD_CLASSES[name]] = tuple(dict.fromkeys(column))
            predefined[WORD_CLASSES[name]] = rf"\L<{WORD_CLASSES[name]}>"
        name = rules_file(direction)
        text = read_data(name)
        rules = parse_rules(text, name, predefined, frozenset(lists))
        return rules, parse_trigger(text, name), lists


_T = TypeVar("_T")


class _Select(Mapping[str, _T]):
    """One field of each direction's (rules, trigger, word lists), by direction."""

    def __init__(self, parsed: _PerDirection, index: int) -> None:
        self._parsed = parsed
        self._index = index

    def __getitem__(self, direction: str) -> _T:
        return cast(_T, self._parsed[direction][self._index])

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed)

    def __len__(self) -> int:
        return len(self._parsed)


_BASES = tuple(sorted(set(BASE.values())))


@dataclass(frozen=True)
class Tables:
    """Everything the data files define, parsed (a direction's rules when first needed)."""

    alphabet: tuple[Letter, ...]
    rules: Mapping[str, tuple[Rule, ...]]  # per data direction
    triggers: Mapping[str, re.Pattern[str] | None]  # per direction: where text rules may apply
    # per direction: the word lists its rules name as \L<name> (words.tsv, one column)
    word_lists: Mapping[str, dict[str, tuple[str, ...]]]
    lexicon: tuple[Entry, ...]
    suffixes: tuple[Suffix, ...]
    words: dict[str, tuple[tuple[str, str], ...]]  # words.tsv: class → (cyrillic, latin)
    respellings: tuple[Respelling, ...]  # 1995 → 2026 (latin-2026.tsv)
    lookalikes: dict[str, tuple[str, str]]  # typed look-alike → letter (lookalikes.tsv)
    homoglyphs: tuple[tuple[str, str], ...]  # (Latin, Cyrillic) letters alike (homoglyphs.tsv)

    @functools.cached_property
    def loans(self) -> dict[str, tuple[str, int]]:
        """loanwords.tsv: latin → (cyrillic, line); read when Latin → Cyrillic needs it."""
        return parse_loanwords(read_data("loanwords.tsv"))


def suffix_alternation(suffixes: tuple[Suffix, ...], *, cyrillic: bool) -> str:
    """One suffix morph as a regex alternation, longest first (for @suffix and chains)."""
    morphs = sorted((s.cyrillic if cyrillic else s.latin for s in suffixes), key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(m) for m in morphs) + ")"


@functools.cache
def load() -> Tables:
    """Parse the packaged data files once (each rules file when its direction is used)."""
    suffixes = parse_suffixes(read_data("suffixes.tsv"))
    words = parse_words(read_data("words.tsv"))
    respellings = parse_respellings(read_data("latin-2026.tsv"))
    parsed = _PerDirection(suffixes, words, respellings)
    return Tables(
        alphabet=parse_alphabet(read_data("alphabet.tsv")),
        rules=_Select[tuple[Rule, ...]](parsed, 0),
        triggers=_Select["re.Pattern[str] | None"](parsed, 1),
        word_lists=_Select[dict[str, tuple[str, ...]]](parsed, 2),
        lexicon=parse_lexicon(read_data("lexicon.tsv")),
        suffixes=suffixes,
        words=words,
        respellings=respellings,
        lookalikes=parse_lookalikes(read_data("lookalikes.tsv")),
        homoglyphs=parse_homoglyphs(read_data("homoglyphs.tsv")),
    )


def respell(latin: str, respellings: tuple[Respelling, ...]) -> str:
    """A 1995 Latin spelling (lower case, canonical apostrophes) in the 2026 alphabet.

    Applied to one rule, letter or lexicon output at a time, never to converted text.
    """
    for row in respellings:
        latin = latin.replace(row.latin, row.latin_2026)
    return latin


def respell_suffixes(
    suffixes: tuple[Suffix, ...], respellings: tuple[Respelling, ...]
) -> tuple[Suffix, ...]:
    """The suffix morphs whose 2026 spelling differs, in that spelling."""
    out = []
    for suffix in suffixes:
        new = respell(suffix.latin, respellings)
        if new != suffix.latin:
            out.append(Suffix(suffix.cyrillic, new, suffix.origin))
    return tuple(out)
