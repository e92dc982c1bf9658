"""The guard on standard output and standard error, set once at start-up.

Standard library only: `ckr --version` uses it before click is imported.

- stdout or stderr closed (`ckr timeline >&-`): the descriptor is held open on /dev/null,
  so no file ckr opens later takes its number, and writing to a closed stdout fails.
- A reader that leaves (`ckr timeline | head -1`): ReaderLeft, and the run stops quietly.
- Any other failure to write stdout (a full disk, /dev/full, an I/O error, a closed
  descriptor): OutputFailed, reported in one line.
- An encoding that cannot show every character (PYTHONIOENCODING=ascii, the C locale
  with UTF-8 mode off): characters it lacks are written as escapes such as \\xb7, in
  click's messages (help, errors) as in tables and lists.
- Standard error that cannot be written is given up on silently: there is nowhere left
  to say so, and the exit code still tells.

After a failure the descriptor is pointed at /dev/null, so what Python still holds in its
buffer is flushed there at exit instead of ending in "Exception ignored" on stderr.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys


class ReaderLeft(Exception):
    """The reader of the pipe closed it: stop quietly, with the command's own verdict."""


class OutputFailed(Exception):
    """Standard output cannot be written: "No space left on device", say."""


def prepare() -> None:
    """Guard sys.stdout and sys.stderr; calling it again changes nothing."""
    for fd in (0, 1, 2):
        _hold_if_closed(fd)
    if not isinstance(sys.stdout, GuardedOutput):
        sys.stdout = GuardedOutput(sys.stdout)
    if not isinstance(sys.stderr, QuietErrors):
        sys.stderr = QuietErrors(sys.stderr)


def _hold_if_closed(fd: int) -> None:
    try:
        os.fstat(fd)
    except OSError as error:
        if error.errno == errno.EBADF:
            _point_at_devnull(fd, os.O_RDONLY if fd == 0 else os.O_WRONLY)


def _point_at_devnull(fd: int, mode: int = os.O_WRONLY) -> None:
    try:
        devnull = os.open(os.devnull, mode)
    except OSError:
        return
    try:
        if devnull != fd:
            os.dup2(devnull, fd)
    except OSError:
        pass
    finally:
        if devnull != fd:
            os.close(devnull)


def _readable_errors(stream) -> None:
    """Escape what the stream's encoding cannot show, rather than raise.

    An ASCII stream gets the codec below rather than only an error handler: click takes a
    stream that says "ascii" to be misconfigured and writes UTF-8 around it, so its own
    messages would not be escaped like the rest.
    """
    if not hasattr(stream, "reconfigure"):
        return
    try:
        encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return
    try:
        if encoding == "ascii":
            stream.reconfigure(encoding=ESCAPED_ASCII, errors="backslashreplace")
        elif encoding != "utf-8":
            stream.reconfigure(errors="backslashreplace")
    except (ValueError, OSError, io.UnsupportedOperation):
        pass


ESCAPED_ASCII = "ckr-escaped-ascii"


def _escaped_ascii(name: str) -> codecs.CodecInfo | None:
    """ASCII, with everything else written as a backslash escape whatever is asked."""
    if name.replace("_", "-") != ESCAPED_ASCII:
        return None
    ascii_codec = codecs.lookup("ascii")

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        return ascii_codec.encode(text, "backslashreplace")

    class Encoder(codecs.IncrementalEncoder):
        def encode(self, text: str, final: bool = False) -> bytes:
            return text.encode("ascii", "backslashreplace")

    return codecs.CodecInfo(
        encode,
        ascii_codec.decode,
        incrementalencoder=Encoder,
        incrementaldecoder=ascii_codec.incrementaldecoder,
        streamreader=ascii_codec.streamreader,
        streamwriter=ascii_codec.streamwriter,
        name=ESCAPED_ASCII,
    )


codecs.register(_escaped_ascii)


class _Guarded:
    """A text stream that behaves like the one it wraps, except when a write fails.

    Its `buffer` is guarded the same way, for what click writes as bytes.
    """

    def __init__(self, stream) -> None:
        self._closed = stream is None  # closed when Python started
        self._stream = stream if stream is not None else _null_stream()
        self._failed = False
        _readable_errors(self._stream)

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    @property
    def buffer(self) -> _GuardedBytes:
        return _GuardedBytes(self)

    def isatty(self) -> bool:
        return not self._closed and self._stream.isatty()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def _guard(self, action, data=None):
        """Do one write or flush; after a failure, do nothing more."""
        if self._failed:
            return None if data is None else len(data)
        if self._closed:
            if data:
                self._fail(OSError(errno.EBADF, os.strerror(errno.EBADF)))
            return None if data is None else len(data)
        try:
            return action() if data is None else action(data)
        except OSError as error:
            self._fail(error)

    def _fail(self, error: OSError) -> None:
        self._failed = True
        fd = self._stream_fd()
        if fd is not None:
            _point_at_devnull(fd)
        self._raise(error)

    def _stream_fd(self) -> int | None:
        try:
            return self._stream.fileno()
        except (OSError, ValueError, AttributeError):
            return None  # not a real file (tests capture output in memory)

    def _raise(self, error: OSError) -> None:
        raise NotImplementedError


class _GuardedBytes:
    """The binary side of a guarded stream."""

    def __init__(self, owner: _Guarded) -> None:
        self._owner = owner

    def write(self, data: bytes) -> int:
        return self._owner._guard(self._owner._stream.buffer.write, data)

    def flush(self) -> None:
        self._owner._guard(self._owner._stream.buffer.flush)

    def __getattr__(self, name: str):
        return getattr(self._owner._stream.buffer, name)


class GuardedOutput(_Guarded):
    def _raise(self, error: OSError) -> None:
        if error.errno == errno.EPIPE:
            raise ReaderLeft() from None
        reason = error.strerror or str(error)
        raise OutputFailed(f"cannot write to standard output ({reason})") from None


class QuietErrors(_Guarded):
    def _raise(self, error: OSError) -> None:
        pass  # stderr is where failures are told; when it fails, the exit code remains


def _null_stream():
    return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as ckr)
