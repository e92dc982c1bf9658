"""ckr claims: the seed article's factual claims, and what checking them found."""

from __future__ import annotations

import click

from ckr import query
from ckr.output import emit, output_options, pass_session
from ckr.session import Session
from ckr.views import claims as view


@click.command()
@click.option(
    "--verdict",
    "-v",
    multiple=True,
    type=click.Choice(query.VERDICTS, case_sensitive=False),
    help="Only claims with this verdict (repeatable).",
)
@output_options
@pass_session
def claims(session: Session, verdict, fmt, fields) -> None:
    """The seed article's claims, each with a verdict and a one-line finding.

    \b
    Examples:
      ckr claims
      ckr claims --verdict unsupported --verdict "only in the seed"
      ckr show claim-ties-restored-1997
    """
    chosen = query.claims(session.catalog.data, verdict)
    emit(view.claims_listing(session, chosen), fmt, fields)
