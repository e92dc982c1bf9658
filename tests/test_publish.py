"""ckr export --format datasette|datapackage|claimreview, read by the real tools."""

import asyncio
import json
import os
from collections import Counter
from decimal import Decimal
from pathlib import Path

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


SHIPPED = Path(__file__).resolve().parents[1] / "data" / "ckr.json"
# schema.org's JSON-LD context, as https://schema.org serves it, reduced to what the file
# uses: terms are schema.org names, "url" is an address. (Offline: no network in tests.)
SCHEMA_ORG = {"@context": {"@vocab": "http://schema.org/", "url": {"@type": "@id"}}}


def test_claimreview_expands_with_a_json_ld_processor(run, tmp_path):
    from pyld import jsonld

    def offline(url, options=None):
        assert url.rstrip("/") == "https://schema.org", url
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG}

    target = tmp_path / "claimreview.jsonld"
    result = run("--data", str(SHIPPED), "export", "--format", "claimreview", str(target))
    assert result.exit_code == 0 and result.stderr == f"wrote {target}\n"
    claims = json.loads(SHIPPED.read_text(encoding="utf-8"))["claims"]
    document = json.loads(target.read_text(encoding="utf-8"))
    expanded = jsonld.expand(document, {"documentLoader": offline})
    s = "http://schema.org/"
    reviews = [item for item in expanded if item["@type"] == [s + "ClaimReview"]]
    assert len(reviews) == len(claims)
    by_id = {review[s + "identifier"][0]["@value"]: review for review in reviews}
    for claim in claims:
        rating = by_id[claim["id"]][s + "reviewRating"][0]
        assert rating[s + "alternateName"][0]["@value"] == claim["verdict"]
        assert rating[s + "ratingExplanation"][0]["@value"] == claim["finding"]
        value = rating[s + "ratingValue"][0]["@value"]
        assert value == {"supported": 5, "partly-supported": 3, "seed-only": 2}.get(
            claim["verdict"], 1
        )
    review = by_id[claims[0]["id"]]
    article = review[s + "itemReviewed"][0][s + "appearance"][0]
    assert article[s + "author"][0][s + "name"][0]["@value"] == "Seun Sam"
    assert article[s + "url"][0]["@id"].startswith("https://")
    assert all(c[s + "url"][0]["@id"].startswith("http") for c in review[s + "citation"])
    assert len(review[s + "citation"]) == len(set(claims[0]["sources"]) - {"seed"})


def test_claimreview_is_not_written_over_a_file(run, tmp_path):
    target = tmp_path / "claimreview.jsonld"
    target.write_text("mine")
    result = run("export", "--format", "claimreview", str(target))
    assert result.stderr == f"Error: {target} exists; use --force to replace it\n"
    assert target.read_text() == "mine"
    assert run("export", "--format", "claimreview", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["@context"] == "https://schema.org"
