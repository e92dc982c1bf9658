"""ckr changes: visa rules that began or ended in a window of time, or are yet to."""

from __future__ import annotations

import click

from ckr import dates, history
from ckr.output import emit, output_options, pass_session
from ckr.params import DATE_HELP, PartialDateParam, check_range
from ckr.session import Session
from ckr.views import changes as view


@click.command()
@click.option("--since", type=PartialDateParam(), help=f"Changes from this date: {DATE_HELP}.")
@click.option(
    "--until",
    type=PartialDateParam(),
    help=f"Changes up to this date: {DATE_HELP} (a year or month counts whole).",
)
@click.option("--upcoming", is_flag=True, help="Changes after today, however far ahead.")
@output_options
@pass_session
def changes(session: Session, since, until, upcoming, fmt, fields, limit) -> None:
    """Visa rules that began or ended, or will.

    Each change says when, where, for which passport, and the rule in force the day
    before and on the day. A rule that follows one on the same terms is "renewed".

    \b
    Examples:
      ckr changes --since 2024
      ckr changes --since 2023-01 --until 2023-12
      ckr changes --upcoming --format json
    """
    if upcoming and since:
        raise click.UsageError("--upcoming starts tomorrow; give it no --since")
    if not (upcoming or since):
        raise click.UsageError("give --since DATE, or --upcoming")
    check_range(since, until, ("--since", "--until"))
    data, today = session.catalog.data, session.today
    end = dates.last_day(until) if until else None
    if upcoming:
        found = history.upcoming(data, today, end)
        title = f"Visa rule changes after {today}"
    else:
        found = history.changes(data, dates.first_day(since), end)
        title = f"Visa rule changes since {since}"
    title += f", up to {until}" if until else ""
    emit(view.changes_listing(session, found[:limit], title), fmt, fields)
