"""Exporters: the dataset written out for other tools (SQLite today).

`files` is the one way an exporter creates a file or folder; each format has its module.
"""

from ckr.export.files import ExportError, TargetExists
from ckr.export.sqlite import export

__all__ = ["ExportError", "TargetExists", "export"]
