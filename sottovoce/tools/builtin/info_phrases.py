"""How people ask the info plugin for the weather, the time and the date, beyond the plain forms.

Crowd-written questions (SLURP) ask by request ("let me know the time", "can i have
today's date", "show me the time"), by the weather's "condition", "status" or
"update", about "my area" or "home town", and with the day last ("weather on
monday"). These are the sentence lists the info plugin's tools add to their own.
"""

from __future__ import annotations

from typing import Any

# "Tell me", "let me know", "can i have", "show me": a request for an answer.
ASK = (
    "(tell me|let me know|show me|give me|get me|can i have|can i get|could i have"
    "|may i have|i would like)"
)
_NOW = "[now|right now|please|at the moment|currently]"
_WEATHER = "(weather|weather condition|weather conditions|weather status|weather update)"
_WEATHER_NOUN = (
    "(" + _WEATHER + "|weather (forecast|report|prediction|predictions|outlook)|forecast)"
)
_HERE = "[in|for|of] [my|our|the|me] (area|home town|hometown|town|city|location|neighbourhood)"

TIME_SENTENCES = [
    ASK + " [the] [current|exact] time " + _NOW,
    ASK + " [the] [current] time it is [now]",
    ASK + " what time it is [now|right now]",
    "[tell me|what is] the hour",
    "what hour is it [now]",
    "(current|the) time [now|please]",
    "time (now|please)",
]

DATE_SENTENCES = [
    ASK + " [the] [current] date [today|for today] " + _NOW,
    ASK + " (today's|todays|today s) date",
    ASK + " what (day|date) it is [today]",
    "(today's|todays|today s|today|current) date [today|please]",
    "what is the current date [today]",
    "what is the date of today",
    "what day of the month is it [today]",
]

WEATHER_SENTENCES = [
    ASK + " [the] [current] " + _WEATHER_NOUN + " [{weather_day:day}]",
    ASK + " [the] " + _WEATHER_NOUN + " " + _HERE + " [{weather_day:day}]",
    "what is [the] status of [the] [current] weather [{weather_day:day}]",
    "what is the [current] " + _WEATHER + " [{weather_day:day}]",
    "what (is|are) (the|{weather_day:day}) " + _WEATHER_NOUN + " [{weather_day:day}]",
    "what will [be] the " + _WEATHER_NOUN + " [be] [{weather_day:day}]",
    "what (type|kind|sort) of weather (can|should|do|will) (i|we) (expect|get|have) "
    "[{weather_day:day}]",
    "what (type|kind|sort) of weather (is it|is there|is expected|are we having) "
    "[{weather_day:day}]",
    "how is [the] weather (likely|going|expected|supposed) to be " + "[" + _HERE + "] "
    "[{weather_day:day}]",
    "(what is|how is) [the] weather " + _HERE + " [{weather_day:day}]",
    "what is the (forecast|weather) " + _HERE + " [{weather_day:day}]",
    "what is [the] (home town|hometown|local) weather [{weather_day:day}]",
    "[the] weather (in|for|of) [my|our] (home town|hometown|town|area) [{weather_day:day}]",
    "(local|home town|hometown) weather [{weather_day:day}]",
    "{weather_day:day} weather",
    "what (is|are) {weather_on_day:day} " + _WEATHER_NOUN,
    "{weather_on_day:day} weather",
]


_PLAIN_DAY = "[{weather_day:day}]"
_OTHER_DAY = "{weather_on_day:day}"


def with_other_days(sentences: list[Any]) -> list[Any]:
    """The sentences, and each that may end on a day again with the day said otherwise."""
    out: list[Any] = list(sentences)
    for item in sentences:
        if isinstance(item, dict):
            out.append(item | {"sentences": _other(item["sentences"])})
        else:
            out += _other([item])
    return out


def _other(sentences: list[str]) -> list[str]:
    return [s.replace(_PLAIN_DAY, _OTHER_DAY) for s in sentences if _PLAIN_DAY in s]
