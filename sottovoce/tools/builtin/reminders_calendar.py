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
from typing import Annotated, Any

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

_EVENT = "(event|events|appointment|appointments|meeting|meetings|entry|entries|plans)"
_CALENDAR = "[my|the|our] [family|work|personal] (calendar|schedule|agenda|diary|planner)"
_CAL_DAY = "{calendar_day:day}"
_D = "[" + _CAL_DAY + "]"

_PUT = (
    "(add|schedule|book|put|create|make|set up|enter|plan|set) [a|an|the|my] [new] [calendar] "
    "(event|appointment|meeting|entry) [for|of|called]"
)
_AT = "[at|for|from|starting at] {reminder_clock:at}"
_ON = "{calendar_day:day}"


def _timed(head: str, tail: str = "") -> list[str]:
    """The head, the event and its time and day in the orders people say them."""
    return [
        f"{head} {{text}} {_AT} [{_ON}] {tail}",
        f"{head} {{text}} {_ON} {_AT} {tail}",
        f"{head} {_AT} [{_ON}] {{text}} {tail}",
        f"{head} {_ON} {_AT} {{text}} {tail}",
        # "... at eight pm on the ninth of august": a date, read by event_add.
        f"{head} {{text}} {_AT} (on|for) {{text:date}} {tail}",
    ] + (
        # "add the dentist to my calendar on friday at 3 pm": the calendar before the time.
        [
            f"{head} {{text}} {tail} {_AT} [{_ON}]",
            f"{head} {{text}} {tail} {_ON} {_AT}",
            f"{head} {{text}} {tail} (on|for) {{text:date}} {_AT}",
            f"{head} {{text}} {tail} {_AT} (on|for) {{text:date}}",
        ]
        if tail
        else []
    )


ADD_SENTENCES: list[str | dict[str, Any]] = [
    *_timed(_PUT),
    *_timed("(add|put|schedule|enter|write|pencil|note)", "(in|on|to|into) " + _CALENDAR),
    *_timed("(in|on|to|into) " + _CALENDAR + " (add|put|write|enter|schedule|note) [that]"),
    *_timed("schedule [a|an|my]"),
    *_timed("[set|create|add|make] [a|an] [new] (notification|alert) (for|that|about)"),
    # Said with no time: asked for it, and nothing is put in.
    _PUT + " {text}",
    "(add|put|schedule|enter|write|pencil|note) {text} (in|on|to|into) " + _CALENDAR,
    "(in|on|to|into) " + _CALENDAR + " (add|put|write|enter|schedule|note) [that] {text}",
]
LIST_SENTENCES: list[str | dict[str, Any]] = [
    "what is (on|in) " + _CALENDAR + " " + _D,
    "what (is|are) " + _CALENDAR + " [events|plans] " + _D,
    "what (events|appointments|meetings|plans|calendar events) (do i have|have i got|are "
    "there|are in " + _CALENDAR + ") [coming up|planned|scheduled|booked] " + _D,
    "(do i have|have i got|are there|is there) (any|anything) [upcoming] [" + _EVENT + "|calendar "
    "events|pending reminders|pending reminder] [coming up|scheduled|planned|booked|on|pending] "
    "[(in|on) " + _CALENDAR + "] " + _D,
    "(show|list|read|tell me|give me|list out) [me] [all] [my|the] [upcoming|up coming] "
    "(" + _EVENT + "|calendar|schedule|agenda|calendar events|pending reminders) " + _D,
    "tell me [all] about [my|the] [upcoming] " + _EVENT + " " + _D,
    # Three words at least: a two-word form would take one of the speech prompt's
    # example places (voice/vocabulary.py) from a command whisper needs more.
    "(my|show|list|any|all) (upcoming|up coming) (events|appointments|meetings)",
    "what does [my] " + _CAL_DAY + " (schedule|calendar|agenda) look like",
    "what does my (schedule|calendar|agenda|day|morning|afternoon|evening) look like " + _D,
    "what is my [event|events|calendar] (agenda|schedule) " + _D,
    "what is my (agenda|schedule) for the (rest|remainder) of the week",
    "what reminders are (coming up|set|there) " + _CAL_DAY,
    # "what do i have coming up", "what do i have planned for this week", "what is the
    # plan today", "what's my schedule like today", "show future events".
    "what (do i have|have i got) (planned|scheduled|booked|coming up|going on|on) " + _D,
    "what (do i have|have i got) (planned|scheduled|booked|coming up) next",
    "what (do i have|have i got) (planned|scheduled|booked|going on) {text:date}",
    "what is [my|the] plan [for] " + _D,
    "what are [my|the] plans [for] " + _D,
    "what is [my|the] (schedule|calendar|agenda|day) like " + _D,
    "(show|list|give me|tell me) [me] [all] [my|the] (future|coming|next|forthcoming) "
    + _EVENT
    + " "
    + _D,
    "what " + _EVENT + " (are|is) (upcoming|coming up|scheduled|planned|booked|on) " + _D,
    "what are [my|the] (meeting|meetings|events|appointments) (scheduled|planned|booked) " + _D,
    "tell [me] my " + _EVENT + " " + _D,
    "(upcoming|future) (events|appointments|meetings) (in|on) " + _CALENDAR,
    "give me the (time|times) of [my|the] " + _EVENT,
    "(is|are) there [a|an|any] {event_noun:about} (on|in) " + _CALENDAR + " " + _D,
    # A date: "do i have anything scheduled for march seventh" (read by calendar_list).
    # "on"/"for" are the date's own words: as literal words they would outrank the
    # day list's "for tomorrow" (grammar.py ranks by literal words first).
    "what is (on|in) " + _CALENDAR + " {text:date}",
    "(do i have|have i got|are there|is there) (any|anything) [" + _EVENT + "] "
    "[scheduled|planned|booked] [(in|on) " + _CALENDAR + "] {text:date}",
    "what (events|appointments|meetings|plans) (do i have|have i got|are there) "
    "[scheduled|planned|booked] {text:date}",
    # "do i have a sales meeting today": the kind of meeting said before it.
    "(do i have|have i got|is there) [a|an|any] {text:date} (meeting|appointment|event|class|"
    "lesson|session) " + _D,
    "(do i have|have i got|is there) [a|an|any] {event_noun:about} [for] "
    + _CAL_DAY
    + " [(in|on) "
    + _CALENDAR
    + "]",
    {
        "sentences": [
            "(when|what time) (is|are) [my|the] [next|first] {event_noun:about} " + _D,
            "what is my (first|next) {event_noun:about} " + _D,
            # An event by its name: "when is my brunch with jennifer", "what time is my
            # doctor appointment on march 31st", "what time does the concert begin".
            "(when|what time) (is|are|will) (my|the) [next|first] {text:date} "
            "[be|begin|start|happen|supposed to (begin|start|be)]",
            "(when|what time) (does|do) (my|the) [next|first] {text:date} (begin|start|happen)",
            "(when|what time) will (my|the) [next|first] {text:date} (be|begin|start) " + _CAL_DAY,
        ],
        "slots": {"first": True},
    },
]
REMOVE_SENTENCES: list[str | dict[str, Any]] = [
    # "All my meetings" are the meetings only ({event_noun:about} below), not every event.
    "(remove|delete|clear|cancel|wipe|erase|drop) (all|everything|all data) [of|from|on|in] "
    "[the|my] [(event|events|entry|entries|plans|appointment|appointments)"
    + "|calendar events|events and schedules] [(from|on|in) "
    + _CALENDAR
    + "] "
    + _D,
    "(clear|wipe|empty|erase) [out] " + _CALENDAR + " [clean|completely] " + _D,
    "(completely|totally) clear " + _CALENDAR + " " + _D,
    "make sure " + _CALENDAR + " is [completely] (clear|empty) " + _D,
    "[open calendar] [do] (remove|delete|cancel|clear) all [of] [the|my] {event_noun:about} "
    "[(from|on|in) " + _CALENDAR + "] " + _D,
    {
        "sentences": [
            "[do] (remove|delete|cancel|drop) [the|my] next [calendar] (event|appointment|meeting) "
            "[(from|on|in) " + _CALENDAR + "]",
            "(remove|delete|cancel) from " + _CALENDAR + " the next (event|appointment|meeting)",
        ],
        "slots": {"first": True},
    },
    {
        "sentences": [
            # "The meeting i have with john tonight", "the event for dan": not "at one pm".
            "(remove|delete|cancel) [the|my] [calendar] (event|appointment|meeting) "
            "[(i|we) have] (with|for|about) {text:about}",
            "(remove|delete|cancel) [the|my] {text:about} (event|appointment|meeting|meetings) "
            "[(from|on|in) " + _CALENDAR + "]",
            "(remove|delete|cancel) [my] " + _CAL_DAY + " {text:about}",
            "(remove|delete|cancel) [the|my] {event_noun:about} " + _D,
            "(remove|delete|cancel) [the|my] [calendar] [{event_noun:about}] (at|for) "
            "{reminder_clock:at} [(in|on|from) " + _CALENDAR + "] " + _D,
            # Anything taken off the calendar is an event: "remove dinner with mike from my
            # calendar" (not a list called calendar), "delete eric's bday from the calendar".
            "(remove|delete|erase|cancel|take|clear|drop) {text:about} (from|off|off of|on|in) "
            + _CALENDAR
            + " "
            + _D,
            "(remove|delete|erase|cancel|take|clear|drop) (from|off) "
            + _CALENDAR
            + " [the|my] {text:about}",
        ],
        "slots": {"one": True},
    },
]


def day_values() -> list[dict[str, str]]:
    """Days and spans as said after a calendar question: 'today', 'for friday', 'this week'."""
    values = {
        "(today|tonight|this (morning|afternoon|evening)|for (today|tonight)"
        "|for the rest of the day|(in|for) the rest of today)": "today",
        "[for] tomorrow [morning|afternoon|evening]|tomorrow's|tomorrows": "tomorrow",
        "today's|todays": "today",
        "[for] (this|the) week|for the (rest|remainder) of the week|this coming week"
        "|(for|in) the next (432000|604800) seconds": "week",
        "[for] (this|the) month|for the (rest|remainder) of the month": "month",
    }
    out = [{"in": said, "out": day} for said, day in values.items()]
    out += [
        {"in": f"[for|on|this|next] {d} [morning|afternoon|evening]", "out": d} for d in WEEKDAYS
    ]
    return out


def event_nouns() -> list[str]:
    """What people call the things in a calendar ('my meeting', 'the dentist')."""
    nouns = "meeting appointment event lunch dinner breakfast party class lesson practice"
    nouns += " game call interview date visit training session dentist doctor"
    return [form for noun in nouns.split() for form in (noun, noun + "s")]


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
    today = ctx.now().date()
    on, rest = date_in(text, today)
    if on is None and (on := day_of_month(text, today)) is not None:
        rest = ""
    span = next((s for s in ("week", "month") if re.search(rf"\b{s}\b", rest)), None)
    if span and re.search(rf"\bnext {span}\b", rest):
        span = f"next {span}"
    rest = re.sub(r"\b(?:(?:this|next|the|coming|rest of the) )?(?:week|month)\b", " ", rest)
    if rest.strip():  # "tomorrow at 21:00", "program for tomorrow evening": what and when
        about = f"{about or ''} {rest}".strip()
    return day or span or _day_in(about) or _day_in(text), about, on


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
    found = _found(ctx, day, f"{about} {at or ''}")
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
_PART = re.compile(r"\b(?:in the |this )?(morning|afternoon|evening|night)\b")
_LEAD = re.compile(r"^(?:that |for |about |to |of |called )?(?:there is |we are |i have |i am )?")


def event_add(
    ctx: ToolContext,
    text: Annotated[str, Field(description="the event, e.g. 'dentist'")],
    at: Annotated[str | None, Field(description="its time of day 'HH:MM' (24-hour)")] = None,
    day: Day = None,
    date: Annotated[str | None, Field(description="its date as said, e.g. 'may fifth'")] = None,
) -> str:
    """Put an event in the calendar: a reminder at the time and day said with it."""
    said = f"{text} on {date}".lower() if date else text.lower()
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
        half = PARTS.get(part[1])
    when = day if day in (*WEEKDAYS, "today", "tomorrow") else None
    when = when or (found[1] if found is not None else None)
    if when == "tonight":
        when, half = "today", "pm"
    now = ctx.now()
    on, said = date_in(said, now.date())
    what = _LEAD.sub("", " ".join(said.split()).removeprefix("my ")).strip()
    what = re.sub(r"\b(?:at|on|for|in)$", "", what).strip()
    if not what:
        raise ToolError("What should I put in your calendar?")
    due = due_at(now, at, when, half) if on is None else due_on(on, at, half)
    due = due.replace(tzinfo=now.tzinfo) if on is not None else due
    save_reminder(ctx.records, Reminder(ctx.records.new_id(), what, due))
    return f"I put {what} in your calendar {when_phrase(due, now)}, and I'll remind you then."
