"""Tests for the phone tools: messages and calls, both confirmed first."""

from __future__ import annotations

from typing import Any

import pytest
from hassil import parse_sentence

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import NeedsConfirmation, Registry, ToolContext, ToolError
from sottovoce.tools.builtin import phone


def make_world() -> World:
    data: dict[str, Any] = {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": ["kitchen"],
        "contacts": [
            {"name": "Anna", "phone": "+351 900 000 001"},
            {"name": "Benjamin Silva", "phone": "+351 900 000 002"},
            {"name": "Mum", "phone": "+351 900 000 004"},
        ],
    }
    world = parse_world(data, "test.yaml", virtual=True)
    Registry([phone.plugin]).attach(world)  # the messages and calls sections
    return world


def ctx_for(world: World, confirmed: bool = False) -> ToolContext:
    return ToolContext(world=world, area="kitchen", confirmed=confirmed, plugin="phone")


def test_sentences_compile() -> None:
    for tool in phone.plugin.tools:
        assert tool.confirm
        for group in tool.sentences:
            for text in group.sentences:
                parse_sentence(text)


def test_message_asks_first_then_sends() -> None:
    world = make_world()
    with pytest.raises(NeedsConfirmation) as asked:
        phone.message_send(ctx_for(world), contact="anna", text="I will be late")
    assert asked.value.prompt == "Send 'I will be late' to Anna?"
    assert world.snapshot()["messages"] == []
    reply = phone.message_send(ctx_for(world, True), contact="anna", text="I will be late")
    assert world.snapshot()["messages"] == [{"to": "Anna", "text": "I will be late"}]
    assert "Anna" in reply


def test_call_asks_first_then_calls() -> None:
    world = make_world()
    with pytest.raises(NeedsConfirmation, match="Call Mum"):
        phone.call_place(ctx_for(world), contact="mom")
    assert world.snapshot()["calls"] == []
    assert phone.call_place(ctx_for(world, True), contact="mom") == "Calling Mum."
    assert world.snapshot()["calls"] == [{"to": "Mum"}]


def test_near_misses_and_first_names() -> None:
    world = make_world()
    phone.call_place(ctx_for(world, True), contact="Ana")
    phone.call_place(ctx_for(world, True), contact="benjamin")
    assert world.snapshot()["calls"] == [{"to": "Anna"}, {"to": "Benjamin Silva"}]


def test_unknown_contact_fails_before_asking() -> None:
    world = make_world()
    with pytest.raises(ToolError, match="Zoe is not in your contacts."):
        phone.message_send(ctx_for(world), contact="zoe", text="hi")
    with pytest.raises(ToolError, match="Zoe is not in your contacts."):
        phone.call_place(ctx_for(world, True), contact="zoe")
    assert world.snapshot()["messages"] == [] and world.snapshot()["calls"] == []


def test_damaged_records_are_skipped_and_sending_still_works() -> None:
    world = make_world()
    ctx = ctx_for(world, True)
    ctx.records["messages"] = [["Anna", "hi"], "not a message", ["Mum", 3], ["a", "b", "c"]]
    ctx.records["calls"] = {"not": "a list"}
    assert world.snapshot()["messages"] == [{"to": "Anna", "text": "hi"}]
    assert world.snapshot()["calls"] == []
    assert phone.call_place(ctx, contact="anna") == "Calling Anna."
    assert phone.message_send(ctx, contact="mum", text="on my way") == "Message sent to Mum."
    assert world.snapshot()["calls"] == [{"to": "Anna"}]
    assert world.snapshot()["messages"] == [
        {"to": "Anna", "text": "hi"},
        {"to": "Mum", "text": "on my way"},
    ]
    assert ctx.records["messages"] == [["Anna", "hi"], ["Mum", "on my way"]]


def test_leading_saying_is_not_part_of_the_text() -> None:
    world = make_world()
    phone.message_send(ctx_for(world, True), contact="Anna", text="saying on my way")
    assert world.snapshot()["messages"] == [{"to": "Anna", "text": "on my way"}]


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "send a message to anna saying i will be late",
            "message_send",
            {"contact": "Anna", "text": "i will be late"},
        ),
        ("text mum i am on my way", "message_send", {"contact": "Mum", "text": "i am on my way"}),
        ("give anna a call", "call_place", {"contact": "Anna"}),
    ],
)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([phone.plugin]), make_world())
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == (tool, args)
