"""Per-turn tool selection and world-narrowed argument schemas."""

from __future__ import annotations

import pytest

from sottovoce.agent.calls import Call
from sottovoce.agent.toolselect import ToolSelector, words_of
from sottovoce.devices import default_world_path, load_world
from sottovoce.tools import Registry


@pytest.fixture(scope="module")
def selector() -> ToolSelector:
    return ToolSelector(Registry.builtin(), load_world(default_world_path()))


def _names(selector: ToolSelector, text: str, last: Call | None = None) -> list[str]:
    return [spec.name for spec in selector.select(text, last)]


def test_words_are_stemmed_and_stopwords_dropped() -> None:
    assert words_of("Turn on the lights, please") == {"turn", "on", "light"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could you make the big light brighter", "light_"),
        ("I'd like the bedroom blinds lowered a bit", "cover_"),
        ("put milk and eggs on the shopping list", "list_"),
        ("how long is left on my pasta timer", "timer_"),
    ],
)
def test_relevant_tools_come_first(selector: ToolSelector, text: str, expected: str) -> None:
    names = _names(selector, text)
    assert 0 < len(names) <= selector.limit
    assert names[0].startswith(expected), names


def test_nothing_related_offers_no_tool(selector: ToolSelector) -> None:
    assert _names(selector, "zxqv blorp") == []


def test_named_device_brings_its_kind(selector: ToolSelector) -> None:
    # "reading lamp" names a light: light tools are offered though no tool mentions "reading".
    assert any(name.startswith("light_") for name in _names(selector, "reading lamp please"))


def test_name_arguments_are_narrowed_to_this_world(selector: ToolSelector) -> None:
    [schema] = selector.schemas([Registry.builtin().get("light_turn_on")])  # type: ignore[list-item]
    options = schema.parameters["properties"]["name"]["anyOf"]
    names = next(o["enum"] for o in options if o.get("type") == "string")
    assert "reading lamp" in names and "kitchen light" in names
    assert "front door" not in names  # a lock, not a light
    areas = schema.parameters["properties"]["area"]
    assert "kitchen" in str(areas)


def test_free_text_arguments_stay_open(selector: ToolSelector) -> None:
    spec = Registry.builtin().get("list_add")
    assert spec is not None
    [schema] = selector.schemas([spec])
    assert "enum" not in str(schema.parameters["properties"]["items"])
