"""What `ckr browse` lists, collection by collection, and how its filter matches.

Each collection's records come as the Listing its command builds (ckr.views, from
ckr.query), so the browser, `e` (export) and the commands share one vocabulary. The list
shows a few short cells of each row; the record panel shows the rest. No Textual here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from ckr import countries, query, render
from ckr.listing import Listing, Row
from ckr.views import claims, domains, sources, timeline, visa
from ckr.views.common import MARKS, confirmed_when, regime_words

# Doubt that reads without colour: "† disputed · ‡ seed-only".
MARKS_LEGEND = " · ".join(f"{mark} {confidence}" for confidence, mark in MARKS.items())


@dataclass
class VisaState:
    """What the visa collection shows: one passport's rules on one day, or its history."""

    passport: str | None  # None when the dataset has no visa rules
    on: dt.date
    history: bool = False


@dataclass(frozen=True)
class Cell:
    """A column of the list: a short text of each row."""

    header: str
    text: Callable[[Row], str] | None = None  # None: the text of the listing's `column`
    column: str = ""  # the key of a column of the Listing (the view's own words)
    main: bool = False  # takes the width the other cells leave
    cap: int = 20  # at most this many characters wide
    wide: bool = False  # only in a list WIDE_LIST columns wide or more


WIDE_LIST = 70


@dataclass(frozen=True)
class Collection:
    name: str  # as `ckr browse NAME` takes it
    label: str  # on the bar
    cells: Callable[[VisaState], list[Cell]]
    build: Callable[..., Listing]  # (session, VisaState) -> Listing
    about: str = ""  # the title of a list whose Listing has none


def _marked(key: str) -> Callable[[Row], str]:
    """A row's text with † or ‡ after it when its confidence is not plainly verified: on
    a short first column, so that the mark is never cut off."""
    return lambda row: f"{row[key]}{_mark(row)}"


def _mark(row: Row) -> str:
    return MARKS.get(str(row.get("confidence")), "")


def _get(key: str) -> Callable[[Row], str]:
    return lambda row: "—" if row.get(key) is None else str(row[key])


def _rule(row: Row) -> str:
    """ "visa-free 45d" """
    stay = f" {row['max_stay_days']}d" if row["max_stay_days"] else ""
    return f"{regime_words(row['regime'])}{stay}"


def _age(today: dt.date) -> Callable[[Row], str]:
    """ "1y 7mo, stale": how long ago a rule was confirmed, as the commands say it."""
    return lambda row: confirmed_when(str(row["as_of"]), today).replace(" ago", "")


def _timeline(session, _state) -> Listing:
    chosen = query.events(session.catalog.data, query.EventFilter())
    return timeline.events_listing(session, chosen)


def _visa(session, state: VisaState) -> Listing:
    data = session.catalog.data
    if state.passport is None:  # a dataset of one's own without visa rules
        return Listing(
            fields=[], rows=[], columns=[], empty_message="The dataset has no visa rules."
        )
    if state.history:
        rules = query.visa_history(data, state.passport)
        return visa.visa_history_listing(session, rules, state.on)
    rules = query.visa_rules(data, state.on, state.passport)
    return visa.visa_listing(session, state.passport, rules, state.on)


def _visa_cells(state: VisaState, today: dt.date) -> list[Cell]:
    place = Cell("Destination", _marked("destination_name"), cap=12)
    rule = Cell("Rule", _rule, main=True)
    if state.history:
        return [
            place,
            rule,
            Cell("From", _get("effective_from"), cap=10, wide=True),
            Cell("Until", _get("effective_until"), cap=10, wide=True),
            Cell("Status", _get("status"), cap=13),
        ]
    since = Cell("Since", lambda row: row["effective_from"] or "unknown", cap=10, wide=True)
    return [place, rule, since, Cell("As of", _age(today), cap=17)]


def _domains(session, _state) -> Listing:
    return domains.domains_listing(session, session.catalog.data.domains)


def _figures(session, _state) -> Listing:
    chosen = query.figures(session.catalog.data, query.FigureFilter())
    return domains.figures_listing(session, chosen)


def _claims(session, _state) -> Listing:
    seed = session.catalog.sources.get("seed")
    title = f"Claims of \u201c{seed.title}\u201d ({seed.publisher})" if seed else "Claims"
    return claims.claims_listing(session, query.claims(session.catalog.data), title)


def _sources(session, _state) -> Listing:
    data = session.catalog.data
    return sources.sources_listing(session, data.sources, query.citation_counts(data))


def collections(today: dt.date) -> list[Collection]:
    """The bar's collections, in the order of their number keys."""
    return [
        Collection(
            "timeline",
            "Timeline",
            lambda _s: [
                Cell("Date", _marked("date"), cap=11),
                Cell("Event", _get("title"), main=True),
                Cell("Category", _get("category"), cap=14, wide=True),
            ],
            _timeline,
            "Dated events of Cambodia–South Korea relations",
        ),
        Collection("visa", "Visa", lambda state: _visa_cells(state, today), _visa),
        Collection(
            "domains",
            "Domains",
            lambda _s: [
                Cell("Domain", _get("name"), cap=16),
                Cell("Headline figure", column="headline", main=True),
            ],
            _domains,
            "Domains of cooperation, each with its headline figure",
        ),
        Collection(
            "figures",
            "Figures",
            lambda _s: [
                Cell("", _mark, cap=1),
                Cell("Domain", _get("domain"), cap=14, wide=True),
                Cell("Figure", _get("label"), main=True),
                Cell("Value", domains.value_words, cap=18),
                Cell("Period", _get("period"), cap=9),
            ],
            _figures,
            "Every figure of every domain, by period",
        ),
        Collection(
            "claims",
            "Claims",
            lambda _s: [
                Cell("Verdict", _get("verdict"), cap=16),
                Cell("The seed says", _get("claim"), main=True),
            ],
            _claims,
        ),
        Collection(
            "sources",
            "Sources",
            lambda _s: [
                Cell("Kind", _get("kind"), cap=9, wide=True),
                Cell("Publisher", _get("publisher"), cap=22),
                Cell("Title", _get("title"), main=True),
                Cell("Accessed", _get("accessed"), cap=10, wide=True),
            ],
            _sources,
            "Every source, and how many records cite it",
        ),
    ]


NAMES = ("timeline", "visa", "domains", "figures", "claims", "sources")


@dataclass
class Shown:
    """A collection's records as the list shows them: the Listing, each row's cells and
    the text its filter looks in."""

    listing: Listing
    cells: list[Cell]
    texts: list[list[str]] = field(default_factory=list)  # per row, one per cell
    haystacks: list[str] | None = None  # made on the first filter, not before the first paint

    def matching(self, query_text: str) -> list[int]:
        """The indexes of the rows the filter keeps: every word must begin a word of the
        row's text or id, in any case and with or without accents."""
        if self.haystacks is None:
            self.haystacks = [
                haystack([*_values(row), *texts])
                for row, texts in zip(self.listing.rows, self.texts, strict=True)
            ]
        words = fold(query_text).split()
        return [
            i
            for i, haystack in enumerate(self.haystacks)
            if all(f" {word}" in haystack for word in words)
        ]

    def marked(self) -> bool:
        """Whether a row carries † or ‡, so the legend is needed."""
        return any("†" in text or "‡" in text for texts in self.texts for text in texts)


def export_csv(listing: Listing, rows: list[Row], path: Path) -> None:
    """Write these rows of the listing as ckr's CSV (render's own), to a new file only."""
    text = io.StringIO()
    render.write(
        msgspec.structs.replace(listing, rows=rows, table_rows=None),
        "csv",
        text,
        False,
        io.StringIO(),
    )
    with open(path, "x", encoding="utf-8", newline="") as file:
        file.write(text.getvalue())


def show(collection: Collection, session, state: VisaState) -> Shown:
    listing = collection.build(session, state)
    cells = collection.cells(state)
    columns = {column.key: column for column in listing.columns}
    shown = Shown(listing, cells)
    for row in listing.rows:
        texts = [cell.text(row) if cell.text else columns[cell.column].shown(row) for cell in cells]
        shown.texts.append(texts)
    return shown


def _values(row: Row) -> list[str]:
    texts = []
    for key, value in row.items():
        if isinstance(value, list):
            texts.extend(str(item) for item in value)
        elif value is not None and not isinstance(value, bool):
            texts.append(str(value))
        if key in ("nationality", "destination") and value:
            texts.append(countries.name_of(str(value)))
        if key == "regime" and value:
            texts.append(regime_words(value))
    return texts


_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Text compared in any case and with or without accents: "Việt Nam" -> "viet nam"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")


def haystack(texts: list[str]) -> str:
    """Every word of the texts, each after a space, so " word" finds a word's start. A word
    is a run of letters and digits, or a whole space-separated token (an id such as
    "kh-kr-long", "US$1.5bn")."""
    words: set[str] = set()
    for text in texts:
        folded = fold(text)
        words.update(_WORD.findall(folded))
        for token in folded.split():
            words.add(token)
            words.add(token.lstrip("([{\"'“‘"))
    return " " + " ".join(sorted(words))


def passports(session) -> list[str]:
    """The passports the visa collection cycles through: South Korea's first."""
    codes = query.nationalities(session.catalog.data)
    return sorted(codes, key=lambda code: code != "KR")
