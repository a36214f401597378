"""Conversion options, validated once when a transliterator is built."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, get_args

# The choices of each option as types, so that a type checker rejects a misspelt value
# (apostrophe="asci") as OptionArgs rejects a misspelt name; the tuples below are these.
Apostrophe = Literal["modifier", "typographic", "ascii"]
SoftSign = Literal["bare", "always", "never"]
Foreign = Literal["keep", "convert"]
Quotes = Literal["keep", "native"]

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
SOFT_SIGNS: tuple[SoftSign, ...] = get_args(SoftSign)


#: Whether Latin words that cannot be Uzbek stay as they are in Latin→Cyrillic.
FOREIGN: tuple[Foreign, ...] = get_args(Foreign)

#: Quotation marks: kept as they are, or written in the output script's usual style.
QUOTES: tuple[Quotes, ...] = get_args(Quotes)

_CHOICES: dict[str, tuple[str, ...]] = {
    "apostrophe": tuple(APOSTROPHES),
    "soft_sign": SOFT_SIGNS,
    "foreign": FOREIGN,
    "quotes": QUOTES,
}


#: Boolean options that switch groups of rules (``%name`` in the rules files) on and off.
SWITCHES = ("particles", "izofa", "dates", "sh_tutuq")


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
    foreign
        Latin→Cyrillic: ``"keep"`` (default) leaves a word that cannot be Uzbek Latin (a
        letter outside the alphabet, c outside ch, w: Wabtec, PepsiCo) as it is;
        ``"convert"`` converts the Uzbek letters of every word.
    particles
        Enclitic particles, written joined in Cyrillic and with a hyphen in Latin (R95):
        бўлсада ⇄ boʻlsa-da, Бўлмасамчи ⇄ Boʻlmasam-chi, қалбидаку ⇄ qalbida-ku,
        кўтаришу ⇄ koʻtarish-u, айтсаю ⇄ aytsa-yu. Default on.
    izofa
        Cyrillic→Latin: the izofa and possessive -и after a vowel is -yi in Latin (R95):
        нуқтаи назар → nuqtayi nazar, обрўи → obroʻyi. Default on.
    dates
        An ordinal number before йил or a month name takes a hyphen in Latin (R95):
        1994 йил 24 август ⇄ 1994-yil 24-avgust. Default on.
    quotes
        ``"keep"`` (default) leaves quotation marks as they are; ``"native"`` writes «…» for
        "…", “…” and „…“ in Cyrillic output and “…” for «…» in Latin output (quotes.py
        says how opening and closing marks are told apart).
    sh_tutuq
        2026 Latin output: с + ҳ is written with the tutuq, sʼh (default on: Исҳоқ → Isʼhoq,
        as 1995 Latin and other 2026 converters write it); off writes plain sh (Ishoq),
        which 2026 Latin reads back unambiguously, since ş is the digraph there. 1995
        Latin output always has the tutuq (R95-17: sh is ш there).
    keep
        Words (either script, any case) that are never converted, such as brand names made
        of Uzbek letters (Chevron). A kept word may take Uzbek suffixes, which are
        converted (Chevronning → Chevronнинг). Given as any iterable of strings.
    """

    apostrophe: Apostrophe = "modifier"
    soft_sign: SoftSign = "bare"
    foreign: Foreign = "keep"
    particles: bool = True
    izofa: bool = True
    dates: bool = True
    sh_tutuq: bool = True
    keep: frozenset[str] = frozenset()
    quotes: Quotes = "keep"

    def __post_init__(self) -> None:
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(f"{name}={value!r} is not one of {', '.join(choices)}")
        for name in SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name}= takes True or False, not {getattr(self, name)!r}")
        keep: Any = self.keep
        if isinstance(keep, str) or not isinstance(keep, Iterable):
            raise ValueError("keep= takes a list of words, e.g. keep=['Chevron']")
        words = list(keep)
        if not all(isinstance(word, str) and word and not word.isspace() for word in words):
            raise ValueError("keep= words must be non-empty strings")
        object.__setattr__(self, "keep", frozenset(word.strip().lower() for word in words))

    def __reduce__(self) -> tuple[type[Options], tuple[Any, ...]]:
        # Rebuilt through __init__, so that an unpickled Options is validated like any other.
        return Options, tuple(getattr(self, field.name) for field in dataclasses.fields(self))

    def switches(self) -> dict[str, bool]:
        """The on/off state of every rule group."""
        return {name: getattr(self, name) for name in SWITCHES}

    @classmethod
    def from_kwargs(cls, options: Mapping[str, Any]) -> Options:
        """Build options from keyword arguments, rejecting unknown names with a hint."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(
                f"unknown option {unknown[0]!r}; known options: {', '.join(sorted(known))}"
            )
        return cls(**options)


class OptionArgs(TypedDict, total=False):
    """The options of :class:`Options` as keyword arguments, for type checkers.

    Every function that takes the options types them ``**options: Unpack[OptionArgs]``, so
    that ``mypy --strict`` rejects ``to_latin(text, apostrofe="ascii")`` (a misspelt name)
    and ``apostrophe="asci"`` (a value that is not a choice), as the library does at run time.
    """

    apostrophe: Apostrophe
    soft_sign: SoftSign
    foreign: Foreign
    particles: bool
    izofa: bool
    dates: bool
    sh_tutuq: bool
    keep: Iterable[str]
    quotes: Quotes
