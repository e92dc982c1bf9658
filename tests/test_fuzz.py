"""Property-based tests: no input, however odd, ends in a traceback.

The budget is small so the suite stays fast; CKR_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
runs a longer search.
"""

from __future__ import annotations

import copy
import json
import os

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ckr.cli import cli
from conftest import MINI

EXAMPLES = int(os.environ.get("CKR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENV = {"CKR_DATA": str(MINI), "CKR_TODAY": "2026-11-25"}

COMMANDS = {
    "timeline": [
        "--from",
        "--to",
        "--category",
        "--search",
        "--limit",
        "--reverse",
        "--format",
        "--fields",
        "--chart",
    ],
    "visa": [
        "--country",
        "--destination",
        "--format",
        "-c",
        "-d",
        "--on",
        "--history",
        "--compare",
        "--with",
        "--fields",
    ],
    "domains": ["--format", "--fields", "--chart"],
    "claims": ["--verdict", "--format", "--fields"],
    "sources": ["--unused", "--format", "--fields"],
    "show": ["--format"],
    "search": ["--format", "--fields"],
    "completion": [],
    "validate": [],
    "cite": ["--style", "-s", "--dataset"],
    "changes": ["--since", "--until", "--upcoming", "--format", "--fields"],
    "diff": ["--exit-code", "--format", "--fields", str(MINI)],
}  # export is left out: it writes files, and is tested on its own
VALUES = [
    "korea",
    "KR",
    "north korea",
    "kroea",
    "japan",
    "vietnam",
    "",
    "2020",
    "1997-10",
    "2023-02-30",
    "abc",
    "0",
    "-1",
    "5",
    "json",
    "tsv",
    "table",
    "markdown",
    "yaml",
    "trade",
    "labour",
    "supported",
    "vn-kr-2023",
    "[bold]x",
    "\x1b[2J",
    "한국",
    "🙂",
    "--",
    "-",
    "bash",
    "zsh",
    "date,title",
    "id",
    "vietnam,laos",
    "apa",
    "bibtex",
    "ris",
    "csl-json",
    "paper-a",
]
junk = st.text(min_size=0, max_size=12)


@st.composite
def argument_lists(draw):
    command = draw(st.sampled_from([*COMMANDS, "timelin", "--version", "--help"]))
    options = COMMANDS.get(command, [])
    words = st.one_of(st.sampled_from(options or ["--x"]), st.sampled_from(VALUES), junk)
    return [command, *draw(st.lists(words, max_size=6))]


def run(args, env=ENV):
    return CliRunner().invoke(cli, args, env=env)


@FUZZ
@given(argument_lists())
def test_any_argument_list_exits_cleanly(args):
    result = run(args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Error: unexpected" not in result.output  # the catch-all caught a bug


BASE = json.loads(MINI.read_text(encoding="utf-8"))
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.just("x" * 200_000),
    st.just("\u202e\x1b[31m\x00"),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(node, prefix=()):
    """Every place in a JSON document: (key, key, ...) tuples."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


PLACES = [p for p in _paths(BASE) if p]


@st.composite
def mutated_datasets(draw):
    document = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(PLACES))
        parent = document
        try:
            for key in place[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(place[-1], None)
            else:
                parent[place[-1]] = draw(ODD_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    return document


@FUZZ
@given(
    mutated_datasets(),
    st.sampled_from(
        [
            ["timeline"],
            ["visa", "-p", "kr"],
            ["domains", "trade"],
            ["claims"],
            ["show", "trade"],
            ["validate"],
            ["sources"],
            ["cite", "2006-eps", "-s", "chicago"],
            ["cite", "trade", "-s", "bibtex"],
            ["changes", "--since", "1900"],
        ]
    ),
)
def test_a_mutated_dataset_loads_or_fails_in_one_line(tmp_path_factory, document, args):
    path = tmp_path_factory.mktemp("fuzz") / "data.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    result = run(args, env={**ENV, "CKR_DATA": str(path)})
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Error: unexpected" not in result.output
    if result.exit_code == 1 and args != ["validate"]:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr


RAW = MINI.read_bytes()


@FUZZ
@given(
    st.integers(0, len(RAW)), st.binary(max_size=24), st.sampled_from([["timeline"], ["validate"]])
)
def test_random_bytes_in_the_file_fail_in_one_line(tmp_path_factory, at, junk, args):
    path = tmp_path_factory.mktemp("bytes") / "data.json"
    path.write_bytes(RAW[:at] + junk + RAW[at:])
    result = run(args, env={**ENV, "CKR_DATA": str(path)})
    assert result.exit_code in (0, 1), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    assert "Error: unexpected" not in result.output
