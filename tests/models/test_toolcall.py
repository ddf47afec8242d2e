"""The decision format: its schema, its parser (fuzzed) and the streamed reply text."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sottovoce.models import ModelOutputError, ToolSchema
from sottovoce.models.safetext import printable
from sottovoce.models.toolcall import (
    ReplyStreamer,
    decision_json,
    decision_schema,
    inline_refs,
    parse_decision,
)

LIGHT = ToolSchema(
    "light_turn_on",
    "Turn lights on.",
    {
        "type": "object",
        "title": "args",
        "properties": {"name": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Name"}},
        "additionalProperties": False,
    },
)
MODE = ToolSchema(
    "set_mode",
    "Set a mode.",
    {
        "$defs": {"Mode": {"enum": ["heat", "cool"], "title": "Mode", "type": "string"}},
        "properties": {"mode": {"$ref": "#/$defs/Mode"}},
        "required": ["mode"],
        "type": "object",
    },
)


def test_schema_offers_each_tool_and_a_reply() -> None:
    schema = decision_schema([LIGHT, MODE])
    names = [option["properties"]["tool"]["const"] for option in schema["anyOf"]]
    assert names == ["light_turn_on", "set_mode", "reply"]


def test_refs_are_inlined_and_prose_dropped() -> None:
    flat = inline_refs(MODE.parameters)
    assert flat["properties"]["mode"] == {"enum": ["heat", "cool"], "type": "string"}
    assert "$defs" not in flat and "title" not in json.dumps(flat)


def test_parse_a_call_and_a_reply() -> None:
    call = parse_decision('{"tool": "set_mode", "arguments": {"mode": "heat"}}', [MODE])
    assert call.calls[0].name == "set_mode" and call.calls[0].arguments == {"mode": "heat"}
    reply = parse_decision('{"tool": "reply", "text": " Hello. "}', [MODE])
    assert reply.text == "Hello." and not reply.calls


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "no JSON"),
        ("turn on the light", "no JSON"),
        ("[1, 2]", "not an object"),
        ('{"tool": "unlock_everything", "arguments": {}}', "not offered"),
        ('{"tool": "set_mode", "arguments": [1]}', "not an object"),
        ('{"tool": "reply"}', "no text"),
    ],
)
def test_bad_output_is_named(raw: str, problem: str) -> None:
    with pytest.raises(ModelOutputError, match=problem):
        parse_decision(raw, [LIGHT, MODE])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_crash_the_parser(data: bytes) -> None:
    raw = data.decode("utf-8", errors="replace")
    try:
        decision = parse_decision(raw, [LIGHT, MODE])
    except ModelOutputError as exc:
        assert "\n" not in str(exc)
    else:
        assert decision.calls or decision.text is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(min_value=1, max_value=7))
def test_reply_text_streams_intact_whatever_the_chunking(text: str, size: int) -> None:
    raw = json.dumps({"tool": "reply", "text": text})
    pieces: list[str] = []
    streamer = ReplyStreamer(pieces.append)
    for start in range(0, len(raw), size):
        streamer.feed(raw[start : start + size])
    streamed = "".join(pieces)
    controls = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # never reach the sink
    assert not [c for c in streamed if unicodedata.category(c) in controls]
    if printable(text) == text:
        assert streamed == text


def test_a_call_streams_no_text() -> None:
    pieces: list[str] = []
    streamer = ReplyStreamer(pieces.append)
    for char in '{"tool": "set_mode", "arguments": {"text": "x"}}':
        streamer.feed(char)
    assert pieces == []


def test_decision_round_trip() -> None:
    decision = parse_decision('{"tool": "set_mode", "arguments": {"mode": "cool"}}', [MODE])
    assert parse_decision(decision_json(decision), [MODE]).calls == decision.calls
