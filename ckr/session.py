"""What every command works with: the dataset in use and today's date. No terminal here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ckr import dataset, dates, paths


class SettingError(ValueError):
    """A setting from the environment (CKR_TODAY) that cannot be used: a usage error."""


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
    def catalog(self) -> dataset.Catalog:
        """The dataset, read and checked once, on first use."""
        return dataset.load(paths.resolve(self.data_option))

    def caption(self, count: int, noun: str, remark: str = "") -> str:
        """ "11 rules · 3 stale · dataset 2026.11.25, reviewed 2026-11-25" """
        meta = self.catalog.data.metadata
        plural = noun if count == 1 else noun + ("es" if noun.endswith("ch") else "s")
        parts = [
            f"{count} {plural}",
            remark,
            f"dataset {meta.version}, reviewed {meta.last_reviewed}",
        ]
        return " · ".join(part for part in parts if part)
