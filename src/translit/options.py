"""Conversion options, validated once when a transliterator is built."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

#: Latin spellings of the two apostrophes (oʻ/gʻ mark, tutuq) for each ``apostrophe`` style.
APOSTROPHES: dict[str, tuple[str, str]] = {
    # U+02BB / U+02BC: letters (category Lm), so words stay whole for \w, spell-checkers and
    # double-click selection; CLDR and uz.wikipedia use them (ORTHOGRAPHY.md §1.4).
    "modifier": ("\u02bb", "\u02bc"),
    # U+2018 / U+2019: the typographic quotes many government sites use.
    "typographic": ("\u2018", "\u2019"),
    # U+0027 for both: what people type; lossy, since oʻ and o+tutuq look the same.
    "ascii": ("'", "'"),
}

#: Where a stem-final ь of a Russian loan is written in Cyrillic output (апрель, автомобиль).
SOFT_SIGNS = ("bare", "always", "never")


@dataclass(frozen=True)
class Options:
    """Options for both directions; each direction reads the ones that concern it.

    apostrophe
        Cyrillic→Latin: how oʻ, gʻ and the tutuq are written. ``"modifier"`` (default,
        U+02BB/U+02BC, the Unicode-recommended form), ``"typographic"`` (U+2018/U+2019) or
        ``"ascii"`` (U+0027 for both; lossy). Latin input is accepted in every style.
    soft_sign
        Latin→Cyrillic: a lexicon stem that ends in ь (апрель, роль, автомобиль).
        ``"bare"`` (default): written on the bare word only (апрель, апрелда, ролини);
        ``"always"``: also before consonant suffixes (апрельда); ``"never"``: not written
        (апрел, апрелда), as CLDR's uz_Cyrl month names are. Before a vowel suffix the sign
        is never written (роль + ини → ролини).
    """

    apostrophe: str = "modifier"
    soft_sign: str = "bare"

    def __post_init__(self) -> None:
        if self.apostrophe not in APOSTROPHES:
            raise ValueError(
                f"apostrophe={self.apostrophe!r} is not one of {', '.join(APOSTROPHES)}"
            )
        if self.soft_sign not in SOFT_SIGNS:
            raise ValueError(f"soft_sign={self.soft_sign!r} is not one of {', '.join(SOFT_SIGNS)}")

    @classmethod
    def from_kwargs(cls, options: dict[str, Any]) -> Options:
        """Build options from keyword arguments, rejecting unknown names with a hint."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(
                f"unknown option {unknown[0]!r}; known options: {', '.join(sorted(known))}"
            )
        return cls(**options)
