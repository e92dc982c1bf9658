"""The dataset's types: one msgspec Struct per record kind.

Decoding a file into `Dataset` checks shapes, types, patterns and calendar dates in one
pass; `ckr.dataset` adds the checks that span records (ids, references).
`python -m ckr.model` prints the JSON Schema that `data/schema.json` must match.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from ckr import dates
from ckr.text import INVISIBLE_IN_TEXT, PATTERN_END, UNSAFE_CHARACTERS, printable

Text = Annotated[str, msgspec.Meta(min_length=1)]
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*" + PATTERN_END
COUNTRY_PATTERN = r"^[A-Z]{2}" + PATTERN_END
# No spaces, nothing printable() would escape and nothing invisible: a URL may become a
# terminal hyperlink, and what it shows must be where it goes. (Tag characters, beyond
# U+FFFF, are checked by Source itself: see ckr.text.)
URL_PATTERN = f"^https?://[^\\s{UNSAFE_CHARACTERS}{INVISIBLE_IN_TEXT}]+" + PATTERN_END
# What each pattern asks for, in words: error messages show these, not the regex.
PATTERN_MEANINGS = {
    SLUG_PATTERN: "an id of lower-case letters, digits and hyphens",
    COUNTRY_PATTERN: "a two-letter country code in capitals, such as KR",
    URL_PATTERN: "an http:// or https:// URL without spaces, control or invisible characters",
    dates.PARTIAL_DATE_PATTERN: "a date as YYYY, YYYY-MM or YYYY-MM-DD",
}

Slug = Annotated[str, msgspec.Meta(pattern=SLUG_PATTERN, description="Stable id")]
PartialDate = Annotated[
    str,
    msgspec.Meta(pattern=dates.PARTIAL_DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD"),
]
CountryCode = Annotated[
    str, msgspec.Meta(pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-2 code")
]
Url = Annotated[str, msgspec.Meta(pattern=URL_PATTERN)]
WHOLE_DAYS = "A whole number of days"
WholeDays = Annotated[float, msgspec.Meta(ge=1, le=3650, description=WHOLE_DAYS)]
Confidence = Literal["verified", "seed-only", "disputed"]
Regime = Literal["visa_free", "visa_on_arrival", "e_visa", "visa_required"]
Verdict = Literal["supported", "partly-supported", "unsupported", "seed-only"]
# The spellings of 0.1, still read for one release (`ckr validate` asks for the new ones).
OLD_VERDICTS = {"partly supported": "partly-supported", "only in the seed": "seed-only"}
# What kind of page a source is, the most authoritative first: governments, ministries,
# embassies, statistics offices and international bodies; the press; encyclopaedias,
# databases and studies; visa and travel guides; personal blogs, forums and reposts.
SourceKind = Literal["official", "news", "reference", "guide", "blog"]


def _check_dates(record: msgspec.Struct, *fields: str) -> None:
    """Reject dates that match the pattern but name no real day (2023-02-30)."""
    for field in fields:
        value = getattr(record, field)
        if value is not None and not dates.is_real(value):
            raise ValueError(f"{field}: {dates.check(value)}")


class Record(msgspec.Struct, forbid_unknown_fields=True):
    """Base of every record: unknown fields are typos, so they are errors.

    Subclasses say kw_only=True (msgspec does not inherit it) so optional fields can sit
    where they read best.
    """


class Metadata(Record, kw_only=True):
    title: Text
    version: Text
    license: Text
    last_reviewed: PartialDate

    def __post_init__(self) -> None:
        _check_dates(self, "last_reviewed")


class Source(Record, kw_only=True):
    id: Slug
    kind: SourceKind
    publisher: Text
    title: Text
    url: Url
    published: PartialDate | None = None
    accessed: PartialDate

    def __post_init__(self) -> None:
        _check_dates(self, "published", "accessed")
        if not self.url.isascii() and printable(self.url) != self.url:
            raise ValueError(f"url: expected {PATTERN_MEANINGS[URL_PATTERN]}")


class Event(Record, kw_only=True):
    id: Slug
    date: PartialDate
    title: Text
    summary: Text
    category: Text
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    confidence: Confidence
    note: str | None = None

    def __post_init__(self) -> None:
        # Inlined rather than _check_dates(self, "date"): it runs once per event on load.
        if not dates.is_real(self.date):
            raise ValueError(f"date: {dates.check(self.date)}")


class TravelDetails(Record, kw_only=True):
    """What a traveller needs to know beyond the regime, each where a cited page states it:
    null means no page said."""

    fee_amount: Annotated[float, msgspec.Meta(ge=0)] | None = None
    fee_currency: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}" + PATTERN_END)] | None = None
    e_visa: bool | None = None  # whether an e-visa is offered for this passport
    extension: str | None = None  # in words: how, how often, how long
    passport_validity_months: Annotated[int, msgspec.Meta(ge=0, le=24)] | None = None
    onward_ticket: bool | None = None  # whether an onward or return ticket is required
    entry_points: str | None = None  # in words
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]


class VisaRule(Record, kw_only=True):
    id: Slug
    destination: CountryCode
    nationality: CountryCode
    regime: Regime
    # A stay longer than ten years is not a short-stay rule: surely a typo. Decoded as a
    # number so that 30.0, an integer to JSON Schema, is 30 here too; __post_init__ keeps
    # whole numbers only.
    max_stay_days: WholeDays | None
    effective_from: PartialDate | None = None
    effective_until: PartialDate | None = None
    as_of: PartialDate
    notes: str = ""
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    confidence: Confidence
    details: TravelDetails | None = None

    def __post_init__(self) -> None:
        _check_dates(self, "effective_from", "effective_until", "as_of")
        if self.max_stay_days is not None:
            if not float(self.max_stay_days).is_integer():
                raise ValueError("max_stay_days: expected a whole number of days")
            self.max_stay_days = int(self.max_stay_days)
        if self.effective_from and self.effective_until:
            if dates.last_day(self.effective_until) < dates.first_day(self.effective_from):
                raise ValueError("effective_until: is before effective_from")


class Figure(Record, kw_only=True):
    id: Slug
    label: Text
    # Any JSON number, as JSON Schema reads it: 1e20 and 100000000000000000000 are the
    # same value. Whole numbers come out as integers where a float holds them exactly.
    value: float
    unit: Text
    period: Text
    reported_by: Text
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    confidence: Confidence
    note: str | None = None

    def __post_init__(self) -> None:
        if float(self.value).is_integer() and abs(self.value) <= 2**53:
            self.value = int(self.value)


class Agreement(Record, kw_only=True):
    id: Slug
    name: Text
    date: PartialDate
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]

    def __post_init__(self) -> None:
        _check_dates(self, "date")


class Note(Record, kw_only=True):
    """A finding about a domain that is not a number, such as a seed claim left unconfirmed."""

    id: Slug
    text: Text
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    confidence: Confidence


class Domain(Record, kw_only=True):
    id: Slug
    name: Text
    summary: Text
    figures: list[Figure] = []
    agreements: list[Agreement] = []
    notes: list[Note] = []
    related_events: list[Slug] = []


class Claim(Record, kw_only=True):
    """A factual claim of the seed article, and what checking it found."""

    id: Slug
    claim: Text
    verdict: Verdict | Literal["partly supported", "only in the seed"]
    finding: Text
    sources: Annotated[list[Slug], msgspec.Meta(min_length=1)]
    events: list[Slug] = []
    visa: list[Slug] = []
    domains: list[Slug] = []

    def __post_init__(self) -> None:
        self.verdict = OLD_VERDICTS.get(self.verdict, self.verdict)


class Dataset(Record, kw_only=True):
    metadata: Metadata
    sources: list[Source]
    events: list[Event] = []
    visa: list[VisaRule] = []
    domains: list[Domain] = []
    claims: list[Claim] = []


# The dataset's lists of records, by their key in the file, in the order ids are checked.
COLLECTIONS: dict[str, type[Record]] = {
    "sources": Source,
    "events": Event,
    "visa": VisaRule,
    "domains": Domain,
    "claims": Claim,
}


def json_schema() -> dict:
    """The JSON Schema of a dataset file, generated from the types above, the same with
    every msgspec version ckr allows.

    A whole number of days is decoded as a number (so 30.0 reads as 30, as JSON Schema
    would have it) and checked to be whole; the schema says "integer", which means the same.
    Descriptions are dedented and null comes last among alternatives, as newer msgspec
    versions write them.
    """

    import inspect

    def settle(node: object) -> None:
        if isinstance(node, dict):
            if node.get("description") == WHOLE_DAYS:
                node["type"] = "integer"
            if isinstance(node.get("description"), str):
                node["description"] = inspect.cleandoc(node["description"])
            if isinstance(node.get("anyOf"), list):
                node["anyOf"].sort(key=lambda option: option == {"type": "null"})
            for value in node.values():
                settle(value)
        elif isinstance(node, list):
            for value in node:
                settle(value)

    schema = msgspec.json.schema(Dataset)
    settle(schema)
    return schema


if __name__ == "__main__":
    import json

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
