"""Search keys: one string for a word however it is written (script, alphabet, case, apostrophe).

``search_key`` maps Шавкат, Shavkat, SHAVKAT, Şavkat and Shavkat typed with any apostrophe
look-alike to the same key, for search indexes and de-duplication. The key is a lower-case
1995 Latin spelling with ASCII apostrophes; it is meant to be compared, not shown.

The steps, in order:

1. Uzbek Cyrillic becomes 1995 Latin, with ASCII apostrophes (the engine, default options;
   on the text as it is, since ʻ and ʼ are letters that can join a Cyrillic word).
2. Apostrophe look-alikes (the ones the engine reads as oʻ/gʻ or the tutuq) become ``'``;
   before NFKC, which would turn some of them (´) into a space and an accent.
3. NFKC: compatibility forms (fullwidth letters, ligatures, no-break spaces) and composed
   letters (s + U+0327 is ş) compare equal.
4. ``str.casefold``.
5. The letters of the 2026 alphabet (ö ğ ş ç, docs/ALPHABET-2026 in the shared spec) and
   the look-alikes of earlier drafts and of typing (ŏ ō õ, ǵ ḡ, ș) become their 1995
   spellings (oʻ gʻ sh ch), through :data:`FOLD`, a table of this module and not the
   engine's, so that the key does not change when 2026 output is added to the engine.

Everything else is kept: the key is not a spelling corrector (tsirk and sirk differ) and it
does not trim or collapse whitespace.
"""

from __future__ import annotations

import unicodedata

from .engine import APOSTROPHE_LIKE, _type_error

#: The 2026 letters and their look-alikes, after casefolding, with their 1995 spellings.
FOLD: dict[str, str] = {
    "ö": "o'",  # 2026 (U+00F6)
    "ŏ": "o'",  # 2021 draft (U+014F)
    "ō": "o'",  # 2021 draft (U+014D)
    "õ": "o'",  # 2023 draft (U+00F5)
    "ğ": "g'",  # 2026 (U+011F)
    "ḡ": "g'",  # 2021/2023 drafts (U+1E21)
    "ǵ": "g'",  # typed for ğ (U+01F5)
    "ş": "sh",  # 2026 (U+015F, cedilla)
    "ș": "sh",  # typed for ş (U+0219, comma below)
    "ç": "ch",  # 2026 (U+00E7)
}
_FOLD_TABLE = str.maketrans(FOLD)
_APOSTROPHES = str.maketrans(dict.fromkeys(APOSTROPHE_LIKE, "'"))


def search_key(text: str) -> str:
    """A key that is equal for the same Uzbek text in any script, alphabet, case or apostrophe.

    >>> from translit import search_key
    >>> {search_key(w) for w in ["Шавкат", "Shavkat", "SHAVKAT", "Şavkat", "ŞAVKAT"]}
    {'shavkat'}
    >>> {search_key(w) for w in ["Ғафур Ғулом", "G'afur G`ulom", "Ğafur Ğulom", "GʻAFUR GʻULOM"]}
    {"g'afur g'ulom"}
    """
    if not isinstance(text, str):
        raise _type_error(text)
    from . import get

    text = get("uz_Cyrl-uz_Latn", apostrophe="ascii")(text).translate(_APOSTROPHES)
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.translate(_FOLD_TABLE)
