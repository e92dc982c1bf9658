"""ckr validate: every problem, one line each, with its JSON location."""

import json
from pathlib import Path

import pytest


def problems(result) -> list[str]:
    return result.stdout.strip().splitlines()


def test_clean_file_exits_0(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip().endswith("mini.json: no problems")


def test_reports_every_problem_not_just_the_first(run, data_file, mini_data):
    mini_data["events"][0]["date"] = "2023-02-30"
    mini_data["events"][2]["confidence"] = "sure"
    mini_data["visa"][1]["max_stay_days"] = "many"
    mini_data["domains"][0]["figures"][0]["sources"] = ["nowhere"]
    path = data_file(mini_data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert problems(result) == [
        "$.events[0].date: '2023-02-30' is not a calendar date",
        "$.events[2].confidence: Invalid enum value 'sure'",
        "$.visa[1].max_stay_days: Expected `number | null`, got `str`",
        "$.domains[0].figures[0].sources: unknown source 'nowhere'",
    ]
    assert result.stderr.strip() == f"{path}: 4 problems"


def test_duplicate_ids_and_unknown_references(run, data_file, mini_data):
    mini_data["visa"][3]["id"] = "kh-kr"
    mini_data["claims"][0]["events"] = ["1997-gone"]
    data_file(mini_data)
    assert problems(run("validate")) == [
        "$.visa[3].id: duplicate id 'kh-kr'",
        "$.claims[0].events: unknown event '1997-gone'",
    ]


def test_editorial_checks(run, data_file, mini_data):
    mini_data["sources"].append(
        {
            "id": "lonely",
            "kind": "news",
            "publisher": "N",
            "title": "T",
            "url": "https://e.org",
            "accessed": "2026-01-01",
        }
    )
    mini_data["visa"][2]["as_of"] = "2023-08-01"  # confirmed before it took effect
    mini_data["visa"][1]["effective_until"] = "2023-09-30"  # runs into the next rule
    data_file(mini_data)
    assert problems(run("validate")) == [
        "$.sources[3]: source 'lonely' is cited by no record",
        "$.visa[2].as_of: 2023-08-01 is before effective_from 2023-08-15, "
        "yet the rule is marked verified",
        "$.visa[2]: period overlaps rule 'vn-kr-2022' for the same country pair",
    ]


def test_an_announced_rule_may_be_confirmed_before_it_starts_if_not_verified(
    run, data_file, mini_data
):
    mini_data["visa"][2]["as_of"] = "2023-08-01"
    mini_data["visa"][2]["confidence"] = "disputed"
    data_file(mini_data)
    assert run("validate").exit_code == 0


def test_non_http_urls_are_rejected(run, data_file, mini_data):
    mini_data["sources"][0]["url"] = "javascript:alert(1)"
    data_file(mini_data)
    assert problems(run("validate")) == [
        "$.sources[0].url: expected an http:// or https:// URL"
        " without spaces, control or invisible characters"
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("[]", "$: Expected `object`, got `array`"),
        ("[" * 100_000, "$: Expected `object`, got `array`"),
        ('{"metadata": ' + "[" * 100_000, "$.metadata: Expected `object`, got `array`"),
        ('{"metadata": 1, "sources": [], "extra": 2}', "$: Object contains unknown field `extra`"),
        ('{"sources": {}}', "$: Object missing required field `metadata`"),
        ("{", "$: not valid JSON: the file ends early, at line 1, column 2"),
        (b'{"metadata":\n "\xff"}', "$: is not UTF-8 text (line 2, column 3)"),
        (b"\xff\xfe{}", "$: is not UTF-8 text (line 1, column 1)"),
    ],
)
def test_files_that_are_not_datasets(run, data_file, content, expected):
    data_file(content)
    result = run("validate")
    assert result.exit_code == 1
    assert expected in problems(result)


def test_missing_file(run, tmp_path):
    result = run("validate", str(tmp_path / "none.json"))
    assert result.exit_code == 1
    assert problems(result) == ["$: no such file"]


def test_a_broken_record_is_reported_once_not_again_where_it_is_cited(run, data_file, mini_data):
    mini_data["events"][1]["date"] = "1997-02-30"  # 1997-restored, which a claim cites
    mini_data["sources"][2]["url"] = "ftp://example.org/c"  # agency-c, cited by several
    data_file(mini_data)
    assert problems(run("validate")) == [
        "$.sources[2].url: expected an http:// or https:// URL"
        " without spaces, control or invisible characters",
        "$.events[1].date: '1997-02-30' is not a calendar date",
    ]


def test_a_number_out_of_range_is_located(run, data_file, mini_data):
    text = json.dumps(mini_data).replace('"value": 965.132', '"value": 1e400')
    data_file(text)
    assert problems(run("validate")) == ["$.domains[0].figures[0].value: Number out of range"]


def test_an_empty_path_is_a_usage_error(run):
    result = run("validate", " ")
    assert result.exit_code == 2
    assert "give a file path" in result.stderr


def test_a_collection_of_the_wrong_type_is_one_problem(run, data_file, mini_data):
    mini_data["events"] = True
    data_file(mini_data)
    assert "$.events: Expected `array`, got `bool`" in problems(run("validate"))


@pytest.mark.parametrize(
    "record, field, value, expected",
    [
        ("events", "date", "1970-05-18\n", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
        (
            "events",
            "date",
            "\uff11\uff19\uff17\uff10",
            "expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        ("events", "id", "ties\n", "expected an id of lower-case letters, digits and hyphens"),
        (
            "visa",
            "nationality",
            "KR\n",
            "expected a two-letter country code in capitals, such as KR",
        ),
        ("visa", "max_stay_days", 10**20, "Expected `number` <= 3650"),
    ],
)
def test_lookalike_values_are_rejected(run, data_file, mini_data, record, field, value, expected):
    # A trailing newline slips past Python's "$"; full-width digits past a bare digit class.
    mini_data[record][0][field] = value
    data_file(mini_data)
    assert problems(run("validate"))[0] == f"$.{record}[0].{field}: {expected}"


def test_an_empty_object_names_each_missing_part_once(run, data_file):
    data_file("{}")
    assert problems(run("validate")) == [
        "$: Object missing required field `metadata`",
        "$: Object missing required field `sources`",
    ]


def test_a_confirmation_after_the_review_date_is_flagged(run, data_file, mini_data):
    mini_data["visa"][0]["as_of"] = "2027-01"
    data_file(mini_data)
    reviewed = mini_data["metadata"]["last_reviewed"]
    assert problems(run("validate")) == [
        f"$.visa[0].as_of: 2027-01 is after the dataset's review, {reviewed}"
    ]


def test_a_rule_for_a_passport_in_its_own_country_is_flagged(run, data_file, mini_data):
    mini_data["visa"][0]["nationality"] = mini_data["visa"][0]["destination"]
    data_file(mini_data)
    code = mini_data["visa"][0]["destination"]
    assert f"$.visa[0]: a rule for {code} passports in their own country" in problems(
        run("validate")
    )


# The JSON Schema and ckr read numbers alike: whatever one accepts, so does the other.
@pytest.mark.parametrize(
    "where, value, accepted",
    [
        (("visa", 0, "max_stay_days"), 30.0, True),  # an integer to JSON Schema
        (("visa", 0, "max_stay_days"), 30.5, False),
        (("visa", 0, "max_stay_days"), 3651, False),
        (("domains", 0, "figures", 0, "value"), 1e20, True),
        (("domains", 0, "figures", 0, "value"), 10**20, True),  # the same number
        (("domains", 0, "figures", 0, "value"), -2.5, True),
    ],
)
def test_the_schema_and_validate_agree_on_numbers(
    run, data_file, mini_data, where, value, accepted
):
    import jsonschema

    node = mini_data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    schema = json.loads((Path(__file__).parent.parent / "data" / "schema.json").read_text())
    schema_says = jsonschema.Draft202012Validator(schema).is_valid(mini_data)
    data_file(mini_data)
    result = run("validate")
    assert (schema_says, result.exit_code == 0) == (accepted, accepted), result.output


def test_a_whole_stay_written_as_30_0_reads_as_30_days(run, data_file, mini_data):
    mini_data["visa"][0]["max_stay_days"] = 30.0
    data_file(mini_data)
    rules = json.loads(run("visa", "-f", "json").output)
    assert 30 in [rule["max_stay_days"] for rule in rules]
    assert "30.0" not in run("visa", "-f", "json").output
