"""Exporters: the dataset written out for other tools.

`files` is the one way an exporter creates a file or folder; `tables` describes the
dataset as tables for the formats that are tables; each format has its module, loaded
only when it is used.
"""

from __future__ import annotations

import importlib
import os

from ckr.export.files import ExportError, TargetExists
from ckr.model import Dataset

# Format: (module, what it makes).
FORMATS = {
    "sqlite": ("sqlite", "file"),
    "datasette": ("datasette", "folder"),
    "datapackage": ("datapackage", "folder"),
    "claimreview": ("claimreview", "file"),
}

__all__ = ["FORMATS", "ExportError", "TargetExists", "export"]


def export(
    data: Dataset, target: str, dataset_path: str, force: bool = False, format: str = "sqlite"
) -> None:
    """Write `data` to `target` in `format`, never over the dataset file being read."""
    if (
        os.path.exists(dataset_path)
        and os.path.exists(target)
        and os.path.samefile(target, dataset_path)
    ):
        raise ExportError(f"{target} is the dataset being read; choose another file")
    module = importlib.import_module(f"ckr.export.{FORMATS[format][0]}")
    module.export(data, target, force=force)
