"""The `ckr` program: `--version` alone is answered before click is even imported."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ckr.version import quick

        text = quick()
        if text is not None:
            print(text)
            return
    from ckr.cli import main as run

    run()
