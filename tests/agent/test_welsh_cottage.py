"""The second turns and commands blind sets 18 and 19 found: one name in two rooms
("which bedside lamp?"), bare values after a change ("no, 21", "medium is fine"),
"and in here" from another room, "the big light", "the hall one" after a question,
statements about what someone left on, and "make sure the back door is locked"."""

from __future__ import annotations

import pytest

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Cottage",
    "clock": "2026-01-17T16:30:00",
    "areas": [
        {"name": "kitchen", "floor": "downstairs"}, {"name": "hall", "floor": "downstairs"},
        {"name": "front room", "floor": "downstairs"}, {"name": "shed"},
        {"name": "main bedroom", "floor": "upstairs"}, {"name": "spare room", "floor": "upstairs"},
    ],
    "listener": {"area": "kitchen"},
    "lists": {"shopping": ["milk"]},
    "devices": [
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen",
         "state": {"on": True}},
        {"id": "light.hall", "kind": "light", "name": "hall light", "area": "hall",
         "state": {"on": True}},
        {"id": "light.front_room", "kind": "light", "name": "front room light",
         "area": "front room"},
        {"id": "light.reading", "kind": "light", "name": "reading lamp", "area": "front room"},
        {"id": "light.main_bedside", "kind": "light", "name": "bedside lamp",
         "area": "main bedroom"},
        {"id": "light.spare_bedside", "kind": "light", "name": "bedside lamp",
         "area": "spare room"},
        {"id": "light.spare_room", "kind": "light", "name": "spare room ceiling light",
         "area": "spare room", "state": {"on": True}},
        {"id": "light.night_light", "kind": "light", "name": "night light", "area": "spare room"},
        {"id": "switch.gareth_blanket", "kind": "switch", "name": "Gareth's electric blanket",
         "area": "main bedroom"},
        {"id": "switch.eirlys_blanket", "kind": "switch", "name": "Eirlys's electric blanket",
         "area": "main bedroom"},
        {"id": "thermostat.heating", "kind": "thermostat", "name": "heating", "area": "hall",
         "state": {"target": 20, "current": 19, "mode": "heat"}},
        {"id": "fan.box", "kind": "fan", "name": "box fan", "area": "front room"},
        {"id": "lock.back", "kind": "lock", "name": "back door", "area": "kitchen",
         "state": {"locked": False}},
        {"id": "lock.shed", "kind": "lock", "name": "shed door", "area": "shed",
         "state": {"locked": True}},
        {"id": "valve.tap", "kind": "valve", "name": "outside tap", "area": "shed",
         "state": {"position": 100}},
        {"id": "media_player.radio", "kind": "media_player", "name": "kitchen radio",
         "area": "kitchen", "state": {"status": "playing", "media": "Radio Wales"}},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def test_one_name_in_two_rooms_asks_which() -> None:
    h = _harness()
    before = h.snapshot()
    reply = h.say("turn the bedside lamp on").reply
    assert "main bedroom" in reply and "spare room" in reply
    assert h.snapshot() == before
    h.say("the one in the main bedroom")
    assert h.state("light.main_bedside")["on"] and not h.state("light.spare_bedside")["on"]
    h.say("and the spare room one as well")
    assert h.state("light.spare_bedside")["on"]
    assert not h.state("light.night_light")["on"]


def test_one_name_in_two_rooms_is_the_one_in_the_users_room() -> None:
    h = _harness()
    h.say("turn the bedside lamp on", area="spare room")
    assert h.state("light.spare_bedside")["on"] and not h.state("light.main_bedside")["on"]


def test_the_other_one_of_the_same_name_is_in_the_other_room() -> None:
    h = _harness()
    h.say("turn on the bedside lamp in the spare room")
    h.say("ag no, the other one")
    assert h.state("light.main_bedside")["on"]


def test_and_the_named_one_in_there() -> None:
    h = _harness()
    h.say("turn on the night light")
    h.say("and the bedside lamp in there")
    assert h.state("light.spare_bedside")["on"] and not h.state("light.main_bedside")["on"]


def test_and_the_other_one_after_an_owners_device() -> None:
    h = _harness()
    h.say("switch Eirlys's electric blanket on")
    h.say("and the other one")
    assert h.state("switch.gareth_blanket")["on"]


@pytest.mark.parametrize(("second", "target"), [("no, 21", 21), ("twenty three please", 23)])
def test_a_bare_number_after_the_heating(second: str, target: float) -> None:
    h = _harness()
    h.say("set the heating to 22")
    h.say(second)
    assert h.state("thermostat.heating")["target"] == target


def test_a_bare_number_after_a_mode_is_the_target() -> None:
    h = _harness()
    h.say("switch the heating to auto")
    h.say("twenty three")
    assert h.state("thermostat.heating")["target"] == 23


def test_a_speed_word_after_a_fan_speed() -> None:
    h = _harness()
    h.say("put the box fan on high")
    h.say("actually medium is fine")
    assert h.state("fan.box")["speed"] == 66


def test_and_in_here_from_another_room() -> None:
    h = _harness()
    h.say("turn the lights on in here", area="front room")
    assert h.state("light.reading")["on"]
    h.say("and in here", area="spare room")
    assert h.state("light.main_bedside")["on"] is False
    assert h.state("light.spare_bedside")["on"] and h.state("light.night_light")["on"]


def test_the_big_light_is_the_rooms_main_light() -> None:
    h = _harness()
    h.say("turn the big light off", area="spare room")
    assert h.state("light.spare_room")["on"] is False
    assert h.state("light.kitchen")["on"] is True


def test_the_hall_one_after_asking_which_lights_are_on() -> None:
    h = _harness()
    h.say("how many lights are on downstairs?")
    h.say("turn the hall one off then")
    assert h.state("light.hall")["on"] is False
    assert h.state("light.hall").get("brightness") != 1


@pytest.mark.parametrize(
    "text", ["Priya left the kitchen light on again", "the kids left the hall light on"]
)
def test_what_someone_left_on_is_no_order(text: str) -> None:
    h = _harness()
    h.say("turn off the kitchen light")
    h.say("turn off the hall light")
    before = h.snapshot()
    h.say(text)
    assert h.snapshot() == before


def test_what_someone_left_on_then_an_order() -> None:
    h = _harness()
    h.say("Gareth left the hall light on again, turn it off")
    assert h.state("light.hall")["on"] is False


@pytest.mark.parametrize(
    ("text", "device", "key", "value"),
    [
        ("make sure the back door is locked", "lock.back", "locked", True),
        ("can I get the reading lamp on", "light.reading", "on", True),
        ("power off the kitchen light", "light.kitchen", "on", False),
        ("put the reading lamp on red", "light.reading", "color", "red"),
    ],
)
def test_commands_said_as_wishes_and_other_verbs(
    text: str, device: str, key: str, value: object
) -> None:
    h = _harness()
    h.say(text)
    h.say("yes")  # locking asks nothing; a confirmation would be answered
    assert h.state(device)[key] == value


def test_a_lock_by_its_place() -> None:
    h = _harness()
    assert "locked" in h.say("is the shed locked?").reply


def test_what_is_on_the_radio() -> None:
    assert "Radio Wales" in _harness().say("what's on the radio?").reply


@pytest.mark.parametrize(
    ("first", "second", "device", "key", "value"),
    [
        ("is the outside tap still on?", "turn it off then, it'll freeze tonight",
         "valve.tap", "position", 0),
        ("turn the radio down a bit", "stop it altogether", "media_player.radio", "status",
         "stopped"),
    ],
)  # fmt: skip
def test_a_command_with_a_reason_or_a_closer_after_it(
    first: str, second: str, device: str, key: str, value: object
) -> None:
    h = _harness()
    h.say(first)
    h.say(second)
    assert h.state(device)[key] == value


def test_a_longer_item_carried_on_to_the_same_list() -> None:
    h = _harness()
    h.say("add ginger biscuits to the shopping list")
    h.say("and a pint of semi skimmed")
    assert h.snapshot()["lists"]["shopping"][-1] == "pint of semi skimmed"
