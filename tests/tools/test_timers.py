"""Tests for the timers plugin: start, cancel, pause/resume, change, status, announcements."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import hassil
import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import Store, VirtualClock, World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import reminders
from sottovoce.tools.builtin import timers as t
from sottovoce.tools.builtin.timers_spoken import speak_duration

WORLD = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"]}


def make_world(store: Store | None = None) -> World:
    world = parse_world(WORLD, "test.yaml", store=store, virtual=True)
    Registry([t.plugin, reminders.plugin]).attach(world)  # the snapshot's timers section
    return world


def make_ctx() -> ToolContext:
    return ToolContext(world=make_world(), area="kitchen", plugin="timers")


def advance(ctx: ToolContext, seconds: float) -> None:
    clock = ctx.world.clock
    assert isinstance(clock, VirtualClock)
    clock.advance(seconds)


def timers_of(ctx: ToolContext) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = ctx.world.snapshot()["timers"]
    return result


def test_sentences_compile() -> None:
    for spec in t.plugin.tools:
        for group in spec.sentences:
            for sentence in group.sentences:
                hassil.parse_sentence(sentence)


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (45, "45 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (9000, "2 hours 30 minutes"),
        (3601, "1 hour 1 second"),
        (0, "0 seconds"),
    ],
)
def test_speak_duration(seconds: float, spoken: str) -> None:
    assert speak_duration(seconds) == spoken


def test_start_unlabelled_and_labelled() -> None:
    ctx = make_ctx()
    assert t.timer_start(ctx, 600) == "Timer set for 10 minutes."
    assert t.timer_start(ctx, 300, "The Eggs timer") == "Eggs timer set for 5 minutes."
    assert timers_of(ctx) == [
        {"label": None, "duration_s": 600, "remaining_s": 600, "paused": False},
        {"label": "eggs", "duration_s": 300, "remaining_s": 300, "paused": False},
    ]


def test_remaining_ticks_with_the_clock() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    advance(ctx, 48)
    assert timers_of(ctx)[0]["remaining_s"] == 252
    assert t.timer_status(ctx) == "Your eggs timer has 4 minutes 12 seconds left."


def test_announce_and_take_out_what_ended() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    t.timer_start(ctx, 300, "eggs")
    advance(ctx, 301)
    assert t.timers_done(ctx) == ["Your eggs timer is done."]
    assert [x["label"] for x in timers_of(ctx)] == [None]
    assert t.timers_done(ctx) == []
    advance(ctx, 300)
    assert t.timers_done(ctx) == ["Your 10 minute timer is done."]
    assert timers_of(ctx) == [] and dict(ctx.records) == {}


def test_several_ended_are_announced_first_ended_first() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600, "rice")
    t.timer_start(ctx, 300, "eggs")
    advance(ctx, 700)
    assert t.timers_done(ctx) == ["Your eggs timer is done.", "Your rice timer is done."]


def test_a_timer_is_one_record_by_id() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    ((key, record),) = ctx.records.items()
    assert key.isdigit()
    assert record == {
        "label": "eggs",
        "duration_s": 300,
        "ends_at": "2026-06-01T08:35:00",
        "remaining_s": 300.0,
        "paused": False,
    }
    t.timer_pause(ctx)
    assert ctx.records[key]["paused"] is True and ctx.records[key]["ends_at"] is None


def test_cancel_by_label_duration_and_only_one() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    t.timer_start(ctx, 300, "eggs")
    assert t.timer_cancel(ctx, label="eggs") == "I cancelled your eggs timer."
    assert t.timer_cancel(ctx) == "I cancelled your 10 minute timer."
    assert timers_of(ctx) == []


def test_cancel_by_duration_and_label_said_as_duration() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    t.timer_start(ctx, 300)
    assert t.timer_cancel(ctx, seconds=600) == "I cancelled your 10 minute timer."
    t.timer_start(ctx, 600)
    assert t.timer_cancel(ctx, label="300 seconds") == "I cancelled your 5 minute timer."
    assert [x["duration_s"] for x in timers_of(ctx)] == [600]


def test_cancel_asks_which_when_several() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    t.timer_start(ctx, 300, "eggs")
    with pytest.raises(ToolError, match="Which timer.*10 minute timer and the eggs timer"):
        t.timer_cancel(ctx)
    assert len(timers_of(ctx)) == 2


def test_fuzzy_label_and_unknown_label() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600, "pasta")
    assert t.timer_cancel(ctx, label="pastas") == "I cancelled your pasta timer."
    t.timer_start(ctx, 600, "pasta")
    with pytest.raises(ToolError, match="no rice timer"):
        t.timer_cancel(ctx, label="rice")


def test_no_timers() -> None:
    ctx = make_ctx()
    for call in (t.timer_cancel, t.timer_cancel_all, t.timer_pause, t.timer_status):
        with pytest.raises(ToolError, match="You have no timers running."):
            call(ctx)


def test_cancel_all() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    t.timer_start(ctx, 300, "eggs")
    assert t.timer_cancel_all(ctx) == "I cancelled your 2 timers."
    assert timers_of(ctx) == []
    t.timer_start(ctx, 60)
    assert t.timer_cancel(ctx, label="all") == "I cancelled your 1 minute timer."


def test_pause_and_resume() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    advance(ctx, 60)
    assert t.timer_pause(ctx) == "Your eggs timer is paused with 4 minutes left."
    advance(ctx, 1000)
    assert timers_of(ctx)[0] == {
        "label": "eggs",
        "duration_s": 300,
        "remaining_s": 240,
        "paused": True,
    }
    assert t.timers_done(ctx) == []
    with pytest.raises(ToolError, match="already paused"):
        t.timer_pause(ctx, label="eggs")
    assert t.timer_resume(ctx, "eggs") == "Your eggs timer is running again with 4 minutes left."
    advance(ctx, 30)
    assert timers_of(ctx)[0]["remaining_s"] == 210
    with pytest.raises(ToolError, match="already running"):
        t.timer_resume(ctx)


def test_pause_prefers_the_running_timer_when_unnamed() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    t.timer_start(ctx, 600, "rice")
    t.timer_pause(ctx, "eggs")
    assert t.timer_pause(ctx).startswith("Your rice timer is paused")
    assert t.timer_resume(ctx, "rice").startswith("Your rice timer is running again")
    assert t.timer_resume(ctx).startswith("Your eggs timer is running again")


def test_add_and_remove_time() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 600)
    advance(ctx, 100)
    assert (
        t.timer_add_time(ctx, 300)
        == "I added 5 minutes. Your 10 minute timer has 13 minutes 20 seconds left."
    )
    assert timers_of(ctx)[0] == {
        "label": None,
        "duration_s": 900,
        "remaining_s": 800,
        "paused": False,
    }
    assert t.timer_remove_time(ctx, 60).endswith("has 12 minutes 20 seconds left.")
    with pytest.raises(ToolError, match="only has 12 minutes 20 seconds left"):
        t.timer_remove_time(ctx, 3600)
    assert timers_of(ctx)[0]["remaining_s"] == 740


def test_add_time_to_a_paused_timer_keeps_it_paused() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    t.timer_pause(ctx)
    t.timer_add_time(ctx, 60, "eggs")
    advance(ctx, 500)
    assert timers_of(ctx)[0]["remaining_s"] == 360
    assert timers_of(ctx)[0]["paused"] is True


def test_status_lists_all_when_several() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 300, "eggs")
    t.timer_start(ctx, 600)
    t.timer_pause(ctx, "eggs")
    assert t.timer_status(ctx) == (
        "You have 2 timers: your eggs timer has 5 minutes left and is paused"
        " and your 10 minute timer has 10 minutes left."
    )
    assert t.timer_status(ctx, label="10 minute") != ""


def test_status_rounds_up_the_last_second() -> None:
    ctx = make_ctx()
    t.timer_start(ctx, 10)
    advance(ctx, 9.6)
    assert t.timer_status(ctx) == "Your 10 second timer has 1 second left."


DAMAGED: list[Any] = [
    {"label": None, "duration_s": "abc", "ends_at": None, "remaining_s": 5.0, "paused": False},
    {"label": 7, "duration_s": 60, "ends_at": None, "remaining_s": 5.0, "paused": True},
    {"label": None, "duration_s": 60, "ends_at": "soon", "remaining_s": 5.0, "paused": False},
    {"label": None, "duration_s": 60, "ends_at": None, "remaining_s": 5.0, "paused": "no"},
    "not a map",
    [1, 2],
    None,
]


def test_damaged_records_are_skipped_by_the_tools_and_the_due_check(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ctx = make_ctx()
    for n, bad in enumerate(DAMAGED):
        ctx.records[str(9000 + n)] = bad
    ctx.records["eggs"] = {"label": "eggs", "duration_s": 60, "ends_at": None,
                           "remaining_s": 60.0, "paused": True}  # fmt: skip
    with caplog.at_level(logging.WARNING):
        with pytest.raises(ToolError, match="You have no timers running."):
            t.timer_status(ctx)
        assert t.timers_done(ctx) == []
        assert timers_of(ctx) == []
    assert "plugin timers: record '9000' skipped" in caplog.text
    assert "'eggs'" in caplog.text
    t.timer_start(ctx, 30, "tea")
    assert t.timer_status(ctx) == "Your tea timer has 30 seconds left."
    advance(ctx, 3600)
    assert t.timers_done(ctx) == ["Your tea timer is done."]
    t.timer_start(ctx, 60)
    assert t.timer_cancel_all(ctx) == "I cancelled your 1 minute timer."
    assert len(ctx.records) == len(DAMAGED) + 1  # the damaged ones are left as they were


def test_timers_and_reminders_survive_a_reopened_store(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    world = make_world(Store.open_sqlite(path))
    t.timer_start(ToolContext(world=world, plugin="timers"), 300, "eggs")
    reminders.reminder_add(ToolContext(world=world, plugin="reminders"), "to stretch", seconds=600)
    world.store.commit()
    again = make_world(Store.open_sqlite(path))
    snapshot = again.snapshot()
    assert snapshot["timers"] == [
        {"label": "eggs", "duration_s": 300, "remaining_s": 300, "paused": False}
    ]
    assert snapshot["reminders"] == [{"text": "stretch", "due": "2026-06-01T08:40:00"}]
    ctx = ToolContext(world=again, plugin="timers")
    assert t.timer_cancel(ctx, "eggs") == "I cancelled your eggs timer."


def test_a_timer_said_with_what_it_is_for_is_labelled_by_it() -> None:
    world = make_world()
    grammar = Grammar(Registry([t.plugin]), world, library=False)
    call = grammar.match(normalize("set a timer for 10 minutes to check the oven"))
    assert call is not None and call.tool == "timer_start"
    assert call.args == {"seconds": 600, "label": "check the oven"}
