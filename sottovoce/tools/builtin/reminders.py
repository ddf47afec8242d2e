"""Reminders: set one for a time of day or after a delay, list them, cancel them.

Reminders live in the plugin's own records (`reminders_records`), one per reminder;
its due check (`reminders_due`) takes out the due ones and says
`announce_reminder(reminder)`; its snapshot section is "reminders". Sentences
reach us normalized: durations as "<N> seconds", times of day as "HH:MM". The
text slot keeps its connector ("to stretch", "that the oven is on") so that the
reply can say it back; the stored text is what follows it ("stretch").
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import Field
from rapidfuzz import fuzz

from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin import reminders_calendar as calendar
from sottovoce.tools.builtin import reminders_calendar_phrases as phrases
from sottovoce.tools.builtin import reminders_repeat as repeats
from sottovoce.tools.builtin.reminders_alarms import (
    CANCEL_ALL_SENTENCES,
    CANCEL_SENTENCES,
    LIST_SENTENCES,
    SET_SENTENCES,
    alarm_cancel,
    alarm_cancel_all,
    alarm_list,
    alarm_set,
    announce_alarm,
)
from sottovoce.tools.builtin.reminders_records import (
    Reminder,
    delete_reminder,
    load_reminders,
    save_reminder,
)
from sottovoce.tools.builtin.reminders_text import second_person, split_connector, split_when
from sottovoce.tools.builtin.reminders_when import (
    WEEKDAYS,
    clock_values,
    due_at,
    parse_hhmm,
    when_phrase,
    when_values,
)
from sottovoce.tools.builtin.timers_spoken import speak_duration

plugin = Plugin("reminders", "Reminders at a time of day or after a delay.")

MATCH_CUTOFF = 75.0

Text = Annotated[str, Field(description="what to be reminded of, e.g. 'to stretch'")]
Seconds = Annotated[
    float | None, Field(description="remind after this many seconds", gt=0, le=10_000_000)
]
At = Annotated[str | None, Field(description="time of day 'HH:MM' (24-hour)")]
Day = Annotated[
    Literal[
        "today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    ]
    | None,
    Field(description="'tomorrow', 'tonight' or a weekday for a time on that day"),
]  # fmt: skip
TOMORROW = {"day": "tomorrow"}
SET = "((set|create|add|make|schedule|put in)|send me) [a|an|the] [new] reminder"
_ON_DAY = "[on|this|next|for] {reminder_day:day}"
# "This evening at 8": tonight, today after noon.
THIS_PART_OF_TODAY = [{"in": "today", "out": "today"}, {"in": "this morning", "out": "today"}] + [
    {"in": said, "out": "tonight"} for said in ("tonight", "this afternoon", "this evening")
]


def announce_reminder(reminder: Reminder) -> str:
    """What to say when a reminder is due: "Reminder: stretch."; an alarm rings."""
    return announce_alarm(reminder) if reminder.alarm else f"Reminder: {reminder.text}."


@plugin.due
def reminders_due(ctx: ToolContext) -> list[str]:
    """The reminders whose time came: taken out of the records and announced, oldest first."""
    now = ctx.now()
    due = [r for r in load_reminders(ctx.records) if r.due <= now]
    for reminder in due:
        again = repeats.again(reminder, now)
        if again is None:
            delete_reminder(ctx.records, reminder)
        else:
            save_reminder(ctx.records, again)
    due.sort(key=lambda r: (r.due, r.id))
    return [announce_reminder(reminder) for reminder in due]


@plugin.section("reminders")
def reminders_section(ctx: ToolContext) -> list[dict[str, Any]]:
    """The reminders as the world's snapshot shows them, by id."""
    return [
        {"text": r.text, "due": r.due.isoformat(timespec="seconds")} | _flags(r)
        for r in load_reminders(ctx.records)
    ]


def _flags(reminder: Reminder) -> dict[str, Any]:
    alarm: dict[str, Any] = {"alarm": True} if reminder.alarm else {}
    return alarm | ({"repeat": reminder.repeat} if reminder.repeat else {})


def _reminders(ctx: ToolContext) -> list[Reminder]:
    """The reminders that are not alarms (alarms have their own tools)."""
    return [r for r in load_reminders(ctx.records) if not r.alarm]


@plugin.tool(
    lists={
        "reminder_clock": {"values": clock_values()},
        "reminder_repeat": {"values": repeats.repeat_values()},
        "reminder_day": {"values": [*WEEKDAYS, *THIS_PART_OF_TODAY]},
    },
    sentences=[
        # The day said before the time and the text: "remind me on friday at 2 pm to ...".
        f"remind me {_ON_DAY} at {{reminder_clock:at}} {{text}}",
        f"remind me at {{reminder_clock:at}} {_ON_DAY} {{text}}",
        f"{_ON_DAY} at {{reminder_clock:at}} remind me {{text}}",
        f"{SET} {_ON_DAY} at {{reminder_clock:at}} {{text}}",
        f"{SET} (for|at) {{reminder_clock:at}} {_ON_DAY} {{text}}",
        "remind me in {duration_s:seconds} seconds {text}",
        "remind me {text} in {duration_s:seconds} seconds",
        "in {duration_s:seconds} seconds remind me {text}",
        "remind me at {reminder_clock:at} {text}",
        "remind me {text} at {reminder_clock:at}",
        "at {reminder_clock:at} remind me {text}",
        SET + " (for|at) {reminder_clock:at} {text}",
        SET + " {text} (at|for) {reminder_clock:at}",
        SET + " in {duration_s:seconds} seconds {text}",
        SET + " {text} in {duration_s:seconds} seconds",
        # As learners say it: "remind me after 10 minutes to ...", "remind me 9 am to ...".
        "remind me after {duration_s:seconds} seconds {text}",
        "remind me {text} after {duration_s:seconds} seconds",
        "remind me {reminder_clock:at} {text}",
        *repeats.REMINDER_SENTENCES,
        # Said with no time ("remind me to wash the windows"): asked when; nothing is set.
        # No literal word after the head, so that any reading with a time outranks these
        # (grammar.py ranks by the literal words matched).
        "remind me {text}",
        SET + " {text}",
        {
            "sentences": [
                "remind me tomorrow at {reminder_clock:at} {text}",
                "remind me at {reminder_clock:at} tomorrow {text}",
                "remind me {text} tomorrow at {reminder_clock:at}",
                "remind me {text} at {reminder_clock:at} tomorrow",
                "remind me tomorrow {text} at {reminder_clock:at}",
                "tomorrow at {reminder_clock:at} remind me {text}",
                SET + " (for|at) tomorrow at {reminder_clock:at} {text}",
                SET + " (for|at) {reminder_clock:at} tomorrow {text}",
                SET + " {text} (for|at) {reminder_clock:at} tomorrow",
                SET + " {text} for tomorrow at {reminder_clock:at}",
            ],
            "slots": TOMORROW,
        },
    ],
)
def reminder_add(
    ctx: ToolContext,
    text: Text,
    seconds: Seconds = None,
    at: At = None,
    day: Day = None,
    repeat: Annotated[str | None, Field(description=repeats.DESCRIPTION)] = None,
) -> str:
    """Set a reminder, either after a delay in seconds or at a time of day (maybe repeating)."""
    now = ctx.now()
    if repeat is not None:
        return _add_repeating(ctx, text, at, seconds, repeat)
    if seconds is not None and at is not None:
        raise ToolError("Should I remind you after a while or at a time? Tell me one.")
    if at is not None:
        text, hhmm, said_day, half = split_when(text, at)
        if day == "tonight":
            day, half = "today", "pm"
        due = due_at(now, hhmm, day or said_day, half)
    elif seconds is not None:
        due = now + timedelta(seconds=seconds)
    else:
        raise ToolError("When should I remind you?")
    said, body = split_connector(text)
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), body, due))
    what = f"{said} {second_person(body)}"
    if seconds is not None:
        delay = speak_duration(seconds)
        return f"I'll remind you {what} in {delay}, {when_phrase(due, now)}."
    return f"I'll remind you {what} {when_phrase(due, now)}."


def _add_repeating(
    ctx: ToolContext, text: str, at: str | None, seconds: float | None, repeat: str
) -> str:
    """A reminder that comes back ("remind me every day at 9 to stretch")."""
    if seconds is not None:
        raise ToolError("I can repeat a reminder at a time of day, not after a while.")
    if at is None:
        raise ToolError(repeats.asked_time(repeat))
    text, hhmm, _, _ = split_when(text, at)
    due = repeats.first_due(ctx.now(), hhmm, repeat)
    rule, _ = repeats.split_repeat(repeat)
    said, body = split_connector(text)
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), body, due, repeat=rule))
    return f"I'll remind you {said} {second_person(body)} {repeats.repeat_phrase(rule, due)}."


@plugin.tool(
    reads_only=True,
    sentences=[
        "what are [all] [my|the] reminders",
        "(what|which) reminders (do i have|have i (got|set)|are (there|set))",
        "(read|show|list|tell me|give me|check) [me] [all] [my|the] reminders",
        "(do i have|have i got|are there|have i set) any reminders [set]",
        "what (did i ask you|have i asked you) to remind me [about|of]",
        "(what|which) reminders did i (set|make|leave [myself])",
        "how many reminders (do i have|have i (got|set)|are there)",
        "did i (leave|set) [myself|me] any reminders",
        "(let us|let's) go (through|over) [all] [my|the] [pending] reminders",
        "(what|which) (information|info) do i have (on|about) [my] reminders",
        "what is my next reminder",
        "(read|show|list|tell me|give me|check) [me] [all] [my|the] (pending|upcoming|current)"
        " reminders",
        "when is my next reminder",
    ],
)
def reminder_list(ctx: ToolContext) -> str:
    """Say which reminders are set and when."""
    now = ctx.now()
    reminders = sorted(_reminders(ctx), key=lambda r: (r.due, r.id))
    if not reminders:
        return "You have no reminders."
    said = [f"{r.text} {repeats.due_phrase(r, now)}" for r in reminders]
    if len(said) == 1:
        return f"You have one reminder: {said[0]}."
    return f"You have {len(said)} reminders: " + ", ".join(said[:-1]) + f" and {said[-1]}."


CANCEL = "(cancel|delete|remove|clear|forget|drop|turn off|dismiss|forget about)"


@plugin.tool(
    lists={"reminder_clock": {"values": clock_values()}},
    sentences=[
        CANCEL + " [the|my|that] reminder",
        CANCEL + " [the|my] reminder {text}",
        CANCEL + " [the|my] {text} reminder",
        CANCEL + " [the|my] reminder (at|for) {reminder_clock:at}",
        CANCEL + " [the|my] {reminder_clock:at} reminder",
        "(do not|no need to) remind me {text} [anymore|any more]",
    ],
)
def reminder_cancel(
    ctx: ToolContext,
    text: Annotated[str | None, Field(description="what the reminder is about")] = None,
    at: At = None,
) -> str:
    """Cancel one reminder, named by what it is about or its time."""
    reminders = _reminders(ctx)
    if not reminders:
        raise ToolError("You have no reminders.")
    found = _matching(reminders, text, at)
    if len(found) > 1:
        names = [r.text for r in found]
        raise ToolError("Which reminder? " + ", ".join(names[:-1]) + f" or {names[-1]}?")
    target = found[0]
    delete_reminder(ctx.records, target)
    return f"I cancelled your reminder: {target.text}."


def _matching(reminders: list[Reminder], text: str | None, at: str | None) -> list[Reminder]:
    if at is not None:
        hour, minute = parse_hhmm(at)
        reminders = [r for r in reminders if (r.due.hour, r.due.minute) == (hour, minute)]
        if not reminders:
            raise ToolError(f"You have no reminder at {at}.")
    if text is None:
        return reminders
    _, wanted = split_connector(text)
    scores = [(_score(wanted, r.text), r) for r in reminders]
    best = max(score for score, _ in scores)
    if best < MATCH_CUTOFF:
        raise ToolError(f"You have no reminder about {second_person(wanted)}.")
    return [r for score, r in scores if score == best]


def _score(wanted: str, text: str) -> float:
    return max(fuzz.ratio(wanted, text), fuzz.token_set_ratio(wanted, text))


@plugin.tool(
    sentences=[
        CANCEL + " (all|every) [of] [the|my] reminders",
        CANCEL + " [the|my] reminders",
        "(clear|delete|remove) (all|every) reminder",
    ]
)
def reminder_cancel_all(ctx: ToolContext) -> str:
    """Cancel every reminder."""
    reminders = _reminders(ctx)
    count = len(reminders)
    if not count:
        raise ToolError("You have no reminders.")
    for reminder in reminders:
        delete_reminder(ctx.records, reminder)
    return "I cancelled your reminder." if count == 1 else f"I cancelled your {count} reminders."


_ALARM_LISTS = {
    "alarm_clock": {"values": clock_values()},
    "reminder_repeat": {"values": repeats.repeat_values()},
    "alarm_when": {"values": when_values()},
    # An alarm told by its place: "remove the first alarm", "turn off my latest alarm".
    "alarm_rank": {
        "values": [
            {"in": said, "out": rank}
            for rank, words in (
                ("first", ("first", "earliest", "next", "upcoming", "1st")),
                ("second", ("second", "2nd")),
                ("third", ("third", "3rd")),
                ("last", ("last", "latest", "final")),
            )
            for said in words
        ]
    },
}
plugin.tool(sentences=SET_SENTENCES, lists=_ALARM_LISTS)(alarm_set)
plugin.tool(sentences=LIST_SENTENCES, lists=_ALARM_LISTS, reads_only=True)(alarm_list)
plugin.tool(sentences=CANCEL_SENTENCES, lists=_ALARM_LISTS)(alarm_cancel)
plugin.tool(sentences=CANCEL_ALL_SENTENCES)(alarm_cancel_all)

_CALENDAR_LISTS: dict[str, dict[str, Any]] = {
    "reminder_clock": {"values": clock_values()},
    "calendar_day": {"values": phrases.day_values()},
    "event_noun": {"values": phrases.event_nouns()},
    "event_kind": {"values": list(phrases.EVENT_KINDS)},
}
plugin.tool(sentences=phrases.ADD_SENTENCES, lists=_CALENDAR_LISTS)(calendar.event_add)
plugin.tool(sentences=phrases.LIST_SENTENCES, lists=_CALENDAR_LISTS, reads_only=True)(
    calendar.calendar_list
)
plugin.tool(sentences=phrases.REMOVE_SENTENCES, lists=_CALENDAR_LISTS)(calendar.calendar_remove)
