"""The plugin API: schemas from signatures, validation, sentence checks, registry."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field, ValidationError

from sottovoce.tools import Plugin, Registry, ToolContext, available_plugins
from sottovoce.tools.registry import ENTRY_POINT_GROUP, load_plugin


def _plugin() -> Plugin:
    plugin = Plugin("garden")

    @plugin.tool(
        kinds=["valve"],
        sentences=["water the {area} for {duration_s} seconds"],
        confirm=True,
    )
    def hose_run(
        ctx: ToolContext,
        duration_s: Annotated[int, Field(ge=1, le=3600, description="how long")],
        area: str | None = None,
    ) -> str:
        """Run the garden hose for a while."""
        return f"Watering for {duration_s} seconds."

    return plugin


def test_schema_leaves_out_the_context_and_keeps_descriptions() -> None:
    [spec] = _plugin().tools
    schema = spec.json_schema()
    assert set(schema["properties"]) == {"duration_s", "area"}
    assert schema["required"] == ["duration_s"]
    assert schema["properties"]["duration_s"]["description"] == "how long"
    assert spec.description == "Run the garden hose for a while."
    assert spec.confirm and spec.kinds == ("valve",)


def test_the_same_model_validates() -> None:
    [spec] = _plugin().tools
    assert spec.validate({"duration_s": "30"}) == {"duration_s": 30}
    with pytest.raises(ValidationError):
        spec.validate({"duration_s": 0})
    with pytest.raises(ValidationError):
        spec.validate({"duration_s": 5, "colour": "red"})


def test_badly_formed_tools_are_refused() -> None:
    plugin = Plugin("bad")
    with pytest.raises(ValueError, match="docstring"):

        @plugin.tool()
        def nodoc(ctx: ToolContext) -> str:
            return ""

    with pytest.raises(ValueError, match="not a parameter"):

        @plugin.tool(sentences=["do {area}"])
        def noparam(ctx: ToolContext) -> str:
            """Do."""
            return ""

    with pytest.raises(ValueError, match="unknown list"):

        @plugin.tool(sentences=["do {colour}"])
        def nolist(ctx: ToolContext, colour: str) -> str:
            """Do."""
            return ""


def test_tool_names_collide_across_plugins() -> None:
    registry = Registry([_plugin()])
    other = _plugin()
    other.name = "other"
    with pytest.raises(ValueError, match="collides"):
        registry.add(other)


def test_builtin_plugins_are_entry_points_listed_without_import() -> None:
    import sys

    infos = available_plugins()
    names = {info.name for info in infos}
    assert {"lights", "timers", "phone"} <= names
    assert all(
        info.target.startswith("sottovoce.tools.builtin.")
        for info in infos
        if info.distribution == "sottovoce"
    )
    assert ENTRY_POINT_GROUP == "sottovoce.plugins"
    assert isinstance(sys.modules, dict)


def test_a_broken_plugin_is_recorded_and_skipped() -> None:
    from importlib.metadata import EntryPoint

    registry = Registry()
    registry.load_entry_point(EntryPoint("broken", "no_such_module_xyz:plugin", ENTRY_POINT_GROUP))
    assert "broken" in registry.failures and len(registry) == 0
    with pytest.raises(TypeError):
        load_plugin("sottovoce.tools.api:ToolSpec")


def test_builtin_registry_loads_every_plugin() -> None:
    registry = Registry.builtin()
    assert len(registry) > 40
    for spec in registry:
        assert spec.description and spec.sentences, spec.name
