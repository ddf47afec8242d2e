"""Tests for the lists plugin: list items (add, remove, read, clear) and notes."""

from __future__ import annotations

from typing import Any

import hassil
import pytest

from sottovoce.devices import World, parse_world
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import lists as L


def make_world(lists: dict[str, list[str]] | None = None) -> World:
    data: dict[str, Any] = {"clock": "2026-06-01T08:30:00", "areas": ["kitchen"]}
    if lists is not None:
        data["lists"] = lists
    return parse_world(data, "test.yaml", virtual=True)


def make_ctx(lists: dict[str, list[str]] | None = None) -> ToolContext:
    return ToolContext(world=make_world(lists), area="kitchen")


def lists_of(ctx: ToolContext) -> dict[str, list[str]]:
    result: dict[str, list[str]] = ctx.world.snapshot()["lists"]
    return result


def test_sentences_compile() -> None:
    for spec in L.plugin.tools:
        for group in spec.sentences:
            for sentence in group.sentences:
                hassil.parse_sentence(sentence)


def test_add_several_items_creates_the_list() -> None:
    ctx = make_ctx()
    reply = L.list_add(ctx, "eggs, milk and bread", "my shopping list")
    assert reply == "I added eggs, milk and bread to your shopping list."
    assert lists_of(ctx) == {"shopping": ["eggs", "milk", "bread"]}


def test_add_without_a_list_goes_to_shopping_or_the_only_list() -> None:
    ctx = make_ctx()
    L.list_add(ctx, "Milk")
    assert lists_of(ctx) == {"shopping": ["milk"]}
    ctx = make_ctx({"to do": ["call anna"]})
    assert L.list_add(ctx, "some paint") == "I added paint to your to do list."
    ctx = make_ctx({"to do": [], "groceries": ["eggs"]})
    L.list_add(ctx, "milk")
    assert lists_of(ctx)["groceries"] == ["eggs", "milk"]


def test_add_existing_item_says_so() -> None:
    ctx = make_ctx({"shopping": ["eggs"]})
    assert L.list_add(ctx, "eggs", "shopping") == "Eggs is already on your shopping list."
    reply = L.list_add(ctx, "egg and peas", "shopping")
    assert reply == "I added peas to your shopping list. Egg is already there."
    assert lists_of(ctx) == {"shopping": ["eggs", "peas"]}


def test_known_item_with_and_is_kept_whole() -> None:
    ctx = make_ctx({"shopping": [], "favourites": ["mac and cheese"]})
    L.list_add(ctx, "mac and cheese", "shopping")
    assert lists_of(ctx)["shopping"] == ["mac and cheese"]


def test_list_names_match_existing_lists() -> None:
    ctx = make_ctx({"to do": [], "groceries": []})
    L.list_add(ctx, "call the bank", "todo list")
    L.list_add(ctx, "flour", "grocery")
    L.list_add(ctx, "rice", "shopping")
    assert lists_of(ctx) == {"to do": ["call the bank"], "groceries": ["flour", "rice"]}
    L.list_add(ctx, "tent", "camping list")
    assert lists_of(ctx)["camping"] == ["tent"]


def test_destination_left_inside_the_items_is_recovered() -> None:
    ctx = make_ctx({"to do": []})
    L.list_add(ctx, "eggs and milk to my shopping list")
    L.list_add(ctx, "fix the door to the to do list")
    assert lists_of(ctx) == {"to do": ["fix the door"], "shopping": ["eggs", "milk"]}


def test_need_to_do_something_is_not_an_item() -> None:
    ctx = make_ctx()
    with pytest.raises(ToolError):
        L.list_add(ctx, "to call anna", "shopping")
    assert lists_of(ctx) == {}


def test_remove_with_fuzzy_match() -> None:
    ctx = make_ctx({"shopping": ["eggs", "bread", "tomatoes"]})
    assert L.list_remove(ctx, "egg", "shopping") == "I removed eggs from your shopping list."
    assert (
        L.list_remove(ctx, "bred and tomato")
        == "I removed bread and tomatoes from your shopping list."
    )
    assert lists_of(ctx) == {"shopping": []}


def test_remove_finds_the_list_holding_the_item() -> None:
    ctx = make_ctx({"shopping": ["eggs"], "to do": ["call anna"]})
    assert L.list_remove(ctx, "call anna") == "I removed call anna from your to do list."
    assert (
        L.list_remove(ctx, "eggs off my shopping list") == "I removed eggs from your shopping list."
    )


def test_remove_errors_change_nothing() -> None:
    ctx = make_ctx({"shopping": ["eggs", "milk"]})
    with pytest.raises(ToolError, match="Caviar is not on your shopping list."):
        L.list_remove(ctx, "milk and caviar", "shopping")
    with pytest.raises(ToolError, match="You have no camping list."):
        L.list_remove(ctx, "tent", "camping")
    assert lists_of(ctx) == {"shopping": ["eggs", "milk"]}


def test_read() -> None:
    ctx = make_ctx({"shopping": ["eggs", "bread", "milk"], "to do": []})
    assert L.list_read(ctx, "shopping") == "Your shopping list has eggs, bread and milk."
    assert L.list_read(ctx) == "Your shopping list has eggs, bread and milk."
    assert L.list_read(ctx, "to-do list") == "Your to do list is empty."
    with pytest.raises(ToolError, match="You have no camping list."):
        L.list_read(ctx, "camping")


def test_clear_keeps_the_list() -> None:
    ctx = make_ctx({"shopping": ["eggs"]})
    assert L.list_clear(ctx, "the shopping list") == "I cleared your shopping list."
    assert lists_of(ctx) == {"shopping": []}
    assert L.list_clear(ctx) == "Your shopping list is already empty."


def test_list_names() -> None:
    assert L.list_names(make_ctx()) == "You have no lists."
    ctx = make_ctx({"shopping": [], "to do": []})
    assert L.list_names(ctx) == "You have 2 lists: shopping and to do."


def test_notes() -> None:
    ctx = make_ctx()
    assert L.note_read(ctx) == "You have no notes."
    assert L.note_add(ctx, "that Parking spot is level 3") == "I noted: parking spot is level 3."
    L.note_add(ctx, "the plumber comes friday")
    assert ctx.world.snapshot()["notes"] == ["parking spot is level 3", "the plumber comes friday"]
    assert L.note_read(ctx) == (
        "You have 2 notes: parking spot is level 3; the plumber comes friday."
    )
    assert L.note_delete_all(ctx) == "I deleted your 2 notes."
    assert ctx.world.snapshot()["notes"] == []
    with pytest.raises(ToolError):
        L.note_add(ctx, "that")
