"""Every problem in a dataset file, each with its JSON location (for `ckr validate`).

Loading stops at the first problem; this module keeps going, record by record, and adds
the checks that matter to someone editing the file: sources nothing cites, rules confirmed
before they took effect, and periods of the same rule that overlap.
"""

from __future__ import annotations

import msgspec

from ckr import dataset, dates, query
from ckr.model import COLLECTIONS, OLD_VERDICTS, Dataset, Metadata, VisaRule

Problem = tuple[str, str]  # (JSON location, what is wrong)


def problems_in_file(path: str, limit: int | None = None) -> list[Problem]:
    """All problems found in a file; an empty list means it is clean."""
    try:
        raw = dataset.read_bytes(path, limit)
        document = msgspec.json.decode(raw)
    except dataset.DataError as error:
        return [(error.location or "$", error.problem)]
    except UnicodeDecodeError as error:
        return [("$", dataset.describe_decode_error(str(error), raw))]
    except (msgspec.DecodeError, RecursionError):
        # Not JSON, or not a document: loading it the usual way says where, and best.
        try:
            dataset.load(path, limit)
        except dataset.DataError as error:
            return [(error.location or "$", error.problem)]
        raise  # not expected: whatever broke the generic decoder broke no typed load
    return dataset.duplicate_keys(raw) + problems_in_document(document)


def problems_in_document(document: object) -> list[Problem]:
    if not isinstance(document, dict):
        return [("$", f"Expected `object`, got `{_json_type(document)}`")]
    problems: list[Problem] = []
    for key in document.keys() - {"metadata", *COLLECTIONS}:
        problems.append(("$", f"Object contains unknown field `{key}`"))
    for required in ("metadata", "sources"):
        if required not in document:
            problems.append(("$", f"Object missing required field `{required}`"))
    metadata = None
    if "metadata" in document:  # when missing, it was reported once above
        metadata = _convert(document["metadata"], Metadata, "$.metadata", problems)
    valid = {name: _valid_records(document, name, problems) for name in COLLECTIONS}
    # The checks across records need a Dataset; a stand-in fills a broken metadata block,
    # with a review date that no confirmation can postdate.
    stand_in = Metadata(title="?", version="?", license="?", last_reviewed="9999")
    checked = Dataset(metadata=metadata or stand_in, **valid)
    # A record that failed its own check is still there: what refers to it, or what it
    # cites, must not be reported again.
    problems += dataset.cross_reference_problems(checked, also_present=_raw_ids(document))
    problems += editorial_problems(checked, _raw_citations(document))
    problems += _old_spellings(document)
    return problems


def _old_spellings(document: dict) -> list[Problem]:
    """Verdicts spelled as in 0.1: still read, but the file should say the new word."""
    claims = document.get("claims")
    return [
        (f"$.claims[{i}].verdict", f"{claim['verdict']!r} is now spelled {new!r}")
        for i, claim in enumerate(claims if isinstance(claims, list) else [])
        if isinstance(claim, dict)
        and isinstance(claim.get("verdict"), str)
        and (new := OLD_VERDICTS.get(claim["verdict"]))
    ]


def _raw_ids(document: dict) -> set[str]:
    """The ids of every record in the file, including those that failed their check."""
    lists = [items for name in COLLECTIONS if isinstance(items := document.get(name), list)]
    return {
        item["id"]
        for items in lists
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _raw_citations(document: object) -> set[str]:
    """Every source id cited anywhere in the file, broken records included.

    A loop rather than recursion: a broken file may nest arrays hundreds deep.
    """
    cited: set[str] = set()
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    cited.update(v for v in value if isinstance(v, str))
                else:
                    pending.append(value)
        elif isinstance(node, list):
            pending.extend(node)
    return cited


def _valid_records(document: dict, name: str, problems: list[Problem]) -> list:
    items = document.get(name, [])
    if not isinstance(items, list):
        problems.append((f"$.{name}", f"Expected `array`, got `{_json_type(items)}`"))
        return []
    converted = (
        _convert(item, COLLECTIONS[name], f"$.{name}[{i}]", problems)
        for i, item in enumerate(items)
    )
    return [record for record in converted if record is not None]


def _convert(value: object, kind: type, location: str, problems: list[Problem]):
    try:
        return msgspec.convert(value, kind)
    except msgspec.ValidationError as error:
        inner, problem = dataset.split_location(str(error))
        problems.append((location + inner.removeprefix("$"), problem))
        return None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "str", bool: "bool", int: "int", float: "float"}
    return names.get(type(value), "null")


def editorial_problems(data: Dataset, cited: set[str]) -> list[Problem]:
    """Not errors that stop ckr, but signs that a record needs another look."""
    problems: list[Problem] = []
    for i, source in enumerate(data.sources):
        if source.id not in cited:
            problems.append((f"$.sources[{i}]", f"source {source.id!r} is cited by no record"))
    for i, rule in enumerate(data.visa):
        # Confirmed only before it started, a rule is announced, not verified in force.
        started = rule.effective_from and dates.first_day(rule.effective_from)
        if rule.confidence == "verified" and started and dates.last_day(rule.as_of) < started:
            problems.append(
                (
                    f"$.visa[{i}].as_of",
                    f"{rule.as_of} is before effective_from {rule.effective_from}, "
                    "yet the rule is marked verified",
                )
            )
        if rule.destination == rule.nationality:
            problems.append(
                (
                    f"$.visa[{i}]",
                    f"a rule for {rule.nationality} passports in their own country",
                )
            )
        reviewed = data.metadata.last_reviewed
        if dates.first_day(rule.as_of) > dates.last_day(reviewed):
            problems.append(
                (f"$.visa[{i}].as_of", f"{rule.as_of} is after the dataset's review, {reviewed}")
            )
    problems += _overlapping_periods(data.visa)
    for name in COLLECTIONS:
        for i, record in enumerate(getattr(data, name)):
            problems += _listed_twice(record, f"$.{name}[{i}]")
    return problems


def _listed_twice(record: msgspec.Struct, location: str) -> list[Problem]:
    """An id given twice in one list (a source cited twice, say): harmless to read, but
    surely a slip, and a database's link table holds each pair once."""
    problems = []
    for field in record.__struct_fields__:
        value = getattr(record, field)
        if not isinstance(value, list):
            continue
        if all(isinstance(item, str) for item in value):
            seen: set[str] = set()
            for item in value:
                if item in seen:
                    problems.append((f"{location}.{field}", f"{item!r} is listed twice"))
                seen.add(item)
        for j, item in enumerate(value):
            if isinstance(item, msgspec.Struct):
                problems += _listed_twice(item, f"{location}.{field}[{j}]")
    return problems


def _overlapping_periods(rules: list[VisaRule]) -> list[Problem]:
    """Two rules for the same destination and nationality must not apply on the same day."""
    by_pair: dict[tuple[str, str], list[tuple[int, VisaRule]]] = {}
    for i, rule in enumerate(rules):
        by_pair.setdefault((rule.destination, rule.nationality), []).append((i, rule))
    problems = []
    for entries in by_pair.values():
        entries.sort(key=lambda entry: query.period(entry[1]))
        for (_, earlier), (i, later) in zip(entries, entries[1:], strict=False):
            if query.period(later)[0] <= query.period(earlier)[1]:
                problems.append(
                    (
                        f"$.visa[{i}]",
                        f"period overlaps rule {earlier.id!r} for the same country pair",
                    )
                )
    return problems
