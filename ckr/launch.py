"""The `ckr` program: `--version` alone, on the shipped dataset, is answered before click
is even imported."""

from __future__ import annotations

import sys

from ckr import streams


def main() -> None:
    streams.prepare()
    try:
        if sys.argv[1:] == ["--version"]:
            from ckr.version import quick

            text = quick()
            if text is not None:
                sys.exit(_print(text))
        from ckr.cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while still starting up
        sys.stderr.write("Error: interrupted\n")
        sys.exit(130)
    run()


def _print(text: str) -> int:
    """Print and flush, as the full path does: a reader that left is no error."""
    try:
        print(text)
        sys.stdout.flush()
    except streams.ReaderLeft:
        pass
    except streams.OutputFailed as error:
        sys.stderr.write(f"Error: {error}\n")
        return 1
    return 0
