"""Making text from a data file safe to print: no control sequence reaches a terminal."""

from __future__ import annotations

import re
import unicodedata

# Ends a whole-string pattern: Python's "$" also matches before a final newline, where
# JSON Schema's does not, so the lookahead keeps the two readings the same.
PATTERN_END = r"$(?!\n)"

# What printable() escapes, by kind. Written as regular-expression escapes, so that the
# JSON Schema can carry the URL pattern built from them as text too.
# C0 controls (tab and line breaks among them), DEL and C1 controls: terminal escapes.
_CONTROLS = r"\x00-\x1f\x7f-\x9f"
# Bidirectional marks, embeddings, overrides and isolates, the Arabic letter mark
# included: they make a line read differently from what it holds.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Invisible characters that no text in the dataset's languages needs and that can hide
# or disguise text: the Mongolian vowel separator, the invisible maths operators, the
# deprecated format controls, the byte order mark and the interlinear annotation marks.
# The zero-width space, joiners and word joiner stay: Khmer, Thai and Lao text and emoji
# sequences use them (URLs may not hold them: see INVISIBLE_IN_TEXT).
_INVISIBLE = r"\u180e\u2061-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_LINE_SEPARATORS = r"\u2028\u2029"
# Tag characters spell out hidden ASCII. They lie beyond U+FFFF, where Python's and JSON
# Schema's regular expressions part ways, so they are kept out of UNSAFE_CHARACTERS.
_TAGS = r"\U000e0000-\U000e007f"
UNSAFE_CHARACTERS = _CONTROLS + _BIDI + _INVISIBLE + _LINE_SEPARATORS
# Invisible, yet at home in text, so printed as they are; never in a URL.
INVISIBLE_IN_TEXT = r"\u200b-\u200d\u2060"

_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}{_TAGS}]")
_BEYOND_C0 = r"\x7f-\x9f" + _BIDI + _INVISIBLE + _LINE_SEPARATORS + _TAGS
# JSON encoders already escape C0 inside strings; what they let through is the rest.
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
_WHITESPACE = {"\t": " ", "\n": " ", "\r": " "}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _WHITESPACE:
        return _WHITESPACE[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """Show control characters as visible escapes (ESC becomes the four characters \\x1b)."""
    return _UNSAFE.sub(_escape, text)


# The same, less tab, line feed and carriage return.
_UNSAFE_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f" + _BEYOND_C0 + "]")


def printable_keeping_lines(text: str) -> str:
    """printable(), but tabs and line breaks stay: CSV and TSV quote them as data."""
    return _UNSAFE_BUT_LINES.sub(_escape, text)


def escape_json(encoded: str) -> str:
    """JSON allows raw DEL, C1, bidi and invisible characters inside strings; escape them
    too (beyond U+FFFF as a surrogate pair, as JSON writes them)."""
    return _UNSAFE_IN_JSON.sub(lambda m: _json_escape(ord(m.group())), encoded)


def _json_escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def format_number(value: float) -> str:
    """1050.0 -> "1,050"; 965.132 -> "965.132"; 1e20 -> "1e+20" rather than 21 digits."""
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


# A run of percent-escapes of bytes 0x80 and up: the UTF-8 of non-ASCII text, as in
# "%ED%95%9C". Escapes of ASCII ("%20", "%2F") stay: decoded, they would change the URL.
_ENCODED_TEXT = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def _readable(text: str) -> bool:
    """No spaces, controls, bidirectional marks or other invisible characters."""
    return all(unicodedata.category(char)[0] not in "CZ" for char in text)


def display_url(url: str) -> str:
    """A URL as people read it: percent-encoded non-ASCII text shown as text
    ("https://ko.wikipedia.org/wiki/%ED%95%9C" -> ".../wiki/한"), where it decodes as UTF-8
    into visible characters; anything else stays as written. For display only: a link's
    target stays the URL itself."""

    def decoded(match: re.Match[str]) -> str:
        try:
            text = bytes.fromhex(match.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return match.group()
        return text if _readable(text) else match.group()

    return _ENCODED_TEXT.sub(decoded, url) if "%" in url else url
