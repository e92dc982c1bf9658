"""Faults: ckr keeps its promises when its world misbehaves.

One line on stderr, exit codes 0, 1, 2, 130 (128+N for other signals), no traceback,
nothing the user owns overwritten, no half-written file: standard output closed, full or
ASCII-only; endless and deeply nested files; odd terminal sizes; sizes that used to take
minutes; every catchable signal during an export; exports racing for one name. (Hostile
text is tests/test_hostile.py.)

Real processes where only a real process shows the fault; they start together, so the
whole file takes a few seconds. The soak test at the end runs briefly here; for a long
run (see the README):

    CKR_SOAK_RUNS=200 pytest tests/test_faults.py -k soak
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import MINI

CKR = [sys.executable, "-m", "ckr"]
HAS_DEV_FULL = os.path.exists("/dev/full")


def ckr_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKR_", "PYTHON"))}
    env.pop("COLUMNS", None)
    env.pop("NO_COLOR", None)
    return {**env, "CKR_DATA": str(MINI), "CKR_TODAY": "2026-11-25", **extra}


@dataclass
class Case:
    """One ckr process: its arguments, environment, and what its stdout is."""

    args: list[str]
    stdout: str = "pipe"  # "pipe", "closed", "full", or "reader-left"
    stderr: str = "pipe"  # "pipe", "closed" or "full"
    env: dict[str, str] | None = None
    cwd: str | None = None


@dataclass
class Outcome:
    code: int
    out: bytes
    err: str

    def one_error_line(self) -> str:
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert "Traceback" not in self.err and "Exception ignored" not in self.err
        return lines[0]


def run_all(cases: list[Case]) -> list[Outcome]:
    """Start every case at once, then collect them: the suite waits once, not N times."""
    started = []
    for case in cases:
        closing = [fd for fd, how in ((1, case.stdout), (2, case.stderr)) if how == "closed"]
        full = open("/dev/full", "wb") if "full" in (case.stdout, case.stderr) else None  # noqa: SIM115
        process = subprocess.Popen(
            CKR + case.args,
            stdout=full if case.stdout == "full" else subprocess.PIPE,
            stderr=full if case.stderr == "full" else subprocess.PIPE,
            env=case.env or ckr_env(),
            cwd=case.cwd,
            preexec_fn=(lambda fds=closing: [os.close(fd) for fd in fds]) if closing else None,
        )
        if full:
            full.close()
        if case.stdout == "reader-left" and process.stdout:
            process.stdout.close()  # before ckr writes a thing
        started.append(process)
    outcomes = []
    for process in started:
        out = process.stdout.read() if process.stdout and not process.stdout.closed else b""
        err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        outcomes.append(Outcome(process.wait(timeout=60), out, err))
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    return outcomes


# --- standard output and error that cannot be written --------------------------------


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_unwritable_standard_output_is_one_error_line_and_exit_1(tmp_path):
    full = "Error: cannot write to standard output (No space left on device)"
    closed = "Error: cannot write to standard output (Bad file descriptor)"
    cases = {
        "timeline, closed": (Case(["timeline"], stdout="closed"), closed),
        "timeline, full": (Case(["timeline"], stdout="full"), full),
        "table, full": (
            Case(["timeline"], stdout="full", env=ckr_env(CKR_FORCE_TTY="1", COLUMNS="80")),
            full,
        ),
        "json, unbuffered": (
            Case(["timeline", "-f", "json"], stdout="full", env=ckr_env(PYTHONUNBUFFERED="1")),
            full,
        ),
        "help, full": (Case(["--help"], stdout="full"), full),
        "quick version, full": (
            Case(["--version"], stdout="full", env={**ckr_env(), "CKR_DATA": ""}),
            full,
        ),
        "quick version, closed": (
            Case(["--version"], stdout="closed", env={**ckr_env(), "CKR_DATA": ""}),
            closed,
        ),
    }
    outcomes = run_all([case for case, _ in cases.values()])
    for name, outcome, (_, expected) in zip(cases, outcomes, cases.values(), strict=True):
        assert (outcome.code, outcome.one_error_line()) == (1, expected), name


def test_commands_that_print_nothing_do_not_fail_on_a_closed_stdout(tmp_path):
    bad = tmp_path / "bad.json"
    data = json.loads(MINI.read_text(encoding="utf-8"))
    data["events"][0]["date"] = "2023-02-30"
    bad.write_text(json.dumps(data), encoding="utf-8")
    clean, broken, export, export_quiet = run_all(
        [
            Case(["validate", str(MINI)], stdout="closed"),
            Case(["validate", str(bad)], stdout="closed"),
            Case(["export", str(tmp_path / "a.db")], stdout="closed"),
            # Nowhere to say "wrote": the file is in place, so the export succeeded.
            Case(["export", str(tmp_path / "b.db")], stdout="closed", stderr="closed"),
        ]
    )
    assert (clean.code, clean.one_error_line()) == (0, f"{MINI}: no problems")
    assert broken.code == 1
    assert broken.one_error_line() == "Error: cannot write to standard output (Bad file descriptor)"
    assert (export.code, export.one_error_line()) == (0, f"wrote {tmp_path / 'a.db'}")
    assert export_quiet.code == 0
    assert sorted(os.listdir(tmp_path)) == ["a.db", "b.db", "bad.json"]


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_a_full_stderr_keeps_the_exit_code(tmp_path):
    usage, export = run_all(
        [
            Case(["timeline", "--category", "nope"], stderr="full"),
            Case(["export", str(tmp_path / "x.db")], stderr="full"),
        ]
    )
    assert (usage.code, usage.out) == (2, b"")
    assert export.code == 0 and os.listdir(tmp_path) == ["x.db"]


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_reader_that_left_before_version_or_help_is_no_error(unbuffered):
    env = {**ckr_env(PYTHONUNBUFFERED=unbuffered)}
    quick_env = {**env, "CKR_DATA": ""}  # the shipped dataset: answered before click loads
    outcomes = run_all(
        [
            Case(["--version"], stdout="reader-left", env=quick_env),
            Case(["--version"], stdout="reader-left", env=env),
            Case(["--help"], stdout="reader-left", env=env),
            Case(["timeline", "--help"], stdout="reader-left", env=env),
        ]
    )
    assert [(o.code, o.err) for o in outcomes] == [(0, "")] * 4


def test_ascii_only_output_escapes_what_it_cannot_show():
    hostile = {"PYTHONIOENCODING": "ascii"}
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    outcomes = run_all(
        [
            Case(["timeline", "-f", "table"], env=ckr_env(COLUMNS="200", **hostile)),
            Case(["timeline", "-f", "table"], env=ckr_env(COLUMNS="200", **c_locale)),
            Case(["show", "2006-eps"], env=ckr_env(CKR_FORCE_TTY="1", **hostile)),
            Case(["timeline", "--chart"], env=ckr_env(CKR_FORCE_TTY="1", **c_locale)),
            # What click writes itself (help, errors) is escaped the same way.
            Case(["--help"], env=ckr_env(**hostile)),
            Case(["timeline", "--category", "é"], env=ckr_env(**hostile)),
        ]
    )
    *listings, helped, refused = outcomes
    for outcome in listings + [helped]:
        assert outcome.code == 0 and outcome.err == "", outcome.err
        assert outcome.out.isascii()
    assert b"Cambodia\\u2013South Korea" in helped.out
    assert refused.code == 2 and refused.err.isascii()
    assert refused.one_error_line().startswith("Error: Invalid value for '--category': no")
    assert "'\\xe9'" in refused.err
    for outcome in outcomes[:2]:
        assert b"4 events \\xb7 3 resting on a single page \\xb7 dataset test-1" in outcome.out


# --- size and depth bombs --------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 600, 5_000, 200_000])
@pytest.mark.parametrize("command", ["validate", "timeline"])
def test_arrays_nested_deep_inside_a_field_are_reported_in_one_line(
    run, data_file, mini_data, depth, command
):
    text = json.dumps(mini_data)
    text = text.replace('"Full relations restored"', "[" * depth + "]" * depth, 1)
    path = data_file(text)
    index = [e["title"] for e in mini_data["events"]].index("Full relations restored")
    result = run(command)
    assert result.exit_code == 1
    expected = f"$.events[{index}].title: Expected `str`, got `array`"
    if command == "validate":
        assert result.stdout == expected + "\n"
        assert result.stderr == f"{path}: 1 problem\n"
    else:
        assert result.stderr == f"Error: {path}: {expected}\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize(
    "command", [["timeline"], ["validate"], ["--version"], ["diff", str(MINI), "{device}"]]
)
def test_an_endless_file_stops_at_the_size_limit(run, device, command):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    command = [word.replace("{device}", device) for word in command]
    result = run(*command, env={"CKR_DATA": device, "CKR_MAX_BYTES": str(2**20)})
    assert result.exit_code == 1
    problem = "is larger than the limit of 1 MiB (set CKR_MAX_BYTES to raise it)"
    if command == ["validate"]:
        assert result.stdout == f"$: {problem}\n"
    else:
        assert result.stderr == f"Error: {device}: {problem}\n"


def test_a_file_over_the_limit_is_refused_before_it_is_read(run, data_file, mini_data):
    size = len(data_file(mini_data).read_bytes())
    refused = run("timeline", env={"CKR_MAX_BYTES": str(size - 1)})
    assert refused.exit_code == 1
    assert refused.stderr.endswith(
        f"is larger than the limit of {size - 1:,} bytes (set CKR_MAX_BYTES to raise it)\n"
    )
    assert run("timeline", env={"CKR_MAX_BYTES": str(size)}).exit_code == 0


@pytest.mark.parametrize("value", ["x", "0", "-5", "1e9", "²", "٣"])
def test_a_bad_size_limit_is_a_usage_error(run, value):
    result = run("timeline", env={"CKR_MAX_BYTES": value})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: CKR_MAX_BYTES: {value!r} is not a number of bytes")


# --- odd terminal sizes ----------------------------------------------------------------

ODD_SIZES = ["²", "٣", "𝟠𝟘", "0", "1", "-5", "abc", " 80 ", "", "1000000000", "9" * 40]
VIEWS = [
    ["timeline"],
    ["timeline", "--chart"],
    ["domains", "trade", "--chart"],
    ["visa", "--compare"],
    ["show", "2006-eps"],
    ["search", "labour"],
]


@pytest.mark.parametrize("size", ODD_SIZES)
def test_odd_terminal_sizes_draw_within_bounds(run, size):
    for args in VIEWS:
        result = run(*args, env={"CKR_FORCE_TTY": "1", "COLUMNS": size, "LINES": size})
        assert (result.exit_code, result.stderr) == (0, ""), (args, result.stderr)
        widest = max(len(line) for line in result.stdout.splitlines())
        assert 20 <= widest <= 1000, (args, widest)


def test_a_huge_width_is_capped_at_a_thousand_columns(run):
    env = {"CKR_FORCE_TTY": "1", "COLUMNS": "1000000000", "NO_COLOR": "1"}
    bars = run("timeline", "--chart", env=env).stdout.splitlines()
    assert max(len(line) for line in bars) == 1000


# --- sizes that used to take minutes ----------------------------------------------------


def test_show_is_linear_in_a_records_references(run, data_file, mini_data):
    # Each reference used to be looked up by scanning every record: 40,000 references to
    # 40,000 events took minutes. Linear, this takes a fraction of a second; the bound is
    # loose so a slow machine does not fail it.
    import time

    count = 20_000
    event = mini_data["events"][0]
    mini_data["events"] += [{**event, "id": f"e{i}", "title": f"Event {i}"} for i in range(count)]
    mini_data["claims"][0]["events"] = [f"e{i}" for i in range(count)]
    data_file(mini_data)
    start = time.perf_counter()
    result = run("show", mini_data["claims"][0]["id"], "-f", "json")
    assert time.perf_counter() - start < 10
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["events"]) == count


def test_one_very_long_word_is_folded_in_linear_time(run, data_file, mini_data):
    import time

    mini_data["events"][0]["title"] = "ʬ" * 100_000
    data_file(mini_data)
    start = time.perf_counter()
    result = run("timeline", env={"CKR_FORCE_TTY": "1", "COLUMNS": "100", "NO_COLOR": "1"})
    assert time.perf_counter() - start < 10
    assert result.exit_code == 0
    assert result.stdout.count("ʬ") == 100_000  # folded over lines, none lost


# --- signals and races while a file is written ----------------------------------------


def _make_big(folder, count: int):
    sys.path.insert(0, str(MINI.parent.parent.parent / "benchmarks"))
    try:
        from make_big import big_dataset as make
    finally:
        sys.path.pop(0)
    path = folder / f"big-{count}.json"
    path.write_text(json.dumps(make(count)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory):
    """A valid dataset whose export takes long enough to be interrupted midway."""
    return _make_big(tmp_path_factory.mktemp("big"), 20_000)


@pytest.fixture(scope="module")
def racing_dataset(tmp_path_factory):
    """Big enough that racing exports all find the name free before one publishes."""
    return _make_big(tmp_path_factory.mktemp("race"), 5_000)


def _start_export(big: str, folder, ignored: tuple[int, ...] = ()) -> subprocess.Popen:
    from ckr.export.files import CAUGHT

    def as_from_a_terminal() -> None:
        # Whatever started the tests may have left signals ignored; children inherit that.
        import signal

        for signum in CAUGHT:
            signal.signal(signum, signal.SIG_IGN if signum in ignored else signal.SIG_DFL)

    return subprocess.Popen(
        CKR + ["export", "ckr.db"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ckr_env(CKR_DATA=big),
        preexec_fn=as_from_a_terminal,
    )


def _when_writing(process: subprocess.Popen, folder, deadline: float = 60) -> bool:
    """Wait until the export's temporary file appears: ckr is writing the database."""
    import time

    end = time.monotonic() + deadline
    while time.monotonic() < end and process.poll() is None:
        if any(name.startswith(".ckr-") for name in os.listdir(folder)):
            return True
        time.sleep(0.002)
    return False


def test_every_catchable_signal_during_export_removes_the_temporary_file(big_dataset, tmp_path):
    import signal

    from ckr.export.files import CAUGHT

    started = []
    for signum in CAUGHT:
        folder = tmp_path / signal.Signals(signum).name
        folder.mkdir()
        started.append((signum, folder, _start_export(str(big_dataset), folder)))
    for signum, folder, process in started:
        assert _when_writing(process, folder), signal.Signals(signum).name
        process.send_signal(signum)
    for signum, folder, process in started:
        name = signal.Signals(signum).name
        code = process.wait(timeout=60)
        err = process.stderr.read().decode()
        process.stdout.close(), process.stderr.close()
        expected = "Error: interrupted" if signum == signal.SIGINT else f"Error: stopped by {name}"
        assert (code, err) == (128 + signum, expected + "\n"), name
        assert os.listdir(folder) == [], name  # no temporary file, no half database


def test_a_signal_ignored_at_start_stays_ignored(big_dataset, tmp_path):
    # `nohup ckr export ...`: a hangup must not stop it.
    import signal
    import sqlite3

    process = _start_export(str(big_dataset), tmp_path, ignored=(signal.SIGHUP,))
    assert _when_writing(process, tmp_path)
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=60) == 0
    process.stdout.close(), process.stderr.close()
    assert os.listdir(tmp_path) == ["ckr.db"]
    with sqlite3.connect(tmp_path / "ckr.db") as db:
        assert db.execute("select count(*) from events").fetchone() == (20_000,)


def test_concurrent_exports_to_one_name_exactly_one_wins(racing_dataset, tmp_path):
    import sqlite3

    racers = [_start_export(str(racing_dataset), tmp_path) for _ in range(8)]
    results = []
    for process in racers:
        code = process.wait(timeout=120)
        results.append((code, process.stderr.read().decode()))
        process.stdout.close(), process.stderr.close()
    assert (
        sorted(results)
        == [(0, "wrote ckr.db\n")] + [(1, "Error: ckr.db exists; use --force to replace it\n")] * 7
    )
    assert os.listdir(tmp_path) == ["ckr.db"]
    with sqlite3.connect(tmp_path / "ckr.db") as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
        assert db.execute("select count(*) from events").fetchone() == (5_000,)


# --- a long run: as long as you like with CKR_SOAK_RUNS --------------------------------


def test_soak_signals_at_random_moments_of_an_export(big_dataset, tmp_path):
    """A signal at any moment, from start-up to the end: afterwards there is no temporary
    file, and either no database or a whole one. CKR_SOAK_RUNS=200 makes a long run."""
    import random
    import signal
    import sqlite3
    import time

    from ckr.export.files import CAUGHT

    runs = int(os.environ.get("CKR_SOAK_RUNS", "4"))
    seed = int(os.environ.get("CKR_SOAK_SEED", str(random.randrange(2**32))))
    chance = random.Random(seed)
    for batch in range(0, runs, 4):  # four at a time, so the machine stays responsive
        started = []
        for run in range(batch, min(batch + 4, runs)):
            folder = tmp_path / str(run)
            folder.mkdir()
            signum, delay = chance.choice(CAUGHT), chance.uniform(0, 1.5)
            started.append((signum, delay, folder, _start_export(str(big_dataset), folder)))
        begun = time.monotonic()
        for signum, delay, _folder, process in sorted(started, key=lambda s: s[1]):
            time.sleep(max(0.0, begun + delay - time.monotonic()))
            if process.poll() is None:
                process.send_signal(signum)
        for signum, delay, folder, process in started:
            code = process.wait(timeout=120)
            err = process.stderr.read().decode()
            process.stdout.close(), process.stderr.close()
            what = f"seed {seed}: {signal.Signals(signum).name} after {delay:.3f}s"
            # Killed before ckr set its handlers (-N), stopped cleanly (128+N), or done (0).
            assert code in (0, 128 + signum, -signum), (what, code, err)
            assert "Traceback" not in err, (what, err)
            left = os.listdir(folder)
            assert left in ([], ["ckr.db"]), (what, left)
            if left:
                with sqlite3.connect(folder / "ckr.db") as db:
                    assert db.execute("select count(*) from events").fetchone() == (20_000,)
