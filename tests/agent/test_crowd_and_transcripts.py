"""Readings from crowd-written commands and from what Whisper writes down (blind sets 31,
32): an assistant called by its name first ("alexa, ...", "ok google"), texting words
("thx", "r", "lvl"), "the big light in the living room", "can the lights in here be
dimmer", "time my eggs", "shopping list add ...", Fahrenheit, hedges between commas,
tag questions ("closed, right?") and a request after a remark in its own sentence."""

from __future__ import annotations

import pytest

from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Semi",
    "clock": "2026-10-17T18:40:00",
    "areas": [
        {"name": "kitchen", "floor": "downstairs"},
        {"name": "living room", "floor": "downstairs"},
        {"name": "hall", "floor": "downstairs"},
        {"name": "bedroom", "floor": "upstairs"},
        {"name": "dining room", "floor": "downstairs"},
        {"name": "bathroom", "floor": "upstairs"},
    ],
    "listener": {"area": "kitchen"},
    "lists": {"shopping": ["bread"], "to do": ["bins"]},
    "devices": [
        {
            "id": "light.kitchen",
            "kind": "light",
            "name": "kitchen ceiling light",
            "area": "kitchen",
        },
        {
            "id": "light.living_ceiling",
            "kind": "light",
            "name": "living room ceiling light",
            "area": "living room",
        },
        {"id": "light.floor_lamp", "kind": "light", "name": "floor lamp", "area": "living room"},
        {
            "id": "light.hall",
            "kind": "light",
            "name": "hall light",
            "area": "hall",
            "state": {"on": True, "brightness": 60},
        },  # fmt: skip
        {"id": "light.strip", "kind": "light", "name": "led strip", "area": "bedroom"},
        {"id": "switch.kettle", "kind": "switch", "name": "kettle", "area": "kitchen"},
        {
            "id": "fan.bedroom",
            "kind": "fan",
            "name": "bedroom fan",
            "area": "bedroom",
            "state": {"on": True, "speed": 66},
        },  # fmt: skip
        {
            "id": "cover.kitchen_blind",
            "kind": "cover",
            "name": "kitchen blind",
            "area": "kitchen",
            "state": {"position": 100},
        },  # fmt: skip
        {
            "id": "cover.curtains",
            "kind": "cover",
            "name": "bedroom curtains",
            "area": "bedroom",
            "state": {"position": 100},
        },  # fmt: skip
        {
            "id": "cover.garage",
            "kind": "cover",
            "name": "garage door",
            "area": "hall",
            "state": {"position": 0},
        },  # fmt: skip
        {"id": "lock.front", "kind": "lock", "name": "front door", "area": "hall"},
        {
            "id": "switch.heater",
            "kind": "switch",
            "name": "space heater",
            "aliases": ["heater"],
            "area": "bedroom",
        },  # fmt: skip
        {
            "id": "light.dining",
            "kind": "light",
            "name": "dining room light",
            "area": "dining room",
            "state": {"on": False},
        },  # fmt: skip
        {"id": "light.dining_lamp", "kind": "light", "name": "corner lamp", "area": "dining room"},
        {"id": "light.reading", "kind": "light", "name": "reading lamp", "area": "bedroom"},
        {
            "id": "binary_sensor.bathroom_window",
            "kind": "binary_sensor",
            "name": "bathroom window",
            "area": "bathroom",
            "state": {"on": True, "device_class": "window"},
        },  # fmt: skip
        {
            "id": "sensor.bathroom_humidity",
            "kind": "sensor",
            "name": "bathroom humidity",
            "area": "bathroom",
            "state": {"value": 62, "unit": "%"},
        },  # fmt: skip
        {
            "id": "sensor.kitchen_temperature",
            "kind": "sensor",
            "name": "kitchen temperature",
            "area": "kitchen",
            "state": {"value": 17.5, "unit": "°C"},
        },  # fmt: skip
        {
            "id": "thermostat.hall",
            "kind": "thermostat",
            "name": "thermostat",
            "area": "hall",
            "state": {"mode": "off", "target": 19, "current": 18},
        },  # fmt: skip
        {
            "id": "media_player.kitchen",
            "kind": "media_player",
            "name": "kitchen speaker",
            "area": "kitchen",
            "state": {"status": "playing", "volume": 30},
        },  # fmt: skip
        {
            "id": "media_player.living_tv",
            "kind": "media_player",
            "name": "living room tv",
            "area": "living room",
            "state": {"status": "playing", "volume": 20},
        },  # fmt: skip
        {
            "id": "media_player.bedroom_tv",
            "kind": "media_player",
            "name": "bedroom tv",
            "area": "bedroom",
            "state": {"status": "stopped", "volume": 20},
        },  # fmt: skip
    ],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    ("heard", "normal"),
    [
        ("Alexa, turn on the kettle", "turn on the kettle"),
        ("hey google play the radio", "play the radio"),
        ("olly pause", "pause"),
        ("how many lights r on thx", "how many lights are on"),
        ("volume lvl to 50", "volume level to 50"),
        ("Set the heat to 68 degrees Fahrenheit.", "set the heat to 20 degrees"),
        ("raise it 9 degrees fahrenheit", "raise it 5 degrees"),
        ("Make the strip, like, dark blue", "make the strip dark blue"),
        ("It's chilly. Can you make it warmer?", "it is chilly make it warmer"),
    ],
)
def test_crowd_and_transcript_spellings_are_folded(heard: str, normal: str) -> None:
    assert normalize(heard) == normal


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("big light on in the living room", "light.living_ceiling", {"on": True}),
        ("turn on the big light in the living room", "light.living_ceiling", {"on": True}),
        ("living room big light on", "light.living_ceiling", {"on": True}),
        ("alexa kettle on thx", "switch.kettle", {"on": True}),
        ("brighten up the hall", "light.hall", {"brightness": 80}),
        ("hey google can the lights in the hall be a bit dimmer", "light.hall", {"brightness": 40}),
        ("bit quieter pls", "media_player.kitchen", {"volume": 20}),
        ("volume lvl to 50", "media_player.kitchen", {"volume": 50}),
        ("close the curtains", "cover.curtains", {"position": 0}),
        ("put the heating on at 20", "thermostat.hall", {"target": 20, "mode": "heat"}),
        ("Set the heat to 68 degrees Fahrenheit.", "thermostat.hall", {"target": 20}),
        ("set the thermostat to 72", "thermostat.hall", {"target": 22}),
        ("Can you make the LED strip, like, dark blue?", "light.strip", {"color": "dark blue"}),
        ("Can you make the bedroom fan go faster?", "fan.bedroom", {"speed": 100}),
    ],
)
def test_crowd_written_commands(said: str, device: str, state: dict[str, object]) -> None:
    h = _harness()
    h.say(said)
    for key, value in state.items():
        assert h.state(device)[key] == value


def test_close_the_curtains_leaves_the_blind_here_alone() -> None:
    h = _harness()
    h.say("close the curtains")
    assert h.state("cover.kitchen_blind")["position"] == 100


def test_a_remark_then_a_request_in_its_own_sentence_acts_once() -> None:
    h = _harness()
    h.say("It's kind of chilly. Can you make it warmer?")
    assert h.state("thermostat.hall")["target"] == 20


def test_the_tv_said_alone_is_the_one_in_the_room() -> None:
    h = _harness()
    reply = h.say("Turn off the TV and lock the front door.", area="living room").reply
    assert h.state("media_player.living_tv")["status"] == "stopped"
    assert h.state("media_player.bedroom_tv")["status"] == "stopped"
    assert "living room TV" in reply or "living room tv" in reply


def test_the_list_said_first_and_no_hesitation_on_it() -> None:
    h = _harness()
    h.say("shopping list add cat food")
    h.say("Can you add oat milk and, um, paper towels to the shopping list?")
    h.say("to do list add phone the plumber")
    snapshot = h.snapshot()
    assert snapshot["lists"]["shopping"] == ["bread", "cat food", "oat milk", "paper towels"]
    assert snapshot["lists"]["to do"] == ["bins", "phone the plumber"]


def test_time_my_eggs_starts_a_labelled_timer() -> None:
    h = _harness()
    h.say("can you time my eggs for six minutes")
    (timer,) = h.snapshot()["timers"]
    assert (timer["label"], timer["duration_s"]) == ("eggs", 360)


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("The garage door's closed, right?", "closed"),
        ("the kettle is on, isn't it?", "off"),
    ],
)
def test_a_tag_question_asks(said: str, answer: str) -> None:
    h = _harness()
    before = h.snapshot()
    assert answer in h.say(said).reply
    assert h.snapshot() == before


@pytest.mark.parametrize(
    ("said", "device", "state"),
    [
        ("turn off the heating", "thermostat.hall", {"mode": "off"}),
        ("turn the heater on its freezing", "switch.heater", {"on": True}),
        ("slow down the bedroom fan", "fan.bedroom", {"speed": 33}),
        ("make the fan in the bedroom faster", "fan.bedroom", {"speed": 100}),
        ("turn the lights down in the hall", "light.hall", {"brightness": 40}),
        ("Hi there, would you be so kind as to switch on the kettle? Thank you so much!",
         "switch.kettle", {"on": True}),
        ("mute the kitchen speaker real quick", "media_player.kitchen", {"muted": True}),
        ("Put the reading lamp on at half brightness.", "light.reading", {"brightness": 50}),
        ("Turn the heater off... wait, no, the bedroom fan.", "fan.bedroom", {"on": False}),
    ],
)  # fmt: skip
def test_more_crowd_and_transcript_commands(
    said: str, device: str, state: dict[str, object]
) -> None:
    h = _harness()
    h.say(said)
    for key, value in state.items():
        assert h.state(device)[key] == value


def test_dim_alone_is_the_lights_here() -> None:
    h = _harness()
    h.say("dim", area="hall")
    assert h.state("light.hall")["brightness"] == 40


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("humidity in the bathroom?", "62"),
        ("Is it cold in here?", "17.5"),
        ("Er, what's the, um, what's the humidity in the bathroom?", "62"),
        ("Have we left the bathroom window open?", "Yes"),
    ],
)
def test_questions_as_people_ask_them(said: str, answer: str) -> None:
    h = _harness()
    before = h.snapshot()
    assert answer in h.say(said).reply
    assert h.snapshot() == before


def test_too_noisy_then_a_speed_sets_it() -> None:
    h = _harness()
    h.say("put the bedroom fan on high")
    h.say("Too noisy, medium.")
    assert h.state("fan.bedroom")["speed"] == 66


def test_a_correction_to_another_room_keeps_what_sort_of_light() -> None:
    h = _harness()
    h.say("turn on the dining room light")
    h.say("No, I said the kitchen.")
    assert h.state("light.kitchen")["on"] is True
    h.say("turn off the reading lamp")
    h.say("no, the dining room")
    assert h.state("light.dining_lamp")["on"] is False
    assert h.state("light.dining")["on"] is True


def test_a_device_said_with_a_room_it_is_not_in_is_not_acted_on() -> None:
    h = _harness()
    reply = h.say("Put the kettle on in the bedroom.").reply
    assert "no kettle in the bedroom" in reply.lower()
    assert h.state("switch.kettle")["on"] is False


def test_the_same_in_a_room_whose_name_has_capitals_finds_its_main_light() -> None:
    world = {**WORLD, "areas": [*WORLD["areas"], {"name": "Aoife's room"}]}
    world["devices"] = [
        *WORLD["devices"],
        {"id": "light.aoife", "kind": "light", "name": "Aoife's light", "area": "Aoife's room"},
        {"id": "light.fairy", "kind": "light", "name": "fairy lights", "area": "Aoife's room"},
    ]
    h = AgentHarness(include_builtins=True, world=world)
    h.say("turn on the dining room light")
    h.say("do the same in Aoife's room")
    assert h.state("light.aoife")["on"] is True
    assert h.state("light.fairy")["on"] is False


@pytest.mark.parametrize("said", ["the bathroom window is still open?", "there are windows open?"])
def test_a_state_said_last_is_no_order_in_a_question(said: str) -> None:
    h = _harness()
    assert "open" in h.say(said).reply


def test_a_title_said_by_its_last_words() -> None:
    library = [
        {"title": "BBC Radio 4", "kind": "station"},
        {"title": "BBC Radio 6 Music", "kind": "station"},
        {"title": "Kind of Blue", "artist": "Miles Davis", "kind": "album"},
    ]
    h = AgentHarness(include_builtins=True, world={**WORLD, "media_library": library})
    h.say("put radio 4 on")
    assert h.state("media_player.kitchen")["media"] == "BBC Radio 4"
    h.say("play radio 6 music")
    assert h.state("media_player.kitchen")["media"] == "BBC Radio 6 Music"
