"""ckr cite: a record's sources and the dataset, as citations in a chosen style."""

from __future__ import annotations

import click

from ckr import cite as citations
from ckr import complete, query
from ckr.model import Source
from ckr.output import pass_session
from ckr.session import Session


@click.command()
@click.argument("record_id", metavar="[ID]", required=False, shell_complete=complete.record_id)
@click.option(
    "--style",
    "-s",
    type=click.Choice(citations.STYLES, case_sensitive=False),
    default="apa",
    show_default=True,
    help="Citation style, or a format for reference managers.",
)
@click.option("--dataset", is_flag=True, help="Cite the dataset alone.")
@pass_session
def cite(session: Session, record_id, style, dataset) -> None:
    """Cite a record's sources, then the dataset, in a chosen style.

    ID is any record (event, visa rule, domain, figure, agreement, claim) or a source:
    each source it cites is one citation, best first as `ckr show` lists them, and the
    dataset itself is the last, accessed today. The
    styles are APA, Chicago (author-date), MLA and Harvard (Cite Them Right); BibTeX,
    RIS and CSL-JSON are for reference managers.

    \b
    Examples:
      ckr cite vn-kr-2023
      ckr cite 2021-ckfta-signed --style bibtex >> refs.bib
      ckr cite --dataset --style ris
    """
    if dataset == (record_id is not None):
        message = "give no ID with --dataset" if dataset else "give an ID, or --dataset"
        raise click.UsageError(message)
    catalog = session.catalog
    sources: list[Source] = []
    if record_id is not None:
        try:
            _kind, record = query.find_record(catalog.data, record_id)
        except query.NotInData as error:
            raise click.BadParameter(str(error), param_hint="'ID'") from None
        is_source = isinstance(record, Source)
        sources = [record] if is_source else catalog.by_trust(query.cited_ids(record))
    items = citations.items_for(sources, catalog.data.metadata, session.today)
    click.echo(citations.write(items, style.lower()), nl=False)
