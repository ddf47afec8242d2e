"""South African English to the assistant, and the second turns its blind set found:
"ja" as yes, a negation after an aside changes nothing ("Grace is mopping, don't start
the vacuum"), "and the garden irrigation" after a switch opens the valve, reasons and
two-word subjects as asides, who or how long a command is for."""

from __future__ import annotations

import pytest

from sottovoce.agent.dialogue import is_negated, is_no, is_yes
from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-07-11T17:30:00",
    "areas": [{"name": "kitchen"}, {"name": "lounge"}, {"name": "Thandi's room"}],
    "listener": {"area": "kitchen"},
    "lists": {"shopping": ["milk", "rusks"]},
    "devices": [
        {"id": "switch.geyser", "kind": "switch", "name": "geyser", "area": "kitchen",
         "state": {"on": True}},
        {"id": "switch.pool_pump", "kind": "switch", "name": "pool pump", "area": "kitchen"},
        {"id": "valve.irrigation", "kind": "valve", "name": "garden irrigation",
         "area": "kitchen"},
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum", "area": "lounge"},
        {"id": "cover.gate", "kind": "cover", "name": "driveway gate", "area": "kitchen"},
        {"id": "cover.thandi", "kind": "cover", "name": "Thandi's curtains",
         "area": "Thandi's room"},
        {"id": "binary_sensor.thandi_window", "kind": "binary_sensor", "name": "Thandi's window",
         "area": "Thandi's room", "state": {"on": True, "device_class": "window"}},
        {"id": "light.lounge_2", "kind": "light", "name": "Lounge Light 2", "area": "lounge"},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize("yes", ["ja", "ja, do it", "ja, go ahead", "yebo"])
def test_ja_confirms(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_nee_declines() -> None:
    assert is_no(normalize("nee, leave it"))


def test_a_negation_after_an_aside_changes_nothing() -> None:
    h = _harness()
    before = h.snapshot()
    h.say("Grace is mopping, don't start the vacuum")
    assert h.snapshot() == before


def test_a_valve_after_a_switch_is_opened() -> None:
    h = _harness()
    h.say("switch on the pool pump")
    h.say("and the garden irrigation")
    assert h.state("valve.irrigation")["position"] == 100


@pytest.mark.parametrize(
    "text",
    ["switch off the geyser, load shedding is at six", "switch off the geyser for 2 hours"],
)
def test_what_is_said_after_a_command_is_left_out(text: str) -> None:
    h = _harness()
    h.say(text)
    assert h.state("switch.geyser")["on"] is False


def test_who_a_command_is_for() -> None:
    h = _harness()
    h.say("is the driveway gate closed?")
    h.say("open it for the garden service")
    assert h.state("cover.gate")["position"] == 100


def test_her_and_a_reason_after_the_command() -> None:
    h = _harness()
    h.say("is the window open in Thandi's room?")
    h.say("okay, open her curtains too so the room airs out")
    assert h.state("cover.thandi")["position"] == 100


def test_a_list_name_that_says_what_someone_did_is_no_list() -> None:
    h = _harness()
    h.say("what's on the shopping list?")
    h.say("take the rusks off, Gogo brought some")
    assert h.snapshot()["lists"]["shopping"] == ["milk"]


def test_a_timer_label_leaves_out_the_request_said_before_it() -> None:
    h = _harness()
    h.say("set a rice timer for 18 minutes")
    h.say("also set a chicken timer for an hour and a half")
    assert sorted(t["label"] for t in h.snapshot()["timers"]) == ["chicken", "rice"]


def test_put_it_on_a_percent_after_a_light() -> None:
    h = _harness()
    h.say("switch on lounge light 2")
    h.say("put it on forty percent")
    assert h.state("light.lounge_2")["brightness"] == 40


@pytest.mark.parametrize(
    "text", ["no no I said don't turn up the telly", "wait, do not open the gate yet"]
)
def test_a_negation_after_a_correction_is_a_negation(text: str) -> None:
    assert is_negated(normalize(text))
