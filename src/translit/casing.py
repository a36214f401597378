"""Case handling: rules and lexicon are written in lower case; these restore the source's case.

The algorithm is ORTHOGRAPHY.md §3. A source letter that becomes several letters (Ш → sh,
Ў → oʻ) is written in full capitals when it is part of a run of capitals (ШАҲАР → SHAHAR,
АҚШ → AQSH, АҚШдаги → AQSHdagi) and in title case otherwise (Шаҳар → Shahar, Ш. → Sh.,
ЎзМУ → OʻzMU). ъ ь ʻ ʼ are ignored when looking at the neighbours. A caseless source (the
tutuq ʼ) that becomes a cased letter (ъ) follows its neighbours (SANʼAT → САНЪАТ).
"""

from __future__ import annotations

_IGNORED = frozenset("ъьЪЬʻʼ")


def is_cased(char: str) -> bool:
    return char.lower() != char.upper()


def _neighbour(word: str, index: int, step: int) -> bool | None:
    """Is the nearest cased letter from ``index`` in direction ``step`` upper case?

    None when the word part ends first (a non-letter such as a hyphen ends the search).
    """
    index += step
    while 0 <= index < len(word):
        char = word[index]
        if not char.isalpha():
            return None
        if char not in _IGNORED and is_cased(char):
            return char.isupper()
        index += step
    return None


def case_piece(word: str, start: int, end: int, output: str) -> str:
    """Give ``output`` (lower case) the case of ``word[start:end]`` in its context."""
    source = word[start:end]
    cased = [c for c in source if is_cased(c)]
    if not cased:
        if output == output.lower() and output != output.upper():
            before, after = _neighbour(word, start, -1), _neighbour(word, end - 1, 1)
            if before and after is not False:
                return output.upper()
        return output
    if not any(c.isupper() for c in cased):
        return output
    if sum(is_cased(c) for c in output) <= 1:
        return output.upper()
    if len(cased) > 1:  # a multi-letter source (SH, Yoʻ): its letters decide
        if all(c.isupper() for c in cased):
            return output.upper()
        return _title(output) if cased[0].isupper() else output
    if _neighbour(word, start, 1) or _neighbour(word, end - 1, -1):
        return output.upper()
    return _title(output)


def case_stem(source: str, output: str) -> str:
    """Give a lexicon stem's ``output`` the case pattern of ``source`` (per hyphen part)."""
    cased = [c for c in source if is_cased(c)]
    if not any(c.isupper() for c in cased):
        return output
    if len(cased) > 1 and all(c.isupper() for c in cased):
        return output.upper()
    sources, outputs = source.split("-"), output.split("-")
    if len(sources) != len(outputs):  # тану → tan-u: only the first letter can be a capital
        return _title(output) if source[:1].isupper() else output
    return "-".join(
        _title(out) if src[:1].isupper() else out for src, out in zip(sources, outputs, strict=True)
    )


def _title(text: str) -> str:
    """Upper-case the first cased character only (oʻ → Oʻ, sh → Sh)."""
    for i, char in enumerate(text):
        if is_cased(char):
            return text[:i] + char.upper() + text[i + 1 :]
    return text
