"""How commands print: the format chosen for the terminal or the pipe, and the options."""

from __future__ import annotations

import os
import sys

import click

from ckr import render
from ckr.listing import Listing
from ckr.session import Session

FORCE_TTY_ENV = "CKR_FORCE_TTY"


def stdout_is_terminal() -> bool:
    return bool(os.environ.get(FORCE_TTY_ENV)) or sys.stdout.isatty()


def emit(listing: Listing, fmt: str | None, fields: str | None = None) -> None:
    """Print a listing: a table on a terminal, TSV when piped, unless --format says."""
    terminal = stdout_is_terminal()
    chosen = fmt or ("table" if terminal else "tsv")
    if fields is not None:
        if listing.chart and chosen == "table":
            raise click.BadParameter(
                "a chart has no fields to choose; add --format tsv or json for its numbers",
                param_hint="'--fields'",
            )
        names = [name.strip() for name in fields.split(",") if name.strip()]
        try:
            listing = listing.select(names, for_json=chosen == "json")
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'--fields'") from None
    render.write(listing, chosen, sys.stdout, terminal, sys.stderr)


format_option = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(render.FORMATS, case_sensitive=False),
    default=None,
    help="Output format. Default: table on a terminal, tsv when piped.",
)
fields_option = click.option(
    "--fields",
    metavar="A,B,...",
    help=(
        "Only these fields, in this order; JSON has its own names "
        "(an unknown name lists the available ones)."
    ),
)


def output_options(command):
    """--format and --fields, for every command that prints a listing."""
    return format_option(fields_option(command))


pass_session = click.make_pass_decorator(Session, ensure=True)
