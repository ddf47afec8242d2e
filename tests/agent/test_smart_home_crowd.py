"""Smart-home commands as crowd workers write them (SLURP's phrasings, tests/data/slurp_iot):
"increase lights", "lights down", "dim all the lights" (only the ones on), "the outdoor
lights", "the light of my bed room", "turn the room light off", colour for every light,
"can I have an espresso", "start house cleaning", "speak louder", "be muted for a while";
and a question or a song pointed at never lands on a list."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.testing import AgentHarness

WORLD: dict[str, Any] = {
    "name": "Flat",
    "clock": "2026-08-27T07:30:00",
    "areas": ["lounge", "kitchen", "bedroom", "study", "back garden", "porch"],
    "listener": {"area": "lounge"},
    "devices": [
        {"id": "light.lounge", "kind": "light", "name": "lounge light", "area": "lounge",
         "state": {"on": True, "brightness": 60}},
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen",
         "state": {"on": True, "brightness": 100}},
        {"id": "light.bedroom", "kind": "light", "name": "bedroom light", "area": "bedroom",
         "state": {"on": True, "brightness": 70}},
        {"id": "light.study", "kind": "light", "name": "study lamp", "area": "study",
         "state": {"on": False, "brightness": 100}},
        {"id": "light.garden", "kind": "light", "name": "garden lights", "area": "back garden"},
        {"id": "light.porch", "kind": "light", "name": "porch light", "area": "porch"},
        {"id": "switch.coffee", "kind": "switch", "name": "coffee machine", "area": "kitchen"},
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum", "area": "study",
         "state": {"status": "docked"}},
        {"id": "media_player.speaker", "kind": "media_player", "name": "smart speaker",
         "area": "lounge", "state": {"status": "playing", "volume": 50, "muted": False}},
    ],
}  # fmt: skip


def devices_after(said: str) -> dict[str, dict[str, Any]]:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say(said)
    devices: dict[str, dict[str, Any]] = h.snapshot()["devices"]
    return devices


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("increase lights please", "light.lounge", {"brightness": 80}),
        ("please increase the light", "light.lounge", {"brightness": 80}),
        ("can you bright the lights please", "light.lounge", {"brightness": 80}),
        ("i need some more lights", "light.lounge", {"brightness": 80}),
        ("lights down", "light.lounge", {"brightness": 40}),
        ("decrease lighting", "light.lounge", {"brightness": 40}),
        ("make a room darker", "light.lounge", {"brightness": 40}),
        ("switch the lights to off", "light.lounge", {"on": False}),
        ("turn the room light off", "light.lounge", {"on": False}),
        ("can you please turn off the light of my bed room", "light.bedroom", {"on": False}),
        ("can the lights be changed to green", "light.lounge", {"color": "green"}),
        ("please turn on all the outdoor lights", "light.porch", {"on": True}),
        ("prepare my morning coffee", "switch.coffee", {"on": True}),
        ("can i have an espresso please", "switch.coffee", {"on": True}),
        ("i would like some coffee now", "switch.coffee", {"on": True}),
        ("it's coffee time", "switch.coffee", {"on": True}),
        ("would you set the coffee maker running", "switch.coffee", {"on": True}),
        ("start house cleaning", "vacuum.robot", {"status": "cleaning"}),
        ("clean the flat", "vacuum.robot", {"status": "cleaning"}),
        ("get the cleaning on", "vacuum.robot", {"status": "cleaning"}),
        ("start my robot vacuum cleaner", "vacuum.robot", {"status": "cleaning"}),
        ("can you speak louder", "media_player.speaker", {"volume": 60}),
        ("please speak quieter to me", "media_player.speaker", {"volume": 40}),
        ("lower your volume please", "media_player.speaker", {"volume": 40}),
        ("lower all volume on speakers please", "media_player.speaker", {"volume": 40}),
        ("please turn the volume to the loudest setting", "media_player.speaker", {"volume": 100}),
        ("can you please be muted for a while", "media_player.speaker", {"muted": True}),
        ("mute for the next hour please", "media_player.speaker", {"muted": True}),
        ("mute sound from speakers", "media_player.speaker", {"muted": True}),
        ("touch the mute button", "media_player.speaker", {"muted": True}),
    ],
)
def test_crowd_written_command(said: str, device: str, state: dict[str, Any]) -> None:
    got = devices_after(said)[device]
    assert {key: got.get(key) for key in state} == state


def test_every_light_dimmed_is_one_that_was_on() -> None:
    got = devices_after("will you dim all the lights")
    assert got["light.lounge"]["brightness"] == 40 and got["light.kitchen"]["brightness"] == 80
    assert got["light.study"]["on"] is False  # it was off: dimming does not light it
    assert got["light.garden"]["on"] is False


def test_the_outdoor_lights_are_those_of_the_garden_and_porch() -> None:
    got = devices_after("turn on the outside lights")
    assert got["light.garden"]["on"] is True and got["light.porch"]["on"] is True
    assert got["light.study"]["on"] is False


def test_colour_for_every_light_of_the_house() -> None:
    got = devices_after("set colour blue for all lights of my house")
    assert {got[d].get("color") for d in got if d.startswith("light.")} == {"blue"}


@pytest.mark.parametrize(
    "said",
    [
        "please add this song to my playlist favorites",
        "add that song to my top ten favorites list",
        "i need jacket after ten am or not",
    ],
)
def test_a_song_pointed_at_or_a_question_is_not_put_on_a_list(said: str) -> None:
    h = AgentHarness(include_builtins=True, world=WORLD)
    h.say(said)
    assert h.snapshot()["lists"] == {}


@pytest.mark.parametrize(
    "said",
    ["at one pm today start the robot vacuum cleaner", "by ten to eleven am daily start my vacuum"],
)
def test_a_command_for_later_is_not_done_now(said: str) -> None:
    assert devices_after(said)["vacuum.robot"]["status"] == "docked"


def test_every_light_in_the_house_said_whole() -> None:
    got = devices_after("Switch every light in the house off.")
    assert not any(got[d]["on"] for d in got if d.startswith("light."))
