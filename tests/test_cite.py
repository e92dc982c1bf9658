"""ckr cite: a record's sources, then the dataset, in each style, as a user sees them."""

import json
import re
from pathlib import Path

import pytest

from ckr import __version__, cite

ROOT = Path(__file__).resolve().parent.parent


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece is in `text`, each after the one before."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def test_in_order_can_fail():
    assert in_order("a b c", ["a", "c"]) and not in_order("a b c", ["c", "a"])


# paper-a: published 1997-10-31, accessed 2026-01-15. Each style has its own words for the
# date; APA, Chicago and MLA give the access date only for an undated page (agency-c).
PAPER_A = {
    "apa": ["Paper A.", "(1997, October 31).", "Ties restored.", "https://example.org/a"],
    "chicago": ["Paper A.", "1997.", "“Ties Restored”.", "October 31.", "https://example.org/a"],
    "mla": ["Paper A.", "Ties Restored.", "31 Oct. 1997,", "https://example.org/a"],
    "harvard": [
        "Paper A (1997)",
        "Ties restored.",
        "Available at: https://example.org/a",
        "(Accessed: 15 January 2026)",
    ],
}
AGENCY_C = {
    "apa": ["Agency C.", "(n.d.).", "Trade data.", "Retrieved January 15, 2026, from", "http://"],
    "chicago": ["Agency C.", "n.d.", "“Trade Data”.", "Accessed January 15, 2026.", "http://"],
    "mla": ["Agency C.", "Trade Data.", "http://example.org/c.", "Accessed 15 Jan. 2026."],
    "harvard": ["Agency C (no date)", "Trade data.", "http://", "(Accessed: 15 January 2026)"],
}
DATASET = {
    "apa": ["ckr.", "(2026).", "ckr test dataset", "(Version test-1)", "[Dataset]"],
    "chicago": ["ckr.", "2026.", "“Ckr Test Dataset”.", "Version test-1.", "June 1."],
    "mla": ["ckr.", "“Ckr Test Dataset”.", "Version test-1,", "1 June 2026."],
    "harvard": ["ckr (2026)", "‘ckr test dataset’."],
}


@pytest.mark.parametrize("style", list(PAPER_A))
def test_a_source_then_the_dataset_in_each_style(run, style):
    result = run("cite", "paper-a", "--style", style)
    assert result.exit_code == 0, result.stderr
    source, dataset = result.output.splitlines()
    assert in_order(source, PAPER_A[style]), source
    assert in_order(dataset, DATASET[style]), dataset


@pytest.mark.parametrize("style", list(AGENCY_C))
def test_an_undated_source_gives_no_date_and_when_it_was_read(run, style):
    source, _dataset = run("cite", "agency-c", "--style", style).output.splitlines()
    assert in_order(source, AGENCY_C[style]), source


def test_apa_is_the_default_and_reads_in_full(run):
    assert run("cite", "paper-a").output == (
        "Paper A. (1997, October 31). Ties restored. https://example.org/a\n"
        "ckr. (2026). ckr test dataset (Version test-1) [Dataset].\n"
    )


@pytest.mark.parametrize("style", list(PAPER_A))
def test_a_record_cites_each_of_its_sources_best_first_then_the_dataset(run, style):
    # Both are news; as in `ckr show`, the newer comes first: agency-c, read in 2026.
    lines = run("cite", "2006-eps", "-s", style).output.splitlines()
    assert len(lines) == 3
    assert in_order(lines[0], AGENCY_C[style])
    assert in_order(lines[1], PAPER_A[style])
    assert in_order(lines[2], DATASET[style])


def test_a_visa_rule_cites_the_sources_of_its_travel_details_too(run, data_file, mini_data):
    mini_data["visa"][0]["details"] = {"fee_amount": 30, "sources": ["agency-c"]}
    data_file(mini_data)
    lines = run("cite", "kh-kr").output.splitlines()
    assert [line.split(".")[0] for line in lines] == ["Agency C", "Paper B", "Paper A", "ckr"]


def test_a_domain_cites_the_sources_of_its_figures_and_agreements_once_each(run):
    lines = run("cite", "trade").output.splitlines()
    assert [line.split(".")[0] for line in lines] == ["Agency C", "Paper B", "ckr"]


def test_the_dataset_alone(run):
    assert run("cite", "--dataset", "--style", "harvard").output == (
        "ckr (2026) ‘ckr test dataset’.\n"
    )


def bibtex_entries(text: str) -> list[dict]:
    """A small BibTeX reader: @type{key, name = {value} or name = macro, ...}; it fails
    on unbalanced braces, a missing comma or text between entries."""
    entries, at = [], 0
    head = re.compile(r"\s*@(\w+)\{([^,\s{}]+),\n")
    field = re.compile(r"  (\w+) = ")
    while text[at:].strip():
        match = head.match(text, at)
        assert match, f"no entry at {text[at : at + 40]!r}"
        entry = {"type": match[1], "key": match[2]}
        at = match.end()
        while not text.startswith("}", at):
            name = field.match(text, at)
            assert name, f"no field at {text[at : at + 40]!r}"
            at = name.end()
            if text[at] == "{":
                depth, start = 0, at
                while True:
                    char = text[at]
                    if char == "\\":
                        at += 2
                        continue
                    depth += {"{": 1, "}": -1}.get(char, 0)
                    at += 1
                    if depth == 0:
                        break
                value = text[start + 1 : at - 1]
            else:
                value = re.match(r"\w+", text[at:])[0]
                at += len(value)
            assert text.startswith(",\n", at), f"no comma after {name[1]}"
            entry[name[1]] = value
            at += 2
        at += 1
        entries.append(entry)
    return entries


def test_bibtex_reader_can_fail():
    with pytest.raises(AssertionError):
        bibtex_entries("@misc{a,\n  title = {{x},\n}\n")


def test_bibtex_entries(run):
    result = run("cite", "2006-eps", "--style", "bibtex")
    agency, paper, dataset = bibtex_entries(result.output)
    assert paper == {
        "type": "misc",
        "key": "paper-a",
        "author": "{Paper A}",
        "title": "{Ties restored}",
        "year": "1997",
        "month": "oct",
        "url": "https://example.org/a",
        "urldate": "2026-01-15",
        "note": "Accessed 2026-01-15",
    }
    assert "year" not in agency and agency["url"] == "http://example.org/c"
    assert dataset["key"] == "ckr:dataset"
    assert (dataset["title"], dataset["version"]) == ("{ckr test dataset}", "test-1")
    assert dataset["note"] == f"Processed by ckr {__version__}; accessed 2026-11-25"


def test_bibtex_escapes_its_special_characters(run, data_file, mini_data):
    mini_data["sources"][0]["title"] = "50% & $5 #1 a_b {x} ~^\\"
    data_file(mini_data)
    (paper, _dataset) = bibtex_entries(run("cite", "paper-a", "-s", "bibtex").output)
    assert paper["title"] == (
        r"{50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}}"
    )


def test_ris_records_start_with_ty_and_end_with_er(run):
    output = run("cite", "2006-eps", "--style", "ris").output
    records = output.strip("\n").split("\n\n")
    assert len(records) == 3
    for record in records:
        lines = record.splitlines()
        assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines), lines
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
    assert records[1].splitlines() == [
        "TY  - ELEC",
        "AU  - Paper A",
        "TI  - Ties restored",
        "T2  - Paper A",
        "PY  - 1997",
        "DA  - 1997/10/31/",
        "UR  - https://example.org/a",
        "Y2  - 2026/01/15/",
        "ER  - ",
    ]
    assert "TY  - DATA" in records[2] and "Y2  - 2026/11/25/" in records[2]


def test_the_dataset_is_accessed_on_the_day_ckr_runs(run):
    output = run("cite", "--dataset", "-s", "ris", env={"CKR_TODAY": "2027-02-03"}).output
    assert "Y2  - 2027/02/03/" in output.splitlines()


def test_csl_json_is_what_citeproc_reads(run):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(run("cite", "2006-eps", "--style", "csl-json").output)
    assert [item["id"] for item in items] == ["agency-c", "paper-a", "ckr:dataset"]
    assert items[1]["issued"] == {"date-parts": [[1997, 10, 31]]}
    assert items[2]["accessed"] == {"date-parts": [[2026, 11, 25]]}
    style = CitationStylesStyle(str(ROOT / "ckr" / "styles" / "apa.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem("agency-c")]))
    assert [str(entry) for entry in bibliography.bibliography()] == [
        "Agency C. (n.d.). Trade data. Agency C. Retrieved January 15, 2026, from "
        "http://example.org/c"
    ]


def test_control_characters_in_the_data_are_shown_as_escapes(run, data_file, mini_data):
    mini_data["sources"][0]["title"] = "Ties\x1b[31m restored"
    data_file(mini_data)
    shown = {
        "apa": "Ties\\x1b[31m restored",
        "ris": "TI  - Ties\\x1b[31m restored",
        "bibtex": "{Ties\\textbackslash{}x1b[31m restored}",  # LaTeX prints \x1b
        "csl-json": '"Ties\\u001b[31m restored"',
    }
    for style, text in shown.items():
        output = run("cite", "paper-a", "-s", style).output
        assert "\x1b" not in output
        assert text in output, output


def test_unknown_id_suggests_the_near_one(run):
    result = run("cite", "2006-epz")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: Invalid value for 'ID': no record '2006-epz' in the dataset "
        "(did you mean '2006-eps'?)"
    )


@pytest.mark.parametrize(
    "args, message", [([], "give an ID, or --dataset"), (["paper-a", "--dataset"], "give no ID")]
)
def test_an_id_or_the_dataset_not_both(run, args, message):
    result = run("cite", *args)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr


def test_every_style_file_is_there():
    from citeproc.frontend import STYLES_PATH

    for name in cite.CSL_FILES.values():
        assert (ROOT / "ckr" / "styles" / name).exists() or (Path(STYLES_PATH) / name).exists()


def test_citation_cff_names_this_version_and_the_datasets_title():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    from ckr import dataset

    shipped = dataset.load(ROOT / "data" / "ckr.json").data
    assert re.search(r"^cff-version: 1\.2\.0$", cff, re.M)
    assert re.search(rf"^version: {re.escape(__version__)}$", cff, re.M)
    assert re.search(rf'^title: "{re.escape(shipped.metadata.title)}"$', cff, re.M)
