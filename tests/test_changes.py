"""ckr changes: visa rules that began or ended in a window, or will after today."""

import json

import pytest

from conftest import tsv_rows


def summary(output: str) -> list[tuple[str, ...]]:
    """(date, destination, passport, change, rule) for each row of TSV output."""
    return [
        (r["date"], r["destination"], r["nationality"], r["change"], r["rule"])
        for r in tsv_rows(output)
    ]


def test_changes_since_a_year_list_rules_that_began_with_what_applied_before(run):
    rows = tsv_rows(run("changes", "--since", "2023").output)
    assert [(r["date"], r["nationality_name"], r["change"], r["rule"]) for r in rows] == [
        ("2023-08-15", "Japan", "began", "vn-jp-2023"),
        ("2023-08-15", "South Korea", "began", "vn-kr-2023"),
    ]
    japan, korea = rows
    assert (japan["before_regime"], japan["before_max_stay_days"]) == ("", "")
    assert (korea["before_regime"], korea["before_max_stay_days"]) == ("visa_free", "15")
    assert (korea["after_regime"], korea["after_max_stay_days"]) == ("visa_free", "45")
    assert (korea["destination"], korea["destination_name"]) == ("VN", "Vietnam")


def test_a_rule_replaced_the_next_day_is_listed_once_as_the_new_ones_beginning(run):
    # vn-kr-2022 ends 2023-08-14 and vn-kr-2023 begins 2023-08-15: one row, not two.
    assert summary(run("changes", "--since", "2022").output) == [
        ("2022-03-15", "VN", "KR", "began", "vn-kr-2022"),
        ("2023-08-15", "VN", "JP", "began", "vn-jp-2023"),
        ("2023-08-15", "VN", "KR", "began", "vn-kr-2023"),
    ]


def test_until_closes_the_window_and_a_year_counts_whole(run):
    assert summary(run("changes", "--since", "1980", "--until", "2022").output) == [
        ("1981", "TH", "KR", "began", "th-kr"),
        ("2022-03-15", "VN", "KR", "began", "vn-kr-2022"),
    ]
    assert summary(run("changes", "--since", "1981-06", "--until", "1981-07").output) == [
        ("1981", "TH", "KR", "began", "th-kr"),
    ]


@pytest.fixture
def scheduled(data_file, mini_data):
    """Japanese visitors' 45 days in Vietnam end in June 2027 with nothing after; a
    Korean 60-day rule for Thailand starts on 2027-01-01."""
    japan = next(r for r in mini_data["visa"] if r["id"] == "vn-jp-2023")
    japan["effective_until"] = "2027-06"
    thailand = next(r for r in mini_data["visa"] if r["id"] == "th-kr")
    thailand["effective_until"] = "2026-12-31"
    mini_data["visa"].append(
        {
            **thailand,
            "id": "th-kr-2027",
            "max_stay_days": 60,
            "effective_from": "2027-01-01",
            "effective_until": None,
        }
    )
    data_file(mini_data)


def test_upcoming_lists_what_changes_after_today(run, scheduled):
    rows = tsv_rows(run("changes", "--upcoming").output)
    assert [(r["date"], r["change"], r["rule"]) for r in rows] == [
        ("2027-01-01", "began", "th-kr-2027"),
        ("2027-07", "ended", "vn-jp-2023"),
    ]
    ended = rows[1]
    assert (ended["before_regime"], ended["before_max_stay_days"]) == ("visa_free", "45")
    assert (ended["after_regime"], ended["after_max_stay_days"]) == ("", "")


def test_upcoming_with_until(run, scheduled):
    assert summary(run("changes", "--upcoming", "--until", "2027-03").output) == [
        ("2027-01-01", "TH", "KR", "began", "th-kr-2027"),
    ]


def test_upcoming_follows_today(run, scheduled):
    later = run("changes", "--upcoming", env={"CKR_TODAY": "2027-01-01"}).output
    assert summary(later) == [("2027-07", "VN", "JP", "ended", "vn-jp-2023")]


def test_json_records_are_flat_and_typed(run, scheduled):
    records = json.loads(run("changes", "--since", "2027", "-f", "json").output)
    assert records[0] == {
        "date": "2027-01-01",
        "change": "began",
        "rule": "th-kr-2027",
        "nationality": "KR",
        "nationality_name": "South Korea",
        "destination": "TH",
        "destination_name": "Thailand",
        "before_rule": "th-kr",
        "before_regime": "visa_free",
        "before_max_stay_days": 90,
        "after_rule": "th-kr-2027",
        "after_regime": "visa_free",
        "after_max_stay_days": 60,
        "confidence": "verified",
        "sources": ["paper-b"],
        "best_source": "paper-b",
        "best_source_kind": "news",
    }
    assert (records[1]["change"], records[1]["after_rule"]) == ("ended", None)


def test_the_table_shows_each_change_with_its_rule_and_words(terminal, scheduled):
    output = terminal("changes", "--upcoming", width=80).output
    assert "Visa rule changes after 2026-11-25" in output
    lines = [line.rstrip() for line in output.splitlines()]
    header = next(line for line in lines if line.startswith(" Date"))
    assert header.split() == ["Date", "Destination", "Passport", "Change", "Before", "After"]
    row = lines.index(next(line for line in lines if line.startswith(" 2027-07 ")))
    # The rule's id is under the change, to copy into `ckr show`.
    first, second = lines[row].split(), lines[row + 1].split()
    assert first == ["2027-07", "Vietnam", "Japan", "ended", "visa-free", "45d", "none"]
    assert second == ["vn-jp-2023"]
    assert "2 changes · dataset test-1" in output


def same_terms_again(run, data_file, mini_data, start: str) -> list[dict[str, str]]:
    """Japanese visitors' 45 days in Vietnam end on 2027-12-31 and come back on the same
    terms from `start`: the changes since 2027."""
    japan = next(r for r in mini_data["visa"] if r["id"] == "vn-jp-2023")
    japan["effective_until"] = "2027-12-31"
    again = {**japan, "id": "vn-jp-2028", "effective_from": start, "effective_until": None}
    mini_data["visa"].append(again)
    data_file(mini_data)
    return tsv_rows(run("changes", "--since", "2027").output)


def test_a_rule_followed_by_one_on_the_same_terms_is_a_renewal(run, data_file, mini_data):
    rows = same_terms_again(run, data_file, mini_data, "2028-01-01")
    assert [(r["date"], r["change"], r["rule"], r["before_rule"]) for r in rows] == [
        ("2028-01-01", "renewed", "vn-jp-2028", "vn-jp-2023"),
    ]
    assert (rows[0]["before_max_stay_days"], rows[0]["after_max_stay_days"]) == ("45", "45")


def test_the_same_terms_after_a_gap_are_a_new_beginning(run, data_file, mini_data):
    rows = same_terms_again(run, data_file, mini_data, "2028-03-01")
    assert [(r["date"], r["change"], r["rule"]) for r in rows] == [
        ("2028-01-01", "ended", "vn-jp-2023"),
        ("2028-03-01", "began", "vn-jp-2028"),
    ]


def test_one_visa_requirement_after_another_is_a_change_not_a_renewal(run, data_file, mini_data):
    # A pandemic suspension of Korean visitors' waiver in Thailand, then an ordinary
    # visa requirement: both "visa required", but not the same rule renewed.
    thailand = next(r for r in mini_data["visa"] if r["id"] == "th-kr")
    thailand["effective_until"] = "2027-03-31"
    closed = {**thailand, "regime": "visa_required", "max_stay_days": None}
    mini_data["visa"] += [
        {
            **closed,
            "id": "th-kr-closed",
            "effective_from": "2027-04-01",
            "effective_until": "2027-06-30",
        },
        {**closed, "id": "th-kr-visa", "effective_from": "2027-07-01", "effective_until": None},
    ]
    data_file(mini_data)
    rows = tsv_rows(run("changes", "--since", "2027").output)
    assert [(r["date"], r["change"], r["rule"]) for r in rows] == [
        ("2027-04-01", "began", "th-kr-closed"),
        ("2027-07-01", "began", "th-kr-visa"),
    ]


def test_nothing_in_the_window_says_so(terminal):
    result = terminal("changes", "--since", "2030")
    assert result.stdout == ""
    assert result.stderr == "No visa rule began or ended then.\n"


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give --since DATE, or --upcoming"),
        (["--upcoming", "--since", "2020"], "--upcoming starts tomorrow; give it no --since"),
        (["--since", "2024", "--until", "2023"], "--since 2024 is after --until 2023"),
        (["--since", "2023-02-30"], "'2023-02-30' is not a calendar date"),
    ],
)
def test_usage_errors(run, args, message):
    result = run("changes", *args)
    assert result.exit_code == 2
    assert message in result.stderr.strip().splitlines()[-1]
