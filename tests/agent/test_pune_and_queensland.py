"""Readings from a joint-family flat in Pune and a Queensland house (blind sets 26, 27):
"close the geyser", "the tube light" of the room, "little more" after a level, "remove
the dal", "is the bedroom AC on?", "aaji's room" for the aaji room, "keep a timer",
"chuck a timer on for the snags, twelve minutes", "give us the weather", "can ya", "how
hot's it gonna get", a tank level asked as water, "send the vacuum round the house"."""

from __future__ import annotations

import pytest

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Flat and house",
    "clock": "2026-07-14T19:15:00",
    "areas": [{"name": "hall"}, {"name": "kitchen"}, {"name": "study"}, {"name": "aaji room"}],
    "listener": {"area": "hall"},
    "lists": {"shopping": ["milk"]},
    "weather": {"current": {"condition": "rain", "temperature": 27}},
    "devices": [
        {"id": "light.hall_tube", "kind": "light", "name": "hall tube light", "area": "hall"},
        {
            "id": "light.kitchen_tube",
            "kind": "light",
            "name": "kitchen tube light",
            "area": "kitchen",
        },
        {"id": "light.study_tube", "kind": "light", "name": "study tube light", "area": "study"},
        {
            "id": "light.study_lamp",
            "kind": "light",
            "name": "study table lamp",
            "aliases": ["table lamp"],
            "area": "study",
        },
        {"id": "light.entrance", "kind": "light", "name": "passage light", "area": "hall"},
        {
            "id": "light.mandir",
            "kind": "light",
            "name": "mandir lamp",
            "aliases": ["diya"],
            "area": "hall",
        },
        {"id": "light.aaji", "kind": "light", "name": "aaji room light", "area": "aaji room"},
        {
            "id": "switch.geyser",
            "kind": "switch",
            "name": "geyser",
            "area": "hall",
            "state": {"on": True},
        },
        {
            "id": "fan.hall",
            "kind": "fan",
            "name": "hall fan",
            "area": "hall",
            "state": {"on": True, "speed": 66},
        },
        {
            "id": "fan.study",
            "kind": "fan",
            "name": "study fan",
            "area": "study",
            "state": {"on": True, "speed": 33},
        },
        {
            "id": "thermostat.aaji",
            "kind": "thermostat",
            "name": "aaji room AC",
            "area": "aaji room",
            "state": {"mode": "off", "target": 24, "current": 29},
        },
        {
            "id": "thermostat.hall",
            "kind": "thermostat",
            "name": "hall aircon",
            "aliases": ["aircon"],
            "area": "hall",
            "state": {"mode": "cool", "target": 24, "current": 26},
        },
        {
            "id": "media_player.tv",
            "kind": "media_player",
            "name": "telly",
            "area": "hall",
            "state": {"status": "playing", "volume": 40},
        },
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum", "area": "hall"},
        {
            "id": "sensor.tank",
            "kind": "sensor",
            "name": "water tank level",
            "aliases": ["tank"],
            "area": "hall",
            "state": {"value": 35, "unit": "%"},
        },
        {"id": "cover.curtains", "kind": "cover", "name": "hall curtains", "area": "hall"},
    ],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    ("said", "device", "on"),
    [
        ("close the geyser", "switch.geyser", False),
        ("open the passage light, somebody is at the door", "light.entrance", True),
        ("please light the diya", "light.mandir", True),
        (
            "arre, Aaji is still cooking, on the kitchen tube light again",
            "light.kitchen_tube",
            True,
        ),
    ],
)
def test_open_close_and_light_said_for_switching(said: str, device: str, on: bool) -> None:
    h = _harness()
    h.say(said)
    assert h.state(device)["on"] is on


def test_a_cover_still_opens_and_closes() -> None:
    h = _harness()
    h.say("close the curtains")
    assert h.state("cover.curtains")["position"] == 0


def test_the_shared_end_of_names_is_the_one_in_the_room() -> None:
    h = _harness()
    h.say("turn on the tube light")
    assert h.state("light.hall_tube")["on"] is True
    assert h.state("light.study_tube")["on"] is False
    h.say("switch on the tube light in the kitchen")
    assert h.state("light.kitchen_tube")["on"] is True
    h.say("turn on the tube light", area="study")
    assert h.state("light.study_tube")["on"] is True
    assert h.state("light.study_lamp")["on"] is False  # not the near-sounding "table lamp"


def test_an_aside_about_someone_then_on_or_off_as_a_verb() -> None:
    h = _harness()
    h.say("turn on the aaji room light")
    h.say("Ajoba is sleeping, off the light", area="aaji room")
    assert h.state("light.aaji")["on"] is False


def test_a_little_more_after_a_level_is_a_step_from_it() -> None:
    h = _harness()
    h.say("set the table lamp to 50")
    h.say("little more")
    assert h.state("light.study_lamp")["brightness"] == 70
    h.say("set the volume of the telly to 30")
    h.say("a bit less")
    assert h.state("media_player.tv")["volume"] == 20


def test_fans_step_by_speed_words() -> None:
    h = _harness()
    h.say("increase the fan speed")
    assert h.state("fan.hall")["speed"] == 100
    h.say("reduce the speed of the study fan")
    assert h.state("fan.study")["on"] is False


def test_remove_an_item_by_its_last_word_after_the_list_was_used() -> None:
    h = _harness()
    h.say("add atta and toor dal to the shopping list")
    h.say("remove the dal")
    assert h.snapshot()["lists"]["shopping"] == ["milk", "atta"]


def test_a_thermostat_asked_whether_it_is_on_and_a_room_said_with_its_owner() -> None:
    h = _harness()
    assert "off" in h.say("is the aaji room AC on?").reply
    h.say("on the AC in Aaji's room")
    assert h.state("thermostat.aaji")["mode"] == "cool"


def test_a_correction_that_says_not_this_one() -> None:
    h = _harness()
    h.say("switch off the fan")
    h.say("no no, not this one, the study fan")
    assert h.state("fan.hall")["on"] is False
    assert h.state("fan.study")["on"] is False


@pytest.mark.parametrize(
    ("said", "seconds", "label"),
    [
        ("keep a timer for half an hour", 1800, None),
        ("chuck a timer on for the snags, twelve minutes", 720, "snags"),
        ("set a timer for the pasta, 10 minutes", 600, "pasta"),
    ],
)
def test_timers_as_said_in_india_and_australia(said: str, seconds: int, label: str | None) -> None:
    h = _harness()
    h.say(said)
    (timer,) = h.snapshot()["timers"]
    assert (timer["duration_s"], timer["label"]) == (seconds, label)


def test_australian_and_british_forms() -> None:
    h = _harness()
    assert "27" in h.say("give us the weather").reply
    h.say("mate, can ya turn the telly down, it's blaring")
    assert h.state("media_player.tv")["volume"] == 30
    h.say("righto, um, could you turn the passage light on for us")
    assert h.state("light.entrance")["on"] is True
    h.say("sorry to be a pain but could you possibly switch off the geyser now")
    assert h.state("switch.geyser")["on"] is False


def test_a_level_sensor_asked_in_other_words_answers_its_reading() -> None:
    h = _harness()
    assert "35" in h.say("how much water is left in the tank?").reply


def test_send_the_vacuum_round_the_house() -> None:
    h = _harness()
    h.say("could you send the vacuum round the house please")
    assert h.state("vacuum.robot")["status"] == "cleaning"


def test_it_in_an_aside_names_the_aircon_to_bump_up() -> None:
    h = _harness()
    h.say("it's freezing in here with the aircon, bump it up a degree")
    assert h.state("thermostat.hall")["target"] == 25
