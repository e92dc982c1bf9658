"""ckr export: a SQLite copy of the dataset, never overwriting by surprise."""

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ckr.export import files
from ckr.export import sqlite as exporter
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
    assert rows["visa"] == 5 and rows["visa_sources"] == 6


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
from ckr.export import sqlite as export
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


# The one way to make a file (ckr.export.files): whichever way the file system offers to
# publish it, a file that appears under the name while the export runs is never replaced.
def _without_renameat2(monkeypatch):
    monkeypatch.setattr(files, "_rename_noreplace", lambda source, target: False)


def _without_links_either(monkeypatch):
    _without_renameat2(monkeypatch)

    def no_links(source, target):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)


@pytest.mark.parametrize("publish", ["renameat2", "link", "placeholder"])
def test_a_file_made_while_the_export_runs_is_never_replaced(run, tmp_path, monkeypatch, publish):
    if publish == "renameat2" and files._renameat2() is None:
        pytest.skip("no renameat2 here")
    if publish == "link":
        _without_renameat2(monkeypatch)
    if publish == "placeholder":
        _without_links_either(monkeypatch)
    target = tmp_path / "race.db"
    write = exporter.write

    def someone_else_writes_first(data, path):
        write(data, path)
        target.write_text("theirs")  # after ckr's check that the name is free

    monkeypatch.setattr(exporter, "write", someone_else_writes_first)
    result = run("export", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target} exists; use --force to replace it\n"
    assert target.read_text() == "theirs"
    assert os.listdir(tmp_path) == ["race.db"]  # no temporary file left either


@pytest.mark.parametrize("publish", ["link", "placeholder"])
def test_each_way_of_publishing_writes_the_database(run, tmp_path, monkeypatch, publish):
    (_without_renameat2 if publish == "link" else _without_links_either)(monkeypatch)
    target = tmp_path / "ckr.db"
    assert run("export", str(target)).exit_code == 0
    assert counts(target)["events"] == 4
    assert os.listdir(tmp_path) == ["ckr.db"]


def test_force_replaces_in_one_step(run, tmp_path, monkeypatch):
    target = tmp_path / "ckr.db"
    target.write_text("old")
    replaced = []
    monkeypatch.setattr(files.os, "replace", lambda a, b: replaced.append(b) or os.rename(a, b))
    assert run("export", str(target), "--force").exit_code == 0
    assert replaced == [str(target)] and counts(target)["events"] == 4


def test_a_path_through_a_link_lands_where_the_kernel_says(run, tmp_path):
    # link/../x.db is the parent of the link's target, not of the link: the temporary file
    # must go there too (else renaming across file systems fails).
    (tmp_path / "elsewhere" / "inner").mkdir(parents=True)
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "link").symlink_to(tmp_path / "elsewhere" / "inner")
    result = run("export", str(tmp_path / "here" / "link" / ".." / "x.db"))
    assert result.exit_code == 0, result.stderr
    assert counts(tmp_path / "elsewhere" / "x.db")["events"] == 4
    assert sorted(os.listdir(tmp_path / "elsewhere")) == ["inner", "x.db"]
    assert os.listdir(tmp_path / "here") == ["link"]


def test_dash_is_refused_rather_than_made_a_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "-")
    assert result.exit_code == 2
    assert "a SQLite database cannot go to standard output" in result.stderr
    assert os.listdir(tmp_path) == []
    assert run("export", "./-").exit_code == 0 and counts(tmp_path / "-")["events"] == 4


@pytest.mark.parametrize("target", ["sub/", "sub/.", "sub/.."])
def test_a_folder_name_is_refused(run, tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = run("export", target)
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert os.listdir(tmp_path / "sub") == []


def test_a_new_folder_is_published_whole_or_not_at_all(tmp_path):
    target = tmp_path / "package"
    with files.new_folder(str(target)) as temporary:
        (Path(temporary) / "a.csv").write_text("x")
    assert os.listdir(target) == ["a.csv"]
    with pytest.raises(files.TargetExists):
        with files.new_folder(str(target)):
            pass
    with pytest.raises(RuntimeError):
        with files.new_folder(str(tmp_path / "broken")) as temporary:
            (Path(temporary) / "half.csv").write_text("x")
            raise RuntimeError("disk full")
    assert sorted(os.listdir(tmp_path)) == ["package"]


def test_a_folder_made_in_the_meantime_is_kept(tmp_path, monkeypatch):
    _without_renameat2(monkeypatch)
    target = tmp_path / "package"
    with pytest.raises(files.TargetExists):
        with files.new_folder(str(target)) as temporary:
            (Path(temporary) / "ours.csv").write_text("x")
            target.mkdir()
            (target / "theirs.txt").write_text("keep")
    assert os.listdir(target) == ["theirs.txt"]
    assert os.listdir(tmp_path) == ["package"]


def test_a_folder_filled_after_ckr_claimed_its_name_is_kept(tmp_path, monkeypatch):
    _without_renameat2(monkeypatch)
    target = tmp_path / "package"
    mkdir = os.mkdir

    def someone_fills_it(path, *args):
        mkdir(path, *args)
        if str(path) == str(target):
            (target / "theirs.txt").write_text("keep")

    monkeypatch.setattr(files.os, "mkdir", someone_fills_it)
    with pytest.raises(files.TargetExists, match="package exists; choose a new name"):
        with files.new_folder(str(target)) as temporary:
            (Path(temporary) / "ours.csv").write_text("x")
    assert os.listdir(target) == ["theirs.txt"]
    assert os.listdir(tmp_path) == ["package"]


def test_figures_agreements_and_notes_keep_their_stable_ids(run, tmp_path, mini_data):
    target = tmp_path / "ckr.db"
    run("export", str(target))
    with sqlite3.connect(target) as db:
        figures = db.execute("select id, domain, value, unit from figures order by id").fetchall()
        links = db.execute("select figure_id from figure_sources order by 1").fetchall()
    expected = sorted(
        (f["id"], d["id"], f["value"], f["unit"])
        for d in mini_data["domains"]
        for f in d.get("figures", [])
    )
    assert figures == expected
    assert {i for (i,) in links} == {f[0] for f in expected}


def test_country_columns_point_at_named_countries(run, tmp_path):
    target = tmp_path / "ckr.db"
    run("export", str(target))
    with sqlite3.connect(target) as db:
        names = db.execute(
            "select v.id, n.name, d.name from visa v join countries n on n.code = v.nationality "
            "join countries d on d.code = v.destination where v.id = 'kh-kr'"
        ).fetchall()
        keys = db.execute("pragma foreign_key_list(visa)").fetchall()
    assert names == [("kh-kr", "South Korea", "Cambodia")]
    assert {(k[2], k[3], k[4]) for k in keys} == {
        ("countries", "nationality", "code"),
        ("countries", "destination", "code"),
    }


def test_full_text_search_works_with_sqlite_utils(run, tmp_path):
    target = tmp_path / "ckr.db"
    run("export", str(target))
    search = [sys.executable, "-m", "sqlite_utils", "search", str(target)]
    found = subprocess.run([*search, "events", "restored", "--csv"], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert "1997-restored" in found.stdout and "2006-eps" not in found.stdout
    notes = subprocess.run([*search, "visa", "possible", "--csv"], capture_output=True, text=True)
    assert "kh-kr" in notes.stdout
