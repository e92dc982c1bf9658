"""ckr validate: check a dataset file and list every problem in it."""

from __future__ import annotations

import click

from ckr import paths
from ckr import validate as checks
from ckr.exits import EXIT_DATA, EXIT_OK, VERDICT
from ckr.output import pass_session
from ckr.session import Session
from ckr.text import printable


@click.command()
@click.argument("path", required=False, type=click.Path())
@pass_session
@click.pass_context
def validate(ctx: click.Context, session: Session, path: str | None) -> None:
    """Check a dataset file (default: the one in use) and print every problem.

    Each problem is one line with its JSON location, for example
    "$.events[12].date: '2023-02-30' is not a calendar date". Exits 0 when the file
    is clean and 1 otherwise.

    \b
    Examples:
      ckr validate
      ckr validate my-copy.json
    """
    if path is not None and not path.strip():
        raise click.BadParameter("give a file path", param_hint="'PATH'")
    path = path or paths.resolve(session.data_option)
    problems = checks.problems_in_file(path, session.max_bytes)
    ctx.meta[VERDICT] = EXIT_DATA if problems else EXIT_OK
    for location, problem in problems:
        click.echo(printable(f"{location}: {problem}"))
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        click.echo(printable(f"{path}: {count}"), err=True)
        ctx.exit(EXIT_DATA)
    click.echo(printable(f"{path}: no problems"), err=True)
