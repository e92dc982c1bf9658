"""How a search text matches a record's text: words in any order, case and accent form.

A search text is a list of terms: words, and "quoted phrases" kept whole. Every term must
match for a record to match. A term matches at the start of a word and as a prefix
("restor" finds "restored"), or as a whole word only with `whole_words`; the words of a
phrase follow one another, separated by spaces or punctuation ("e-visa" finds "e visa").
Text is compared folded: in any case, width and Unicode form, with accents and other
combining marks dropped ("khach" finds "Khách", "seoul" finds "ＳＥＯＵＬ"). Standard
library only; knows nothing of records or terminals.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Between a record's fields in one haystack: a phrase never runs from one field into the next.
FIELD_BREAK = "\x00"
_GAP = rf"[^\w{FIELD_BREAK}]+"  # what separates the words of a term
_QUOTED = re.compile(r'"([^"]*)"?|“([^”]*)”?|(\S+)')


def terms(text: str) -> list[str]:
    """Split a search text as a shell would split words, with double quotes only (an
    apostrophe is part of a word): 'restored "Busan Savings" 1997' -> ["restored", "Busan
    Savings", "1997"]. A quote left open runs to the end. Empty phrases are dropped."""
    found = []
    for match in _QUOTED.finditer(text):
        term = next(group for group in match.groups() if group is not None).strip()
        if term:
            found.append(term)
    return found


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """fold() of one character, for mapping folded text back to the text it came from."""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not _is_mark(c))
    return unicodedata.normalize("NFC", kept).casefold()


@lru_cache(maxsize=4096)
def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def fold(text: str) -> str:
    """Text as searches compare it: case, width, accents and Unicode form removed."""
    if text.isascii():  # the common case, and the fast one
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    # The few distinct marks a text holds, each removed at once: faster than a loop.
    for mark in {char for char in set(decomposed) if not char.isascii() and _is_mark(char)}:
        decomposed = decomposed.replace(mark, "")
    return unicodedata.normalize("NFC", decomposed).casefold()


def _fold_mapped(text: str) -> tuple[str, list[int]]:
    """fold(text), and for each folded character the index of the character it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces, owners = [], []
    for i, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        owners.extend([i] * len(folded))
    return "".join(pieces), owners


def _pattern(term: str, whole_words: bool) -> tuple[str, re.Pattern]:
    """The term's pattern, and a piece of text any match holds (a quick first test)."""
    folded = fold(term)
    words = re.findall(r"\w+", folded)
    if not words:  # punctuation alone ("%", "+"): looked for as written
        return folded, re.compile(re.escape(folded))
    first = re.escape(words[0])
    # "At a word's start" is checked just after the first word, not before it: a pattern
    # that starts with plain text is searched for many times faster.
    starts_word = rf"{first}(?<!\w{first})"
    rest = "".join(_GAP + re.escape(word) for word in words[1:])
    return words[0], re.compile(starts_word + rest + (r"(?!\w)" if whole_words else ""))


class TextQuery:
    """A parsed search text: does a record's text match, and where in a text to highlight."""

    def __init__(self, text: str, whole_words: bool = False) -> None:
        self.text = text
        self.terms = terms(text)
        if not self.terms:
            raise ValueError("give some text to look for")
        self._tests = [_pattern(term, whole_words) for term in self.terms]
        self.patterns = [pattern for _piece, pattern in self._tests]

    def matches(self, *texts: str | None) -> bool:
        """Whether every term is found in one of `texts` (a record's fields)."""
        return self.matches_joined(FIELD_BREAK.join(filter(None, texts)))

    def matches_joined(self, texts: str) -> bool:
        """matches(), for a record's fields already joined with FIELD_BREAK: for a filter
        over many records (written out, not as all(...), for the same reason)."""
        haystack = texts.lower() if texts.isascii() else fold(texts)
        for piece, pattern in self._tests:
            if piece not in haystack or not pattern.search(haystack):
                return False
        return True

    def found_in(self, text: str) -> list[bool]:
        """For each term, whether it is found in `text`."""
        folded = fold(text)
        return [piece in folded and bool(pattern.search(folded)) for piece, pattern in self._tests]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where any term matches in `text`, as (start, end) indexes into `text` itself,
        in order and merged where they touch: what a table highlights."""
        folded, owners = _fold_mapped(text)
        found = []
        for pattern in self.patterns:
            for match in pattern.finditer(folded):
                if match.end() == match.start():
                    continue
                start, end = owners[match.start()], owners[match.end() - 1] + 1
                while end < len(text) and not _fold_char(text[end]):  # its accents too
                    end += 1
                found.append((start, end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged
