"""The language model's prompt: a static part computed once, and this turn's tools and words.

The static part (instructions, the format, what this home has) comes first
and never changes during a session, so llama.cpp keeps it in its KV cache and
only the turn's short tail is evaluated. The tools offered this turn follow,
one line each: their schemas are enforced by the engine's grammar, so the
prompt only has to say what each is for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sottovoce.devices import World
from sottovoce.models import ChatMessage, ToolSchema

HISTORY_TURNS = 2

_INSTRUCTIONS = """\
You are sottovoce, the offline voice assistant of this home. For each request,
write one JSON object and nothing else:
- to act or to look something up, call one tool:
  {"tool": "<tool name>", "arguments": {<arguments>}}
- when no tool fits (a greeting, a question you can answer from general
  knowledge), answer in one short spoken sentence:
  {"tool": "reply", "text": "<your answer>"}
Use only the tools listed for the request. Take names of devices, rooms,
people and things from the user's words, as this home spells them. Leave out
arguments the user did not give. Numbers are digits; durations are seconds.

Example:
User: could you switch on the lamp in the study
{"tool": "light_turn_on", "arguments": {"name": "lamp", "area": "study"}}
User: hello there
{"tool": "reply", "text": "Hello! What can I do for you?"}
"""


def static_prompt(world: World) -> str:
    """Instructions and a summary of the home; the same for every turn of a session."""
    return f"{_INSTRUCTIONS}\n{home_summary(world)}"


def home_summary(world: World) -> str:
    """The home in a few lines: its rooms and the devices in each, its people."""
    lines = [f"This home: {world.name}."]
    by_area: dict[str, list[str]] = {}
    for device in world.devices.values():
        by_area.setdefault(device.area or "elsewhere", []).append(
            f"{device.name} ({device.kind.replace('_', ' ')})"
        )
    for area in sorted(by_area):
        lines.append(f"- {area}: {', '.join(sorted(by_area[area]))}")
    contacts = [c.name for c in world.contacts]
    if contacts:
        lines.append(f"Contacts: {', '.join(contacts)}.")
    return "\n".join(lines)


def tool_lines(tools: Sequence[ToolSchema]) -> str:
    """One line per offered tool: its name, its arguments (? = optional), what it does."""
    if not tools:
        return "No tool fits this request: reply."
    return "\n".join(f"{t.name}({_signature(t.parameters)}): {t.description}" for t in tools)


def _signature(schema: Mapping[str, Any]) -> str:
    required = set(schema.get("required", ()))
    props: Mapping[str, Any] = schema.get("properties", {})
    return ", ".join(name if name in required else f"{name}?" for name in props)


def build_messages(
    static: str,
    tools: Sequence[ToolSchema],
    history: Iterable[tuple[str, str]],
    text: str,
) -> list[ChatMessage]:
    """The messages for one turn: static system prompt + tools, recent history, the words."""
    system = f"{static}\nTools for this request:\n{tool_lines(tools)}"
    messages = [ChatMessage("system", system)]
    for user, reply in list(history)[-HISTORY_TURNS:]:
        messages += [ChatMessage("user", user), ChatMessage("assistant", reply)]
    messages.append(ChatMessage("user", text))
    return messages


def speech_vocabulary(world: World, budget_chars: int = 800) -> str:
    """Names this home uses, as an initial prompt that biases speech recognition towards them.

    Whisper keeps only the last ~220 tokens of a prompt (about 800 characters),
    so the names are gathered by importance (rooms, people, devices, lists,
    scenes, media, aliases) until the budget is spent, then written with the
    most important last, nearest the speech.
    """
    chosen: list[str] = []
    used = 0
    for name in world_names(world):
        if used + len(name) + 2 > budget_chars:
            break
        chosen.append(name)
        used += len(name) + 2
    return ", ".join(reversed(chosen)) + "." if chosen else ""


def world_names(world: World) -> list[str]:
    """The world's names by importance: rooms, people, devices, plugins' records (lists),
    scenes, media, aliases."""
    groups = [
        [area.name for area in world.areas],
        [contact.name for contact in world.contacts],
        [device.name for device in world.devices.values()],
        world.record_names(),
        [scene.name for scene in world.scenes],
        [item.title for item in world.media_library],
        [alias for device in world.devices.values() for alias in device.aliases],
    ]
    return list(dict.fromkeys(name for group in groups for name in group if name))
