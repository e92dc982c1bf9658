"""ckr domains: the domains of cooperation, with figures and agreements."""

from __future__ import annotations

import click

from ckr import complete, query
from ckr.output import emit, output_options, pass_session
from ckr.session import Session
from ckr.views import domains as view


@click.command()
@click.argument("domain", required=False, shell_complete=complete.domain)
@click.option("--chart", is_flag=True, help="With DOMAIN: its main measure over time, as bars.")
@output_options
@pass_session
def domains(session: Session, domain, chart, fmt, fields, limit) -> None:
    """Domains of cooperation; name one to see its figures and agreements.

    \b
    Examples:
      ckr domains
      ckr domains trade
      ckr domains labour --format json
      ckr domains trade --chart
    """
    data = session.catalog.data
    if chart and domain is None:
        raise click.UsageError("--chart needs a DOMAIN, for example: ckr domains trade --chart")
    if domain is None:
        emit(view.domains_listing(session, data.domains[:limit]), fmt, fields)
        return
    try:
        chosen = query.domain(data, domain)
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'DOMAIN'") from None
    build = view.domain_chart_listing if chart else view.domain_listing
    listing = build(session, chosen)
    listing.rows = listing.rows[:limit]
    emit(listing, fmt, fields)
