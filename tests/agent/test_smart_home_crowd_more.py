"""More smart-home commands as crowd workers write them (SLURP's phrasings, the blind set
tests/data/slurpt_iot, in a home of our own): the volume of "the music", muting said every
way and for a time, starting the vacuum or the coffee, "the room light", brighter and dimmer
said as wishes, a plug's name with its kind word after it, and orders for a later time."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.later import LATER_REPLY
from sottovoce.testing import AgentHarness

WORLD: dict[str, Any] = {
    "name": "Terrace",
    "clock": "2026-11-12T19:20:00",
    "areas": ["lounge", "kitchen", "bedroom", "tom's room", "garage", "landing"],
    "listener": {"area": "lounge"},
    "devices": [
        {"id": "light.lounge", "kind": "light", "name": "lounge light", "area": "lounge",
         "state": {"on": True, "brightness": 60, "color": "warm white"}},
        {"id": "light.toms_room", "kind": "light", "name": "tom's room light",
         "area": "tom's room", "state": {"on": True, "brightness": 50, "color": "warm white"}},
        {"id": "light.bedroom", "kind": "light", "name": "bedroom light", "area": "bedroom",
         "state": {"on": True, "brightness": 70}},
        {"id": "light.garage", "kind": "light", "name": "garage light", "area": "garage",
         "state": {"on": True, "brightness": 100}},
        {"id": "light.landing", "kind": "light", "name": "landing light", "area": "landing",
         "state": {"on": False, "brightness": 100}},
        {"id": "switch.plug", "kind": "switch", "name": "wemo plug",
         "aliases": ["smart socket", "wemo"], "area": "lounge", "state": {"on": True}},
        {"id": "switch.coffee", "kind": "switch", "name": "coffee machine", "area": "kitchen"},
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum", "area": "landing",
         "state": {"status": "docked"}},
        {"id": "media_player.speaker", "kind": "media_player", "name": "lounge speaker",
         "aliases": ["speakers"], "area": "lounge",
         "state": {"status": "playing", "volume": 60, "muted": False}},
    ],
    "lists": {"shopping": ["milk"]},
}  # fmt: skip


def after(said: str) -> tuple[dict[str, Any], str]:
    h = AgentHarness(include_builtins=True, world=WORLD)
    reply = h.say(said).reply
    return h.snapshot(), reply


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("please lower music volume", "media_player.speaker", {"volume": 50}),
        ("raise the volume of the current music", "media_player.speaker", {"volume": 70}),
        ("please slow down volume of speaker", "media_player.speaker", {"volume": 50}),
        ("change volume level to maximum", "media_player.speaker", {"volume": 100}),
        ("speak loudly", "media_player.speaker", {"volume": 70}),
        ("silence speakers", "media_player.speaker", {"muted": True}),
        ("silence volume on speakers", "media_player.speaker", {"muted": True}),
        ("turn off the sounds", "media_player.speaker", {"muted": True}),
        ("shut down the sound", "media_player.speaker", {"muted": True}),
        ("set the speakers to mute", "media_player.speaker", {"muted": True}),
        ("from now on mute", "media_player.speaker", {"muted": True}),
        ("start a vacuum cleaner", "vacuum.robot", {"status": "cleaning"}),
        ("initialize the robot vacuum", "vacuum.robot", {"status": "cleaning"}),
        ("clean my house", "vacuum.robot", {"status": "cleaning"}),
        ("make the coffee", "switch.coffee", {"on": True}),
        ("set the coffee maker to on", "switch.coffee", {"on": True}),
        ("start a pot of coffee please", "switch.coffee", {"on": True}),
        ("my coffee is cold please make more coffee", "switch.coffee", {"on": True}),
        ("olly turn on the coffee machine to make me some coffee", "switch.coffee", {"on": True}),
        ("i can't hear you", "media_player.speaker", {"volume": 70}),
        ("make it red in here", "light.lounge", {"color": "red"}),
        ("make the room light blue", "light.lounge", {"color": "blue"}),
        ("please change the light colors to red", "light.lounge", {"color": "red"}),
        ("i'd like some red lighting", "light.lounge", {"color": "red"}),
        ("i want dimmer lights", "light.lounge", {"brightness": 40}),
        ("change the lights to dim", "light.lounge", {"brightness": 40}),
        ("adjust the lights to a lower setting please", "light.lounge", {"brightness": 40}),
        ("turn my lights down to a lower level of brightness", "light.lounge", {"brightness": 40}),
        ("lower the overhead lights", "light.lounge", {"brightness": 40}),
        ("give me more light", "light.lounge", {"brightness": 80}),
        ("set lights brightness higher", "light.lounge", {"brightness": 80}),
        ("increase the brightness in this room", "light.lounge", {"brightness": 80}),
        ("can you increase the brightness in the room", "light.lounge", {"brightness": 80}),
        ("cease operating lights", "light.lounge", {"on": False}),
        ("discontinue use of lights", "light.lounge", {"on": False}),
        ("can you make the lights go out", "light.lounge", {"on": False}),
        ("switch off the master's bedroom", "light.bedroom", {"on": False}),
        ("switch wemo plug socket off", "switch.plug", {"on": False}),
        ("disable smart socket", "switch.plug", {"on": False}),
    ],
)
def test_crowd_written_command(said: str, device: str, state: dict[str, Any]) -> None:
    got = after(said)[0]["devices"][device]
    assert {key: got.get(key) for key in state} == state


def test_the_room_light_is_not_a_named_room_s_light() -> None:
    """'The room light' is the light of the room it is said in, not Tom's room light."""
    got = after("make the room light blue")[0]["devices"]
    assert got["light.toms_room"]["color"] == "warm white"


@pytest.mark.parametrize("said", ["i need a cup of coffee", "i could do with a mug of coffee"])
def test_a_cup_of_coffee_is_made_not_bought(said: str) -> None:
    snapshot, _ = after(said)
    assert snapshot["devices"]["switch.coffee"]["on"] is True
    assert snapshot["lists"]["shopping"] == ["milk"]


@pytest.mark.parametrize("said", ["enable smart socket", "power on wemo"])
def test_a_plug_switched_on_by_enable_or_power(said: str) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say("turn off the wemo plug")
    turn = h.say(said)
    assert [call.tool for call in turn.calls] == ["device_turn_on"]
    assert h.snapshot()["devices"]["switch.plug"]["on"] is True


def test_a_cut_short_set_changes_nothing() -> None:
    """'Set my coffee machine' says no state: nothing is switched on."""
    snapshot, _ = after("set my coffee machine")
    assert snapshot["devices"]["switch.coffee"]["on"] is False


@pytest.mark.parametrize(
    ("said", "seconds"), [("mute for fifteen minutes", 900), ("silence for two hours", 7200)]
)
def test_muted_for_a_time_is_muted_now_and_said_to_stay(said: str, seconds: int) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    turn = h.say(said)
    assert [(c.tool, c.args.get("for_s")) for c in turn.calls] == [("media_mute", seconds)]
    assert h.snapshot()["devices"]["media_player.speaker"]["muted"] is True
    assert "can't unmute it later" in turn.reply


@pytest.mark.parametrize(
    ("said", "lead"),
    [
        ("did i leave the light on in the garage", "Yes"),
        ("did i leave the lights on in the landing", "No"),
    ],
)
def test_left_on_is_answered_yes_or_no(said: str, lead: str) -> None:
    snapshot, reply = after(said)
    assert reply.startswith(lead + ", ")
    assert snapshot["devices"]["light.garage"]["on"] is True


@pytest.mark.parametrize(
    "said",
    [
        "start coffee at six am",
        "start the coffee machine at three",
        "turn off bedroom light at nine thirty pm",
        "make the lights amber at six pm",
        "my vacuum cleaner should start between ten to eleven am everyday",
    ],
)
def test_an_order_with_a_later_time_after_it_is_not_done_now(said: str) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    before = h.snapshot()
    assert h.say(said).reply == LATER_REPLY
    assert h.snapshot() == before
