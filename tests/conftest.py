"""Shared helpers: run ckr as a user would, on a small known dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ckr.cli import cli

MINI = Path(__file__).parent / "data" / "mini.json"
TODAY = "2026-11-25"


@pytest.fixture
def run(monkeypatch):
    """run("timeline", "--from", "2020") -> click Result, on tests/data/mini.json."""
    monkeypatch.setenv("CKR_TODAY", TODAY)
    monkeypatch.setenv("CKR_DATA", str(MINI))
    for name in ("NO_COLOR", "FORCE_COLOR", "CKR_FORCE_TTY", "COLUMNS", "CKR_DEBUG"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None):
        return CliRunner().invoke(cli, list(args), env=env)

    return invoke


@pytest.fixture
def terminal(run):
    """Like run, but ckr formats its output as for a terminal of a given width."""

    def invoke(*args: str, width: int = 100, env: dict[str, str] | None = None):
        return run(*args, env={"CKR_FORCE_TTY": "1", "COLUMNS": str(width), **(env or {})})

    return invoke


@pytest.fixture
def shipped(monkeypatch):
    """Run ckr on the dataset that ships with it."""
    monkeypatch.delenv("CKR_DATA", raising=False)
    monkeypatch.setenv("CKR_TODAY", TODAY)

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args))

    return invoke


def tsv_rows(output: str) -> list[dict[str, str]]:
    """TSV read as the README says to: Python's csv module, excel-tab dialect."""
    import csv
    import io

    return list(csv.DictReader(io.StringIO(output), dialect="excel-tab", strict=True))


@pytest.fixture
def mini_data() -> dict:
    return json.loads(MINI.read_text(encoding="utf-8"))


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    """Write a dataset (dict or raw text/bytes) to a file and point CKR_DATA at it."""

    def write(content) -> Path:
        path = tmp_path / "data.json"
        if isinstance(content, dict):
            content = json.dumps(content)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        monkeypatch.setenv("CKR_DATA", str(path))
        return path

    return write


def markdown_rows(output: str) -> list[dict[str, str]]:
    """A `--format markdown` table as one dict per row, keyed by the column headers (cells as
    written, Markdown escapes included)."""

    def cells(line: str) -> list[str]:
        return line.removeprefix("| ").removesuffix(" |").split(" | ")

    lines = [line for line in output.splitlines() if line.startswith("| ")]
    header = cells(lines[0])
    return [dict(zip(header, cells(line), strict=True)) for line in lines[2:]]  # after ---
