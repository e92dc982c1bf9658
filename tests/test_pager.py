"""Long output on a real terminal goes through a pager; piped output never does.

Each test runs ckr in a pseudo-terminal of a known size, with a pager that writes what it
is given to a file, so the test sees both the screen and what the pager received."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import MINI, TODAY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def base_env(**extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "CKR_DATA": str(MINI),
        "CKR_TODAY": TODAY,
        "NO_COLOR": "1",
        "TERM": "xterm",
    }
    return env | extra


def in_terminal(args, env, rows=10, cols=80, keys=b"", keys_when=None, timeout=20):
    """Run ckr in a pseudo-terminal of `rows` x `cols`: (what the screen got, exit code).
    `keys` are typed once the file `keys_when` exists."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become ckr
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "ckr", *args], env)
        finally:
            os._exit(127)
    screen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if keys and (keys_when is None or Path(keys_when).exists()):
            time.sleep(0.3)  # let ckr settle into waiting for the pager
            os.write(fd, keys)
            keys = b""
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal closed: ckr is done
                break
            if not chunk:
                break
            screen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = screen.decode("utf-8", "replace").replace("\r\n", "\n")
    return text, os.waitstatus_to_exitcode(status)


def recording_pager(tmp_path: Path) -> str:
    """A pager that notes LESS and keeps what it reads, and prints nothing."""
    return f'echo "$LESS" > {tmp_path}/less; cat > {tmp_path}/paged'


def test_long_output_goes_through_the_pager(tmp_path):
    screen, code = in_terminal(["timeline"], base_env(CKR_PAGER=recording_pager(tmp_path)))
    paged = (tmp_path / "paged").read_text()
    assert code == 0
    assert "1997-restored" in paged and "4 events" in paged  # the whole listing
    assert "1997-restored" not in screen  # the pager had it, not the terminal
    assert (tmp_path / "less").read_text() == "FRX\n"  # less quits when it fits, keeps colour


def test_less_keeps_the_users_own_settings(tmp_path):
    env = base_env(CKR_PAGER=recording_pager(tmp_path), LESS="-S")
    in_terminal(["timeline"], env)
    assert (tmp_path / "less").read_text() == "-S\n"


def test_pager_gets_the_terminals_styles(tmp_path):
    env = base_env(CKR_PAGER=recording_pager(tmp_path), FORCE_COLOR="1")
    del env["NO_COLOR"]
    in_terminal(["timeline"], env)
    assert "\x1b[1m" in (tmp_path / "paged").read_text()  # bold headings, as on screen


def test_output_that_fits_the_screen_is_printed_directly(tmp_path):
    env = base_env(CKR_PAGER=recording_pager(tmp_path))
    screen, code = in_terminal(["timeline"], env, rows=200)
    assert code == 0 and "1997-restored" in screen
    assert not (tmp_path / "paged").exists()


@pytest.mark.parametrize(
    "setting",
    [
        {"args": ["--no-pager"]},
        {"CKR_PAGER": ""},
        {"CKR_PAGER": "cat"},
        {"PAGER": "cat"},
        {"PAGER": ""},
    ],
    ids=["--no-pager", "CKR_PAGER empty", "CKR_PAGER cat", "PAGER cat", "PAGER empty"],
)
def test_the_pager_can_be_turned_off(tmp_path, setting):
    setting = dict(setting)
    args = ["timeline", *setting.pop("args", [])]
    pager = {} if "CKR_PAGER" in setting else {"CKR_PAGER": recording_pager(tmp_path)}
    if "PAGER" in setting:  # PAGER counts only when CKR_PAGER is unset
        pager = {}
    screen, code = in_terminal(args, base_env(**pager, **setting))
    assert code == 0 and "1997-restored" in screen and "4 events" in screen
    assert not (tmp_path / "paged").exists()


def test_pager_from_PAGER_when_CKR_PAGER_is_unset(tmp_path):
    in_terminal(["sources"], base_env(PAGER=recording_pager(tmp_path)), rows=5)
    assert "paper-a" in (tmp_path / "paged").read_text()


def test_no_pager_is_an_option_of_every_listing_command_and_show(tmp_path):
    env = base_env(CKR_PAGER=recording_pager(tmp_path))
    for args in (["search", "trade", "--no-pager"], ["show", "2006-eps", "--no-pager"]):
        screen, code = in_terminal(args, env, rows=5)
        assert code == 0 and "Error" not in screen
    assert not (tmp_path / "paged").exists()
    in_terminal(["show", "2006-eps"], env, rows=5)
    assert "2006-eps" in (tmp_path / "paged").read_text()


def test_a_missing_pager_means_printing_directly(tmp_path):
    env = base_env(CKR_PAGER="no-such-pager-anywhere --flag")
    screen, code = in_terminal(["timeline"], env)
    assert code == 0 and "1997-restored" in screen and "4 events" in screen
    assert "not found" not in screen and "Error" not in screen


@pytest.mark.parametrize("pager", ["true", "head -n 1"])
def test_quitting_the_pager_early_is_not_an_error(pager):
    screen, code = in_terminal(["sources"], base_env(CKR_PAGER=pager), rows=5)
    assert code == 0
    assert "Error" not in screen and "Traceback" not in screen and "Broken pipe" not in screen


def test_ctrl_c_in_the_pager_ends_quietly(tmp_path):
    started = tmp_path / "started"
    env = base_env(CKR_PAGER=f"touch {started}; sleep 10")
    begun = time.monotonic()
    screen, code = in_terminal(["timeline"], env, keys=b"\x03", keys_when=started)
    assert time.monotonic() - begun < 9  # Ctrl-C ended the pager; ckr did not wait it out
    assert code == 0
    assert "interrupted" not in screen and "Traceback" not in screen


def test_piped_output_never_runs_the_pager(tmp_path):
    marker = tmp_path / "ran"
    for extra in ({}, {"CKR_FORCE_TTY": "1"}):
        result = subprocess.run(
            [sys.executable, "-m", "ckr", "timeline"],
            capture_output=True,
            text=True,
            env=base_env(CKR_PAGER=f"touch {marker}; cat", LINES="2", **extra),
        )
        assert result.returncode == 0 and "1997-restored" in result.stdout
        assert not marker.exists()


def test_the_pager_gets_what_an_ascii_terminal_can_show(tmp_path, data_file, mini_data):
    mini_data["events"][0]["title"] = "Khách · visit"
    path = data_file(mini_data)
    env = base_env(CKR_PAGER=recording_pager(tmp_path), PYTHONIOENCODING="ascii")
    env["CKR_DATA"] = str(path)
    in_terminal(["timeline"], env)
    paged = (tmp_path / "paged").read_bytes()
    assert paged.isascii()
    assert b"Kh\\xe1ch \\xb7 visit" in paged  # escaped, as ckr escapes it when printing


def test_a_terminal_that_reports_no_size_counts_as_unknown(monkeypatch):
    # Some ptys (script, docker exec -t) say 0x0; ckr must not divide by that.
    from ckr import pager

    monkeypatch.setattr(pager.os, "get_terminal_size", lambda fd: os.terminal_size((0, 0)))
    monkeypatch.setenv("COLUMNS", "90")
    monkeypatch.setenv("LINES", "30")
    assert tuple(pager._screen()) == (90, 30)
    assert pager._rows("x" * 200, pager._screen().columns) == 3
