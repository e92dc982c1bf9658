"""ckr export: the whole dataset as a SQLite database."""

from __future__ import annotations

import contextlib
import signal
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
    temporary name first, so a failure never leaves half a file.

    \b
    Examples:
      ckr export ckr.db
      ckr export ckr.db --force && sqlite3 ckr.db "select count(*) from events"
    """
    if not path.strip():
        raise click.BadParameter("give a file name", param_hint="'PATH'")
    catalog = session.catalog
    try:
        with _termination_as_exit():
            exporter.export(catalog.data, path, catalog.path, force=force)
    except exporter.ExportError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        raise click.ClickException(f"{path}: the database could not be written ({error})") from None
    click.echo(printable(f"wrote {path}"), err=True)


@contextlib.contextmanager
def _termination_as_exit():
    """kill, timeout and CI cancel with SIGTERM, which would end the process on the spot;
    as an exception it lets the export remove its temporary file first."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
