"""How timers and durations are said: "1 minute 30 seconds", "the eggs timer", "5 minutes left"."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from sottovoce.tools.builtin.timers_records import Timer


def speak_duration(seconds: float) -> str:
    """A duration as people say it: "2 hours 30 minutes", "45 seconds", "1 minute 30 seconds"."""
    return " ".join(f"{n} {unit if n == 1 else unit + 's'}" for n, unit in _parts(seconds))


def duration_adjective(seconds: float) -> str:
    """A duration before a noun: "10 minute", "1 hour 30 minute"."""
    return " ".join(f"{n} {unit}" for n, unit in _parts(seconds))


def _parts(seconds: float) -> list[tuple[int, str]]:
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(n, unit) for n, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second")) if n]
    return parts or [(0, "second")]


def timer_name(timer: Timer) -> str:
    """What the user calls a timer: "eggs timer" or "10 minute timer"."""
    return (
        f"{timer.label} timer" if timer.label else f"{duration_adjective(timer.duration_s)} timer"
    )


def time_left(seconds: float) -> str:
    """Time left as a countdown says it, rounded up to the second."""
    # Count down like a kitchen timer: 0.4 s left is still "1 second", not "0".
    return speak_duration(math.ceil(seconds - 1e-6))


def capitalized(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def timers_phrase(timers: Sequence[Timer]) -> str:
    """'the eggs timer', 'the eggs timer and the 10 minute timer'."""
    names = [f"the {timer_name(t)}" for t in timers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def timer_state(timer: Timer, now: datetime) -> str:
    """'eggs timer has 5 minutes left', with ' and is paused' when it is."""
    left = f"{timer_name(timer)} has {time_left(timer.remaining(now))} left"
    return left + " and is paused" if timer.paused else left
