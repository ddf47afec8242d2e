"""The constrained decision format shared by every engine: its JSON schema, its parser.

A model answers each turn with one JSON object, either a tool call
`{"tool": "light_turn_on", "arguments": {...}}` or a spoken answer
`{"tool": "reply", "text": "..."}`. Engines constrain generation with
`decision_schema` (llama.cpp grammar, MLC or server `response_format`), so
the output always parses; `parse_decision` still checks everything, because
a server without constrained decoding can write anything: the reply's text
and the string arguments come out without control characters, and the reply
cut to `REPLY_CHARS` on a word boundary.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from sottovoce.models.llm import LLMDecision, ModelOutputError, TextSink, ToolChoice, ToolSchema
from sottovoce.models.safetext import clip, printable

REPLY = "reply"
# Generated in this order, so the tool's name comes before what depends on it.
PROPERTY_ORDER = ["tool", "arguments", "text"]
# Bounds on free text, so that every decision ends well within the token limit
# (an unfinished decision would not parse) and a reply stays a spoken sentence.
REPLY_CHARS = 160
ARGUMENT_CHARS = 120
_DROPPED_KEYS = frozenset({"title", "description", "default", "examples"})


def decision_schema(tools: Sequence[ToolSchema]) -> dict[str, Any]:
    """A JSON schema admitting exactly one call of an offered tool, or a reply."""
    options: list[dict[str, Any]] = [_call_schema(tool) for tool in tools]
    options.append(
        {
            "type": "object",
            "properties": {
                "tool": {"const": REPLY},
                "text": {"type": "string", "maxLength": REPLY_CHARS},
            },
            "required": ["tool", "text"],
            "additionalProperties": False,
        }
    )
    return {"anyOf": options}


def _call_schema(tool: ToolSchema) -> dict[str, Any]:
    arguments = inline_refs(tool.parameters)
    arguments.setdefault("type", "object")
    return {
        "type": "object",
        "properties": {"tool": {"const": tool.name}, "arguments": arguments},
        "required": ["tool", "arguments"],
        "additionalProperties": False,
    }


def inline_refs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema with `$ref`s replaced by their definitions and prose keys dropped.

    Several tools' `$defs` would collide in one combined schema, and titles
    and descriptions only lengthen the grammar.
    """
    defs = dict(schema.get("$defs", {}))

    def walk(node: Any, depth: int) -> Any:
        if depth > 20:
            raise ValueError("tool schema nests too deeply (recursive $ref?)")
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")], depth + 1)
            out = {
                k: walk(v, depth + 1)
                for k, v in node.items()
                if k not in _DROPPED_KEYS and k != "$defs"
            }
            if out.get("type") == "string" and "enum" not in out and "maxLength" not in out:
                out["maxLength"] = ARGUMENT_CHARS
            return _small_range_as_enum(out)
        if isinstance(node, list):
            return [walk(item, depth + 1) for item in node]
        return node

    result: dict[str, Any] = walk(schema, 0)
    return result


def _small_range_as_enum(node: dict[str, Any]) -> dict[str, Any]:
    """A number bounded on both sides by at most 101 whole values becomes their enum.

    Grammar converters (llama.cpp's among them) ignore numeric bounds but keep
    enums, so the bounds hold during generation. Spoken numbers are whole.
    """
    if node.get("type") not in ("number", "integer") or "enum" in node:
        return node
    low, high = node.get("minimum"), node.get("maximum")
    if "exclusiveMinimum" in node:
        low = math.floor(node["exclusiveMinimum"]) + 1
    if "exclusiveMaximum" in node:
        high = math.ceil(node["exclusiveMaximum"]) - 1
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return node
    if not (math.isfinite(low) and math.isfinite(high)):
        return node
    first, last = math.ceil(low), math.floor(high)
    # Counted before listed: a range of seconds in a day is not worth a list of 86400.
    return {"enum": list(range(first, last + 1))} if 0 <= last - first <= 100 else node


def parse_decision(raw: str, tools: Sequence[ToolSchema]) -> LLMDecision:
    """The decision in a model's raw output; `ModelOutputError` names what is wrong."""
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text, strict=False)  # a raw newline in a string is harmless here
    except (json.JSONDecodeError, RecursionError):
        raise ModelOutputError(f"the model wrote no JSON: {_excerpt(raw)}", raw) from None
    if not isinstance(data, dict):
        raise ModelOutputError(f"the model wrote JSON that is not an object: {_excerpt(raw)}", raw)
    tool = data.get("tool")
    if tool == REPLY:
        reply = data.get("text")
        if not isinstance(reply, str):
            raise ModelOutputError("the model's reply has no text", raw)
        return LLMDecision(text=clip(printable(reply).strip(), REPLY_CHARS), raw=raw)
    names = {t.name for t in tools}
    if not isinstance(tool, str) or tool not in names:
        raise ModelOutputError(f"the model asked for a tool that was not offered: {tool!r}", raw)
    arguments = data.get("arguments", {})
    if not isinstance(arguments, dict):
        raise ModelOutputError(f"the arguments for {tool} are not an object", raw)
    return LLMDecision(calls=(ToolChoice(tool, _cleaned(arguments)),), raw=raw)


def _cleaned(value: Any) -> Any:
    """The arguments with every string in them cleaned of control characters."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def decision_json(decision: LLMDecision) -> str:
    """The decision written back in the format the model uses (for a correction turn)."""
    if decision.calls:
        call = decision.calls[0]
        return json.dumps({"tool": call.name, "arguments": dict(call.arguments)})
    return json.dumps({"tool": REPLY, "text": decision.text or ""})


def _excerpt(raw: str) -> str:
    flat = " ".join(raw.split())
    return repr(flat[:60] + ("..." if len(flat) > 60 else ""))


class ReplyStreamer:
    """Feeds the text of a `reply` decision to a sink while the JSON is still being written."""

    def __init__(self, sink: TextSink | None) -> None:
        self.sink = sink
        self.buffer = ""
        self.sent = 0
        self._start: int | None = None
        self._done = False

    def feed(self, piece: str) -> None:
        """Take the next piece of the model's output."""
        if self.sink is None or self._done:
            return
        self.buffer += piece
        if self._start is None:
            self._start = self._text_start()
            if self._start is None:
                return
        decoded, closed = _decode_prefix(self.buffer[self._start :])
        decoded = decoded[:REPLY_CHARS]  # a reply is said only up to its limit
        if len(decoded) > self.sent:
            self.sink(printable(decoded[self.sent :]))
            self.sent = len(decoded)
        self._done = closed or len(decoded) == REPLY_CHARS

    def _text_start(self) -> int | None:
        head = self.buffer.replace(" ", "")
        if not head.startswith(('{"tool":"reply"', '{"text":"')):
            if len(head) > 16:
                self._done = True
            return None
        key = self.buffer.find('"text"')
        if key < 0:
            return None
        quote = self.buffer.find('"', self.buffer.find(":", key) + 1)
        return quote + 1 if quote > key else None


def _decode_prefix(body: str) -> tuple[str, bool]:
    """The decoded part of a JSON string body written so far, and whether it is closed."""
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == '"':
            return "".join(out), True
        if char != "\\":
            out.append(char)
            i += 1
            continue
        size = 6 if body[i + 1 : i + 2] == "u" else 2
        if size == 6 and body[i + 2 : i + 4].lower() in ("d8", "d9", "da", "db"):
            size = 12  # a surrogate pair: decode both halves together
        if i + size > len(body):
            break
        try:
            out.append(json.loads(f'"{body[i : i + size]}"'))
        except json.JSONDecodeError:
            pass
        i += size
    return "".join(out), False
