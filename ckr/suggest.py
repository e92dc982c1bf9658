""" "Did you mean": the nearest known spelling of a mistyped word."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    import difflib  # only on a typo: it costs start-up time on every run otherwise

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return matches[0] if matches else None
