"""Tests for asking whether a thing is on a list (lists_query), and how the question routes."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import info
from sottovoce.tools.builtin import lists as L
from sottovoce.tools.builtin.lists_query import list_has

LISTS = {"shopping": ["eggs", "whole milk"], "camping": ["tent", "eggs"], "to do": []}


def make_world() -> World:
    data = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"], "lists": LISTS}
    world = parse_world(data, "test.yaml", virtual=True)
    Registry([L.plugin]).attach(world)
    return world


def make_ctx() -> ToolContext:
    return ToolContext(world=make_world(), area="kitchen", plugin="lists")


def test_on_a_named_list_yes_or_no() -> None:
    ctx = make_ctx()
    assert list_has(ctx, "milk", "shopping") == "Yes, whole milk is on your shopping list."
    assert list_has(ctx, "the tent", "shopping") == "No, tent is not on your shopping list."
    with pytest.raises(ToolError, match="You have no garden list"):
        list_has(ctx, "milk", "garden")


def test_no_list_named_looks_on_every_list() -> None:
    ctx = make_ctx()
    assert list_has(ctx, "eggs") == "Yes, eggs are on your shopping and camping lists."
    assert list_has(ctx, "tent") == "Yes, tent is on your camping list."
    assert list_has(ctx, "bananas") == "No, bananas are not on any of your lists."
    assert ctx.world.snapshot()["lists"] == LISTS  # it reads only


@pytest.mark.parametrize("item", ["to leave now", "anything", "a thing i said i would get later"])
def test_a_clause_is_no_thing(item: str) -> None:
    with pytest.raises(ToolError, match="Which thing"):
        list_has(make_ctx(), item)


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("is milk on my shopping list", {"item": "milk", "list_name": "shopping"}),
        ("is there any bread on the list", {"item": "bread"}),
        ("are eggs already on the camping list", {"item": "eggs", "list_name": "camping"}),
        ("do we have eggs on the list", {"item": "eggs"}),
        ("have i added bread to the shopping list yet", {"item": "bread", "list_name": "shopping"}),
    ],
)
def test_grammar_routes(text: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([L.plugin, info.plugin]), make_world())
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == ("list_has", args)


@pytest.mark.parametrize(
    "text", ["is there anything on my shopping list", "do we need to leave now", "do i need milk"]
)
def test_other_questions_are_not_taken(text: str) -> None:
    grammar = Grammar(Registry([L.plugin, info.plugin]), make_world())
    call = grammar.match(text)
    assert call is None or call.tool != "list_has"
