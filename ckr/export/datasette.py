"""The dataset as a folder for datasette: ckr.db and the metadata.json that describes it.

    datasette PATH/ckr.db -m PATH/metadata.json

The metadata gives the title, description, license and source; a description of every
table and column; the column that names each table's rows (so a foreign key reads as a
name); facets, sortable columns and full-text search; and canned queries. The folder is
made through ckr.export.files (new_folder): filled under a temporary name, then published
whole, never over an existing folder.
"""

from __future__ import annotations

import json
import os

from ckr.export import licenses, sqlite, tables
from ckr.export.files import new_folder
from ckr.model import Dataset

DATABASE = "ckr"  # datasette names a database after its file

QUERIES = {
    "rules_in_force_today": {
        "title": "Visa rules in force today",
        "description": "Rules whose start is today or before (or unknown) and whose end is "
        "today or later (or none); a partial date counts as its whole year or month.",
        "sql": """select v.id, n.name as passport, d.name as destination, v.regime,
  v.max_stay_days, v.effective_from, v.effective_until, v.as_of, v.confidence
from visa v
  join countries n on n.code = v.nationality
  join countries d on d.code = v.destination
where (v.effective_from is null
       or v.effective_from <= substr(date('now'), 1, length(v.effective_from)))
  and (v.effective_until is null
       or v.effective_until >= substr(date('now'), 1, length(v.effective_until)))
order by passport, destination""",
    },
    "cambodia_and_neighbours": {
        "title": "Cambodia beside its neighbours, for a passport",
        "description": "The rules for one passport (an ISO code such as KR) in Cambodia, "
        "Thailand, Vietnam and Laos, the latest first.",
        "sql": """select d.name as destination, v.regime, v.max_stay_days, v.effective_from,
  v.effective_until, v.as_of, v.confidence, v.notes, v.id
from visa v join countries d on d.code = v.destination
where v.nationality = upper(:passport) and v.destination in ('KH', 'TH', 'VN', 'LA')
order by v.destination = 'KH' desc, destination, coalesce(v.effective_from, '') desc""",
    },
    "changes_since": {
        "title": "Visa rules that began or ended since a date",
        "description": "Starts and ends on or after :since (YYYY, YYYY-MM or YYYY-MM-DD). "
        "Every start is listed as began; ckr changes tells a renewal on the same terms apart.",
        "sql": """select effective_from as date, 'began' as change, id, nationality,
  destination, regime, max_stay_days
from visa where effective_from >= :since
union all
select effective_until, 'ended', id, nationality, destination, regime, max_stay_days
from visa where effective_until >= :since
order by date, id""",
    },
    "domain_figures": {
        "title": "A domain's figures by year and reporter",
        "description": "Every figure of one domain (an id such as trade), by period and "
        "by who reported it.",
        "sql": """select period, reported_by, label, value, unit, confidence, id
from figures where domain = :domain
order by period, reported_by, label""",
    },
    "claims_and_verdicts": {
        "title": "The seed article's claims and their verdicts",
        "sql": """select id, verdict, claim, finding,
  (select count(*) from claim_sources s where s.claim_id = claims.id) as sources
from claims
order by case verdict when 'supported' then 1 when 'partly-supported' then 2
  when 'seed-only' then 3 else 4 end, id""",
    },
}


def export(data: Dataset, target: str, force: bool = False) -> None:
    """Make the folder `target` (never replaced, even with `force`)."""
    with new_folder(target) as folder:
        sqlite.write(data, os.path.join(folder, DATABASE + ".db"))
        with open(os.path.join(folder, "metadata.json"), "w", encoding="utf-8") as file:
            json.dump(metadata(data), file, indent=2, ensure_ascii=False)
            file.write("\n")


def metadata(data: Dataset) -> dict:
    meta = data.metadata
    about: dict = {
        "title": meta.title,
        "description": f"Version {meta.version}, last reviewed {meta.last_reviewed}. "
        "Events, visa rules, figures and agreements of Cambodia-South Korea relations, "
        "each with its sources and how far to trust it, and the claims of the seed "
        "article with what checking them found.",
        "license": meta.license,
    }
    known = licenses.known(meta.license)
    if known:
        about["license_url"] = known[2]
    seed = licenses.seed(data)
    if seed is not None:
        about["source"] = f"{seed.publisher}, {seed.title}; and the pages in the sources table"
        about["source_url"] = seed.url
    return about | {
        "databases": {
            DATABASE: {
                "tables": {table.name: _table(table) for table in tables.TABLES}
                | {
                    table.name + "_fts": {"hidden": True} for table in tables.TABLES if table.search
                },
                "queries": QUERIES,
            }
        }
    }


def _table(table: tables.Table) -> dict:
    described: dict = {
        "description": table.description,
        "columns": {column.name: column.description for column in table.columns},
        "sortable_columns": [
            column.name for column in table.columns if column.kind != tables.BOOLEAN
        ],
    }
    if table.label:
        described["label_column"] = table.label
    if table.facets:
        described["facets"] = list(table.facets)
    if table.search:
        described |= {"fts_table": table.name + "_fts", "searchmode": "escaped"}
    return described
