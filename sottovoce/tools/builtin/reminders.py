"""Reminders: set one for a time of day or after a delay, list them, cancel them.

Reminders live in the plugin's own records (`reminders_records`), one per reminder;
its due check (`reminders_due`) takes out the due ones and says
`announce_reminder(reminder)`; its snapshot section is "reminders". Sentences
reach us normalized: durations as "<N> seconds", times of day as "HH:MM". The
text slot keeps its connector ("to stretch", "that the oven is on") so that the
reply can say it back; the stored text is what follows it ("stretch").
"""

from __future__ import annotations

import re
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
from sottovoce.tools.builtin.reminders_when import (
    NO_TIME,
    WEEKDAYS,
    clock_values,
    due_at,
    parse_hhmm,
    take_time,
    when_phrase,
    when_values,
)
from sottovoce.tools.builtin.timers_spoken import speak_duration

plugin = Plugin("reminders", "Reminders at a time of day or after a delay.")

MATCH_CUTOFF = 75.0
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

Text = Annotated[str, Field(description="what to be reminded of, e.g. 'to stretch'")]
Seconds = Annotated[
    float | None, Field(description="remind after this many seconds", gt=0, le=10_000_000)
]
At = Annotated[str | None, Field(description="time of day 'HH:MM' (24-hour)")]
Day = Annotated[
    Literal["today", "tomorrow"] | None, Field(description="'tomorrow' for a time tomorrow")
]
TOMORROW = {"day": "tomorrow"}
SET = "((set|create|add|make|schedule|put in)|send me) [a|an|the] [new] reminder"


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


def _split_when(text: str, at: str) -> tuple[str, str, str | None]:
    """Separate the time, a day word and any words a wildcard misplaced.

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
    day, words = _take_day(words)
    return " ".join(words), hhmm, day


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


def _connector(text: str) -> tuple[str, str]:
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


def _second_person(text: str) -> str:
    """'to call my mum' -> 'to call your mum'; 'that i am late' -> 'that you are late'."""
    spoken = f" {text} ".replace(" i am ", " you are ").replace(" i was ", " you were ")
    return " ".join(PERSON.get(word, word) for word in spoken.split())


@plugin.tool(
    lists={
        "reminder_clock": {"values": clock_values()},
        "reminder_repeat": {"values": repeats.repeat_values()},
    },
    sentences=[
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
        text, hhmm, said_day = _split_when(text, at)
        due = due_at(now, hhmm, day or said_day)
    elif seconds is not None:
        due = now + timedelta(seconds=seconds)
    else:
        raise ToolError("When should I remind you?")
    connector, body = _connector(text)
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), body, due))
    what = f"{connector} {_second_person(body)}"
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
    text, hhmm, _ = _split_when(text, at)
    due = repeats.first_due(ctx.now(), hhmm, repeat)
    rule, _ = repeats.split_repeat(repeat)
    connector, body = _connector(text)
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), body, due, repeat=rule))
    return f"I'll remind you {connector} {_second_person(body)} {repeats.repeat_phrase(rule, due)}."


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
    _, wanted = _connector(text)
    scores = [(_score(wanted, r.text), r) for r in reminders]
    best = max(score for score, _ in scores)
    if best < MATCH_CUTOFF:
        raise ToolError(f"You have no reminder about {_second_person(wanted)}.")
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
