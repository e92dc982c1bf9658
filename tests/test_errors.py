"""Bad input and bad data files: one line, the right exit code, no traceback."""

import pytest


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_unknown_command_suggests_the_near_one(run):
    result = run("timelin")
    assert result.exit_code == 2
    assert one_error_line(result) == "Error: No such command 'timelin'. Did you mean 'timeline'?"


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["timeline", "--from", "abc"],
            "'abc' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (["timeline", "--from", "2023-02-30"], "'2023-02-30' is not a calendar date"),
        (["timeline", "--limit", "0"], "0 is not in the range x>=1"),
        (["timeline", "--limit", "-3"], "-3 is not in the range x>=1"),
        (["timeline", "--from", "2030", "--to", "1990"], "--from 2030 is after --to 1990"),
        (
            ["timeline", "--category", "labor"],
            "no category 'labor' in the dataset (did you mean 'labour'?)",
        ),
        (["timeline", "--nope"], "No such option"),
        (
            ["timeline", "--data", "x.json"],
            "--data goes before the command: ckr --data FILE timeline",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert expected in one_error_line(result)


def test_missing_data_file(run, tmp_path):
    missing = tmp_path / "nope.json"
    result = run("--data", str(missing), "timeline")
    assert result.exit_code == 1
    assert one_error_line(result) == f"Error: {missing}: no such file"


def test_data_file_that_is_a_folder(run, tmp_path):
    result = run("--data", str(tmp_path), "timeline")
    assert result.exit_code == 1
    assert "is a folder, not a dataset file" in one_error_line(result)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", "is empty"),
        (b"\xff\xfe{}", "is not UTF-8 text (line 1, column 1)"),
        (b'{"metadata": {"title": "\xff"}}', "is not UTF-8 text (line 1, column 25)"),
        (
            '{"metadata": {\n  "title": "x",\n  "version"',
            "not valid JSON: the file ends early, at line 3, column 12",
        ),
        ("[" * 100_000, "Expected `object`, got `array`"),
        ('{"metadata":\n {"title": }', "not valid JSON at line 2, column 12: invalid character"),
        ('{"metadata": {}, "sources": []}', "$.metadata: Object missing required field `title`"),
    ],
)
def test_broken_data_files_exit_1_naming_file_and_place(run, data_file, content, expected):
    path = data_file(content)
    result = run("timeline")
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line.startswith(f"Error: {path}: ")
    assert expected in line


def test_wrong_type_names_the_json_location(run, data_file, mini_data):
    mini_data["visa"][2]["max_stay_days"] = "forty-five"
    data_file(mini_data)
    line = one_error_line(run("visa", "-p", "korea"))
    assert line.endswith("$.visa[2].max_stay_days: Expected `number | null`, got `str`")


def test_impossible_date_in_data(run, data_file, mini_data):
    mini_data["events"][1]["date"] = "1997-02-30"
    data_file(mini_data)
    result = run("timeline")
    assert result.exit_code == 1
    assert "$.events[1].date: '1997-02-30' is not a calendar date" in one_error_line(result)


def test_year_zero_in_data(run, data_file, mini_data):
    mini_data["events"][1]["date"] = "0000"
    data_file(mini_data)
    result = run("timeline", "--from", "2000")
    assert result.exit_code == 1
    assert "$.events[1].date: '0000' has no year 0" in one_error_line(result)


def test_duplicate_ids(run, data_file, mini_data):
    mini_data["events"][1]["id"] = mini_data["events"][0]["id"]
    data_file(mini_data)
    assert "$.events[1].id: duplicate id '2024-partnership'" in one_error_line(run("timeline"))


def test_unknown_source_reference(run, data_file, mini_data):
    mini_data["visa"][0]["sources"] = ["nowhere"]
    data_file(mini_data)
    assert "$.visa[0].sources: unknown source 'nowhere'" in one_error_line(run("visa"))


def test_unknown_field_is_reported_as_a_typo(run, data_file, mini_data):
    mini_data["events"][0]["sumary"] = "typo"
    data_file(mini_data)
    assert "$.events[0]: Object contains unknown field `sumary`" in one_error_line(run("timeline"))


def test_hostile_text_in_an_error_is_escaped(run, tmp_path):
    # The file name is echoed in the error: its escape sequence must arrive as text.
    line = one_error_line(run("--data", str(tmp_path / "x\x1b[2J.json"), "timeline"))
    assert "\x1b" not in line
    assert "x\\x1b[2J.json" in line


def test_data_file_is_never_written(run, data_file, mini_data):
    path = data_file(mini_data)
    before = path.read_bytes(), path.stat().st_mtime_ns
    for args in (["timeline"], ["visa", "-p", "kr"], ["domains", "trade", "-f", "json"]):
        run(*args)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_ckr_alone_prints_help(run):
    result = run()
    assert result.exit_code == 0
    # click versions differ on "COMMAND" vs "[COMMAND]"; the rest is ours.
    assert result.stdout.startswith("Usage: ckr [OPTIONS] ")
    for command in ("timeline", "visa", "domains", "validate", "export"):
        assert f"  {command} " in result.stdout
    assert "Exit codes:" in result.stdout


@pytest.mark.parametrize("value", ["garbage", "2026-13-01", "2026-11"])
def test_a_bad_ckr_today_is_a_usage_error(run, value):
    result = run("visa", "-p", "kr", env={"CKR_TODAY": value})
    assert result.exit_code == 2
    assert one_error_line(result).startswith("Error: CKR_TODAY: ")


def test_an_empty_data_path_is_a_usage_error(run):
    result = run("--data", " ", "timeline")
    assert result.exit_code == 2
    assert "give a file path" in one_error_line(result)


def test_version_reads_data_named_after_it(run, tmp_path):
    from conftest import MINI

    result = run("--version", "--data", str(MINI))
    assert result.output.splitlines()[1].startswith("dataset test-1, reviewed 2026-06-01")
    missing = run("--version", "--data", str(tmp_path / "none.json"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr
