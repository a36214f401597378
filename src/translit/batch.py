"""Converting a text's new pieces together: the plain ones in bulk, the rest one by one.

Most pieces a text has not shown before (memo misses) are plain words: letters of the
source alphabet, in lower case or with one capital first letter, perhaps between
punctuation marks, and not starting with a lexicon stem. For those every per-word step of
the engine but the rules does nothing, so all the new pieces are joined by newlines,
lower-cased, and converted by one substitution of the rules pattern (a callback per rule
match) and one ``str.translate`` for the letters between matches; the output's lines are
the pieces' outputs. That is exact for the plain pieces only because no rule can see
across a newline or into the marks around a word: word-rule contexts consume letters only
(``letters_only``) and keys contain a letter and none of those marks; when a direction's
rules fail these checks the bulk path is off. Which pieces are not plain is found without a
Python step per piece (``map`` and ``itertools.compress`` over compiled patterns); those,
and pieces a text rule applies to, are converted again by the engine, one by one, and a
capital first letter is restored on the plain ones. Pieces without any letter come out
unchanged. tests/test_batch.py checks that both ways agree.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from .casing import is_cased
from .lexicon import LOAN_SHORTEST, Lexicon
from .matcher import Matcher, TextRules

#: Characters that are neither letters nor digits but change when lower-cased (Ⓐ-Ⓩ).
CASED_SYMBOLS = "\u24b6-\u24cf"
#: Marks that may stand before a plain word in its piece (none can join a word or start a
#: URL, a path or a number).
LEAD = '«“„‹"([{'
#: Letters of a word compared with the loan stems' first letters (loan stems are longer).
LOAN_HEAD = LOAN_SHORTEST

#: Marks that may follow one.
TRAIL = '.,;:!?»”“‹›")]}…'
# Regex syntax a context may use besides letters, \p{L} and \p{M}: groups, lookarounds,
# alternation, repetition and (letter) classes. Anything else (".", "[^", "\s", digits,
# other escapes) could match a newline or a character next to a word, so it turns bulk off.
_SYNTAX = set("()[]|?*+:=!<")
# \p{L}, \p{M}, and bounded repetition {m,n} (which consumes nothing itself).
_SAFE_ESCAPES = re.compile(r"\\p\{[LM]\}|\{\d+(?:,\d*)?\}")
# Apostrophes inside a Latin word: ʻ after o or g, ʼ after another letter (as
# engine.fold_apostrophes). In a plain piece every apostrophe follows a letter; elsewhere
# (a piece without letters) they are left alone.
_APOSTROPHES = "'`´ʹʻʼʽˈ′‘’‛"
_APOS_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
_AFTER_OG = re.compile(rf"(?<=[og]){_APOS_CLASS}")
_NOT_AFTER_OG = re.compile(rf"(?<![og])(?<=[^\W\d_]){_APOS_CLASS}")


def letters_only(context: str) -> bool:
    """Whether a rule context (regex syntax) can only ever consume letters and marks."""
    for char in _SAFE_ESCAPES.sub("", context):
        if char in _SYNTAX or char.isalpha():
            continue
        return False
    return True


@dataclass(frozen=True)
class Batch:
    """What converting plain pieces in bulk needs for one direction, compiled once."""

    # fullmatch: a plain piece as (marks before)(word)(marks after), or one without letters
    # (groups None)
    shape: re.Pattern[str]
    longest: int  # pieces longer than this go the ordinary way (their word may be cut)
    # Over the pieces joined by newlines (MULTILINE): a piece whose word starts with a
    # lexicon stem; (the marks before) a word that starts with a capital.
    lexical: re.Pattern[str] | None
    capital: re.Pattern[str]
    # Over the joined pieces: a piece whose word may start with a word of the keep list
    # (a superset: see keep_prefixes); those go the ordinary way.
    kept: re.Pattern[str] | None
    rules: regex.Pattern[str]
    outputs: tuple[str, ...]  # by group number (index 0 unused)
    table: dict[int, str]
    latin: bool  # Latin source: fold apostrophes first
    inner: TextRules | None
    # Over the joined pieces (MULTILINE): whole plain-looking pieces the engine treats
    # specially (a Roman numeral such as "I," stays as it is), or None.
    special: re.Pattern[str] | None = None
    # Over the joined pieces in lower case (MULTILINE): the pieces that a rule with a word
    # list might apply to (Matcher.guard). ``rules`` is the matcher's ``lite`` pattern,
    # without those rules; ``full`` gives all of them (compiled when first needed).
    guard: regex.Pattern[str] | None = None
    full: Callable[[], regex.Pattern[str]] | None = None
    # The first LOAN_HEAD letters of the lexicon's loan stems, and a pattern whose
    # substitution by group 1 leaves each line's first LOAN_HEAD letters (or nothing).
    loan_heads: frozenset[str] = frozenset()
    head: re.Pattern[str] = re.compile("(?!)")

    def _bulk(self, lowered: str, rules: regex.Pattern[str]) -> list[str]:
        """The outputs of plain pieces joined by newlines and lower-cased (one substitution)."""
        text = lowered
        if self.latin:
            text = _AFTER_OG.sub("\u02bb", _NOT_AFTER_OG.sub("\u02bc", text))
        outputs = self.outputs
        return (
            rules.sub(lambda m: outputs[m.lastindex or 0], text).translate(self.table).split("\n")
        )

    def convert(
        self,
        pieces: Iterable[str],
        one: Callable[[str], str],
        word: Callable[[str], str | None],
    ) -> dict[str, str]:
        """Each piece's conversion.

        ``one`` converts a piece that is not plain, ``word`` the word of a plain piece that
        may start with a lexicon stem (the engine's conversion of a word, without the steps
        that do nothing to a plain one), or returns None if no stem fits it: that piece
        then takes the bulk path.
        """
        keys = list(pieces)
        # Long pieces go the ordinary way before any pattern sees them: the shape's
        # repetition would hold memory per character of a long run of letters.
        long = list(itertools.compress(keys, map(self.longest.__lt__, map(len, keys))))
        if long:
            keys = list(itertools.compress(keys, map(self.longest.__ge__, map(len, keys))))
        if not keys:
            return {piece: one(piece) for piece in long}
        joined = "\n".join(keys)
        # map and compress run in C: no Python step per piece that takes the bulk path.
        ordinary = set(where_none(keys, map(self.shape.fullmatch, keys)))
        ordinary.update(long)
        if self.special is not None:
            ordinary.update(self.special.findall(joined))
        if self.kept is not None:
            ordinary.update(self.kept.findall(joined))
        lexical = set(self.lexical.findall(joined)) if self.lexical else set()
        # Lower-casing keeps the newlines, so the lines of ``lowered`` are the pieces'.
        lowered = joined.lower()
        if self.loan_heads:
            # The generated loan stems are too many for a pattern: a piece whose word starts
            # with the first letters of one goes the word's way (one set lookup each, in C).
            heads = self.head.sub(r"\1", lowered).split("\n")
            lexical.update(itertools.compress(keys, map(self.loan_heads.__contains__, heads)))
        lexical -= ordinary
        words: dict[str, str] = {}
        for piece in lexical:
            lead, middle, trail = self.shape.fullmatch(piece).groups()  # type: ignore[union-attr]
            output = word(middle)
            if output is not None:
                words[piece] = lead + output + trail
        lexical = set(words)
        inner = self.inner
        if inner is not None:
            # The trigger is a quick necessary condition (tables.parse_trigger).
            candidates: Iterable[str] = keys
            if inner.trigger is not None:
                candidates = itertools.compress(keys, map(inner.trigger.search, keys))
            ordinary.update(piece for piece in candidates if inner.search(piece))
        results = dict(zip(keys, self._bulk(lowered, self.rules), strict=True))
        if self.guard is not None and self.full is not None:
            # A rule with a word list might apply to these: the same bulk step, with all
            # the rules (the lite pattern leaves those out). The guard is the matcher's, on
            # lower-case words, as the engine applies it word by word.
            found = set(self.guard.findall(lowered))
            if found:
                lines = lowered.split("\n")
                maybe = set(itertools.compress(keys, map(found.__contains__, lines)))
            guarded = list(maybe - ordinary - lexical) if found else []
            if guarded:
                converted = self._bulk("\n".join(guarded).lower(), self.full())
                results.update(zip(guarded, converted, strict=True))
        for match in self.capital.finditer(joined):
            piece = match.group()
            if piece not in ordinary and piece not in lexical:
                output, at = results[piece], len(match.group(1))
                results[piece] = output[:at] + output[at].upper() + output[at + 1 :]
        for piece in ordinary:
            results[piece] = one(piece)
        results.update(words)
        return results


def where_none(items: Iterable[str], values: Iterable[object]) -> Iterator[str]:
    """The items whose value is None (in C: no Python step per item)."""
    return itertools.compress(items, map(operator.is_, values, itertools.repeat(None)))


def compile_batch(
    matcher: Matcher,
    lexicon: Lexicon | None,
    inner: TextRules | None,
    *,
    latin: bool,
    longest: int,
    special: str | None = None,
    keep: frozenset[str] = frozenset(),
    foreign: regex.Pattern[str] | None = None,
) -> Batch | None:
    """The bulk path of a direction, or None when its rules do not allow one."""
    if not all(letters_only(b) and letters_only(a) for b, a in matcher.contexts):
        return None
    table = matcher.table
    outputs = ("", *matcher.outputs[:-1])
    if any(o.translate(table) != o or "\n" in o for o in outputs):
        return None  # a rule's output would be translated again, or split a line
    # A key must need a letter and contain no mark that can stand next to a plain word, so
    # that it matches in a plain piece only inside its word, and never in a piece without
    # letters (the engine converts words only).
    marks = set(LEAD + TRAIL)
    if any(not any(c.isalpha() for c in k) or set(k) & marks for k in matcher.keys):
        return None
    if not all(chr(k).isalpha() for k in table):
        return None
    # The letters a plain word is made of: those the alphabet converts one by one (in
    # Latin not the apostrophes, which are placed below), and the multi-letter keys with a
    # letter that is no such letter (Latin ch).
    singles = {chr(k) for k in table if chr(k).isalpha() and chr(k).islower()} - set(_APOSTROPHES)
    multi = sorted(
        {k for k in matcher.keys if k.isalpha() and k.islower() and not set(k) <= singles}
        - {k for k in matcher.keys if set(k) & set(_APOSTROPHES)},
        key=len,
        reverse=True,
    )
    if foreign is not None:
        # A word with a letter or key the engine reads as foreign (c in 2026 Latin, whose
        # reader still takes 1995's ch) is not plain: the engine may keep it as it is.
        singles = {c for c in singles if not foreign.search(c)}
        multi = [k for k in multi if not foreign.search(k)]
    # A word may start with a capital when every output of a key that can start a word
    # with its letter starts with a cased letter: upper-casing the output's first character
    # then gives what casing.py gives (a digraph in title case: Ш → Sh). A rule whose
    # before-context needs a letter never applies at a word's start (-да after -са).
    capitalisable: dict[str, bool] = {}
    pairs = [
        (key, output)
        for key, output, (before, _) in zip(
            matcher.keys, outputs[1:], matcher.contexts, strict=True
        )
        if regex.fullmatch(before, "", regex.V1)
    ]
    pairs += [(chr(k), v) for k, v in table.items()]
    for key, output in pairs:
        ok = bool(output) and is_cased(output[0])
        capitalisable[key[0]] = capitalisable.get(key[0], True) and ok

    def capital(letter: str) -> str | None:
        upper = letter[0].upper()
        if capitalisable.get(letter[0]) and len(upper) == 1 and upper.lower() == letter[0]:
            return upper + letter[1:]
        return None

    alphabet = "[" + "".join(re.escape(c) for c in sorted(singles)) + "]"
    letters = "|".join([*map(re.escape, multi), alphabet])
    capitals = [c for c in map(capital, [*multi, *sorted(singles)]) if c and c != c.lower()]
    openers = [re.escape(c) for c in capitals if len(c) > 1]
    if any(len(c) == 1 for c in capitals):
        openers.append("[" + "".join(re.escape(c) for c in capitals if len(c) == 1) + "]")
    start = "|".join([*openers, letters])
    apostrophe = _APOS_CLASS
    rest = letters
    if latin:
        # An apostrophe belongs to a word between two letters or after o/g (engine's tokens);
        # a word never starts with one. The two cases exclude each other, so that a piece
        # that is almost plain is rejected in linear time. Two apostrophes in a row go the
        # ordinary way (the engine reads the second as a tutuq; _bulk would not see it).
        not_after = "[oOgG" + re.escape(_APOSTROPHES) + "]"
        rest = f"{letters}|(?<=[oOgG]){apostrophe}|(?<!{not_after}){apostrophe}(?={letters})"
    lead = "[" + re.escape(LEAD) + "]*"
    trail = "[" + re.escape(TRAIL) + "]*"
    plain = f"({lead})((?:{start})(?:{rest})*)({trail})"
    # A piece without letters is copied: \W, digits and _ are not letters (a few number
    # signs such as ² are \w, so such a piece goes the ordinary way: conservative). The
    # bulk text is lower-cased, so the only non-letters that lower-casing changes, the
    # circled capitals Ⓐ-Ⓩ (So), go the ordinary way too (tests/test_hostile.py checks).
    shape = rf"{plain}|(?:[^\w{CASED_SYMBOLS}]|[\d_])*"
    lexical = None
    if lexicon is not None and lexicon.stems:
        # Any letter case, and any apostrophe for ʻ and ʼ: a superset of the lexicon's hits.
        stems = _trie(sorted(lexicon.stems), lambda c: apostrophe if c in "ʻʼ" else re.escape(c))
        lexical = re.compile(rf"^{lead}(?i:{stems})[^\n]*", re.MULTILINE)
    kept = None
    if keep:
        prefixes = _trie(keep_prefixes(keep), re.escape)
        kept = re.compile(rf"^{lead}(?i:{prefixes})[^\n]*", re.MULTILINE)
    return Batch(
        shape=re.compile(shape),
        longest=longest,
        lexical=lexical,
        kept=kept,
        capital=re.compile(rf"^({lead})(?:{'|'.join(openers) or '(?!)'})[^\n]*", re.MULTILINE),
        rules=matcher.lite,
        outputs=outputs,
        table=table,
        latin=latin,
        inner=inner,
        special=re.compile(rf"^{lead}(?:{special}){trail}$", re.MULTILINE) if special else None,
        loan_heads=_loan_heads(lexicon),
        head=re.compile(rf"^{lead}([^\W\d_]{{{LOAN_HEAD}}})?[^\n]*", re.MULTILINE),
        full=(lambda: matcher.rules) if matcher.guard is not None else None,
        guard=None
        if matcher.guard is None
        else regex.compile(
            rf"^[^\n]*?(?:{matcher.guard.pattern})[^\n]*", regex.MULTILINE | regex.V1
        ),
    )


#: Most alternatives of the pattern that finds pieces that may start with a keep-list word.
MAX_KEEP_PREFIXES = 4096


def keep_prefixes(keep: Iterable[str]) -> list[str]:
    """Prefixes of the keep words, as long as possible while there are at most
    MAX_KEEP_PREFIXES of them: every word that starts with a keep word starts with one.

    >>> keep_prefixes(["chevron", "chek", "mars"])
    ['chek', 'chevron', 'mars']
    >>> len(keep_prefixes([f"a{i:05}" for i in range(10_000)]))
    1000
    """
    words = sorted(set(keep))
    longest = max(map(len, words), default=0)
    for length in range(longest, 0, -1):
        prefixes = sorted({word[:length] for word in words})
        if len(prefixes) <= MAX_KEEP_PREFIXES:
            return prefixes
    return sorted({word[:1] for word in words})


def _loan_heads(lexicon: Lexicon | None) -> frozenset[str]:
    """The first LOAN_HEAD letters of the loan stems, and of a combining form and a stem."""
    if lexicon is None:
        return frozenset()
    heads = {k[:LOAN_HEAD] for k in lexicon.loans}
    # After a form shorter than LOAN_HEAD, the first letters of a stem complete a head.
    starts: dict[int, set[str]] = {}  # by how many letters are needed
    for form in lexicon.forms:
        short = LOAN_HEAD - len(form)
        if short <= 0:
            heads.add(form[:LOAN_HEAD])
            continue
        if short not in starts:
            cut = min(short, LOAN_HEAD - 1)
            starts[short] = {k[:cut] for k in itertools.chain(lexicon.loans, lexicon.stems)}
        heads.update(form + start for start in starts[short])
    return frozenset(heads)


def _trie(words: list[str], atom: Callable[[str], str]) -> str:
    """An alternation of ``words`` factored by common prefixes; ``atom`` writes a letter."""
    branches: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    parts = [atom(first) + _trie(rest, atom) for first, rest in branches.items()]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if ends else body
