"""ckr search: words looked for in every kind of record."""

from __future__ import annotations

import click

from ckr import query
from ckr.matching import TextQuery
from ckr.output import emit, output_options, pass_session, several
from ckr.session import Session
from ckr.views import search as view

KINDS_HELP = "event, visa-rule (or visa), figure, agreement, domain-note, domain, claim, source"


@click.command()
@click.argument("words", nargs=-1, required=True, metavar="WORDS...")
@click.option("--word", "-w", is_flag=True, help="Match each word only whole, not as a prefix.")
@click.option(
    "--kind",
    "-k",
    multiple=True,
    metavar="KIND",
    help=f"Only records of this kind (repeatable, or several with commas): {KINDS_HELP}.",
)
@output_options
@pass_session
def search(session: Session, words, word, kind, fmt, fields, limit) -> None:
    """Find records holding every one of WORDS, in any order, case or accent form.

    Each word matches the start of a word ("restor" finds "restored"); "quoted words"
    match as a phrase. Ids, titles, summaries, notes and sources are searched; the best
    matches come first (in the id or title, then the summary, then the notes), newest
    first among equals.

    \b
    Examples:
      ckr search restored ties 1997
      ckr search '"Busan Savings" bank'
      ckr search EPS --word --kind event
      ckr search scam --format json
    """
    try:
        wanted = TextQuery(" ".join(words), whole_words=word)
        kinds = {query.search_kind(name) for name in several(kind)}
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'--kind'") from None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="'WORDS'") from None
    matches = query.search(session.catalog.data, wanted, kinds)[:limit]
    emit(view.search_listing(session, wanted, matches), fmt, fields)
