"""ckr domains: the domains of cooperation, with figures and agreements."""

from __future__ import annotations

import click

from ckr import complete, query, views
from ckr.session import Session, emit, output_options, pass_session


@click.command()
@click.argument("domain", required=False, shell_complete=complete.domain)
@output_options
@pass_session
def domains(session: Session, domain, fmt, fields) -> None:
    """Domains of cooperation; name one to see its figures and agreements.

    \b
    Examples:
      ckr domains
      ckr domains trade
      ckr domains labour --format json
    """
    data = session.catalog.data
    if domain is None:
        emit(views.domains_listing(session, data.domains), fmt, fields)
        return
    try:
        chosen = query.domain(data, domain)
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'DOMAIN'") from None
    emit(views.domain_listing(session, chosen), fmt, fields)
