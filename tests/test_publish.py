"""ckr export --format datasette|datapackage|claimreview, read by the real tools."""

import asyncio
import json
import os
from collections import Counter
from decimal import Decimal

import pytest


@pytest.fixture
def site(run, tmp_path):
    target = tmp_path / "site"
    result = run("export", "--format", "datasette", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {target}\n"
    return target


def _datasette(site):
    from datasette.app import Datasette

    metadata = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    return Datasette([str(site / "ckr.db")], metadata=metadata)


def _get_all(ds, *paths):
    async def fetch():
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_datasette_serves_the_folder_with_its_metadata(site, mini_data):
    assert sorted(os.listdir(site)) == ["ckr.db", "metadata.json"]
    ds = _datasette(site)
    home, visa, search, query, figures = _get_all(
        ds,
        "/-/metadata.json",
        "/ckr/visa.json?_facet=destination&_shape=objects",
        "/ckr/events.json?_search=restored&_shape=objects",
        "/ckr/cambodia_and_neighbours.json?passport=kr&_shape=objects",
        "/ckr/figures.json?_labels=on&_shape=objects&domain=trade",
    )
    assert home.json()["title"] == "ckr test dataset"
    assert home.json()["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    facet = visa.json()["facet_results"]["destination"]["results"]
    counted = Counter(rule["destination"] for rule in mini_data["visa"])
    assert {(f["value"], f["count"]) for f in facet} == set(counted.items())
    assert {f["label"] for f in facet} == {"Cambodia", "Thailand", "Vietnam"}
    assert [row["id"] for row in search.json()["rows"]] == ["1997-restored"]
    rows = query.json()["rows"]
    assert [r["destination"] for r in rows] == ["Cambodia", "Thailand", "Vietnam", "Vietnam"]
    assert rows[0]["regime"] == "visa_on_arrival"
    assert {r["domain"]["label"] for r in figures.json()["rows"]} == {"Trade"}


def test_datasette_metadata_describes_every_column(site):
    import sqlite3

    metadata = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
    described = metadata["databases"]["ckr"]["tables"]
    with sqlite3.connect(site / "ckr.db") as db:
        for (table,) in db.execute("select name from sqlite_master where type = 'table'"):
            if "_fts" in table:
                continue
            columns = {row[1] for row in db.execute(f"pragma table_info({table})")}
            assert set(described[table]["columns"]) == columns, table
            assert described[table]["description"]
    assert "days" in described["visa"]["columns"]["max_stay_days"]
    assert described["claims"]["facets"] == ["verdict"]


def test_a_folder_is_never_replaced(run, tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    result = run("export", "--format", "datasette", str(target), "--force")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target} exists; choose a new name\n"
    assert os.listdir(target) == ["mine.txt"] and os.listdir(tmp_path) == ["site"]


def test_a_failed_folder_leaves_nothing(run, tmp_path, monkeypatch):
    from ckr.export import datasette

    def broken(data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datasette, "metadata", broken)
    result = run("export", "--format", "datasette", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'site'}: No space left on device\n"
    assert os.listdir(tmp_path) == []


def test_every_canned_query_runs(site):
    from ckr.export.datasette import QUERIES

    params = "passport=KR&since=2022&domain=trade&_shape=objects"
    responses = _get_all(_datasette(site), *(f"/ckr/{name}.json?{params}" for name in QUERIES))
    for name, response in zip(QUERIES, responses, strict=True):
        assert response.status_code == 200, (name, response.text)
    changes, figures = responses[2].json()["rows"], responses[3].json()["rows"]
    assert changes and all(row["date"] >= "2022" for row in changes)
    assert figures and {row["unit"] for row in figures} == {"USD million"}


@pytest.fixture
def package(run, tmp_path):
    target = tmp_path / "package"
    result = run("export", "--format", "datapackage", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_the_data_package_is_valid_and_exact(package, mini_data):
    import frictionless

    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    figures = frictionless.Package(str(package / "datapackage.json")).get_resource("figures")
    schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == "figures")
    read = {row["id"]: (row["domain"], row["value"]) for row in figures.read_rows()}
    assert read == {
        f["id"]: (d["id"], Decimal(str(f["value"])))
        for d in mini_data["domains"]
        for f in d["figures"]
    }
    assert schema["foreignKeys"] == [
        {"fields": ["domain"], "reference": {"resource": "domains", "fields": ["id"]}}
    ]


def test_the_package_schema_catches_what_is_wrong(package):
    import frictionless

    events = package / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("2006-11", "Nov 2006"))
    report = frictionless.validate(str(package / "datapackage.json"))
    assert not report.valid
    assert [e[-1] for e in report.flatten(["fieldName", "type"])] == ["constraint-error"]
