"""Country names as people type them, resolved to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import re
from typing import NamedTuple

from ckr.suggest import closest


class Country(NamedTuple):
    code: str  # alpha-2
    code3: str  # alpha-3
    name: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.code, self.code3, self.name, *self.aliases)


COUNTRIES = (
    Country("KR", "KOR", "South Korea", (
        "korea", "republic of korea", "rok", "korean", "south korean", "s korea",
        "korea south", "korea republic of",
    )),
    Country("KP", "PRK", "North Korea", (
        "democratic people's republic of korea", "dprk", "north korean", "n korea",
        "korea north",
    )),
    Country("KH", "KHM", "Cambodia", ("kingdom of cambodia", "cambodian", "khmer")),
    Country("JP", "JPN", "Japan", ("japanese",)),
    Country("CN", "CHN", "China", (
        "people's republic of china", "prc", "chinese", "mainland china",
    )),
    Country("US", "USA", "United States", (
        "united states of america", "america", "american", "us citizen",
    )),
    Country("VN", "VNM", "Vietnam", ("viet nam", "vietnamese")),
    Country("TH", "THA", "Thailand", ("thai", "kingdom of thailand")),
    Country("LA", "LAO", "Laos", ("lao pdr", "lao", "laotian", "lao people's democratic republic")),
    Country("MM", "MMR", "Myanmar", ("burma", "burmese")),
    Country("MY", "MYS", "Malaysia", ("malaysian",)),
    Country("SG", "SGP", "Singapore", ("singaporean",)),
    Country("ID", "IDN", "Indonesia", ("indonesian",)),
    Country("PH", "PHL", "Philippines", ("the philippines", "filipino", "philippine")),
    Country("BN", "BRN", "Brunei", ("brunei darussalam", "bruneian")),
    Country("TL", "TLS", "Timor-Leste", ("east timor", "timor leste", "timorese", "timor")),
)

BY_CODE = {country.code: country for country in COUNTRIES}


def _normal(text: str) -> str:
    """Case, dots, dashes and extra spaces do not matter: "S. Korea" == "s korea"."""
    text = text.casefold().replace("’", "'").replace(".", " ").replace("-", " ")
    return re.sub(r"\s+", " ", text).strip().removeprefix("the ")


_LOOKUP = {_normal(s): c for c in COUNTRIES for s in c.spellings()}


class UnknownCountry(ValueError):
    def __init__(self, text: str, suggestion: str | None) -> None:
        self.text = text
        self.suggestion = suggestion
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(f"unknown country {text!r}{hint}")


def resolve(text: str) -> Country:
    """The country `text` names, or UnknownCountry with the nearest spelling."""
    country = _LOOKUP.get(_normal(text))
    if country is None:
        raise UnknownCountry(text, suggest(text))
    return country


def suggest(text: str) -> str | None:
    return closest(_normal(text), _LOOKUP, cutoff=0.75)


def name_of(code: str) -> str:
    """A readable name for a code, or the code itself when it is not listed."""
    country = BY_CODE.get(code)
    return country.name if country else code
