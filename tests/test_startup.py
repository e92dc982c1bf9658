"""Structural start-up checks: what a command imports, not how long it takes."""

import ast
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ckr import __version__
from ckr.cli import cli
from conftest import MINI

PROBE = """
import sys
from ckr.launch import main
try:
    main()
except SystemExit:
    pass
loaded = {m.split(".")[0] for m in sys.modules}
# Heavy libraries a command may load only when it needs them.
heavy = {"click", "msgspec", "rich", "citeproc", "lxml", "textual"}
print("imported:", " ".join(sorted(heavy & loaded)) or "-")
commands = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("ckr.commands."))
print("commands:", " ".join(commands))
"""


def run_probe(*args: str, data: str | None = str(MINI)) -> str:
    env = {"PATH": "/usr/bin:/bin"} | ({"CKR_DATA": data} if data else {})
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout


def test_version_alone_imports_neither_click_nor_msgspec_nor_rich():
    output = run_probe("--version", data=None)
    assert output.startswith(f"ckr {__version__}\ndataset ")
    assert output.endswith("imported: -\ncommands: \n")


def test_quick_version_says_what_the_full_path_says(monkeypatch):
    monkeypatch.delenv("CKR_DATA", raising=False)
    quick = run_probe("--version", data=None).split("imported:")[0]
    assert quick == CliRunner().invoke(cli, ["--version"]).output


def test_version_of_a_users_own_file_checks_it_in_full():
    output = run_probe("--version")
    assert output.startswith(f"ckr {__version__}\ndataset test-1, reviewed 2026-06-01: 4 events")
    assert "imported: click msgspec" in output


def test_quick_version_leaves_a_broken_file_to_the_full_path(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"metadata": {"version": 3}}')
    result = subprocess.run(
        [sys.executable, "-m", "ckr", "--version"],
        capture_output=True,
        text=True,
        env={"CKR_DATA": str(broken), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "$.metadata" in result.stderr


def test_piped_output_does_not_import_rich():
    output = run_probe("timeline", "--limit", "1")
    header = "id\tdate\ttitle\tsummary\tcategory\tnote\tconfidence\tsources\tbest_source\t"
    assert output.startswith(header + "best_source_kind\tsingle_source\n1997-restored\t")
    assert output.endswith("imported: click msgspec\ncommands: timeline\n")


def test_citeproc_is_loaded_only_to_write_a_citation_style():
    bibtex = run_probe("cite", "paper-a", "--style", "bibtex")
    assert bibtex.startswith("@misc{paper-a,\n")
    assert bibtex.endswith("imported: click msgspec\ncommands: cite\n")
    apa = run_probe("cite", "paper-a", "--style", "apa")
    assert apa.startswith("Paper A. (1997, October 31). Ties restored.")
    assert apa.endswith("imported: citeproc click lxml msgspec\ncommands: cite\n")


def test_python_dash_m_ckr_works():
    result = subprocess.run(
        [sys.executable, "-m", "ckr", "timeline", "--limit", "1"],
        capture_output=True,
        text=True,
        env={"CKR_DATA": str(MINI), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].startswith("1997-restored\t1997-10-30\t")


def test_version_counts_every_collection_of_the_model():
    # ckr.version stays stdlib-only, so it keeps its own list; it must match the model's.
    from ckr import model, version

    assert sorted(version.COUNTED) == sorted(model.COLLECTIONS)


def test_browse_without_a_terminal_refuses_before_importing_textual():
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "browse"],
        capture_output=True,
        text=True,
        env={"CKR_DATA": str(MINI), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout == "imported: click msgspec\ncommands: browse\n"
    assert result.stderr == (
        "Error: ckr browse needs a terminal; use the other commands in scripts\n"
    )


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_browser_imports_textual_and_only_its_command_imports_the_browser():
    package = Path(__file__).parent.parent / "ckr"
    textual, browser = set(), set()
    for path in package.rglob("*.py"):
        where = path.relative_to(package).as_posix()
        names = _imports(path)
        if any(name == "textual" or name.startswith("textual.") for name in names):
            textual.add(where)
        if any(name.startswith("ckr.browse") for name in names) and not where.startswith("browse/"):
            browser.add(where)
        if where.startswith("browse/"):
            assert not any(name.startswith("ckr.commands") for name in names), where
    assert textual == {"browse/app.py", "browse/screens.py", "browse/widgets.py"}
    assert browser == {"commands/browse.py"}
