"""The dataset's license, as the identifiers and addresses other tools ask for."""

from __future__ import annotations

# Known licenses: the start of the dataset's license text -> (SPDX id, title, address).
KNOWN = {
    "CC BY 4.0": ("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC BY-SA 4.0": ("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0": ("CC0-1.0", "Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL": ("ODbL-1.0", "Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}  # fmt: skip


def known(text: str) -> tuple[str, str, str] | None:
    """(SPDX id, title, address) of the license `text` starts with, or None."""
    for start, license in KNOWN.items():
        if text.startswith(start):
            return license
    return None


def seed(data) -> object | None:
    """The seed article's source record, if the dataset has one."""
    return next((s for s in data.sources if s.id == "seed"), None)
