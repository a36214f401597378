"""Native quotation marks (``quotes="native"``): «…» in Cyrillic output, “…” in Latin output.

Uzbek writes both styles in both scripts; this option makes the output use the one usual
for its script. In Latin output « and » become “ and ” (their direction is in their shape).
In Cyrillic output the double quotes ", “, ” and „ become « or », and which one is decided
by the characters on either side of the mark, as word processors decide for typed quotes:

- after a space (or the start of the text), an opening bracket or a dash, and before
  anything else: an opening mark «;
- before a space (or the end of the text), closing punctuation or a dash, and after
  anything else: a closing mark »;
- otherwise (spaces or letters on both sides, as in 5"6 or " alone) “ and „ become « and
  ” becomes », by their shape, and a straight " is left as it is.

The decision looks at one character on each side inside the text between spaces (a
"piece"), which is how the engine converts text, so a stream gives the same output as a
one-shot call however the text is cut. Quotes inside URLs, e-mail addresses, handles and
paths are never changed; in markup only the text is converted, so attribute quotes and
``&quot;`` stay as they are. A mark whose neighbour is a tag (``"<b>Ер</b>"``) has nothing on
that side within its text run and is decided by its other side, or left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .tables import CYRILLIC

# Characters after which a quote opens, and before which it closes (besides whitespace and
# the edges of the piece).
_OPENS_AFTER = frozenset("([{<«‹—–-/\ufffc")
_CLOSES_BEFORE = frozenset(".,;:!?)]}>»›…—–-/\ufffc")
_BY_SHAPE = {"“": "«", "„": "«", "”": "»", '"': '"'}
_LATIN = str.maketrans("«»", "“”")

#: The marks each target script's output changes (a quick test before the real work).
CANDIDATES = {True: regex.compile('["“”„]'), False: regex.compile("[«»]")}


def candidates(target: str) -> regex.Pattern[str]:
    """The pattern of the marks that ``quotes="native"`` may change in ``target`` output."""
    return CANDIDATES[target == CYRILLIC]


def native(piece: str, target: str, skip: Iterable[tuple[int, int]] = ()) -> str:
    """``piece`` (text without spaces) with native quotes for ``target``; ``skip`` spans kept.

    ``skip`` holds (start, end) spans that do not overlap (protected text).

    >>> native('"Ер",', "uz_Cyrl"), native("(“Ер”)", "uz_Cyrl"), native("«Yer»", "uz_Latn")
    ('«Ер»,', '(«Ер»)', '“Yer”')
    >>> native('5"6', "uz_Cyrl"), native('"', "uz_Cyrl")
    ('5"6', '"')
    """
    kept = sorted(skip)
    if target != CYRILLIC:
        if not kept:
            return piece.translate(_LATIN)
        out, pos = [], 0
        for start, end in kept:
            out += [piece[pos:start].translate(_LATIN), piece[start:end]]
            pos = max(pos, end)
        out.append(piece[pos:].translate(_LATIN))
        return "".join(out)
    chars = list(piece)
    last = len(piece) - 1
    spans = iter(kept)
    span = next(spans, None)
    for match in CANDIDATES[True].finditer(piece):
        i = match.start()
        while span is not None and span[1] <= i:  # the spans and marks go left to right
            span = next(spans, None)
        if span is not None and span[0] <= i:
            continue
        before = piece[i - 1] if i else " "
        after = piece[i + 1] if i < last else " "
        opens = before.isspace() or before in _OPENS_AFTER
        closes = after.isspace() or after in _CLOSES_BEFORE
        if opens and not closes:
            chars[i] = "«"
        elif closes and not opens:
            chars[i] = "»"
        else:
            chars[i] = _BY_SHAPE[piece[i]]
    return "".join(chars)
