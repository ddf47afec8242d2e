"""Timers made longer or shorter: "add five minutes to the pasta timer", "take two
minutes off it". Registered as tools by `timers.py`, whose plugin owns the records.

A timer given more time is that much longer, as in Home Assistant.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.timers_labels import one_timer
from sottovoce.tools.builtin.timers_records import Timer, save_timer
from sottovoce.tools.builtin.timers_spoken import speak_duration, time_left, timer_name

# Shared with the other timer sentences (timers.py).
THE = "[the|my|that|this]"
NAMED = "(for|called|call|named|labelled|labeled)"
Seconds = Annotated[float, Field(description="a duration in seconds", gt=0, le=10_000_000)]
Label = Annotated[str | None, Field(description="the timer's name, e.g. 'eggs'")]

ADD = "(add|put|put on|give|give me)"
TimerSeconds = Annotated[
    float | None, Field(description="which timer: the one first set for this many seconds", gt=0)
]


def _of_timer(change: str, move: str, into: str) -> list[str]:
    """A timer named by its length or its name with the time to add or take off.

    "Decrease the timer for 1 hour by 5 minutes", "remove 5 minutes from the
    timer named pizza", "add 2 minutes to the 10 minute timer".
    """
    which = [
        THE + " timer (for|of) {duration_s:timer_s} seconds",
        THE + " {duration_s:timer_s} seconds timer",
        THE + " timer " + NAMED + " [the] {text:label}",
    ]
    by = "{duration_s:seconds} seconds"
    return [
        *(f"{change} {timer} by {by}" for timer in which),
        *(f"{move} {by} {into} {timer}" for timer in which),
    ]


MORE = "[another|an extra|extra|more]"


ADD_TIME_SENTENCES = [
    ADD + " " + MORE + " {duration_s:seconds} [more|extra] seconds [more|extra]",
    ADD
    + " "
    + MORE
    + " {duration_s:seconds} [more|extra] seconds [more|extra] (to|on|onto) "
    + THE
    + " timer",
    ADD
    + " "
    + MORE
    + " {duration_s:seconds} [more|extra] seconds [more|extra] (to|on|onto) "
    + THE
    + " {text:label} timer",
    ADD
    + " "
    + MORE
    + " {duration_s:seconds} [more|extra] seconds [more|extra] (to|on|onto) "
    + THE
    + " timer "
    + NAMED
    + " [the] {text:label}",
    "(extend|increase|lengthen) " + THE + " timer by {duration_s:seconds} seconds",
    "(extend|increase|lengthen) " + THE + " {text:label} timer by {duration_s:seconds} seconds",
    "(give|put) " + THE + " [{text:label}] timer [another|an extra|extra] "
    "{duration_s:seconds} [more|extra] seconds [more]",
    # "Add five minutes to that", "add two more minutes to it" (after setting one).
    ADD + " " + MORE + " {duration_s:seconds} [more|extra] seconds [more|extra] "
    "(to|on|onto) (it|that|that one|this one)",
    *_of_timer("(extend|increase|lengthen)", ADD + " " + MORE, "(to|on|onto)"),
]


def timer_add_time(
    ctx: ToolContext, seconds: Seconds, label: Label = None, timer_s: TimerSeconds = None
) -> str:
    """Add time to a timer."""
    timer = one_timer(ctx, label, timer_s)
    delta = max(1, round(seconds))
    name = timer_name(timer)
    _shift(timer, delta, ctx.now())
    save_timer(ctx.records, timer)
    left = time_left(timer.remaining(ctx.now()))
    return f"I added {speak_duration(delta)}. Your {name} has {left} left."


TAKE = "(take|knock|shave|cut|take away)"
DROP = "(remove|subtract|take away|deduct|take|knock|shave)"


REMOVE_TIME_SENTENCES = [
    TAKE + " {duration_s:seconds} seconds off [of] " + THE + " timer",
    TAKE + " {duration_s:seconds} seconds off [of] " + THE + " {text:label} timer",
    DROP + " {duration_s:seconds} seconds from " + THE + " timer",
    DROP + " {duration_s:seconds} seconds from " + THE + " {text:label} timer",
    TAKE + " {duration_s:seconds} seconds off",
    # "Take five minutes off it" (after setting one).
    TAKE + " {duration_s:seconds} seconds off [of] (it|that|that one|this one)",
    "(reduce|shorten|decrease|cut) " + THE + " timer by {duration_s:seconds} seconds",
    "(reduce|shorten|decrease|cut) " + THE + " {text:label} timer by {duration_s:seconds} seconds",
    *_of_timer("(reduce|shorten|decrease|cut)", DROP, "(from|off [of])"),
]


def timer_remove_time(
    ctx: ToolContext, seconds: Seconds, label: Label = None, timer_s: TimerSeconds = None
) -> str:
    """Take time off a timer."""
    timer = one_timer(ctx, label, timer_s)
    delta = max(1, round(seconds))
    left = timer.remaining(ctx.now())
    if delta >= left:
        raise ToolError(f"Your {timer_name(timer)} only has {time_left(left)} left.")
    name = timer_name(timer)
    _shift(timer, -delta, ctx.now())
    save_timer(ctx.records, timer)
    still = time_left(timer.remaining(ctx.now()))
    return f"I took off {speak_duration(delta)}. Your {name} has {still} left."


def _shift(timer: Timer, delta: int, now: datetime) -> None:
    """Move a timer's end by `delta` seconds; its length grows or shrinks with it.

    (A 10 minute timer given 5 more minutes is a 15 minute timer, as in Home Assistant.)
    """
    left = timer.remaining(now) + delta
    timer.remaining_s = left
    timer.duration_s = max(1, timer.duration_s + delta)
    if not timer.paused:
        timer.ends_at = now + timedelta(seconds=left)
