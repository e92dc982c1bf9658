"""Long output on a terminal goes through a pager, as git and gh do.

The pager is CKR_PAGER, else PAGER, else `less` (with LESS=FRX when LESS is unset: quit at
once when the text fits, keep colours, leave the screen as it was). CKR_PAGER or PAGER set
to "" or "cat" turns it off, and so does --no-pager. A pager that cannot be found means
the text is printed as it is; quitting the pager early (q) and Ctrl-C in it end ckr
quietly, with success. Imported only when stdout is a terminal.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

PAGER_ENV = "CKR_PAGER"
OFF = ("", "cat")

# What the eye does not see: colours and other CSI sequences, and OSC 8 links.
_INVISIBLE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


class TerminalBuffer(io.StringIO):
    """Collects what would be written to the terminal, styled and encoded as for it (rich
    draws ASCII lines and glyphs for a terminal that cannot show more)."""

    def isatty(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return sys.stdout.encoding or "utf-8"


def command() -> str | None:
    """The pager to run, or None when it is turned off."""
    for name in (PAGER_ENV, "PAGER"):
        if name in os.environ:
            chosen = os.environ[name].strip()
            return None if chosen in OFF else chosen
    return "less"


def _found(pager: str) -> bool:
    """Whether the program a pager command starts exists (after any VAR=value words)."""
    try:
        words = shlex.split(pager)
    except ValueError:
        return False
    words = [word for word in words if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", word)]
    if not words:
        return False
    program = words[0]
    if os.sep in program:
        return os.access(program, os.X_OK)
    return shutil.which(program) is not None


def _rows(text: str, width: int) -> int:
    """How many terminal rows `text` takes, a line longer than the width taking more."""
    rows = 0
    for line in text.splitlines():
        visible = len(_INVISIBLE.sub("", line))
        rows += max(1, -(-visible // width))
    return rows


def _screen() -> os.terminal_size:
    """The terminal's size; a terminal that says 0 (some ptys do) counts as unknown, and
    shutil then reads COLUMNS and LINES or falls back to 80x24."""
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):
        size = None
    if size is None or size.columns <= 0 or size.lines <= 0:
        size = shutil.get_terminal_size()
    return os.terminal_size((max(size.columns, 1), max(size.lines, 1)))


def show(text: str) -> None:
    """Write `text` to the terminal: through the pager when it is longer than the screen."""
    pager = command()
    screen = _screen()
    if pager is None or _rows(text, screen.columns) < screen.lines or not _found(pager):
        sys.stdout.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    # Ctrl-C reaches the pager and ckr alike: the pager decides what it means; ckr waits.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        encoding, errors = sys.stdout.encoding or "utf-8", sys.stdout.errors or "replace"
        for step in (
            lambda: process.stdin.write(text.encode(encoding, errors)),
            process.stdin.close,
        ):
            try:
                step()
            except BrokenPipeError:  # the pager was quit before it read everything
                pass
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
