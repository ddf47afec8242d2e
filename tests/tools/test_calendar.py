"""Tests for the calendar kept as reminders (reminders_calendar), and how its sentences route."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import lists, reminders
from sottovoce.tools.builtin import reminders_calendar as cal


def make_world() -> World:
    # Monday 1 June 2026, 08:30.
    data = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"]}
    world = parse_world(data, "t.yaml", virtual=True)
    Registry([reminders.plugin]).attach(world)
    return world


def make_ctx() -> ToolContext:
    ctx = ToolContext(world=make_world(), area="kitchen", plugin="reminders")
    cal.event_add(ctx, "lunch with sara", "13:00")
    cal.event_add(ctx, "the meeting with john", "18:00")
    cal.event_add(ctx, "the dentist", "08:00", "tomorrow")
    return ctx


def dues(ctx: ToolContext) -> list[str]:
    return [str(r["due"]) for r in ctx.world.snapshot()["reminders"]]


def test_an_event_is_a_reminder_at_its_day_and_time() -> None:
    ctx = make_ctx()
    reply = cal.event_add(ctx, "baseball practice tonight", "17:00")
    assert reply == "I put baseball practice in your calendar at 5:00 PM, and I'll remind you then."
    assert cal.event_add(ctx, "doctors appointment on friday", "14:00").endswith(
        "on Friday at 2:00 PM, and I'll remind you then."
    )
    assert "2026-06-05T14:00:00" in dues(ctx) and "2026-06-01T17:00:00" in dues(ctx)


def test_an_event_said_without_a_time_is_asked_for_and_nothing_is_added() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match="When is it"):
        cal.event_add(ctx, "my upcoming meeting")
    assert len(dues(ctx)) == 3


def test_what_is_on_a_day_or_the_next_one() -> None:
    ctx = make_ctx()
    assert cal.calendar_list(ctx, "today") == (
        "In your calendar today: lunch with sara at 1:00 PM and meeting with john at 6:00 PM."
    )
    assert cal.calendar_list(ctx, "tomorrow") == (
        "In your calendar tomorrow: dentist tomorrow at 8:00 AM."
    )
    assert cal.calendar_list(ctx, "friday") == "You have nothing in your calendar on Friday."
    assert cal.calendar_list(ctx, about="meeting", first=True) == (
        "Your next one: meeting with john at 6:00 PM."
    )
    assert cal.calendar_list(ctx, about="party") == "You have no party in your calendar."


def test_removing_a_day_the_next_one_or_one_named() -> None:
    ctx = make_ctx()
    assert cal.calendar_remove(ctx, first=True) == "I removed lunch with sara from your calendar."
    with pytest.raises(ToolError, match="Which one"):
        cal.calendar_remove(ctx, one=True)
    assert cal.calendar_remove(ctx, about="john tonight", one=True).startswith(
        "I removed meeting with john"
    )
    cal.event_add(ctx, "gym", "19:00")
    assert cal.calendar_remove(ctx, "today") == "I removed gym from your calendar."
    assert dues(ctx) == ["2026-06-02T08:00:00"]
    with pytest.raises(ToolError, match="nothing like that"):
        cal.calendar_remove(ctx, at="13:00")


def test_a_date_asked_about_is_that_day_and_never_everything() -> None:
    ctx = make_ctx()
    assert cal.calendar_list(ctx, date="march seventh") == (
        "You have nothing in your calendar on Sunday March 7."
    )
    assert cal.calendar_list(ctx, date="the 2nd of june") == (
        "In your calendar on Tuesday June 2: dentist tomorrow at 8:00 AM."
    )
    assert cal.calendar_list(ctx, date="for tomorrow").startswith("In your calendar tomorrow:")
    assert cal.calendar_list(ctx, date="on the ninth") == (
        "You have nothing in your calendar on Tuesday June 9."
    )
    assert cal.calendar_list(ctx, date="for this week").startswith("In your calendar this week:")
    # Next week is Monday to Sunday after this one, not the next seven days.
    assert cal.calendar_list(ctx, date="for next week") == (
        "You have nothing in your calendar next week."
    )
    # Words that are no date say what the event is: never everything.
    assert cal.calendar_list(ctx, date="with john") == (
        "In your calendar: meeting with john at 6:00 PM."
    )
    assert cal.calendar_list(ctx, date="with the plumber") == (
        "You have no plumber in your calendar."
    )


def test_all_my_meetings_are_the_meetings_only() -> None:
    ctx = make_ctx()
    assert cal.calendar_remove(ctx, "week", about="meetings") == (
        "I removed meeting with john from your calendar."
    )
    assert len(dues(ctx)) == 2


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("what is on my calendar for tomorrow", "calendar_list", {"day": "tomorrow"}),
        (
            "do i have anything scheduled for march seventh",
            "calendar_list",
            {"date": "for march seventh"},
        ),
        (
            "remove all my meetings for the rest of the week",
            "calendar_remove",
            {"about": "meetings", "day": "week"},
        ),
        ("clear all my appointments today", "calendar_remove", {"day": "today"}),
        (
            "send me a reminder to pick up my dog at 13:00",
            "reminder_add",
            {"text": "to pick up my dog", "at": "13:00"},
        ),
        ("do i have any events today", "calendar_list", {"day": "today"}),
        ("when is my next meeting", "calendar_list", {"about": "meeting", "first": True}),
        ("clear my schedule for today", "calendar_remove", {"day": "today"}),
        ("delete the next event on the calendar", "calendar_remove", {"first": True}),
        (
            "schedule my doctors appointment on friday at 14:00",
            "event_add",
            {"text": "doctors appointment", "day": "friday", "at": "14:00"},
        ),
        ("what do i have coming up", "calendar_list", {}),
        ("what is the plan today", "calendar_list", {"day": "today"}),
        ("show future events", "calendar_list", {}),
        (
            "remove dinner with mike from my calendar",
            "calendar_remove",
            {"about": "dinner with mike", "one": True},
        ),
        ("erase that from my calendar", "calendar_remove", {"about": "that", "one": True}),
        ("remind me to wash the windows", "reminder_add", {"text": "to wash the windows"}),
        # A time said as learners say it outranks the reading without one.
        (
            "remind me after 600 seconds to take my medicine",
            "reminder_add",
            {"seconds": 600, "text": "to take my medicine"},
        ),
        (
            "when is my brunch with jennifer",
            "calendar_list",
            {"date": "brunch with jennifer", "first": True},
        ),
        ("do i have a sales meeting today", "calendar_list", {"date": "sales", "day": "today"}),
        # The calendar named before the time (docs/cases.md's own example).
        (
            "add the dentist to my calendar on friday at 15:00",
            "event_add",
            {"text": "the dentist", "date": "friday", "at": "15:00"},  # a weekday is a date too
        ),
        (
            "put piano recital in my calendar today at 16:00",
            "event_add",
            {"text": "piano recital", "day": "today", "at": "16:00"},
        ),
        # A day and a time make it an event, with no calendar said.
        (
            "put lunch with pawel for tomorrow 10:00 am",
            "event_add",
            {"text": "lunch with pawel", "day": "tomorrow", "at": "10:00 am"},
        ),
        (
            "make an appointment with the dentist at 15:00 tomorrow",
            "event_add",
            {"kind": "appointment", "text": "with the dentist", "at": "15:00", "day": "tomorrow"},
        ),
    ],
)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([reminders.plugin, lists.plugin]), make_world())
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == (tool, args)


def test_an_event_is_never_a_shopping_item() -> None:
    ctx = ToolContext(world=make_world(), area="kitchen", plugin="lists")
    with pytest.raises(ToolError, match="calendar"):
        lists.list_add(ctx, "a meeting with the cfo on thursday")


def test_that_is_the_event_put_in_last() -> None:
    ctx = make_ctx()
    before = len(dues(ctx))
    cal.event_add(ctx, "book club", at="19:00", day="friday")
    assert cal.calendar_remove(ctx, about="that", one=True) == (
        "I removed book club from your calendar."
    )
    assert len(dues(ctx)) == before


def test_a_reminder_without_a_time_asks_when() -> None:
    ctx = make_ctx()
    before = len(dues(ctx))
    with pytest.raises(ToolError, match="When"):
        reminders.reminder_add(ctx, "to wash the windows")
    assert len(dues(ctx)) == before


def test_the_next_one_and_a_day_said_with_its_possessive() -> None:
    ctx = make_ctx()
    before = dues(ctx)
    assert cal.calendar_remove(ctx, about="next scheduled", one=True).startswith("I removed")
    assert dues(ctx) == before[1:]
    assert cal._day_in("remove next monday's meeting") == "monday"


def test_a_meeting_with_someone_keeps_its_kind_and_a_night_its_name() -> None:
    ctx = make_ctx()
    assert cal.event_add(ctx, "with pawel", "10:00 am", "tomorrow", kind="meeting").startswith(
        "I put meeting with pawel in your calendar tomorrow at 10:00 AM"
    )
    assert cal.event_add(ctx, "the review", "11:00", kind="meeting").startswith(
        "I put the review in your calendar"
    )
    # "Movie night" is the event's name; "at night" is when.
    assert cal.event_add(ctx, "movie night", "19:00", "today").startswith(
        "I put movie night in your calendar at 7:00 PM"
    )
    assert cal.event_add(ctx, "the party at night", "9:00").startswith(
        "I put the party in your calendar at 9:00 PM"
    )


@pytest.mark.parametrize(
    ("said", "due", "text"),
    [
        # The clock is 2026-06-01 08:30.
        ("add a meeting with dev to my calendar on the 17th at 2 pm", "2026-06-17T14:00:00",
         "meeting with dev"),
        ("put a dinner with frank on my calendar for tomorrow at 7 pm", "2026-06-02T19:00:00",
         "dinner with frank"),
        ("set me a meeting next tuesday at eleven am with jesse", "2026-06-02T11:00:00",
         "meeting with jesse"),
        # What and when after the calendar, in any order.
        ("add a meeting to my calendar for nine am with tom", "2026-06-01T09:00:00",
         "meeting with tom"),
        ("add lunch to my calendar tomorrow at noon at the cafe", "2026-06-02T12:00:00",
         "lunch at the cafe"),
    ],
)  # fmt: skip
def test_an_event_keeps_no_article_and_a_day_of_the_month(said: str, due: str, text: str) -> None:
    from datetime import datetime

    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 30))
    h.say(said)
    assert [(r["due"], r["text"]) for r in h.snapshot()["reminders"]] == [(due, text)]


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("delete my meeting for two o'clock pm today", ["project meeting", "dentist appointment"]),
        ("remove from my calendar meeting at four pm", ["sales meeting", "dentist appointment"]),
        ("erase my appointment for june ninth", ["sales meeting", "project meeting"]),
    ],
)
def test_an_event_removed_by_its_time_or_date(said: str, left: list[str]) -> None:
    from datetime import datetime

    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 30))
    h.say("add sales meeting to my calendar today at 2 pm")
    h.say("add project meeting to my calendar today at 4 pm")
    h.say("add dentist appointment to my calendar on june ninth at 10 am")
    h.say(said)
    assert [r["text"] for r in h.snapshot()["reminders"]] == left


def test_a_day_of_the_month_and_a_time_asked_about() -> None:
    from datetime import datetime

    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 30))
    h.say("add lunch to my calendar on the nineteenth at 2 pm")
    reply = h.say("what do i have scheduled for the nineteenth at two pm").reply
    assert reply == "In your calendar on Friday June 19: lunch on Friday June 19 at 2:00 PM."


@pytest.mark.parametrize(
    ("asked", "reply"),
    [
        ("am i free at four pm", "In your calendar: lunch at 4:00 PM."),
        ("what is going on today", "In your calendar today: lunch at 4:00 PM."),
        ("what are the events next week", "You have nothing in your calendar next week."),
        ("what is going on on june ninth", "You have nothing in your calendar on Tuesday June 9."),
    ],
)
def test_the_calendar_asked_in_other_words(asked: str, reply: str) -> None:
    from datetime import datetime

    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 30))
    h.say("add lunch to my calendar today at 4 pm")
    assert h.say(asked).reply == reply
