"""Completion in real shells (bash, zsh, fish), typed into tmux as a person would.

Each test is skipped where tmux or the shell is missing; `.ci/run` installs them.
"""

import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

# How each shell starts bare and loads ckr's completion script.
SHELLS = {
    "bash": (["bash", "--norc", "--noprofile"], 'eval "$(ckr completion bash)"'),
    "zsh": (
        ["zsh", "-f"],
        'autoload -Uz compinit && compinit -u && eval "$(ckr completion zsh)"',
    ),
    "fish": (["fish", "--no-config"], "ckr completion fish | source"),
}


class Shell:
    """One shell in a detached tmux session, 120x30."""

    def __init__(self, name: str, bin_dir, home) -> None:
        self.session = f"ckr-{uuid.uuid4().hex[:8]}"
        command, setup = SHELLS[name]
        env = [
            f"PATH={bin_dir}:/usr/bin:/bin",
            f"HOME={home}",
            "TERM=xterm",
            "PS1=$ ",
            "CKR_TODAY=2026-11-25",
            "fish_greeting=",
        ]
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                "120",
                "-y",
                "30",
                "env",
                "-i",
                *env,
                *command,
            ],
            check=True,
        )
        # Quotes split the marker on the command line, so only the output matches.
        self.type(setup + "; echo ckr-rea''dy\n")
        self.wait_for("ckr-ready", 20)

    def type(self, keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, "-l", keys], check=True)

    def tab(self) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, "Tab"], check=True)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def wait_for(self, text: str, seconds: float = 8) -> str:
        end = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if text in screen or time.monotonic() > end:
                return screen
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.session], check=False)


@pytest.fixture(scope="module")
def shells(tmp_path_factory):
    """One running shell of each kind, shared by the tests: starting one costs seconds."""
    started: dict[str, Shell] = {}
    yield started
    for running in started.values():
        running.close()


@pytest.fixture
def shell(shells, tmp_path_factory, request):
    name = request.param
    if shutil.which(SHELLS[name][0][0]) is None:
        pytest.skip(f"needs {name}")
    if name not in shells:
        shells[name] = _start(name, tmp_path_factory.mktemp(name))
    running = shells[name]
    subprocess.run(["tmux", "send-keys", "-t", running.session, "C-c"], check=True)
    running.type("clear\n")
    end = time.monotonic() + 5
    while len(running.screen().strip().splitlines()) > 1 and time.monotonic() < end:
        time.sleep(0.05)  # until the screen holds only the prompt
    return running


def _start(name: str, tmp_path) -> Shell:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ckr = bin_dir / "ckr"
    ckr.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ckr "$@"\n')
    ckr.chmod(0o755)
    (tmp_path / "my-data.json").write_text("{}")
    running = Shell(name, bin_dir, tmp_path)
    running.type(f"cd {tmp_path}; echo ckr-in''side\n")
    running.wait_for("ckr-inside", 10)
    return running


def _command_line(screen: str, start: str) -> str:
    """The last screen line that holds the command being typed."""
    return [line for line in screen.splitlines() if start in line][-1]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"], indirect=True)
def test_a_destination_completes_without_erasing_what_was_typed(shell):
    shell.type("ckr visa -d th")
    shell.tab()
    shell.tab()  # bash lists the offers on the second Tab
    screen = shell.wait_for("thailand")
    assert "thailand" in screen
    assert "ckr visa -d th" in _command_line(screen, "ckr visa -d")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"], indirect=True)
def test_a_country_code_keeps_its_typed_case(shell):
    shell.type("ckr visa --country us")
    shell.tab()
    shell.tab()
    screen = shell.wait_for("us-citizen")
    assert "us-citizen" in screen
    assert "ckr visa --country us" in _command_line(screen, "ckr visa --country")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"], indirect=True)
def test_the_last_neighbour_of_a_list_completes(shell):
    shell.type("ckr visa --compare --with vietnam,th")
    shell.tab()
    shell.tab()
    screen = shell.wait_for("ietnam,thailand")
    assert "vietnam,thailand" in screen or "…ietnam,thailand" in screen  # fish elides
    assert "--with vietnam,th" in _command_line(screen, "ckr visa --compare")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"], indirect=True)
def test_an_offered_value_is_accepted_as_offered(shell):
    # A single offer is inserted whole; ckr must then take it as it stands.
    shell.type("ckr visa --country south-kor")
    shell.tab()
    shell.wait_for("south-korea")
    shell.type(" -d vietnam --fields destination -f tsv\n")
    screen = shell.wait_for("destination\n")
    assert "destination\nVN\n" in shell.wait_for("destination\nVN\n")
    assert "Error" not in screen


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"], indirect=True)
def test_data_completes_file_names(shell):
    shell.type("ckr --data my-d")
    shell.tab()
    screen = shell.wait_for("my-data.json")
    assert "ckr --data my-data.json" in screen


@pytest.mark.parametrize("shell", ["fish"], indirect=True)
def test_fish_shows_whole_descriptions(shell):
    shell.type("ckr c")  # claims and completion: two offers, room for their descriptions
    shell.tab()
    # claims's help holds a comma; click's own script would cut it there.
    screen = shell.wait_for("(The seed article's claims, each with")
    assert "(The seed article's claims, each with" in screen
