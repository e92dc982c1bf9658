"""ckr visa: the entry rules Southeast Asian states apply to a nationality."""

from __future__ import annotations

import click

from ckr import countries, query, views
from ckr.session import Session, emit, output_options, pass_session


def _country(text: str, option: str) -> countries.Country:
    try:
        return countries.resolve(text)
    except countries.UnknownCountry as error:
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None


def _covered(codes: list[str]) -> str:
    return ", ".join(countries.name_of(code) for code in codes)


@click.command()
@click.option("--country", "-c", help="The traveller's nationality: a name, code or demonym.")
@click.option("--destination", "-d", multiple=True, help="Only this destination (repeatable).")
@output_options
@pass_session
def visa(session: Session, country, destination, fmt, fields) -> None:
    """Entry rules in force today, for one passport or as a matrix.

    With --country, one row per destination: the rule, the longest stay, since when,
    when the rule was last confirmed (and so how old the fact is) and the source.
    Without it, a matrix of destinations by nationalities.

    \b
    Examples:
      ckr visa --country korea
      ckr visa -c japan -d vietnam -d laos
      ckr visa --format csv > rules.csv
    """
    data = session.catalog.data
    wanted = tuple(_destination_code(data, d) for d in destination)
    if country is None:
        rules = query.visa_rules(data, session.today, destinations=wanted)
        emit(views.visa_matrix_listing(session, rules), fmt, fields)
        return
    nationality = _country(country, "--country")
    if nationality.code not in query.nationalities(data):
        raise click.BadParameter(
            f"no visa rules for {nationality.name} ({nationality.code}) passports in the "
            f"dataset; it covers: {_covered(query.nationalities(data))}",
            param_hint="'--country'",
        )
    rules = query.visa_rules(data, session.today, nationality.code, wanted)
    emit(views.visa_listing(session, nationality.code, rules), fmt, fields)


def _destination_code(data, text: str) -> str:
    place = _country(text, "--destination")
    if place.code not in query.destinations(data):
        raise click.BadParameter(
            f"no visa rules for travel to {place.name} in the dataset; it covers: "
            f"{_covered(query.destinations(data))}",
            param_hint="'--destination'",
        )
    return place.code
