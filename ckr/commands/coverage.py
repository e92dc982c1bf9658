"""ckr coverage: passports, destinations, and the years and counts of every collection."""

from __future__ import annotations

import click

from ckr import query
from ckr.output import emit, format_option, pager_option, pass_session
from ckr.session import Session
from ckr.views import coverage as view


@click.command()
@format_option
@pager_option
@pass_session
def coverage(session: Session, fmt) -> None:
    """What the dataset covers: the passports and destinations of its visa rules, the
    years its events and figures span (figures domain by domain), and how many records
    each collection holds.

    \b
    Examples:
      ckr coverage
      ckr coverage --format json
    """
    emit(view.coverage_listing(session, query.coverage(session.catalog.data)), fmt)
