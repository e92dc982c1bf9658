"""Faults and hostile input: ckr keeps its promises.

One line on stderr, exit codes 0, 1, 2, 130 (128+N for other signals), no traceback,
text shown literally, nothing the user owns overwritten, no half-written file.

Real processes where only a real process shows the fault (closed descriptors, /dev/full,
signals, races); they start together, so the whole file takes a few seconds. The two
fuzzers at the end run briefly here; for a long run (see the README):

    CKR_FUZZ_EXAMPLES=5000 CKR_SOAK_RUNS=200 pytest tests/test_faults.py -k "fuzz or soak"
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


# --- hostile text through every output ---------------------------------------------------

# Terminal escapes (ESC, the C1 CSI), bidi overrides, marks and isolates (the Arabic
# letter mark among them), invisible characters (byte order mark, Mongolian vowel
# separator, a tag character), a line separator, NUL, markup; each reaches a terminal
# only as a visible escape.
HOSTILE = "Hostile\x1b[31m\x9b2J\u202e\u061c\u2066\ufeff\u180e\U000e0041\u2028\x00[bold]\n\r\tend"
RAW = ["\x1b", "\x9b", "\u202e", "\u061c", "\u2066", "\ufeff", "\u180e", "\U000e0041"]
RAW += ["\u2028", "\x00"]
SHOWN = ["\\x1b[31m", "\\x9b2J", "\\u202e", "\\u061c", "\\ufeff", "\\U000e0041", "[bold]"]


@pytest.fixture
def hostile_data(data_file, mini_data):
    for event in mini_data["events"]:
        event["title"] = event["summary"] = event["note"] = HOSTILE
    mini_data["events"][0]["category"] = "trade\x1b[2J\nfake\u061c"
    for source in mini_data["sources"]:
        source["publisher"] = source["title"] = HOSTILE
    for rule in mini_data["visa"]:
        rule["notes"] = HOSTILE
    for domain in mini_data["domains"]:
        domain["name"] = domain["summary"] = HOSTILE
        for figure in domain["figures"]:
            figure["label"] = figure["reported_by"] = figure["unit"] = HOSTILE
        for agreement in domain["agreements"]:
            agreement["name"] = HOSTILE
    for claim in mini_data["claims"]:
        claim["claim"] = claim["finding"] = HOSTILE
    return data_file(mini_data)


# These show no free text, so only that they leak none is checked.
WITHOUT_TEXT = [["visa"], ["visa", "--compare"], ["changes", "--since", "1990"]]
COMMANDS = WITHOUT_TEXT + [
    ["timeline"],
    ["visa", "-p", "kr"],
    ["visa", "--history"],
    ["domains"],
    ["domains", "trade"],
    ["figures"],
    ["claims"],
    ["sources"],
    ["search", "hostile"],
    ["show", "2024-partnership"],
    ["show", "trade"],
    ["show", "paper-a"],
    ["show", "kh-kr"],
    ["show", "claim-ties-1997"],
    ["diff", str(MINI), "{hostile}"],
]


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv", "tsv", "markdown"])
def test_hostile_text_is_shown_literally_in_every_format(run, hostile_data, fmt):
    for args in COMMANDS:
        args = [arg.replace("{hostile}", str(hostile_data)) for arg in args]
        result = run(*args, "-f", fmt, env={"COLUMNS": "1000"})  # wide: no escape cut
        assert (result.exit_code, result.stderr) == (0, ""), (args, result.stderr)
        leaked = [c for c in RAW if c in result.stdout]
        assert not leaked, (args, fmt, leaked)
        if args in WITHOUT_TEXT:
            continue
        if fmt == "json":  # escaped on the way out, the same text once decoded
            assert HOSTILE in set(_strings(json.loads(result.stdout))), args
        elif fmt == "ndjson":
            decoded = [json.loads(line) for line in result.stdout.splitlines()]
            assert HOSTILE in set(_strings(decoded)), args
        elif fmt == "table" and args != ["visa", "--history"]:  # its table has no notes
            assert all(shown in result.stdout for shown in SHOWN), (args, result.stdout)
        if fmt in ("table", "markdown"):
            assert "\r" not in result.stdout, args


@pytest.mark.parametrize("style", ["apa", "chicago", "mla", "harvard", "bibtex", "ris", "csl-json"])
def test_hostile_text_in_citations(run, hostile_data, style):
    result = run("cite", "2024-partnership", "--style", style)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert not [c for c in RAW if c in result.stdout], style
    if style == "csl-json":
        assert HOSTILE in set(_strings(json.loads(result.stdout)))


def test_hostile_text_in_charts(run, hostile_data):
    for args in (["timeline", "--chart"], ["domains", "trade", "--chart"]):
        result = run(*args, env={"CKR_FORCE_TTY": "1", "COLUMNS": "100"})
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        assert not [c for c in RAW + ["\r"] if c in result.stdout], args
    legend = run("timeline", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"}).stdout
    assert "trade\\x1b[2j fake\\u061c" in legend  # the line break inside is a space
    measure = run("domains", "trade", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"})
    assert all(shown in measure.stdout for shown in SHOWN), measure.stdout


def _offers(run, words: str, shell: str = "bash") -> str:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    if shell == "fish":  # fish gives the word being completed, not its index
        cword = "" if words.endswith(" ") else words.split()[-1]
    env = {"_CKR_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = run(env=env)
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_offers_no_hostile_value(run, hostile_data, shell):
    offered = _offers(run, "ckr timeline --category ", shell)
    assert not [c for c in RAW if c in offered]
    assert "fake" not in offered  # the line break made no second offer
    assert "diplomacy" in offered and "labour" in offered
    assert _offers(run, "ckr timeline --category tr", shell).count("trade") == 1


def test_hostile_text_in_search_terms_and_errors(run, hostile_data):
    result = run("search", "\x1b[2J\u061c")
    assert result.exit_code == 0 and not [c for c in RAW if c in result.output]
    result = run("timeline", "--category", "\x1b]0;pwned\x07\u061c")
    assert result.exit_code == 2
    assert not [c for c in RAW + ["\x07"] if c in result.stderr]
    assert "\\x1b]0;pwned\\x07\\u061c" in result.stderr


@pytest.mark.parametrize(
    "hidden", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u061c", "\u180e", "\U000e0041"]
)
def test_a_url_holding_an_invisible_character_fails_validation(run, data_file, mini_data, hidden):
    import jsonschema

    mini_data["sources"][0]["url"] = f"https://example.org/{hidden}a"
    data_file(mini_data)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "$.sources[0].url: expected an http:// or https:// URL"
        " without spaces, control or invisible characters\n"
    )
    assert run("sources").exit_code == 1  # loading refuses it too
    if ord(hidden) < 0x10000:  # the schema's pattern can say so only within the BMP
        schema = json.loads((MINI.parent.parent.parent / "data" / "schema.json").read_text())
        assert not jsonschema.Draft202012Validator(schema).is_valid(mini_data)


def test_invisible_characters_that_text_needs_are_kept():
    from ckr.text import escape_json, printable

    khmer = "ព្រះរាជាណាចក្រ\u200bកម្ពុជា"  # the zero-width space separates Khmer words
    family = "👩\u200d👧"  # an emoji sequence joined by ZWJ
    assert printable(khmer) == khmer and printable(family) == family
    assert printable("a\u061cb\ufeffc\U000e0041") == "a\\u061cb\\ufeffc\\U000e0041"
    assert escape_json('"a\u061c\U000e0041"') == '"a\\u061c\\udb40\\udc41"'
    assert json.loads(escape_json('"a\u061c\U000e0041"')) == "a\u061c\U000e0041"


# --- slips a JSON reader lets through ---------------------------------------------------


def test_a_key_given_twice_is_rejected_with_its_place(run, data_file, mini_data):
    text = json.dumps(mini_data, indent=1)
    text = text.replace('"title": "Full relations restored",', '"title": "A", "title": "B",', 1)
    text = text.replace('"license": "CC BY 4.0",', '"license": "x", "license": "y",', 1)
    path = data_file(text)
    index = [e["title"] for e in mini_data["events"]].index("Full relations restored")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "$.metadata: Object has the field `license` twice",
        f"$.events[{index}]: Object has the field `title` twice",
    ]
    loaded = run("timeline")
    assert loaded.exit_code == 1
    assert loaded.stderr == (
        f"Error: {path}: $.metadata: Object has the field `license` twice (and 1 more problem)\n"
    )


def test_a_large_file_leaves_duplicate_keys_to_validate(run, data_file, mini_data, monkeypatch):
    from ckr import dataset

    text = json.dumps(mini_data).replace('"version": ', '"version": "0", "version": ', 1)
    data_file(text)
    monkeypatch.setattr(dataset, "DUPLICATE_CHECK_BYTES", len(text) - 1)
    assert run("timeline").exit_code == 0
    assert run("validate").stdout == "$.metadata: Object has the field `version` twice\n"


def test_an_id_listed_twice_is_flagged_and_exported_once(run, data_file, mini_data, tmp_path):
    import sqlite3

    mini_data["events"][0]["sources"] *= 2
    mini_data["claims"][0]["events"] *= 2
    mini_data["domains"][0]["figures"][0]["sources"] *= 2
    data_file(mini_data)
    event, source = mini_data["events"][0]["id"], mini_data["events"][0]["sources"][0]
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"$.events[0].sources: {source!r} is listed twice",
        f"$.domains[0].figures[0].sources: {mini_data['domains'][0]['figures'][0]['sources'][0]!r}"
        " is listed twice",
        f"$.claims[0].events: {mini_data['claims'][0]['events'][0]!r} is listed twice",
    ]
    target = tmp_path / "x.db"
    assert run("export", str(target)).exit_code == 0  # loading accepts it: no harm done
    with sqlite3.connect(target) as db:
        links = db.execute("select source_id from event_sources where event_id = ?", (event,))
        assert links.fetchall() == [(source,)]


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


# --- data that reads the same but is stored differently ------------------------------


def test_a_category_is_one_whichever_unicode_form_stores_it(run, data_file, mini_data):
    import unicodedata

    mini_data["events"][0]["category"] = unicodedata.normalize("NFD", "Économie")
    mini_data["events"][1]["category"] = "économie"
    data_file(mini_data)
    ids = {mini_data["events"][0]["id"], mini_data["events"][1]["id"]}
    for typed in ("économie", unicodedata.normalize("NFD", "ÉCONOMIE")):
        found = json.loads(run("timeline", "--category", typed, "-f", "json").stdout)
        assert {event["id"] for event in found} == ids
    chart = run("timeline", "--chart", env={"CKR_FORCE_TTY": "1", "NO_COLOR": "1"}).stdout
    assert chart.count("économie") == 1  # one legend entry
    assert _offers(run, "ckr timeline --category é").split() == ["plain,économie"]


def test_every_series_of_a_chart_has_its_own_glyph(run, data_file, mini_data):
    event = mini_data["events"][0]
    count = 40
    mini_data["events"] += [
        {**event, "id": f"c{i}", "category": f"cat{i:02d}"} for i in range(count)
    ]
    data_file(mini_data)
    env = {"CKR_FORCE_TTY": "1", "NO_COLOR": "1", "COLUMNS": "2000"}
    lines = run("timeline", "--chart", env=env).stdout.splitlines()
    legend = [line for line in lines if line[:1] not in "0123456789" and "·" not in line][1:]
    entries = [entry.strip() for line in legend for entry in line.split("   ") if entry.strip()]
    glyphs = [entry.split(" ", 1)[0] for entry in entries]
    assert len(glyphs) == len(set(glyphs))  # no glyph means two things
    from ckr.render.chart import GLYPHS

    series = count + len({e["category"].casefold() for e in mini_data["events"][:-count]})
    assert len(glyphs) == len(GLYPHS)  # each glyph used, the last for the others
    assert entries[-1].split(" ")[1:3] == [str(series - len(GLYPHS) + 1), "others:"]
    named = " ".join(entries)
    assert all(f"cat{i:02d}" in named for i in range(count))


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


# --- fuzzing: short here, as long as you like with CKR_FUZZ_EXAMPLES and CKR_SOAK_RUNS ---

# Characters a file may hold that must never reach a terminal raw, and ordinary ones.
DANGEROUS = "\x00\x07\x08\x1b\x7f\x85\x9b\u061c\u180e\u200e\u200f\u202a\u202b\u202c\u202d"
DANGEROUS += "\u202e\u2028\u2029\u2061\u2066\u2067\u2068\u2069\ufeff\ufff9\U000e0001\U000e0041"
ORDINARY = "aZ09 -_[]*|<>&#`~\\/'\",.;:\t\n\ré한កម្ពុជា日本ไทย\u200b\u200d\u0301🙂"


@pytest.fixture(scope="module")
def fuzz_settings():
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=int(os.environ.get("CKR_FUZZ_EXAMPLES", "30")),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def test_fuzzed_hostile_text_never_reaches_the_terminal(mini_data, tmp_path_factory, fuzz_settings):
    from click.testing import CliRunner
    from hypothesis import given
    from hypothesis import strategies as st

    from ckr.cli import cli

    places = [
        ("events", "title"), ("events", "summary"), ("events", "note"), ("events", "category"),
        ("sources", "publisher"), ("sources", "title"), ("visa", "notes"),
        ("claims", "claim"), ("claims", "finding"), ("domains", "name"),
    ]  # fmt: skip
    texts = st.text(alphabet=st.sampled_from(DANGEROUS + ORDINARY), min_size=1, max_size=30)
    commands = [c for c in COMMANDS if "{hostile}" not in c] + [["timeline", "--chart"]]

    @fuzz_settings
    @given(
        st.lists(st.tuples(st.sampled_from(places), texts), min_size=1, max_size=6),
        st.sampled_from(commands),
        st.sampled_from(["table", "json", "ndjson", "csv", "tsv", "markdown"]),
        st.sampled_from([*ODD_SIZES, "40", "80", "200"]),
    )
    def check(edits, args, fmt, columns):
        document = json.loads(json.dumps(mini_data))
        for (collection, field), text in edits:
            for record in document[collection]:
                record[field] = text
        path = tmp_path_factory.mktemp("fuzz") / "data.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        chart = "--chart" in args
        env = {"CKR_DATA": str(path), "CKR_TODAY": "2026-11-25", "COLUMNS": columns}
        env |= {"CKR_FORCE_TTY": "1"} if chart else {}
        result = CliRunner().invoke(cli, [*args] + ([] if chart else ["-f", fmt]), env=env)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Error: unexpected" not in result.output
        raw = [c for c in DANGEROUS if c in result.stdout + result.stderr]
        assert not raw, (args, fmt, raw)
        if result.exit_code == 1:  # a text the model refuses: one line, naming the file
            assert result.stderr.startswith(f"Error: {path}: ") and result.stderr.count("\n") == 1

    check()


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
