"""Repeating reminders and alarms (reminders_repeat.py): said, stored, rung and put back,
kept across a restart, listed and cancelled."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sottovoce.devices import Store, VirtualClock, World, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import reminders as r
from sottovoce.tools.builtin import reminders_alarms as a
from sottovoce.tools.builtin import reminders_repeat as rep

FRIDAY_EVENING = datetime(2026, 12, 11, 22, 40)


def make_ctx(store: Store | None = None) -> ToolContext:
    data = {"clock": "2026-12-11T22:40:00", "areas": ["kitchen"]}  # a Friday
    world: World = parse_world(data, "test.yaml", virtual=True, store=store)
    Registry([r.plugin]).attach(world)
    return ToolContext(world=world, area="kitchen", plugin="reminders")


def stored(ctx: ToolContext) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = ctx.world.snapshot()["reminders"]
    return result


def advance(ctx: ToolContext, hours: float) -> list[str]:
    clock = ctx.world.clock
    assert isinstance(clock, VirtualClock)
    clock.advance(hours * 3600)
    return r.reminders_due(ctx)


def test_the_first_time_is_the_next_day_that_fits() -> None:
    now = FRIDAY_EVENING
    assert rep.first_due(now, "7:00", "weekdays") == datetime(2026, 12, 14, 7, 0)  # Monday
    assert rep.first_due(now, "7:00", "weekends") == datetime(2026, 12, 12, 7, 0)
    assert rep.first_due(now, "23:00", "daily") == datetime(2026, 12, 11, 23, 0)  # tonight
    assert rep.first_due(now, "10:00 am", "tuesday") == datetime(2026, 12, 15, 10, 0)
    assert rep.first_due(now, "8:00", "daily pm") == datetime(2026, 12, 12, 20, 0)
    assert rep.first_due(now, "6:00", "daily", morning_from=4) == datetime(2026, 12, 12, 6, 0)


def test_the_next_time_skips_the_days_that_do_not_fit_and_the_rings_missed() -> None:
    friday = datetime(2026, 12, 11, 7, 0)
    assert rep.next_due(friday, "weekdays", friday) == datetime(2026, 12, 14, 7, 0)
    assert rep.next_due(friday, "friday", friday) == datetime(2026, 12, 18, 7, 0)
    # Off for three days: the next ring is the first one still ahead.
    assert rep.next_due(friday, "daily", datetime(2026, 12, 14, 9, 0)) == datetime(
        2026, 12, 15, 7, 0
    )


def test_a_repeating_reminder_rings_and_comes_back() -> None:
    ctx = make_ctx()
    reply = r.reminder_add(ctx, "to stretch", at="9:00", repeat="weekdays")
    assert reply == "I'll remind you to stretch on weekdays at 9:00 AM."
    assert stored(ctx) == [{"text": "stretch", "due": "2026-12-14T09:00:00", "repeat": "weekdays"}]
    assert advance(ctx, 60) == ["Reminder: stretch."]  # Monday 10:40
    assert stored(ctx)[0]["due"] == "2026-12-15T09:00:00"
    assert r.reminder_list(ctx) == "You have one reminder: stretch on weekdays at 9:00 AM."
    assert r.reminder_cancel_all(ctx) == "I cancelled your reminder."
    assert advance(ctx, 48) == []


def test_a_repeating_alarm_is_listed_and_cancelled() -> None:
    ctx = make_ctx()
    assert a.alarm_set(ctx, at="6:30", repeat="daily") == "Alarm set every day at 6:30 AM."
    assert a.alarm_list(ctx) == "You have one alarm: every day at 6:30 AM."
    assert advance(ctx, 8) == ["Your alarm: it's 6:30 AM."]
    assert advance(ctx, 24) == ["Your alarm: it's 6:30 AM."]
    assert stored(ctx) == [
        {"text": "alarm", "due": "2026-12-14T06:30:00", "alarm": True, "repeat": "daily"}
    ]
    assert a.alarm_cancel(ctx) == "I cancelled your alarm for every day at 6:30 AM."
    assert stored(ctx) == []


def test_a_repeat_without_a_time_asks_and_sets_nothing() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError, match="At what time every day"):
        r.reminder_add(ctx, "to water the plants", repeat="daily")
    with pytest.raises(ToolError, match="At what time every Tuesday"):
        a.alarm_set(ctx, repeat="tuesday")
    with pytest.raises(ToolError, match="not after a while"):
        r.reminder_add(ctx, "to drink water", seconds=3600, repeat="daily")
    with pytest.raises(ToolError, match="not fortnightly"):
        r.reminder_add(ctx, "to pay rent", at="9:00", repeat="fortnightly")
    assert stored(ctx) == []


def test_a_repeating_reminder_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    first = make_ctx(Store.open_sqlite(path))
    r.reminder_add(first, "to take my pills", at="8:00", repeat="daily am")
    first.world.store.commit()  # what the agent does after each turn
    again = make_ctx(Store.open_sqlite(path))
    assert r.reminder_list(again) == "You have one reminder: take my pills every day at 8:00 AM."


@pytest.mark.parametrize(
    ("said", "call"),
    [
        (
            "remind me daily at 9 pm to lock the door",  # one reminder; the door is not locked
            ("reminder_add", {"repeat": "daily", "at": "21:00", "text": "to lock the door"}),
        ),
        (
            "remind me to call mom every tuesday at ten am",
            ("reminder_add", {"text": "to call mom", "repeat": "tuesday", "at": "10:00 am"}),
        ),
        ("wake me up every weekday at 7", ("alarm_set", {"repeat": "weekdays", "at": "7:00"})),
        ("set a daily alarm at 6", ("alarm_set", {"repeat": "daily", "at": "6:00"})),
        ("set an alarm for 7 am every day", ("alarm_set", {"at": "07:00", "repeat": "daily"})),
    ],
)
def test_how_a_repeat_is_said(said: str, call: tuple[str, dict[str, Any]]) -> None:
    harness = AgentHarness(include_builtins=True, world={"clock": "2026-12-11T22:40:00"})
    turn = harness.say(said)
    assert [(c.tool, c.args) for c in turn.calls] == [call]
