"""Compile one direction's rules and letters into a single regular expression.

The pattern is an ordered alternation, one capturing group per rule, so ``regex`` itself
implements "first rule that matches at a position wins" (the ICU/CLDR semantics). Rules come
first in file order, then the alphabet's multi-letter keys, longest first, then all single
letters in one character class. Text the pattern does not match passes through unchanged.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from .errors import DataError
from .tables import Letter, Rule


@dataclass(frozen=True)
class Step:
    """What produced one piece of output: source span, output, and the rule's file:line."""

    start: int
    end: int
    source: str
    output: str
    rule: str


@dataclass(frozen=True)
class Matcher:
    """A compiled direction: ``pattern`` plus what each of its groups outputs."""

    source: str  # the alternation of ``pattern``, compiled when first needed
    outputs: tuple[str, ...]  # by group number - 1; the last group is the single letters
    origins: tuple[str, ...]
    letters: dict[str, str]  # the single-letter group's outputs
    letter_origins: dict[str, str]
    # The same alternatives without the single letters (``rules``, compiled when first
    # needed), and those letters as a str.translate table: text between two matches of
    # ``rules`` is converted in C, letter by letter, which is what ``pattern`` would do there
    # (rules come first in the alternation).
    rules_source: str
    # ``rules`` without the rules whose contexts use a word list of words.tsv (those are
    # slow to compile), and a pattern that finds where one of them might apply (its key
    # and after-context): a word where ``guard`` finds nothing converts the same with
    # ``lite``, so ``rules`` is only compiled once a text has such a word.
    lite: regex.Pattern[str]
    guard: regex.Pattern[str] | None
    table: dict[int, str]
    keys: tuple[str, ...]  # the source key of each group but the last
    # (before, after) of each of those groups, word lists as a stand-in (Rule.shape)
    contexts: tuple[tuple[str, str], ...]
    # The word lists the rules name (\L<name>), given to regex when ``rules`` is compiled.
    lists: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        """``rules`` and the single letters in one pattern (compiled on first use: the
        engine's common paths need only ``rules``, and word lists make compiling slow)."""
        return _compile_with_lists(self.source, self.lists)  # pragma: no cover - API only

    @functools.cached_property
    def rules(self) -> regex.Pattern[str]:
        """All rules and multi-letter keys, one group each (compiled on first use)."""
        return _compile_with_lists(self.rules_source, self.lists)

    def for_word(self, lower: str) -> regex.Pattern[str]:
        """The pattern to convert the lower-cased ``lower`` with: ``lite`` unless a rule
        with a word list might apply to it."""
        if self.guard is not None and self.guard.search(lower):
            return self.rules
        return self.lite

    def output(self, match: regex.Match[str]) -> str:
        index = match.lastindex or 0
        if index == len(self.outputs):
            return self.letters[match.group()]
        return self.outputs[index - 1]

    def origin(self, match: regex.Match[str]) -> str:
        index = match.lastindex or 0
        if index == len(self.outputs):
            return self.letter_origins[match.group()]
        return self.origins[index - 1]


def _compile_with_lists(source: str, lists: dict[str, tuple[str, ...]]) -> regex.Pattern[str]:
    # regex's keyword arguments: the named lists this source uses (an unused one is an error)
    named: dict[str, Any] = {k: v for k, v in lists.items() if f"\\L<{k}>" in source}
    return regex.compile(source, regex.V1, **named)


def compile_matcher(
    rules: tuple[Rule, ...],
    alphabet: tuple[Letter, ...],
    direction: str,
    *,
    source_is_cyrillic: bool,
    translate: dict[int, str],
    switches: dict[str, bool],
    lists: dict[str, tuple[str, ...]] | None = None,
) -> Matcher:
    """Build the matcher of ``direction``.

    ``translate`` restyles outputs (apostrophes); ``switches`` says which optional rule
    groups (``%name`` in the rules file) are on.
    """
    alternatives: list[str] = []
    lite: list[str] = []  # the same without the rules that use a word list
    guards: list[str] = []  # where such a rule might apply: its key and after-context
    outputs: list[str] = []
    origins: list[str] = []
    keys: list[str] = []
    contexts: list[tuple[str, str]] = []
    for rule in rules:
        if rule.text or not _enabled(rule, switches):
            continue
        # The key first, its before-context checked after it (a look-behind that ends with
        # the key): regex then rejects most positions on the key's first character instead of
        # evaluating every rule's look-behind there, about 2.5 times faster. The after-context
        # (usually short: a word end) comes before the before-context (a word list may make
        # it thousands of characters long): both are assertions at the same place, so the
        # order changes only how soon a position is rejected.
        key = regex.escape(rule.key)
        before = f"(?<=(?:{rule.before}){key})" if rule.before else ""
        after = f"(?={rule.after})" if rule.after else ""
        alternatives.append(f"({key}){after}{before}")
        if rule.shape == (rule.before, rule.after):
            lite.append(alternatives[-1])
        else:
            # Never matches; keeps the group numbers. It starts with the key: an alternative
            # that can match nothing ((?!) alone) turns off regex's first-character search,
            # which makes a scan of many words several times slower.
            lite.append(f"({key}(?!))")
            listed_after = rule.shape[1] != rule.after
            guards.append(key + (f"(?={rule.after})" if rule.after and not listed_after else ""))
        outputs.append(rule.output.translate(translate))
        origins.append(rule.origin)
        keys.append(rule.key)
        contexts.append(rule.shape)

    keyed: dict[str, tuple[str, str]] = {}  # source key -> (output, origin)
    for letter in alphabet:
        if direction not in letter.directions:
            continue
        key, value = (
            (letter.cyrillic, letter.latin)
            if source_is_cyrillic
            else (letter.latin, letter.cyrillic)
        )
        if not key:
            raise DataError(*_split_origin(letter.origin), "empty key for this direction")
        if key in keyed:
            raise DataError(
                *_split_origin(letter.origin), f"{key!r} is already mapped at {keyed[key][1]}"
            )
        keyed[key] = (value.translate(translate), letter.origin)

    for key in sorted((k for k in keyed if len(k) > 1), key=len, reverse=True):
        alternatives.append(f"({regex.escape(key)})")
        lite.append(alternatives[-1])
        outputs.append(keyed[key][0])
        origins.append(keyed[key][1])
        keys.append(key)
        contexts.append(("", ""))
    singles = {k: v for k, v in keyed.items() if len(k) == 1}
    alternatives.append("([" + "".join(regex.escape(k) for k in sorted(singles)) + "])")
    outputs.append("")  # placeholder: the single-letter group reads ``letters``
    origins.append("")
    return Matcher(
        source="|".join(alternatives),
        outputs=tuple(outputs),
        origins=tuple(origins),
        letters={k: v[0] for k, v in singles.items()},
        letter_origins={k: v[1] for k, v in singles.items()},
        rules_source="|".join(alternatives[:-1]) or "(?!)",
        lite=regex.compile("|".join(lite) or "(?!)", regex.V1),
        guard=regex.compile("|".join(guards), regex.V1) if guards else None,
        table={ord(k): v[0] for k, v in singles.items()},
        keys=tuple(keys),
        contexts=tuple(contexts),
        lists=dict(lists or {}),
    )


def _enabled(rule: Rule, switches: dict[str, bool]) -> bool:
    """Whether the rule's option group is on; an unknown group is a DataError."""
    if not rule.option:
        return True
    if rule.option not in switches:
        raise DataError(
            *_split_origin(rule.origin),
            f"unknown option %{rule.option}; known: {', '.join(sorted(switches))}",
        )
    return switches[rule.option]


def _split_origin(origin: str) -> tuple[str, int]:
    path, _, line = origin.rpartition(":")
    return path, int(line)


@dataclass(frozen=True)
class TextRules:
    """Text rules: rewrite a separator next to a word (1994 йил → 1994-yil).

    ``pattern`` matches a rule's key in its context; ``hold`` matches at the end of text
    that a rule's key and before-context could start to match (what a stream must hold
    back until it sees more). Both are compiled when first needed: with a ``trigger``,
    text in which it finds nothing (no digit before a space) never needs ``pattern``, and
    the case-insensitive suffix lists make compiling it a good part of the start-up time.
    """

    source: str  # of ``pattern``
    hold_source: str  # of ``hold``
    outputs: tuple[str, ...]
    origins: tuple[str, ...]
    trigger: re.Pattern[str] | None  # a quick pre-search (see tables.parse_trigger)
    key_lengths: tuple[int, ...]

    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        return regex.compile(self.source, _TEXT_FLAGS)

    @functools.cached_property
    def hold(self) -> regex.Pattern[str]:
        return regex.compile(self.hold_source, _TEXT_FLAGS)

    @functools.cached_property
    def key_groups(self) -> tuple[int, ...]:
        """The group of each rule's key (contexts may name groups)."""
        index = self.pattern.groupindex
        return tuple(index[f"key_{i}"] for i in range(len(self.outputs)))

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """The rule matches in ``text``, left to right, not overlapping."""
        if self.trigger is None:
            yield from self.pattern.finditer(text)
            return
        last = 0
        for candidate in self.trigger.finditer(text):
            for length in self.key_lengths:  # the key ends where the trigger match ends
                start = candidate.end() - length
                match = self.pattern.match(text, start) if start >= last else None
                if match is not None:
                    yield match
                    last = match.end()
                    break

    def search(self, text: str) -> bool:
        """Whether a rule applies anywhere in ``text``."""
        return next(self.finditer(text), None) is not None

    def rewrite(self, match: regex.Match[str]) -> tuple[str, str]:
        """The output of the rule that matched, and the rule's file:line."""
        spans = map(match.start, self.key_groups)
        index = next(i for i, start in enumerate(spans) if start >= 0)
        return self.outputs[index], self.origins[index]


_NAMED = regex.compile(r"(\(\?P[<=])(\w+)")
_TEXT_FLAGS = regex.V1 | regex.IGNORECASE


def compile_text_rules(
    rules: tuple[Rule, ...],
    switches: dict[str, bool],
    *,
    spaces: bool,
    trigger: re.Pattern[str] | None = None,
) -> TextRules | None:
    """The switched-on text rules whose key is a space (``spaces``) or is not, as one
    case-insensitive pattern; None if there are none."""
    chosen = [r for r in rules if r.text and _enabled(r, switches) and (r.key.isspace() == spaces)]
    if not chosen:
        return None

    # A text rule's contexts may name groups for the after-context to refer back to
    # (X-dan X-ga); each rule's names are made its own.
    def own(context: str, index: int) -> str:
        return _NAMED.sub(lambda m: f"{m.group(1)}{m.group(2)}_{index}", context)

    alternatives = [
        (f"(?<={own(r.before, i)})" if r.before else "")
        + f"(?P<key_{i}>{regex.escape(r.key)})"
        + (f"(?={own(r.after, i)})" if r.after else "")
        for i, r in enumerate(chosen)
    ]
    holds = [f"(?:{own(r.before, i)}){regex.escape(r.key)}" for i, r in enumerate(chosen)]
    return TextRules(
        source="|".join(alternatives),
        hold_source="(?:" + "|".join(holds) + ")$",
        outputs=tuple(r.output for r in chosen),
        origins=tuple(r.origin for r in chosen),
        trigger=trigger,
        key_lengths=tuple(sorted({len(r.key) for r in chosen}, reverse=True)),
    )
