"""The cascade and names on how many kinds of speakers put things: reasons said after a
command, a device named first, words to other people, verbs left out, short names."""

from __future__ import annotations

import pytest

from sottovoce.agent.names import all_spoken_names, area_forms
from sottovoce.devices import parse_world
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-06-01T20:00:00",
    "areas": ["kitchen", "back porch", "bedroom", "backyard", "hall"],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
        {"id": "light.porch", "kind": "light", "name": "porch light", "area": "back porch"},
        {
            "id": "light.string",
            "kind": "light",
            "name": "string lights",
            "aliases": ["backyard lights"],
            "area": "backyard",
        },
        {"id": "switch.blanket", "kind": "switch", "name": "electric blanket", "area": "bedroom"},
        {"id": "cover.blind", "kind": "cover", "name": "bedroom blind", "area": "bedroom"},
        {
            "id": "valve.water",
            "kind": "valve",
            "name": "main water valve",
            "area": "kitchen",
            "state": {"position": 100},
        },
        {"id": "fan.extractor", "kind": "fan", "name": "kitchen extractor fan", "area": "kitchen"},
        {"id": "fan.ceiling", "kind": "fan", "name": "bedroom ceiling fan", "area": "bedroom"},
        {
            "id": "thermostat.hall",
            "kind": "thermostat",
            "name": "thermostat",
            "aliases": ["heating"],
            "area": "hall",
            "state": {"mode": "heat", "target": 20, "current": 19},
        },
        {
            "id": "thermostat.bedroom",
            "kind": "thermostat",
            "name": "bedroom radiator",
            "area": "bedroom",
            "state": {"mode": "heat", "target": 18, "current": 18},
        },
        {"id": "lock.front", "kind": "lock", "name": "front door", "state": {"locked": True}},
        {"id": "lock.gate", "kind": "lock", "name": "side gate", "state": {"locked": False}},
        {
            "id": "binary_sensor.porch_motion",
            "kind": "binary_sensor",
            "name": "porch motion sensor",
            "area": "back porch",
            "state": {"on": False, "device_class": "motion"},
        },
    ],
    "contacts": [{"name": "Callum", "phone": "+44 7700 900102"}],
    "scenes": [{"name": "dinner time", "sets": {"light.kitchen": {"on": True}}}],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    "said",
    [
        "can you unlock the front door, nana's here",
        "please unlock the front door for me, I go for a walk",
        "unlock the front door, the plumber is coming",
    ],
)
def test_a_reason_about_someone_after_a_command_is_dropped(said: str) -> None:
    h = _harness()
    h.say(said)
    h.say("yes please")
    assert h.state("lock.front")["locked"] is False


def test_a_remark_naming_a_device_is_not_dropped_as_a_reason() -> None:
    h = _harness()
    h.say("turn on the kitchen light, porch light too")
    assert h.state("light.kitchen")["on"] is False  # not the first half alone


@pytest.mark.parametrize(
    "said",
    [
        "Callum, will you put the kettle on",
        "kids, go and switch the porch light on and get into bed",
        "Sarah, tell him the porch light is on a timer",
        "Callum, did you lock the side gate?",
        "mum said to lock the side gate",
        "the kids left the porch light on again",
        # The speaker's own plans and doubts are not asked of anyone.
        "I might add milk to the shopping list later",
        "might turn the porch light on later, not sure yet",
        "we should turn the heating up",
    ],
)
def test_words_to_or_about_other_people_change_nothing(said: str) -> None:
    h = _harness()
    before = h.snapshot()
    h.say(said)
    assert h.snapshot() == before


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("off the kitchen light", "light.kitchen", {"on": False}),
        ("on the porch light please", "light.porch", {"on": True}),
        ("do one thing, put the porch light on", "light.porch", {"on": True}),
        (
            "hey would you mind turning the porch light on when you get a chance? thanks",
            "light.porch",
            {"on": True},
        ),
        ("shut off the main water", "valve.water", {"position": 0}),
        ("blanket on please", "switch.blanket", {"on": True}),
        ("set the kitchen extractor to low", "fan.extractor", {"on": True, "speed": 33}),
        ("turn the heating off", "thermostat.hall", {"mode": "off"}),
        ("gonnae turn the heating up a wee bit", "thermostat.hall", {"target": 21}),
        ("can y'all turn the porch light on", "light.porch", {"on": True}),
        ("lights kitchen on", "light.kitchen", {"on": True}),
        ("make the bedroom radiator 23 degree", "thermostat.bedroom", {"target": 23}),
        ("put the bedroom radiator on cool mode", "thermostat.bedroom", {"mode": "cool"}),
        ("switch on the kitchen extractor fan only", "fan.extractor", {"on": True}),
    ],
)
def test_how_people_put_it(said: str, device: str, state: dict) -> None:
    h = _harness()
    h.say(said)
    assert h.state(device) | state == h.state(device)


def test_a_verb_left_out_is_read_only_for_the_whole_utterance() -> None:
    h = _harness()
    h.say("turn off the heating on the bedroom radiator")
    assert h.state("thermostat.bedroom")["mode"] == "off"  # never "on the bedroom radiator"


def test_it_after_a_valve_or_a_thermostat_is_said_by_its_name() -> None:
    h = _harness()
    h.say("close the main water valve")
    h.say("okay turn it on")
    assert h.state("valve.water")["position"] == 100
    h.say("switch the heating off")
    h.say("actually turn it back on")
    assert h.state("thermostat.hall")["mode"] == "heat"


def test_a_device_named_first_is_what_it_means_after() -> None:
    h = _harness()
    h.say("the bedroom radiator, set it to 21 degrees")
    assert h.state("thermostat.bedroom")["target"] == 21


def test_a_scene_whose_name_ends_in_time_and_a_room_before_a_scene() -> None:
    h = _harness()
    assert h.say("run dinner time").calls[0].args["scene"] == "dinner time"
    assert h.say("activate kitchen dinner time scene").calls[0].args["scene"] == "dinner time"


def test_short_forms_of_names_and_rooms_name_one_thing() -> None:
    world = parse_world(WORLD, "test")
    names = all_spoken_names(world)
    assert "main water" in names["valve.water"]
    assert "blanket" in names["switch.blanket"]
    assert "kitchen extractor" in names["fan.extractor"]
    assert "bedroom ceiling" not in names["fan.ceiling"]  # a fan named by where it is
    # "The lights" are the room's, never the one device whose alias ends in them.
    assert "lights" not in names["light.string"]
    assert ("porch", "back porch") in area_forms(world)


def test_motion_on_the_porch_is_the_back_porch() -> None:
    reply = _harness().say("is there any motion on the porch").reply
    assert reply.lower().startswith("no")


def test_a_name_set_apart_by_a_comma_is_someone_called_unless_it_is_the_assistants() -> None:
    h = _harness()
    before = h.snapshot()
    h.say("Jake, could you turn the porch light on")
    assert h.snapshot() == before
    h.say("olly can you turn the porch light on")  # a wake name left in
    assert h.state("light.porch")["on"] is True
    h.say("Sorry, turn the porch light off")  # an interjection, not a name
    assert h.state("light.porch")["on"] is False
    h.say("Arjun beta, switch on the porch light")  # a name and a word of endearment
    assert h.state("light.porch")["on"] is False
    h.say("hang on, switch on the porch light")  # two words, but a filler
    assert h.state("light.porch")["on"] is True


def test_a_door_that_is_a_lock_opens_by_unlocking_after_aye() -> None:
    h = _harness()
    assert h.say("can you open the front door for me").reply == "Unlock the front door?"
    h.say("aye")
    assert h.state("lock.front")["locked"] is False


def test_halfway_after_opening_a_blind_is_the_same_blind_half_open() -> None:
    h = _harness()
    h.say("open the bedroom blind")
    h.say("actually just halfway")
    assert h.state("cover.blind")["position"] == 50


def test_trailing_words_after_a_list_name_are_not_part_of_it() -> None:
    h = _harness()
    h.say("add milk to the shopping list later")
    assert "shopping list later" not in h.snapshot()["lists"]
    assert "milk" in h.snapshot()["lists"]["shopping"]


def test_activating_something_the_home_lacks_says_so() -> None:
    h = _harness()
    before = h.snapshot()
    assert "no party mode" in h.say("activate party mode").reply
    assert h.snapshot() == before
