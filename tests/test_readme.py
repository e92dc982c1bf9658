"""The README's examples are real: each `$ ckr ...` block is run and compared."""

import json
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from ckr import dataset
from ckr.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```text\n\$ (ckr [^\n]*)\n(.*?)```", re.DOTALL)
# Examples that pipe, chain or need files of their own are shown, not replayed here
# (test_diff.py replays the diff example on a copy it makes).
EXAMPLES = [
    (command, output)
    for command, output in BLOCK.findall(README)
    if not re.search(r"[|&]|export|validate|diff", command)
]


def test_the_readme_has_examples_to_check():
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("command, expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_matches_what_ckr_prints(monkeypatch, command, expected):
    monkeypatch.delenv("CKR_DATA", raising=False)
    env = {"CKR_TODAY": "2026-11-25", "NO_COLOR": "1", "CKR_FORCE_TTY": "1", "COLUMNS": "80"}
    result = CliRunner().invoke(cli, shlex.split(command)[1:], env=env)
    assert _lines(result.output) == _lines(expected)


def _lines(text: str) -> list[str]:
    """Lines without trailing spaces, and without blank lines at either end."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n").splitlines()


def test_readme_data_table_counts_the_shipped_dataset():
    """The README's "Data" table states the dataset's size; it must not drift from the file."""
    shipped = dataset.load(ROOT / "data" / "ckr.json").data
    table = dict(re.findall(r"^\| ([a-z][^|]*?) \| (\d+)", README, re.MULTILINE))
    assert int(table["sources"]) == len(shipped.sources)
    assert int(table["visa rules"]) == len(shipped.visa)
    assert int(table["events, 1970–2025"]) == len(shipped.events)
    assert int(table["claims of the seed article"]) == len(shipped.claims)
    visa_row = re.search(r"^\| visa rules \|.*\| (\d+) verified, (\d+) disputed \|$", README, re.M)
    verified = sum(rule.confidence == "verified" for rule in shipped.visa)
    assert (int(visa_row[1]), int(visa_row[2])) == (verified, len(shipped.visa) - verified)
    figures = [figure for domain in shipped.domains for figure in domain.figures]
    domains_row = re.search(r"^\| domains \| (\d+), with (\d+) figures", README, re.M)
    assert (int(domains_row[1]), int(domains_row[2])) == (len(shipped.domains), len(figures))
    kinds = re.search(r"^\| sources \| \d+ \((.*?)\)", README, re.M)[1]
    stated = {kind: int(count) for count, kind in re.findall(r"(\d+) (\w+)", kinds)}
    assert stated == Counter(source.kind for source in shipped.sources)


def test_readme_counts_the_rules_in_force_that_cite_an_official_page(shipped):
    stated = re.search(
        r"(\d+)\s+of\s+the\s+(\d+)\s+rules\s+in\s+force\s+cite\s+an\s+official\s+page;\s+(\d+)\s+carry",
        README,
    )
    rules = json.loads(shipped("visa", "--format", "json").output)
    official = sum(rule["best_source_kind"] == "official" for rule in rules)
    detailed = sum(bool(rule["details_sources"]) for rule in rules)
    assert tuple(map(int, stated.groups())) == (official, len(rules), detailed)


def test_ci_runs_the_readmes_set_up_and_test_commands_in_a_fresh_venv():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    install, tests = commands[0], commands[1]
    assert install.startswith("python3 -m venv .venv") and "ckr timeline" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "rm -rf .venv" in ci
    assert ci.rstrip().endswith(tests)


def test_readme_field_table_is_the_contract():
    """The README's table of fields per record type is what ckr writes."""
    from ckr.records import FIELDS
    from ckr.views.diff import DIFF_FIELDS
    from ckr.views.search import SEARCH_FIELDS
    from ckr.views.traveller import TRAVELLER_FIELDS
    from ckr.views.visa import COMPARE_FIELDS

    table = {
        kind: re.findall(r"`([a-z_]+)`", fields)
        for kind, fields in re.findall(r"^\| ([a-z ]+) \(.*?\) \| (`.*`) \|$", README, re.M)
    }
    expected = {
        **FIELDS,
        "compare row": COMPARE_FIELDS,
        "search match": SEARCH_FIELDS,
        "difference": DIFF_FIELDS,
        "traveller card": TRAVELLER_FIELDS,
    }
    assert table == expected
