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
