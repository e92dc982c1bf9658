import pytest
from hypothesis import given
from hypothesis import strategies as st

from ckr import dates

digits = st.text("0123456789", min_size=2, max_size=2)


@given(st.text("0123456789", min_size=4, max_size=4), st.none() | digits, st.none() | digits)
def test_the_fast_check_agrees_with_the_full_one(year, month, day):
    text = year + (f"-{month}" if month else "") + (f"-{day}" if month and day else "")
    assert dates.is_real(text) == (dates.check(text) is None)


def test_year_zero_and_impossible_days_are_refused():
    assert dates.check("0000") == "'0000' has no year 0"
    assert dates.check("2023-02-29") == "'2023-02-29' is not a calendar date"
    assert dates.check("2024-02-29") is None
    assert dates.check("2024-13") == "'2024-13' has no month 13"


def test_ages_are_counted_from_the_last_day_a_date_can_mean():
    import datetime as dt

    on = dt.date(2026, 11, 25)
    assert dates.age_in_days("2026-11", on) == 0
    assert dates.age_in_days("2025", on) == 329
    assert dates.describe_age(400) == "1y 1mo"
    assert dates.describe_age(45) == "45d"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-08-14", "2023-08-15"),
        ("2024-02-28", "2024-02-29"),
        ("2024-12-31", "2025-01-01"),
        ("2022-06", "2022-07"),
        ("2023-12", "2024-01"),
        ("2022", "2023"),
    ],
)
def test_following_is_the_partial_date_right_after_as_precise(text, expected):
    assert dates.following(text) == expected
