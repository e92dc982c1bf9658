"""Real processes in odd environments: closed pipes, Ctrl-C, the C locale."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import MINI

CKR = [sys.executable, "-m", "ckr"]


def ckr_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKR_")}
    return {**env, "CKR_DATA": str(MINI), "CKR_TODAY": "2026-11-25", **extra}


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("args", [["timeline"], ["timeline", "-f", "json"], ["visa"]])
def test_reader_closing_the_pipe_early_is_not_an_error(args, unbuffered):
    # A big dataset is not needed: the reader closes before ckr writes anything.
    # Unbuffered, the write itself fails; buffered, the final flush does.
    env = ckr_env(PYTHONUNBUFFERED=unbuffered)
    reader = subprocess.Popen(CKR + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reader.stdout.close()
    code = reader.wait(timeout=30)
    assert (code, reader.stderr.read()) == (0, b"")


@pytest.mark.parametrize(
    "args", [["timeline", "--chart"], ["domains", "trade"], ["visa", "--compare"]]
)
def test_a_closed_pipe_under_a_forced_terminal_table_is_not_an_error(args):
    env = ckr_env(CKR_FORCE_TTY="1", COLUMNS="80")
    reader = subprocess.Popen(CKR + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    reader.stdout.close()
    code = reader.wait(timeout=30)
    assert (code, reader.stderr.read()) == (0, b"")


def test_validate_keeps_its_verdict_when_the_reader_leaves(tmp_path):
    # `ckr validate bad.json | head` in a script with pipefail must still fail.
    data = json.loads(MINI.read_text(encoding="utf-8"))
    for event in data["events"]:
        event["date"] = "2023-02-30"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    reader = subprocess.Popen(
        CKR + ["validate", str(bad)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ckr_env()
    )
    reader.stdout.close()
    assert reader.wait(timeout=30) == 1
    assert b"Traceback" not in reader.stderr.read()


def test_head_dash_1_in_a_shell_pipeline():
    result = subprocess.run(
        " ".join(CKR) + " timeline | head -1; echo status=${PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=ckr_env(),
    )
    header = "id\tdate\ttitle\tsummary\tcategory\tnote\tconfidence\tsources\tbest_source\t"
    assert result.stdout == header + "best_source_kind\tsingle_source\nstatus=0\n"
    assert "Error" not in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_exits_130_without_a_traceback(tmp_path):
    # ckr reads its dataset from a FIFO: once it has opened it (a writer's non-blocking
    # open succeeds only then), it waits for data, and that is when it gets Ctrl-C.
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        CKR + ["timeline"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ckr_env(CKR_DATA=str(fifo)),
        # A shell starts background jobs with Ctrl-C ignored, and children inherit that;
        # start ckr as a terminal would, whatever started these tests.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    writer = _open_when_read(fifo, deadline=time.monotonic() + 60)
    try:
        assert _interrupt(process) == 130
    finally:
        os.close(writer)
    assert process.stderr.read().decode() == "Error: interrupted\n"  # one line, no blank


def _interrupt(process: subprocess.Popen) -> int:
    """Press Ctrl-C until the process ends, as a person would: a signal that lands just
    before a blocking read is noted by Python but does not wake the read; the next does."""
    for _ in range(60):
        process.send_signal(signal.SIGINT)
        try:
            return process.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            continue
    raise AssertionError("Ctrl-C did not stop ckr")


def _open_when_read(fifo, deadline: float) -> int:
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def test_c_locale_prints_non_ascii_data():
    result = subprocess.run(
        CKR + ["--version"], capture_output=True, env=ckr_env(LC_ALL="C", LANG="C")
    )
    assert result.returncode == 0
    assert "dataset test-1" in result.stdout.decode()


def test_c_locale_table_with_non_ascii_text():
    result = subprocess.run(
        CKR + ["timeline", "-f", "table"],
        capture_output=True,
        env=ckr_env(LC_ALL="C", LANG="C", COLUMNS="100"),
    )
    assert result.returncode == 0
    assert "4 events · 3 resting on a single page · dataset test-1" in result.stdout.decode("utf-8")
