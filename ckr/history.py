"""Questions about change: which visa rules began or ended in a window of time, and what
differs between two versions of a dataset file. Knows nothing of terminals."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import msgspec

from ckr import dates, query
from ckr.dataset import DOMAIN_PARTS, KINDS, identified
from ckr.model import Dataset, Domain, Record, VisaRule

ONE_DAY = dt.timedelta(days=1)


class Change(NamedTuple):
    """A visa rule that began or ended: `date` is the first day the change applies (a
    rule's first day, or the day after its last), as precise as the data."""

    date: str
    change: str  # "began", "renewed" (began on the same terms as before) or "ended"
    rule: VisaRule
    before: VisaRule | None  # in force the day before, for the same passport and place
    after: VisaRule | None  # in force on the day


def changes(data: Dataset, start: dt.date, end: dt.date | None = None) -> list[Change]:
    """Rules that began or ended from `start` to `end` (open when None), oldest first.

    A change dated by a month or a year counts when that period touches the window, as
    events do in `query.events`. A rule that ends the day before another for the same
    passport and place begins is listed once, as the new rule's beginning, with the old
    rule as `before`; where the new rule grants the old one's regime and stay (a waiver
    extended, a pilot made permanent), the change is "renewed".
    """
    by_pair: dict[tuple[str, str], list[VisaRule]] = {}
    for rule in data.visa:
        by_pair.setdefault((rule.destination, rule.nationality), []).append(rule)
    found = []
    for rules in by_pair.values():
        began = {dates.first_day(r.effective_from) for r in rules if r.effective_from}
        for rule in rules:
            if rule.effective_from:
                found.append(_change(rules, rule.effective_from, "began", rule))
            if rule.effective_until and dates.last_day(rule.effective_until) < dt.date.max:
                following = dates.following(rule.effective_until)
                if dates.first_day(following) not in began:
                    found.append(_change(rules, following, "ended", rule))
    chosen = [
        c
        for c in found
        if dates.last_day(c.date) >= start and (end is None or dates.first_day(c.date) <= end)
    ]
    order = {code: i for i, code in enumerate(query.destinations(data))}
    return sorted(
        chosen,
        key=lambda c: (
            dates.first_day(c.date),
            order[c.rule.destination],
            c.rule.nationality,
            c.change,
        ),
    )


def upcoming(data: Dataset, today: dt.date, end: dt.date | None = None) -> list[Change]:
    """Changes from tomorrow on: announced ends and beginnings."""
    return changes(data, today + ONE_DAY, end)


def _change(rules: list[VisaRule], date: str, change: str, rule: VisaRule) -> Change:
    day = dates.first_day(date)
    before = _in_force(rules, day - ONE_DAY, rule) if day > dt.date.min else None
    if change == "began" and before is not None and _renews(rule, before):
        change = "renewed"
    return Change(date, change, rule, before, _in_force(rules, day, rule))


def _renews(rule: VisaRule, before: VisaRule) -> bool:
    """Whether `rule` grants what `before` granted: the same regime and longest stay. A
    visa requirement grants nothing of itself, so one never renews another (a pandemic
    suspension and the ordinary requirement after it are different rules)."""
    return rule.regime != "visa_required" and (rule.regime, rule.max_stay_days) == (
        before.regime,
        before.max_stay_days,
    )


def _in_force(rules: list[VisaRule], day: dt.date, preferred: VisaRule) -> VisaRule | None:
    """The rule in force on `day`; where periods overlap (validate flags that), the rule
    the change is about."""
    applying = [r for r in rules if query.in_force(r, day)]
    return preferred if preferred in applying else next(iter(applying), None)


class Difference(NamedTuple):
    """One record added or removed, or one field of a record changed."""

    kind: str  # "metadata", "source", "event", "visa rule", "domain", "figure", ...
    id: str
    change: str  # "added", "removed" or "changed"
    field: str | None  # for "changed" only; a travel detail is "details.fee_amount"
    old: object  # the field's values, as in the file; None for added and removed
    new: object


def diff(old: Dataset, new: Dataset) -> list[Difference]:
    """What differs from `old` to `new`: the metadata's fields, then the records of each
    kind, matched by id (removed and changed in the old file's order, then added), field
    by field. A domain's figures, agreements and notes are records of their own, so a
    domain's own fields are its name, summary and related events; a part moved to
    another domain has its `domain` changed."""
    found = _fields("metadata", "metadata", old.metadata, new.metadata)
    olds, news = _by_id(old), _by_id(new)
    for key, (kind, record, domain) in olds.items():
        if key not in news or news[key][0] != kind:
            found.append(Difference(kind, key, "removed", None, None, None))
            continue
        _kind, other, other_domain = news[key]
        if domain != other_domain:
            found.append(Difference(kind, key, "changed", "domain", domain, other_domain))
        found += _fields(kind, key, record, other)
    for key, (kind, _record, _domain) in news.items():
        if key not in olds or olds[key][0] != kind:
            found.append(Difference(kind, key, "added", None, None, None))
    order = ["metadata", *KINDS.values()]
    return sorted(found, key=lambda d: order.index(d.kind))  # stable: file order within


def _by_id(data: Dataset) -> dict[str, tuple[str, Record, str | None]]:
    """Every record by id: its kind, itself, and for a domain's part, the domain's id."""
    found = {}
    for kind, where, record in identified(data):
        domain = data.domains[where[1]].id if len(where) > 2 else None
        found[record.id] = (kind, record, domain)
    return found


def _fields(kind: str, key: str, old: Record, new: Record) -> list[Difference]:
    """The fields whose values differ, a nested record's (travel details) field by field;
    a domain's parts are records of their own, compared by id."""
    before, after = _flat(old), _flat(new)
    return [
        Difference(kind, key, "changed", name, before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    ]


def _flat(record: Record) -> dict[str, object]:
    """A record's fields as the file holds them; {"details": {"fee_amount": 30}} becomes
    {"details.fee_amount": 30}, and a domain leaves out its parts."""
    fields: dict[str, object] = {}
    for name, value in msgspec.to_builtins(record).items():
        if isinstance(record, Domain) and name in DOMAIN_PARTS:
            continue
        if isinstance(value, dict):
            fields.update({f"{name}.{inner}": _whole(v) for inner, v in value.items()})
        else:
            fields[name] = _whole(value)
    return fields


def _whole(value: object) -> object:
    """30.0 as 30, as a figure's value is read: the file may say either."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value
