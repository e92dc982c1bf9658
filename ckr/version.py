"""`ckr --version`: the program's version and the dataset's, review date and counts.

`quick()` answers from the standard library alone, without click or msgspec, because
start-up time is most of what `--version` costs. It checks only that the file has the
fields it prints; anything odd goes to the full path, which reports errors properly.
"""

from __future__ import annotations

from ckr import __version__, paths
from ckr.text import printable

COUNTED = ("events", "visa", "domains", "claims", "sources")
NOUNS = {"visa": "visa rules"}


def describe(version: str, last_reviewed: str, counts: dict[str, int]) -> str:
    listed = ", ".join(f"{counts[name]} {NOUNS.get(name, name)}" for name in COUNTED)
    dataset = f"dataset {printable(version)}, reviewed {printable(last_reviewed)}"
    return f"ckr {__version__}\n{dataset}: {listed}"


def quick() -> str | None:
    """The --version text for the shipped dataset, or None to take the full path.

    The shipped file is checked by the tests; a file of the user's own (CKR_DATA) is
    always read and checked in full, so that a broken one is reported.
    """
    import json  # here, not above: the full path never needs it
    import os

    if os.environ.get(paths.DATA_ENV):
        return None

    try:
        with open(paths.resolve(None), "rb") as file:
            document = json.load(file)
        metadata = document["metadata"]
        version, reviewed = metadata["version"], metadata["last_reviewed"]
        lists = {name: document.get(name, []) for name in COUNTED}
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    if not all(isinstance(v, str) for v in (version, reviewed)):
        return None
    if not all(isinstance(items, list) for items in lists.values()):
        return None
    return describe(version, reviewed, {name: len(items) for name, items in lists.items()})
