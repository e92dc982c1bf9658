"""ckr show: one record of any kind, in full."""

from __future__ import annotations

import click

from ckr import complete, query
from ckr.output import emit, format_option, pager_option, pass_session
from ckr.session import Session
from ckr.views import show as view


@click.command()
@click.argument("record_id", metavar="ID", shell_complete=complete.record_id)
@format_option
@pager_option
@pass_session
def show(session: Session, record_id, fmt) -> None:
    """Show any record (event, visa rule, domain, figure, agreement, note, claim or source) in full.

    \b
    Examples:
      ckr show 1997-ties-restored
      ckr show vn-kr-2023 --format json
    """
    try:
        kind, record = query.find_record(session.catalog.data, record_id)
    except query.NotInData as error:
        raise click.BadParameter(str(error), param_hint="'ID'") from None
    emit(view.record_listing(session, kind, record), fmt)
