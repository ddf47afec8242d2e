"""Tests for the reminders plugin, and for how the grammar routes this trio's sentences."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import hassil
import pytest

from sottovoce.devices import VirtualClock, World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import lists, reminders, timers
from sottovoce.tools.builtin import reminders as r
from sottovoce.tools.builtin.reminders_records import Reminder


def make_world() -> World:
    data = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"]}
    world = parse_world(data, "test.yaml", virtual=True)
    Registry([r.plugin]).attach(world)  # the snapshot's reminders section
    return world


def make_ctx() -> ToolContext:
    return ToolContext(world=make_world(), area="kitchen", plugin="reminders")


def advance(ctx: ToolContext, seconds: float) -> None:
    clock = ctx.world.clock
    assert isinstance(clock, VirtualClock)
    clock.advance(seconds)


def reminders_of(ctx: ToolContext) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = ctx.world.snapshot()["reminders"]
    return result


def test_sentences_compile() -> None:
    for spec in r.plugin.tools:
        for group in spec.sentences:
            for sentence in group.sentences:
                hassil.parse_sentence(sentence)


def test_in_seconds() -> None:
    ctx = make_ctx()
    reply = r.reminder_add(ctx, "to stretch", seconds=600)
    assert reply == "I'll remind you to stretch in 10 minutes, at 8:40 AM."
    assert reminders_of(ctx) == [{"text": "stretch", "due": "2026-06-01T08:40:00"}]


def test_at_a_time_today_tomorrow_and_next() -> None:
    ctx = make_ctx()
    assert r.reminder_add(ctx, "to call my mom", at="17:00") == (
        "I'll remind you to call your mom at 5:00 PM."
    )
    assert r.reminder_add(ctx, "water the plants", at="08:00") == (
        "I'll remind you to water the plants tomorrow at 8:00 AM."
    )
    r.reminder_add(ctx, "to run", at="09:15", day="tomorrow")
    assert reminders_of(ctx) == [
        {"text": "call my mom", "due": "2026-06-01T17:00:00"},
        {"text": "water the plants", "due": "2026-06-02T08:00:00"},
        {"text": "run", "due": "2026-06-02T09:15:00"},
    ]


def test_that_connector_is_said_back() -> None:
    ctx = make_ctx()
    reply = r.reminder_add(ctx, "that the oven is on", seconds=90)
    assert reply.startswith("I'll remind you that the oven is on in 1 minute 30 seconds")
    assert reminders_of(ctx)[0]["text"] == "the oven is on"
    # A clause said without "that" is said back with it.
    reply = r.reminder_add(ctx, "i need to wake up", seconds=60)
    assert reply.startswith("I'll remind you that you need to wake up in 1 minute")


def test_for_me_is_who_is_reminded_not_what() -> None:
    ctx = make_ctx()
    reply = r.reminder_add(ctx, "for me to go to work", seconds=600)
    assert reply.startswith("I'll remind you to go to work in 10 minutes")
    assert reminders_of(ctx)[0]["text"] == "go to work"


def test_misplaced_words_go_back_into_the_text() -> None:
    ctx = make_ctx()
    r.reminder_add(ctx, "to meet bob", at="the station at 17:00")
    r.reminder_add(ctx, "tomorrow", at="08:00 to water the plants")
    r.reminder_add(ctx, "to take the bins out tonight", at="21:00")
    assert reminders_of(ctx) == [
        {"text": "meet bob at the station", "due": "2026-06-01T17:00:00"},
        {"text": "water the plants", "due": "2026-06-02T08:00:00"},
        {"text": "take the bins out", "due": "2026-06-01T21:00:00"},
    ]


@pytest.mark.parametrize("at", ["five", "25:00", "17:75", "soon"])
def test_bad_time(at: str) -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match="I didn't catch the time."):
        r.reminder_add(ctx, "to stretch", at=at)
    assert reminders_of(ctx) == []


def test_missing_or_double_time_and_empty_text() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match="When"):
        r.reminder_add(ctx, "to stretch")
    with pytest.raises(ToolError):
        r.reminder_add(ctx, "to stretch", seconds=60, at="09:00")
    with pytest.raises(ToolError):
        r.reminder_add(ctx, "to", seconds=60)
    with pytest.raises(ToolError, match="already past"):
        r.reminder_add(ctx, "to stretch", at="07:00", day="today")
    assert reminders_of(ctx) == []


def test_due_and_announce() -> None:
    ctx = make_ctx()
    r.reminder_add(ctx, "to stretch", seconds=600)
    advance(ctx, 599)
    assert r.reminders_due(ctx) == []
    advance(ctx, 1)
    assert r.reminders_due(ctx) == ["Reminder: stretch."]
    assert reminders_of(ctx) == [] and dict(ctx.records) == {}
    assert r.reminders_due(ctx) == []
    assert r.announce_reminder(Reminder(1, "call anna", datetime(2026, 1, 1))) == (
        "Reminder: call anna."
    )


def test_due_ones_are_taken_out_oldest_first() -> None:
    ctx = make_ctx()
    r.reminder_add(ctx, "to call anna", seconds=900)
    r.reminder_add(ctx, "to stretch", seconds=600)
    r.reminder_add(ctx, "to sleep", at="23:00")
    assert [x["text"] for x in reminders_of(ctx)] == ["call anna", "stretch", "sleep"]
    advance(ctx, 1000)
    assert r.reminders_due(ctx) == ["Reminder: stretch.", "Reminder: call anna."]
    assert reminders_of(ctx) == [{"text": "sleep", "due": "2026-06-01T23:00:00"}]
    ((key, record),) = ctx.records.items()
    assert key.isdigit() and record == {"text": "sleep", "due": "2026-06-01T23:00:00"}


def test_damaged_records_are_skipped() -> None:
    ctx = make_ctx()
    ctx.records["7001"] = {"text": "stretch", "due": "tomorrow"}
    ctx.records["7002"] = {"text": None, "due": "2026-06-01T08:00:00"}
    ctx.records["7003"] = {"text": "run", "due": "2026-06-01T08:00:00+02:00"}
    ctx.records["7004"] = "not a map"
    assert r.reminder_list(ctx) == "You have no reminders."
    assert r.reminders_due(ctx) == []
    assert reminders_of(ctx) == []
    with pytest.raises(ToolError, match="You have no reminders."):
        r.reminder_cancel_all(ctx)
    r.reminder_add(ctx, "to stretch", seconds=60)
    advance(ctx, 60)
    assert r.reminders_due(ctx) == ["Reminder: stretch."]
    assert len(ctx.records) == 4  # the damaged ones are left as they were


def test_list() -> None:
    ctx = make_ctx()
    assert r.reminder_list(ctx) == "You have no reminders."
    r.reminder_add(ctx, "to call anna", at="17:00", day="tomorrow")
    r.reminder_add(ctx, "to stretch", seconds=600)
    assert r.reminder_list(ctx) == (
        "You have 2 reminders: stretch at 8:40 AM and call anna tomorrow at 5:00 PM."
    )


def test_cancel() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match="You have no reminders."):
        r.reminder_cancel(ctx)
    r.reminder_add(ctx, "to call anna", at="17:00")
    r.reminder_add(ctx, "to stretch", seconds=600)
    with pytest.raises(ToolError, match="Which reminder"):
        r.reminder_cancel(ctx)
    with pytest.raises(ToolError, match="no reminder about"):
        r.reminder_cancel(ctx, "to feed the cat")
    assert r.reminder_cancel(ctx, "about anna") == "I cancelled your reminder: call anna."
    assert reminders_of(ctx) == [{"text": "stretch", "due": "2026-06-01T08:40:00"}]
    r.reminder_add(ctx, "to run", at="17:00")
    assert r.reminder_cancel(ctx, at="17:00") == "I cancelled your reminder: run."
    assert r.reminder_cancel_all(ctx) == "I cancelled your reminder."
    with pytest.raises(ToolError):
        r.reminder_cancel_all(ctx)


ROUTES = [
    ("set a timer for 600 seconds", "timer_start", {"seconds": 600}),
    ("start a 300 seconds timer for eggs", "timer_start", {"seconds": 300, "label": "eggs"}),
    ("set a pasta timer for 600 seconds", "timer_start", {"seconds": 600, "label": "pasta"}),
    ("cancel the 600 seconds timer", "timer_cancel", {"seconds": 600}),
    ("cancel all my timers", "timer_cancel_all", {}),
    ("add 300 seconds to the timer", "timer_add_time", {"seconds": 300}),
    ("take 60 seconds off the eggs timer", "timer_remove_time", {"seconds": 60, "label": "eggs"}),
    ("how much time is left on the eggs timer", "timer_status", {"label": "eggs"}),
    ("what time is my timer", "timer_status", {}),  # the timer's, not the calendar's
    ("what time is the pasta timer set for", "timer_status", {"label": "pasta"}),
    ("add eggs and milk to my shopping list", "list_add", {"items": "eggs and milk"}),
    ("i need eggs", "list_add", {"items": "eggs", "list_name": "shopping"}),
    ("remove milk from the shopping list", "list_remove", {"items": "milk"}),
    ("what is on my shopping list", "list_read", {}),
    ("take a note that the key is under the mat", "note_add", {"text": "the key is under the mat"}),
    ("remind me in 600 seconds to stretch", "reminder_add", {"seconds": 600}),
    ("remind me at 17:00 to call anna", "reminder_add", {"at": "17:00", "text": "to call anna"}),
    ("remind me to call anna at 7:30", "reminder_add", {"at": "7:30"}),
    ("remind me tomorrow at 08:00 to run", "reminder_add", {"at": "08:00", "day": "tomorrow"}),
    ("set a reminder for 18:30 to take the pizza out", "reminder_add", {"at": "18:30"}),
    ("cancel my reminder to call anna", "reminder_cancel", {"text": "to call anna"}),
]


@pytest.mark.parametrize(("text", "tool", "args"), ROUTES)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    from sottovoce.agent.grammar import Grammar

    registry = Registry([timers.plugin, lists.plugin, reminders.plugin])
    call = Grammar(registry, make_world()).match(text)
    assert call is not None and call.tool == tool
    assert {k: call.args.get(k) for k in args} == args


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("remind me to call the dentist at 10 am", "2026-06-02T10:00:00"),  # 10 am has passed
        ("remind me at noon to eat", "2026-06-02T12:00:00"),  # not midnight
        ("remind me at 11:30 in the morning to stretch", "2026-06-02T11:30:00"),
        ("remind me at ten to take the bins out", "2026-06-01T22:00:00"),  # the next ten
    ],
)
def test_a_morning_hour_from_10_to_12_said_with_its_half_of_the_day(said: str, due: str) -> None:
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 18, 40))
    h.say(said)
    assert [r["due"] for r in h.snapshot()["reminders"]] == [due]


@pytest.mark.parametrize(
    ("said", "due", "text"),
    [
        # 2026-06-01 is a Monday; 18:40.
        ("remind me on friday at 2 pm to pick up the dry cleaning", "2026-06-05T14:00:00",
         "pick up the dry cleaning"),
        ("remind me at 9 am on wednesday to call the bank", "2026-06-03T09:00:00",
         "call the bank"),
        ("set a reminder for friday at 6 pm to pay rent", "2026-06-05T18:00:00", "pay rent"),
        ("remind me to call mom tomorrow morning at 9", "2026-06-02T09:00:00", "call mom"),
        ("remind me to call mom tomorrow evening at 7", "2026-06-02T19:00:00", "call mom"),
        ("remind me tonight at 9 to lock up", "2026-06-01T21:00:00", "lock up"),
        ("remind me to start supper this evening at 8", "2026-06-01T20:00:00", "start supper"),
    ],
)  # fmt: skip
def test_the_day_and_its_part_said_anywhere(said: str, due: str, text: str) -> None:
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 18, 40))
    h.say(said)
    assert [(r["due"], r["text"]) for r in h.snapshot()["reminders"]] == [(due, text)]


@pytest.mark.parametrize("answer", ["at 6 pm", "6 pm", "at six in the evening"])
def test_the_answer_to_when_completes_the_reminder(answer: str) -> None:
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 40))
    assert h.say("remind me to water the plants").reply == "When should I remind you?"
    h.say(answer)
    assert [(r["due"], r["text"]) for r in h.snapshot()["reminders"]] == [
        ("2026-06-01T18:00:00", "water the plants")
    ]


def test_a_new_request_after_when_is_its_own() -> None:
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True, start=datetime(2026, 6, 1, 8, 40))
    h.say("remind me to water the plants")
    assert "It is" in h.say("what time is it").reply
    assert h.snapshot()["reminders"] == []
