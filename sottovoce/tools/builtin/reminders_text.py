"""What a reminder's words say besides what to be reminded of: the day, the part of the
day and the connector ("to", "that"), and how the reply says them back to the user.

Sentences reach the tools normalized: times of day as "HH:MM". Pure functions of text.
"""

from __future__ import annotations

import re

from sottovoce.tools import ToolError
from sottovoce.tools.builtin.reminders_when import NO_TIME, PARTS_OF_DAY, WEEKDAYS, take_time

TIME_RE = re.compile(r"\b(\d{1,2}):(\d{2})(?: am| pm)?\b")
CONNECTORS = {"to": "to", "that": "that", "about": "about", "of": "about", "for": "about"}
DAY_WORDS = {"tomorrow": "tomorrow", "today": "today", "tonight": "today"} | {
    day: day for day in WEEKDAYS
}
# Swapped in the reply only: "remind me to call my mom" -> "to call your mom".
PERSON = {
    "my": "your", "me": "you", "myself": "yourself", "mine": "yours", "i": "you",
    # The text is kept as said, so contractions arrive whole.
    "i'm": "you're", "i've": "you've", "i'll": "you'll", "i'd": "you'd",
}  # fmt: skip


def split_when(text: str, at: str) -> tuple[str, str, str | None, str | None]:
    """Separate the time, a day word, its part of the day and any words a wildcard misplaced.

    Two free-text slots can split a sentence in the wrong place ("meet bob" /
    "the station at 17:00"); this puts the words back into the text.
    """
    found = TIME_RE.search(at)
    if found is not None:
        before, after = at[: found.start()].split(), at[found.end() :].split()
        if before and before[-1] in ("at", "by", "for"):
            before.pop()
        words = after + text.split() + (["at", *before] if before else [])
        hhmm = found[0]
    else:
        joined = f"{text} at {at}" if at.strip() else text
        inner, rest = take_time(joined)
        if inner is None:
            raise ToolError(NO_TIME)
        hhmm, words = inner, rest.split()
    half, words = _take_part(words)
    day, words = _take_day(words)
    return " ".join(words), hhmm, day, half


def _take_part(words: list[str]) -> tuple[str | None, list[str]]:
    """A part of the day said with its day ("call mom tomorrow morning", "start supper
    this afternoon"), as 'am'/'pm'; "this" goes with it (the day is today)."""
    for at in (len(words) - 1, 1):
        if not (0 < at < len(words) and words[at] in PARTS_OF_DAY):
            continue
        if words[at - 1] in DAY_WORDS:
            return PARTS_OF_DAY[words[at]], words[:at] + words[at + 1 :]
        if words[at - 1] == "this":
            return PARTS_OF_DAY[words[at]], words[: at - 1] + words[at + 1 :]
    return None, words


def _take_day(words: list[str]) -> tuple[str | None, list[str]]:
    """A day word at either end of the text ("call anna tomorrow")."""
    day = None
    while words and words[-1] in DAY_WORDS:
        day = DAY_WORDS[words.pop()]
        if day in WEEKDAYS and words and words[-1] in ("on", "this", "next"):
            words.pop()  # "call anna on friday"
    while words and words[0] in DAY_WORDS:
        day = DAY_WORDS[words.pop(0)]
    if words and words[0] in CONNECTORS and len(words) > 1 and words[1] in DAY_WORDS:
        day = DAY_WORDS[words.pop(1)]
    return day, words


def split_connector(text: str) -> tuple[str, str]:
    """('to', 'stretch') from 'to stretch'; 'to' when nothing introduces the text."""
    words = text.lower().split()
    if words[:2] in (["for", "me"], ["for", "us"]) and len(words) > 2:
        words = words[2:]  # "set a reminder for me to go to work"
    connector = "to"
    if words and words[0] in CONNECTORS:
        connector = CONNECTORS[words.pop(0)]
    elif words[:1] in (["i"], ["we"]):  # "i need to wake up": a clause, said after "that"
        connector = "that"
    body = " ".join(words)
    if not body:
        raise ToolError("What should I remind you about?")
    return connector, body


def second_person(text: str) -> str:
    """'to call my mum' -> 'to call your mum'; 'that i am late' -> 'that you are late'."""
    spoken = f" {text} ".replace(" i am ", " you are ").replace(" i was ", " you were ")
    return " ".join(PERSON.get(word, word) for word in spoken.split())
