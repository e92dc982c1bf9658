"""Click parameter types for values the data layer understands."""

from __future__ import annotations

import click

from ckr import dates

DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"


class PartialDateParam(click.ParamType):
    """A year, month or day as YYYY, YYYY-MM or YYYY-MM-DD."""

    name = "date"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        problem = dates.check(text)
        if problem:
            self.fail(problem, param, ctx)
        return text


class SearchTextParam(click.ParamType):
    """Words to look for, as `ckr search` matches them: at least one."""

    name = "text"

    def convert(self, value, param, ctx):
        from ckr import matching  # only the commands that search need it

        if not matching.terms(str(value)):
            self.fail("give some text to look for", param, ctx)
        return str(value)


def check_range(start: str | None, end: str | None, names: tuple[str, str]) -> None:
    """A usage error when the first of two dates (a year or month counting whole) comes
    after the second: check_range(start, end, ("--from", "--to"))."""
    if start and end and dates.first_day(start) > dates.last_day(end):
        first, second = names
        raise click.BadParameter(
            f"{first} {start} is after {second} {end}", param_hint=f"{first}/{second}"
        )
