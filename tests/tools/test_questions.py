"""Tests for questions about many devices at once (any, all, which, how many)."""

from __future__ import annotations

from typing import Any

import pytest
from hassil import parse_sentence

from sottovoce.devices import World, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import questions


def _dev(dev_id: str, name: str, area: str, **state: Any) -> dict[str, Any]:
    return {"id": dev_id, "kind": dev_id.split(".")[0], "name": name, "area": area,
            "state": state}  # fmt: skip


def world_data() -> dict[str, Any]:
    return {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": [
            {"name": "landing", "floor": "upstairs"},
            {"name": "nursery", "floor": "upstairs"},
            {"name": "den", "floor": "downstairs"},
            {"name": "scullery", "floor": "downstairs"},
        ],
        "devices": [
            _dev("light.den_main", "den ceiling", "den", on=True),
            _dev("light.den_lamp", "reading lamp", "den", on=True),
            _dev("light.scullery", "scullery light", "scullery", on=False),
            _dev("light.nursery", "night light", "nursery", on=True),
            _dev("switch.kettle", "kettle", "scullery", on=False),
            _dev("lock.porch", "porch door", "den", locked=True),
            _dev("lock.yard", "yard gate", "scullery", locked=False),
            _dev("cover.den_blind", "den blind", "den", position=0),
            _dev("cover.nursery_curtains", "nursery curtains", "nursery", position=100),
            _dev("binary_sensor.skylight", "landing skylight", "landing", on=True,
                 device_class="window"),
            _dev("binary_sensor.den_window", "den window", "den", on=False, device_class="window"),
            _dev("binary_sensor.tablet_batt", "tablet", "den", on=True, device_class="battery"),
            _dev("binary_sensor.remote_batt", "remote", "den", on=False, device_class="battery"),
            _dev("binary_sensor.tablet_charge", "tablet", "den", on=False,
                 device_class="battery_charging"),
            _dev("binary_sensor.washer", "washing machine", "scullery", on=True,
                 device_class="running"),
            _dev("media_player.den_tv", "den telly", "den", status="paused"),
        ],
        "listener": {"area": "den"},
    }  # fmt: skip


def make_world() -> World:
    return parse_world(world_data(), "test.yaml", virtual=True)


def ask(text: str, harness: AgentHarness | None = None) -> str:
    """The reply of the real agent (built-in tools, grammar only) to a question."""
    harness = harness or AgentHarness(world=world_data(), include_builtins=True)
    return harness.say(text).reply


def test_sentences_compile() -> None:
    for tool in questions.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                parse_sentence(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many lights are on downstairs", "2 lights are on downstairs: the den ceiling and"),
        ("how many of the lights are switched on", "3 lights are switched on"),
        ("how many locks are locked", "1 lock is locked: the porch door"),
        ("how many windows are open upstairs", "1 window is open upstairs: the landing skylight"),
        ("how many batteries are low", "1 battery is low: the tablet"),
    ],
)
def test_how_many_says_the_count_first(text: str, expected: str) -> None:
    reply = ask(text)
    assert reply.startswith(expected.split(":")[0]), reply
    assert expected.split(": ")[-1] in reply


def test_which_names_the_ones_in_the_state() -> None:
    assert ask("which doors are unlocked") == "The yard gate is unlocked."
    assert ask("which windows are still open") == "The landing skylight is open."
    assert (
        ask("what lights are on in the den")
        == "The den ceiling and the reading lamp are on in the den."
    )


def test_any_says_yes_or_no_and_which() -> None:
    assert ask("are any windows open") == "Yes, the landing skylight is open."
    assert ask("is there any window open in the den").startswith("No, none of the windows")
    assert ask("do we have any unlocked doors") == "Yes, the yard gate is unlocked."
    assert ask("did I leave any lights on upstairs") == "Yes, the night light is on upstairs."


def test_all_names_the_ones_that_differ() -> None:
    assert ask("are all the doors locked") == "No, the yard gate is not locked."
    assert ask("are all the lights in the den on") == (
        "Yes, the den ceiling and the reading lamp are on in the den."
    )


def test_a_sort_of_cover_names_only_the_covers_called_so() -> None:
    # The den has a blind and the nursery curtains: "curtains" are the curtains.
    assert ask("which curtains are open") == "The nursery curtains are open."
    assert ask("are all the blinds closed") == "Yes, the den blind is closed."


def test_a_generic_noun_prefers_the_sensors_whose_class_says_it() -> None:
    # "Running" is what the washing machine's sensor says; the lights on do not count.
    assert ask("which devices are running") == "The washing machine is running."
    assert (
        ask("is anything on in the scullery") == "Yes, the washing machine is on in the scullery."
    )
    assert ask("is anything on upstairs") == "Yes, the night light is on upstairs."
    assert ask("is anything open in the den").startswith("No, none of the devices in the den")


def test_here_is_where_the_user_is() -> None:
    world = make_world()
    ctx = ToolContext(world=world, area="den")
    reply = questions.devices_ask(ctx, noun="light", state="on", ask="how_many", area="here")
    assert reply == "2 lights are on in here: the den ceiling and the reading lamp."


def test_a_state_nothing_can_be_in_is_said() -> None:
    world = make_world()
    with pytest.raises(ToolError, match="no kettles in the landing"):
        questions.devices_ask(ToolContext(world=world), noun="kettle", state="on", area="landing")
    with pytest.raises(ToolError, match="Nothing in the landing can be locked"):
        questions.devices_ask(ToolContext(world=world), noun="thing", state="locked",
                              area="landing")  # fmt: skip


def test_media_players_playing_and_paused() -> None:
    assert ask("are any tellies playing") == "No, none of the tellies are playing."
    assert ask("which tvs are paused") == "The den telly is paused."


def test_questions_change_nothing() -> None:
    harness = AgentHarness(world=world_data(), include_builtins=True)
    before = harness.world.snapshot()
    for text in ("how many lights are on", "are all the doors locked", "which batteries are low"):
        ask(text, harness)
    assert harness.world.snapshot() == before
