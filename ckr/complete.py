"""Shell completion from the data: countries, categories, domains and record ids."""

from __future__ import annotations

import re

import click

from ckr import countries, query
from ckr.dataset import DataError
from ckr.session import Session


def _data(ctx: click.Context):
    try:
        return ctx.ensure_object(Session).catalog.data
    except DataError:
        return None  # a broken dataset offers nothing; the command itself will say why


def _starting(words, incomplete: str) -> list[str]:
    prefix = incomplete.casefold()
    return [word for word in dict.fromkeys(words) if word.casefold().startswith(prefix)]


def _country_words(codes: list[str], incomplete: str) -> list[str]:
    """Names and Latin-script aliases without spaces (south-korea, korea), then codes."""
    words = []
    for code in codes:
        country = countries.BY_CODE.get(code)
        spellings = [country.name, *country.aliases] if country else []
        words += [s.casefold().replace(" ", "-") for s in spellings if _SHELL_WORD.match(s)]
    return _starting(words + codes, incomplete)


# Spellings a shell takes as one word without quoting: no apostrophes, commas or brackets.
_SHELL_WORD = re.compile(r"^[A-Za-z0-9 -]+$")


def nationality(ctx: click.Context, _param, incomplete: str) -> list[str]:
    data = _data(ctx)
    return _country_words(query.nationalities(data), incomplete) if data else []


def destination(ctx: click.Context, _param, incomplete: str) -> list[str]:
    data = _data(ctx)
    return _country_words(query.destinations(data), incomplete) if data else []


def neighbours(ctx: click.Context, _param, incomplete: str) -> list[str]:
    """--with takes a comma-separated list: complete its last item with a neighbour not
    named yet."""
    data = _data(ctx)
    if data is None:
        return []
    done, _, last = incomplete.rpartition(",")
    named = {query.HOME}
    for name in done.split(","):
        try:
            named.add(countries.resolve(name).code)
        except countries.UnknownCountry:
            pass  # the command will say so; completion just offers the rest
    codes = [code for code in query.destinations(data) if code not in named]
    prefix = f"{done}," if done else ""
    return [prefix + word for word in _country_words(codes, last)]


def category(ctx: click.Context, _param, incomplete: str) -> list[str]:
    data = _data(ctx)
    return _starting(query.categories(data), incomplete) if data else []


def domain(ctx: click.Context, _param, incomplete: str) -> list[str]:
    data = _data(ctx)
    return _starting((d.id for d in data.domains), incomplete) if data else []


def record_id(ctx: click.Context, _param, incomplete: str) -> list[str]:
    data = _data(ctx)
    if data is None:
        return []
    return _starting((r.id for kind in query.RECORD_KINDS for r in getattr(data, kind)), incomplete)
