"""``translit serve``: a local page for editors and a JSON API (optional extra ``[web]``).

Needs Starlette and uvicorn (``pip install 'uz-translit[web]'``); they are imported on first
use, so that ``translit serve`` can say so when they are missing. See docs/web.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import MAX_BODY, TIMEOUT, create_app

__all__ = ["MAX_BODY", "TIMEOUT", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
