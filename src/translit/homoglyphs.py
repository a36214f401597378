"""Words that mix Cyrillic and Latin letters: each look-alike letter read in the word's script.

Text nobody cleaned mixes scripts inside a word: a Latin a in Москва, a Cyrillic О in
Оʻzbekiston (a keyboard left in the other layout for one key, OCR, text copied from a page
that swapped letters). Read as typed, such a letter converts by its own script: Latin P in
Pахмат became П (Пахмат), Cyrillic О before ʻ became Оъ. Here, within each run of letters,
the letters that have no look-alike in the other script (homoglyphs.tsv) decide the run's
script, and the look-alikes of the other script are read as that script's letters; a run
with telling letters of both scripts, or of none, changes nothing. Same length, so offsets
stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex


@dataclass(frozen=True)
class Homoglyphs:
    """The look-alike letters of homoglyphs.tsv, compiled once."""

    pairs: tuple[tuple[str, str], ...]  # (Latin, Cyrillic)
    apostrophes: str  # apostrophe look-alikes: inside a Latin word, part of its run
    # The letters of the Uzbek alphabets (small): only these tell a run's script. A letter
    # no Uzbek alphabet has (ӥ, ß) is left as it is by conversion, so counting it would make
    # the output read differently the next time (yeʼӥ would turn Cyrillic).
    cyrillic_letters: str
    latin_letters: str
    _run: regex.Pattern[str] = field(init=False, repr=False)
    _to_latin: dict[int, str] = field(init=False, repr=False)
    _to_cyrillic: dict[int, str] = field(init=False, repr=False)
    _without: dict[str, dict[int, str]] = field(init=False, repr=False)  # see _to_cyrillic_but
    _latin: regex.Pattern[str] = field(init=False, repr=False)  # a letter that tells
    _cyrillic: regex.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        alike = {char for pair in self.pairs for char in pair}

        def telling(letters: str) -> str:
            both = set(letters) | set(letters.upper())
            return "[" + regex.escape("".join(sorted(both - alike))) + "]"

        setter = object.__setattr__
        # A run of letters (with their marks, and apostrophes inside a Latin word): hyphens
        # and other marks end it, so that e-ҳукумат keeps its Latin e.
        setter(self, "_run", regex.compile(rf"[\p{{L}}\p{{M}}{regex.escape(self.apostrophes)}]+"))
        setter(self, "_to_latin", {ord(b): a for a, b in self.pairs})
        setter(self, "_to_cyrillic", {ord(a): b for a, b in self.pairs})
        setter(self, "_without", {})
        apostrophes = regex.escape(self.apostrophes)
        latin = telling(self.latin_letters)
        # oʻ and ch are letters of their own (ö and ç in 2026): telling, though o, c, C, H are
        # look-alikes, so that converting between the Latin alphabets keeps the decision.
        setter(self, "_latin", regex.compile(f"{latin}|[oO][{apostrophes}]|[cC][hH]"))
        setter(self, "_cyrillic", regex.compile(telling(self.cyrillic_letters)))

    def _to_cyrillic_but(self, stays: str) -> dict[int, str]:
        """The Latin → Cyrillic look-alike table without the letters in ``stays`` (built
        once per ``stays``: a direction always passes the same)."""
        table = self._without.get(stays)
        if table is None:
            table = {k: v for k, v in self._to_cyrillic.items() if chr(k) not in stays}
            self._without[stays] = table
        return table

    def unify(self, word: str, *, stays: str = "", quiet: str = "") -> str:
        """``word`` with the look-alikes of each run written in the run's script.

        A run's script is the one of its telling letters (letters of an Uzbek alphabet that
        have no look-alike; oʻ and ch count as letters), and only when all of them are
        of one script: a run with telling letters of both (NATOга) or none (eр) is left as
        typed. So the decision survives conversion: converting turns telling letters into
        telling letters, and letters no Uzbek alphabet has (ӥ, ß), which conversion leaves,
        tell nothing. The Latin letters in ``stays`` are never made Cyrillic (Latin → Cyrillic
        leaves a lone c as it is, so converting Cy again would read Cй as Сй); those in
        ``quiet`` tell nothing (Latin → Cyrillic leaves a Roman numeral's I as it is, so
        I‘R, converted to I‘Р, would read Р as P the next time).
        """
        if not (_ANY_LATIN.search(word) and _ANY_CYRILLIC.search(word)):
            return word

        def unify_run(match: regex.Match[str]) -> str:
            run = match.group()
            latin = any(m.group() not in quiet for m in self._latin.finditer(run))
            cyrillic = self._cyrillic.search(run) is not None
            if latin and not cyrillic:
                return run.translate(self._to_latin)
            if cyrillic and not latin:
                return run.translate(self._to_cyrillic_but(stays))
            return run

        return self._run.sub(unify_run, word)


_ANY_LATIN = regex.compile(r"\p{Latin}")
_ANY_CYRILLIC = regex.compile(r"\p{Cyrillic}")
