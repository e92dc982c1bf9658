"""Citations: a record's sources and the dataset itself, in the usual styles.

Every format starts from the same CSL-JSON items (the citation data Zotero, pandoc and
every CSL processor read). citeproc-py turns them into APA, Chicago, MLA or Harvard text
with the CSL style files; BibTeX and RIS are written from the items directly. citeproc-py
(and lxml beneath it) is imported only when a style is rendered. No terminal here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from ckr import __version__
from ckr.model import Metadata, Source
from ckr.text import escape_json, printable

STYLES = ("apa", "chicago", "mla", "harvard", "bibtex", "ris", "csl-json")
DATASET_ID = "ckr:dataset"  # a colon: no source's id (a slug) can be the same

# The CSL styles, by name; CSL_FILES without a path come with citeproc-py itself.
# Those in ckr/styles/ are the Citation Style Language project's, CC BY-SA 3.0, unchanged.
CSL_FILES = {
    "apa": "apa.csl",  # APA 7th edition
    "chicago": "chicago-author-date.csl",  # Chicago 18th edition, author-date
    "mla": "modern-language-association.csl",  # MLA 9th edition
    "harvard": "harvard-cite-them-right.csl",  # Cite Them Right 12th edition
}
# Cite Them Right is a British guide; its file names no locale, so citeproc would use en-US.
LOCALES = {"harvard": "en-GB"}


def date_parts(partial: str) -> dict:
    """ "2021-10" -> {"date-parts": [[2021, 10]]}: CSL's date, as precise as the data."""
    return {"date-parts": [[int(part) for part in partial.split("-")]]}


def source_item(source: Source) -> dict:
    """A source as a CSL-JSON web page. Sources name no people: the publisher is the
    author (cite by organisation) and also the site the page is on."""
    item = {
        "id": source.id,
        "type": "webpage",
        "author": [{"literal": source.publisher}],
        "title": source.title,
        "container-title": source.publisher,
        "URL": source.url,
        "accessed": date_parts(source.accessed),
    }
    if source.published:
        item["issued"] = date_parts(source.published)
    return item


def dataset_item(metadata: Metadata, today: dt.date) -> dict:
    """The dataset as a CSL-JSON data set: its title and version, reviewed on its
    `last_reviewed` date, accessed today, processed by this ckr."""
    return {
        "id": DATASET_ID,
        "type": "dataset",
        "author": [{"literal": "ckr"}],
        "title": metadata.title,
        "version": metadata.version,
        "issued": date_parts(metadata.last_reviewed),
        "accessed": date_parts(today.isoformat()),
        "note": f"Processed by ckr {__version__}",
    }


def items_for(sources: list[Source], metadata: Metadata, today: dt.date) -> list[dict]:
    """CSL-JSON items: each source once, in order, then the dataset."""
    once = {source.id: source for source in sources}.values()
    return [*(source_item(s) for s in once), dataset_item(metadata, today)]


def write(items: list[dict], style: str) -> str:
    """The items as text in `style` (one of STYLES): one citation a line for the CSL
    styles, one entry a paragraph for BibTeX and RIS, a JSON array for csl-json."""
    if style == "csl-json":
        return escape_json(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"
    if style == "bibtex":
        return "\n".join(bibtex_entry(item) for item in items)
    if style == "ris":
        return "\n".join(ris_entry(item) for item in items)
    return "".join(line + "\n" for line in styled(items, style))


def styled(items: list[dict], style: str) -> list[str]:
    """Plain-text citations in a CSL style, in the order of `items`."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.frontend import STYLES_PATH
    from citeproc.source.json import CiteProcJSON

    folder = os.path.join(os.path.dirname(__file__), "styles")
    path = os.path.join(folder, CSL_FILES[style])
    if not os.path.exists(path):
        path = os.path.join(STYLES_PATH, CSL_FILES[style])
    csl = CitationStylesStyle(path, locale=LOCALES.get(style), validate=False)
    bibliography = CitationStylesBibliography(
        csl, CiteProcJSON([_named_once(item) for item in items]), formatter.plain
    )
    for item in items:  # registered in order and never sorted: sources first, dataset last
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [printable(str(entry)) for entry in bibliography.bibliography()]


def _named_once(item: dict) -> dict:
    """Styles would print the organisation twice, as author and as site ("Yonhap. (2025).
    Title. Yonhap."); APA's rule, which the others agree with, is to name it once."""
    authors = [a.get("literal") for a in item.get("author", [])]
    if item.get("container-title") in authors:
        item = {key: value for key, value in item.items() if key != "container-title"}
    return item


# BibTeX: @misc, which classic BibTeX and biblatex both know. Organisations are put in
# double braces, so no style takes them apart into first and last names; titles too, so
# no style lower-cases the proper nouns in them.
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIALS))
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_SPECIALS[m.group()], printable(text))


def bibtex_entry(item: dict) -> str:
    """One @misc entry; every value in braces but the month, a BibTeX macro (oct)."""
    authors = " and ".join("{" + bibtex_escape(a["literal"]) + "}" for a in item["author"])
    fields = {"author": authors, "title": "{" + bibtex_escape(item["title"]) + "}"}
    site = _named_once(item).get("container-title")  # a LaTeX style would print it twice
    if site:
        fields["howpublished"] = bibtex_escape(site)
    if "version" in item:
        fields["version"] = bibtex_escape(item["version"])
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        fields["year"] = str(issued[0])
    if len(issued) > 1:
        fields["month"] = _MONTHS[issued[1] - 1]  # a macro, not text: no braces
    accessed = _iso(item["accessed"])
    if "URL" in item:  # verbatim in biblatex and \url: escape only what would unbalance it
        fields["url"] = item["URL"].replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
        fields["urldate"] = accessed
    note = f"{item['note']}; accessed {accessed}" if "note" in item else f"Accessed {accessed}"
    fields["note"] = bibtex_escape(note)
    lines = [
        f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
        for name, value in fields.items()
    ]
    return "\n".join([f"@misc{{{item['id']},", *lines, "}"]) + "\n"


# RIS: ELEC is a web page, DATA a data set; dates are YYYY/MM/DD/ with empty parts
# where the data is less precise.
_RIS_TYPES = {"webpage": "ELEC", "dataset": "DATA"}


def ris_entry(item: dict) -> str:
    lines = [("TY", _RIS_TYPES[item["type"]])]
    lines += [("AU", author["literal"]) for author in item["author"]]
    lines.append(("TI", item["title"]))
    if "container-title" in item:
        lines.append(("T2", item["container-title"]))
    if "version" in item:
        lines.append(("ET", item["version"]))
    if "issued" in item:
        lines.append(("PY", str(item["issued"]["date-parts"][0][0])))
        lines.append(("DA", _ris_date(item["issued"])))
    if "URL" in item:
        lines.append(("UR", item["URL"]))
    lines.append(("Y2", _ris_date(item["accessed"])))
    if "note" in item:
        lines.append(("N1", item["note"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {printable(value)}\n" for tag, value in lines)


def _ris_date(date: dict) -> str:
    parts = [f"{p:02d}" for p in date["date-parts"][0]] + ["", ""]
    return "/".join(parts[:3]) + "/"


def _iso(date: dict) -> str:
    year, *rest = date["date-parts"][0]
    return "-".join([f"{year:04d}", *(f"{p:02d}" for p in rest)])
