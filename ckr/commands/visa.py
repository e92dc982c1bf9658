"""ckr visa: the entry rules Southeast Asian states apply to a nationality."""

from __future__ import annotations

import click

from ckr import complete, countries, dates, query
from ckr.output import emit, output_options, pass_session, several
from ckr.params import DATE_HELP, PartialDateParam
from ckr.session import Session
from ckr.views import visa as view


def _country(text: str, option: str) -> countries.Country:
    try:
        return countries.resolve(text)
    except countries.UnknownCountry as error:
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None


def _covered(codes: list[str]) -> str:
    """The countries the dataset covers, by name, in alphabetical order."""
    return ", ".join(sorted(countries.name_of(code) for code in codes))


@click.command()
@click.argument("where", nargs=-1, metavar="[PASSPORT [DESTINATION]]")
@click.option(
    "--passport",
    "-p",
    "--country",
    "country",
    shell_complete=complete.nationality,
    help="The traveller's passport (nationality): a name, code or demonym. --country is the same.",
)
@click.option(
    "--destination",
    "-d",
    "--to",
    "destination",
    multiple=True,
    shell_complete=complete.destination,
    help="Only this destination (repeatable, or several with commas). --to is the same.",
)
@click.option(
    "--on",
    "on_date",
    type=PartialDateParam(),
    help=f"Rules in force on this date: {DATE_HELP} (a year or month means its first day).",
)
@click.option(
    "--history", is_flag=True, help="Every rule with its period: past, in force, scheduled."
)
@click.option(
    "--compare", is_flag=True, help="Cambodia beside its neighbours, passport by passport."
)
@click.option(
    "--with",
    "neighbours",
    multiple=True,
    metavar="A,B",
    shell_complete=complete.neighbours,
    help="With --compare: only these neighbours.",
)
@output_options
@pass_session
def visa(
    session: Session,
    where,
    country,
    destination,
    on_date,
    history,
    compare,
    neighbours,
    fmt,
    fields,
    limit,
) -> None:
    """Entry rules in force today: for a passport and a destination, one card; for one
    passport, a row per destination; or a matrix.

    With --passport, one row per destination: the rule, the longest stay, since when,
    when the rule was last confirmed (and so how old the fact is) and the source.
    Without it, a matrix of destinations by nationalities.

    \b
    Examples:
      ckr visa korea cambodia
      ckr visa 한국 캄보디아 --on 2026-07-01
      ckr visa --passport korea
      ckr visa -p japan -d vietnam,laos
      ckr visa --passport korea --on 2023-01-01
      ckr visa --passport korea --history -d vietnam
      ckr visa --compare --with vietnam,thailand,laos
      ckr visa --format csv > rules.csv
    """
    if len(where) > 2:
        raise click.UsageError("give at most a passport and a destination")
    if where and (country or (destination and len(where) == 2)):
        raise click.UsageError("name the passport and destination as words or as options, not both")
    if where:
        country = where[0]
        destination = destination or tuple(where[1:])
    if history and compare:
        raise click.UsageError("choose one of --history and --compare")
    if neighbours and not compare:
        raise click.UsageError("--with goes with --compare")
    if destination and compare:
        raise click.UsageError("with --compare, choose neighbours with --with, not --destination")
    data = session.catalog.data
    on = dates.first_day(on_date) if on_date else session.today
    wanted = tuple(_destination_code(data, d) for d in several(destination))
    nationality = _nationality(data, country) if country is not None else None
    if compare:
        emit(_comparison(session, nationality, neighbours, on, limit), fmt, fields)
    elif history:
        rules = query.visa_history(data, nationality, wanted)[:limit]
        emit(view.visa_history_listing(session, rules, on), fmt, fields)
    elif nationality is None:
        rules = query.visa_rules(data, on, destinations_wanted=wanted)[:limit]
        emit(view.visa_matrix_listing(session, rules, on), fmt, fields)
    elif len(where) == 2 and not history:
        emit(_traveller(session, nationality, wanted[0], on), fmt, fields)
    else:
        rules = query.visa_rules(data, on, nationality, wanted)[:limit]
        emit(view.visa_listing(session, nationality, rules, on), fmt, fields)


def _traveller(session: Session, nationality: str, destination: str, on):
    """The one rule a traveller meets, with what comes next."""
    from ckr.views import traveller

    data = session.catalog.data
    rules = query.visa_rules(data, on, nationality, (destination,))
    if not rules:
        raise click.BadParameter(
            f"no rule in the data for {countries.name_of(nationality)} passports entering "
            f"{countries.name_of(destination)} on {on}; ckr visa -p {nationality} --history "
            f"-d {destination} shows every period",
            param_hint="'PASSPORT DESTINATION'",
        )
    upcoming = query.next_rule(data, rules[0], on)
    return traveller.traveller_listing(session, rules[0], upcoming, on)


def _comparison(session: Session, nationality: str | None, neighbours, on, limit):
    """Read --with, then let the query say what can be compared."""
    data = session.catalog.data
    names = [name.strip() for group in neighbours for name in group.split(",")]
    if neighbours and not any(names):
        raise click.BadParameter("name at least one neighbour", param_hint="'--with'")
    chosen = list(dict.fromkeys(_destination_code(data, name, "--with") for name in names if name))
    try:
        comparisons = query.compare(session.catalog, on, chosen or None, nationality)
    except query.NotComparable as error:
        option = "--with" if error.subject == "neighbour" else "--passport"
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None
    return view.visa_compare_listing(
        session, comparisons[:limit], chosen or query.neighbours(data), on
    )


def _nationality(data, text: str) -> str:
    return _covered_country(text, "--passport", query.nationalities(data), "passports")


def _destination_code(data, text: str, option: str = "--destination") -> str:
    return _covered_country(text, option, query.destinations(data), "destinations")


def _covered_country(text: str, option: str, covered: list[str], kind: str) -> str:
    """The code of the country `text` names, if the dataset has rules for it: else one
    wording for every option, "no rules for German passports; covered passports: ..."."""
    if text.strip().upper() in covered:  # also codes a data file of one's own adds
        return text.strip().upper()
    country = _country(text, option)
    if country.code not in covered:
        what = (
            f"{countries.demonym(country.code)} passports"
            if kind == "passports"
            else f"travel to {country.name}"
        )
        raise click.BadParameter(
            f"no rules for {what}; covered {kind}: {_covered(covered)}",
            param_hint=f"'{option}'",
        )
    return country.code
