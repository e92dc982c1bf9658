"""ckr's speed and memory, as ratios against floors measured in the same run.

    python benchmarks/run.py            # start-up, scale at 100,000 events, growth to 1,000,000
    python benchmarks/run.py --quick    # fewer repeats, growth to 100,000

Each comparison runs the two commands alternately and takes the median wall time, so
load on the machine affects both alike. Peak memory is the child's maximum resident set.
`ckr browse` is timed in a pseudo-terminal until its first screen is painted, beside a
minimal Textual app drawing one list. Needs `ckr` installed (pip install .) and, for one
comparison, jq on the PATH.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

PYTHON = sys.executable
# The ckr installed beside this Python, not one a PATH shim (pyenv's, say) would slow down.
_BESIDE = Path(sys.executable).parent / "ckr"
CKR = [str(_BESIDE) if _BESIDE.exists() else shutil.which("ckr") or "ckr"]
SEARCH = ["timeline", "--search", "partnership", "--limit", "20", "--format", "json"]
JQ_FILTER = (
    '[.events[] | select((.title + " " + .summary + " " + (.note // "")) | ascii_downcase'
    ' | contains("partnership"))] | sort_by(.date) | .[:20]'
)
PYTHON_FLOOR = (
    "import json, sys\n"
    "d = json.load(open(sys.argv[1]))\n"
    "r = [e for e in d['events'] if 'partnership' in "
    "(e['title'] + ' ' + e['summary'] + ' ' + (e.get('note') or '')).lower()]\n"
    "r.sort(key=lambda e: e['date'])\n"
    "print(json.dumps(r[:20]))\n"
)


# ckr browse quits once its first screen is painted when this is set (ckr/browse/app.py);
# the floor below does the same: a minimal Textual app drawing one list of 51 rows.
EXIT_AFTER_FIRST_PAINT = "CKR_BROWSE_EXIT_AFTER_FIRST_PAINT"
TEXTUAL_FLOOR = (
    "from textual.app import App\n"
    "from textual.widgets import DataTable\n"
    "class One(App):\n"
    "    def compose(self):\n"
    "        yield DataTable()\n"
    "    def on_mount(self):\n"
    "        table = self.query_one(DataTable)\n"
    "        table.add_columns('Date', 'Event')\n"
    "        table.add_rows([(str(1970 + i), f'event {i}') for i in range(51)])\n"
    "        self.call_after_refresh(self.exit)\n"
    "One().run()\n"
)


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run, output discarded (piped)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def run_in_terminal(command: list[str]) -> tuple[float, float]:
    """Like run_once, in a pseudo-terminal of 80x24, for programs that draw full-screen and
    quit after their first screen (ckr browse with EXIT_AFTER_FIRST_PAINT set)."""
    import fcntl
    import pty
    import struct
    import termios

    main_end, child_end = pty.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = os.environ | {"TERM": "xterm-256color", EXIT_AFTER_FIRST_PAINT: "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=child_end,
        stdout=child_end,
        stderr=child_end,
        env=env,
        start_new_session=True,
    )
    os.close(child_end)
    while True:  # read what it draws, so it never waits on a full terminal
        try:
            if not os.read(main_end, 65536):
                break
        except OSError:  # the child end closed: the program has ended
            break
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    os.close(main_end)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def side_by_side(
    first: list[str], second: list[str], repeats: int, run=run_once
) -> tuple[dict, dict]:
    """Median time and peak memory of each command, run alternately."""
    results: list[list[tuple[float, float]]] = [[], []]
    run(first), run(second)  # warm the file cache
    for _ in range(repeats):
        for index, command in enumerate((first, second)):
            results[index].append(run(command))
    return tuple(
        {"seconds": statistics.median(t for t, _ in r), "mib": max(m for _, m in r)}
        for r in results
    )


def row(name: str, ours: dict, floor: dict, goal: float | None) -> str:
    ratio = ours["seconds"] / floor["seconds"]
    verdict = "" if goal is None else ("ok" if ratio <= goal else "MISSED")
    goal_text = f"<= {goal:g}x" if goal else ""
    return (
        f"| {name} | {ours['seconds'] * 1000:,.1f} ms | {floor['seconds'] * 1000:,.1f} ms "
        f"| {ratio:.2f}x | {goal_text} {verdict} |"
    )


def startup(repeats: int) -> list[str]:
    data = ["--data", str(HERE.parent / "data" / "ckr.json")]
    floor_rich = [PYTHON, "-c", "import click, rich.console, rich.table"]
    ours, floor = side_by_side(CKR + data + ["timeline"], floor_rich, repeats)
    lines = [row("`ckr timeline` (piped) vs `import click, rich`", ours, floor, 1.15)]
    ours, floor = side_by_side(CKR + ["--version"], [PYTHON, "-c", "pass"], repeats)
    lines.append(row("`ckr --version` vs `python -c pass`", ours, floor, 3.0))
    browse, textual = side_by_side(
        CKR + data + ["browse"], [PYTHON, "-c", TEXTUAL_FLOOR], repeats, run_in_terminal
    )
    lines.append(
        row("`ckr browse` first screen vs a Textual app of one list", browse, textual, 1.5)
    )
    return lines


def scale(folder: Path, repeats: int) -> list[str]:
    big = make_file(folder, 100_000)
    ours_cmd = CKR + ["--data", str(big)] + SEARCH
    lines = []
    if shutil.which("jq"):
        ours, jq = side_by_side(ours_cmd, ["jq", "-c", JQ_FILTER, str(big)], max(3, repeats // 4))
        lines.append(row("search 100,000 events vs jq", ours, jq, 0.5))
    else:
        lines.append("| search 100,000 events vs jq | jq not found | | | |")
    ours, floor = side_by_side(
        ours_cmd, [PYTHON, "-c", PYTHON_FLOOR, str(big)], max(3, repeats // 2)
    )
    lines.append(row("search 100,000 events vs json.load + list", ours, floor, 1.0))
    verdict = "ok" if ours["mib"] <= 400 else "MISSED"
    lines.append(
        f"| peak memory, 100,000 events | {ours['mib']:,.0f} MiB | | | <= 400 MiB {verdict} |"
    )
    return lines


def growth(folder: Path, sizes: list[int], repeats: int) -> list[str]:
    lines = ["| events | time | peak memory |", "| ---: | ---: | ---: |"]
    points = []
    for size in sizes:
        path = make_file(folder, size)
        timings = [run_once(CKR + ["--data", str(path)] + SEARCH) for _ in range(repeats)]
        seconds = statistics.median(t for t, _ in timings)
        mib = max(m for _, m in timings)
        points.append((size, seconds, mib))
        lines.append(f"| {size:,} | {seconds * 1000:,.0f} ms | {mib:,.0f} MiB |")
        path.unlink()
    for label, column in (("time", 1), ("memory", 2)):
        slope = log_slope([(p[0], p[column]) for p in points[-3:]])
        verdict = "linear or better" if slope <= 1.1 else "WORSE THAN LINEAR"
        lines.append(f"\n{label}: log-log slope over the largest sizes {slope:.2f} ({verdict})")
    return lines


def log_slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(cost) on log(size): 1.0 is linear."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(cost) for _, cost in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def make_file(folder: Path, size: int) -> Path:
    # In a child process: a large document held here would inflate the peak memory
    # measured for every command this process starts afterwards.
    path = folder / f"events-{size}.json"
    if not path.exists():
        subprocess.run(
            [PYTHON, str(HERE / "make_big.py"), str(size), str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, growth to 100,000")
    options = parser.parse_args()
    repeats = 7 if options.quick else 21
    sizes = [1_000, 10_000, 100_000] if options.quick else [1_000, 10_000, 100_000, 1_000_000]
    header = ["| measure | ckr | floor | ratio | goal |", "| --- | ---: | ---: | ---: | --- |"]
    with tempfile.TemporaryDirectory() as folder:
        print("\n".join(header + startup(repeats) + scale(Path(folder), repeats)))
        print()
        print("\n".join(growth(Path(folder), sizes, max(3, repeats // 4))))
    print(
        f"\nPython {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, "
        f"{os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
