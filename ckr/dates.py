"""Partial ISO dates ("2021", "2021-10", "2021-10-26") as the sources give them."""

from __future__ import annotations

import datetime as dt
import os
import re

from ckr.text import PATTERN_END

# [0-9], not \d: \d also admits other scripts' digits.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" + PATTERN_END
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def is_real(text: str) -> bool:
    """The same answer as `check(text) is None`, for text that matches the pattern.

    Called once per record when a dataset loads, so the common case (a year other than
    0000, a month 01 to 12, a day 01 to 28) is settled by string comparisons; anything
    else goes to the full check.
    """
    common = text[:4] != "0000" and (
        len(text) == 4
        or ("01" <= text[5:7] <= "12" and (len(text) == 7 or "01" <= text[8:] <= "28"))
    )
    return common or check(text) is None


def check(text: str) -> str | None:
    """Return why `text` is not a real partial date, or None when it is."""
    if not _PARTIAL_DATE.match(text):
        return f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")]
    if parts[0] < 1:
        return f"{text!r} has no year 0"
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"{text!r} has no month {parts[1]}"
    if len(parts) == 3:
        if not 1 <= parts[2] <= days_in_month(parts[0], parts[1]):
            return f"{text!r} is not a calendar date"
    return None


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def first_day(text: str) -> dt.date:
    """The earliest day a partial date can mean: "2021-10" -> 2021-10-01."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    """The latest day a partial date can mean: "2021-10" -> 2021-10-31."""
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else days_in_month(year, month)
    return dt.date(year, month, day)


def following(text: str) -> str:
    """The partial date right after, as precise: "2023-08-14" -> "2023-08-15",
    "2022-06" -> "2022-07", "2022" -> "2023"."""
    day = last_day(text) + dt.timedelta(days=1)
    return day.isoformat()[: len(text)]


def today() -> dt.date:
    """Today's date; CKR_TODAY=YYYY-MM-DD pins it for reproducible output.

    A CKR_TODAY that is not a full, real date is a ValueError, never silently ignored.
    """
    pinned = os.environ.get("CKR_TODAY")
    if not pinned:
        return dt.date.today()
    problem = check(pinned) or (None if len(pinned) == 10 else f"{pinned!r} is not a full date")
    if problem:
        raise ValueError(f"CKR_TODAY: {problem}")
    return first_day(pinned)


def age_in_days(text: str, on: dt.date) -> int:
    """Days from the last day a partial date can mean to `on` (never negative)."""
    return max(0, (on - last_day(text)).days)


def describe_age(days: int) -> str:
    """A compact human age: "today", "12d", "5mo", "1y 8mo"."""
    if days == 0:
        return "today"
    if days < 60:
        return f"{days}d"
    years, months = divmod(days * 12 // 365, 12)
    if not years:
        return f"{months}mo"
    return f"{years}y {months}mo" if months else f"{years}y"
