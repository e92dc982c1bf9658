"""Shell completion from the data: countries, categories, domains and record ids."""

from __future__ import annotations

import re

import click

from ckr import countries, query
from ckr.dataset import DataError
from ckr.session import Session, SettingError
from ckr.text import printable


def _data(ctx: click.Context):
    try:
        return ctx.ensure_object(Session).catalog.data
    except (DataError, SettingError):
        return None  # a broken dataset offers nothing; the command itself will say why


def _starting(words, incomplete: str) -> list[str]:
    """The words that start with what was typed, in any case, each beginning with the text
    exactly as typed: a shell replaces the word with the offers' common prefix, so an offer
    of "TH" for "th" would erase what the user wrote."""
    prefix = incomplete.casefold()
    offers = (
        incomplete + word[len(incomplete) :]
        for word in words
        if word.casefold().startswith(prefix)
        and len(word.casefold()) == len(word)
        # A value from the data with a line break would be a second offer, and one with
        # a control or bidi character would reach the terminal raw: such values are not
        # offered (the command itself still takes them).
        and printable(word) == word
    )
    return list(dict.fromkeys(offers))


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
    return _starting(query.record_ids(data), incomplete)


# click's fish script splits each offer at every comma, so "--with vietnam,thailand" and
# any description with a comma come out cut short; this one splits at the first only.
FISH_SCRIPT = """\
function %(complete_func)s;
    set -l response (env %(complete_var)s=fish_complete COMP_WORDS=(commandline -cp) \
COMP_CWORD=(commandline -t) %(prog_name)s);

    for completion in $response;
        set -l metadata (string split --max 1 "," -- $completion);

        if test $metadata[1] = "dir";
            __fish_complete_directories $metadata[2];
        else if test $metadata[1] = "file";
            __fish_complete_path $metadata[2];
        else if test $metadata[1] = "plain";
            echo $metadata[2];
        end;
    end;
end;

complete --no-files --command %(prog_name)s --arguments \
"(%(complete_func)s)";
"""


def use_ckr_shell_scripts() -> None:
    """Put ckr's fish script in place of click's; called only when completing or printing
    a script, so other commands never import click's completion module."""
    from click.shell_completion import FishComplete, add_completion_class

    class CkrFish(FishComplete):
        source_template = FISH_SCRIPT

    add_completion_class(CkrFish, "fish")
