"""`ckr browse`: the application, its main screen (the bar of collections, the list, the
record beside it) and every key.

Set CKR_BROWSE_EXIT_AFTER_FIRST_PAINT=1 and the app quits as soon as its first screen is
painted: benchmarks/run.py times start-up that way. Nothing else reads it.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, Tab, Tabs

from ckr import countries, dates
from ckr.browse import collections as listed
from ckr.browse.detail import Detail, describe
from ckr.browse.screens import ChoiceScreen, HelpScreen, PromptScreen, RecordScreen, key_name
from ckr.browse.widgets import RecordList, RecordView
from ckr.text import printable

EXIT_AFTER_FIRST_PAINT = "CKR_BROWSE_EXIT_AFTER_FIRST_PAINT"
VISA_ACTIONS = {"next_passport", "choose_passport", "visa_date", "history"}


def panel_width(width: int) -> int:
    """The record's share of the width: 7/20, at least 28 columns (so 80 leaves the list 52)."""
    return max(28, width * 7 // 20)


class MainScreen(Screen):
    """The bar of collections, the filter, the list and the selected record."""

    # description: the footer's word; tooltip: what the help and the palette say.
    BINDINGS = [
        Binding("tab", "cycle(1)", "Next", show=False, priority=True, tooltip="Next collection"),
        Binding(
            "shift+tab",
            "cycle(-1)",
            "Previous",
            show=False,
            priority=True,
            tooltip="Previous collection",
        ),
        *(
            Binding(str(number), f"switch('{name}')", name, show=False, tooltip=f"Show {name}")
            for number, name in enumerate(listed.NAMES, 1)
        ),
        Binding("slash", "filter", "Filter", tooltip="Filter: narrow the list as you type"),
        Binding("escape", "clear_filter", "Clear", show=False, tooltip="Clear the filter"),
        Binding("enter", "open", "Open", show=False, tooltip="Open the record in full"),
        Binding("p", "next_passport", "Passport", tooltip="Visa: the next passport"),
        Binding("P", "choose_passport", "Passports", show=False, tooltip="Visa: choose a passport"),
        Binding("d", "visa_date", "Date", tooltip="Visa: the rules in force on another day"),
        Binding("h", "history", "History", tooltip="Visa: every period of the passport's rules"),
        Binding("o", "open_source", "Source", show=False, tooltip="Open the best source's page"),
        Binding("c", "copy_citation", "Cite", show=False, tooltip="Copy a citation of the record"),
        Binding("e", "export", "Export", show=False, tooltip="Export the list as CSV to a file"),
    ]
    DEFAULT_CSS = """
    MainScreen #title { height: auto; padding: 0 1; text-style: bold; }
    MainScreen #filter-row { height: 1; display: none; }
    MainScreen #filter-row.shown { display: block; }
    MainScreen #filter-label { width: auto; padding: 0 1; }
    MainScreen #filter { border: none; height: 1; padding: 0; width: 1fr; }
    MainScreen #body { height: 1fr; }
    MainScreen #panel { border-left: solid $primary; }
    MainScreen #caption { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, start: str) -> None:
        super().__init__()
        self.current = start
        self.built: dict[str, listed.Shown] = {}  # each collection built once, when shown
        self.screen_width = 0
        self.panel_key: tuple | None = None  # the record the panel shows, and on which day

    @property
    def session(self):
        return self.app.session

    def compose(self):
        yield Tabs(
            *(Tab(f"{n} {c.label}", id=c.name) for n, c in enumerate(self.app.collections, 1)),
            active=self.current,
            id="bar",
        )
        yield Static(id="title")
        with Horizontal(id="filter-row"):
            yield Static("Filter:", id="filter-label")
            yield Input(placeholder="words that begin words of a record", id="filter")
        with Horizontal(id="body"):
            yield RecordList(id="list")
            yield RecordView(id="panel")
        yield Static(id="caption")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.query_one("#panel").can_focus = False
        self._lay_out(self.app.size.width)
        self.query_one(RecordList).focus()
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):
            self.call_after_refresh(self.app.exit)

    def on_resize(self, event) -> None:
        if event.size.width != self.screen_width:
            self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        """The record beside the list, which takes the rest of the width."""
        self.screen_width = width
        panel = panel_width(width)
        self.query_one("#panel").styles.width = panel
        self.query_one(RecordList).styles.width = max(1, width - panel)
        self.refill()

    # What is shown

    def collection(self) -> listed.Collection:
        return next(c for c in self.app.collections if c.name == self.current)

    def current_shown(self) -> listed.Shown:
        if self.current not in self.built:
            self.built[self.current] = listed.show(self.collection(), self.session, self.app.visa)
        return self.built[self.current]

    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    def refill(self) -> None:
        """Fill the list from the current collection and filter; update the lines around."""
        shown = self.current_shown()
        text = self.filter_text()
        visible = shown.matching(text) if text.strip() else list(range(len(shown.listing.rows)))
        table = self.query_one(RecordList)
        table.fill(shown, visible, max(1, self.screen_width - panel_width(self.screen_width)))
        self.query_one("#title", Static).update(Text(printable(self._title(shown))))
        self.query_one("#caption", Static).update(Text(printable(self._caption(shown, text))))
        self.show_selected()

    def _title(self, shown: listed.Shown) -> str:
        collection = self.collection()
        if collection.name == "visa" and self.app.visa.history:
            who = countries.name_of(self.app.visa.passport)
            return f"{who} passport: {shown.listing.title}"
        return shown.listing.title or collection.about

    def _caption(self, shown: listed.Shown, text: str) -> str:
        listing = shown.listing
        # Without the pointers to other commands, and the dataset's version (in the help).
        parts = [
            part
            for part in listing.caption.split(" · ")
            if part and not part.startswith(("ckr ", "dataset "))
        ]
        if text.strip():
            count = len(self.query_one(RecordList).indexes)
            parts.insert(0, f"{count} of {len(listing.rows)} match {text.strip()!r}")
        if shown.marked():
            parts.append(listed.MARKS_LEGEND)
        return " · ".join(parts)

    def show_selected(self) -> None:
        table, panel = self.query_one(RecordList), self.query_one("#panel", RecordView)
        row = table.current_row()
        if row is None:
            text = self.filter_text().strip()
            empty = self.current_shown().listing.empty_message
            panel.show(None, f"No record matches {text!r}." if text else empty)
        elif self.panel_key != (row["id"], self.app.visa.on):  # not drawn twice
            panel.show(self.detail_of(row))
        self.panel_key = (row["id"], self.app.visa.on) if row else None

    def detail_of(self, row) -> Detail:
        return describe(self.session, row["id"], self.app.visa.on)

    def selected_detail(self) -> Detail | None:
        row = self.query_one(RecordList).current_row()
        if row is None:
            self.app.notify("No record is selected.", severity="warning")
            return None
        return self.detail_of(row)

    # Events

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_selected()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab is not None and event.tab.id != self.current:
            self.action_switch(event.tab.id)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(RecordList).focus()

    # Actions

    def check_action(self, action: str, parameters) -> bool | None:
        if action in VISA_ACTIONS:
            return self.current == "visa" and self.app.visa.passport is not None
        return True

    def action_switch(self, name: str) -> None:
        """Show another collection; its filter starts empty."""
        if name == self.current:
            return
        self.current = name
        self.query_one(Tabs).active = name
        self._close_filter()
        self.refill()
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        names = list(listed.NAMES)
        self.action_switch(names[(names.index(self.current) + step) % len(names)])

    def action_filter(self) -> None:
        self.query_one("#filter-row").add_class("shown")
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self._close_filter()
        self.refill()

    def _close_filter(self) -> None:
        field = self.query_one("#filter", Input)
        with field.prevent(Input.Changed):
            field.value = ""
        self.query_one("#filter-row").remove_class("shown")
        self.query_one(RecordList).focus()

    def action_open(self) -> None:
        row = self.query_one(RecordList).current_row()
        if row is not None:
            self.app.open_record(row["id"])

    def action_open_source(self) -> None:
        detail = self.selected_detail()
        if detail is not None:
            self.app.open_source(detail.best_source)

    def action_copy_citation(self) -> None:
        detail = self.selected_detail()
        if detail is not None:
            self.app.copy_citation(detail)

    def _visa_changed(self) -> None:
        self.built.pop("visa", None)
        self.refill()

    def action_next_passport(self) -> None:
        codes = listed.passports(self.session)
        if codes:
            now = self.app.visa.passport
            self.app.visa.passport = codes[(codes.index(now) + 1) % len(codes)]
            self._visa_changed()

    def action_choose_passport(self) -> None:
        choices = [(c, f"{countries.name_of(c)} ({c})") for c in listed.passports(self.session)]

        def chosen(code: str | None) -> None:
            if code:
                self.app.visa.passport = code
                self._visa_changed()

        self.app.push_screen(ChoiceScreen("Passport", choices, self.app.visa.passport), chosen)

    def action_visa_date(self) -> None:
        def check(text: str) -> str | None:
            return dates.check(text) if text else None

        def chosen(text: str | None) -> None:
            if text is not None:
                self.app.visa.on = dates.first_day(text) if text else self.session.today
                self._visa_changed()

        question = "Rules in force on (empty for today):"
        hint = "YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first day"
        self.app.push_screen(PromptScreen(question, check, str(self.app.visa.on), hint), chosen)

    def action_history(self) -> None:
        self.app.visa.history = not self.app.visa.history
        self._visa_changed()

    def action_export(self) -> None:
        table = self.query_one(RecordList)
        rows = table.visible_rows()

        def check(name: str) -> str | None:
            if not name:
                return "give a file name"
            path = Path(name).expanduser()
            if path.exists():
                return f"{name} exists; choose another name (export never replaces a file)"
            if not path.parent.is_dir():
                return f"there is no folder {str(path.parent)!r}"
            return None

        def chosen(name: str | None) -> None:
            if not name:
                return
            try:
                listed.export_csv(self.current_shown().listing, rows, Path(name).expanduser())
            except OSError as error:
                self.app.notify(f"Could not write {name}: {error}", severity="error")
                return
            self.app.notify(f"Wrote {len(rows)} records to {name}")

        question = f"Write the {len(rows)} records listed as CSV to the file:"
        prompt = PromptScreen(question, check, f"ckr-{self.current}.csv", "a new file's name")
        self.app.push_screen(prompt, chosen)


class BrowseApp(App):
    """ckr browse: the dataset's collections, a record in full, and the links between."""

    TITLE = "ckr browse"
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit"),
        Binding("question_mark", "help", "Help", tooltip="Help: every key"),
    ]

    def __init__(self, session, start: str = "timeline") -> None:
        super().__init__()
        self.session = session
        self.start = start
        self.collections = listed.collections(session.today)
        passports = listed.passports(session)
        self.visa = listed.VisaState(passports[0] if passports else None, session.today)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.start)

    def open_record(self, record_id: str) -> None:
        self.push_screen(RecordScreen(describe(self.session, record_id, self.visa.on)))

    def open_source(self, source) -> None:
        if source is None:
            self.notify("This record cites no source.", severity="warning")
            return
        import webbrowser

        webbrowser.open(source.url)
        self.notify(f"Opening {printable(source.url)}", markup=False)

    def copy_citation(self, detail: Detail) -> None:
        text = detail.citation()
        if text is None:
            self.notify("This record cites no source.", severity="warning")
            return
        self.copy_to_clipboard(text)
        self.notify(f"Copied: {printable(text)}", markup=False)

    def action_help(self) -> None:
        meta = self.session.catalog.data.metadata
        about = f"{meta.title}: dataset {meta.version}, reviewed {meta.last_reviewed}"
        self.push_screen(HelpScreen(about, help_sections()))

    def get_system_commands(self, screen: Screen):
        """The palette (Ctrl+P) lists every action of the screen it is opened on."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, (MainScreen, RecordScreen)):
            return
        seen = {"quit"}
        for owner, binding in [(screen, b) for b in screen.BINDINGS] + [
            (self, b) for b in self.BINDINGS
        ]:
            name = binding.action.split("(")[0]
            if binding.action in seen or (owner is screen and not screen.check_action(name, ())):
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.tooltip or binding.description,
                f"key: {key_name(binding.key)}",
                partial(self.run_action, binding.action, owner),
            )


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key, from the bindings themselves, keys of one action together."""

    def keys(bindings) -> list[tuple[str, str]]:
        merged: dict[str, tuple[list[str], str]] = {}
        for binding in bindings:
            what = binding.tooltip or binding.description
            names = [key_name(k) for k in binding.key.split(",")]
            merged.setdefault(binding.action, ([], what))[0].extend(names)
        return [(", ".join(names), what) for names, what in merged.values()]

    moving = ("Up, Down, PgUp, PgDn, Home, End", "Move in the list")
    between = ("Tab", "Between the record and its links")
    return [
        ("Everywhere", [*keys(BrowseApp.BINDINGS), ("Ctrl+P", "Every action, by name")]),
        ("In the list", [moving, *keys(MainScreen.BINDINGS)]),
        ("In a record", [between, *keys(RecordScreen.BINDINGS)]),
    ]
