"""ckr timeline: dated events of the relationship."""

from __future__ import annotations

import click

from ckr import complete, query
from ckr.output import emit, output_options, pass_session, reverse_option, several
from ckr.params import DATE_HELP, PartialDateParam, SearchTextParam, check_range
from ckr.session import Session
from ckr.views import timeline as view


@click.command()
@click.option(
    "--from", "start", type=PartialDateParam(), help=f"Events from this date: {DATE_HELP}."
)
@click.option(
    "--to",
    "end",
    type=PartialDateParam(),
    help=f"Events up to this date: {DATE_HELP} (a year or month counts whole).",
)
@click.option(
    "--category",
    "-c",
    multiple=True,
    shell_complete=complete.category,
    help="Only this category (repeatable, or several with commas).",
)
@click.option(
    "--search",
    "-s",
    type=SearchTextParam(),
    help="Only events whose id, title, summary or note hold every word (as ckr search).",
)
@click.option("--chart", is_flag=True, help="Events per year by category, as bars.")
@reverse_option
@output_options
@pass_session
def timeline(
    session: Session, start, end, category, search, chart, reverse, fmt, fields, limit
) -> None:
    """Dated events of Cambodia–South Korea relations, oldest first.

    \b
    Examples:
      ckr timeline --from 2020
      ckr timeline --category labour --category trade
      ckr timeline --search FTA --format json
      ckr timeline --chart --from 2019
    """
    check_range(start, end, ("--from", "--to"))
    wanted = query.EventFilter(
        start=start,
        end=end,
        categories=tuple(several(category)),
        search=search,
        limit=limit,
        reverse=reverse,
    )
    try:
        chosen = query.events(session.catalog.data, wanted)
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'--category'") from None
    build = view.timeline_chart_listing if chart else view.events_listing
    emit(build(session, chosen), fmt, fields)
