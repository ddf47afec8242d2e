"""Tests of the climate plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import climate


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def home() -> World:
    return make_world(
        [
            {
                "id": "thermostat.hall",
                "kind": "thermostat",
                "name": "hall thermostat",
                "area": "living room",
                "state": {"target": 20, "current": 18.5, "mode": "heat"},
            },
            {
                "id": "thermostat.up",
                "kind": "thermostat",
                "name": "upstairs thermostat",
                "area": "bedroom",
                "state": {"target": 19, "current": 19, "mode": "off"},
            },
        ]
    )


def test_every_sentence_compiles() -> None:
    for tool in climate.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_set_target() -> None:
    world = home()
    ctx = ToolContext(world=world, area="living room")
    assert climate.climate_set_temperature(ctx, temperature=21) == (
        "The hall thermostat is set to 21 degrees."
    )
    assert state(world, "thermostat.hall")["target"] == 21
    reply = climate.climate_set_temperature(ctx, temperature=22.5, area="upstairs")
    assert reply == (
        "The upstairs thermostat is set to 22.5 degrees."
        " The upstairs thermostat is switched off, though."
    )
    assert state(world, "thermostat.up")["mode"] == "off"


def test_out_of_range_changes_nothing() -> None:
    world = home()
    ctx = ToolContext(world=world, area="living room")
    with pytest.raises(ToolError, match="between 5 and 35"):
        climate.climate_set_temperature(ctx, temperature=40)
    with pytest.raises(ToolError, match="between 5 and 35"):
        climate.climate_set_temperature(ctx, temperature=120)
    assert state(world, "thermostat.hall")["target"] == 20


def test_a_target_only_fahrenheit_makes_sense_of_is_read_so() -> None:
    world = home()
    ctx = ToolContext(world=world, area="living room")
    reply = climate.climate_set_temperature(ctx, temperature=72)
    assert reply.startswith("72 Fahrenheit is 22 Celsius. ")
    assert state(world, "thermostat.hall")["target"] == 22
    climate.climate_set_temperature(ctx, temperature=65)  # 18.33: to the nearest half
    assert state(world, "thermostat.hall")["target"] == 18.5


def test_warmer_cooler_by_one() -> None:
    world = home()
    ctx = ToolContext(world=world, area="living room")
    climate.climate_warmer(ctx)
    assert state(world, "thermostat.hall")["target"] == 21
    climate.climate_cooler(ctx, degrees=3)
    assert state(world, "thermostat.hall")["target"] == 18


def test_modes() -> None:
    world = home()
    ctx = ToolContext(world=world, area="living room")
    assert climate.climate_set_mode(ctx, mode="off") == "The hall thermostat is off."
    assert state(world, "thermostat.hall")["mode"] == "off"
    assert climate.climate_set_mode(ctx, mode="heat", area="house") == (
        "The hall thermostat and the upstairs thermostat are heating."
    )


def test_status_reads_current_and_target() -> None:
    ctx = ToolContext(world=home(), area="living room")
    assert climate.climate_status(ctx) == (
        "The hall thermostat reads 18.5 degrees and is set to 20 degrees, heating."
    )
    with pytest.raises(ToolError):
        climate.climate_status(ctx, name="hot tub")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("set the thermostat to 21 degrees", "climate_set_temperature", {"temperature": 21}),
        ("set the heating to 19.5", "climate_set_temperature", {"temperature": 19.5}),
        (
            "set the bedroom temperature to 18 degrees",
            "climate_set_temperature",
            {"temperature": 18, "area": "bedroom"},
        ),
        (
            "set the hall thermostat to 22",
            "climate_set_temperature",
            {"temperature": 22, "name": "thermostat.hall"},
        ),
        ("turn up the heat", "climate_warmer", {}),
        ("make it warmer in the bedroom", "climate_warmer", {"area": "bedroom"}),
        ("it is too hot in here", "climate_cooler", {}),
        ("turn the heating down by 2 degrees", "climate_cooler", {"degrees": 2}),
        ("turn off the heating", "climate_set_mode", {"mode": "off"}),
        ("turn on the heating", "climate_set_mode", {"mode": "heat"}),
        (
            "turn on the air conditioning upstairs",
            "climate_set_mode",
            {"mode": "cool", "area": "upstairs"},
        ),
        ("set the thermostat to auto", "climate_set_mode", {"mode": "auto"}),
        ("what is the thermostat set to", "climate_status", {}),
        ("what is the current temperature", "climate_status", {}),
        (
            "what temperature is the thermostat set to in the bedroom",
            "climate_status",
            {"area": "bedroom"},
        ),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str, args: dict[str, Any]) -> None:
    assert match(home(), text) == (tool, args)
