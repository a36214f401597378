"""Exceptions raised by translit."""

from __future__ import annotations


class TranslitError(Exception):
    """Base class of every error translit raises on purpose."""


class DataError(TranslitError, ValueError):
    """A rule, alphabet or lexicon file is malformed.

    The message starts with ``file:line:`` so that editors can jump to the place.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.reason = message
