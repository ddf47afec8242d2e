"""Alarms (reminders_alarms.py): set by a time, a day and a half of the day; listed, cancelled,
rung; kept apart from the reminders they are stored with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from sottovoce.devices import VirtualClock, World, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import reminders as r
from sottovoce.tools.builtin import reminders_alarms as a

MONDAY_EVENING = datetime(2026, 12, 7, 22, 40)


def make_ctx() -> ToolContext:
    data = {"clock": "2026-12-07T22:40:00", "areas": ["kitchen"]}  # a Monday
    world: World = parse_world(data, "test.yaml", virtual=True)
    Registry([r.plugin]).attach(world)
    return ToolContext(world=world, area="kitchen", plugin="reminders")


def stored(ctx: ToolContext) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = ctx.world.snapshot()["reminders"]
    return result


def test_set_by_time_day_and_half_of_the_day() -> None:
    ctx = make_ctx()
    assert a.alarm_set(ctx, at="06:30") == "Alarm set for tomorrow at 6:30 AM."
    assert a.alarm_set(ctx, at="8:00", when="tomorrow am") == "Alarm set for tomorrow at 8:00 AM."
    with pytest.raises(ToolError, match="already past 5:00 PM today"):
        a.alarm_set(ctx, at="5:00", when="today pm", label="taxi")  # "this evening", at 22:40
    assert a.alarm_set(ctx, at="5:00", when="pm", label="taxi") == (
        "Alarm set for tomorrow at 5:00 PM (taxi)."
    )
    assert a.alarm_set(ctx, at="7:00", when="wednesday") == "Alarm set for Wednesday at 7:00 AM."
    assert a.alarm_set(ctx, seconds=300) == "Alarm set for 10:45 PM."
    dues = [(x["due"], x["text"], x.get("alarm")) for x in stored(ctx)]
    assert ("2026-12-08T06:30:00", "alarm", True) in dues
    assert ("2026-12-09T07:00:00", "alarm", True) in dues
    assert ("2026-12-07T22:45:00", "alarm", True) in dues


def test_no_time_is_asked_for() -> None:
    with pytest.raises(ToolError, match="What time"):
        a.alarm_set(make_ctx())


def test_list_all_and_by_day() -> None:
    ctx = make_ctx()
    assert a.alarm_list(ctx) == "You have no alarms."
    a.alarm_set(ctx, at="06:30")
    a.alarm_set(ctx, at="17:00", label="taxi")
    assert a.alarm_list(ctx) == (
        "You have 2 alarms: tomorrow at 6:30 AM and tomorrow at 5:00 PM (taxi)."
    )
    assert a.alarm_list(ctx, when="tomorrow am") == (
        "You have one alarm tomorrow in the morning: 6:30 AM."
    )
    assert a.alarm_list(ctx, when="friday") == "You have no alarms on Friday."


def test_cancel_by_time_day_label_and_all() -> None:
    ctx = make_ctx()
    a.alarm_set(ctx, at="06:30")
    a.alarm_set(ctx, at="08:00")
    a.alarm_set(ctx, at="17:00", label="taxi")
    with pytest.raises(ToolError, match="Which alarm"):
        a.alarm_cancel(ctx)
    assert a.alarm_cancel(ctx, at="8:00") == "I cancelled your alarm for tomorrow at 8:00 AM."
    assert a.alarm_cancel(ctx, label="taxi") == (
        "I cancelled your alarm for tomorrow at 5:00 PM (taxi)."
    )
    with pytest.raises(ToolError, match="no alarm like that"):
        a.alarm_cancel(ctx, label="bedtime")
    a.alarm_set(ctx, at="07:00", when="wednesday")
    assert a.alarm_cancel(ctx, when="tomorrow", every="yes") == (
        "I cancelled your alarm for tomorrow at 6:30 AM."
    )
    assert a.alarm_cancel_all(ctx) == "I cancelled your alarm."
    with pytest.raises(ToolError, match="no alarms"):
        a.alarm_cancel_all(ctx)


def test_reminders_and_alarms_keep_apart() -> None:
    ctx = make_ctx()
    r.reminder_add(ctx, "to call anna", at="09:00")
    a.alarm_set(ctx, at="06:30")
    assert r.reminder_list(ctx) == "You have one reminder: call anna tomorrow at 9:00 AM."
    assert a.alarm_list(ctx) == "You have one alarm: tomorrow at 6:30 AM."
    assert r.reminder_cancel_all(ctx) == "I cancelled your reminder."
    assert a.alarm_list(ctx) == "You have one alarm: tomorrow at 6:30 AM."


def test_an_alarm_rings_with_its_time() -> None:
    ctx = make_ctx()
    a.alarm_set(ctx, at="06:30")
    a.alarm_set(ctx, seconds=60, label="tea")
    clock = ctx.world.clock
    assert isinstance(clock, VirtualClock)
    clock.advance(8 * 3600)
    assert r.reminders_due(ctx) == ["Your tea alarm: it's 10:41 PM.", "Your alarm: it's 6:30 AM."]
    assert stored(ctx) == []


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("set an alarm for six am", "2026-12-08T06:00:00"),
        ("wake me up at ten", "2026-12-08T10:00:00"),
        ("set an alarm at six in the morning", "2026-12-08T06:00:00"),
        ("set an alarm for tomorrow morning at eight", "2026-12-08T08:00:00"),
        ("i want to wake up at six am tomorrow please", "2026-12-08T06:00:00"),
        ("alarm set eight am", "2026-12-08T08:00:00"),
        ("set a wake up call for ten am", "2026-12-08T10:00:00"),
        ("set an alarm for five minutes from now", "2026-12-07T22:45:00"),
        ("set an alarm for four pm on wednesday", "2026-12-09T16:00:00"),
        ("set an alarm for seven am labelled gym", "2026-12-08T07:00:00"),
        # A bare hour, and one without its half on "today", is the next such time.
        ("i want an alarm for eleven", "2026-12-07T23:00:00"),
        ("set an alert for two pm", "2026-12-08T14:00:00"),
        ("i need an alarm set for 5:30 am tomorrow", "2026-12-08T05:30:00"),
        ("alarm for 20 minutes from now", "2026-12-07T23:00:00"),
        ("an alarm at 7 am", "2026-12-08T07:00:00"),
    ],
)
def test_said_to_the_agent(said: str, due: str) -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    h.say(said)
    assert [x["due"] for x in h.snapshot()["reminders"]] == [due]
    assert h.snapshot()["timers"] == []


def test_asked_and_cancelled_by_voice() -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    h.say("set an alarm for 6:30 am")
    h.say("remind me at 9 am to call anna")
    assert "6:30 AM" in h.say("what alarms do i have").reply
    assert "6:30 AM" in h.say("do i have any alarms for tomorrow morning").reply
    assert "cancelled" in h.say("cancel my alarm").reply
    assert [x["text"] for x in h.snapshot()["reminders"]] == ["call anna"]


@pytest.mark.parametrize(
    "asked",
    [
        "is my alarm set",
        "is my alarm set for tomorrow morning",
        "are there any alarms currently set",
        "when does my alarm go off",
        "what times are my alarms set for",
        "tell me about alarms",
        "review all alarms",
        "i want to see all set alarms",
        "confirm my alarm settings",
        "what time have you set the alarm",
    ],
)
def test_asked_in_other_words(asked: str) -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    h.say("set an alarm for 6:30 am")
    assert "6:30 AM" in h.say(asked).reply
    assert len(h.snapshot()["reminders"]) == 1


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("remove the first alarm", ["2026-12-09T09:15:00"]),
        ("turn off my earliest alarm", ["2026-12-09T09:15:00"]),
        ("remove the latest alarm", ["2026-12-08T06:30:00"]),
        ("delete the alarm i just set", ["2026-12-08T06:30:00"]),
        ("get rid of my current alarms", []),
        # "set" only says it exists: with two, which one is asked.
        ("remove set alarm", ["2026-12-08T06:30:00", "2026-12-09T09:15:00"]),
        ("remove wednesday alarm of nine fifteen am", ["2026-12-08T06:30:00"]),
    ],
)
def test_cancelled_by_place(said: str, left: list[str]) -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    h.say("set an alarm for 6:30 am")
    h.say("set an alarm for 9:15 am on wednesday")
    h.say(said)
    assert [x["due"] for x in h.snapshot()["reminders"]] == left


def test_what_an_alarm_is_for_said_before_its_time_and_a_part_of_the_day_is_no_label() -> None:
    harness = AgentHarness(include_builtins=True, world={"clock": "2026-12-07T08:20:00"})
    turn = harness.say("make an alarm for the meeting with bob at seven today")
    assert [(c.tool, c.args) for c in turn.calls] == [
        ("alarm_set", {"label": "the meeting with bob", "at": "7:00", "when": "today"})
    ]
    assert turn.reply == "Alarm set for 7:00 PM (the meeting with bob)."
    ctx = make_ctx()
    assert a.alarm_set(ctx, at="7:00", label="the morning") == "Alarm set for tomorrow at 7:00 AM."


@pytest.mark.parametrize(
    ("said", "due"),
    [
        ("wake me up at 6 on thursday", "2026-12-10T06:00:00"),  # a bare 6 is the morning's
        ("i want to get up at six tomorrow", "2026-12-08T06:00:00"),
        ("set an alarm for 3 on friday", "2026-12-11T15:00:00"),  # 3 is not an hour to wake
    ],
)
def test_an_hour_on_another_day_is_a_morning_one_from_4(said: str, due: str) -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    h.say(said)
    assert [x["due"] for x in h.snapshot()["reminders"]] == [due]


def test_the_answer_to_what_time_sets_the_alarm() -> None:
    h = AgentHarness(include_builtins=True, start=MONDAY_EVENING)
    assert h.say("set an alarm").reply == "What time should the alarm be for?"
    h.say("for 6:30 tomorrow")
    assert [x["due"] for x in h.snapshot()["reminders"]] == ["2026-12-08T06:30:00"]
