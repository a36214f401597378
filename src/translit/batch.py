"""Converting a text's new pieces together: the plain ones in bulk, the rest one by one.

Most pieces a text has not shown before (memo misses) are plain words: letters of the
source alphabet, in lower case or with one capital first letter, perhaps between
punctuation marks, and not starting with a lexicon stem. For those, every per-word step of
the engine but the rules does nothing, and the rules can run over all of them in one call:
the lower-cased words are joined by newlines, the rules pattern is substituted in C with a
callback per match, and the letters between matches are translated by ``str.translate``.
That is exact only because no word rule can see the newline: a context made of letters
only finds a newline exactly as it finds the edge of a lone word (``letters_only``; when a
direction's rules fail that check the bulk path is off). Pieces without any letter are
copied, unless a text rule applies to them. Everything else goes through the engine's own
conversion of one piece. tests/test_properties.py checks that both ways agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from .casing import is_cased
from .lexicon import Lexicon
from .matcher import Matcher, TextRules

#: Marks that may stand before a plain word in its piece (none can join a word or start a
#: URL, a path or a number).
LEAD = '«“„‹"([{'
#: Marks that may follow one.
TRAIL = '.,;:!?»”“‹›")]}…'
#: How many letters of a word are looked up among the lexicon stems' beginnings; a word whose
#: beginning is found there goes the ordinary way, which tries the lexicon properly.
HEAD = 5
# Regex syntax a context may use besides letters, \p{L} and \p{M}: groups, lookarounds,
# alternation, repetition and (letter) classes. Anything else (".", "[^", "\s", digits,
# other escapes) could match a newline or a character next to a word, so it turns bulk off.
_SYNTAX = set("()[]|?*+:=!<")
_SAFE_ESCAPES = re.compile(r"\\p\{[LM]\}")
# Apostrophes inside a Latin word: ʻ after o or g, ʼ elsewhere (engine.fold_apostrophes).
_APOSTROPHES = "'`´ʹʻʼʽˈ′‘’‛"
_APOS_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
_AFTER_OG = re.compile(rf"(?<=[og]){_APOS_CLASS}")
_NOT_AFTER_OG = re.compile(rf"(?<![og]){_APOS_CLASS}")


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

    shape: re.Pattern[str]  # fullmatch: (lead)(word)(trail), or a piece with no letter
    rules: regex.Pattern[str]
    outputs: tuple[str, ...]  # by group number (index 0 unused)
    table: dict[int, str]
    latin: bool  # Latin source: fold apostrophes first
    heads: frozenset[str]  # the first HEAD letters of every lexicon stem, and shorter stems
    head_lengths: tuple[int, ...]  # the lengths to look up in ``heads``
    inner: TextRules | None
    longest: int  # the longest word the engine takes in one part

    def convert(self, pieces: Iterable[str], one: Callable[[str], str]) -> dict[str, str]:
        """Each piece's conversion; ``one`` converts a piece that is not plain."""
        results: dict[str, str] = {}
        plain: list[tuple[str, str, str, bool]] = []  # piece, lead, trail, capitalised
        words: list[str] = []
        fullmatch = self.shape.fullmatch
        inner = self.inner
        for piece in pieces:
            match = fullmatch(piece)
            if match is None or (inner is not None and _text_rule_applies(inner, piece)):
                results[piece] = one(piece)
                continue
            lead, word, trail = match.groups()
            if word is None:  # no letter at all: nothing to convert
                results[piece] = piece
                continue
            if len(word) > self.longest:  # the engine cuts it into parts
                results[piece] = one(piece)
                continue
            lower = word.lower()
            plain.append((piece, lead, trail, lower[0] != word[0]))
            words.append(lower)
        if not words:
            return results
        joined = "\n".join(words)
        if self.latin:
            joined = _AFTER_OG.sub("\u02bb", _NOT_AFTER_OG.sub("\u02bc", joined))
        outputs = self.outputs
        converted = self.rules.sub(lambda m: outputs[m.lastindex or 0], joined)
        converted = converted.translate(self.table)
        heads, lengths = self.heads, self.head_lengths
        sources = joined.split("\n") if heads else words
        for (piece, lead, trail, capital), source, output in zip(
            plain, sources, converted.split("\n"), strict=True
        ):
            if heads and any(source[:n] in heads for n in lengths):
                results[piece] = one(piece)  # perhaps a lexicon stem
                continue
            if capital:
                output = output[0].upper() + output[1:]
            results[piece] = lead + output + trail
        return results


def _text_rule_applies(rules: TextRules, piece: str) -> bool:
    # The trigger is a quick necessary condition (tables.parse_trigger).
    if rules.trigger is not None and not rules.trigger.search(piece):
        return False
    return rules.search(piece)


def compile_batch(
    matcher: Matcher,
    lexicon: Lexicon | None,
    inner: TextRules | None,
    *,
    latin: bool,
    longest: int,
) -> Batch | None:
    """The bulk path of a direction, or None when its rules do not allow one."""
    if not all(letters_only(b) and letters_only(a) for b, a in matcher.contexts):
        return None
    table = matcher.table
    outputs = ("", *matcher.outputs[:-1])
    if any(o.translate(table) != o for o in outputs):
        return None  # a rule's output would be translated again
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

    letter = "[" + "".join(re.escape(c) for c in sorted(singles)) + "]"
    letters = "|".join([*map(re.escape, multi), letter])
    capitals = [c for c in map(capital, [*multi, *sorted(singles)]) if c and c != c.lower()]
    openers = [re.escape(c) for c in capitals if len(c) > 1]
    if any(len(c) == 1 for c in capitals):
        openers.append("[" + "".join(re.escape(c) for c in capitals if len(c) == 1) + "]")
    start = "|".join([*openers, letters])
    rest = letters
    if latin:
        # An apostrophe belongs to a word between two letters or after o/g (engine's tokens);
        # a word never starts with one.
        apostrophe = _APOS_CLASS
        rest = f"{letters}|(?<=[oOgG]){apostrophe}|(?<![oOgG]){apostrophe}(?={letters})"
    lead = "[" + re.escape(LEAD) + "]*"
    trail = "[" + re.escape(TRAIL) + "]*"
    # A piece with no letter: \w is a letter, a digit, _ or another number character.
    shape = rf"({lead})((?:{start})(?:{rest})*)({trail})|[\W\d_]*"
    heads: set[str] = set()
    if lexicon is not None:
        heads = {stem[:HEAD] for stem in lexicon.stems}
    return Batch(
        shape=re.compile(shape),
        rules=matcher.rules,
        outputs=outputs,
        table=table,
        latin=latin,
        heads=frozenset(heads),
        head_lengths=tuple(sorted({len(h) for h in heads})),
        inner=inner,
        longest=longest,
    )
