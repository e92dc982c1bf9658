"""The one safe way for an exporter to create a file or a folder.

Everything is written first under a temporary name in the target's real folder (symbolic
links resolved, so `link/../x.db` lands where the kernel would put it), then published
under its own name in one step that never replaces anything ckr did not create:

- `rename` with RENAME_NOREPLACE (Linux renameat2), which fails if the name exists;
- else a hard link, which fails the same way, after which the temporary name goes;
- else, on a file system with neither, the name is claimed by creating an empty file
  exclusively, and the finished file renamed over that placeholder. Only here is there a
  window (between the two steps) in which a file someone else put there could be replaced.

With `replace=True` (ckr export --force) the new file replaces the old one atomically
(`os.replace`): a reader sees the old file or the new one, never half of either.

A failure, Ctrl-C or any other signal that would end the process (SIGTERM, SIGHUP,
SIGQUIT, SIGALRM, SIGUSR1, ...) removes the temporary file before ckr exits; the signals
become exceptions while a file is being made (KeyboardInterrupt for Ctrl-C, exits.Stopped
for the others). A signal the process was started with ignored (`nohup`, a background
job's Ctrl-C) stays ignored. SIGPIPE needs nothing: Python ignores it, so a closed pipe
is an error on write, handled like any other. SIGXFSZ (a file size limit reached) is
ignored while writing, so the write fails and is cleaned up rather than killing ckr.
Only SIGKILL, which nothing can catch, can leave a temporary `.ckr-*` file behind.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator

from ckr.exits import Stopped

TEMPORARY_PREFIX = ".ckr-"


class ExportError(Exception):
    """A target that cannot be written: it exists, it is not a file, it is the dataset..."""


class TargetExists(ExportError):
    def __init__(self, target: str, can_replace: bool = True) -> None:
        remedy = "use --force to replace it" if can_replace else "choose a new name"
        super().__init__(f"{target} exists; {remedy}")


def real_target(target: str) -> str:
    """`target` with its folder's symbolic links resolved; its own name is kept as given,
    so a link at the target itself is seen (and refused) rather than followed."""
    folder, name = os.path.split(target)
    if name in ("", ".", ".."):
        raise ExportError(f"{target} names a folder, not a file")
    return os.path.join(os.path.realpath(folder or "."), name)


def check_target(target: str, shown: str, replace: bool) -> None:
    """Refuse early, before any work, what publishing would refuse anyway."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable folder, say: creating the temporary file will say why
    if not stat.S_ISREG(status.st_mode):
        # A device, FIFO, folder or link is never replaced, even with --force.
        raise ExportError(f"{shown} is not a regular file")
    if not replace:
        raise TargetExists(shown)


@contextlib.contextmanager
def new_file(target: str, replace: bool = False) -> Iterator[str]:
    """Make `target`: yields a temporary path to write; on leaving without an error, the
    file is published as `target` (see the module's docstring). On any error or signal
    the temporary file is removed and the exception goes on.

        with files.new_file("ckr.db") as temporary:
            write_database(temporary)
    """
    real = real_target(target)
    check_target(real, target, replace)
    folder = os.path.dirname(real)
    temporary = None
    with signals_as_exceptions():
        try:
            with _signals_held():  # a signal arrives once the name is noted, not before
                handle, temporary = tempfile.mkstemp(
                    prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=folder
                )
                os.close(handle)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp made it private; files aren't
            yield temporary
            _sync(temporary)
            with _signals_held():  # published, or not at all
                if replace:
                    os.replace(temporary, real)
                else:
                    _publish_new_file(temporary, real, target)
            _sync(folder)
        except BaseException:
            if temporary is not None:
                with _signals_held():
                    _remove(temporary)
            raise


@contextlib.contextmanager
def new_folder(target: str) -> Iterator[str]:
    """Make the folder `target`, which must not exist: yields a temporary folder to fill,
    published on success like new_file() (renameat2, else an exclusive mkdir and a rename
    onto that empty folder, which fails rather than replace one that has been filled)."""
    real = real_target(target)
    if os.path.lexists(real):
        raise TargetExists(target, can_replace=False)
    parent = os.path.dirname(real)
    temporary = None
    with signals_as_exceptions():
        try:
            with _signals_held():
                temporary = tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=parent)
            os.chmod(temporary, 0o777 & ~_umask())
            yield temporary
            with _signals_held():
                _publish_new_folder(temporary, real, target)
            _sync(parent)
        except BaseException:
            if temporary is not None:
                with _signals_held():
                    shutil.rmtree(temporary, ignore_errors=True)
            raise


def _publish_new_file(temporary: str, target: str, shown: str) -> None:
    try:
        if _rename_noreplace(temporary, target):
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise
        except OSError as error:
            if error.errno not in _NOT_SUPPORTED:
                raise
            _claim_then_replace(temporary, target)
            return
    except FileExistsError:
        raise TargetExists(shown) from None
    os.unlink(temporary)


def _claim_then_replace(temporary: str, target: str) -> None:
    """For file systems without hard links: an empty placeholder, created exclusively, then
    the finished file renamed over it."""
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(handle)
    os.replace(temporary, target)


def _publish_new_folder(temporary: str, target: str, shown: str) -> None:
    try:
        if _rename_noreplace(temporary, target):
            return
        os.mkdir(target)  # claims the name, exclusively
    except FileExistsError:
        raise TargetExists(shown, can_replace=False) from None
    try:
        os.rename(temporary, target)  # onto an empty folder only: else ENOTEMPTY
    except OSError as error:
        with contextlib.suppress(OSError):
            os.rmdir(target)  # our placeholder, if it is still empty
        if error.errno in (errno.ENOTEMPTY, errno.EEXIST):  # filled in the meantime
            raise TargetExists(shown, can_replace=False) from None
        raise


# A kernel or file system that cannot do the operation, as opposed to a real failure.
_NOT_SUPPORTED = {errno.EPERM, errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
_AT_FDCWD = -100
_RENAME_NOREPLACE = 1


def _rename_noreplace(source: str, target: str) -> bool:
    """Rename unless `target` exists (FileExistsError then); False where not supported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    import ctypes

    if (
        renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE)
        == 0
    ):
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), target)  # EEXIST makes a FileExistsError


@functools.lru_cache(maxsize=1)
def _renameat2():
    """glibc's renameat2 (2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync(path: str) -> None:
    """Flush a file or folder to disk, so a crash right after cannot publish an empty file."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; nothing to be done about it
    finally:
        os.close(handle)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Signals whose default action ends the process and that a process can catch.
CAUGHT = tuple(
    getattr(signal, name)
    for name in (
        "SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGALRM", "SIGUSR1", "SIGUSR2",
        "SIGXCPU", "SIGVTALRM", "SIGPROF",
    )
    if hasattr(signal, name)
)  # fmt: skip


def _raise(signum: int, _frame) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """While inside, the CAUGHT signals raise (so `finally` and `except` clean up) instead
    of ending the process on the spot. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in CAUGHT:
        if signal.getsignal(signum) in (signal.SIG_IGN, None):
            continue  # ignored on purpose (nohup), or set outside Python: leave it be
        previous[signum] = signal.signal(signum, _raise)
    if hasattr(signal, "SIGXFSZ") and signal.getsignal(signal.SIGXFSZ) == signal.SIG_DFL:
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold the CAUGHT signals back for a step that must not be cut in two (creating the
    temporary file and noting its name; publishing it); they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, CAUGHT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
