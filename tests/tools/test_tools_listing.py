"""Listing: plugins from metadata only (no plugin imported); tools with their parameters."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from typing import Literal

import pytest

from sottovoce.cli import main
from sottovoce.cli.tools import type_of
from sottovoce.tools import Plugin, ToolContext


def test_listing_plugins_imports_none_of_them() -> None:
    code = (
        "import sys; from sottovoce.tools import available_plugins; "
        "names = [p.name for p in available_plugins()]; "
        "loaded = [m for m in sys.modules if m.startswith('sottovoce.tools.builtin.')]; "
        "print(len(names), loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, loaded = out.stdout.split(" ", 1)
    assert int(count) >= 14
    assert loaded.strip() == "[]"


class Size(enum.Enum):
    SMALL = "small"
    LARGE = "large"


def test_fixed_choices_are_listed_with_their_values() -> None:
    coffee = Plugin("coffee", "Order coffee.")

    @coffee.tool()
    def coffee_order(
        ctx: ToolContext,
        drink: Literal["latte", "café au lait"],
        size: Size = Size.SMALL,
        milk: Literal["oat", "cow"] | None = None,
        extras: list[Literal["cream", "sugar"]] | None = None,
        cups: int = 1,
    ) -> str:
        """Order a coffee."""
        return ""

    schema = coffee.tools[0].json_schema()
    listed = {name: type_of(body, schema["$defs"]) for name, body in schema["properties"].items()}
    assert listed == {
        "drink": '"latte" | "café au lait"',
        "size": '"small" | "large"',
        "milk": '"oat" | "cow" | null',
        "extras": 'array of "cream" | "sugar" | null',
        "cups": "integer",
    }


def test_sottovoce_tools_shows_the_values_and_its_json_has_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["tools"]) == 0
    assert '    mode: "heat" | "cool" | "auto" | "off"\n' in capsys.readouterr().out
    assert main(["tools", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    [mode] = [tool for tool in listing if tool["name"] == "climate_set_mode"]
    assert mode["parameters"]["properties"]["mode"]["enum"] == ["heat", "cool", "auto", "off"]
