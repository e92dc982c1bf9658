"""ckr figures: every figure of every domain, one tidy listing."""

from __future__ import annotations

import click

from ckr import complete, query
from ckr.output import emit, output_options, pass_session, reverse_option, several
from ckr.params import DATE_HELP, PartialDateParam, SearchTextParam, check_range
from ckr.session import Session
from ckr.views import domains as view


@click.command()
@click.option(
    "--domain",
    multiple=True,
    shell_complete=complete.domain,
    help="Only this domain (repeatable, or several with commas).",
)
@click.option("--reporter", help="Only figures whose reporting body contains this text.")
@click.option("--from", "start", type=PartialDateParam(), help=f"Periods from: {DATE_HELP}.")
@click.option("--to", "end", type=PartialDateParam(), help=f"Periods up to: {DATE_HELP}.")
@click.option(
    "--search",
    "-s",
    type=SearchTextParam(),
    help="Only figures whose label or note hold every word (as ckr search matches them).",
)
@reverse_option
@output_options
@pass_session
def figures(
    session: Session, domain, reporter, start, end, search, reverse, fmt, fields, limit
) -> None:
    """Every figure, with its value, unit, period, reporting body, confidence and sources.

    \b
    Examples:
      ckr figures --domain trade
      ckr figures --domain tourism --from 2010 --format json
      ckr figures --reporter KITA --format csv > kita.csv
    """
    check_range(start, end, ("--from", "--to"))
    wanted = query.FigureFilter(
        domains=tuple(several(domain)),
        reporter=reporter,
        start=start,
        end=end,
        search=search,
        reverse=reverse,
    )
    try:
        chosen = query.figures(session.catalog.data, wanted)
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'--domain'") from None
    whole = not (reporter or start or end or search)
    emit(view.figures_listing(session, chosen[:limit], whole), fmt, fields)
