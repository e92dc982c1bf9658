"""ckr search: one text, looked for in every kind of record."""

from __future__ import annotations

import click

from ckr import query
from ckr.output import emit, output_options, pass_session
from ckr.session import Session
from ckr.views import search as view


@click.command()
@click.argument("text")
@click.option("--word", "-w", is_flag=True, help="Match TEXT only as a whole word or phrase.")
@output_options
@pass_session
def search(session: Session, text, word, fmt, fields, limit) -> None:
    """Find TEXT (any case) in events, visa notes, domains, claims and sources.

    Results are grouped by kind, each with the id to give `ckr show`.

    \b
    Examples:
      ckr search EPS --word
      ckr search "scam" --format json
    """
    if not text.strip():
        raise click.BadParameter("give some text to look for", param_hint="'TEXT'")
    pattern = query.search_pattern(text, whole_words=word)
    matches = query.search(session.catalog.data, pattern)[:limit]
    emit(view.search_listing(session, text, pattern, matches), fmt, fields)
