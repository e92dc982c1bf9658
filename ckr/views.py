"""Listings built from records: which columns each command shows, and its JSON shape."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ckr import countries, dates, query
from ckr.listing import Chart, Column, Listing, Value
from ckr.text import format_number
from ckr.model import Claim, Domain, Event, Figure, Record, Source, VisaRule

if TYPE_CHECKING:
    from ckr.session import Session

REGIME_WORDS = {
    "visa_free": "visa-free",
    "visa_on_arrival": "visa on arrival",
    "e_visa": "e-visa",
    "visa_required": "visa required",
}


def _regime(value: Value) -> str:
    return REGIME_WORDS.get(str(value), str(value))


def _days(value: Value) -> str:
    return "—" if value is None else f"{value} days"


def _since(value: Value) -> str:
    return "long standing" if value is None else str(value)


def _record(session: Session, record: msgspec.Struct, **extra: object) -> dict:
    """A record as JSON: its own fields, its sources expanded to objects, then extras."""
    fields = msgspec.structs.asdict(record)
    fields["sources"] = [
        {"id": s.id, "publisher": s.publisher, "title": s.title, "url": s.url}
        for s in session.catalog.cited(record.sources)
    ]
    return msgspec.to_builtins({**fields, **extra})


def _publishers(session: Session, source_ids: list[str]) -> str:
    """The first source's publisher, and how many more there are: "Yonhap +2"."""
    publishers = list(dict.fromkeys(s.publisher for s in session.catalog.cited(source_ids)))
    more = f" +{len(publishers) - 1}" if len(publishers) > 1 else ""
    return publishers[0] + more


# -- timeline --------------------------------------------------------------------------

EVENT_COLUMNS = [
    Column("date", "Date", wrap=False),
    Column("title", "Event"),
    Column("category", "Category"),
    Column("confidence", "Confidence"),
]


def _rows(records: list, columns: list[Column]) -> list[dict[str, Value]]:
    """Rows for columns named after the records' own fields."""
    return [{column.key: getattr(record, column.key) for column in columns} for record in records]


def events_listing(session: Session, events: list[Event]) -> Listing:
    rows = _rows(events, EVENT_COLUMNS)
    return Listing(
        columns=EVENT_COLUMNS,
        rows=rows,
        records=[_record(session, e) for e in events],
        caption=session.caption(len(events), "event"),
        empty_message="No events match these filters.",
    )


# -- visa ------------------------------------------------------------------------------


def visa_listing(session: Session, nationality: str, rules: list[VisaRule], on) -> Listing:
    """One row per destination: the rule a traveller of one nationality meets today."""

    columns = [
        Column("destination", "Destination", wrap=False),
        Column("rule", "Rule", _regime, min_width=9),
        Column("max_stay_days", "Max stay", _days, justify="right", min_width=4),
        Column("since", "Since", _since, min_width=10),
        Column("as_of", "As of", _as_of_with_age(session), min_width=10),
        Column("source", "Source"),
        Column("age_days", "Age in days", in_table=False),
        Column("stale", "Stale", in_table=False),
    ]
    rows = [
        {
            "destination": countries.name_of(r.destination),
            "rule": r.regime,
            "max_stay_days": r.max_stay_days,
            "since": r.effective_from,
            "as_of": r.as_of,
            "source": _publishers(session, r.sources),
            "age_days": dates.age_in_days(r.as_of, session.today),
            "stale": "yes" if query.is_stale(r, session.today) else "no",
        }
        for r in rules
    ]
    name = countries.name_of(nationality)
    return Listing(
        columns=columns,
        rows=rows,
        records=[_visa_record(session, r) for r in rules],
        title=f"Entry rules for citizens of {name}, in force on {on}",
        caption=session.caption(len(rules), "rule", _stale_note(session, rules)),
        empty_message=f"No visa rules for citizens of {name} match.",
    )


def _as_of_with_age(session: Session):
    def show(value: Value) -> str:
        age = dates.age_in_days(str(value), session.today)
        stale = ", stale" if age > query.STALE_AFTER_DAYS else ""
        return f"{value} ({dates.describe_age(age)} ago{stale})" if age else f"{value} (today)"

    return show


def _stale_note(session: Session, rules: list[VisaRule]) -> str:
    stale = sum(query.is_stale(r, session.today) for r in rules)
    return f"{stale} stale (last confirmed over 12 months ago)" if stale else ""


def _visa_record(session: Session, rule: VisaRule) -> dict:
    return _record(
        session,
        rule,
        destination_name=countries.name_of(rule.destination),
        nationality_name=countries.name_of(rule.nationality),
        age_days=dates.age_in_days(rule.as_of, session.today),
        stale=query.is_stale(rule, session.today),
    )


def visa_matrix_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Destinations down, nationalities across: the rule and stay in each cell."""
    nationalities = sorted({r.nationality for r in rules})
    cells: dict[str, dict[str, Value]] = {}
    for rule in rules:
        row = cells.setdefault(rule.destination, {"destination": countries.name_of(rule.destination)})
        stay = f" {rule.max_stay_days}d" if rule.max_stay_days else ""
        row[rule.nationality] = _regime(rule.regime) + stay
    columns = [Column("destination", "Destination")] + [
        Column(code, countries.name_of(code)) for code in nationalities
    ]
    rows = [{c.key: row.get(c.key) for c in columns} for row in cells.values()]
    return Listing(
        columns=columns,
        rows=rows,
        records=[_visa_record(session, r) for r in rules],
        title=f"Entry rules in force on {on} (passport across, destination down)",
        caption=session.caption(len(rules), "rule", _stale_note(session, rules)),
        empty_message=f"No visa rules in force on {on}.",
    )


# -- domains ---------------------------------------------------------------------------


def _flagged(text: str, confidence: str) -> str:
    """Mark what is not plainly verified, so a table never hides doubt."""
    return text if confidence == "verified" else f"{text} ({confidence})"


def headline(figure: Figure) -> str:
    return f"{figure.label}: {format_number(figure.value)} {figure.unit} ({figure.period})"


def domains_listing(session: Session, domains: list[Domain]) -> Listing:
    columns = [
        Column("id", "Id"),
        Column("name", "Domain"),
        Column("headline", "Headline figure"),
        Column("summary", "Summary"),
    ]
    rows = [
        {
            "id": d.id,
            "name": d.name,
            "headline": headline(d.figures[0]) if d.figures else None,
            "summary": d.summary,
        }
        for d in domains
    ]
    return Listing(
        columns=columns,
        rows=rows,
        records=[_domain_record(session, d) for d in domains],
        caption=session.caption(len(domains), "domain") + " · ckr domains ID for details",
        empty_message="The dataset has no domains.",
    )


def _domain_record(session: Session, domain: Domain) -> dict:
    record = msgspec.to_builtins(domain)
    record["figures"] = [_record(session, f) for f in domain.figures]
    record["agreements"] = [_record(session, a) for a in domain.agreements]
    record["notes"] = [_record(session, n) for n in domain.notes]
    return record


def domain_listing(session: Session, domain: Domain) -> Listing:
    """One domain's figures (with who reported each) and its agreements, in one table."""
    columns = [
        Column("item", "Item", min_width=10),
        Column("kind", "Kind", wrap=False),
        Column("when", "When", min_width=10),
        Column("value", "Value", justify="right"),
        Column("reported_by", "Reported by"),
        Column("source", "Source"),
    ]
    rows: list[dict[str, Value]] = [
        {
            "kind": "figure",
            "when": f.period,
            "item": _flagged(f.label, f.confidence),
            "value": f"{format_number(f.value)} {f.unit}",
            "reported_by": f.reported_by,
            "source": _publishers(session, f.sources),
        }
        for f in domain.figures
    ]
    rows += [
        {
            "kind": "agreement",
            "when": a.date,
            "item": a.name,
            "value": None,
            "reported_by": None,
            "source": _publishers(session, a.sources),
        }
        for a in domain.agreements
    ]
    count = len(domain.figures) + len(domain.agreements)
    return Listing(
        columns=columns,
        rows=rows,
        records=_domain_record(session, domain),
        title=domain.name,
        intro=domain.summary,
        caption=session.caption(count, "fact"),
        notes=[_flagged(f"Note: {n.text}", n.confidence) for n in domain.notes],
        empty_message=f"The {domain.name} domain has no figures or agreements yet.",
    )


# -- claims ----------------------------------------------------------------------------


def claims_listing(session: Session, claims: list[Claim]) -> Listing:
    columns = [
        Column("id", "Id", in_table=False),
        Column("claim", "The seed says", min_width=12),
        Column("verdict", "Verdict", min_width=9),
        Column("finding", "Finding", min_width=12),
    ]
    return Listing(
        columns=columns,
        rows=_rows(claims, columns),
        records=[_record(session, c) for c in claims],
        caption=session.caption(len(claims), "claim") + " · ckr show ID for the evidence",
        empty_message="No claims match.",
    )


# -- sources ---------------------------------------------------------------------------


def sources_listing(session: Session, sources: list[Source], counts: dict[str, int]) -> Listing:
    columns = [
        Column("id", "Id", in_table=False),
        Column("publisher", "Publisher", min_width=10),
        Column("title", "Title", min_width=12, link="url"),
        Column("url", "URL", min_width=12),
        Column("accessed", "Accessed", wrap=False),
        Column("cited_by", "Cited by", justify="right", wrap=False),
    ]
    rows = [
        {
            "id": s.id,
            "publisher": s.publisher,
            "title": s.title,
            "url": s.url,
            "accessed": s.accessed,
            "cited_by": counts.get(s.id, 0),
        }
        for s in sources
    ]
    records = [msgspec.to_builtins(s) | {"cited_by": counts.get(s.id, 0)} for s in sources]
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        caption=session.caption(len(sources), "source"),
        empty_message="No sources match.",
    )


# -- show ------------------------------------------------------------------------------


def record_listing(session: Session, kind: str, record: Record) -> Listing:
    """Any one record in full: a field per row, each source with its title and URL."""
    rows = [{"field": "kind", "value": kind}]
    for name, value in msgspec.structs.asdict(record).items():
        if name != "sources":
            rows += [{"field": label, "value": text} for label, text in _field_lines(session, name, value)]
    if isinstance(record, VisaRule):
        stale = ", stale" if query.is_stale(record, session.today) else ""
        age = dates.age_in_days(record.as_of, session.today)
        rows.append({"field": "age", "value": f"{age} days{stale}"})
    for source in session.catalog.cited(_cited_by(record)):
        text = f"{source.publisher}: {source.title} <{source.url}>"
        rows.append({"field": "source", "value": text, "url": source.url})
    for row in rows:
        row.setdefault("url", None)
    return Listing(
        columns=[
            Column("field", "Field", wrap=False),
            Column("value", "Value", min_width=20, link="url"),
            Column("url", "URL", in_table=False),
        ],
        rows=rows,
        records={"kind": kind, **_full_record(session, record)},
        title=f"{kind} {record.id}",
    )


def _cited_by(record: Record) -> list[str]:
    """The sources a record cites; for a domain, those of its figures, agreements, notes."""
    if isinstance(record, Domain):
        parts = [*record.figures, *record.agreements, *record.notes]
        return list(dict.fromkeys(i for part in parts for i in part.sources))
    return getattr(record, "sources", [])


def _field_lines(session: Session, name: str, value: object) -> list[tuple[str, str]]:
    """A field as (label, text) lines: one per list item, none for empty values."""
    if value is None or value == [] or value == "":
        return []
    if not isinstance(value, list):
        return [(name, _one_line(value))]
    label = name.removesuffix("s")
    return [(label, _one_line(item, session)) for item in value]


def _one_line(value: object, session: Session | None = None) -> str:
    if isinstance(value, Figure):
        note = f"; {value.note}" if value.note else ""
        return f"{headline(value)}, reported by {value.reported_by} [{value.confidence}]{note}"
    if isinstance(value, msgspec.Struct):
        fields = msgspec.structs.asdict(value)
        return " · ".join(str(v) for k, v in fields.items() if k != "sources" and v)
    if session is not None and isinstance(value, str):
        return _with_title(session, value)
    return str(value)


def _with_title(session: Session, record_id: str) -> str:
    """An id in a list of references, with what it names: "2021-fta: FTA signed"."""
    try:
        _kind, record = query.find_record(session.catalog.data, record_id)
    except query.NotInData:
        return record_id
    name = getattr(record, "title", None) or getattr(record, "name", None)
    if isinstance(record, VisaRule):
        name = f"{countries.name_of(record.nationality)} citizens in {countries.name_of(record.destination)}"
    return f"{record_id}: {name}" if name else record_id


def _full_record(session: Session, record: Record) -> dict:
    if isinstance(record, Domain):
        return _domain_record(session, record)
    if isinstance(record, VisaRule):
        return _visa_record(session, record)
    if isinstance(record, Source):
        return msgspec.to_builtins(record)
    return _record(session, record)


# -- visa history and comparison -------------------------------------------------------


def _rule_words(rule: VisaRule | None) -> str | None:
    """ "visa-free 45d since 2023-08-15" """
    if rule is None:
        return None
    stay = f" {rule.max_stay_days}d" if rule.max_stay_days else ""
    since = f" since {rule.effective_from}" if rule.effective_from else ""
    return REGIME_WORDS[rule.regime] + stay + since


def visa_history_listing(session: Session, rules: list[VisaRule], on) -> Listing:
    """Each rule with its period and whether it has ended, applies, or is yet to come."""
    columns = [
        Column("destination", "Destination", wrap=False),
        Column("nationality", "Passport", wrap=False),
        Column("rule", "Rule", _regime, min_width=9),
        Column("max_stay_days", "Max stay", _days, justify="right", min_width=4),
        Column("effective_from", "From", _since, min_width=10),
        Column("effective_until", "Until", lambda v: "open" if v is None else str(v), min_width=10),
        Column("status", "Status", wrap=False),
        Column("id", "Id", in_table=False),
    ]
    rows = [
        {
            "destination": countries.name_of(r.destination),
            "nationality": countries.name_of(r.nationality),
            "rule": r.regime,
            "max_stay_days": r.max_stay_days,
            "effective_from": r.effective_from,
            "effective_until": r.effective_until,
            "status": query.status(r, on),
            "id": r.id,
        }
        for r in rules
    ]
    return Listing(
        columns=columns,
        rows=rows,
        records=[_visa_record(session, r) | {"status": query.status(r, on)} for r in rules],
        title=f"How the rules changed (status on {on})",
        caption=session.caption(len(rules), "rule") + " · ckr show ID for one in full",
        empty_message="No visa rules match.",
    )


def visa_compare_listing(
    session: Session, home: str, neighbours: list[str], passports: list[str], on
) -> Listing:
    """For each passport: the home country's rule beside each neighbour's, and where
    the home country asks more."""
    in_force = {(r.destination, r.nationality): r for r in query.visa_rules(session.catalog.data, on)}
    home_name = countries.name_of(home)
    columns = [Column("passport", "Passport", wrap=False), Column(home, home_name, min_width=9)]
    columns += [Column(code, countries.name_of(code), min_width=9) for code in neighbours]
    columns.append(Column("stricter_than", f"{home_name} stricter than", min_width=10))
    rows, records = [], []
    for passport in passports:
        mine = in_force.get((home, passport))
        theirs = {code: in_force.get((code, passport)) for code in neighbours}
        more_open = [
            code for code, rule in theirs.items() if mine and rule and query.stricter(mine, rule)
        ]
        row: dict[str, Value] = {"passport": countries.name_of(passport), home: _rule_words(mine)}
        for code, rule in theirs.items():
            mark = " *" if code in more_open else ""
            row[code] = None if rule is None else f"{_rule_words(rule)}{mark}"
        row["stricter_than"] = ", ".join(countries.name_of(c) for c in more_open) or "none"
        rows.append(row)
        records.append(
            {
                "passport": passport,
                "home": _compare_record(home, mine),
                "neighbours": [_compare_record(code, rule) for code, rule in theirs.items()],
                "home_stricter_than": more_open,
            }
        )
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        title=f"{home_name} beside its neighbours, rules in force on {on}",
        caption=f"* more open than {home_name} for that passport · "
        + session.caption(len(rows), "passport"),
        empty_message="No rules to compare.",
    )


def _compare_record(code: str, rule: VisaRule | None) -> dict:
    fields = {"destination": code, "destination_name": countries.name_of(code)}
    if rule is None:
        return fields | {"rule": None}
    return fields | {
        "rule": rule.id,
        "regime": rule.regime,
        "max_stay_days": rule.max_stay_days,
        "since": rule.effective_from,
    }


# -- search ----------------------------------------------------------------------------


def snippet(text: str, needle: str, around: int = 50) -> str:
    """The part of `text` around the first match, with ellipses where it was cut."""
    start = text.casefold().find(needle.casefold())
    if start < 0:
        return text
    end = start + len(needle)
    left, right = max(0, start - around), min(len(text), end + around)
    # Cut at spaces, not inside words, unless a word runs into the match itself.
    if left and text[left - 1] != " " and (space := text.find(" ", left, start)) != -1:
        left = space + 1
    if right < len(text) and text[right] != " " and (space := text.rfind(" ", end, right)) != -1:
        right = space
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def search_listing(session: Session, text: str, matches: list[query.Match]) -> Listing:
    columns = [
        Column("kind", "Kind", wrap=False),
        Column("id", "Id", wrap=False),  # whole, to copy into `ckr show`
        Column("field", "Field", wrap=False),
        Column("text", "Match", min_width=20),
    ]
    rows = [
        {"kind": m.kind, "id": m.record.id, "field": m.field, "text": snippet(m.text, text)}
        for m in matches
    ]
    records = [{"kind": m.kind, "id": m.record.id, "field": m.field, "text": m.text} for m in matches]
    return Listing(
        columns=columns,
        rows=rows,
        records=records,
        title=f"Records mentioning {text!r}",
        caption=session.caption(len(rows), "match") + " · ckr show ID for one in full",
        empty_message=f"Nothing in the dataset mentions {text!r}.",
        highlight=text,
    )


# -- charts ----------------------------------------------------------------------------


def timeline_chart_listing(session: Session, events: list[Event]) -> Listing:
    """Events per year and category: the rows scripts get, the bars people see."""
    counts: dict[tuple[str, str], int] = {}
    for event in sorted(events, key=lambda e: e.date):
        key = (event.date[:4], event.category.casefold())
        counts[key] = counts.get(key, 0) + 1
    rows = [{"year": y, "category": c, "events": n} for (y, c), n in counts.items()]
    return Listing(
        columns=[Column("year", "Year"), Column("category", "Category"), Column("events", "Events")],
        rows=rows,
        records=rows,
        title="Events per year, by category",
        caption=session.caption(len(events), "event"),
        empty_message="No events match these filters.",
        chart=Chart(label="year", series="category", value="events", stacked=True),
    )


def domain_chart_listing(session: Session, domain: Domain) -> Listing:
    """The domain's most reported measure over time, one series per reporting body."""
    measures: dict[tuple[str, str], list[Figure]] = {}
    for figure in domain.figures:
        measures.setdefault((figure.label, figure.unit), []).append(figure)
    (label, unit), figures = max(measures.items(), key=lambda item: len(item[1]), default=(("", ""), []))
    figures = sorted(figures, key=lambda f: f.period) if len(figures) > 1 else []
    rows = [
        {"period": f.period, "reported_by": f.reported_by, "value": f.value, "unit": f.unit}
        for f in figures
    ]
    return Listing(
        columns=[
            Column("period", "Period"),
            Column("reported_by", "Reported by"),
            Column("value", "Value", justify="right"),
            Column("unit", "Unit"),
        ],
        rows=rows,
        records=rows,
        title=f"{domain.name}: {label} ({unit})" if rows else domain.name,
        caption=session.caption(len(rows), "figure") + f" · all figures: ckr domains {domain.id}",
        empty_message=f"The {domain.name} domain has no measure reported more than once to chart.",
        chart=Chart(label="period", series="reported_by", value="value", stacked=False),
    )
