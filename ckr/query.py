"""Questions asked of a dataset: which events, rules, domains, claims, sources."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, get_args

from ckr import dates
from ckr.countries import SOUTHEAST_ASIA, name_of
from ckr.dataset import citing_records
from ckr.model import Claim, Dataset, Domain, Event, Record, Source, Verdict, VisaRule
from ckr.suggest import closest


class NotInData(ValueError):
    """A value the user asked for that the dataset does not have."""

    def __init__(self, what: str, value: str, known: list[str], list_choices: bool = True) -> None:
        close = closest(value.casefold(), known)
        hint = f" (did you mean {close!r}?)" if close else ""
        offer = known and not close and list_choices
        choices = f"; choose from: {', '.join(known)}" if offer else ""
        super().__init__(f"no {what} {value!r} in the dataset{hint}{choices}")


@dataclass
class EventFilter:
    start: str | None = None  # partial date, inclusive
    end: str | None = None  # partial date, inclusive
    categories: tuple[str, ...] = ()
    search: str | None = None
    limit: int | None = None
    reverse: bool = False


def categories(data: Dataset) -> list[str]:
    return sorted({event.category.casefold() for event in data.events})


def events(data: Dataset, wanted: EventFilter) -> list[Event]:
    """Events that match every filter, oldest first (newest first when reversed)."""
    known = categories(data)
    for category in wanted.categories:
        if category.casefold() not in known:
            raise NotInData("category", category, known)
    # Parsed once here, not once per event: a user's file may hold a million events.
    window = (
        dates.first_day(wanted.start) if wanted.start else None,
        dates.last_day(wanted.end) if wanted.end else None,
    )
    in_categories = {c.casefold() for c in wanted.categories}
    needle = _folded(wanted.search) if wanted.search else None
    chosen = [e for e in data.events if _matches(e, window, in_categories, needle)]
    # ISO dates sort as text, and "1997" sorts before "1997-10": no parsing needed.
    chosen.sort(key=lambda e: e.date, reverse=wanted.reverse)
    return chosen[: wanted.limit] if wanted.limit else chosen


def _matches(event: Event, window: tuple, in_categories: set[str], needle: str | None) -> bool:
    # An event dated "1997" overlaps any filter window that touches 1997.
    start, end = window
    if start and dates.last_day(event.date) < start:
        return False
    if end and dates.first_day(event.date) > end:
        return False
    if in_categories and event.category.casefold() not in in_categories:
        return False
    if needle:
        return (
            needle in _folded(event.title)
            or needle in _folded(event.summary)
            or bool(event.note and needle in _folded(event.note))
        )
    return True


def _folded(text: str) -> str:
    """Text to compare in any case and either Unicode form."""
    return _nfc(text).casefold()


def _nfc(text: str) -> str:
    """Text in NFC, the form searches compare in; ASCII needs no work (the common case)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def period(rule: VisaRule) -> tuple[dt.date, dt.date]:
    """The first and last day a rule applies; an open end reaches the calendar's end."""
    first = dates.first_day(rule.effective_from) if rule.effective_from else dt.date.min
    last = dates.last_day(rule.effective_until) if rule.effective_until else dt.date.max
    return first, last


def in_force(rule: VisaRule, on: dt.date) -> bool:
    """Whether a rule applied on a given day, from its effective dates."""
    first, last = period(rule)
    return first <= on <= last


def _rules_for(
    data: Dataset, nationality: str | None, destinations_wanted: tuple[str, ...]
) -> list[VisaRule]:
    return [
        rule
        for rule in data.visa
        if (nationality is None or rule.nationality == nationality)
        and (not destinations_wanted or rule.destination in destinations_wanted)
    ]


def visa_rules(
    data: Dataset,
    on: dt.date,
    nationality: str | None = None,
    destinations_wanted: tuple[str, ...] = (),
) -> list[VisaRule]:
    """Rules in force on a day, optionally for one nationality and some destinations."""
    return [
        rule for rule in _rules_for(data, nationality, destinations_wanted) if in_force(rule, on)
    ]


def visa_history(
    data: Dataset, nationality: str | None = None, destinations_wanted: tuple[str, ...] = ()
) -> list[VisaRule]:
    """Every rule, past, present and scheduled: by destination, then oldest first."""
    order = {code: i for i, code in enumerate(destinations(data))}
    return sorted(
        _rules_for(data, nationality, destinations_wanted),
        key=lambda r: (order[r.destination], r.nationality, r.effective_from or ""),
    )


def status(rule: VisaRule, on: dt.date) -> str:
    first, last = period(rule)
    if on < first:
        return "scheduled"
    return "ended" if last < on else "in force"


# From most open to strictest.
REGIME_STRICTNESS = {"visa_free": 0, "visa_on_arrival": 1, "e_visa": 2, "visa_required": 3}


def stricter(rule: VisaRule, other: VisaRule) -> bool:
    """Whether `rule` asks more of a traveller than `other`: a stricter regime, or the
    same regime with a shorter stay."""
    mine, theirs = REGIME_STRICTNESS[rule.regime], REGIME_STRICTNESS[other.regime]
    if mine != theirs:
        return mine > theirs
    return (rule.max_stay_days or 0) < (other.max_stay_days or 0)


HOME = "KH"  # the country whose visa policy the seed article asks about


def neighbours(data: Dataset) -> list[str]:
    """The other Southeast Asian destinations the dataset has rules for."""
    return [code for code in destinations(data) if code in SOUTHEAST_ASIA and code != HOME]


def passports_compared(data: Dataset) -> list[str]:
    """Passports with a rule at home, so there is something to compare."""
    return sorted({rule.nationality for rule in data.visa if rule.destination == HOME})


class Comparison(NamedTuple):
    """One passport: the rule at HOME beside each neighbour's, and who is more open."""

    passport: str
    home_rule: VisaRule | None
    neighbour_rules: dict[str, VisaRule | None]  # by destination, in the order asked for
    more_open: list[str]  # the neighbours where this passport meets a lighter rule


class NotComparable(ValueError):
    """What was asked for has no counterpart to compare: `subject` is "neighbour" or
    "passport", so the caller can say which of its inputs was wrong."""

    def __init__(self, subject: str, message: str) -> None:
        self.subject = subject
        super().__init__(message)


def compare(
    data: Dataset, on: dt.date, wanted: list[str] | None = None, passport: str | None = None
) -> list[Comparison]:
    """HOME beside its Southeast Asian neighbours (`wanted`, or all), for one passport
    or every passport HOME has a rule for, with the rules in force `on`."""
    home_name = name_of(HOME)
    for code in wanted or ():
        if code not in neighbours(data):
            raise NotComparable(
                "neighbour",
                f"{name_of(code)} is not one of {home_name}'s Southeast Asian neighbours "
                "in the dataset",
            )
    comparable = passports_compared(data)
    if passport == HOME:
        raise NotComparable(
            "passport", f"{home_name} passports need no visa for {home_name}; choose another"
        )
    if passport and passport not in comparable:
        raise NotComparable(
            "passport",
            f"the dataset has no rule for {name_of(passport)} passports entering "
            f"{home_name} to compare",
        )
    in_force = {(r.destination, r.nationality): r for r in visa_rules(data, on)}
    comparisons = []
    for nationality in [passport] if passport else comparable:
        mine = in_force.get((HOME, nationality))
        theirs = {code: in_force.get((code, nationality)) for code in wanted or neighbours(data)}
        more_open = [
            code for code, rule in theirs.items() if mine and rule and stricter(mine, rule)
        ]
        comparisons.append(Comparison(nationality, mine, theirs, more_open))
    return comparisons


def nationalities(data: Dataset) -> list[str]:
    return sorted({rule.nationality for rule in data.visa})


def destinations(data: Dataset) -> list[str]:
    return list(dict.fromkeys(rule.destination for rule in data.visa))


def domain(data: Dataset, wanted: str) -> Domain:
    """A domain by id or name, case-insensitive."""
    for candidate in data.domains:
        if wanted.casefold() in (candidate.id, candidate.name.casefold()):
            return candidate
    raise NotInData("domain", wanted, [d.id for d in data.domains])


STALE_AFTER_DAYS = 365


def is_stale(age_days: int) -> bool:
    """A rule last confirmed more than 12 months ago may have changed since."""
    return age_days > STALE_AFTER_DAYS


VERDICTS: tuple[str, ...] = get_args(Verdict)


def claims(data: Dataset, verdicts: tuple[str, ...] = ()) -> list[Claim]:
    wanted = {v.casefold() for v in verdicts}
    return [c for c in data.claims if not wanted or c.verdict in wanted]


def citation_counts(data: Dataset) -> Counter[str]:
    """How many records cite each source id."""
    counts: Counter[str] = Counter()
    for _where, record in citing_records(data):
        counts.update(set(record.sources))
    return counts


def uncited_sources(data: Dataset, counts: Counter[str]) -> list[Source]:
    """Sources no record cites, given citation_counts(data)."""
    return [source for source in data.sources if counts[source.id] == 0]


RECORD_KINDS = {
    "sources": "source",
    "events": "event",
    "visa": "visa rule",
    "domains": "domain",
    "claims": "claim",
}


def find_record(data: Dataset, record_id: str) -> tuple[str, Record]:
    """The record with this id, whatever its kind: ("event", Event(...)).

    Ids are lower-case slugs, so "VN-KR-2023" finds "vn-kr-2023".
    """
    record_id = record_id.strip().lower()
    for collection, kind in RECORD_KINDS.items():
        for record in getattr(data, collection):
            if record.id == record_id:
                return kind, record
    all_ids = [r.id for c in RECORD_KINDS for r in getattr(data, c)]
    raise NotInData("record", record_id, all_ids, list_choices=False)


class Match(NamedTuple):
    kind: str
    record: Record
    field: str
    text: str  # the field's text, in NFC
    start: int  # where the match is in `text`
    end: int


def _searchable(data: Dataset):
    """(kind, record, field, text) for every piece of text a search looks at."""
    for event in data.events:
        yield from (("event", event, f, getattr(event, f)) for f in ("title", "summary", "note"))
    for rule in data.visa:
        yield "visa rule", rule, "notes", rule.notes
    for domain in data.domains:
        yield "domain", domain, "name", domain.name
        yield "domain", domain, "summary", domain.summary
        for figure in domain.figures:
            yield "domain", domain, "figure", f"{figure.label} ({figure.reported_by})"
        for agreement in domain.agreements:
            yield "domain", domain, "agreement", agreement.name
        for note in domain.notes:
            yield "domain", domain, "note", note.text
    for claim in data.claims:
        yield "claim", claim, "claim", claim.claim
        yield "claim", claim, "finding", claim.finding
    for source in data.sources:
        yield "source", source, "publisher", source.publisher
        yield "source", source, "title", source.title


def search_pattern(text: str, whole_words: bool = False) -> re.Pattern:
    """What `search` looks for: `text` in any case; with `whole_words`, "EPS" but not the
    "eps" in "keeps". Views highlight with the same pattern."""
    text = _nfc(text)
    needle = re.escape(text)
    if whole_words:  # a boundary only where the text itself starts or ends a word
        before = r"(?<!\w)" if re.match(r"\w", text) else ""
        after = r"(?!\w)" if re.search(r"\w$", text) else ""
        needle = before + needle + after
    return re.compile(needle, re.IGNORECASE)


def search(data: Dataset, pattern: re.Pattern) -> list[Match]:
    """Records with a match for `pattern` (from search_pattern): the first match in each
    record, grouped by kind. Text is compared in NFC, whichever form the file stores."""
    found: dict[str, Match] = {}
    for kind, record, field, value in _searchable(data):
        if not value or record.id in found:
            continue
        text = _nfc(value)
        match = pattern.search(text)
        if match:
            found[record.id] = Match(kind, record, field, text, match.start(), match.end())
    order = ["event", "visa rule", "domain", "claim", "source"]
    return sorted(found.values(), key=lambda m: order.index(m.kind))
