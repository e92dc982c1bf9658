"""ckr export: the whole dataset as a SQLite database, a datasette folder, a data package
or ClaimReview JSON-LD."""

from __future__ import annotations

import os
import sqlite3

import click

from ckr import export as exporter
from ckr.output import pass_session
from ckr.session import Session
from ckr.text import printable

FORMATS = ("sqlite", "datasette", "datapackage", "claimreview")
FOLDERS = ("datasette", "datapackage")
WHAT = {
    "sqlite": "a SQLite database",
    "datasette": "a datasette folder",
    "datapackage": "a data package",
    "claimreview": "a ClaimReview file",
}


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="sqlite",
    show_default=True,
    help="sqlite: one database file; datasette: a folder with the database and its "
    "metadata.json; datapackage: a folder of CSV files and datapackage.json; claimreview: "
    "the seed article's claims as schema.org ClaimReview JSON-LD.",
)
@click.option("--force", is_flag=True, help="Replace PATH if it is a file (never a folder).")
@pass_session
def export(session: Session, path: str, format_: str, force: bool) -> None:
    """Write the dataset to PATH as a SQLite database, a datasette folder, a Frictionless
    data package or ClaimReview JSON-LD.

    The database has tables for the metadata, countries, sources, events, visa rules,
    domains, figures, agreements, domain notes and claims, with link tables, foreign keys
    and full-text indexes; ready for datasette or sqlite-utils. An existing file is kept
    unless --force is given; a folder is never replaced. Everything is written under a
    temporary name first, so a failure or an interruption never leaves half a file.

    \b
    Examples:
      ckr export ckr.db
      ckr export ckr.db --force && sqlite3 ckr.db "select count(*) from events"
      ckr export --format datasette site && datasette site/ckr.db -m site/metadata.json
      ckr export --format datapackage package && frictionless validate package/datapackage.json
      ckr export --format claimreview claimreview.jsonld
    """
    if not path.strip():
        raise click.BadParameter("give a file name", param_hint="'PATH'")
    if path == "-":
        raise click.BadParameter(
            f"{WHAT[format_]} cannot go to standard output; give a file name "
            "(./- for a file named '-')",
            param_hint="'PATH'",
        )
    if format_ not in FOLDERS and os.path.isdir(path):
        raise click.BadParameter(
            f"{printable(path)} is a folder; give a file name", param_hint="'PATH'"
        )
    catalog = session.catalog
    try:
        exporter.export(catalog.data, path, catalog.path, force=force, format=format_)
    except exporter.ExportError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{path}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        raise click.ClickException(f"{path}: the database could not be written ({error})") from None
    # The file is in place: a message that cannot be shown (stderr closed or full) does
    # not make the export fail.
    click.echo(printable(f"wrote {path}"), err=True)
