"""Text from outside made safe to print and to speak: no control characters, a bounded length.

A model server may send anything in a reply: terminal escape sequences that
clear the screen, colour the text or set the window title, bidirectional
overrides that make a printed line read differently from what it holds, NUL
and other control characters. A note's text, a list item or a device name
from a world file reach the reply too. None of that belongs in a chat line or
a spoken sentence, so `printable` removes it; `clip` shortens a sentence on a
word boundary. This module sits on the lowest floor because the engines need
it as much as the agent and the printing commands above it.
"""

from __future__ import annotations

import re
import unicodedata

# Whole escape sequences first, so that "ESC [2J" leaves nothing behind, not "[2J".
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlink
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clear screen
    r"|\x1b[ -/]*[0-~]?"  # the other escapes (ESC c resets the terminal)
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit strings
)
# Kept although Unicode calls them "other": private use and not yet assigned.
_HARMLESS = frozenset({"Co", "Cn"})


def printable(text: str) -> str:
    """The text without escape sequences and control or format characters.

    Tabs, newlines and other line or paragraph breaks become spaces; ordinary
    spaces stay. Removed: C0 and C1 controls (NUL, ESC, BEL, DEL, ...), format
    characters (bidirectional overrides and isolates, zero-width characters,
    the byte order mark) and lone surrogates.
    """
    if text.isprintable():
        return text  # the usual case: nothing to do
    text = _ESCAPES.sub("", text)
    return "".join(_char(c) for c in text)


def _char(char: str) -> str:
    if char.isprintable():
        return char
    category = unicodedata.category(char)
    if category.startswith("Z") or (category == "Cc" and char.isspace()):
        return " "  # a line break, tab or unusual space
    if category.startswith("C") and category not in _HARMLESS:
        return ""
    return char


def clip(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters, at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    cut = head.rstrip().rfind(" ") if not head[limit].isspace() else limit
    kept = head[:cut] if cut > 0 else head[:limit]
    return kept.rstrip(" ,;:-")
