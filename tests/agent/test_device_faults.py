"""A device backend that hangs, flaps or breaks: one clear reply, nothing half-done, agent alive."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.devices import World, parse_world
from sottovoce.devices.backends import BackendError
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.tools.targets import find_devices, sentence

WORLD = {
    "name": "Faulty flat",
    "clock": "2026-06-01T08:30:00",
    "areas": ["porch", "kitchen"],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "light.porch", "kind": "light", "name": "porch light", "area": "porch"},
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
    ],
}

plugin = Plugin("faulty", "Lights with a short tool deadline, for fault tests.")


@plugin.tool(kinds=["light"], sentences=["switch on [the] {light:name}"], timeout_s=0.3)
def switch_on(ctx: ToolContext, name: str) -> str:
    """Turn lights on."""
    lights = find_devices(ctx, ["light"], name, None)
    for light in lights:
        light.set(on=True)
    return sentence(lights, "is on", "are on")


class FaultyLight:
    """A real-device stand-in: hangs until released, fails every other write, or breaks."""

    kind, aliases = "light", ()

    def __init__(self, device_id: str, name: str, area: str, fault: str) -> None:
        self.id, self.name, self.area, self.fault = device_id, name, area, fault
        self.release = threading.Event()
        self.writes = 0
        self._state: dict[str, Any] = {"on": False, "brightness": 100}

    def state(self) -> dict[str, Any]:
        return dict(self._state)

    def set(self, **attrs: Any) -> None:
        self.writes += 1
        if self.fault == "hang":
            self.release.wait(30)
            return  # a late answer: the turn has given up on it
        if self.fault == "flap" and self.writes % 2 == 1:
            raise BackendError("porch light: no answer from the relay board")
        if self.fault == "break":
            raise RuntimeError("driver bug")
        self._state.update(attrs)


def _agent(fault: str) -> tuple[Agent, World, FaultyLight]:
    world = parse_world(WORLD, "faulty.yaml", virtual=True)
    light = FaultyLight("light.porch", "porch light", "porch", fault)
    world.devices["light.porch"] = light
    return Agent(Registry([plugin]), world), world, light


def _say(agent: Agent, text: str) -> str:
    return asyncio.run(agent.handle(text)).reply


def test_a_hanging_device_times_out_and_the_agent_goes_on() -> None:
    agent, world, light = _agent("hang")
    try:
        reply = _say(agent, "switch on the porch light")
        assert "took too long" in reply and "\n" not in reply
        assert light.state()["on"] is False
        assert _say(agent, "switch on the kitchen light") == "The kitchen light is on."
        assert world.devices["light.kitchen"].state()["on"] is True
    finally:
        light.release.set()


def test_a_flapping_device_is_said_and_the_next_try_works() -> None:
    agent, _, light = _agent("flap")
    first = _say(agent, "switch on the porch light")
    assert "couldn't reach" in first and light.state()["on"] is False
    assert _say(agent, "switch on the porch light") == "The porch light is on."


@pytest.mark.parametrize("times", [1, 3])
def test_a_broken_driver_is_one_line_and_changes_nothing(times: int) -> None:
    agent, world, light = _agent("break")
    for _ in range(times):
        reply = _say(agent, "switch on the porch light")
        assert reply and "\n" not in reply and "Traceback" not in reply
    assert light.state()["on"] is False and world.devices["light.kitchen"].state()["on"] is False
    assert _say(agent, "switch on the kitchen light") == "The kitchen light is on."
