"""ckr export: the whole dataset as a SQLite database."""

from __future__ import annotations

import sqlite3

import click

from ckr import export as exporter
from ckr.output import pass_session
from ckr.session import Session
from ckr.text import printable


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@pass_session
def export(session: Session, path: str, force: bool) -> None:
    """Write the dataset to PATH as a SQLite database.

    Tables for the metadata, sources, events, visa rules, domains, figures, agreements,
    domain notes and claims, with
    link tables and foreign keys between them; ready for datasette or sqlite-utils. An
    existing file is kept unless --force is given, and the database is written under a
    temporary name first, so a failure or an interruption never leaves half a file.

    \b
    Examples:
      ckr export ckr.db
      ckr export ckr.db --force && sqlite3 ckr.db "select count(*) from events"
    """
    if not path.strip():
        raise click.BadParameter("give a file name", param_hint="'PATH'")
    if path == "-":
        raise click.BadParameter(
            "a SQLite database cannot go to standard output; give a file name "
            "(./- for a file named '-')",
            param_hint="'PATH'",
        )
    catalog = session.catalog
    try:
        exporter.export(catalog.data, path, catalog.path, force=force)
    except exporter.ExportError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        raise click.ClickException(f"{path}: the database could not be written ({error})") from None
    # The file is in place: a message that cannot be shown (stderr closed or full) does
    # not make the export fail.
    click.echo(printable(f"wrote {path}"), err=True)
