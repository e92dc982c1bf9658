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
from ckr.dataset import DOMAIN_PARTS, citing_records, identified
from ckr.model import Claim, Dataset, Domain, Event, Figure, Record, Source, Verdict, VisaRule
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
    return sorted({category_key(event.category) for event in data.events})


def category_key(category: str) -> str:
    """A category as it is compared, counted and shown: in any case and either Unicode
    form, so "Économie" stored decomposed is one category with "économie"."""
    return _folded(category)


def events(data: Dataset, wanted: EventFilter) -> list[Event]:
    """Events that match every filter, oldest first (newest first when reversed)."""
    known = categories(data)
    for category in wanted.categories:
        if category_key(category) not in known:
            raise NotInData("category", category, known)
    # Parsed once here, not once per event: a user's file may hold a million events.
    window = (
        dates.first_day(wanted.start) if wanted.start else None,
        dates.last_day(wanted.end) if wanted.end else None,
    )
    in_categories = {category_key(c) for c in wanted.categories}
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
    if in_categories and category_key(event.category) not in in_categories:
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


def first_confirmed(catalog, rule: VisaRule) -> str | None:
    """For a rule whose start is unknown: the earliest day a cited page confirms it (the
    oldest publication date, else the newest confirmation); None when the start is known."""
    if rule.effective_from:
        return None
    published = [s.published for s in catalog.cited(rule.sources) if s.published]
    return min(published, default=rule.as_of)


START_UNKNOWN = "start unknown"


def next_rule(data: Dataset, rule: VisaRule, on: dt.date) -> VisaRule | None:
    """The rule for the same passport and destination that starts next after `on`."""
    later = [
        r
        for r in data.visa
        if (r.destination, r.nationality) == (rule.destination, rule.nationality)
        and r.effective_from
        and dates.first_day(r.effective_from) > on
    ]
    return min(later, key=lambda r: dates.first_day(r.effective_from), default=None)


def status(rule: VisaRule, on: dt.date, confirmed_first: str | None = None) -> str:
    """ "in force", "ended", "scheduled", or "start unknown" for a day before the first
    confirmation of a rule whose start no page gives."""
    first, last = period(rule)
    if on < first:
        return "scheduled"
    if last < on:
        return "ended"
    if confirmed_first and on < dates.first_day(confirmed_first):
        return START_UNKNOWN
    return "in force"


@dataclass
class FigureFilter:
    domains: tuple[str, ...] = ()  # ids or names
    reporter: str | None = None  # text in reported_by, any case
    start: str | None = None  # partial date: figures whose period reaches it
    end: str | None = None
    search: str | None = None  # text in the label or note
    reverse: bool = False


def period_span(period: str) -> tuple[dt.date, dt.date] | None:
    """ "2024", "2025-01/2025-06" or "1991/2023-09" as first and last day; None for a
    period that is not written as dates."""
    first, _, last = period.partition("/")
    if dates.check(first) or (last and dates.check(last)):
        return None
    return dates.first_day(first), dates.last_day(last or first)


def figures(data: Dataset, wanted: FigureFilter) -> list[tuple[Domain, Figure]]:
    """Every figure matching the filters, with its domain: by period, oldest first."""
    chosen_domains = [domain(data, name) for name in wanted.domains] or data.domains
    window = (
        dates.first_day(wanted.start) if wanted.start else dt.date.min,
        dates.last_day(wanted.end) if wanted.end else dt.date.max,
    )
    reporter = _folded(wanted.reporter) if wanted.reporter else None
    needle = _folded(wanted.search) if wanted.search else None
    found = []
    for owner in chosen_domains:
        for figure in owner.figures:
            if reporter and reporter not in _folded(figure.reported_by):
                continue
            if needle and needle not in _folded(f"{figure.label} {figure.note or ''}"):
                continue
            span = period_span(figure.period)
            if (wanted.start or wanted.end) and (
                span is None or span[1] < window[0] or span[0] > window[1]
            ):
                continue
            found.append((owner, figure))
    found.sort(key=lambda pair: pair[1].period, reverse=wanted.reverse)
    return found


def main_series(domain: Domain) -> list:
    """The domain's main indicator: the label (and unit) reported for the most full years,
    every body's values of it, oldest year first. Empty when no label has two values."""
    yearly = [f for f in domain.figures if re.fullmatch(r"[0-9]{4}", f.period)]
    counts = Counter((f.label, f.unit) for f in yearly)
    if not counts or max(counts.values()) < 2:
        return []
    main = max(counts, key=lambda key: counts[key])  # the first label on ties
    return sorted((f for f in yearly if (f.label, f.unit) == main), key=lambda f: f.period)


def years_between(figures: list) -> list[str]:
    """Every year from the first figure's to the last's: the axis of a yearly chart."""
    first, last = int(figures[0].period), int(figures[-1].period)
    return [str(year) for year in range(first, last + 1)]


def headline_figure(domain: Domain):
    """The figure a domain is summed up by: its main indicator at its latest full year,
    verified before disputed; else its latest full-year figure; else its first figure."""
    series = main_series(domain) or sorted(
        (f for f in domain.figures if re.fullmatch(r"[0-9]{4}", f.period)), key=lambda f: f.period
    )
    if not series:
        return domain.figures[0] if domain.figures else None
    return max(series, key=lambda f: (f.period, f.confidence == "verified"))


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
    catalog, on: dt.date, wanted: list[str] | None = None, passport: str | None = None
) -> list[Comparison]:
    """HOME beside its Southeast Asian neighbours (`wanted`, or all), for one passport
    or every passport HOME has a rule for, with the rules in force `on`. A rule whose start
    is unknown and that no page confirms by `on` is neither more nor less open."""
    data = catalog.data
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

    def confirmed(rule: VisaRule | None) -> bool:
        return rule is not None and status(rule, on, first_confirmed(catalog, rule)) == "in force"

    in_force = {(r.destination, r.nationality): r for r in visa_rules(data, on)}
    comparisons = []
    for nationality in [passport] if passport else comparable:
        mine = in_force.get((HOME, nationality))
        theirs = {code: in_force.get((code, nationality)) for code in wanted or neighbours(data)}
        more_open = [
            code
            for code, rule in theirs.items()
            if confirmed(mine) and confirmed(rule) and stricter(mine, rule)
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


def record_ids(data: Dataset) -> list[str]:
    """The id of every record: sources, events, rules, domains and their parts, claims."""
    return [record.id for _kind, _where, record in identified(data)]


def find_record(data: Dataset, record_id: str) -> tuple[str, Record]:
    """The record with this id, whatever its kind: ("event", Event(...)).

    Ids are lower-case slugs, so "VN-KR-2023" finds "vn-kr-2023".
    """
    record_id = record_id.strip().lower()
    for kind, _where, record in identified(data):
        if record.id == record_id:
            return kind, record
    raise NotInData("record", record_id, record_ids(data), list_choices=False)


def domain_of(data: Dataset, part: Record) -> Domain | None:
    """The domain a figure, agreement or domain note belongs to."""
    for domain in data.domains:
        if any(item is part for name in DOMAIN_PARTS for item in getattr(domain, name)):
            return domain
    return None


def record_date(record: Record) -> str | None:
    """The date a record is known by: an event's or agreement's date, a rule's start, a
    figure's period, a source's publication."""
    for name in ("date", "effective_from", "period", "published"):
        value = getattr(record, name, None)
        if value:
            return value
    return None


def cited_ids(record: Record) -> list[str]:
    """The ids of the sources a record cites, each once: a visa rule's with those of its
    travel details; a domain's, those of its figures, agreements and notes."""
    if isinstance(record, Domain):
        parts = [*record.figures, *record.agreements, *record.notes]
    elif isinstance(record, VisaRule) and record.details is not None:
        parts = [record, record.details]
    else:
        parts = [record]
    return list(dict.fromkeys(i for part in parts for i in getattr(part, "sources", [])))


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
