"""ckr sources: every source, and how many records cite it."""

from __future__ import annotations

from typing import get_args

import click

from ckr import query
from ckr.model import SourceKind
from ckr.output import emit, output_options, pass_session
from ckr.session import Session
from ckr.views import sources as view

SOURCE_KINDS = get_args(SourceKind)


@click.command()
@click.option("--unused", is_flag=True, help="Only sources that no record cites.")
@click.option(
    "--kind",
    multiple=True,
    type=click.Choice(SOURCE_KINDS, case_sensitive=False),
    help="Only sources of this kind (repeatable).",
)
@output_options
@pass_session
def sources(session: Session, unused, kind, fmt, fields, limit) -> None:
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
    chosen = [s for s in chosen if not kind or s.kind in {k.casefold() for k in kind}]
    emit(view.sources_listing(session, chosen[:limit], counts), fmt, fields)
