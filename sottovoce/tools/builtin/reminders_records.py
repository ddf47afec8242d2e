"""Reminders as the reminders plugin keeps them: one record per reminder in `ctx.records`.

Layout (fixed: the store's migration writes old stores into it): key str(id) ->
{"text": str, "due": ISO local time} and, for an alarm, "alarm": true; for one that
comes back, "repeat": a rule of `reminders_repeat` ("daily", "weekdays", "tuesday"). A record
of the wrong shape is skipped with a warning (see `timers_records`), never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sottovoce.tools.builtin.timers_records import (
    BadRecord,
    Records,
    load_all,
    local_time,
    record_id,
    record_map,
)


@dataclass
class Reminder:
    """Something to say at a given local time."""

    id: int
    text: str
    due: datetime
    alarm: bool = False  # an alarm ("wake me up at 7") rather than a reminder
    repeat: str | None = None  # "daily", "weekdays", "tuesday": when it comes back


def encode_reminder(reminder: Reminder) -> dict[str, Any]:
    """The reminder's record."""
    record: dict[str, Any] = {"text": reminder.text, "due": reminder.due.isoformat()}
    if reminder.alarm:
        record["alarm"] = True
    if reminder.repeat:
        record["repeat"] = reminder.repeat
    return record


def decode_reminder(key: str, value: Any) -> Reminder:
    """The reminder a record holds; BadRecord if it is not one."""
    row = record_map(value)
    text = row.get("text")
    if not isinstance(text, str):
        raise BadRecord(f"its text is {text!r}, not text")
    due = local_time(row.get("due"), "due")
    repeat = row.get("repeat")
    if repeat is not None and not isinstance(repeat, str):
        raise BadRecord(f"its repeat is {repeat!r}, not text")
    return Reminder(record_id(key), text, due, alarm=row.get("alarm") is True, repeat=repeat)


def load_reminders(records: Records) -> list[Reminder]:
    """Every well-formed reminder, by id."""
    return load_all(records, "reminders", decode_reminder)


def save_reminder(records: Records, reminder: Reminder) -> None:
    """Store the reminder under its id."""
    records[str(reminder.id)] = encode_reminder(reminder)


def delete_reminder(records: Records, reminder: Reminder) -> None:
    """Take the reminder out (nothing happens if it is already gone)."""
    records.pop(str(reminder.id), None)


def delete_reminders(records: Records, reminders: list[Reminder]) -> None:
    """Take every one of them out."""
    for reminder in reminders:
        delete_reminder(records, reminder)


def which_of(question: str, names: list[str]) -> str:
    """'Which alarm? 7:00 AM, 8:00 AM or 9:00 AM?': the question when several fit."""
    return f"{question} " + ", ".join(names[:-1]) + f" or {names[-1]}?"
