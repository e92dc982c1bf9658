import json

import pytest

from conftest import tsv_rows


def test_korea_row_shows_rule_stay_since_as_of_and_source(run):
    rows = tsv_rows(run("visa", "--country", "korea").output)
    vietnam = next(r for r in rows if r["destination"] == "Vietnam")
    assert vietnam == {
        "destination": "Vietnam",
        "rule": "visa_free",
        "max_stay_days": "45",
        "since": "2023-08-15",
        "as_of": "2025-03-08",
        "source": "Paper B",
        "age_days": "627",
        "stale": "yes",
    }


def test_a_rule_with_several_sources_names_the_first_and_counts_the_rest(run):
    rows = tsv_rows(run("visa", "--country", "korea").output)
    assert rows[0]["source"] == "Paper B +1"


def test_one_row_per_destination_with_the_rule_in_force_today(run):
    rows = tsv_rows(run("visa", "--country", "KR").output)
    assert [r["destination"] for r in rows] == ["Cambodia", "Vietnam", "Thailand"]


def test_a_rule_that_ended_is_not_shown_today(run):
    output = run("visa", "-c", "korea", "-d", "vietnam").output
    assert "\t15\t" not in output and "\t45\t" in output


def test_a_rule_that_ended_is_shown_on_a_day_it_applied(run):
    rows = tsv_rows(
        run("visa", "-c", "korea", "-d", "vietnam", env={"CKR_TODAY": "2023-01-01"}).output
    )
    assert [r["max_stay_days"] for r in rows] == ["15"]


@pytest.mark.parametrize(
    "spelling",
    ["korea", "South Korea", "republic of korea", "ROK", "kr", "KOR", "Korean", "S. Korea"],
)
def test_country_spellings_all_mean_south_korea(run, spelling):
    result = run("visa", "--country", spelling)
    assert result.exit_code == 0
    assert "Cambodia\tvisa_on_arrival\t30" in result.output


def test_north_korea_is_never_shown_as_south_korea(run):
    result = run("visa", "--country", "north korea")
    assert result.exit_code == 2
    assert "no visa rules for North Korea (KP)" in result.stderr
    assert "Cambodia" not in result.output


def test_misspelt_country_suggests_the_near_one(run):
    result = run("visa", "--country", "kroea")
    assert result.exit_code == 2
    assert "unknown country 'kroea' (did you mean 'korea'?)" in result.stderr
    assert "Traceback" not in result.output


def test_empty_country_is_a_usage_error(run):
    result = run("visa", "--country", "")
    assert result.exit_code == 2
    assert "unknown country ''" in result.stderr


def test_destination_outside_the_dataset_names_what_is_covered(run):
    result = run("visa", "-c", "korea", "-d", "japan")
    assert result.exit_code == 2
    assert "no visa rules for travel to Japan" in result.stderr
    assert "Cambodia, Vietnam, Thailand" in result.stderr


def test_without_country_a_matrix_of_destinations_by_nationality(run):
    rows = tsv_rows(run("visa").output)
    assert rows[1] == {"destination": "Vietnam", "JP": "visa-free 45d", "KR": "visa-free 45d"}
    assert rows[0]["JP"] == ""


def test_table_shows_rule_in_words_and_the_age_of_each_fact(terminal):
    output = terminal("visa", "--country", "korea", width=120).output
    assert "visa on arrival" in output
    assert "45 days" in output
    assert "2026-06-01 (5mo ago)" in output
    assert "2025-03-08 (1y 8mo ago, stale)" in output
    assert "3 rules · 2 stale (last confirmed over 12 months ago) · dataset test-1" in output
    assert "Entry rules for citizens of South Korea, in force on 2026-11-25" in output


def test_json_rows_carry_names_age_and_sources(run):
    rules = json.loads(run("visa", "-c", "korea", "-f", "json").output)
    cambodia = rules[0]
    assert cambodia["destination"] == "KH" and cambodia["destination_name"] == "Cambodia"
    assert cambodia["regime"] == "visa_on_arrival"
    assert (cambodia["age_days"], cambodia["stale"]) == (177, False)
    assert (rules[1]["age_days"], rules[1]["stale"]) == (627, True)
    assert cambodia["sources"][0]["title"] == "Visa news"


def test_on_a_date_before_2023_08_15_shows_vietnams_older_stay(run):
    rows = tsv_rows(run("visa", "-c", "korea", "-d", "vietnam", "--on", "2023-08-14").output)
    assert [r["max_stay_days"] for r in rows] == ["15"]
    rows = tsv_rows(run("visa", "-c", "korea", "-d", "vietnam", "--on", "2023-08-15").output)
    assert [r["max_stay_days"] for r in rows] == ["45"]


def test_on_sets_the_date_in_the_title(terminal):
    assert (
        "in force on 2023-01-01"
        in terminal("visa", "-c", "kr", "--on", "2023-01-01", width=120).output
    )


def test_history_lists_each_period_with_its_status(run):
    rows = tsv_rows(run("visa", "-c", "korea", "--history", "-d", "vietnam").output)
    assert [(r["max_stay_days"], r["effective_until"], r["status"]) for r in rows] == [
        ("15", "2023-08-14", "ended"),
        ("45", "", "in force"),
    ]


def test_history_marks_a_rule_not_yet_begun_as_scheduled(run):
    rows = tsv_rows(
        run("visa", "-c", "korea", "--history", "-d", "vietnam", "--on", "2023-01-01").output
    )
    assert [r["status"] for r in rows] == ["in force", "scheduled"]


def test_compare_marks_cambodia_stricter_for_korean_passports(run):
    rows = tsv_rows(run("visa", "--compare").output)
    korea = next(r for r in rows if r["passport"] == "South Korea")
    assert korea["KH"] == "visa on arrival 30d"
    assert korea["VN"] == "visa-free 45d since 2023-08-15 *"
    assert korea["stricter_than"] == "Vietnam, Thailand"


def test_compare_with_narrows_the_neighbours(run):
    output = run("visa", "--compare", "--with", "vietnam", "-c", "korea").output
    assert output.splitlines() == [
        "passport\tKH\tVN\tstricter_than",
        "South Korea\tvisa on arrival 30d\tvisa-free 45d since 2023-08-15 *\tVietnam",
    ]


def test_compare_json_names_the_stricter_neighbours(run):
    records = json.loads(run("visa", "--compare", "-f", "json").output)
    korea = next(r for r in records if r["passport"] == "KR")
    assert korea["home_stricter_than"] == ["VN", "TH"]
    assert korea["home"]["regime"] == "visa_on_arrival"


def test_with_needs_compare(run):
    result = run("visa", "--with", "vietnam")
    assert result.exit_code == 2
    assert "--with goes with --compare" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--with", "cambodia"], "Cambodia is not one of Cambodia's Southeast Asian neighbours"),
        (["--with", "vietnam,korea"], "'--with': no visa rules for travel to South Korea"),
        (["--with", ","], "name at least one neighbour"),
        (["-d", "vietnam"], "choose neighbours with --with, not --destination"),
        (["-c", "japan"], "no rule for Japan passports entering Cambodia to compare"),
    ],
)
def test_compare_refuses_what_cannot_be_compared(run, args, message):
    result = run("visa", "--compare", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_compare_counts_a_neighbour_named_twice_once(run):
    header = run("visa", "--compare", "--with", "vietnam,vietnam").output.splitlines()[0]
    assert header == "passport\tKH\tVN\tstricter_than"


def test_compare_neighbours_are_southeast_asian(run, data_file, mini_data):
    mini_data["visa"].append(
        {"id": "jp-kr", "destination": "JP", "nationality": "KR", "regime": "visa_free",
         "max_stay_days": 90, "as_of": "2025-01-01", "sources": ["paper-b"],
         "confidence": "verified"}
    )  # fmt: skip
    data_file(mini_data)
    header = run("visa", "--compare").output.splitlines()[0]
    assert header == "passport\tKH\tVN\tTH\tstricter_than"


def test_a_country_code_only_the_data_file_knows_can_be_asked_for(run, data_file, mini_data):
    for rule in mini_data["visa"]:
        if rule["nationality"] == "KR":
            rule["nationality"] = "GB"
    data_file(mini_data)
    rows = tsv_rows(run("visa", "-c", "gb", "-d", "VN").output)
    assert [(r["destination"], r["max_stay_days"]) for r in rows] == [("Vietnam", "45")]


def test_matrix_marks_a_countrys_own_passport(run, data_file, mini_data):
    rule = dict(mini_data["visa"][0], id="vn-kh", destination="VN", nationality="KH")
    rule.update(effective_from=None, effective_until=None)
    mini_data["visa"].append(rule)
    data_file(mini_data)
    rows = {r["destination"]: r for r in tsv_rows(run("visa").output)}
    assert rows["Cambodia"]["KH"] == "own country"
    assert rows["Vietnam"]["KH"] != "own country"


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
    output = terminal("visa", "-c", "kr", width=300, env={"CKR_TODAY": today}).output
    assert expected in output


def test_compare_explains_that_a_country_needs_no_visa_at_home(shipped):
    result = shipped("visa", "--compare", "-c", "kh")
    assert result.exit_code == 2
    assert "Cambodia passports need no visa for Cambodia; choose another" in result.stderr
