"""ckr export: a SQLite copy of the dataset, never overwriting by surprise."""

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from ckr import export as exporter
from conftest import MINI


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            name for (name,) in db.execute("select name from sqlite_master where type = 'table'")
        ]
        return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


def test_tables_hold_what_the_json_output_holds(run, tmp_path):
    target = tmp_path / "ckr.db"
    result = run("export", str(target))
    assert result.exit_code == 0 and f"wrote {target}" in result.stderr
    rows = counts(target)
    assert rows["events"] == len(json.loads(run("timeline", "-f", "json").output))
    assert rows["claims"] == len(json.loads(run("claims", "-f", "json").output))
    assert rows["sources"] == len(json.loads(run("sources", "-f", "json").output))
    domains = json.loads(run("domains", "-f", "json").output)
    assert rows["domains"] == len(domains)
    assert rows["figures"] == sum(len(d["figures"]) for d in domains)
    assert rows["agreements"] == sum(len(d["agreements"]) for d in domains)
    assert rows["visa_rules"] == 5 and rows["visa_rule_sources"] == 6


def test_foreign_keys_hold_and_join(run, tmp_path):
    target = tmp_path / "ckr.db"
    run("export", str(target))
    with sqlite3.connect(target) as db:
        assert db.execute("pragma foreign_key_check").fetchall() == []
        joined = db.execute(
            "select s.publisher from events e join event_sources l on l.event_id = e.id "
            "join sources s on s.id = l.source_id where e.id = '2006-eps' order by s.publisher"
        ).fetchall()
    assert joined == [("Agency C",), ("Paper A",)]


def test_refuses_to_overwrite_without_force(run, tmp_path):
    target = tmp_path / "mine.db"
    target.write_text("my own file")
    result = run("export", str(target))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {target} exists; use --force to replace it"
    assert target.read_text() == "my own file"
    assert run("export", str(target), "--force").exit_code == 0
    assert counts(target)["events"] == 4


def test_never_writes_over_the_dataset_it_reads(run, data_file, mini_data):
    path = data_file(mini_data)
    before = path.read_bytes()
    result = run("export", str(path), "--force")
    assert result.exit_code == 1
    assert "is the dataset being read" in result.stderr
    assert path.read_bytes() == before


def test_a_failure_leaves_neither_a_half_file_nor_a_temporary_one(run, tmp_path, monkeypatch):
    def fail_midway(connection, data):
        connection.execute("insert into metadata values ('x', 'y')")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(exporter, "_insert_all", fail_midway)
    target = tmp_path / "ckr.db"
    result = run("export", str(target))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"Error: {target}: the database could not be written (disk I/O error)"
    )
    assert os.listdir(tmp_path) == []


def test_termination_midway_leaves_no_temporary_file(tmp_path):
    # SIGTERM (kill, timeout, a cancelled CI job) arrives while rows are being written.
    # In a child process: if ckr did not handle it, the signal would end the test run.
    script = f"""
import os, signal, sys
from ckr import export
def terminated_midway(connection, data):
    connection.execute("insert into metadata values ('x', 'y')")
    os.kill(os.getpid(), signal.SIGTERM)
export._insert_all = terminated_midway
sys.argv = ["ckr", "--data", {str(MINI)!r}, "export", {str(tmp_path / "ckr.db")!r}]
from ckr.launch import main
main()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("target", ["", " ", "/"])
def test_bad_targets_are_refused(run, target):
    assert run("export", target).exit_code in (1, 2)


def test_special_files_and_links_are_never_replaced(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    real = tmp_path / "real.db"
    real.write_text("keep me")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    for target in (fifo, link):
        result = run("export", str(target), "--force")
        assert result.exit_code == 1
        assert f"{target} is not a regular file" in result.stderr
    assert real.read_text() == "keep me" and link.is_symlink()
    assert run("export", str(tmp_path), "--force").exit_code == 2  # a folder: bad usage


def test_the_new_file_follows_the_umask(run, tmp_path):
    target = tmp_path / "ckr.db"
    old = os.umask(0o022)
    try:
        run("export", str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_the_success_message_escapes_control_characters(run, tmp_path):
    target = tmp_path / "a\x1b[31mb.db"
    result = run("export", str(target))
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "\\x1b[31m" in result.stderr
