"""ckr diff: what was added, removed or changed between two dataset files."""

from __future__ import annotations

import click

from ckr import dataset, history
from ckr.exits import EXIT_DATA, EXIT_OK, VERDICT
from ckr.output import emit, output_options
from ckr.session import Session
from ckr.views import diff as view


@click.command()
@click.argument("old", metavar="OLD.json")
@click.argument("new", metavar="NEW.json")
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 1 when the files differ (as git diff --exit-code does).",
)
@output_options
@click.pass_context
def diff(ctx: click.Context, old, new, exit_code, fmt, fields, limit) -> None:
    """What was added, removed or changed from OLD.json to NEW.json, field by field.

    Records are matched by id, a domain's figures, agreements and notes among them.
    Exits 0 whether or not the files differ, 1 when a file cannot be read or checked;
    with --exit-code, differences exit 1 too.

    \b
    Examples:
      ckr diff old/ckr.json data/ckr.json
      ckr diff old.json new.json --format json
      ckr diff old.json new.json --exit-code > /dev/null || echo changed
    """
    for name, path in (("OLD.json", old), ("NEW.json", new)):
        if not path.strip():
            raise click.BadParameter("give a file path", param_hint=f"'{name}'")
    limit = ctx.ensure_object(Session).max_bytes
    before, after = dataset.load(old, limit).data, dataset.load(new, limit).data
    differences = history.diff(before, after)
    differ = exit_code and bool(differences)
    ctx.meta[VERDICT] = EXIT_DATA if differ else EXIT_OK
    listing = view.diff_listing(differences[:limit], before.metadata, after.metadata)
    emit(listing, fmt, fields)
    if differ:
        ctx.exit(EXIT_DATA)
