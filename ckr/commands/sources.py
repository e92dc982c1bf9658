"""ckr sources: every source, and how many records cite it."""

from __future__ import annotations

import click

from ckr import query
from ckr.output import emit, output_options, pass_session
from ckr.session import Session
from ckr.views import sources as view


@click.command()
@click.option("--unused", is_flag=True, help="Only sources that no record cites.")
@output_options
@pass_session
def sources(session: Session, unused, fmt, fields) -> None:
    """Every source with its publisher, title, URL, access date and citation count.

    \b
    Examples:
      ckr sources
      ckr sources --unused
      ckr sources --format csv > sources.csv
    """
    data = session.catalog.data
    counts = query.citation_counts(data)
    chosen = query.uncited_sources(data, counts) if unused else data.sources
    emit(view.sources_listing(session, chosen, counts), fmt, fields)
