"""The data contract: one vocabulary per record type, the same in JSON, NDJSON, CSV, TSV and
`--fields`, with raw typed values; and the options every listing command shares."""

import csv
import io
import json

import pytest

from conftest import markdown_rows, tsv_rows

TRUST = ["confidence", "sources", "best_source", "best_source_kind"]
VISA_RULE = [
    "id",
    "nationality",
    "nationality_name",
    "destination",
    "destination_name",
    "regime",
    "max_stay_days",
    "effective_from",
    "effective_until",
    "first_confirmed",
    "status",
    "as_of",
    "age_days",
    "stale",
    "notes",
    *TRUST,
    "fee_amount",
    "fee_currency",
    "e_visa",
    "extension",
    "passport_validity_months",
    "onward_ticket",
    "entry_points",
    "details_sources",
]

# The README's table of fields, record type by record type.
FIELDS = {
    "event": ["id", "date", "title", "summary", "category", "note", *TRUST, "single_source"],
    "visa rule": VISA_RULE,
    "figure": ["id", "domain", "label", "value", "unit", "period", "reported_by", "note", *TRUST],
    "agreement": ["id", "domain", "name", "date", "sources", "best_source", "best_source_kind"],
    "domain note": ["id", "domain", "text", *TRUST],
    "domain": ["id", "name", "summary", "headline", "figures", "agreements", "notes"],
    "domain item": [
        "kind",
        "id",
        "domain",
        "label",
        "value",
        "unit",
        "period",
        "reported_by",
        "note",
        *TRUST,
    ],
    "claim": [
        "id",
        "claim",
        "verdict",
        "finding",
        "sources",
        "best_source",
        "best_source_kind",
        "events",
        "visa",
        "domains",
    ],
    "source": ["id", "kind", "publisher", "title", "url", "published", "accessed", "cited_by"],
    "compare row": [*VISA_RULE, "home", "more_open_than_home"],
    "search match": ["kind", "id", "date", "confidence", "field", "text"],
    "visa change": [
        "date",
        "change",
        "rule",
        "nationality",
        "nationality_name",
        "destination",
        "destination_name",
        "before_rule",
        "before_regime",
        "before_max_stay_days",
        "after_rule",
        "after_regime",
        "after_max_stay_days",
        *TRUST,
    ],
}

# What JSON holds in each typed field (null aside); every other field is text or null.
# (A domain's `notes` are note ids; a visa rule's `notes` are words.)
LISTS = {"sources", "events", "visa", "domains", "figures", "agreements", "details_sources"}
BOOLEANS = {"single_source", "stale", "e_visa", "onward_ticket", "home", "more_open_than_home"}
NUMBERS = {"max_stay_days", "age_days", "value", "cited_by", "fee_amount"}
NUMBERS |= {"passport_validity_months", "before_max_stay_days", "after_max_stay_days"}

# Each record type with a command that lists it on tests/data/mini.json, and the typed
# fields that must hold a value somewhere there (so the type checks are never vacuous).
LISTINGS = [
    ("event", ["timeline"], {"sources", "single_source"}),
    ("visa rule", ["visa", "-p", "korea"], {"sources", "stale", "max_stay_days", "age_days"}),
    ("visa rule", ["visa"], {"sources", "stale", "max_stay_days", "age_days"}),  # the matrix
    ("visa rule", ["visa", "-p", "korea", "--history"], {"sources", "stale", "max_stay_days"}),
    ("figure", ["figures"], {"sources", "value"}),
    ("domain", ["domains"], {"figures", "agreements", "notes"}),
    ("domain item", ["domains", "trade"], {"sources", "value"}),
    ("claim", ["claims"], {"sources", "events", "visa", "domains"}),
    ("source", ["sources"], {"cited_by"}),
    ("compare row", ["visa", "--compare"], {"sources", "home", "more_open_than_home", "stale"}),
    ("search match", ["search", "trade"], set()),
    ("visa change", ["changes", "--since", "2022"], {"sources", "after_max_stay_days"}),
]
LISTING_IDS = [" ".join(command) for _, command, _ in LISTINGS]


def machine_output(run, command: list[str]) -> dict[str, tuple[list[str], list]]:
    """For each machine format: the field names it writes, and its rows."""
    outputs = {}
    for fmt in ("json", "ndjson", "csv", "tsv"):
        result = run(*command, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        if fmt == "json":
            records = json.loads(result.output)
            assert isinstance(records, list) and records, command
            outputs[fmt] = (list(records[0]), records)
        elif fmt == "ndjson":
            lines = result.output.splitlines()
            records = [json.loads(line) for line in lines]
            outputs[fmt] = (list(records[0]), records)
        else:
            dialect = "excel-tab" if fmt == "tsv" else "excel"
            reader = csv.reader(io.StringIO(result.output), dialect=dialect, strict=True)
            header, *rows = list(reader)
            outputs[fmt] = (header, [dict(zip(header, row, strict=True)) for row in rows])
    return outputs


@pytest.mark.parametrize("kind, command, typed", LISTINGS, ids=LISTING_IDS)
def test_every_machine_format_writes_the_same_fields(run, kind, command, typed):
    outputs = machine_output(run, command)
    for fmt, (names, rows) in outputs.items():
        assert names == FIELDS[kind], fmt
        assert len(rows) == len(outputs["json"][1]), fmt
    for record in outputs["json"][1]:
        assert list(record) == FIELDS[kind]  # every object, every field, in order
    assert outputs["ndjson"][1] == outputs["json"][1]


def delimited(value) -> str:
    """How the contract says CSV and TSV spell a JSON value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


@pytest.mark.parametrize("kind, command, typed", LISTINGS, ids=LISTING_IDS)
def test_values_are_typed_in_json_and_spelled_alike_in_csv_and_tsv(run, kind, command, typed):
    outputs = machine_output(run, command)
    records, csv_rows, tsv_rows_ = outputs["json"][1], outputs["csv"][1], outputs["tsv"][1]
    lists = LISTS | ({"notes"} if kind == "domain" else set())
    seen = set()
    for record, csv_row, tsv_row in zip(records, csv_rows, tsv_rows_, strict=True):
        for name, value in record.items():
            if value is not None:
                seen.add(name)
            if name in lists:
                assert value is None or (
                    isinstance(value, list) and all(isinstance(v, str) for v in value)
                ), (name, value)
            elif name in BOOLEANS:
                assert value is None or isinstance(value, bool), (name, value)
            elif name in NUMBERS:
                assert value is None or (
                    isinstance(value, (int, float)) and not isinstance(value, bool)
                ), (name, value)
            else:
                assert value is None or isinstance(value, str), (name, value)
            assert tsv_row[name] == delimited(value), name
            assert csv_row[name] == delimited(value), name
    assert typed <= seen, typed - seen


def test_visa_details_are_typed_too(run, data_file, mini_data):
    mini_data["visa"][0]["details"] = {
        "fee_amount": 30,
        "fee_currency": "USD",
        "e_visa": True,
        "extension": "once, for 30 days",
        "passport_validity_months": 6,
        "onward_ticket": False,
        "entry_points": "international airports",
        "sources": ["paper-b", "paper-a"],
    }
    data_file(mini_data)
    (rule,) = json.loads(run("visa", "-p", "kr", "-d", "kh", "-f", "json").output)
    assert rule["fee_amount"] == 30 and isinstance(rule["fee_amount"], (int, float))
    assert (rule["e_visa"], rule["onward_ticket"]) == (True, False)
    assert rule["passport_validity_months"] == 6
    assert rule["details_sources"] == ["paper-b", "paper-a"]
    for fmt, dialect in (("csv", "excel"), ("tsv", "excel-tab")):
        output = run("visa", "-p", "kr", "-d", "kh", "-f", fmt).output
        (row,) = csv.DictReader(io.StringIO(output), dialect=dialect)
        assert (row["e_visa"], row["onward_ticket"]) == ("true", "false")
        assert row["passport_validity_months"] == "6"
        assert float(row["fee_amount"]) == 30
        assert row["details_sources"] == "paper-b;paper-a"
        assert row["extension"] == "once, for 30 days"  # the comma quoted, read back whole


def test_fields_names_are_the_vocabulary_in_every_format(run):
    for fmt in ("json", "ndjson"):
        output = run("visa", "-p", "kr", "-n", "1", "-f", fmt, "--fields", "destination,stale")
        assert json.loads(output.output.splitlines()[0].strip("[]")) == {
            "destination": "KH",
            "stale": False,
        }
    for fmt in ("csv", "tsv"):
        output = run("visa", "-p", "kr", "-n", "1", "-f", fmt, "--fields", "destination,stale")
        separator = "," if fmt == "csv" else "\t"
        assert output.output == f"destination{separator}stale\nKH{separator}false\n"
    markdown = run("visa", "-p", "kr", "-n", "1", "-f", "markdown", "--fields", "destination,stale")
    assert markdown_rows(markdown.output) == [{"Destination code": "KH", "Stale": "no"}]


@pytest.mark.parametrize(
    "record_id, kind",
    [
        ("2006-eps", "event"),
        ("kh-kr", "visa rule"),
        ("trade-two-way-trade-2022-body-e", "figure"),
        ("trade-fta-signed-2021", "agreement"),
        ("trade", "domain"),
        ("claim-neighbours-waive", "claim"),
        pytest.param(
            "paper-a",
            "source",
        ),
    ],
)
def test_show_json_is_the_records_row_with_its_kind_and_sources(run, record_id, kind):
    record = json.loads(run("show", record_id, "-f", "json").output)
    assert list(record) == ["record_kind", *FIELDS[kind], "source_details"]
    assert (record["record_kind"], record["id"]) == (kind, record_id)
    for source in record["source_details"]:
        assert {"id", "kind", "publisher", "title", "url", "accessed"} <= set(source)


def test_show_json_of_a_domain_note(run, data_file, mini_data):
    mini_data["domains"][1]["notes"] = [
        {
            "id": "labour-seed",
            "text": "Seed only.",
            "sources": ["agency-c"],
            "confidence": "seed-only",
        }
    ]
    data_file(mini_data)
    record = json.loads(run("show", "labour-seed", "-f", "json").output)
    assert list(record) == ["record_kind", *FIELDS["domain note"], "source_details"]
    assert (record["record_kind"], record["domain"], record["text"]) == (
        "domain note",
        "labour",
        "Seed only.",
    )
    assert [s["publisher"] for s in record["source_details"]] == ["Agency C"]


# ckr figures


def figure_ids(run, *args: str) -> list[str]:
    result = run("figures", *args, "--fields", "id")
    assert result.exit_code == 0, result.output
    return [row["id"] for row in tsv_rows(result.output)]


def test_figures_lists_every_figure_of_every_domain(run):
    rows = tsv_rows(run("figures").output)
    assert [(r["id"], r["domain"], r["value"], r["period"], r["reported_by"]) for r in rows] == [
        ("trade-two-way-trade-2021", "trade", "965.132", "2021", "Body K"),
        ("trade-two-way-trade-2022", "trade", "778.92", "2022", "Body G"),
        ("trade-two-way-trade-2022-body-e", "trade", "1050", "2022", "Body E"),
    ]


def test_figures_filters(run):
    everything = figure_ids(run)
    assert figure_ids(run, "--domain", "trade") == everything
    assert figure_ids(run, "--domain", "labour") == []
    assert figure_ids(run, "--domain", "Trade,labour") == everything
    assert figure_ids(run, "--reporter", "body g") == ["trade-two-way-trade-2022"]
    assert figure_ids(run, "--from", "2022") == [
        "trade-two-way-trade-2022",
        "trade-two-way-trade-2022-body-e",
    ]
    assert figure_ids(run, "--to", "2021") == ["trade-two-way-trade-2021"]
    assert figure_ids(run, "--search", "DIFFERS") == ["trade-two-way-trade-2022-body-e"]
    assert figure_ids(run, "-s", "two-way", "--from", "2021", "--to", "2021") == [
        "trade-two-way-trade-2021"
    ]
    reversed_ = figure_ids(run, "--reverse")
    assert reversed_[-1] == "trade-two-way-trade-2021" and set(reversed_) == set(everything)


def test_figures_refuses_an_unknown_domain_and_a_backwards_range(run):
    result = run("figures", "--domain", "trad")
    assert result.exit_code == 2
    assert "no domain 'trad' in the dataset" in result.stderr
    result = run("figures", "--from", "2023", "--to", "2021")
    assert result.exit_code == 2
    assert "--from 2023 is after --to 2021" in result.stderr


def test_figures_table_shows_each_figure_with_its_id_and_source(terminal):
    output = terminal("figures", width=160, env={"NO_COLOR": "1"}).output
    line = next(line for line in output.splitlines() if "Body E" in line)
    assert "1,050 USD million" in line and " disputed " in line and "Paper B (news)" in line
    assert "trade-two-way-trade-2022-body-e" in output
    assert "3 figures · dataset test-1" in output


def test_the_figures_table_names_the_years_a_main_series_has_no_value_for(
    terminal, data_file, mini_data
):
    trade = mini_data["domains"][0]["figures"]
    trade.append({**trade[0], "id": "trade-2025", "period": "2025", "value": 900})
    data_file(mini_data)
    gap = "Trade, main series Two-way trade: no value found for 2023-2024"
    output = terminal("figures", "--domain", "trade", width=120).output
    assert gap in output
    # A filtered listing is not the whole series, so it says nothing of its gaps; nor do
    # the machine formats, which carry only the figures.
    assert gap not in terminal("figures", "--from", "2022", width=120).output
    assert "no value found" not in terminal("figures", "-f", "csv").output


# --fields, --limit and the options of 0.2


@pytest.mark.parametrize(
    "command, typo, meant",
    [
        (["timeline"], "titel", "title"),
        (["visa", "-p", "kr"], "regim", "regime"),
        (["visa", "--compare"], "more_open_than_hom", "more_open_than_home"),
        (["figures"], "vaule", "value"),
        (["domains", "trade"], "lable", "label"),
        (["claims"], "verdikt", "verdict"),
        (["sources"], "publsher", "publisher"),
        (["search", "trade"], "txt", "text"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "tsv", "table"])
def test_a_typo_in_fields_gets_a_did_you_mean(run, command, typo, meant, fmt):
    result = run(*command, "-f", fmt, "--fields", f"id,{typo}")
    assert result.exit_code == 2
    assert f"unknown field '{typo}' (did you mean '{meant}'?); available fields: " in result.stderr
    assert result.stdout == ""


LIMITED = [
    ["timeline"],
    ["visa", "-p", "korea"],
    ["visa"],
    ["visa", "-p", "korea", "--history"],
    ["figures"],
    ["domains"],
    ["domains", "trade"],
    ["claims"],
    ["sources"],
    ["search", "a"],
]


@pytest.mark.parametrize("command", LIMITED, ids=[" ".join(c) for c in LIMITED])
def test_limit_keeps_the_first_n_records(run, command):
    everything = tsv_rows(run(*command).output)
    assert len(everything) > 1, command
    for n in (1, 2):
        for option in ("--limit", "-n"):
            assert tsv_rows(run(*command, option, str(n)).output) == everything[:n]
    assert len(json.loads(run(*command, "-n", "2", "-f", "json").output)) == 2


def test_limit_in_the_comparison_counts_passports(shipped):
    # The comparison's records are passports: a table row each, a row per rule for scripts.
    everything = tsv_rows(shipped("visa", "--compare").output)
    passports = list(dict.fromkeys(r["nationality"] for r in everything))
    assert len(passports) > 2
    for n in (1, 2):
        rows = tsv_rows(shipped("visa", "--compare", "-n", str(n)).output)
        assert rows == [r for r in everything if r["nationality"] in passports[:n]]


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_limit_must_be_a_positive_number(run, value):
    result = run("figures", "--limit", value)
    assert result.exit_code == 2
    assert "Invalid value for '--limit' / '-n'" in result.stderr


@pytest.mark.parametrize(
    "old, new",
    [
        ("partly supported", "partly-supported"),
        ("Only in the seed", "seed-only"),
    ],
)
def test_old_verdict_spellings_work_with_a_note(run, old, new):
    result = run("claims", "--verdict", old)
    assert result.exit_code == 0
    assert result.stderr == f"Note: verdict {old!r} is now spelled {new!r}\n"
    assert result.stdout == run("claims", "--verdict", new).stdout
    assert [r["verdict"] for r in tsv_rows(result.stdout)] == [new]


def test_new_verdict_spellings_take_commas_and_need_no_note(run):
    result = run("claims", "--verdict", "partly-supported,seed-only")
    assert result.stderr == ""
    assert [r["id"] for r in tsv_rows(result.stdout)] == [
        "claim-neighbours-waive",
        "claim-military-rank",
    ]
    mixed = run("claims", "--verdict", "supported,partly supported")
    assert mixed.stderr == "Note: verdict 'partly supported' is now spelled 'partly-supported'\n"
    assert [r["id"] for r in tsv_rows(mixed.stdout)] == [
        "claim-ties-1997",
        "claim-neighbours-waive",
    ]


def test_claims_short_v_is_gone(run):
    result = run("claims", "-v", "supported")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "-v" in result.stderr  # click's wording varies


def test_destinations_take_commas(run):
    by_commas = run("visa", "-p", "korea", "-d", "cambodia,vietnam")
    assert by_commas.exit_code == 0
    assert [r["destination"] for r in tsv_rows(by_commas.output)] == ["KH", "VN"]
    assert by_commas.output == run("visa", "-p", "korea", "-d", "cambodia", "-d", "vietnam").output
    assert by_commas.output == run("visa", "-p", "korea", "--to", "Cambodia, Vietnam").output
    matrix = tsv_rows(run("visa", "-d", "cambodia,vietnam").output)
    assert {r["destination"] for r in matrix} == {"KH", "VN"}


def test_passport_options_and_their_alias(run):
    expected = run("visa", "--passport", "korea").output
    assert tsv_rows(expected) and {r["nationality"] for r in tsv_rows(expected)} == {"KR"}
    assert run("visa", "-p", "korea").output == expected
    assert run("visa", "--country", "korea").output == expected
    result = run("visa", "-c", "korea")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "-c" in result.stderr  # click's wording varies


def test_sources_kind_filters(run, data_file, mini_data):
    mini_data["sources"][1]["kind"] = "official"
    data_file(mini_data)
    rows = tsv_rows(run("sources", "--kind", "OFFICIAL").output)
    assert [(r["id"], r["kind"]) for r in rows] == [("paper-b", "official")]
    news = tsv_rows(run("sources", "--kind", "news").output)
    assert [r["id"] for r in news] == ["paper-a", "agency-c"]
    result = run("sources", "--kind", "rumour")
    assert result.exit_code == 2 and "'rumour' is not one of" in result.stderr


def test_the_best_source_is_official_before_news(run, data_file, mini_data):
    mini_data["sources"][0]["kind"] = "official"  # paper-a, the older of kh-kr's two pages
    data_file(mini_data)
    rule = json.loads(run("visa", "-p", "kr", "-d", "kh", "-f", "json").output)[0]
    assert (rule["best_source"], rule["best_source_kind"]) == ("paper-a", "official")
    assert rule["sources"] == ["paper-b", "paper-a"]  # as the data lists them


def test_ndjson_is_one_compact_object_a_line_even_on_a_terminal(terminal):
    output = terminal("timeline", "-f", "ndjson").output
    lines = output.splitlines()
    assert len(lines) == 4 and output.endswith("}\n")
    assert [json.loads(line)["id"] for line in lines] == [
        "1997-restored",
        "2006-eps",
        "2021-fta",
        "2024-partnership",
    ]
    assert all(line.startswith('{"id":') for line in lines)


# Tables


def header_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.strip().startswith("Destination"))


def test_visa_table_columns_and_notes_on_wide_terminals(terminal):
    narrow = terminal("visa", "-p", "korea", width=100, env={"NO_COLOR": "1"}).output
    assert header_line(narrow).split() == [
        "Destination",
        "Rule",
        "Max",
        "stay",
        "Since",
        "As",
        "of",
        "Confidence",
        "Source",
    ]
    wide = terminal("visa", "-p", "korea", width=200, env={"NO_COLOR": "1"}).output
    assert header_line(wide).split()[-1] == "Notes"
    assert "E-visa also possible." in wide


@pytest.mark.parametrize("width", [120, 130])
def test_wide_visa_table_keeps_every_word_of_the_notes(terminal, width):
    output = terminal("visa", "-p", "korea", width=width, env={"NO_COLOR": "1"}).output
    assert max(len(line) for line in output.splitlines()) <= width  # nothing cut off
    words = output.split()
    assert {"E-visa", "also", "possible."} <= set(words)


def test_matrix_cells_mark_doubt_and_explain_the_marks(run, data_file, mini_data):
    mini_data["visa"][2]["confidence"] = "disputed"  # vn-kr-2023
    mini_data["visa"][3]["confidence"] = "seed-only"  # th-kr
    data_file(mini_data)
    output = run("visa", "-f", "markdown").output
    rows = {r["Destination"]: r for r in markdown_rows(output)}
    assert rows["Vietnam"]["South Korea"] == "visa-free 45d, confirmed 1y 8mo ago, stale†"
    assert rows["Thailand"]["South Korea"] == "visa-free 90d, confirmed 4y 6mo ago, stale‡"
    assert (
        "† disputed (sources disagree; ckr show ID says how) · ‡ only the seed article says so"
        in output
    )


def test_timeline_table_columns(terminal):
    output = terminal("timeline", width=120, env={"NO_COLOR": "1"}).output
    header = next(line for line in output.splitlines() if line.strip().startswith("Date"))
    assert header.split() == ["Date", "Event", "Category", "Confidence", "Source"]
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if "Labour MOU signed" in line)
    assert "disputed" in lines[at] and "Agency C (news) +1" in lines[at]
    assert lines[at + 1].split() == ["2006-eps"]  # the id, on the line below the title
