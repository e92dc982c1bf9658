"""Reading and checking a dataset file (ckr.paths finds it). Knows nothing of terminals."""

from __future__ import annotations

import os
import re
import stat
from functools import cached_property
from typing import get_args

import msgspec

from ckr import model
from ckr.model import Dataset, Source


class DataError(Exception):
    """A dataset file that cannot be used: `path: location: what is wrong`."""

    def __init__(self, path: str, problem: str, location: str = "") -> None:
        self.path = str(path)
        self.location = location
        self.problem = problem
        where = f"{self.path}: {location}: " if location else f"{self.path}: "
        super().__init__(where + problem)


KIND_ORDER = {kind: i for i, kind in enumerate(get_args(model.SourceKind))}


class Catalog:
    """A checked dataset with its sources indexed by id."""

    def __init__(self, data: Dataset, path: str) -> None:
        self.data = data
        self.path = path
        self.sources = {source.id: source for source in data.sources}

    def cited(self, ids: list[str]) -> list[Source]:
        return [self.sources[i] for i in ids]

    @cached_property
    def records(self) -> dict[str, tuple[str, model.Record]]:
        """Every record by id, with its kind ("event", Event(...)): built on first use, so
        a list of 40,000 references is looked up in one pass, not 40,000."""
        return {record.id: (kind, record) for kind, _where, record in identified(self.data)}

    def by_trust(self, ids: list[str]) -> list[Source]:
        """The sources cited, best first: the most authoritative kind, then the newest."""
        cited = self.cited(list(dict.fromkeys(ids)))
        cited.sort(key=lambda s: s.published or s.accessed, reverse=True)
        return sorted(cited, key=lambda s: KIND_ORDER[s.kind])  # stable: newest first within

    def best_source(self, ids: list[str]) -> Source:
        return self.by_trust(ids)[0]


def load(path: str, limit: int | None = None, shipped: bool = False) -> Catalog:
    """Read, decode and check a dataset file, or raise DataError.

    `shipped`: the dataset that comes with ckr, whose keys the tests check, so loading
    need not look for duplicate keys in it.
    """
    raw = read_bytes(path, limit)
    try:
        data = msgspec.json.decode(raw, type=Dataset)
    except msgspec.ValidationError as error:
        # A file that is not UTF-8 says so, whatever msgspec happened to check first.
        not_text = _not_utf8(raw)
        if not_text:
            raise DataError(path, not_text) from None
        location, problem = split_location(str(error))
        raise DataError(path, problem, location) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        raise DataError(path, describe_decode_error(str(error), raw)) from None
    except RecursionError:
        raise DataError(path, "nested too deeply to be a dataset") from None
    catalog = Catalog(data, str(path))
    # msgspec keeps the last of two equal keys silently. Looking for them costs about as
    # much as decoding the file again, so loading does it for a user's own file of
    # ordinary size (ckr validate for any file).
    check_keys = not shipped and len(raw) <= DUPLICATE_CHECK_BYTES
    problems = duplicate_keys(raw) if check_keys else []
    problems = problems or cross_reference_problems(data)
    if problems:
        location, problem = problems[0]
        others = len(problems) - 1
        more = f" (and {others} more problem{'s' if others > 1 else ''})" if others else ""
        raise DataError(path, problem + more, location)
    return catalog


DUPLICATE_CHECK_BYTES = 8 * 2**20


def duplicate_keys(raw: bytes) -> list[tuple[str, str]]:
    """Keys given twice in one JSON object (two "title"s in an event), with where, in the
    file's order: JSON allows them, but a reader keeps one and drops the other unsaid."""
    import json

    found = False

    def pairs(items: list[tuple[str, object]]) -> dict:
        nonlocal found
        node = dict(items)
        if len(node) < len(items):
            found = True
            node, seen = _Twice(node), set()
            for key, _ in items:
                if key in seen and key not in node.twice:
                    node.twice.append(key)
                seen.add(key)
        return node

    try:
        document = json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return []  # not JSON, or too deep: msgspec says so
    if not found:
        return []
    problems = []
    pending: list[tuple[object, tuple]] = [(document, ())]
    while pending:  # a loop, not recursion: a broken file may nest deep
        node, where = pending.pop()
        if isinstance(node, _Twice):
            location = json_path(where)
            problems += [(location, f"Object has the field `{key}` twice") for key in node.twice]
        if isinstance(node, (dict, list)):
            children = node.items() if isinstance(node, dict) else enumerate(node)
            pending += reversed([(value, (*where, step)) for step, value in children])
    return problems


class _Twice(dict):
    """An object that had a key twice: `twice` names them."""

    def __init__(self, items: dict) -> None:
        super().__init__(items)
        self.twice: list[str] = []


MAX_BYTES_ENV = "CKR_MAX_BYTES"
DEFAULT_MAX_BYTES = 256 * 2**20


def max_bytes() -> int:
    """The most a dataset file may hold: CKR_MAX_BYTES, else 256 MiB; ValueError if bad."""
    value = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise ValueError(
            f"{MAX_BYTES_ENV}: {value!r} is not a number of bytes "
            f"(such as {2 * DEFAULT_MAX_BYTES} for {2 * DEFAULT_MAX_BYTES // 2**20} MiB)"
        )
    return int(value)


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """The file's bytes, at most `limit` of them (default 256 MiB): `--data /dev/zero`
    ends in an error, not in a machine out of memory."""
    limit = limit or DEFAULT_MAX_BYTES
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if stat.S_ISREG(status.st_mode) and status.st_size > limit:
                raise DataError(path, _too_large(limit))
            raw = file.read(limit + 1)  # devices and pipes have no size to check first
    except FileNotFoundError:
        raise DataError(path, "no such file") from None
    except IsADirectoryError:
        raise DataError(path, "is a folder, not a dataset file") from None
    except OSError as error:
        raise DataError(path, f"cannot be read ({error.strerror or error})") from None
    if len(raw) > limit:
        raise DataError(path, _too_large(limit))
    if not raw.strip():
        raise DataError(path, "is empty")
    return raw


def _too_large(limit: int) -> str:
    size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit:,} bytes"
    return f"is larger than the limit of {size} (set {MAX_BYTES_ENV} to raise it)"


_AT_PATH = re.compile(r"^(?P<problem>.*?) - at `(?P<location>\$[^`]*)`$", re.DOTALL)


_FIELD_FIRST = re.compile(r"^(?P<field>[a-z_]+): (?P<problem>.*)$", re.DOTALL)


def split_location(message: str) -> tuple[str, str]:
    """msgspec says "Expected `int` - at `$.visa[2].max_stay_days`"; split the two.

    The model's own checks name their field first ("date: '2023-02-30' is not ...");
    that field joins the location: "$.events[3].date".
    """
    match = _AT_PATH.match(message)
    location, problem = (match["location"], match["problem"]) if match else ("$", message)
    field = _FIELD_FIRST.match(problem)
    if field:
        return f"{location}.{field['field']}", field["problem"]
    return location, _in_words(problem)


def _in_words(problem: str) -> str:
    """msgspec names the regex a string failed; say what the field asks for instead.
    Numbers are JSON's: `number` rather than Python's `float`, bounds without ".0"."""
    for pattern, meaning in model.PATTERN_MEANINGS.items():
        if problem == f"Expected `str` matching regex {pattern!r}":
            return f"expected {meaning}"
    problem = problem.replace("`float", "`number").replace("float`", "number`")
    return re.sub(r"(?<=[<>]= )(-?[0-9]+)\.0\b", r"\1", problem)


def _not_utf8(raw: bytes) -> str | None:
    """Where a file stops being UTF-8, in words; None if it is UTF-8 throughout.

    Called on error paths only: decoding the whole file costs time on a large one.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(raw, error.start)
        return f"is not UTF-8 text (line {line}, column {column})"
    return None


def describe_decode_error(message: str, raw: bytes) -> str:
    """Turn msgspec's byte offset into the line and column an editor shows."""
    not_text = _not_utf8(raw)
    if not_text:
        return not_text
    if "truncated" in message:
        line, column = _line_and_column(raw, len(raw))
        return f"not valid JSON: the file ends early, at line {line}, column {column}"
    match = re.search(r"\(byte (\d+)\)", message)
    if not match:
        return f"not valid JSON: {message}"
    line, column = _line_and_column(raw, int(match.group(1)))
    reason = message[: match.start()].strip().removeprefix("JSON is malformed:").strip()
    return f"not valid JSON at line {line}, column {column}: {reason}"


def _line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return line, column


def cross_reference_problems(
    data: Dataset, also_present: frozenset[str] | set[str] = frozenset()
) -> list[tuple[str, str]]:
    """Checks that span records: ids unique across the file, references that resolve.

    `also_present`: ids of records in the file that failed their own check (ckr validate
    reports those once, not again in everything that refers to them).
    """
    problems: list[tuple[str, str]] = []
    _check_unique_ids(data, problems)
    known = {
        "source": {s.id for s in data.sources} | also_present,
        "event": {e.id for e in data.events} | also_present,
        "visa rule": {r.id for r in data.visa} | also_present,
        "domain": {d.id for d in data.domains} | also_present,
    }

    def check(cited: list[str], kind: str, location: str) -> None:
        for wanted in cited:
            if wanted not in known[kind]:
                problems.append((location, f"unknown {kind} {wanted!r}"))

    cited: set[str] = set()
    for record in _citing(data):  # every load: no locations made unless one is wrong
        cited.update(record.sources)
    if not cited <= known["source"]:  # only then is it worth formatting every location
        for where, record in citing_records(data):
            check(record.sources, "source", json_path(where) + ".sources")
    for i, domain in enumerate(data.domains):
        check(domain.related_events, "event", f"$.domains[{i}].related_events")
    for i, claim in enumerate(data.claims):
        check(claim.events, "event", f"$.claims[{i}].events")
        check(claim.visa, "visa rule", f"$.claims[{i}].visa")
        check(claim.domains, "domain", f"$.claims[{i}].domains")
    return problems


def _citing(data: Dataset):
    """The records citing_records() yields, without their locations: faster."""
    yield from data.events
    yield from data.visa
    yield from data.claims
    yield from (rule.details for rule in data.visa if rule.details is not None)
    for domain in data.domains:
        for part in DOMAIN_PARTS:
            yield from getattr(domain, part)


def citing_records(data: Dataset):
    """Every record that cites sources, with where it is: ("events", 3), or
    ("domains", 2, "figures", 0); json_path() turns that into "$.events[3]"."""
    for name in ("events", "visa", "claims"):
        for i, record in enumerate(getattr(data, name)):
            yield (name, i), record
    for i, rule in enumerate(data.visa):
        if rule.details is not None:
            yield ("visa", i, "details"), rule.details
    for i, domain in enumerate(data.domains):
        for part in DOMAIN_PARTS:
            for j, item in enumerate(getattr(domain, part)):
                yield ("domains", i, part, j), item


def json_path(where: tuple) -> str:
    """("domains", 2, "figures", 0) -> "$.domains[2].figures[0]"."""
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in where)


# What each collection's records are called, the domains' parts among them.
KINDS = {
    "sources": "source",
    "events": "event",
    "visa": "visa rule",
    "domains": "domain",
    "figures": "figure",
    "agreements": "agreement",
    "notes": "domain note",
    "claims": "claim",
}
DOMAIN_PARTS = ("figures", "agreements", "notes")


def identified(data: Dataset):
    """Every record with an id, with its kind and where it is: ("figure", ("domains", 2,
    "figures", 0), Figure(...)); a domain's parts come right after the domain."""
    for name in model.COLLECTIONS:
        for i, record in enumerate(getattr(data, name)):
            yield KINDS[name], (name, i), record
            if name == "domains":
                for part in DOMAIN_PARTS:
                    for j, item in enumerate(getattr(record, part)):
                        yield KINDS[part], (name, i, part, j), item


def _check_unique_ids(data: Dataset, problems: list[tuple[str, str]]) -> None:
    """Ids are unique across all kinds, so `ckr show ID` always means one record."""
    # Lists straight from the collections: this runs on every load, over every record.
    ids = [record.id for name in model.COLLECTIONS for record in getattr(data, name)]
    ids += [item.id for d in data.domains for part in DOMAIN_PARTS for item in getattr(d, part)]
    if len(set(ids)) == len(ids):
        return
    seen: set[str] = set()
    for _kind, where, record in identified(data):
        if record.id in seen:
            problems.append((json_path(where) + ".id", f"duplicate id {record.id!r}"))
        seen.add(record.id)
