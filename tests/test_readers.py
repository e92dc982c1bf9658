"""ckr's output read back by the real tools people use: Markdown renderers, csv, pandas,
csvkit, spreadsheets (formula cells) and a dumb terminal."""

import csv
import html
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

# Text that every reader tends to get wrong: Markdown syntax, HTML, entities, quotes,
# separators and line breaks.
TRICKY = '1. *em* _u_ ~~s~~ `c` [l](https://x.example) <b>h</b> &amp; &copy; a|b # h \\ "q"'


class _Cells(HTMLParser):
    """The text of each table cell and the href of each link in a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._cell = []
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _commonmark(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


def _python_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text, extensions=["tables"])


RENDERERS = {"commonmark": _commonmark, "python-markdown": _python_markdown}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_renderers_show_data_text_as_written(run, data_file, mini_data, renderer):
    mini_data["events"][0]["title"] = TRICKY
    data_file(mini_data)
    page = RENDERERS[renderer](run("timeline", "-f", "markdown").output)
    parsed = _Cells()
    parsed.feed(page)
    event_id = mini_data["events"][0]["id"]
    assert f"{TRICKY} ({event_id})" in parsed.cells  # the title, then the id to show it
    for tag in ("<em>", "<s>", "<del>", "<code>", "<b>", "<ol", "<h1>", "<pre>"):
        assert tag not in page, tag
    others = "".join(c for c in parsed.cells if TRICKY not in c)
    assert "\\" not in others  # no stray backslashes


@pytest.mark.parametrize("renderer", RENDERERS)
def test_markdown_source_urls_become_working_links(run, data_file, mini_data, renderer):
    url = "https://example.org/a_(b)/c*d|e?q=1&r=2"
    mini_data["sources"][0]["url"] = url
    data_file(mini_data)
    page = RENDERERS[renderer](run("sources", "-f", "markdown").output)
    parsed = _Cells()
    parsed.feed(page)
    # A percent-encoded character means the same in a URL; the link leads to the page.
    from urllib.parse import unquote

    assert url in [unquote(link) for link in parsed.links]
    assert url in parsed.cells  # and its text reads as the URL


def _tsv_with_tricky_values(run, data_file, mini_data) -> str:
    mini_data["events"][0]["title"] = '"quoted" start'
    mini_data["events"][1]["title"] = "two\tcells\nand lines"
    mini_data["events"][2]["title"] = TRICKY
    data_file(mini_data)
    return run("timeline", "-f", "tsv", "--fields", "id,title,date").output


def _expected(mini_data) -> list[dict[str, str]]:
    return [{"id": e["id"], "title": e["title"], "date": e["date"]} for e in mini_data["events"]]


def test_tsv_is_read_back_exactly_by_pythons_csv(run, data_file, mini_data):
    output = _tsv_with_tricky_values(run, data_file, mini_data)
    rows = list(csv.DictReader(io.StringIO(output), dialect="excel-tab", strict=True))
    assert sorted(rows, key=lambda r: r["id"]) == sorted(
        _expected(mini_data), key=lambda r: r["id"]
    )


def test_tsv_is_read_back_exactly_by_pandas(run, data_file, mini_data):
    pandas = pytest.importorskip("pandas")
    output = _tsv_with_tricky_values(run, data_file, mini_data)
    frame = pandas.read_csv(io.StringIO(output), sep="\t", dtype=str, keep_default_na=False)
    rows = frame.to_dict("records")
    assert sorted(rows, key=lambda r: r["id"]) == sorted(
        _expected(mini_data), key=lambda r: r["id"]
    )


def test_tsv_is_read_back_exactly_by_csvkit(run, data_file, mini_data):
    output = _tsv_with_tricky_values(run, data_file, mini_data)
    converted = subprocess.run(
        [sys.executable, "-m", "csvkit.utilities.csvjson", "--tabs", "--no-inference"],
        input=output.encode(),
        capture_output=True,
        check=True,
    )
    rows = json.loads(converted.stdout)
    assert sorted(rows, key=lambda r: r["id"]) == sorted(
        _expected(mini_data), key=lambda r: r["id"]
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(
    run, data_file, mini_data, start
):
    formula = f'{start}HYPERLINK("https://evil.example","x")'
    mini_data["events"][0]["title"] = formula
    data_file(mini_data)
    csv_rows = list(csv.DictReader(io.StringIO(run("timeline", "-f", "csv").output)))
    assert "'" + formula in [row["title"] for row in csv_rows]
    # TSV, for scripts, keeps the value exactly.
    tsv = run("timeline", "-f", "tsv").output
    tsv_rows = list(csv.DictReader(io.StringIO(tsv), dialect="excel-tab"))
    assert formula in [row["title"] for row in tsv_rows]


def test_a_dumb_terminal_honours_columns(monkeypatch, run, data_file, mini_data):
    mini_data["events"][0]["title"] = "a long title that needs more than eighty columns " * 3
    data_file(mini_data)
    for name, value in {"CKR_FORCE_TTY": "1", "COLUMNS": "120", "TERM": "dumb"}.items():
        monkeypatch.setenv(name, value)
    lines = run("timeline").output.splitlines()
    assert max(len(line) for line in lines) > 80
    assert max(len(line) for line in lines) <= 120


def test_html_entities_in_data_are_not_decoded_by_renderers(run, data_file, mini_data):
    mini_data["events"][0]["title"] = "&copy; stays &amp; as typed"
    data_file(mini_data)
    page = _commonmark(run("timeline", "-f", "markdown").output)
    assert html.escape("&copy; stays &amp; as typed", quote=False) in page
    assert re.search(r"©", page) is None


@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.booleans(), st.integers(), st.text(alphabet=' ,\t"\n\rab=é')),
            min_size=2,
            max_size=2,
        ),
        max_size=4,
    ),
    st.sampled_from(["csv", "tsv"]),
)
def test_delimited_output_is_what_pythons_csv_writes(values, fmt):
    # ckr writes most listings without importing csv (it starts faster); the bytes must be
    # the dialect's all the same.
    from ckr.listing import Listing
    from ckr.render import delimited

    rows = [{"a": a, "b": b} for a, b in values]
    listing = Listing(fields=["a", "b"], rows=rows, columns=[])
    expected = io.StringIO()
    writer = csv.writer(expected, dialect=delimited.DIALECTS[fmt], lineterminator="\n")
    writer.writerow(["a", "b"])
    writer.writerows([delimited.cell(v, fmt == "csv") for v in pair] for pair in values)
    assert delimited.to_delimited(listing, fmt) == expected.getvalue()
