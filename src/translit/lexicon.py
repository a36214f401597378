"""Stem lookup in the exception lexicon, with suffix chains and the stem-final soft sign."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import regex

from .errors import DataError
from .tables import Entry, Suffix, suffix_alternation

_LETTERS = regex.compile(r"[\p{L}\p{M}]*")
#: The generated loanword file, its direction and source tag (scripts/build_loanwords.py).
LOANS = "loanwords.tsv"
LOAN_DIRECTION = "uz_Latn-uz_Cyrl"
LOAN_SOURCE = "hunspell-ru (modified);tesseract-uzb guard"
#: Loan stems are at least this long (the script's minimum).
LOAN_SHORTEST = 4
#: A stem after a combining form has at least this many letters; forms are at most
#: COMBINING_LONGEST letters.
COMPOUND_STEM = 7
COMBINING_LONGEST = 8
_SOFT = "ь"


def part_end(word: str, start: int) -> int:
    """End of the run of letters and marks that starts at ``start`` (a word part)."""
    match = _LETTERS.match(word, start)
    return match.end() if match else start


@dataclass(frozen=True)
class Hit:
    """A lexicon match at some position of a lower-cased word."""

    stem_end: int  # end of the stem in the source word
    resume: int  # where the rules take over (after a skipped ь in Cyrillic input)
    part_end: int  # end of the word part (letters) the suffix runs to
    output: str  # the stem's spelling in the target script, already adjusted
    entry: Entry


@dataclass(frozen=True)
class Lexicon:
    """The entries of one direction, keyed by source stem."""

    stems: dict[str, tuple[str, Entry]]
    soft_keys: frozenset[str]  # Cyrillic keys whose entry ended in ь (stripped from the key)
    suffixes: regex.Pattern[str]
    longest: int
    shortest: int
    source_is_cyrillic: bool
    soft_sign: str
    # A native verb form (a verb root of words.tsv and suffixes), as a regex source, and
    # the verb roots it names as \L<verb>
    native_source: str = ""
    native_roots: tuple[str, ...] = ()
    # Generated loanword stems (loanwords.tsv; Latin → Cyrillic only), tried after
    # ``stems``: Latin key → (Cyrillic, line number). Entries are made on a hit.
    loans: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)
    loan_longest: int = 0
    # Combining forms (bio-, kino-) a stem may follow, the same way, without the hyphen.
    forms: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def native(self) -> regex.Pattern[str] | None:
        """fullmatch: a native verb form; compiled when first needed (a long word list)."""
        if not self.native_source:
            return None
        return regex.compile(self.native_source, verb=self.native_roots)

    def match(self, word: str, start: int, *, compound_only: bool = False) -> Hit | None:
        """Find the longest stem at ``start`` of the lower-cased ``word`` that fits.

        Where none does, a combining form and a stem of at least COMPOUND_STEM letters
        (biokompyuter → био + компьютер).
        """
        hit = self._match(word, start, compound_only)
        if hit is not None or not self.forms or compound_only:
            return hit
        for length in range(min(COMBINING_LONGEST, len(word) - start), 2, -1):
            found = self.forms.get(word[start : start + length])
            if found is None:
                continue
            rest = self._match(word, start + length, False)
            if rest is None or rest.stem_end - start - length < COMPOUND_STEM:
                continue
            form, line = found
            entry = rest.entry
            entry = dataclasses.replace(entry, origin=f"{LOANS}:{line} {entry.origin}")
            return dataclasses.replace(rest, output=form + rest.output, entry=entry)
        return None

    def _match(self, word: str, start: int, compound_only: bool) -> Hit | None:
        """The longest stem at ``start`` that fits (see ``match``).

        A stem fits when the rest of its word part is empty (or, for stems, a chain of
        suffixes); ``start`` must be the start of a word part. A stem with suffixes does
        not fit a word that is a native verb form (olgani is ol- + -gan + -i, not ольга +
        -ni), and a stem of fewer than four letters does not fit with a one-letter
        remainder. With ``compound_only`` only hyphenated stems are tried.
        """
        native: bool | None = None
        # Longest first over both tables; at equal length lexicon.tsv's entry wins.
        loans = bool(self.loans) and not compound_only
        longest = max(self.longest, self.loan_longest if loans else 0)
        shortest = min(self.shortest, LOAN_SHORTEST) if loans else self.shortest
        candidates = (
            (length, lookup)
            for length in range(min(longest, len(word) - start), shortest - 1, -1)
            for lookup in ((self.stems.get, self._loan) if loans else (self.stems.get,))
        )
        for length, lookup in candidates:
            key = word[start : start + length]
            found = lookup(key)
            if found is None or (compound_only and "-" not in key):
                continue
            output, entry = found
            stem_end = start + length
            resume = stem_end
            if key in self.soft_keys and word.startswith(_SOFT, stem_end):
                resume += 1
            end = part_end(word, resume)
            suffix = word[resume:end]
            if suffix and (entry.whole_word or not self.suffixes.fullmatch(suffix)):
                continue
            if suffix and len(suffix) == 1 and length < 4:
                continue
            if suffix and self.native_source:
                if native is None:
                    pattern = self.native
                    assert pattern is not None
                    native = pattern.fullmatch(word, start, part_end(word, start)) is not None
                if native:
                    return None
            if not self.source_is_cyrillic and output.endswith(_SOFT):
                output = self._soft_sign(output, suffix)
            return Hit(stem_end, resume, end, output, entry)
        return None

    def _loan(self, key: str) -> tuple[str, Entry] | None:
        found = self.loans.get(key)
        if found is None:
            return None
        cyrillic, line = found
        entry = Entry(
            cyrillic, key, (LOAN_DIRECTION,), False, False, LOAN_SOURCE, f"{LOANS}:{line}"
        )
        return cyrillic, entry

    def _soft_sign(self, output: str, suffix: str) -> str:
        """Apply the soft_sign convention to a Cyrillic stem that ends in ь."""
        if not suffix:
            keep = self.soft_sign != "never"
        elif suffix[0] in "aeiouʻ":
            keep = False  # ь before a vowel would read as a y-glide (ролини, not рольини)
        else:
            keep = self.soft_sign == "always"
        return output if keep else output[:-1]


def suffix_chain(suffixes: tuple[Suffix, ...], *, cyrillic: bool) -> regex.Pattern[str]:
    """A pattern whose fullmatch accepts any chain of suffix morphs (longest tried first)."""
    return regex.compile(suffix_alternation(suffixes, cyrillic=cyrillic) + "*")


def compile_lexicon(
    entries: tuple[Entry, ...],
    suffixes: regex.Pattern[str],
    direction: str,
    *,
    source_is_cyrillic: bool,
    translate: dict[int, str],
    soft_sign: str,
    native: tuple[tuple[str, str], ...] = (),
    loans: dict[str, tuple[str, int]] | None = None,
) -> Lexicon:
    """Index the entries used in ``direction``; a key listed twice is a DataError."""
    stems: dict[str, tuple[str, Entry]] = {}
    soft_keys = set()
    for entry in entries:
        if direction not in entry.directions:
            continue
        if source_is_cyrillic:
            key, output = entry.cyrillic, entry.latin.translate(translate)
            if key.endswith(_SOFT):
                key = key[:-1]
                soft_keys.add(key)
        else:
            key, output = entry.latin, entry.cyrillic
        if key in stems:
            path, _, line = entry.origin.rpartition(":")
            raise DataError(
                path, int(line), f"{key!r} is already an entry at {stems[key][1].origin}"
            )
        stems[key] = (output, entry)
    lengths = [len(k) for k in stems] or [1]
    loan_stems = stems_of(loans, direction)
    return Lexicon(
        stems=stems,
        soft_keys=frozenset(soft_keys),
        suffixes=suffixes,
        longest=max(lengths),
        shortest=min(lengths),
        source_is_cyrillic=source_is_cyrillic,
        soft_sign=soft_sign,
        native_source=_native_pattern(suffixes) if native else "",
        native_roots=tuple(dict.fromkeys(pair[0 if source_is_cyrillic else 1] for pair in native)),
        loans=loan_stems,
        loan_longest=max(map(len, loan_stems), default=0),
        forms={k[:-1]: (v[0][:-1], v[1]) for k, v in (loans or {}).items() if k.endswith("-")}
        if direction == LOAN_DIRECTION
        else {},
    )


def stems_of(
    loans: dict[str, tuple[str, int]] | None, direction: str
) -> dict[str, tuple[str, int]]:
    """The loan stems (not the combining forms) used in ``direction``."""
    if not loans or direction != LOAN_DIRECTION:
        return {}
    return {k: v for k, v in loans.items() if not k.endswith("-")}


def _native_pattern(suffixes: regex.Pattern[str]) -> str:
    """A verb root of words.tsv (the named list ``verb``) followed by at least one suffix
    morph (olgan, olganimdan)."""
    chain = suffixes.pattern.removesuffix("*")
    return rf"\L<verb>(?:{chain})+"
