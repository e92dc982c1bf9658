"""ckr diff: records added, removed and changed between two dataset files."""

import copy
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ckr.cli import cli
from conftest import MINI, tsv_rows

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def files(tmp_path, mini_data):
    """files(change) -> (old path, new path): mini.json, and a copy `change` edited."""

    def write(change) -> tuple[str, str]:
        new = copy.deepcopy(mini_data)
        change(new)
        path = tmp_path / "new.json"
        path.write_text(json.dumps(new), encoding="utf-8")
        return str(MINI), str(path)

    return write


def edit(data):
    data["metadata"]["version"] = "test-2"
    data["events"][0]["title"] = "Strategic partnership signed"
    data["events"][2]["sources"].remove("agency-c")
    del data["events"][1]  # 1997-restored, which claim-ties-1997 cites
    data["claims"][0]["events"] = []
    data["visa"][2]["max_stay_days"] = 90
    data["visa"].append({**data["visa"][0], "id": "kh-jp", "nationality": "JP"})
    trade = data["domains"][0]
    trade["summary"] = "Goods and services."
    trade["figures"][1]["value"] = 780
    del trade["figures"][2]
    trade["agreements"].append(
        {
            "id": "trade-fta-in-force",
            "name": "FTA in force",
            "date": "2022-12",
            "sources": ["paper-b"],
        }
    )


def test_each_difference_is_a_row_by_kind_in_the_order_of_the_files(run, files):
    rows = tsv_rows(run("diff", *files(edit)).output)
    assert [tuple(row.values()) for row in rows] == [
        ("metadata", "metadata", "changed", "version", "test-1", "test-2"),
        ("event", "2024-partnership", "changed", "title", "Strategic partnership agreed",
         "Strategic partnership signed"),
        ("event", "1997-restored", "removed", "", "", ""),
        ("event", "2006-eps", "changed", "sources", "paper-a;agency-c", "paper-a"),
        ("visa rule", "vn-kr-2023", "changed", "max_stay_days", "45", "90"),
        ("visa rule", "kh-jp", "added", "", "", ""),
        ("domain", "trade", "changed", "summary", "Goods trade between the two.",
         "Goods and services."),
        ("figure", "trade-two-way-trade-2022", "changed", "value", "778.92", "780"),
        ("figure", "trade-two-way-trade-2022-body-e", "removed", "", "", ""),
        ("agreement", "trade-fta-in-force", "added", "", "", ""),
        ("claim", "claim-ties-1997", "changed", "events", "1997-restored", ""),
    ]  # fmt: skip


def test_a_part_moved_to_another_domain_and_travel_details_field_by_field(run, files):
    def change(data):
        trade, labour = data["domains"]
        labour["figures"].append(trade["figures"].pop(0))
        data["visa"][0]["details"] = {
            "fee_amount": 30,
            "fee_currency": "USD",
            "sources": ["paper-b"],
        }

    rows = tsv_rows(run("diff", *files(change)).output)
    assert [tuple(row.values()) for row in rows] == [
        ("visa rule", "kh-kr", "changed", "details.fee_amount", "", "30"),
        ("visa rule", "kh-kr", "changed", "details.fee_currency", "", "USD"),
        ("visa rule", "kh-kr", "changed", "details.sources", "", "paper-b"),
        ("figure", "trade-two-way-trade-2021", "changed", "domain", "trade", "labour"),
    ]  # fmt: skip


def test_json_keeps_the_values_as_the_files_hold_them(run, files):
    records = json.loads(run("diff", *files(edit), "-f", "json").output)
    assert records[3] == {
        "kind": "event",
        "id": "2006-eps",
        "change": "changed",
        "field": "sources",
        "old": ["paper-a", "agency-c"],
        "new": ["paper-a"],
    }
    assert records[2] == {
        "kind": "event",
        "id": "1997-restored",
        "change": "removed",
        "field": None,
        "old": None,
        "new": None,
    }
    assert records[4]["new"] == 90


def test_a_table_with_the_count_and_both_versions(terminal, files):
    output = terminal("diff", *files(edit), width=120).output
    header = next(line for line in output.splitlines() if line.startswith(" Kind"))
    assert header.split() == ["Kind", "Id", "Change", "Field", "Old", "New"]
    assert "11 differences (2 added, 2 removed, 7 changed) · dataset test-1 → test-2" in output
    assert "trade-two-way-trade-2022-body-e" in output


def test_the_same_file_twice_has_no_differences(run, terminal):
    result = terminal("diff", str(MINI), str(MINI))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No differences.\n")
    assert run("diff", str(MINI), str(MINI), "--exit-code").exit_code == 0
    assert run("diff", str(MINI), str(MINI)).output == "kind\tid\tchange\tfield\told\tnew\n"


def test_differences_exit_0_unless_exit_code_is_asked_for(run, files):
    old, new = files(edit)
    assert run("diff", old, new).exit_code == 0
    result = run("diff", old, new, "--exit-code", "--fields", "id,field")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == ["id\tfield", "metadata\tversion"]


def test_records_in_another_order_are_the_same(run, files):
    old, new = files(lambda data: data["events"].reverse())
    assert run("diff", old, new).output == "kind\tid\tchange\tfield\told\tnew\n"


def test_a_file_that_cannot_be_read_is_a_data_error(run, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"metadata": 3}', encoding="utf-8")
    result = run("diff", str(MINI), str(broken))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {broken}: $.metadata: Expected `object`, got `int`\n"
    result = run("diff", str(tmp_path / "nope.json"), str(MINI))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'nope.json'}: no such file\n",
    )


def test_the_readme_example(tmp_path, monkeypatch):
    """The README's diff runs on a copy of the shipped file edited as it says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command, expected = re.search(r"```text\n\$ (ckr diff [^\n]*)\n(.*?)```", readme, re.S).groups()
    shipped = json.loads((ROOT / "data" / "ckr.json").read_text(encoding="utf-8"))
    shipped["metadata"]["version"] = "2026.12.01"
    rule = next(rule for rule in shipped["visa"] if rule["id"] == "vn-kr-2023")
    rule["max_stay_days"] = 90
    shipped["sources"].append(
        {
            "id": "example-notice",
            "kind": "official",
            "publisher": "Example Ministry",
            "title": "A new notice",
            "url": "https://example.org/notice",
            "accessed": "2026-12-01",
        }
    )
    (tmp_path / "my-copy.json").write_text(json.dumps(shipped), encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ckr.json").write_bytes((ROOT / "data" / "ckr.json").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, shlex.split(command)[1:])
    assert result.output == expected
