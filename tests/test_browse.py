"""ckr browse, driven headless with Textual's Pilot: what is on screen after each key."""

from __future__ import annotations

import asyncio
import html
import io
import json
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from rich.console import Console
from textual import events

from ckr import paths
from ckr.browse import collections as listed
from ckr.browse.app import BrowseApp, MainScreen, help_sections
from ckr.browse.detail import describe
from ckr.browse.screens import RecordScreen
from ckr.browse.widgets import RecordList, render_detail
from ckr.session import Session
from conftest import MINI, TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("CKR_TODAY", TODAY)
    monkeypatch.delenv("NO_COLOR", raising=False)


def drive(scenario, start: str = "timeline", size=(100, 30), data=MINI) -> BrowseApp:
    """Run the app headless on `data`, let `scenario(app, pilot)` press keys, return the app."""
    app = BrowseApp(Session(str(data)), start)
    app.animation_level = "none"  # the bar's underline would slide for 0.3 s a switch

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def screen_text(app: BrowseApp) -> str:
    """The screen as plain text, read from the SVG screenshot (each character at its cell)."""
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    pattern = r'<text class="[^"]*-r\d+" x="([\d.]+)" y="[\d.]+"[^>]*line-(\d+)\)">(.*?)</text>'
    for x, line, body in re.findall(pattern, svg):
        lines.setdefault(int(line), {})[round(float(x) / 12.2)] = html.unescape(body)
    out = []
    for number in sorted(lines):
        text = ""
        for column, piece in sorted(lines[number].items()):
            text = text.ljust(column) + piece.replace("\xa0", " ")
        out.append(text.rstrip())
    return "\n".join(out)


def listed_rows(app: BrowseApp) -> list[list[str]]:
    table = app.screen.query_one(RecordList)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def type_text(pilot, text: str) -> None:
    """Type into the focused input, key by key."""
    await pilot.press(*["space" if c == " " else c for c in text])


async def paste(pilot, text: str) -> None:
    """Paste into the focused input (a date, a file name): one event, not a key each."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def screen_name(app: BrowseApp) -> str:
    return type(app.screen).__name__


def test_a_tour_open_switch_filter_open_follow_back_visa_date_quit():
    seen = {}

    async def tour(app, pilot):
        seen["open"] = (screen_text(app), listed_rows(app))
        await pilot.press("5")  # claims
        seen["claims"] = listed_rows(app)
        await pilot.press("slash")
        await type_text(pilot, "NEI")  # "Neighbours", in any case
        seen["filtered"] = (listed_rows(app), screen_text(app))
        await pilot.press("enter", "enter")  # leave the filter; open the record
        seen["record"] = (screen_name(app), screen_text(app))
        await pilot.press("down", "enter")  # past its source, to the first visa rule
        seen["followed"] = (screen_name(app), screen_text(app))
        await pilot.press("backspace")
        seen["back"] = (screen_name(app), app.screen.detail.id)
        await pilot.press("escape")
        seen["main"] = (screen_name(app), app.screen.current, listed_rows(app))
        await pilot.press("tab", "tab", "tab")  # claims -> sources -> timeline -> visa
        seen["visa"] = (app.screen.current, listed_rows(app))
        await pilot.press("d", "ctrl+u")
        await paste(pilot, "2023")
        await pilot.press("enter")
        seen["2023"] = (listed_rows(app), screen_text(app))
        await pilot.press("q")

    app = drive(tour)
    text, rows = seen["open"]
    assert "1 Timeline" in text and "2 Visa" in text and "6 Sources" in text
    assert [row[0] for row in rows] == ["1997-10-30", "2006-11†", "2021‡", "2024-05-16"]
    assert rows[0][1] == "Full relations restored"
    # The first record in full beside the list: fields, trust, sources, links.
    assert "event 1997-restored" in text and "Summary  Missions become" in text
    assert "Confidence verified" in text and "Checked    2026-01-15 (10mo" in text
    assert "Paper A (news)" in text and "https://example.org/a" in text
    assert "published 1997-10-31 · accessed" in text
    assert "claim-ties-1997: Ties were" in text  # the claim that names it
    assert "† disputed · ‡ seed-only" in text  # the marks read without colour

    assert [row[0] for row in seen["claims"]] == ["supported", "partly-supported", "seed-only"]
    rows, text = seen["filtered"]
    assert rows == [["partly-supported", "Neighbours waive visas for Koreans."]]
    assert "1 of 3 match 'NEI'" in text

    name, text = seen["record"]
    assert name == "RecordScreen"
    assert "claim claim-neighbours-waive" in text
    assert re.search(r"Verdict +partly-supported", text)
    assert "Paper B (news)" in text and "Visa rules (Enter to open)" in text
    assert "vn-kr-2023: South Korea passport to Vietnam: visa-free 45 days" in text
    assert "trade: Trade" in text
    name, text = seen["followed"]
    assert name == "RecordScreen"
    assert "visa rule vn-kr-2023" in text and "Status     in force on 2026-11-25" in text
    assert "As of      2025-03-08 (1y 8mo ago, stale)" in text
    assert seen["back"] == ("RecordScreen", "claim-neighbours-waive")
    assert seen["main"] == (
        "MainScreen",
        "claims",
        [["partly-supported", "Neighbours waive visas for Koreans."]],
    )
    current, rows = seen["visa"]
    assert current == "visa"
    assert [row[:2] for row in rows] == [
        ["Cambodia", "visa on arrival 30d"],
        ["Vietnam", "visa-free 45d"],
        ["Thailand", "visa-free 90d"],
    ]
    rows, text = seen["2023"]
    assert [row[:2] for row in rows][1] == ["Vietnam", "visa-free 15d"]
    assert "Entry rules for citizens of South Korea, in force on 2023-01-01" in text
    assert app.return_code == 0


def test_the_filter_matches_word_starts_in_any_case_with_or_without_accents():
    shown = listed.Shown(listing=None, cells=[])
    shown.haystacks = [
        listed.haystack(["vn-kr-2023", "Việt Nam waives visas (news)"]),
        listed.haystack(["kh-kr", "Cambodia: visa on arrival"]),
    ]
    assert shown.matching("viet") == [0]
    assert shown.matching("VIỆT nam") == [0]
    assert shown.matching("vn-kr") == [0]
    assert shown.matching("kr") == [0, 1]
    assert shown.matching("waive viet") == [0]
    assert shown.matching("news") == [0]
    assert shown.matching("iet") == []  # inside a word
    assert shown.matching("viet cambodia") == []  # every word must match
    assert shown.matching("") == [0, 1]


def test_the_visa_passport_date_and_history_change_from_the_keyboard():
    seen = {}

    async def visa(app, pilot):
        await pilot.press("d", "ctrl+u")
        await paste(pilot, "2023-13")
        await pilot.press("enter")
        seen["refused"] = (screen_name(app), screen_text(app))
        await pilot.press("escape", "h")
        seen["history"] = (listed_rows(app), screen_text(app))
        await pilot.press("p")
        seen["japan"] = (listed_rows(app), screen_text(app))
        await pilot.press("P", "enter")  # the chooser, on the passport shown
        seen["chosen"] = app.visa.passport

    drive(visa, start="visa", size=(140, 30))
    name, text = seen["refused"]
    assert name == "PromptScreen" and "'2023-13' has no month 13" in text
    rows, text = seen["history"]
    assert "South Korea passport: How the rules changed (status on 2026-11-25)" in text
    assert [row[1:] for row in rows if row[0] == "Vietnam"] == [
        ["visa-free 15d", "2022-03-15", "2023-08-14", "ended"],
        ["visa-free 45d", "2023-08-15", "—", "in force"],
    ]
    rows, text = seen["japan"]
    assert rows == [["Vietnam", "visa-free 45d", "2023-08-15", "—", "in force"]]
    assert "Japan passport: How the rules changed" in text
    assert seen["chosen"] == "JP"


def test_the_visa_keys_work_only_in_the_visa_collection():
    seen = {}

    async def elsewhere(app, pilot):
        await pilot.press("d", "h", "p")
        seen["state"] = (screen_name(app), app.visa.history, app.visa.passport)
        seen["footer"] = screen_text(app).splitlines()[-1]

    drive(elsewhere)
    assert seen["state"] == ("MainScreen", False, "KR")
    assert "Filter" in seen["footer"] and "Date" not in seen["footer"]


def test_o_opens_the_best_source_and_c_copies_its_citation(run, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)

    async def cite(app, pilot):
        await pilot.press("o", "c")

    app = drive(cite, start="claims")
    assert opened == ["https://example.org/a"]
    apa = run("cite", "claim-ties-1997").output.splitlines()[0]  # as `ckr cite` says it
    assert apa.startswith("Paper A. (1997, October 31). Ties restored.")
    assert app.clipboard == apa


def test_e_exports_the_list_as_ckrs_csv_and_never_overwrites(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.csv").write_text("keep me\n")
    seen = {}

    async def export(app, pilot):
        await pilot.press("e", "ctrl+u")
        await paste(pilot, "t.csv")
        await pilot.press("enter")
        seen["refused"] = screen_text(app)
        await pilot.press("ctrl+u")
        await paste(pilot, "a.csv")
        await pilot.press("enter", "slash")
        await type_text(pilot, "fta")
        await pilot.press("enter", "e", "enter")  # the name offered: ckr-timeline.csv

    drive(export)
    assert "t.csv exists; choose another name" in seen["refused"]
    assert (tmp_path / "t.csv").read_text() == "keep me\n"
    everything = run("timeline", "--format", "csv").output
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == everything
    lines = everything.splitlines()
    one = (tmp_path / "ckr-timeline.csv").read_text(encoding="utf-8").splitlines()
    assert one == [lines[0]] + [line for line in lines if line.startswith("2021-fta,")]


def test_help_lists_every_key_and_the_palette_every_action():
    seen = {}

    async def look(app, pilot):
        await pilot.press("question_mark")
        seen["help"] = (screen_name(app), screen_text(app))
        await pilot.press("escape")
        seen["list"] = [command.title for command in app.get_system_commands(app.screen)]
        await pilot.press("enter")
        seen["record"] = [command.title for command in app.get_system_commands(app.screen)]

    drive(look, size=(110, 50))
    name, text = seen["help"]
    assert name == "HelpScreen"
    for _title, keys in help_sections():
        for key, what in keys:
            assert f"{key} " in text and what in text, (key, what)
    visa_only = {"next_passport", "choose_passport", "visa_date", "history"}
    for binding in MainScreen.BINDINGS:
        if binding.action not in visa_only:
            assert binding.tooltip in seen["list"]
    assert "Help: every key" in seen["list"]
    assert any(title.startswith("Quit") for title in seen["list"])
    for binding in RecordScreen.BINDINGS:
        assert binding.tooltip in seen["record"]


def test_80_by_24_shows_the_list_the_record_and_the_keys_and_data_text_literally(
    data_file, mini_data
):
    mini_data["events"][0]["title"] = "Evil \u001b[31m[bold]title[/bold]"
    seen = {}

    async def look(app, pilot):
        seen["visa"] = screen_text(app)
        await pilot.press("1")
        seen["timeline"] = screen_text(app)

    drive(look, start="visa", size=(80, 24), data=data_file(mini_data))
    lines = seen["visa"].splitlines()
    assert len(lines) == 24 and max(len(line) for line in lines) <= 80
    assert any("Cambodia" in line and "visa on arrival 30d" in line for line in lines)
    assert "visa rule kh-kr" in seen["visa"]
    assert "p Passport" in lines[-1] and "d Date" in lines[-1] and "q Quit" in lines[-1]
    assert "Evil \\x1b[31m[bold]title[/bold]" in seen["timeline"]


# The command: a terminal or nothing; in a real one, --data and q as a person uses them.


def test_browse_refuses_without_a_terminal(run):
    result = run("browse")
    assert result.exit_code == 2
    refusal = "Error: ckr browse needs a terminal; use the other commands in scripts\n"
    assert result.stderr == refusal
    assert result.stdout == ""


def test_browse_names_its_collections(run):
    result = run("browse", "people")
    assert result.exit_code == 2
    assert "'people' is not one of 'timeline', 'visa', 'domains'" in result.stderr


def _in_tmux(command: str, tmp_path, wait_for: str) -> tuple[str, str]:
    """Run a shell command line in a detached tmux terminal of 80x24; the screen once
    `wait_for` shows, and the session's name."""
    name = f"ckr-browse-{uuid.uuid4().hex[:8]}"
    env = [f"PATH={Path(sys.executable).parent}:/usr/bin:/bin", "TERM=xterm-256color"]
    env += [f"CKR_TODAY={TODAY}", f"HOME={tmp_path}"]
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24"]
        + ["env", "-i", *env, "sh", "-c", f"{command}; echo EXIT=$?; sleep 30"],
        check=True,
    )
    return name, _wait(name, wait_for)


def _wait(name: str, text: str, seconds: float = 15) -> str:
    end = time.monotonic() + seconds
    while True:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout
        if text in screen or time.monotonic() > end:
            return screen
        time.sleep(0.1)


needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@needs_tmux
def test_in_a_real_terminal_data_is_read_and_q_quits_with_0(tmp_path):
    ckr = f"{sys.executable} -m ckr"
    name, screen = _in_tmux(f"{ckr} --data {MINI} browse claims", tmp_path, "Ties were")
    try:
        assert "Ties were restored" in screen and "5 Claims" in screen
        subprocess.run(["tmux", "send-keys", "-t", name, "q"], check=True)
        assert "EXIT=0" in _wait(name, "EXIT=")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


@needs_tmux
def test_in_a_real_terminal_a_broken_dataset_is_one_line_and_exit_1(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    ckr = f"{sys.executable} -m ckr"
    name, screen = _in_tmux(f"CKR_DATA={broken} {ckr} browse", tmp_path, "EXIT=")
    subprocess.run(["tmux", "kill-session", "-t", name], check=False)
    assert "EXIT=1" in screen
    assert f"Error: {broken}: not valid JSON: the file ends early" in screen.replace("\n", "")


def test_a_dataset_without_visa_rules_says_so_and_its_visa_keys_do_nothing(data_file, mini_data):
    mini_data["visa"] = []
    for claim in mini_data["claims"]:
        claim["visa"] = []
    seen = {}

    async def look(app, pilot):
        await pilot.press("p", "h", "d")
        seen["screen"] = (screen_name(app), screen_text(app))

    drive(look, start="visa", data=data_file(mini_data))
    name, text = seen["screen"]
    assert name == "MainScreen" and "The dataset has no visa rules." in text
    assert "Passport" not in text.splitlines()[-1]


def test_the_readme_shows_what_browse_draws_at_80_by_24():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("At 80x24, on the visa collection:\n\n```text\n")
    start = readme.index("\n", readme.index("```text", start)) + 1
    shown = readme[start : readme.index("```", start)]
    seen = {}

    async def look(app, pilot):
        seen["screen"] = screen_text(app)

    drive(look, start="visa", size=(80, 24), data=paths.default_path())
    assert seen["screen"].splitlines() == shown.splitlines()


def test_a_rules_best_source_is_its_own_not_one_cited_only_for_its_details(
    run, data_file, mini_data
):
    # The travel details of kh-kr cite an official page; the rule itself cites two papers.
    mini_data["sources"].append(
        {**mini_data["sources"][0], "id": "embassy", "kind": "official", "publisher": "Embassy"}
    )
    rule = next(r for r in mini_data["visa"] if r["id"] == "kh-kr")
    rule["details"] = {"fee_amount": 30, "fee_currency": "USD", "sources": ["embassy"]}
    path = data_file(mini_data)
    detail = describe(Session(str(path)), "kh-kr")
    shown = json.loads(run("show", "kh-kr", "--format", "json").output)
    assert detail.best_source.id == shown["best_source"] != "embassy"
    assert [s.id for s in detail.sources][-1] == "embassy"  # listed, after the rule's own
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(render_detail(detail))
    text = console.export_text()
    own_heading, parts_heading = (
        text.index("Sources, best first"),
        text.index("Cited for the travel details"),
    )
    assert own_heading < text.index("Paper A") < parts_heading < text.index("Embassy")
