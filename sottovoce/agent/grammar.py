"""The sentence grammar: every tool's hassil templates, with slot lists filled from the world.

Matching is exact and takes milliseconds. When it fails, a second pass lets
hassil capture the words where a name was expected and fuzzy-matches them
against the world's names, so that "reading lamb" still finds the reading
lamp, and a name that matches nothing ("the hot tub") is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hassil import (
    Intents,
    RecognizeResult,
    SlotList,
    TextSlotList,
    recognize,
    recognize_all,
)

from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.fuzzy import NameRepair
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World
from sottovoce.devices.kinds import KINDS
from sottovoce.tools import Registry

FOLLOW_UP = "_follow_up"
FUZZY_CUTOFF = 80.0
_SLOT_RE = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")

# Numbers and free text arrive normalized (digits, "N seconds", "HH:MM"), so ranges
# match digits only: number words for ten million values would not fit in memory.
_BASE_LISTS: dict[str, Any] = {
    "number": {"range": {"from": 0, "to": 100000, "fractions": "tenths", "words": False}},
    "percent": {"range": {"from": 0, "to": 100, "words": False}},
    "duration_s": {"range": {"from": 1, "to": 10_000_000, "words": False}},
    "text": {"wildcard": True},
    "time": {"wildcard": True},
    "list_name": {"wildcard": True},
    "day": {"values": ["today", "tomorrow", "now", "tonight"]},
}

# "And in the kitchen?" / "what about the fan?": the agent re-runs the last call.
_FOLLOW_UP_SENTENCES = [
    "[and] [what|how] [about] [in|for|at|on] [the] {area} [too|as well|please]",
    "and [the] {device:name} [too|as well]",
    "(what|how) about [the] {device:name}",
    "[and] [also] [the] {device:name} (too|as well)",
    "[and] [what|how] [about] {day} [too|as well]",
    "and [the] {contact} [too|as well]",
]

_WORLD_TEXT_LISTS = ("device", "area", "contact", "scene", "media", "artist", "ref")
_NAME_LISTS = frozenset({*_WORLD_TEXT_LISTS, *KINDS} - {"ref"})

# Commands whose object is a name: when nothing else matched, the words there name
# something this world does not have ("turn on the hot tub").
_UNKNOWN_INTENTS: dict[str, Any] = {
    "language": "en",
    "intents": {
        "unknown": {
            "data": [
                {
                    "sentences": [
                        "(turn|switch|put|shut) (on|off) [the] {thing}",
                        "(turn|switch|put|shut) [the] {thing} (on|off)",
                        "(open|close|shut|lock|unlock|start|stop|dim|brighten) [the] {thing}",
                        "set [the] {thing} to {anything}",
                        "(is|are) [the] {thing} (on|off|open|closed|locked|unlocked|running)",
                        "(call|phone|ring|text|message) {thing}",
                        "(activate|play) [the] {thing}",
                    ]
                }
            ]
        }
    },
    "lists": {"thing": {"wildcard": True}, "anything": {"wildcard": True}},
}
_PRONOUNS = ("it", "them", "that", "this", "those", "these")
_EVERYWHERE = ("house", "whole house", "everywhere", "home")


@dataclass(frozen=True)
class Match:
    """A grammar match: the call it stands for and how good it is."""

    call: Call
    literal_chunks: int
    wildcard_chars: int
    fuzzy: float = 100.0


class Grammar:
    """The compiled sentence grammar of a registry against one world."""

    def __init__(self, registry: Registry, world: World) -> None:
        self._intents = Intents.from_dict(_intents_dict(registry))
        self._lists: dict[str, SlotList] = dict(world_lists(world))
        self._slot_lists = _slot_lists_by_tool(registry)
        self._repair = NameRepair(_spoken_names(self._lists))
        self._unknown = Intents.from_dict(_UNKNOWN_INTENTS)
        for intent in self._intents.intents.values():
            for data in intent.data:
                _ = data.sentences  # hassil parses templates lazily; do it now, not mid-turn

    def match(self, text: str) -> Call | None:
        """The best exact match of normalized text, or None."""
        results = recognize_all(text, self._intents, slot_lists=self._lists)
        matches = [_to_match(r) for r in results]
        best = _best(matches)
        return best.call if best is not None else None

    def match_fuzzy(self, text: str) -> Call | UnknownName | None:
        """Match after repairing near-miss names; else report a name nothing resembles."""
        repaired = self._repair.repair(text)
        if repaired is not None:
            call = self.match(repaired)
            if call is not None and call.tool != FOLLOW_UP:
                return call
        result = recognize(text, self._unknown, slot_lists=self._lists)
        if result is None or "thing" not in result.entities:
            return None
        words = _strip_article(str(result.entities["thing"].text).strip())
        if not words or len(words.split()) > 4 or words in _PRONOUNS:
            return None
        return UnknownName(text=words, known=self._repair.knows(words))


def _spoken_names(lists: Mapping[str, SlotList]) -> list[str]:
    names = []
    for name, slot_list in lists.items():
        if name in _NAME_LISTS and isinstance(slot_list, TextSlotList):
            for value in slot_list.values:
                text = getattr(value.text_in, "text", None)
                if isinstance(text, str):
                    names.append(text)
    return names


def _strip_article(text: str) -> str:
    for article in ("the ", "my ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _to_match(result: RecognizeResult, args: Mapping[str, Any] | None = None) -> Match:
    if args is None:
        args = {name: entity.value for name, entity in result.entities.items()}
    clean = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in args.items()}
    wildcard = sum(
        len(str(e.text)) for e in result.entities.values() if getattr(e, "is_wildcard", False)
    )
    return Match(Call(result.intent.name, clean), result.text_chunks_matched, wildcard)


def _best(matches: list[Match]) -> Match | None:
    if not matches:
        return None
    # A named device beats an area reading of the same words ("kitchen light").
    return max(
        matches,
        key=lambda m: (m.fuzzy, _names_device(m.call), m.literal_chunks, -m.wildcard_chars),
    )


def _names_device(call: Call) -> bool:
    name = call.args.get("name")
    return isinstance(name, str) and "." in name


def _intents_dict(registry: Registry) -> dict[str, Any]:
    intents: dict[str, Any] = {FOLLOW_UP: {"data": [{"sentences": _FOLLOW_UP_SENTENCES}]}}
    lists: dict[str, Any] = dict(_BASE_LISTS)
    for spec in registry:
        data = [
            {"sentences": list(group.sentences), "slots": dict(group.slots)}
            for group in spec.sentences
        ]
        if data:
            intents[spec.name] = {"data": data}
        for name, body in spec.lists.items():
            lists[name] = _digits_only(dict(body))
    return {"language": "en", "intents": intents, "lists": lists}


def _digits_only(body: dict[str, Any]) -> dict[str, Any]:
    if isinstance(body.get("range"), dict):
        body["range"] = {"words": False, **body["range"]}
    return body


def _slot_lists_by_tool(registry: Registry) -> dict[str, dict[str, set[str]]]:
    by_tool: dict[str, dict[str, set[str]]] = {}
    for spec in registry:
        slots: dict[str, set[str]] = {}
        for group in spec.sentences:
            for sentence in group.sentences:
                for list_name, slot_name in _SLOT_RE.findall(sentence):
                    slots.setdefault(slot_name or list_name, set()).add(list_name)
        by_tool[spec.name] = slots
    return by_tool


def world_lists(world: World) -> dict[str, TextSlotList]:
    """Slot lists from the world: names of devices by kind, areas, contacts, scenes, media."""
    names = (*_WORLD_TEXT_LISTS, *KINDS)
    lists: dict[str, list[tuple[str, Any]]] = {name: [] for name in names}
    for device in world.devices.values():
        for spoken in (device.name, *device.aliases):
            lists.setdefault(device.kind, []).append((spoken, device.id))
            lists["device"].append((spoken, device.id))
    for area in world.areas:
        lists["area"].append((area.name, area.name))
    for floor in world.floors():
        lists["area"].append((floor, floor))
    lists["area"].extend((place, place) for place in _EVERYWHERE)
    lists["contact"] = [(c.name, c.name) for c in world.contacts]
    lists["scene"] = [(s.name, s.name) for s in world.scenes]
    lists["media"] = [(m.title, m.title) for m in world.media_library]
    lists["artist"] = [(m.artist, m.artist) for m in world.media_library if m.artist]
    lists["ref"] = [(word, "it") for word in _PRONOUNS]
    return {name: _text_list(name, pairs) for name, pairs in lists.items()}


def _text_list(name: str, pairs: list[tuple[str, Any]]) -> TextSlotList:
    seen: dict[str, Any] = {}
    for spoken, value in pairs:
        key = normalize(spoken)
        if key and key not in seen:
            seen[key] = value
    return TextSlotList.from_tuples(list(seen.items()), name=name)
