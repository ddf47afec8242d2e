"""Tests for the workout and watch tools."""

from __future__ import annotations

from typing import Any

import pytest
from hassil import parse_sentence

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import workout


def make_world(**extra: Any) -> World:
    data: dict[str, Any] = {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": ["kitchen"],
        "wearable": {"heart_rate": 142, "pace_min_per_km": 5.4, "battery": 81},
        **extra,
    }
    world = parse_world(data, "test.yaml", virtual=True)
    Registry([workout.plugin]).attach(world)  # the workout section
    return world


def ctx_for(world: World) -> ToolContext:
    return ToolContext(world=world, plugin="workout")


def test_sentences_compile() -> None:
    for tool in workout.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                parse_sentence(text)


def test_start_and_stop() -> None:
    world = make_world()
    assert world.snapshot()["workout"] == {"active": False, "kind": None}
    assert "ride" in workout.workout_start(ctx_for(world), kind="ride")
    assert world.snapshot()["workout"] == {"active": True, "kind": "ride"}
    world.clock.advance(1500)  # type: ignore[attr-defined]
    reply = workout.workout_stop(ctx_for(world))
    assert reply == "Your ride has ended after 25 minutes."
    assert world.snapshot()["workout"] == {"active": False, "kind": None}
    assert workout.workout_stop(ctx_for(world)) == "No workout is being tracked."


def test_start_again_and_switch() -> None:
    world = make_world()
    workout.workout_start(ctx_for(world), kind="run")
    assert "already" in workout.workout_start(ctx_for(world), kind="run")
    workout.workout_start(ctx_for(world), kind="walk")
    assert world.snapshot()["workout"] == {"active": True, "kind": "walk"}


def test_the_record_keeps_when_the_workout_started() -> None:
    world = make_world()
    ctx = ctx_for(world)
    workout.workout_start(ctx, kind="walk")
    assert ctx.records["workout"] == {
        "active": True,
        "kind": "walk",
        "started": "2026-06-01T08:30:00",
    }
    workout.workout_stop(ctx)
    assert ctx.records["workout"] == {"active": False, "kind": None, "started": None}


@pytest.mark.parametrize(
    "damaged",
    [
        ["not", "a", "map"],
        {"active": "yes", "kind": "run"},
        {"active": True, "kind": 3},
        {"active": True, "kind": "run", "started": "last tuesday"},
        {"active": True, "kind": "run", "started": "2026-06-01T08:00:00+02:00"},
    ],
)
def test_a_damaged_workout_record_is_no_workout(damaged: Any) -> None:
    world = make_world()
    ctx = ctx_for(world)
    ctx.records["workout"] = damaged
    assert world.snapshot()["workout"] == {"active": False, "kind": None}
    assert workout.workout_stop(ctx) == "No workout is being tracked."
    assert workout.workout_start(ctx, kind="run") == "Tracking a run. Have fun!"
    assert world.snapshot()["workout"] == {"active": True, "kind": "run"}


def test_an_active_workout_without_a_start_time_stops_plainly() -> None:
    world = make_world()
    ctx = ctx_for(world)
    ctx.records["workout"] = {"active": True, "kind": "ride", "started": None}
    assert workout.workout_stop(ctx) == "Your ride has ended."


def test_watch_readings() -> None:
    ctx = ctx_for(make_world())
    assert workout.watch_heart_rate(ctx) == "Your heart rate is 142 beats per minute."
    assert workout.watch_pace(ctx) == "Your pace is 5 minutes 24 seconds per kilometre (5:24)."
    assert workout.watch_battery(ctx) == "Your watch battery is at 81 percent."


def test_spoken_pace() -> None:
    assert workout.spoken_pace(6.0) == "6 minutes per kilometre"
    assert workout.spoken_pace(4.99) == "4 minutes 59 seconds per kilometre"
    assert workout.spoken_pace(0.5) == "30 seconds per kilometre"


def test_missing_wearable_values() -> None:
    ctx = ctx_for(make_world(wearable={}))
    for tool in (workout.watch_heart_rate, workout.watch_pace, workout.watch_battery):
        with pytest.raises(ToolError):
            tool(ctx)


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("start a cycling workout", "workout_start", {"kind": "ride"}),
        ("i am going for a run", "workout_start", {"kind": "run"}),
        ("stop my workout", "workout_stop", {}),
        ("how fast is my heart beating", "watch_heart_rate", {}),
        ("how much battery does my watch have", "watch_battery", {}),
    ],
)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([workout.plugin]), make_world())
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == (tool, args)
