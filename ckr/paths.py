"""Where the dataset file is. Standard library only: the `--version` fast path uses it."""

from __future__ import annotations

import os

DATA_ENV = "CKR_DATA"
DATA_FILE = "ckr.json"


def default_path() -> str:
    """The shipped dataset: inside the installed package, or `data/` in a checkout."""
    package_dir = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(package_dir, "data", DATA_FILE)
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(package_dir), "data", DATA_FILE)


def resolve(option: str | None) -> str:
    """The file to read: --data, else $CKR_DATA, else the shipped dataset."""
    return option or os.environ.get(DATA_ENV) or default_path()
