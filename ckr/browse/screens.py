"""The screens above the list: one record in full, the help, and the small prompts (a file
name, a date, a passport)."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ckr.browse.detail import Detail
from ckr.browse.widgets import RecordView, source_text
from ckr.model import Source
from ckr.text import printable

# How keys read in the help, the palette and the prompts.
KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "backspace": "Backspace",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "ctrl+p": "Ctrl+P",
    "P": "Shift+P",
}


def key_name(key: str) -> str:
    """ "escape,backspace" -> "Esc, Backspace" """
    return ", ".join(KEY_NAMES.get(k, k) for k in key.split(","))


class RecordScreen(Screen):
    """A record in full, with its sources and the records it links to, to follow."""

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", tooltip="Back to where you came from"),
        Binding("enter", "follow", "Follow", show=False, tooltip="Open the highlighted link"),
        Binding("o", "open_source", "Source", tooltip="Open the highlighted (or best) source"),
        Binding("c", "copy_citation", "Cite", tooltip="Copy a citation of the record"),
    ]
    DEFAULT_CSS = """
    RecordScreen #content { height: auto; max-height: 60%; }
    RecordScreen #links { height: 1fr; border-top: solid $accent; }
    """

    def __init__(self, detail: Detail) -> None:
        super().__init__()
        self.detail = detail
        self.targets: dict[str, tuple[str, Source | None]] = {}  # option id -> record id

    def compose(self):
        yield RecordView(whole=False, id="content")
        yield OptionList(*self._options(), id="links")
        yield Footer()

    def _options(self) -> list[Option]:
        options = []

        def heading(text: str) -> None:
            options.append(Option(Text(text, style="bold underline"), disabled=True))

        if self.detail.sources:
            heading("Sources (Enter: the source; o: its page)")
        for number, source in enumerate(self.detail.sources):
            if number == self.detail.parts_from:
                heading("Cited for the travel details")
            self.targets[f"s{number}"] = (source.id, source)
            options.append(Option(source_text(source), id=f"s{number}"))
        number = 0
        for heading_text, links in self.detail.links:
            heading(f"{heading_text} (Enter to open)")
            for link in links:
                number += 1
                self.targets[f"l{number}"] = (link.id, None)
                options.append(Option(Text(printable(link.text)), id=f"l{number}"))
        if not options:
            heading("No sources or linked records.")
        return options

    def on_mount(self) -> None:
        self.query_one(RecordView).show(self.detail)
        links = self.query_one("#links", OptionList)
        if self.targets:
            enabled = (
                i for i in range(links.option_count) if not links.get_option_at_index(i).disabled
            )
            links.highlighted = next(enabled)
        links.focus()

    def selected_source(self) -> Source | None:
        """The highlighted source, else the record's best source."""
        links = self.query_one("#links", OptionList)
        if links.highlighted is not None:
            option = links.get_option_at_index(links.highlighted)
            source = self.targets.get(option.id or "", (None, None))[1]
            if source is not None:
                return source
        return self.detail.best_source

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets.get(event.option.id or "")
        if target:
            self.app.open_record(target[0])

    def action_follow(self) -> None:
        self.query_one("#links", OptionList).action_select()

    def action_back(self) -> None:
        self.dismiss()

    def action_open_source(self) -> None:
        self.app.open_source(self.selected_source())

    def action_copy_citation(self) -> None:
        self.app.copy_citation(self.detail)


class HelpScreen(ModalScreen):
    """Every key, grouped by where it works."""

    BINDINGS = [
        Binding("escape,question_mark,backspace,enter", "dismiss", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def __init__(self, about: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.about, self.sections = about, sections

    def compose(self):
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, keys in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for key, what in keys:
                table.add_row(key, what)
        table.add_row("", "")
        table.add_row("", "Esc, ? or Enter closes this help")
        with VerticalScroll():
            yield Static(Text(printable(self.about), style="bold"))
            yield Static(table, id="keys")


class PromptScreen(ModalScreen):
    """One line of input; `check` returns what is wrong with it, or None to accept it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70; max-width: 100%; height: auto;
        border: round $accent; padding: 0 1; background: $surface;
    }
    PromptScreen #problem { color: $error; }
    """

    def __init__(
        self, question: str, check: Callable[[str], str | None], value: str = "", hint: str = ""
    ) -> None:
        super().__init__()
        self.question, self.check, self.initial, self.hint = question, check, value, hint

    def compose(self):
        with Vertical():
            yield Static(Text(self.question, style="bold"))
            yield Input(value=self.initial, placeholder=self.hint, id="answer")
            yield Static(Text(f"{self.hint} · Enter to accept, Esc to cancel"), id="hint")
            yield Static("", id="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.check(event.value.strip())
        if problem:
            self.query_one("#problem", Static).update(Text(printable(problem)))
        else:
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen):
    """Pick one of a few values (a passport)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 50; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    ChoiceScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, question: str, choices: list[tuple[str, str]], current: str) -> None:
        super().__init__()
        self.question, self.choices, self.current = question, choices, current

    def compose(self):
        with Vertical():
            yield Static(Text(self.question, style="bold"))
            yield OptionList(*(Option(Text(label), id=value) for value, label in self.choices))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [value for value, _label in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
