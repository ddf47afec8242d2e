"""Alarms: "wake me up at seven", "what alarms do I have", "cancel my 6:30 alarm".

An alarm is a reminder that rings at a clock time with no message of its own
(or a label: "an alarm at five labelled taxi"). It lives with the reminders,
flagged `alarm` (the snapshot's "reminders" show it with "alarm": true), so the
reminders' due check announces it, a restart keeps it, and other processes on
the same store see it. The reminder tools leave alarms alone and these tools
leave reminders alone. The functions here are registered as tools by
`reminders.py`, whose plugin owns the records.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import reminders_repeat as repeats
from sottovoce.tools.builtin.reminders_records import (
    Reminder,
    delete_reminders,
    load_reminders,
    save_reminder,
    which_of,
)
from sottovoce.tools.builtin.reminders_when import (
    WEEKDAYS,
    clock,
    due_at,
    hours_of,
    parse_hhmm,
    when_phrase,
)

ALARM_TEXT = "alarm"
At = Annotated[str | None, Field(description="time of day 'HH:MM' (24-hour)")]
When = Annotated[
    str | None,
    Field(description="day and/or half of the day: 'tomorrow', 'tuesday', 'am', 'tomorrow pm'"),
]
Label = Annotated[str | None, Field(description="what the alarm is for, e.g. 'taxi'")]
Seconds = Annotated[
    float | None, Field(description="ring after this many seconds", gt=0, le=10_000_000)
]

_ALARM = "(alarm [clock]|wake up (call|alarm)|wakeup (call|alarm)|morning alarm)"
_SET = (
    "(set|create|make|add|schedule|start|put on|put in|set up|program|give me|get me) [me]"
    f" [an|a|the|my|one] [new] {_ALARM}"
)
_AT = "[for|at] {alarm_clock:at} [{alarm_when:when}]"
_ON_AT = "[for|on] {alarm_when:when} [at] {alarm_clock:at}"
_WAKE = "(wake me [up]|get me up)"
_WANT = "(i|we) (want|need|would like|have|got) to (wake up|get up|be up)"
_REPEAT = "{reminder_repeat:repeat}"
_PUT = "(set|create|make|add|schedule|set up|give me) [me] [an|a|the|my] [new]"

SET_SENTENCES: list[str | dict[str, object]] = [
    _SET,  # "please set my alarm": asked what time
    f"{_SET} {_AT}",
    f"{_SET} {_ON_AT}",
    f"{_SET} {_AT} (labelled|labeled|called|named) {{text:label}}",
    # "make an alarm for the meeting with bob at seven today": what it is for, then when.
    f"{_SET} (for|about) {{text:label}} (at|for) {{alarm_clock:at}} [{{alarm_when:when}}]",
    f"{_SET} (for|in) {{duration_s:seconds}} seconds [from now]",
    f"{_SET} {{duration_s:seconds}} seconds from now",
    f"{_WAKE} (at|by) {{alarm_clock:at}} [{{alarm_when:when}}]",
    f"{_WAKE} {{alarm_when:when}} (at|by) {{alarm_clock:at}}",
    f"{_WAKE} in {{duration_s:seconds}} seconds",
    f"{_WANT} (at|by) {{alarm_clock:at}} [{{alarm_when:when}}]",
    f"{_WANT} {{alarm_when:when}} (at|by) {{alarm_clock:at}}",
    f"(i|we) (want|need|would like) [a|an] {_ALARM} [set] {_AT}",
    f"(i|we) (want|need|would like) [a|an] {_ALARM} [set] {_ON_AT}",
    # "set an alert for two pm": an alert with a time and nothing to say is an alarm.
    "(set|create|make|give me) [me] (a|an) (alert|alarm alert) (for|at) {alarm_clock:at}"
    " [{alarm_when:when}]",
    f"[a|an] {_ALARM} [set] {_AT}",
    f"[a|an] {_ALARM} [set] (for|in) {{duration_s:seconds}} seconds [from now]",
    # Coming back: "wake me up every weekday at 7", "set a daily alarm at 6".
    f"{_SET} [for|at] {{alarm_clock:at}} {_REPEAT}",
    f"{_SET} {_REPEAT} (for|at) {{alarm_clock:at}}",
    f"{_PUT} {_REPEAT} {_ALARM} [for|at] {{alarm_clock:at}}",
    f"{_WAKE} {_REPEAT} (at|by) {{alarm_clock:at}}",
    f"{_WAKE} (at|by) {{alarm_clock:at}} {_REPEAT}",
    f"{_ALARM} [set] [for|at] {{alarm_clock:at}} {_REPEAT}",
    f"{_PUT} {_REPEAT} {_ALARM}",  # asked what time
]
_ALARMS = "(alarm|alarms|wake up call|wake up calls)"
_DAY = "[(for|on)] {alarm_when:when}"
LIST_SENTENCES: list[str | dict[str, object]] = [
    f"(what|which) {_ALARMS} (do i have|have i (got|set)|are (there|set|upcoming|on)|did i set)"
    f" [set] [right now|now] [{_DAY}]",
    f"(do i have|have i got|have i set|did i set|is there|are there) (an|any) {_ALARMS} [set]"
    " [to wake [me] up] [{alarm_when:when}|for {alarm_when:when}]",
    # Every form is three words or more: a two-word one ("list alarm") would take one of
    # the speech prompt's example places (voice/vocabulary.py) and change what whisper hears.
    f"(tell me|list|show me|read [me]|check) (all|my|the|all my|all the) [different] {_ALARMS}",
    "(what time|when) is [my|the] [next] [wake up|wakeup|morning] alarm [set] [for]",
    "(my|the) next alarm",
    "(at|for) what time (have you|did you|did i) set [an|the|my] alarm [for me]",
    "(provide|give) me [the] alarm (times|timings) [(you have|i have) set]",
    "(tell me|let me know) about [the|my] alarm (times|timings|settings)",
    f"what are [all] my {_ALARMS}",
    # Asked whether one is set, when they go off, or told to show them.
    f"(is|are) [there] [my|the|an|any] {_ALARMS} (set|on) [right now|now|currently|at the moment]"
    " [{alarm_when:when}|for {alarm_when:when}]",
    f"(is|are) [there] [my|the|an|any] {_ALARMS} currently (set|on)",
    f"(when|what time|what times) (does|do|will) [my|the] [next] {_ALARMS} go off",
    f"what times are [my|the] {_ALARMS} set [for]",
    f"(tell me|talk to me) about [my|the] [current] {_ALARMS}",
    f"(list|show [me]|review|check|confirm|see|give me) [all] [of] [my|the] [current|currently]"
    f" [set] {_ALARMS} [and their times|settings|times]",
    "(list|show [me]|review|check|confirm|see|give me) [all] [of] [my|the] (alarm|alarms)"
    " (settings|times|timings)",
    f"(i want|i would like|i need) to (see|hear|know|check) [all] [my|the] [current] [set]"
    f" {_ALARMS}",
    f"[all] my (current|set|currently set) {_ALARMS}",
    "what time (have you|did you|did i) set [an|the|my] alarm [for] [for me]",
]
_CANCEL = "(cancel|delete|remove|clear|turn off|switch off|disable|get rid of|drop|unset|stop)"
CANCEL_SENTENCES: list[str | dict[str, object]] = [
    f"{_CANCEL} (the|my|that) alarm",
    f"{_CANCEL} [the|my] {{alarm_clock:at}} alarm [{_DAY}]",
    f"{_CANCEL} [the|my] alarm [set] (at|for) {{alarm_clock:at}} [{{alarm_when:when}}]",
    f"{_CANCEL} [the|my] alarm [set] {_DAY}",
    f"{_CANCEL} [the|my] {{alarm_when:when}} alarm",
    f"{_CANCEL} [the|my] {{alarm_when:when}} alarm (of|at|for) {{alarm_clock:at}}",
    {
        "sentences": [
            f"{_CANCEL} [all] [the|my] alarms [set] {_DAY}",
            f"{_CANCEL} [all] [the|my] {{alarm_when:when}} alarms",
            f"{_CANCEL} all [of] [the|my] {{text:label}} alarms",
        ],
        "slots": {"every": "yes"},
    },
    f"{_CANCEL} [the|my] {{text:label}} alarm",
    # "remove the first alarm", "delete the alarm i just set": chosen by its place.
    f"{_CANCEL} [the|my] {{alarm_rank:rank}} (alarm|alarm clock|wake up call)",
    {
        "sentences": [f"{_CANCEL} [the|my] alarm (i|you) (just|last) (set|made|added)"],
        "slots": {"rank": "newest"},
    },
]
CANCEL_ALL_SENTENCES: list[str | dict[str, object]] = [
    f"{_CANCEL} (all|every|any) [of] [the|my] alarms [(that|which) i have set|i have set|i set]",
    f"{_CANCEL} (the|my) alarms",
    f"{_CANCEL} [all] [of] [the|my] (current|set|currently set|existing) alarms",
]


def alarm_set(
    ctx: ToolContext,
    at: At = None,
    when: When = None,
    label: Label = None,
    seconds: Seconds = None,
    repeat: Annotated[str | None, Field(description=repeats.DESCRIPTION)] = None,
) -> str:
    """Set an alarm at a time of day (or after a delay), optionally with a label or repeating."""
    now = ctx.now()
    part = _PART_LABELS.get(" ".join((label or "").split()).removeprefix("the "))
    if part is not None:  # "an alarm for the morning at 7": when, not what for
        label, when = None, f"{when or ''} {part}".strip()
    if repeat is not None:
        return _set_repeating(ctx, at, when, label, repeat)
    if seconds is not None:
        due = now + timedelta(seconds=seconds)
    elif at is not None:
        day, half = _when(when)
        # "Wake me up at 6 on monday": an alarm on another day at 4 to 11 is the morning's.
        due = due_at(now, at, day, half, morning_from=4)
    else:
        raise ToolError("What time should the alarm be for?")
    text = " ".join((label or "").split()) or ALARM_TEXT
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), text, due, alarm=True))
    named = "" if text == ALARM_TEXT else f" ({text})"
    return f"Alarm set for {_for(due, now)}{named}."


def _set_repeating(
    ctx: ToolContext, at: str | None, when: str | None, label: str | None, repeat: str
) -> str:
    """An alarm that comes back ("wake me up every weekday at 7")."""
    if at is None:
        raise ToolError(repeats.asked_time(repeat))
    rule, _ = repeats.split_repeat(repeat)
    due = repeats.first_due(ctx.now(), at, repeat, _when(when)[1], morning_from=4)
    text = " ".join((label or "").split()) or ALARM_TEXT
    alarm = Reminder(ctx.records.new_id(), text, due, alarm=True, repeat=rule)
    save_reminder(ctx.records, alarm)
    named = "" if text == ALARM_TEXT else f" ({text})"
    return f"Alarm set {repeats.repeat_phrase(rule, due)}{named}."


def alarm_list(ctx: ToolContext, when: When = None) -> str:
    """Say which alarms are set and when."""
    now = ctx.now()
    alarms = _on(_alarms(ctx), when, now)
    day = "" if when is None else f" {_day_said(when)}"
    if not alarms:
        return f"You have no alarms{day}."
    # Asked about a day, each alarm is said by its time alone ("tomorrow: 6:30 AM").
    said = [_said(alarm, now) if when is None else _at(alarm) for alarm in alarms]
    if len(said) == 1:
        return f"You have one alarm{day}: {said[0]}."
    return f"You have {len(said)} alarms{day}: " + ", ".join(said[:-1]) + f" and {said[-1]}."


def alarm_cancel(
    ctx: ToolContext,
    at: At = None,
    when: When = None,
    label: Label = None,
    every: Annotated[str | None, Field(description="'yes' for every alarm that matches")] = None,
    rank: Annotated[
        str | None, Field(description="'first', 'second' or 'last' by time, or 'newest' set")
    ] = None,
) -> str:
    """Cancel an alarm named by its time, its day, its label or its place."""
    now = ctx.now()
    alarms = _on(_alarms(ctx), when, now)
    if rank is not None:
        alarms = _ranked(alarms, rank)
    if at is not None:
        alarms = [a for a in alarms if a.due.strftime("%H:%M") in _clock_forms(at)]
    if label is not None and label.strip() not in _NO_LABEL:
        alarms = [a for a in alarms if " ".join(label.split()) == a.text]
    if not alarms:
        raise ToolError("You have no alarm like that." if _alarms(ctx) else "You have no alarms.")
    if len(alarms) > 1 and every is None:
        raise ToolError(which_of("Which alarm?", [_said(a, now) for a in alarms]))
    delete_reminders(ctx.records, alarms)
    if len(alarms) == 1:
        return f"I cancelled your alarm for {_said(alarms[0], now)}."
    return f"I cancelled your {len(alarms)} alarms."


_PART_LABELS = {"morning": "am", "afternoon": "pm", "evening": "pm", "night": "pm"}
_PART_LABELS |= {"tonight": "today pm", "this morning": "today am", "this evening": "today pm"}
_PART_LABELS |= {"tomorrow morning": "tomorrow am", "tomorrow evening": "tomorrow pm"}

# Words heard where a label goes that only say the alarm exists: "remove set alarm".
_NO_LABEL = frozenset({"set", "current", "existing", "active", "present", "this", "that"})


def _ranked(alarms: list[Reminder], rank: str) -> list[Reminder]:
    """The one alarm at that place: by time ('first', 'second', 'last') or the newest set."""
    if rank == "newest":
        return sorted(alarms, key=lambda a: a.id)[-1:]
    place = {"first": 0, "second": 1, "third": 2, "last": -1}.get(rank)
    if place is None or not -len(alarms) <= place < len(alarms):
        return []
    return [alarms[place]]


def alarm_cancel_all(ctx: ToolContext) -> str:
    """Cancel every alarm."""
    alarms = _alarms(ctx)
    if not alarms:
        raise ToolError("You have no alarms.")
    delete_reminders(ctx.records, alarms)
    return (
        "I cancelled your alarm." if len(alarms) == 1 else f"I cancelled your {len(alarms)} alarms."
    )


def announce_alarm(alarm: Reminder) -> str:
    """What to say when an alarm rings: "Your alarm: it's 6:30 AM."."""
    named = "" if alarm.text == ALARM_TEXT else f"{alarm.text} "
    return f"Your {named}alarm: it's {clock(alarm.due)}."


def _alarms(ctx: ToolContext) -> list[Reminder]:
    return sorted((r for r in load_reminders(ctx.records) if r.alarm), key=lambda r: (r.due, r.id))


def _when(when: str | None) -> tuple[str | None, str | None]:
    """('tomorrow', 'am') from 'tomorrow am'; the day or the half may be missing."""
    words = (when or "").split()
    half = next((w for w in words if w in ("am", "pm")), None)
    day = next((w for w in words if w not in ("am", "pm")), None)
    return day, half


def _on(alarms: list[Reminder], when: str | None, now: datetime) -> list[Reminder]:
    """The alarms on the day and in the half of the day `when` says (all if None)."""
    day, half = _when(when)
    if day == "today":
        alarms = [a for a in alarms if a.due.date() == now.date()]
    elif day == "tomorrow":
        alarms = [a for a in alarms if (a.due.date() - now.date()).days == 1]
    elif day in WEEKDAYS:
        alarms = [a for a in alarms if a.due.weekday() == WEEKDAYS.index(day)]
    if half is not None:
        alarms = [a for a in alarms if (a.due.hour < 12) == (half == "am")]
    return alarms


def _clock_forms(at: str) -> set[str]:
    """The 24-hour times "HH:MM" may stand for: one if its half was said, else two."""
    minute = parse_hhmm(at)[1]
    return {f"{hour:02d}:{minute:02d}" for hour in hours_of(at)}


def _day_said(when: str) -> str:
    day, half = _when(when)
    part = {"am": "in the morning", "pm": "in the afternoon"}.get(half or "", "")
    named = {"today": "today", "tomorrow": "tomorrow"}.get(day or "", f"on {(day or '').title()}")
    return " ".join(w for w in (named if day else "", part) if w)


def _for(due: datetime, now: datetime) -> str:
    """'6:00 AM', 'tomorrow at 6:00 AM', 'Tuesday at 4:00 PM'."""
    return when_phrase(due, now).removeprefix("at ").removeprefix("on ")


def _said(alarm: Reminder, now: datetime) -> str:
    if alarm.repeat:
        return repeats.due_phrase(alarm, now) + _named(alarm)
    return _for(alarm.due, now) + _named(alarm)


def _at(alarm: Reminder) -> str:
    return clock(alarm.due) + _named(alarm)


def _named(alarm: Reminder) -> str:
    return "" if alarm.text == ALARM_TEXT else f" ({alarm.text})"
