"""Questions asked of a dataset: which events, rules, domains, claims, sources."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from typing import NamedTuple, get_args

import msgspec

from ckr import dates
from ckr.countries import SOUTHEAST_ASIA, name_of
from ckr.dataset import DOMAIN_PARTS, citing_records, identified
from ckr.matching import FIELD_BREAK, TextQuery, fold
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


class EventFilter(msgspec.Struct, kw_only=True):
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
    known = categories(data) if wanted.categories else []  # a pass over every event
    for category in wanted.categories:
        if category_key(category) not in known:
            raise NotInData("category", category, known)
    # Parsed once here, not once per event: a user's file may hold a million events.
    window = (
        dates.first_day(wanted.start) if wanted.start else None,
        dates.last_day(wanted.end) if wanted.end else None,
    )
    in_categories = {category_key(c) for c in wanted.categories}
    needle = TextQuery(wanted.search) if wanted.search else None
    chosen = [e for e in data.events if _matches(e, window, in_categories, needle)]
    # ISO dates sort as text, and "1997" sorts before "1997-10": no parsing needed.
    chosen.sort(key=lambda e: e.date, reverse=wanted.reverse)
    return chosen[: wanted.limit] if wanted.limit else chosen


def _matches(
    event: Event, window: tuple, in_categories: set[str], needle: TextQuery | None
) -> bool:
    # An event dated "1997" overlaps any filter window that touches 1997.
    start, end = window
    if start and dates.last_day(event.date) < start:
        return False
    if end and dates.first_day(event.date) > end:
        return False
    if in_categories and category_key(event.category) not in in_categories:
        return False
    if needle:  # as `ckr search` matches: every word, in the id, title, summary or note
        return needle.matches_joined(
            f"{event.id}{FIELD_BREAK}{event.title}{FIELD_BREAK}{event.summary}"
            f"{FIELD_BREAK}{event.note or ''}"
        )
    return True


def _folded(text: str) -> str:
    """Text to compare in any case and either Unicode form (categories; searches fold more:
    ckr.matching.fold drops accents too)."""
    return _nfc(text).casefold()


def _nfc(text: str) -> str:
    """Text in NFC, the form search results show; ASCII needs no work (the common case)."""
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
    first = min(published, default=rule.as_of)
    # Pages written after a rule ended describe it as it stood until then: they confirm
    # it no later than its last day.
    if rule.effective_until and first > rule.effective_until:
        return rule.effective_until
    return first


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


class FigureFilter(msgspec.Struct, kw_only=True):
    domains: tuple[str, ...] = ()  # ids or names
    reporter: str | None = None  # text in reported_by, any case
    start: str | None = None  # partial date: figures whose period reaches it
    end: str | None = None
    search: str | None = None  # words in the label or note, as `ckr search` matches them
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
    reporter = fold(wanted.reporter) if wanted.reporter else None
    needle = TextQuery(wanted.search) if wanted.search else None
    found = []
    for owner in chosen_domains:
        for figure in owner.figures:
            if reporter and reporter not in fold(figure.reported_by):
                continue
            if needle and not needle.matches(figure.label, figure.note):
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


# Where a search looks in each kind of record, and how much a match there counts: the
# record's names first (its id, title, name, label, claim), then its summary, then the rest.
SEARCHED = {
    "event": ("id", "title", "summary", "note", "category"),
    "visa rule": ("id", "nationality_name", "destination_name", "notes"),
    "figure": ("id", "label", "reported_by", "note"),
    "agreement": ("id", "name"),
    "domain note": ("id", "text"),
    "domain": ("id", "name", "summary"),
    "claim": ("id", "claim", "finding"),
    "source": ("id", "title", "publisher"),
}
_NAMES = {"id", "title", "name", "label", "claim", "nationality_name", "destination_name"}
_SUMMARIES = {"summary", "text", "publisher"}


def field_rank(field: str) -> int:
    """0 for a record's names, 1 for its summary, 2 for notes, findings and the rest."""
    return 0 if field in _NAMES else 1 if field in _SUMMARIES else 2


# The kinds a search can be narrowed to, as one word each, with the spellings accepted.
SEARCH_KINDS = {
    "event": "event",
    "visa-rule": "visa rule",
    "visa": "visa rule",
    "figure": "figure",
    "agreement": "agreement",
    "domain-note": "domain note",
    "note": "domain note",
    "domain": "domain",
    "claim": "claim",
    "source": "source",
}


def search_kind(name: str) -> str:
    """The record kind a --kind value names ("visa", "visa-rule", "Visa rule": "visa rule")."""
    key = re.sub(r"[\s_]+", "-", name.strip().casefold())
    if key not in SEARCH_KINDS:
        choices = [k for k in SEARCH_KINDS if k not in ("visa", "note")]
        raise NotInData("kind", name, choices)
    return SEARCH_KINDS[key]


class Match(NamedTuple):
    kind: str
    record: Record
    field: str  # the field shown: the one with most of the terms
    text: str  # that field's text, in NFC
    start: int  # where the first match is in `text`
    end: int
    rank: int = 0  # lower is better: where the terms were found, summed


def _field_texts(kind: str, record: Record) -> list[tuple[str, str]]:
    texts = []
    for field in SEARCHED[kind]:
        if field == "nationality_name":
            value = name_of(record.nationality)
        elif field == "destination_name":
            value = name_of(record.destination)
        else:
            value = getattr(record, field)
        if value:
            texts.append((field, _nfc(value)))
    return texts


def _best_match(kind: str, record: Record, wanted: TextQuery) -> Match | None:
    """The record as a Match if every term is found in its fields, else None."""
    texts = _field_texts(kind, record)
    found = [(field, text, wanted.found_in(text)) for field, text in texts]
    rank = 0
    for term in range(len(wanted.terms)):
        ranks = [field_rank(field) for field, _text, hits in found if hits[term]]
        if not ranks:
            return None
        rank += min(ranks)
    # Show the field holding the most terms (among equals, the one that counts most), the
    # id only when nothing else holds one: the id is shown anyway.
    field, text, _hits = max(
        found, key=lambda f: (f[0] != "id" and any(f[2]), sum(f[2]), -field_rank(f[0]))
    )
    first, *_others = wanted.spans(text) or [(0, 0)]
    return Match(kind, record, field, text, first[0], first[1], rank)


def search(data: Dataset, wanted: TextQuery, kinds: set[str] | None = None) -> list[Match]:
    """Records in which every term of `wanted` is found, one Match a record, best first:
    matches in ids and names before summaries, summaries before notes; then sources after
    other records, and the newest first."""
    found = []
    for kind, _where, record in identified(data):
        if kinds and kind not in kinds:
            continue
        match = _best_match(kind, record, wanted)
        if match:
            found.append(match)
    found.sort(key=lambda m: record_date(m.record) or "", reverse=True)  # newest first...
    # ... within each rank (sorting is stable); a source, the page behind a fact, after
    # the facts that rank as high.
    found.sort(key=lambda m: (m.rank, m.kind == "source"))
    return found


class Covered(NamedTuple):
    """One line of what a dataset covers: a collection, or the passports or destinations."""

    topic: str  # "passports", "destinations", or a collection: "events", "figures", ...
    count: int
    first: str | None = None  # the earliest date (figures: year) the records reach
    last: str | None = None
    codes: tuple[str, ...] = ()  # the countries covered (ISO codes)
    domain: str | None = None  # for one domain's figures: its id


def _date_range(dates_given: list[str | None]) -> tuple[str | None, str | None]:
    """The earliest and latest of ISO dates at any precision ("1997" sorts before "1997-10")."""
    known = [date for date in dates_given if date]
    return (min(known), max(known)) if known else (None, None)


def _year_range(figures: list[Figure]) -> tuple[str | None, str | None]:
    """The first and last year figures' periods reach ("2025-01/2025-06" reaches 2025)."""
    spans = [span for span in (period_span(f.period) for f in figures) if span]
    if not spans:
        return None, None
    return str(min(s[0] for s in spans).year), str(max(s[1] for s in spans).year)


def coverage(data: Dataset) -> list[Covered]:
    """What the dataset covers: passports and destinations, then each collection with its
    count and the dates it spans (a rule by its start, a source by its publication), the
    figures also domain by domain."""
    passports, places = nationalities(data), destinations(data)
    every_figure = [f for d in data.domains for f in d.figures]
    agreements = [a for d in data.domains for a in d.agreements]
    covered = [
        Covered("passports", len(passports), codes=tuple(passports)),
        Covered("destinations", len(places), codes=tuple(places)),
        Covered("events", len(data.events), *_date_range([e.date for e in data.events])),
        Covered("visa rules", len(data.visa), *_date_range([r.effective_from for r in data.visa])),
        Covered("figures", len(every_figure), *_year_range(every_figure)),
    ]
    covered += [
        Covered("figures", len(d.figures), *_year_range(d.figures), domain=d.id)
        for d in data.domains
        if d.figures
    ]
    return covered + [
        Covered("agreements", len(agreements), *_date_range([a.date for a in agreements])),
        Covered("domain notes", sum(len(d.notes) for d in data.domains)),
        Covered("domains", len(data.domains)),
        Covered("claims", len(data.claims)),
        Covered("sources", len(data.sources), *_date_range([s.published for s in data.sources])),
    ]
