"""Which script a text is written in, counted over the letters of the two Uzbek alphabets.

>>> import translit
>>> translit.detect("Ўзбекистон Республикаси")
Detection(cyrillic=1.0, latin=0.0, letters=22, script='cyrillic')
>>> translit.detect("Oʻzbekiston Respublikasi").script
'latin'
>>> translit.detect("2025 — 🙂").script
'none'
"""

from __future__ import annotations

from dataclasses import dataclass

#: The 35 letters of the Uzbek Cyrillic alphabet (Russian-only щ and ы are not counted).
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"
#: The Latin letters Uzbek uses: a-z without w (c occurs in ch).
LATIN_LETTERS = "abcdefghijklmnopqrstuvxyz"
#: Share of the letters one script needs for the text to count as written in it.
DOMINANT = 0.8

_CYRILLIC = CYRILLIC_LETTERS + CYRILLIC_LETTERS.upper()
_LATIN = LATIN_LETTERS + LATIN_LETTERS.upper()


@dataclass(frozen=True)
class Detection:
    """Proportions of Uzbek Cyrillic and Latin letters in a text, and the verdict.

    ``cyrillic`` and ``latin`` are shares of ``letters`` (both 0.0 when there are none).
    ``script`` is ``"cyrillic"`` or ``"latin"`` when that script has at least
    :data:`DOMINANT` of the letters, ``"mixed"`` when neither has, and ``"none"`` when the
    text has no Uzbek letters. Other characters (digits, punctuation, apostrophes,
    combining marks, other scripts) are not counted.
    """

    cyrillic: float
    latin: float
    letters: int
    script: str


def detect(text: str) -> Detection:
    """Count the Uzbek Cyrillic and Latin letters of ``text`` (any case) and compare them."""
    if not isinstance(text, str):
        raise TypeError(f"detect() takes str, not {type(text).__name__}")
    # One C-speed count per letter beats a Python loop over the text.
    cyrillic = sum(map(text.count, _CYRILLIC))
    latin = sum(map(text.count, _LATIN))
    letters = cyrillic + latin
    if not letters:
        return Detection(0.0, 0.0, 0, "none")
    cyr_share, lat_share = cyrillic / letters, latin / letters
    if cyr_share >= DOMINANT:
        script = "cyrillic"
    elif lat_share >= DOMINANT:
        script = "latin"
    else:
        script = "mixed"
    return Detection(cyr_share, lat_share, letters, script)
