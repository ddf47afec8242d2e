"""The sentence grammar: every tool's hassil templates, with slot lists filled from the world.

Matching is exact and takes milliseconds. When it fails, a second pass lets
hassil capture the words where a name was expected and fuzzy-matches them
against the world's names, so that "reading lamb" still finds the reading
lamp, and a name that matches nothing ("the hot tub") is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hassil import Intents, RecognizeResult, SlotList, TextSlotList, recognize_all
from rapidfuzz import fuzz, process

from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World
from sottovoce.devices.kinds import KINDS
from sottovoce.tools import Registry

FOLLOW_UP = "_follow_up"
FUZZY_CUTOFF = 80.0
_SLOT_RE = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")

# Numbers and free text arrive normalized (digits, "N seconds", "HH:MM").
_BASE_LISTS: dict[str, Any] = {
    "number": {"range": {"from": 0, "to": 100000, "fractions": "tenths"}},
    "percent": {"range": {"from": 0, "to": 100}},
    "duration_s": {"range": {"from": 1, "to": 10_000_000}},
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

    def match(self, text: str) -> Call | None:
        """The best exact match of normalized text, or None."""
        results = recognize_all(text, self._intents, slot_lists=self._lists)
        matches = [m for r in results if (m := _to_match(r)) is not None]
        best = _best(matches)
        return best.call if best is not None else None

    def match_fuzzy(self, text: str) -> Call | UnknownName | None:
        """Match allowing near-miss names; report a name nothing resembles."""
        results = recognize_all(
            text, self._intents, slot_lists=self._lists, allow_unmatched_entities=True
        )
        matches: list[Match] = []
        unknown: UnknownName | None = None
        for result in results:
            if result.intent.name == FOLLOW_UP:
                continue
            outcome = self._repair(result)
            if isinstance(outcome, Match):
                matches.append(outcome)
            elif outcome is not None and (unknown is None or len(outcome.text) < len(unknown.text)):
                unknown = outcome
        best = _best(matches)
        if best is not None:
            return best.call
        return unknown

    def _repair(self, result: RecognizeResult) -> Match | UnknownName | None:
        tool = result.intent.name
        args = {name: entity.value for name, entity in result.entities.items()}
        score = 100.0
        for name, entity in result.unmatched_entities.items():
            text = getattr(entity, "text", None)
            lists = self._slot_lists.get(tool, {}).get(name, set())
            choices = self._choices(lists)
            if not isinstance(text, str) or not choices:
                return None
            text = _strip_article(text.strip())
            if not text or len(text.split()) > 4:
                return None
            best = process.extractOne(text, list(choices), scorer=fuzz.ratio)
            if best is None or best[1] < FUZZY_CUTOFF:
                return UnknownName(tool=tool, text=text) if _is_device_slot(lists) else None
            args[name] = choices[best[0]]
            score = min(score, float(best[1]))
        base = _to_match(result, args)
        if base is None:
            return None
        return Match(base.call, base.literal_chunks, base.wildcard_chars, score)

    def _choices(self, lists: Iterable[str]) -> dict[str, Any]:
        choices: dict[str, Any] = {}
        for list_name in lists:
            slot_list = self._lists.get(list_name)
            if isinstance(slot_list, TextSlotList):
                for value in slot_list.values:
                    text = getattr(value.text_in, "text", None)
                    if isinstance(text, str):
                        choices[text] = value.value_out
        return choices


def _strip_article(text: str) -> str:
    for article in ("the ", "my ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _is_device_slot(lists: set[str]) -> bool:
    return bool(lists - {"area", "contact", "scene", "media", "artist"}) or "area" in lists


def _to_match(result: RecognizeResult, args: Mapping[str, Any] | None = None) -> Match | None:
    if args is None:
        if result.unmatched_entities:
            return None
        args = {name: entity.value for name, entity in result.entities.items()}
    clean = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in args.items()}
    wildcard = sum(
        len(str(e.text)) for e in result.entities.values() if getattr(e, "is_wildcard", False)
    )
    return Match(Call(result.intent.name, clean), result.text_chunks_matched, wildcard)


def _best(matches: list[Match]) -> Match | None:
    if not matches:
        return None
    return max(matches, key=lambda m: (m.fuzzy, m.literal_chunks, -m.wildcard_chars))


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
        lists.update({name: dict(body) for name, body in spec.lists.items()})
    return {"language": "en", "intents": intents, "lists": lists}


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
