"""The grammar's cascade: asides around a command, and what must not be cut away."""

from __future__ import annotations

import pytest

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Flat",
    "clock": "2026-06-01T20:00:00",
    "areas": ["bedroom", "living room"],
    "listener": {"area": "living room"},
    "devices": [
        {"id": "switch.blanket", "kind": "switch", "name": "electric blanket", "area": "bedroom"},
        {"id": "light.lamp", "kind": "light", "name": "reading lamp", "area": "living room"},
        {"id": "thermostat.hall", "kind": "thermostat", "name": "thermostat"},
    ],
}


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("electric blanket on please, it's freezing", "switch.blanket", {"on": True}),
        ("turn on the reading lamp, I'm trying to read", "light.lamp", {"on": True}),
        ("it's dark in here, turn on the reading lamp", "light.lamp", {"on": True}),
        ("we are off to bed now so turn on the electric blanket", "switch.blanket", {"on": True}),
    ],
)
def test_a_command_with_an_aside_is_the_command(said: str, device: str, state: dict) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    before = h.snapshot()["devices"]["thermostat.hall"]
    h.say(said)
    assert h.state(device) | state == h.state(device)
    assert h.snapshot()["devices"]["thermostat.hall"] == before  # the aside warmed nothing


def test_a_question_with_an_aside_does_not_act() -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    before = h.snapshot()
    h.say("do i need a jacket it is cold out")
    assert h.snapshot() == before


def test_the_area_one_is_the_same_kind_there_not_one_percent() -> None:
    h = AgentHarness(include_builtins=True)
    h.say("turn on the kitchen light")
    h.say("and the bedroom one too")
    bedroom = [d for d in h.world.devices.values() if d.kind == "light" and d.area == "bedroom"]
    assert bedroom and all(d.state()["on"] and d.state()["brightness"] > 1 for d in bedroom)


def test_turn_it_off_after_a_light_is_the_light_and_after_a_timer_the_timer() -> None:
    h = AgentHarness(include_builtins=True)
    h.say("turn on the kitchen light")
    assert h.say("turn it off").reply == "The kitchen ceiling light is off."
    h.say("set a timer for 5 minutes")
    assert h.say("turn it off").reply == "I cancelled your 5 minute timer."


def test_turn_it_up_with_nothing_before_is_the_music() -> None:
    h = AgentHarness(include_builtins=True)
    assert h.say("turn it up").calls[0].tool == "media_volume_step"


@pytest.mark.parametrize(
    ("said", "device"),
    [
        ("pop the reading lamp on, would you?", "light.lamp"),
        ("switch on the electric blanket if you could", "switch.blanket"),
    ],
)
def test_a_polite_tag_after_the_command_is_dropped(said: str, device: str) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say(said)
    assert h.state(device)["on"] is True


def test_like_before_an_amount_is_a_hedge() -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say("um could you maybe set a timer for like three minutes")
    assert [t["duration_s"] for t in h.snapshot()["timers"]] == [180]


def test_never_mind_before_a_command_and_a_request_as_a_label() -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say("timer for 8 minutes")
    h.say("never mind cancel the timer")
    assert h.snapshot()["timers"] == []
    h.say("um can you like set a timer for uh six minutes")
    assert [(t["label"], t["duration_s"]) for t in h.snapshot()["timers"]] == [(None, 360)]
