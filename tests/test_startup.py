"""Structural start-up checks: what a command imports, not how long it takes."""

import subprocess
import sys

PROBE = """
import sys
from ckr.cli import main
try:
    main()
except SystemExit:
    pass
print("rich imported:", any(m == "rich" or m.startswith("rich.") for m in sys.modules))
"""


def run_probe(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_version_prints_program_and_dataset_without_importing_rich():
    output = run_probe("--version")
    assert output.startswith("ckr 0.1.0\ndataset ")
    assert "rich imported: False" in output


def test_piped_output_does_not_import_rich():
    output = run_probe("timeline", "--limit", "1")
    assert output.startswith("date\ttitle\tcategory\tconfidence\n")
    assert "rich imported: False" in output


def test_python_dash_m_ckr_works():
    result = subprocess.run(
        [sys.executable, "-m", "ckr", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("ckr 0.1.0")
