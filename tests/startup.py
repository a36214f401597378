"""Which modules a piece of code loads, in a fresh interpreter (start-up tests)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable


def newly_loaded(code: str, modules: Iterable[str]) -> list[str]:
    """Those of ``modules`` that running ``code`` in a fresh interpreter imports.

    Only what the code itself loads counts: a site-packages .pth file may import some of
    them at start-up (a sandbox's certifi hook imports importlib.resources, say).
    """
    names = tuple(modules)
    script = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"{code}\n"
        f"print(' '.join(m for m in {names!r} if m in sys.modules and m not in before))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return done.stdout.split()
