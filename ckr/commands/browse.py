"""ckr browse: the whole dataset in a full-screen terminal browser (ckr.browse)."""

from __future__ import annotations

import sys

import click

from ckr.exits import EXIT_OK
from ckr.output import pass_session
from ckr.session import Session

COLLECTIONS = ("timeline", "visa", "domains", "figures", "claims", "sources")


@click.command()
@click.argument(
    "collection", type=click.Choice(COLLECTIONS, case_sensitive=False), default="timeline"
)
@click.pass_context
@pass_session
def browse(session: Session, ctx: click.Context, collection: str) -> None:
    """Browse the dataset full-screen: a list beside the record in full, a filter, links
    to follow, the visa rules on any day. Press ? inside for every key, q to quit.

    \b
    Examples:
      ckr browse
      ckr browse visa
      ckr --data my.json browse claims
    """
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        raise click.UsageError("ckr browse needs a terminal; use the other commands in scripts")
    # A broken dataset or CKR_TODAY fails here, in one line, before the screen is taken.
    _ = session.catalog, session.today
    from ckr.browse.app import BrowseApp  # Textual: imported by this command only

    app = BrowseApp(session, collection.lower())
    app.run()
    ctx.exit(app.return_code if app.return_code is not None else EXIT_OK)
