"""Reminders and alarms that come back: "every day", "on weekdays", "every tuesday".

A repeating reminder or alarm keeps its rule in its record ("repeat": "daily",
"weekdays", "weekends", "weekly" or a weekday); when it rings, the reminders'
due check puts it back at its next time instead of taking it out, so it keeps
coming back across restarts until it is cancelled.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sottovoce.tools import ToolError
from sottovoce.tools.builtin.reminders_records import Reminder
from sottovoce.tools.builtin.reminders_when import (
    PARTS_OF_DAY,
    WEEKDAYS,
    clock,
    hours_of,
    likely_hour,
    parse_hhmm,
    when_phrase,
)

RULES = ("daily", "weekdays", "weekends", "weekly", *WEEKDAYS)
DESCRIPTION = "'daily', 'weekdays', 'weekends', 'weekly' or a weekday: it comes back then"


def repeat_values() -> list[dict[str, str]]:
    """How a repeat is said, each to its rule and, for a part of the day, its half."""
    said: dict[str, str] = {}

    def add(out: str, *forms: str) -> None:
        for form in forms:
            said[form] = out
            for part, half in PARTS_OF_DAY.items():
                said.setdefault(f"{form} {part}", f"{out} {half}")
                if part != "night":  # "the night" is heard as "tonight" (normalize)
                    said.setdefault(f"{form} in the {part}", f"{out} {half}")

    add("daily", "every day", "everyday", "daily", "each day", "every single day", "once a day")
    for part, half in PARTS_OF_DAY.items():
        said[f"every {part}"] = said[f"each {part}"] = f"daily {half}"
    add("weekdays", "every weekday", "on weekdays", "weekdays", "every workday", "every work day")
    add("weekdays", "on workdays", "monday to friday", "monday through friday", "weekday")
    add("weekends", "every weekend", "on weekends", "at weekends", "weekends", "weekend")
    add("weekly", "every week", "weekly", "once a week")
    for day in WEEKDAYS:
        add(day, f"every {day}", f"on {day}s", f"each {day}", f"{day}s")
    return [{"in": form, "out": out} for form, out in said.items()]


def split_repeat(repeat: str) -> tuple[str, str | None]:
    """('weekdays', 'am') from 'weekdays am'; ToolError for a rule not known."""
    rule, _, half = repeat.strip().lower().partition(" ")
    rule = {"weekday": "weekdays", "weekend": "weekends", "every day": "daily"}.get(rule, rule)
    if rule not in RULES:
        raise ToolError(f"I can repeat daily, on weekdays, on weekends or weekly, not {repeat}.")
    return rule, (half if half in ("am", "pm") else None)


def _fits(when: datetime, rule: str) -> bool:
    if rule == "weekdays":
        return when.weekday() < 5
    if rule == "weekends":
        return when.weekday() >= 5
    if rule in WEEKDAYS:
        return when.weekday() == WEEKDAYS.index(rule)
    return True


def first_due(
    now: datetime, hhmm: str, repeat: str, half: str | None = None, *, morning_from: int = 7
) -> datetime:
    """The first time a repeating reminder rings: its clock time on the next day it fits.

    A time said without its half is taken as on a named day (`morning_from` to 11 in
    the morning, else the afternoon): "every day at 7" is a morning's; an alarm
    passes 4, since "a daily alarm at 6" wakes someone.
    """
    rule, said_half = split_repeat(repeat)
    hours = hours_of(hhmm, half or said_half)
    hour = likely_hour(hours, morning_from)
    _, minute = parse_hhmm(hhmm)
    due = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    while due <= now or not _fits(due, rule):
        due += timedelta(days=1)
    return due


def next_due(due: datetime, repeat: str, now: datetime) -> datetime:
    """The next time after `now` a reminder that rang at `due` comes back."""
    rule, _ = split_repeat(repeat)
    step = timedelta(days=7 if rule == "weekly" or rule in WEEKDAYS else 1)
    later = due + step
    while later <= now or not _fits(later, rule):  # rings missed while off are not rung
        later += step
    return later


def again(reminder: Reminder, now: datetime) -> Reminder | None:
    """The reminder at its next time if it comes back; None once it is done."""
    if not reminder.repeat:
        return None
    try:
        return replace(reminder, due=next_due(reminder.due, reminder.repeat, now))
    except ToolError:  # a rule not known (a record edited by hand): it rings once
        return None


def _every(rule: str, weekday: str) -> str:
    """'every day', 'on weekdays', 'at weekends', or 'every' and the weekday given."""
    said = {"daily": "every day", "weekdays": "on weekdays", "weekends": "at weekends"}
    return said.get(rule, f"every {weekday}")


def repeat_phrase(repeat: str, due: datetime) -> str:
    """'every day at 7:00 AM', 'on weekdays at 7:00 AM', 'every Tuesday at 10:00 AM'."""
    rule, _ = split_repeat(repeat)
    return f"{_every(rule, f'{due:%A}')} at {clock(due)}"


def due_phrase(reminder: Reminder, now: datetime) -> str:
    """When a reminder rings, as said in a list: 'tomorrow at 7:00 AM', 'every day at ...'."""
    if reminder.repeat and reminder.repeat in RULES:
        return repeat_phrase(reminder.repeat, reminder.due)
    return when_phrase(reminder.due, now)


def asked_time(repeat: str) -> str:
    """The question for a repeat said with no time: 'At what time every day?'."""
    rule, _ = split_repeat(repeat)
    return f"At what time {_every(rule, 'week' if rule == 'weekly' else rule.title())}?"


_R = "{reminder_repeat:repeat}"
_C = "{reminder_clock:at}"
_SET = "((set|create|add|make|schedule|put in)|send me) [a|an|the] [new]"

REMINDER_SENTENCES = [
    f"remind me {_R} at {_C} {{text}}",
    f"remind me at {_C} {_R} {{text}}",
    f"remind me {{text}} {_R} at {_C}",
    f"remind me {{text}} at {_C} {_R}",
    f"remind me {_R} {{text}} at {_C}",
    f"{_R} at {_C} remind me {{text}}",
    f"{_SET} reminder {_R} (at|for) {_C} {{text}}",
    f"{_SET} reminder (at|for) {_C} {_R} {{text}}",
    f"{_SET} reminder {{text}} {_R} (at|for) {_C}",
    f"{_SET} reminder {{text}} (at|for) {_C} {_R}",
    f"{_SET} {_R} reminder (at|for) {_C} {{text}}",
    f"{_SET} {_R} reminder {{text}} (at|for) {_C}",
    # With no time ("remind me to water the plants every day"): asked at what time.
    f"remind me {{text}} {_R}",
    f"remind me {_R} {{text}}",
]
