"""Clock times as "HH:MM" ("half past seven", "5 pm"), told apart from levels and quantities."""

from __future__ import annotations

import re

from sottovoce.agent.normalize.durations import quantity_follows

# "set the volume at 5" and "from 10 to 5" are levels, not clock times.
_LEVEL_WORDS = frozenset(
    "volume brightness temperature thermostat heating heat fan speed level dimmer".split()
)
_MERIDIEM: dict[tuple[str, ...], str] = {
    ("am",): "am", ("a", "m"): "am", ("pm",): "pm", ("p", "m"): "pm",
    ("in", "the", "morning"): "am", ("in", "the", "afternoon"): "pm",
    ("in", "the", "evening"): "pm", ("at", "night"): "night",
}  # fmt: skip
_NAMED_HOURS = {"noon": 12, "midday": 12, "midnight": 0}
_CLOCK = re.compile(r"(\d{1,2})([:.])(\d{2})")


def _is_digit(tok: str) -> bool:
    """Whether tok is a single digit."""
    return len(tok) == 1 and tok.isdecimal()


def time_at(tokens: list[str], i: int, before: list[str]) -> tuple[str, int] | None:
    """Clock time at i as 24-hour "HH:MM" ("half past seven" -> "07:30")."""
    tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok == "12" and nxt in _NAMED_HOURS:
        found: tuple[int, int, int] | None = (_NAMED_HOURS[nxt], 0, i + 2)
    elif tok in _NAMED_HOURS:
        found = (_NAMED_HOURS[tok], 0, i + 1)
    elif tok == "a" and nxt == "quarter":
        found = _read_relative(tokens, i + 1, before)
    elif tok == "half" and _british_half(tokens, i, before):
        # "at half nine": British for 9:30 (half past nine), never half of nine.
        hour, end = _apply_meridiem(tokens, i + 2, int(nxt))
        found = (hour, 30, end)
    else:
        found = _read_relative(tokens, i, before) or _read_clock_time(tokens, i, before)
    if found is None:
        return None
    hour, minute, end = found
    # A stray "am"/"pm" left after a time would turn it again on a second pass.
    while (skip := _apply_meridiem(tokens, end, 0)[1]) > end:
        end = skip
    # Two forms the tools can tell apart: "07:30"/"19:30" (the half of the day is known)
    # and "7:30" ("half past seven": either half of the day). An hour from 10 to 12
    # has no unpadded form, so when its half was said it says so: "10:30 am", "12:00 pm".
    if not _is_explicit(tokens[i:end], hour):
        return f"{hour}:{minute:02d}", end
    if 10 <= hour <= 12:
        return f"{hour}:{minute:02d} {'pm' if hour == 12 else 'am'}", end
    return f"{hour:02d}:{minute:02d}", end


def _british_half(tokens: list[str], i: int, before: list[str]) -> bool:
    """Whether "half" at i opens "half nine" (9:30) after "at", "by", "until", "from"."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    return (
        before[-1:] in (["at"], ["by"], ["until"], ["till"], ["from"], ["around"])
        and nxt.isdecimal()
        and 1 <= int(nxt) <= 12
        and not after.startswith(("hour", "minute", "second", "percent", "degree"))
    )


def _is_explicit(words: list[str], hour: int) -> bool:
    """Whether a clock time said which half of the day it is (am/pm, 24-hour, noon)."""
    if hour == 0 or hour > 12 or words[0].startswith("0"):
        return True
    marks = {"am", "pm", "a", "p", "morning", "afternoon", "evening", "night", *_NAMED_HOURS}
    return any(word in marks for word in words)


def _read_relative(tokens: list[str], i: int, before: list[str]) -> tuple[int, int, int] | None:
    """Parse "quarter past 8", "20 to 5", "ten minutes past six"."""
    tok, n = tokens[i], len(tokens)
    minute = {"half": 30, "quarter": 15}.get(tok) or (int(tok) if tok.isdecimal() else 0)
    j = i + 2 if tok.isdecimal() and tokens[i + 1 : i + 2] in (["minutes"], ["minute"]) else i + 1
    if not 0 < minute <= 30 or j + 1 >= n or not tokens[j + 1].isdecimal():
        return None
    relation, hour = tokens[j], int(tokens[j + 1])
    if not 1 <= hour <= 12 or quantity_follows(tokens, j + 2):
        return None
    if relation in ("to", "till", "til"):
        levels = before[-1:] in (["from"], ["between"]) or _is_level(before)
        if tok == "half" or (tok.isdecimal() and (minute % 5 or levels)):
            return None
        minute, hour = 60 - minute, hour - 1 or 12
    elif relation not in ("past", "after"):
        return None
    hour, end = _apply_meridiem(tokens, j + 2, hour)
    return hour, minute, end


def _read_clock_time(tokens: list[str], i: int, before: list[str]) -> tuple[int, int, int] | None:
    """Parse "7:30", "5 pm", "6 30 pm", "7 oclock", "at 5", "at 6 30"."""
    clock = _read_clock(tokens, i)
    if clock is None:
        return None
    hour, minute, end, kind = clock
    if minute > 59 or hour > 23:
        return None
    if kind == "bare" and tokens[end : end + 1] == ["oclock"]:
        end += 1
    if 1 <= hour <= 12 and (new := _apply_meridiem(tokens, end, hour))[1] > end:
        return new[0], minute, new[1]
    if kind == "colon":  # "17:30 pm" is already 24-hour; drop the stray mark
        return hour, minute, _apply_meridiem(tokens, end, hour)[1]
    if kind == "bare" and end > i + 1:  # "7 oclock"
        return hour, minute, end
    prev = before[-1] if before else ""
    if quantity_follows(tokens, end) or _is_level(before):
        return None
    if prev == "at" and (kind in ("pair", "dot") or 1 <= hour <= 12):
        if kind == "bare" and tokens[end : end + 2] == ["and", "half"]:
            return hour, 30, end + 2  # "at 9 and half" (as learners say half past nine)
        return hour, minute, end
    if prev == "for" and kind == "pair" and "timer" not in before:
        return hour, minute, end
    return None


def _read_clock(tokens: list[str], i: int) -> tuple[int, int, int, str] | None:
    """Read an hour and optional minutes: (hour, minute, end, kind)."""
    tok = tokens[i]
    if match := _CLOCK.fullmatch(tok):
        kind = "colon" if match.group(2) == ":" else "dot"
        return int(match.group(1)), int(match.group(3)), i + 1, kind
    if not tok.isdecimal() or len(tok) > 2:
        return None
    after = tokens[i + 1 : i + 3]
    if after[:1] and len(after[0]) == 2 and after[0].isdecimal():
        return int(tok), int(after[0]), i + 2, "pair"
    if len(after) == 2 and after[0] == "oh" and _is_digit(after[1]):
        return int(tok), int(after[1]), i + 3, "pair"
    return int(tok), 0, i + 1, "bare"


def _apply_meridiem(tokens: list[str], j: int, hour: int) -> tuple[int, int]:
    """Apply a following "am"/"pm"/"in the evening" to a 12-hour hour: (hour, end)."""
    for phrase, mark in _MERIDIEM.items():
        if tuple(tokens[j : j + len(phrase)]) == phrase:
            if mark == "night":
                mark = "pm" if 6 <= hour < 12 else "am"
            return hour % 12 + (12 if mark == "pm" else 0), j + len(phrase)
    return hour, j


def _is_level(before: list[str]) -> bool:
    """Whether a number ending these words is a level ("set the volume at 5"), not a time."""
    return bool(_LEVEL_WORDS.intersection(before)) and not any(t[:1].isdecimal() for t in before)
