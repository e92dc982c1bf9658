"""Exit codes, and how a command settles on one before it prints."""

from __future__ import annotations

import signal

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_FAILED = EXIT_DATA  # anything else that stops a command: unwritable output, a file refused

# ctx.meta key: the exit code a command has settled on before it prints, kept even when
# the reader of a pipe leaves early (`ckr validate bad.json | head` still fails).
VERDICT = "ckr.verdict"


class Stopped(BaseException):
    """A signal other than Ctrl-C (SIGTERM, SIGHUP, ...) that ckr caught to clean up first.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it; the
    run ends with 128 + the signal's number, the code a shell shows for a killed process.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = 128 + signum
        super().__init__(f"stopped by {self.name}")
