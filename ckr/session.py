"""What every command works with: the dataset in use and today's date. No terminal here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ckr import dataset, dates, paths


class SettingError(ValueError):
    """A setting from the environment (CKR_TODAY, CKR_MAX_BYTES) that cannot be used: a
    usage error."""


@dataclass
class Session:
    data_option: str | None = None

    @cached_property
    def today(self) -> dt.date:
        try:
            return dates.today()
        except ValueError as error:
            raise SettingError(str(error)) from None

    @cached_property
    def max_bytes(self) -> int:
        """The most a dataset file may hold (CKR_MAX_BYTES)."""
        try:
            return dataset.max_bytes()
        except ValueError as error:
            raise SettingError(str(error)) from None

    @cached_property
    def catalog(self) -> dataset.Catalog:
        """The dataset, read and checked once, on first use."""
        path = paths.resolve(self.data_option)
        return dataset.load(path, self.max_bytes, shipped=path == paths.default_path())
