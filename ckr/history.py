"""Questions about change: which visa rules began or ended in a window of time.
Knows nothing of terminals."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ckr import dates, query
from ckr.model import Dataset, VisaRule

ONE_DAY = dt.timedelta(days=1)


class Change(NamedTuple):
    """A visa rule that began or ended: `date` is the first day the change applies (a
    rule's first day, or the day after its last), as precise as the data."""

    date: str
    change: str  # "began" or "ended"
    rule: VisaRule
    before: VisaRule | None  # in force the day before, for the same passport and place
    after: VisaRule | None  # in force on the day


def changes(data: Dataset, start: dt.date, end: dt.date | None = None) -> list[Change]:
    """Rules that began or ended from `start` to `end` (open when None), oldest first.

    A change dated by a month or a year counts when that period touches the window, as
    events do in `query.events`. A rule that ends the day before another for the same
    passport and place begins is listed once, as the new rule's beginning, with the old
    rule as `before`.
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
    return Change(date, change, rule, before, _in_force(rules, day, rule))


def _in_force(rules: list[VisaRule], day: dt.date, preferred: VisaRule) -> VisaRule | None:
    """The rule in force on `day`; where periods overlap (validate flags that), the rule
    the change is about."""
    applying = [r for r in rules if query.in_force(r, day)]
    return preferred if preferred in applying else next(iter(applying), None)
