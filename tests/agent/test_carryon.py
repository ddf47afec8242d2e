"""Follow-ups that carry the last change on ("a bit more", "lower", "and limes too"), the
list just used, and a device named with a room it is not in."""

from __future__ import annotations

import pytest

from sottovoce.agent.calls import Call
from sottovoce.agent.carryon import bare_comparative, carry_on, same_list
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-06-01T20:00:00",
    "areas": [
        {"name": "living room", "floor": "downstairs"},
        {"name": "office", "floor": "downstairs"},
        {"name": "hall", "floor": "downstairs"},
        {"name": "bedroom", "floor": "upstairs"},
    ],
    "listener": {"area": "living room"},
    "devices": [
        {"id": "light.lamp", "kind": "light", "name": "reading lamp", "area": "living room"},
        {"id": "light.hall", "kind": "light", "name": "hall light", "area": "hall"},
        {"id": "light.bed", "kind": "light", "name": "bedside lamp", "area": "bedroom"},
        {
            "id": "media_player.tv",
            "kind": "media_player",
            "name": "tv",
            "area": "living room",
            "state": {"volume": 50, "status": "playing"},
        },
        {
            "id": "thermostat.bedroom",
            "kind": "thermostat",
            "name": "bedroom thermostat",
            "area": "bedroom",
            "state": {"mode": "heat", "target": 20, "current": 19},
        },
        {"id": "switch.heater", "kind": "switch", "name": "office heater", "area": "office"},
    ],
    "lists": {"grocery": ["bread"], "hardware": []},
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    ("first", "then", "volume"),
    [
        ("set the tv volume to 40", "bit lower", 30),
        ("turn the tv down", "a bit more", 30),
        ("turn the tv down", "again", 30),
        ("turn the tv down", "louder", 50),
    ],
)
def test_a_step_is_carried_on(first: str, then: str, volume: int) -> None:
    h = _harness()
    h.say(first)
    h.say(then)
    assert h.state("media_player.tv")["volume"] == volume


def test_a_comparative_alone_is_the_device_just_acted_on_not_the_room() -> None:
    h = _harness()
    h.say("set the bedside lamp to 90 percent")
    h.say("actually a bit dimmer")
    assert h.state("light.bed")["brightness"] == 70
    assert h.state("light.lamp")["on"] is False


def test_one_more_item_goes_to_the_list_just_used_and_comes_off_it() -> None:
    h = _harness()
    h.say("add eggs to the hardware list")
    h.say("oh, and nails too")
    assert h.snapshot()["lists"]["hardware"] == ["eggs", "nails"]
    h.say("actually take eggs off")
    assert h.snapshot()["lists"]["hardware"] == ["nails"]
    assert h.snapshot()["lists"]["grocery"] == ["bread"]


def test_and_the_one_in_the_hall_and_same_for_upstairs() -> None:
    h = _harness()
    h.say("turn on the reading lamp")
    h.say("and the one in the hall")
    assert h.state("light.hall")["on"] is True
    h.say("same for upstairs")
    assert h.state("light.bed")["on"] is True


def test_heating_in_a_room_is_that_rooms_thermostat_not_a_heater_elsewhere() -> None:
    h = _harness()
    h.say("turn off the heating in the bedroom")
    assert h.state("thermostat.bedroom")["mode"] == "off"


def test_how_long_is_left_on_it_is_the_timer_just_set() -> None:
    h = _harness()
    h.say("start a timer for 10 minutes")
    assert "10 minutes" in h.say("how long is left on it?").reply


def test_nothing_is_carried_on_without_something_to_carry() -> None:
    assert carry_on("a bit more", None, False) is None
    set_volume = Call("media_set_volume", {"percent": 40})
    # After a level was set, "a bit more" is a step up from it, "less" one down.
    assert carry_on("a bit more", set_volume, True) == "turn it up"
    assert carry_on("a little less", set_volume, True) == "turn it down"
    adding = Call("list_add", {"items": "milk"})
    assert carry_on("limes", adding, False) is None  # no "and" or "too"
    assert carry_on("and the weather", adding, False) is None
    assert bare_comparative("a bit lower please") and not bare_comparative("lower the blind")


def test_a_list_named_is_kept_and_list_names_takes_none() -> None:
    last = Call("list_add", {"items": "milk", "list_name": "grocery"})
    named = Call("list_read", {"list_name": "hardware"})
    assert same_list(named, last) == named
    assert same_list(Call("list_names", {}), last) == Call("list_names", {})


def test_it_after_a_device_was_picked_and_asked_about_is_that_device() -> None:
    world = {**WORLD, "devices": [*WORLD["devices"]]}
    world["devices"].append(
        {"id": "light.maya", "kind": "light", "name": "Maya's lamp", "area": "bedroom"}
    )
    h = AgentHarness(include_builtins=True, world=world)
    h.say("set a timer for 5 minutes")  # a command before, on no device
    assert h.say("the lamp").reply.startswith("Which one:")
    assert h.say("Maya's lamp").reply == "What should I do with Maya's lamp?"
    h.say("turn it on")
    assert h.state("light.maya")["on"] is True
    assert h.snapshot()["timers"]  # the timer was not what "it" meant
