import json

import pytest

from conftest import markdown_rows, tsv_rows


def test_korea_row_shows_rule_stay_since_as_of_and_source(run):
    rows = tsv_rows(run("visa", "--passport", "korea").output)
    vietnam = next(r for r in rows if r["destination"] == "VN")
    expected = {
        "id": "vn-kr-2023",
        "nationality": "KR",
        "nationality_name": "South Korea",
        "destination": "VN",
        "destination_name": "Vietnam",
        "regime": "visa_free",
        "max_stay_days": "45",
        "effective_from": "2023-08-15",
        "effective_until": "",
        "status": "in force",
        "as_of": "2025-03-08",
        "age_days": "627",
        "stale": "true",
        "confidence": "verified",
        "sources": "paper-b",
        "best_source": "paper-b",
        "best_source_kind": "news",
    }
    assert {name: vietnam[name] for name in expected} == expected


def test_a_rule_with_several_sources_names_the_best_and_counts_the_rest(run, terminal):
    rows = tsv_rows(run("visa", "--passport", "korea").output)
    assert (rows[0]["sources"], rows[0]["best_source"]) == ("paper-b;paper-a", "paper-b")
    output = terminal("visa", "--passport", "korea", width=200, env={"NO_COLOR": "1"}).output
    cambodia = next(line for line in output.splitlines() if line.startswith(" Cambodia "))
    assert " Paper B (news) +1 " in cambodia


def test_one_row_per_destination_with_the_rule_in_force_today(run):
    rows = tsv_rows(run("visa", "--passport", "KR").output)
    assert [r["destination_name"] for r in rows] == ["Cambodia", "Vietnam", "Thailand"]
    assert [r["destination"] for r in rows] == ["KH", "VN", "TH"]


def test_a_rule_that_ended_is_not_shown_today(run):
    output = run("visa", "-p", "korea", "-d", "vietnam").output
    assert "\t15\t" not in output and "\t45\t" in output


def test_a_rule_that_ended_is_shown_on_a_day_it_applied(run):
    rows = tsv_rows(
        run("visa", "-p", "korea", "-d", "vietnam", env={"CKR_TODAY": "2023-01-01"}).output
    )
    assert [r["max_stay_days"] for r in rows] == ["15"]


@pytest.mark.parametrize(
    "spelling",
    ["korea", "South Korea", "republic of korea", "ROK", "kr", "KOR", "Korean", "S. Korea"],
)
def test_country_spellings_all_mean_south_korea(run, spelling):
    result = run("visa", "--passport", spelling)
    assert result.exit_code == 0
    assert "Cambodia\tvisa_on_arrival\t30" in result.output


def test_north_korea_is_never_shown_as_south_korea(run):
    result = run("visa", "--passport", "north korea")
    assert result.exit_code == 2
    assert "no rules for North Korean passports; covered passports: Japan, South Korea" in (
        result.stderr
    )
    assert "Cambodia" not in result.output


def test_misspelt_country_suggests_the_near_one(run):
    result = run("visa", "--passport", "kroea")
    assert result.exit_code == 2
    assert "unknown country 'kroea' (did you mean 'korea'?)" in result.stderr
    assert "Traceback" not in result.output


def test_empty_country_is_a_usage_error(run):
    result = run("visa", "--passport", "")
    assert result.exit_code == 2
    assert "unknown country ''" in result.stderr


def test_destination_outside_the_dataset_names_what_is_covered(run):
    result = run("visa", "-p", "korea", "-d", "japan")
    assert result.exit_code == 2
    assert (
        "no rules for travel to Japan; covered destinations: Cambodia, Thailand, Vietnam"
        in result.stderr
    )


@pytest.mark.parametrize(
    "args, option",
    [
        (["-p", "germany"], "--passport"),
        (["--passport", "DEU"], "--passport"),
        (["germany", "vietnam"], "--passport"),
        (["-p", "korea", "-d", "germany"], "--destination"),
        (["--compare", "--with", "germany"], "--with"),
    ],
)
def test_any_real_country_gets_one_plain_refusal(run, args, option):
    result = run("visa", *args)
    assert result.exit_code == 2
    passports = "no rules for German passports; covered passports: Japan, South Korea"
    destinations = (
        "no rules for travel to Germany; covered destinations: Cambodia, Thailand, Vietnam"
    )
    expected = passports if option == "--passport" else destinations
    assert result.stderr.strip() == f"Error: Invalid value for '{option}': {expected}"


def test_without_country_a_matrix_of_destinations_by_nationality(run):
    # Machine formats: one row per rule in force, with both countries as codes.
    rows = tsv_rows(run("visa").output)
    assert [
        (r["nationality"], r["destination"], r["regime"], r["max_stay_days"]) for r in rows
    ] == [
        ("KR", "KH", "visa_on_arrival", "30"),
        ("KR", "VN", "visa_free", "45"),
        ("KR", "TH", "visa_free", "90"),
        ("JP", "VN", "visa_free", "45"),
    ]
    # The table: destinations down, passports across, a gap where there is no rule.
    table = markdown_rows(run("visa", "-f", "markdown").output)
    assert table[1] == {
        "Destination": "Vietnam",
        "Japan": "visa-free 45d, confirmed 1y 8mo ago, stale",
        "South Korea": "visa-free 45d, confirmed 1y 8mo ago, stale",
    }
    assert table[0]["Japan"] == "—"
    assert table[0]["South Korea"] == "visa on arrival 30d, confirmed 5mo ago"


def test_table_shows_rule_in_words_and_the_age_of_each_fact(terminal):
    output = terminal("visa", "--passport", "korea", width=200).output
    assert "visa on arrival" in output
    assert "45 days" in output
    assert "2026-06-01 (5mo ago)" in output
    assert "2025-03-08 (1y 8mo ago, stale)" in output
    assert "3 rules · 2 stale (last confirmed over 12 months ago) · dataset test-1" in output
    assert "Entry rules for citizens of South Korea, in force on 2026-11-25" in output


def test_json_rows_carry_names_age_and_sources(run):
    rules = json.loads(run("visa", "-p", "korea", "-f", "json").output)
    cambodia = rules[0]
    assert cambodia["destination"] == "KH" and cambodia["destination_name"] == "Cambodia"
    assert cambodia["regime"] == "visa_on_arrival"
    assert (cambodia["age_days"], cambodia["stale"]) == (177, False)
    assert (rules[1]["age_days"], rules[1]["stale"]) == (627, True)
    assert cambodia["sources"] == ["paper-b", "paper-a"]
    assert (cambodia["best_source"], cambodia["best_source_kind"]) == ("paper-b", "news")
    assert cambodia["confidence"] == "verified"


def test_on_a_date_before_2023_08_15_shows_vietnams_older_stay(run):
    rows = tsv_rows(run("visa", "-p", "korea", "-d", "vietnam", "--on", "2023-08-14").output)
    assert [r["max_stay_days"] for r in rows] == ["15"]
    rows = tsv_rows(run("visa", "-p", "korea", "-d", "vietnam", "--on", "2023-08-15").output)
    assert [r["max_stay_days"] for r in rows] == ["45"]


def test_on_sets_the_date_in_the_title(terminal):
    assert (
        "in force on 2023-01-01"
        in terminal("visa", "-p", "kr", "--on", "2023-01-01", width=120).output
    )


def test_history_lists_each_period_with_its_status(run):
    rows = tsv_rows(run("visa", "-p", "korea", "--history", "-d", "vietnam").output)
    assert [(r["max_stay_days"], r["effective_until"], r["status"]) for r in rows] == [
        ("15", "2023-08-14", "ended"),
        ("45", "", "in force"),
    ]


def test_history_marks_a_rule_not_yet_begun_as_scheduled(run):
    rows = tsv_rows(
        run("visa", "-p", "korea", "--history", "-d", "vietnam", "--on", "2023-01-01").output
    )
    assert [r["status"] for r in rows] == ["in force", "scheduled"]


def test_compare_marks_cambodia_stricter_for_korean_passports(run):
    rows = [r for r in tsv_rows(run("visa", "--compare").output) if r["nationality"] == "KR"]
    assert [(r["destination"], r["home"], r["more_open_than_home"]) for r in rows] == [
        ("KH", "true", ""),
        ("VN", "false", "true"),
        ("TH", "false", "true"),
    ]
    table = markdown_rows(run("visa", "--compare", "-f", "markdown").output)
    korea = next(r for r in table if r["Passport"] == "South Korea")
    assert korea["Cambodia"] == "visa on arrival 30d, confirmed 5mo ago"
    assert korea["Vietnam"] == r"visa-free 45d since 2023-08-15, confirmed 1y 8mo ago, stale \*"
    assert korea["Cambodia stricter than"] == "Vietnam, Thailand"


def test_compare_with_narrows_the_neighbours(run):
    output = run("visa", "--compare", "--with", "vietnam", "-p", "korea").output
    assert [(r["nationality"], r["destination"]) for r in tsv_rows(output)] == [
        ("KR", "KH"),
        ("KR", "VN"),
    ]
    markdown = run("visa", "--compare", "--with", "vietnam", "-p", "korea", "-f", "markdown")
    lines = [line for line in markdown.output.splitlines() if line.startswith("| ")]
    assert lines[0] == "| Passport | Cambodia | Vietnam | Cambodia stricter than |"
    assert lines[2] == (
        "| South Korea | visa on arrival 30d, confirmed 5mo ago | "
        r"visa-free 45d since 2023-08-15, confirmed 1y 8mo ago, stale \* | Vietnam |"
    )


def test_compare_json_names_the_stricter_neighbours(run):
    records = [
        r
        for r in json.loads(run("visa", "--compare", "-f", "json").output)
        if r["nationality"] == "KR"
    ]
    assert [r["destination"] for r in records if r["more_open_than_home"]] == ["VN", "TH"]
    (home,) = [r for r in records if r["home"] is True]
    assert (home["destination"], home["regime"], home["max_stay_days"]) == (
        "KH",
        "visa_on_arrival",
        30,
    )
    assert home["more_open_than_home"] is None  # Cambodia is not compared with itself


def test_with_needs_compare(run):
    result = run("visa", "--with", "vietnam")
    assert result.exit_code == 2
    assert "--with goes with --compare" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--with", "cambodia"], "Cambodia is not one of Cambodia's Southeast Asian neighbours"),
        (["--with", "vietnam,korea"], "'--with': no rules for travel to South Korea; covered"),
        (["--with", ","], "name at least one neighbour"),
        (["-d", "vietnam"], "choose neighbours with --with, not --destination"),
        (["-p", "japan"], "no rule for Japan passports entering Cambodia to compare"),
    ],
)
def test_compare_refuses_what_cannot_be_compared(run, args, message):
    result = run("visa", "--compare", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_compare_counts_a_neighbour_named_twice_once(run):
    rows = tsv_rows(run("visa", "--compare", "--with", "vietnam,vietnam").output)
    assert [r["destination"] for r in rows] == ["KH", "VN"]
    markdown = run("visa", "--compare", "--with", "vietnam,vietnam", "-f", "markdown").output
    assert "| Passport | Cambodia | Vietnam | Cambodia stricter than |" in markdown.splitlines()


def test_compare_neighbours_are_southeast_asian(run, data_file, mini_data):
    mini_data["visa"].append(
        {"id": "jp-kr", "destination": "JP", "nationality": "KR", "regime": "visa_free",
         "max_stay_days": 90, "as_of": "2025-01-01", "sources": ["paper-b"],
         "confidence": "verified"}
    )  # fmt: skip
    data_file(mini_data)
    rows = tsv_rows(run("visa", "--compare").output)
    assert [r["destination"] for r in rows] == ["KH", "VN", "TH"]
    markdown = run("visa", "--compare", "-f", "markdown").output.splitlines()
    assert "| Passport | Cambodia | Vietnam | Thailand | Cambodia stricter than |" in markdown


def test_a_country_code_only_the_data_file_knows_can_be_asked_for(run, data_file, mini_data):
    for rule in mini_data["visa"]:
        if rule["nationality"] == "KR":
            rule["nationality"] = "GB"
    data_file(mini_data)
    rows = tsv_rows(run("visa", "-p", "gb", "-d", "VN").output)
    assert [(r["nationality"], r["destination_name"], r["max_stay_days"]) for r in rows] == [
        ("GB", "Vietnam", "45")
    ]


def test_matrix_marks_a_countrys_own_passport(run, data_file, mini_data):
    rule = dict(mini_data["visa"][0], id="vn-kh", destination="VN", nationality="KH")
    rule.update(effective_from=None, effective_until=None)
    mini_data["visa"].append(rule)
    data_file(mini_data)
    rows = {r["Destination"]: r for r in markdown_rows(run("visa", "-f", "markdown").output)}
    assert rows["Cambodia"]["Cambodia"] == "own country"
    assert rows["Vietnam"]["Cambodia"] == "visa on arrival 30d, confirmed 5mo ago"


@pytest.mark.parametrize(
    "today, as_of, expected",
    [
        ("2024-01-01", "2025-04-14", "2025-04-14 (later than today)"),
        ("2025-04-14", "2025-04-14", "2025-04-14 (today)"),
        ("2025-04-20", "2025-04", "2025-04 (this month)"),
        ("2025-04-20", "2025", "2025 (this year)"),
        ("2025-05-14", "2025-04-14", "2025-04-14 (30d ago)"),
    ],
)
def test_as_of_says_how_long_ago_in_words(terminal, data_file, mini_data, today, as_of, expected):
    mini_data["visa"][0]["as_of"] = as_of
    data_file(mini_data)
    output = terminal("visa", "-p", "kr", width=300, env={"CKR_TODAY": today}).output
    assert expected in output


def test_compare_explains_that_a_country_needs_no_visa_at_home(shipped):
    result = shipped("visa", "--compare", "-p", "kh")
    assert result.exit_code == 2
    assert "Cambodia passports need no visa for Cambodia; choose another" in result.stderr


def test_a_rule_confirmed_only_after_it_ended_is_confirmed_by_its_last_day(shipped):
    # kh-kr-long-pre2020 ends with the 2020 suspension; its pages were written later.
    rows = json.loads(shipped("visa", "-p", "kr", "-d", "kh", "--history", "-f", "json").output)
    before = next(row for row in rows if row["id"] == "kh-kr-long-pre2020")
    assert before["effective_until"] == "2020-03-30"
    assert before["first_confirmed"] <= before["effective_until"]
