"""The `ckr` program: `--version` alone, on the shipped dataset, is answered before click
is even imported."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        if sys.argv[1:] == ["--version"]:
            from ckr.version import quick

            text = quick()
            if text is not None:
                print(text)
                return
        from ckr.cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while still starting up
        sys.stderr.write("Error: interrupted\n")
        sys.exit(130)
    run()
