"""ckr claims: the seed article's factual claims, and what checking them found."""

from __future__ import annotations

import click

from ckr import query
from ckr.model import OLD_VERDICTS
from ckr.output import emit, output_options, pass_session, several
from ckr.session import Session
from ckr.views import claims as view


def _verdicts(ctx, param, values) -> tuple[str, ...]:
    """Verdicts in any case; the spellings of 0.1 still work, with a note."""
    chosen = []
    for value in several(values):
        verdict = value.casefold()
        if verdict in OLD_VERDICTS:
            click.echo(
                f"Note: verdict {value!r} is now spelled {OLD_VERDICTS[verdict]!r}", err=True
            )
            verdict = OLD_VERDICTS[verdict]
        if verdict not in query.VERDICTS:
            raise click.BadParameter(
                f"{value!r} is not one of {', '.join(query.VERDICTS)}", ctx, param
            )
        chosen.append(verdict)
    return tuple(chosen)


@click.command()
@click.option(
    "--verdict",
    multiple=True,
    metavar="|".join(query.VERDICTS),
    callback=_verdicts,
    shell_complete=lambda ctx, param, incomplete: [
        v for v in query.VERDICTS if v.startswith(incomplete)
    ],
    help="Only claims with this verdict (repeatable, or several with commas).",
)
@output_options
@pass_session
def claims(session: Session, verdict, fmt, fields, limit) -> None:
    """The seed article's claims, each with a verdict and a one-line finding.

    \b
    Examples:
      ckr claims
      ckr claims --verdict unsupported,seed-only
      ckr show claim-ties-restored-1997
    """
    chosen = query.claims(session.catalog.data, verdict)[:limit]
    emit(view.claims_listing(session, chosen, seed_title(session)), fmt, fields)


def seed_title(session: Session) -> str:
    """What the claims check: the seed article, named by its source record."""
    seed = session.catalog.sources.get("seed")
    if seed is None:
        return "Claims of the seed article"
    published = f", {seed.published}" if seed.published else ""
    return f"Claims of \u201c{seed.title}\u201d ({seed.publisher}{published})"
