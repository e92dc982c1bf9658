"""Making text from a data file safe to print: no control sequence reaches a terminal."""

from __future__ import annotations

import re

# Ends a whole-string pattern: Python's "$" also matches before a final newline, where
# JSON Schema's does not, so the lookahead keeps the two readings the same.
PATTERN_END = r"$(?!\n)"

# C0 controls, DEL, C1 controls, and the Unicode bidirectional marks, overrides and
# isolates and line separators that can make a line read differently from what it holds.
# Written as regular-expression escapes, so the JSON Schema can carry it as text too.
_BEYOND_C0 = r"\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
UNSAFE_CHARACTERS = r"\x00-\x1f" + _BEYOND_C0
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
# JSON encoders already escape C0 inside strings; what they let through is the rest.
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
_WHITESPACE = {"\t": " ", "\n": " ", "\r": " "}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _WHITESPACE:
        return _WHITESPACE[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Show control characters as visible escapes (ESC becomes the four characters \\x1b)."""
    return _UNSAFE.sub(_escape, text)


# The same, less tab, line feed and carriage return.
_UNSAFE_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f" + _BEYOND_C0 + "]")


def printable_keeping_lines(text: str) -> str:
    """printable(), but tabs and line breaks stay: CSV and TSV quote them as data."""
    return _UNSAFE_BUT_LINES.sub(_escape, text)


def escape_json(encoded: str) -> str:
    """JSON allows raw DEL, C1 and bidi characters inside strings; escape them too."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def format_number(value: float) -> str:
    """1050.0 -> "1,050"; 965.132 -> "965.132"; 1e20 -> "1e+20" rather than 21 digits."""
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"
