"""Which script and Latin alphabet a text is written in, counted over the Uzbek letters.

>>> import translit
>>> translit.detect("Ўзбекистон Республикаси")
Detection(cyrillic=1.0, latin=0.0, letters=22, script='cyrillic', latin_2026=0.0)
>>> translit.detect("Oʻzbekiston Respublikasi").script
'latin'
>>> translit.detect("Özbekiston şaharlari").script
'latin-2026'
>>> translit.detect("Oʻzbekiston şaharlari").script  # two Latin alphabets
'mixed'
>>> translit.detect("2025 — 🙂").script
'none'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: The 35 letters of the Uzbek Cyrillic alphabet (Russian-only щ and ы are not counted).
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшъьэюяўқғҳ"
#: The Latin letters Uzbek uses: a-z without w (c occurs in 1995 ch), and the 2026 letters
#: with their common look-alikes (lookalikes.tsv).
NEW_LETTERS = "öğşçșŏõōóḡǵ"
LATIN_LETTERS = "abcdefghijklmnopqrstuvxyz" + NEW_LETTERS
#: What 1995 Latin writes for the 2026 letters: oʻ and gʻ (with any apostrophe look-alike)
#: count fully; sh and ch half, since 2026 Latin has them too where s meets h (Ishoq) and in
#: foreign words (Chevron).
OLD_MARKS = tuple(letter + mark for letter in "oOgG" for mark in "'`´ʹʻʼʽˈ′‘’‛")
OLD_DIGRAPHS = ("sh", "Sh", "SH", "ch", "Ch", "CH")
#: Share of the letters one script (or of the distinguishing spellings one Latin alphabet)
#: needs for the text to count as written in it.
DOMINANT = 0.8

_CYRILLIC = CYRILLIC_LETTERS + CYRILLIC_LETTERS.upper()
_LATIN = LATIN_LETTERS + LATIN_LETTERS.upper()
_NEW = NEW_LETTERS + NEW_LETTERS.upper()
_MARK = re.compile("[\u0300-\u036f]")  # combining marks: NFD text (o + U+0308 is ö)


@dataclass(frozen=True)
class Detection:
    """Proportions of Uzbek Cyrillic and Latin letters in a text, and the verdict.

    ``cyrillic`` and ``latin`` are shares of ``letters`` (both 0.0 when there are none).
    ``latin_2026`` is the share of the 2026 letters (ö ğ ş ç) among the spellings that tell
    the Latin alphabets apart (those letters, and 1995's oʻ gʻ, and sh ch at half weight);
    0.0 when there are none. ``script`` is ``"cyrillic"`` when Cyrillic has at least
    :data:`DOMINANT` of the letters; when Latin has, ``"latin-2026"`` if ``latin_2026`` is
    at least DOMINANT, ``"latin"`` (1995) if it is at most 1 - DOMINANT, and ``"mixed"`` in
    between; also ``"mixed"`` when neither script dominates, and ``"none"`` when the text
    has no Uzbek letters. Other characters (digits, punctuation, apostrophes, combining
    marks, other scripts) are not counted; NFD text is counted after composing it.
    """

    cyrillic: float
    latin: float
    letters: int
    script: str
    latin_2026: float = 0.0


def detect(text: str) -> Detection:
    """Count the Uzbek Cyrillic and Latin letters of ``text`` (any case) and compare them."""
    if not isinstance(text, str):
        raise TypeError(f"detect() takes str, not {type(text).__name__}")
    if not text.isascii() and _MARK.search(text):
        text = unicodedata.normalize("NFC", text)
    # One C-speed count per letter beats a Python loop over the text.
    cyrillic = sum(map(text.count, _CYRILLIC))
    latin = sum(map(text.count, _LATIN))
    letters = cyrillic + latin
    if not letters:
        return Detection(0.0, 0.0, 0, "none")
    new = sum(map(text.count, _NEW)) if latin else 0
    old = sum(map(text.count, OLD_MARKS)) + sum(map(text.count, OLD_DIGRAPHS)) / 2 if latin else 0
    share_2026 = new / (new + old) if new + old else 0.0
    cyr_share, lat_share = cyrillic / letters, latin / letters
    if cyr_share >= DOMINANT:
        script = "cyrillic"
    elif lat_share < DOMINANT:
        script = "mixed"
    elif share_2026 >= DOMINANT:
        script = "latin-2026"
    elif share_2026 <= 1 - DOMINANT:
        script = "latin"
    else:
        script = "mixed"
    return Detection(cyr_share, lat_share, letters, script, share_2026)
