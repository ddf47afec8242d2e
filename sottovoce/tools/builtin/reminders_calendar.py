"""The calendar people ask for, kept as reminders: add an event, see what is on, clear it.

There is no separate calendar: an event ("add the dentist on friday at 3 pm to my
calendar") is a reminder at its time, so it is announced then, survives a restart
and shows in the "reminders" snapshot section like any other. What this module adds
is the calendar's words (events, appointments, meetings, schedule, agenda) and
asking by day: "what's on my calendar tomorrow", "when is my next meeting", "clear
my schedule for today", "delete the next event". The reminders plugin registers
these tools (reminders.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated

from pydantic import Field

from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin.reminders_records import (
    Reminder,
    delete_reminders,
    load_reminders,
    save_reminder,
    which_of,
)
from sottovoce.tools.builtin.reminders_when import (
    PARTS,
    WEEKDAYS,
    date_in,
    day_of_month,
    due_at,
    due_on,
    hours_of,
    parse_hhmm,
    take_time,
    when_phrase,
)


def _span(day: str | None, now: datetime) -> tuple[datetime, datetime]:
    """The time between now and the end of the day or span asked about."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if day == "today":
        return now, midnight + timedelta(days=1)
    if day == "tomorrow":
        return midnight + timedelta(days=1), midnight + timedelta(days=2)
    if day in WEEKDAYS:
        start = midnight + timedelta(days=(WEEKDAYS.index(day) - now.weekday()) % 7)
        return start, start + timedelta(days=1)
    if day == "next week":  # Monday to Sunday after this week
        start = midnight + timedelta(days=7 - now.weekday())
        return start, start + timedelta(days=7)
    if day == "next month":
        start = (midnight.replace(day=1) + timedelta(days=32)).replace(day=1)
        return start, (start + timedelta(days=32)).replace(day=1)
    return now, midnight + timedelta(days={"week": 7, "month": 31}.get(day or "", 3650))


def _on_day(day: str | None) -> str:
    return {None: "", "today": " today", "tomorrow": " tomorrow", "week": " this week",
            "month": " this month", "next week": " next week",
            "next month": " next month"}.get(day, f" on {str(day).capitalize()}")  # fmt: skip


_GENERIC = frozenset(
    "event events appointment appointments entry entries plans plan thing things calendar"
    " schedule agenda anything something i have with my the a an at in on for today tonight"
    " tomorrow scheduled booked planned reminder reminders pending set upcoming".split()
)


def _words(text: str | None) -> set[str]:
    """The words that name an event ('meeting', 'john'), singular, without the generic ones."""
    said = re.sub(r"[^a-z0-9' ]", " ", (text or "").lower()).split()
    said = [w.removesuffix("'s") for w in said]  # "tomorrow's meeting"
    return {w.removesuffix("s") if len(w) > 3 else w for w in said if w not in _GENERIC}


def _found(
    ctx: ToolContext, day: str | None, about: str | None, on: date | None = None
) -> list[Reminder]:
    now = ctx.now()
    start, end = _span(day, now)
    if on is not None:
        start = datetime.combine(on, datetime.min.time()).replace(tzinfo=now.tzinfo)
        end = start + timedelta(days=1)
    about = (about or "").lower()
    time, about = take_time(about)  # "remove my event at one pm"
    wanted = _words(about) - set(WEEKDAYS) - set(PARTS)
    found = [
        r
        for r in load_reminders(ctx.records)
        if not r.alarm and start <= r.due < end and wanted <= _words(r.text)
    ]
    if time is not None:
        hours, minute = hours_of(time), parse_hhmm(time)[1]
        found = [r for r in found if r.due.hour in hours and r.due.minute == minute]
    return sorted(found, key=lambda r: (r.due, r.id))


def _said(reminders: list[Reminder], now: datetime) -> str:
    parts = [f"{r.text} {when_phrase(r.due, now)}" for r in reminders]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"


Day = Annotated[str | None, Field(description="'today', 'tomorrow', a weekday, 'week' or 'month'")]
About = Annotated[str | None, Field(description="what the event is, e.g. 'meeting with john'")]
First = Annotated[bool, Field(description="only the next one")]


def calendar_list(
    ctx: ToolContext,
    day: Day = None,
    about: About = None,
    first: First = False,
    date: Annotated[str | None, Field(description="a date as said, e.g. 'march seventh'")] = None,
) -> str:
    """Say what is in the calendar (the reminders), for a day or span, or the next one."""
    day, about, on = _when_said(ctx, day, about, date)
    found = _found(ctx, day, about, on)
    what = " ".join(sorted(_words(about) - set(WEEKDAYS))) or "nothing"
    when = f" on {on:%A %B} {on.day}" if on is not None else _on_day(day)
    if not found:
        if what != "nothing":
            return f"You have no {what} in your calendar{when}."
        return f"You have nothing in your calendar{when}."
    if first:
        return f"Your next one: {_said(found[:1], ctx.now())}."
    return f"In your calendar{when}: {_said(found, ctx.now())}."


def _when_said(
    ctx: ToolContext, day: str | None, about: str | None, said: str | None
) -> tuple[str | None, str | None, date | None]:
    """(day, about, date) from the words after a calendar question: a date ("for march
    seventh", "on the ninth"), a day or span ("for next week"), or what the event is
    ("with john"): never dropped, which would answer with everything."""
    text = re.sub(
        r"^(?:(?:on|for|in|at|a|an|any|the|my) )+", "", f"{(said or '').lower().strip()} "
    )
    text = "" if text.strip() in ("a", "an", "any", "the", "my") else text.strip()
    on, rest = _date_said(text, ctx.now().date())
    span = next((s for s in ("week", "month") if re.search(rf"\b{s}\b", rest)), None)
    if span and re.search(rf"\bnext {span}\b", rest):
        span = f"next {span}"
    rest = re.sub(r"\b(?:(?:this|next|the|coming|rest of the) )?(?:week|month)\b", " ", rest)
    if rest.strip():  # "tomorrow at 21:00", "program for tomorrow evening": what and when
        about = f"{about or ''} {rest}".strip()
    return day or span or _day_in(about) or _day_in(text), about, on


def _date_said(text: str, today: date) -> tuple[date | None, str]:
    """A date in the words ("march 7", "the nineteenth at 14:00"), and the words left."""
    on, rest = date_in(text, today)
    if on is None:
        time, rest = take_time(text)
        if (on := day_of_month(rest, today)) is None:
            return None, text
        rest = f"at {time}" if time else ""
    return on, rest


def calendar_remove(
    ctx: ToolContext,
    day: Day = None,
    about: About = None,
    at: Annotated[str | None, Field(description="its time of day 'HH:MM'")] = None,
    first: First = False,
    one: Annotated[bool, Field(description="one event, named")] = False,
) -> str:
    """Remove events from the calendar: all of a day or span, the next one, or one named."""
    day = day or _day_in(about)
    # "remove my next scheduled appointment", "clear my next activity": the first one.
    first = first or bool(
        re.match(r"(?:my |the )?(?:next|upcoming|succeeding|following)\b", about or "")
    )
    about = re.sub(r"^(?:my |the )?(?:next|upcoming|succeeding|following)\b", "", about or "")
    on, about = _date_said(about, ctx.now().date())  # "erase my appointment for march 7"
    found = _found(ctx, day, f"{about} {at or ''}", on)
    if (about or "").strip() in _THAT and not at:  # "erase that from my calendar"
        found = sorted(_found(ctx, day, None), key=lambda r: r.id)[-1:]
    if not found:
        raise ToolError(f"You have nothing like that in your calendar{_on_day(day)}.")
    if first:
        found = found[:1]
    elif one and len(found) > 1:
        raise ToolError(which_of("Which one:", [r.text for r in found]))
    delete_reminders(ctx.records, found)
    if len(found) == 1:
        return f"I removed {found[0].text} from your calendar."
    return f"I removed {len(found)} events from your calendar{_on_day(day)}."


# The event just spoken of: the one put in last.
_THAT = frozenset({"that", "it", "this", "that event", "this event", "that one", "that meeting"})


def _day_in(text: str | None) -> str | None:
    words = [w.removesuffix("'s") for w in (text or "").lower().split()]
    for word in words:
        if word in WEEKDAYS or word in ("today", "tomorrow"):
            return word
        if word in ("tonight", "today's", "todays"):
            return "today"
    return None


_DAY = re.compile(
    r"\b(?:on |this |next |for )?(today|tonight|tomorrow|" + "|".join(WEEKDAYS) + r")\b"
)
# "Night" alone names the event ("movie night", "game night"); "at night" is the time.
_PART = re.compile(
    r"\b(?:in the |this )?(morning|afternoon|evening)\b|\b(?:in the |this |at )night\b"
)
_LEAD = re.compile(r"^(?:that |for |about |to |of |called )?(?:there is |we are |i have |i am )?")


def event_add(
    ctx: ToolContext,
    text: Annotated[str, Field(description="the event, e.g. 'dentist'")],
    at: Annotated[str | None, Field(description="its time of day 'HH:MM' (24-hour)")] = None,
    day: Day = None,
    date: Annotated[str | None, Field(description="its date as said, e.g. 'may fifth'")] = None,
    kind: Annotated[str | None, Field(description="'meeting' or 'appointment' if said")] = None,
) -> str:
    """Put an event in the calendar: a reminder at the time and day said with it."""
    now = ctx.now()
    # "On the 17th": a day of this month (or the next), not a date said in the text.
    on_day = day_of_month(date, now.date()) if date else None
    # A date said bare ("may fifth") joins the text as "on ..."; words that bring their own
    # way in ("for 09:00 with tom", "tomorrow at 12:00") join as they are.
    joiner = (
        " "
        if re.match(r"(?:on|for|at|from|this|next|today|tonight|tomorrow)\b", date or "")
        else " on "
    )
    said = f"{text}{joiner}{date}".lower() if date and on_day is None else text.lower()
    if at is None:
        at, said = take_time(said)
    if at is None:
        raise ToolError("When is it? Tell me the day and the time, and I'll put it in.")
    found = _DAY.search(said)
    if found is not None:
        said = said[: found.start()] + " " + said[found.end() :]
    part = _PART.search(said)
    half = None
    if part is not None:
        said = said[: part.start()] + " " + said[part.end() :]
        half = PARTS.get(part[1] or "night")
    when = day if day in (*WEEKDAYS, "today", "tomorrow") else None
    when = when or (found[1] if found is not None else None)
    if when == "tonight":
        when, half = "today", "pm"
    on, said = date_in(said, now.date())
    on = on or on_day
    what = _LEAD.sub("", " ".join(said.split()).removeprefix("my ")).strip()
    what = re.sub(r"\b(?:at|on|for|in)$", "", what).strip()
    if kind and (not what or re.match(r"(?:with|at|about|in|from) ", what)):
        what = f"{kind} {what}".strip()  # "a meeting with pawel" is the meeting
    # Said back as said ("I put the review in ..."), kept without it: `meeting with dev`.
    shown, what = what, re.sub(r"^(?:a|an|the) ", "", what)
    if not what:
        raise ToolError("What should I put in your calendar?")
    due = due_at(now, at, when, half) if on is None else due_on(on, at, half)
    due = due.replace(tzinfo=now.tzinfo) if on is not None else due
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), what, due))
    return f"I put {shown} in your calendar {when_phrase(due, now)}, and I'll remind you then."
