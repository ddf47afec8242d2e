"""The time and the date as the info plugin says them: "It is 8:30 AM.", "It is Monday, June 1st."

The tools are registered by the info plugin (info.py) with these sentences.
"""

from __future__ import annotations

from datetime import datetime

from sottovoce.tools import ToolContext
from sottovoce.tools.builtin.info_phrases import DATE_SENTENCES as ASKED_DATE
from sottovoce.tools.builtin.info_phrases import TIME_SENTENCES as ASKED_TIME
from sottovoce.tools.builtin.reminders_when import clock


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_time(when: datetime) -> str:
    """'8:30 AM', '12:05 PM' (read as the reminders read a clock)."""
    return clock(when)


def spoken_date(when: datetime) -> str:
    """'Monday, June 1st'."""
    return f"{when:%A}, {when:%B} {_ordinal(when.day)}"


TIME_SENTENCES = [
    "what time is it [now|right now]",
    "what is the [current] time [now|right now]",
    "(tell me|give me) the time",
    "do you (have|know) the time",
    "(what|how) late is it",
    "time",
    "what is the time (now|please)",
    "have you [got] the time",
    # Singapore and Indian English: "what time now?", "now what time?"
    "what time now",
    "now what time",
    *ASKED_TIME,
]


def time_get(ctx: ToolContext) -> str:
    """Say the current time."""
    return f"It is {spoken_time(ctx.now())}."


DATE_SENTENCES = [
    "what is the date [today|now]",
    "what is (today|todays|today's|today s|today is) date",
    "what day is it [today|now]",
    "what day is (today|it today)",
    # "Is it Saturday today?": the day says whether it is.
    "is (it|today) [a] (monday|tuesday|wednesday|thursday|friday|saturday|sunday) [today]",
    "what is (today|the day)",
    "(what|which) day of the week is (it [today]|today)",
    "(tell me|give me) the date",
    "what is the date (today|of today)",
    "(what|which) date is (it|today) [today]",
    "(what|which) (date|day) is it",
    "what month is it",
    "today what (day|date)",  # "today what day ah?" (Singapore English)
    "what (day|date) today",
    *ASKED_DATE,
]


def date_get(ctx: ToolContext) -> str:
    """Say today's date."""
    return f"It is {spoken_date(ctx.now())}."
