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
    """Print a listing: a table on a terminal, TSV when piped, unless --format says. On a
    terminal, output longer than the screen goes through a pager (ckr.pager)."""
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
            listing = listing.select(names)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'--fields'") from None
    if sys.stdout.isatty() and not _no_pager():  # a real terminal, not CKR_FORCE_TTY
        from ckr import pager

        screen = pager.TerminalBuffer()
        render.write(listing, chosen, screen, terminal, sys.stderr)
        pager.show(screen.getvalue())
    else:
        render.write(listing, chosen, sys.stdout, terminal, sys.stderr)


NO_PAGER = "ckr.no_pager"  # in the click context's meta when --no-pager is given


def _no_pager() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(NO_PAGER))


def _set_no_pager(ctx: click.Context, _param, value: bool) -> bool:
    if value:
        ctx.meta[NO_PAGER] = True
    return value


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
    help="Only these fields, in this order, in every format (an unknown name lists them).",
)
limit_option = click.option(
    "--limit", "-n", type=click.IntRange(min=1), help="Show at most N records."
)
reverse_option = click.option("--reverse", "-r", is_flag=True, help="Newest first.")


pager_option = click.option(
    "--no-pager",
    is_flag=True,
    expose_value=False,
    callback=_set_no_pager,
    help="Print long output straight to the terminal, not through a pager.",
)


def output_options(command):
    """--format, --fields, --limit and --no-pager, for every command that prints a listing."""
    return format_option(fields_option(limit_option(pager_option(command))))


def several(values: tuple[str, ...]) -> list[str]:
    """A repeatable option's values, each of which may be a comma-separated list too:
    -d cambodia,vietnam -d laos -> ["cambodia", "vietnam", "laos"]."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


pass_session = click.make_pass_decorator(Session, ensure=True)
