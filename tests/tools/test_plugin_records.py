"""A third-party plugin's own records and due items, through the public plugin API only."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from sottovoce.agent.agent import Agent
from sottovoce.devices import Store, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import Plugin, Registry, ToolContext, ToolError

WORLD = {
    "name": "Greenhouse",
    "clock": "2026-06-01T08:30:00",
    "areas": ["greenhouse"],
    "listener": {"area": "greenhouse"},
    "devices": [
        {"id": "switch.pump", "kind": "switch", "name": "pump", "area": "greenhouse"},
    ],
}

plugin = Plugin("plants", "Watering reminders for plants.", kinds=["switch"])


@plugin.tool(sentences=["water the {text:plant} in {duration_s:seconds} seconds"])
def water_later(ctx: ToolContext, plant: str, seconds: Annotated[int, Field(ge=1)]) -> str:
    """Remind to water a plant in a number of minutes."""
    due = (ctx.now() + timedelta(seconds=seconds)).isoformat()
    ctx.records[f"water:{plant}"] = {"plant": plant, "due": due}
    ctx.records["count"] = ctx.records.get("count", 0) + 1
    if plant == "cactus":
        raise ToolError("Cacti need no reminder.")  # after writing: the turn must roll it back
    return f"I'll remind you to water the {plant} in {seconds // 60} minutes."


@plugin.tool(sentences=["how many plants did i water"])
def watered_count(ctx: ToolContext) -> str:
    """How many watering reminders were ever set."""
    return f"{ctx.records.get('count', 0)} reminders so far."


@plugin.due
def water_now(ctx: ToolContext) -> list[str]:
    """The watering reminders whose time came."""
    said = []
    for key in [k for k in ctx.records if k.startswith("water:")]:
        entry = ctx.records[key]
        if datetime.fromisoformat(entry["due"]) <= ctx.now():
            del ctx.records[key]
            ctx.world.devices["switch.pump"].set(on=True)
            said.append(f"Time to water the {entry['plant']}.")
    return said


def test_records_come_due_and_are_announced_once() -> None:
    h = AgentHarness(plugins=[plugin], world=WORLD)
    assert h.say("water the ferns in 5 minutes").reply.startswith("I'll remind you")
    assert h.advance(4 * 60) == []
    assert h.advance(60) == ["Time to water the ferns."]
    assert h.state("switch.pump")["on"] is True
    assert h.advance(600) == []
    assert h.say("how many plants did i water").reply == "1 reminders so far."


def test_a_failed_turn_keeps_no_record() -> None:
    h = AgentHarness(plugins=[plugin], world=WORLD)
    assert h.say("water the cactus in 5 minutes").reply == "Cacti need no reminder."
    assert h.world.store.records == {}
    assert h.advance(3600) == []


def test_a_broken_due_check_does_not_silence_the_others() -> None:
    broken = Plugin("broken", "Its due check fails.")

    @broken.due
    def explode(ctx: ToolContext) -> list[str]:
        raise RuntimeError("bug")

    h = AgentHarness(plugins=[broken, plugin], world=WORLD)
    h.say("water the roses in 1 minute")
    assert h.advance(60) == ["Time to water the roses."]


def test_records_hold_json_only() -> None:
    h = AgentHarness(plugins=[plugin], world=WORLD)
    ctx = ToolContext(world=h.world, plugin="plants")
    with pytest.raises(TypeError, match="JSON values"):
        ctx.records["when"] = datetime(2026, 1, 1)
    with pytest.raises(TypeError, match="JSON values"):
        ctx.records["x"] = float("nan")
    ctx.records["ok"] = {"a": [1, 2.5, "three", None, True]}
    copy = ctx.records["ok"]
    copy["a"].append(4)  # a copy: changing it changes nothing stored
    assert ctx.records["ok"] == {"a": [1, 2.5, "three", None, True]}
    assert ToolContext(world=h.world, plugin="other").records.get("ok") is None


def _agent(path: Path) -> Agent:
    world = parse_world(WORLD, "greenhouse.yaml", store=Store.open_sqlite(path), virtual=True)
    return Agent(Registry([plugin]), world)


def test_records_survive_a_restart_and_two_processes_announce_once(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    first = _agent(path)
    asyncio.run(first.handle("water the ferns in 5 minutes"))
    del first
    agents = [_agent(path) for _ in range(3)]  # three processes on one store
    for agent in agents:
        agent.world.clock.advance(600)  # type: ignore[attr-defined]
    said = [text for agent in agents for text in agent.take_announcements()]
    assert said == ["Time to water the ferns."]
    assert Store.open_sqlite(path).records == {"plants": {"count": 1}}


def test_a_due_check_changes_only_the_kinds_its_plugin_declared() -> None:
    door = {"id": "lock.door", "kind": "lock", "name": "door", "area": "greenhouse"}
    world = {**WORLD, "devices": [*WORLD["devices"], door]}  # type: ignore[misc]
    sneaky = Plugin("sneaky", "Unlocks the door when a plant needs water.", kinds=["switch"])
    unbounded = Plugin("unbounded", "No kinds: its due check may change its tools' kinds.")

    @unbounded.tool(kinds=["light"], sentences=["glow"])
    def glow(ctx: ToolContext) -> str:
        """Turn the lights on."""
        return "Glowing."

    @sneaky.due
    def unlock(ctx: ToolContext) -> list[str]:
        ctx.world.devices["switch.pump"].set(on=True)  # declared: allowed
        ctx.world.devices["lock.door"].set(locked=False)  # not declared: refused
        return ["Door unlocked."]

    @unbounded.due
    def pump(ctx: ToolContext) -> list[str]:
        ctx.world.devices["switch.pump"].set(on=False)
        return ["Pump off."]

    h = AgentHarness(plugins=[sneaky, unbounded], world=world)
    assert h.advance(1) == []  # both refused, logged; nothing said
    assert h.state("lock.door")["locked"] is True
    assert h.state("switch.pump")["on"] is True  # the declared write happened before


def test_sections_names_and_setup_come_from_the_plugin() -> None:
    shop = Plugin("shop", "Orders.")

    @shop.setup
    def seed(ctx: ToolContext) -> None:
        ctx.records.setdefault("orders", ["tea"])

    @shop.section("orders")
    def orders(ctx: ToolContext) -> list[str]:
        result: list[str] = ctx.records.get("orders", [])
        return result

    @shop.names("drink")
    def drinks(ctx: ToolContext) -> list[str]:
        return [*ctx.records.get("orders", []), "latte"]

    @shop.section("broken")
    def broken(ctx: ToolContext) -> object:
        ctx.world.devices["switch.pump"].set(on=True)  # a section may change nothing
        return "never"

    h = AgentHarness(plugins=[shop], world=WORLD)
    snapshot = h.world.snapshot()
    assert snapshot["orders"] == ["tea"] and snapshot["broken"] is None
    assert h.state("switch.pump")["on"] is False
    assert h.world.record_names("drink") == ["tea", "latte"]
    assert h.world.record_names("other") == []


def test_two_plugins_may_not_give_one_section() -> None:
    one, two = Plugin("one", "x"), Plugin("two", "y")
    one.section("orders")(lambda ctx: [])
    two.section("orders")(lambda ctx: [])
    with pytest.raises(ValueError, match="section orders"):
        Registry([one, two])
    with pytest.raises(ValueError, match="devices section"):
        one.section("devices")


def test_harnesses_on_one_store_file_are_processes_sharing_it(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one = AgentHarness(plugins=[plugin], world=WORLD, store=path)
    two = AgentHarness(plugins=[plugin], world=WORLD, store=path)
    one.say("water the ferns in 5 minutes")
    two.say("water the roses in 5 minutes")
    assert two.say("how many plants did i water").reply == "2 reminders so far."
    again = AgentHarness(plugins=[plugin], world=WORLD, store=path)  # a restart
    assert sorted(again.advance(600)) == ["Time to water the ferns.", "Time to water the roses."]
    assert one.advance(600) == []  # announced once, by the process that took them out
