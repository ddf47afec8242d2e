"""Commands as speech recognition writes them and words that point back: a full stop
between list items, "and hear" for "in here", "in the exhaust fan" for "and the exhaust
fan", a misheard "to the dock", a list name heard in two pieces; "up there", "the front
ones", "is the garage still open?", "turn off the immersion and the heating"."""

from __future__ import annotations

from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-07-18T14:30:00",
    "areas": [{"name": "kitchen"}, {"name": "attic"}, {"name": "garage"}, {"name": "bathroom"},
              {"name": "laundry room"}, {"name": "backyard"}, {"name": "sitting room"},
              {"name": "Mei's room"}],
    "listener": {"area": "kitchen"},
    "lists": {"shopping": ["milk"], "costco": ["paper towels"]},
    "devices": [
        {"id": "light.ceiling", "kind": "light", "name": "kitchen ceiling light",
         "area": "kitchen"},
        {"id": "light.cabinet", "kind": "light", "name": "under cabinet lights",
         "area": "kitchen"},
        {"id": "valve.radiator", "kind": "valve", "name": "Mei's radiator",
         "area": "Mei's room", "state": {"position": 100}},
        {"id": "switch.kettle", "kind": "switch", "name": "kettle", "area": "kitchen"},
        {"id": "switch.immersion", "kind": "switch", "name": "immersion", "area": "kitchen"},
        {"id": "thermostat.heating", "kind": "thermostat", "name": "heating",
         "area": "kitchen", "state": {"mode": "heat", "target": 20, "current": 19}},
        {"id": "switch.heater", "kind": "switch", "name": "bathroom heater", "area": "bathroom"},
        {"id": "fan.exhaust", "kind": "fan", "name": "exhaust fan", "area": "bathroom"},
        {"id": "sensor.attic_humidity", "kind": "sensor", "name": "attic humidity",
         "area": "attic", "state": {"value": 71, "unit": "%"}},
        {"id": "sensor.attic_temperature", "kind": "sensor", "name": "attic temperature",
         "area": "attic", "state": {"value": 41, "unit": "°C"}},
        {"id": "cover.garage_door", "kind": "cover", "name": "garage door", "area": "garage",
         "state": {"position": 100}},
        {"id": "cover.blinds", "kind": "cover", "name": "sitting room blinds",
         "area": "sitting room", "state": {"position": 100}},
        {"id": "cover.skylight", "kind": "cover", "name": "landing skylight",
         "state": {"position": 100}},
        {"id": "valve.front", "kind": "valve", "name": "front sprinklers", "area": "backyard"},
        {"id": "valve.back", "kind": "valve", "name": "back sprinklers", "area": "backyard"},
        {"id": "binary_sensor.washer_leak", "kind": "binary_sensor",
         "name": "washer leak sensor", "area": "laundry room",
         "state": {"on": False, "device_class": "moisture"}},
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum", "area": "kitchen"},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def test_a_full_stop_between_list_items_keeps_them_apart() -> None:
    assert normalize("Add butter. Flour and sugar to the list.") == (
        "add butter and flour and sugar to the list"
    )
    h = _harness()
    h.say("Add butter. Flour and sugar to the shopping list.")
    assert h.snapshot()["lists"]["shopping"][-3:] == ["butter", "flour", "sugar"]


def test_full_stops_after_titles_and_between_sentences_are_no_list() -> None:
    assert normalize("Text Mr. Smith and Jane") == "text mr smith and jane"
    assert normalize("Set a timer for 2.5 minutes") == "set a timer for 150 seconds"
    assert normalize("Turn off the light. Lock the door.") == "turn off the light lock the door"


def test_and_hear_at_the_end_is_in_here() -> None:
    assert normalize("Make it warmer and hear please.") == "make it warmer in here"
    assert normalize("I can hear you") == "i can hear you"


def test_in_before_a_device_name_is_and() -> None:
    h = _harness()
    h.say("Turn on the bathroom heater in the exhaust fan.")
    assert h.state("switch.heater")["on"] is True and h.state("fan.exhaust")["on"] is True


def test_a_misheard_place_after_to_the_is_left_out() -> None:
    h = _harness()
    h.say("start the robot vacuum")
    h.say("okay, send it back to the dot")
    assert h.state("vacuum.robot")["status"] in ("returning", "docked")


def test_a_list_name_heard_in_two_pieces_is_that_list() -> None:
    h = _harness()
    h.say("add toilet paper to the cost go list")
    assert h.snapshot()["lists"]["costco"] == ["paper towels", "toilet paper"]


def test_up_there_is_the_room_just_asked_about() -> None:
    h = _harness()
    assert "71" in h.say("is it humid in the attic?").reply
    assert "41" in h.say("and how hot is it up there").reply


def test_the_front_ones_are_the_front_sprinklers() -> None:
    h = _harness()
    h.say("turn on the front sprinklers")
    h.say("the back sprinklers too")
    h.say("actually turn the front ones off")
    assert h.state("valve.front")["position"] == 0 and h.state("valve.back")["position"] == 100


def test_a_room_asked_about_is_its_covers() -> None:
    h = _harness()
    assert "open" in h.say("is the garage still open?").reply
    h.say("close it")
    assert h.state("cover.garage_door")["position"] == 0


def test_all_the_blinds_are_the_covers_called_blinds() -> None:
    h = _harness()
    h.say("close all the blinds")
    assert h.state("cover.blinds")["position"] == 0
    assert h.state("cover.skylight")["position"] == 100


def test_the_thing_a_leak_sensor_watches_names_it() -> None:
    h = _harness()
    assert "dry" in h.say("is the washer leaking?").reply


def test_switching_off_two_kinds_at_once() -> None:
    h = _harness()
    h.say("turn off the heating and the immersion")
    assert h.state("thermostat.heating")["mode"] == "off"
    assert h.state("switch.immersion")["on"] is False


def test_a_time_in_a_remark_is_not_the_reminders() -> None:
    h = _harness()
    h.say("Priya comes at ten, remind me to unlock the door at 9:55")
    (reminder,) = h.snapshot()["reminders"]
    assert reminder["due"][11:16] == "21:55" and "unlock the door" in reminder["text"]


def test_terse_heating_up_and_bare_percent_for_a_room() -> None:
    h = _harness()
    h.say("heating up a bit")
    assert h.state("thermostat.heating")["target"] == 21
    h.say("kitchen lights 40%")
    assert h.state("light.ceiling")["brightness"] == 40
    assert h.state("light.cabinet")["brightness"] == 40
    assert "2:30" in h.say("have you the time").reply


def test_on_there_with_no_list_spoken_of_is_the_device() -> None:
    h = _harness()
    h.say("um can you put the kettle on there")
    assert h.state("switch.kettle")["on"] is True
    assert "Which list" in h.say("add eggs to it").reply


def test_would_you_ever_with_a_reason_after() -> None:
    h = _harness()
    h.say("would you ever switch the immersion off, it's been on for hours")
    assert h.state("switch.immersion")["on"] is False


def test_a_name_without_its_owner_said_with_its_room() -> None:
    h = _harness()
    h.say("turn off the radiator in Mei's room")
    assert h.state("valve.radiator")["position"] == 0


def test_first_at_the_end_is_no_part_of_the_command() -> None:
    h = _harness()
    assert h.state("switch.kettle")["on"] is False
    h.say("hold on, switch on the kettle first")
    assert h.state("switch.kettle")["on"] is True


def test_a_plural_question_with_none_here_answers_for_all() -> None:
    h = _harness()
    reply = h.say("are the sprinklers on?").reply
    assert "front sprinklers" in reply and "back sprinklers" in reply
    h.say("run the front ones")
    assert h.state("valve.front")["position"] == 100 and h.state("valve.back")["position"] == 0
