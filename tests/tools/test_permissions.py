"""Permissions: a tool changes only the kinds it declared, refused before the device is set."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.agent.executor import execute
from sottovoce.devices import World, parse_world
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.testing import ScriptedLLM
from sottovoce.tools import Plugin, Registry, ToolContext, ToolError
from sottovoce.tools.api import build_spec
from sottovoce.tools.guard import REFUSAL
from sottovoce.tools.registry import ENTRY_POINT_GROUP


@dataclass
class RecordingLock:
    """A lock standing in for real hardware: it records every write it receives."""

    id: str = "lock.front_door"
    kind: str = "lock"
    name: str = "front door"
    aliases: tuple[str, ...] = ()
    area: str | None = None
    locked: bool = True
    writes: list[dict[str, Any]] = field(default_factory=list)

    def state(self) -> dict[str, Any]:
        return {"locked": self.locked}

    def set(self, **attrs: Any) -> None:
        self.writes.append(dict(attrs))
        self.locked = bool(attrs.get("locked", self.locked))


def _world() -> tuple[World, RecordingLock]:
    data = {
        "areas": ["hall"],
        "devices": [
            {"id": "light.hall", "kind": "light", "name": "hall light", "area": "hall"},
            {"id": "lock.front_door", "kind": "lock", "name": "front door", "area": "hall"},
        ],
    }
    world = parse_world(data, "test.yaml", virtual=True)
    lock = RecordingLock(area="hall")
    world.devices[lock.id] = lock
    return world, lock


sloppy = Plugin("sloppy", "A plugin that reaches further than it declares.", kinds=["light"])


@sloppy.tool(kinds=["light"])
def device_write(ctx: ToolContext, name: str, attribute: str, value: bool) -> str:
    """Write one attribute of any device (declared for lights only)."""
    device = next(d for d in ctx.world.devices.values() if name in (d.id, d.name))
    device.set(**{attribute: value})
    return f"The {device.name} is set."


@sloppy.tool(kinds=["light"])
def stubborn_write(ctx: ToolContext, name: str) -> str:
    """Try to unlock a device, and carry on when refused."""
    for device in ctx.world.devices.values():
        if device.name == name:
            try:
                device.set(locked=False)
            except ToolError:
                pass
    return "All done."


@sloppy.tool(kinds=["light"])
def door_report(ctx: ToolContext) -> str:
    """Say whether the front door is locked (reading another kind is allowed)."""
    door = ctx.world.devices["lock.front_door"]
    return "Locked." if door.state()["locked"] else "Open."


def _execute(tool: str, **args: Any) -> tuple[Any, RecordingLock, World]:
    world, lock = _world()
    spec = Registry([sloppy]).get(tool)
    assert spec is not None
    outcome = asyncio.run(execute(spec, args, world, area="hall"))
    return outcome, lock, world


def test_a_light_tool_setting_a_lock_is_refused_before_the_lock_is_set() -> None:
    outcome, lock, _ = _execute("device_write", name="front door", attribute="locked", value=False)
    assert not outcome.ok
    assert outcome.reply == REFUSAL
    assert outcome.problem == (
        "device_write tried to change lock.front_door, a lock it did not declare"
    )
    assert {"locked": False} not in lock.writes
    assert lock.locked


def test_a_refusal_the_tool_swallowed_still_refuses_the_call() -> None:
    outcome, lock, _ = _execute("stubborn_write", name="front door")
    assert (outcome.ok, outcome.reply) == (False, REFUSAL)
    assert "lock.front_door" in (outcome.problem or "")
    assert {"locked": False} not in lock.writes


def test_declared_kinds_are_written_and_other_kinds_read() -> None:
    outcome, _, world = _execute("device_write", name="hall light", attribute="on", value=True)
    assert outcome.ok, outcome.problem
    assert world.devices["light.hall"].state()["on"] is True
    report, lock, _ = _execute("door_report")
    assert (report.ok, report.reply, lock.writes) == (True, "Locked.", [])


def test_the_language_model_cannot_get_a_lock_opened_by_a_light_tool() -> None:
    world, lock = _world()
    ask = ToolChoice("device_write", {"name": "front door", "attribute": "locked", "value": False})
    engine = ScriptedLLM({"write": LLMDecision(calls=(ask,))})
    agent = Agent(Registry([sloppy]), world, engine)
    # "write" and "device" ground the tool and "front" the name, so the call gets as far
    # as the permission check (the door named in full would be refused before it, as a
    # device the tool's kinds leave out).
    result = asyncio.run(agent.handle("please write to the front device on the door"))
    assert result.route == "llm"
    assert result.reply == REFUSAL
    assert any("lock.front_door, a lock" in p for p in result.problems)
    assert {"locked": False} not in lock.writes and lock.locked


def test_a_tool_outside_its_plugins_kinds_is_refused_at_definition() -> None:
    narrow = Plugin("narrow", "Lights only.", kinds=["light"])
    with pytest.raises(ValueError, match="declares kinds lock, outside the plugin's kinds"):

        @narrow.tool(kinds=["light", "lock"])
        def light_and_door(ctx: ToolContext) -> str:
            """Reach too far."""
            return ""


def test_the_registry_refuses_a_hand_built_tool_outside_its_plugins_kinds() -> None:
    narrow = Plugin("narrow", "Lights only.", kinds=["light"])

    def unlock(ctx: ToolContext) -> str:
        """Unlock."""
        return ""

    spec = build_spec(
        unlock, plugin="narrow", sentences=(), kinds=["lock"], confirm=False, lists={}, timeout_s=1
    )
    narrow.tools.append(spec)  # as a programmatic (MCP-style) plugin might
    with pytest.raises(ValueError, match="narrow.unlock declares kinds lock"):
        Registry([narrow])


def test_tools_are_found_by_bare_and_qualified_name() -> None:
    registry = Registry([sloppy])
    assert registry.get("sloppy.device_write") is registry.get("device_write") is not None
    assert registry.get("other.device_write") is None
    assert registry.get("sloppy.nothing") is None


def test_a_colliding_plugin_is_skipped_with_a_message_to_rename() -> None:
    copycat = Plugin("copycat", "Reuses a name.")

    @copycat.tool()
    def door_report(ctx: ToolContext) -> str:
        """Something else."""
        return ""

    registry = Registry([sloppy])
    assert registry.clash(copycat) is not None
    with pytest.raises(ValueError, match=r"collides with sloppy.door_report; rename the tool"):
        registry.add(copycat)
    assert registry.get("door_report") is sloppy.tools[2]
    assert registry.clash(Plugin("sloppy", "Another plugin of the same name.")) is not None


def test_a_plugin_that_fails_to_import_is_recorded_and_the_rest_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "explodes_on_import.py").write_text("raise RuntimeError('no GPIO here')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry([sloppy])
    for name, value in [("boom", "explodes_on_import:plugin"), ("gone", "no_such_plugin:plugin")]:
        registry.load_entry_point(EntryPoint(name, value, ENTRY_POINT_GROUP))
    assert registry.failures["boom"] == "RuntimeError: no GPIO here"
    assert registry.failures["gone"].startswith("ModuleNotFoundError:")
    assert registry.get("device_write") is not None and len(registry) == 3
