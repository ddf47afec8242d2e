"""The intents the grammar compiles: every tool's templates and the follow-ups, for hassil.

Tool templates are normalized as input is ("i'd" -> "i would", digits), so no
template can be written that nothing heard could match. The base lists (numbers,
durations, free text) take digits only; the world's names are added by the grammar.
"""

from __future__ import annotations

import re
from typing import Any

from sottovoce.agent.ha_library import expansion_rules
from sottovoce.agent.normalize import normalize_template
from sottovoce.agent.own_sentences import (
    ALL_THE_WAY_FOLLOW_UP,
    FOLLOW_UP_SENTENCES,
    HALFWAY_FOLLOW_UP,
    HERE,
    HERE_FOLLOW_UP,
    VALUE_WORD_FOLLOW_UPS,
)
from sottovoce.tools import Registry
from sottovoce.tools.api import SLOT_RE
from sottovoce.tools.targets import KIND_WORDS

FOLLOW_UP = "_follow_up"
_WORD = re.compile(r"[a-z][a-z']*")

# Numbers and free text arrive normalized (digits, "N seconds", "HH:MM"), so ranges
# match digits only: number words for ten million values would not fit in memory.
_BASE_LISTS: dict[str, Any] = {
    "number": {"range": {"from": 0, "to": 100000, "fractions": "tenths", "words": False}},
    "percent": {"range": {"from": 0, "to": 100, "words": False}},
    "duration_s": {"range": {"from": 1, "to": 10_000_000, "words": False}},
    "text": {"wildcard": True},
    # Free text matched against records, never said back: it stays normalized.
    "words": {"wildcard": True},
    "list_name": {"wildcard": True},
    "time": {"wildcard": True},
    "day": {"values": ["today", "tomorrow", "now", "tonight"]},
    # "No, I meant the fan": a kind said alone, for a correction in the same room.
    "kind_word": {
        "values": [
            {"in": word, "out": word}
            for words in KIND_WORDS.values()
            for word in words
            if word not in ("sensor", "sensors", "heat", "water", "cover", "music", "player")
        ]
    },
}


def template_words(registry: Registry) -> set[str]:
    """The literal words of every tool's sentences (what the user may say besides names)."""
    words: set[str] = set()
    for spec in registry:
        for group in spec.sentences:
            for sentence in group.sentences:
                words.update(_WORD.findall(SLOT_RE.sub(" ", sentence)))
    return words


def intents_dict(registry: Registry) -> dict[str, Any]:
    halfway = {"sentences": HALFWAY_FOLLOW_UP, "slots": {"value": 50}}
    fully = {"sentences": ALL_THE_WAY_FOLLOW_UP, "slots": {"value": 100}}
    here = {"sentences": HERE_FOLLOW_UP, "slots": {"area": HERE}}
    data = [{"sentences": FOLLOW_UP_SENTENCES}, halfway, fully, here]
    intents: dict[str, Any] = {FOLLOW_UP: {"data": data}}
    lists: dict[str, Any] = dict(_BASE_LISTS)
    for spec in registry:
        data = [
            {
                "sentences": [normalize_template(s) for s in group.sentences],
                "slots": dict(group.slots),
            }
            for group in spec.sentences
        ]
        if data:
            intents[spec.name] = {"data": data}
        for name, body in spec.lists.items():
            lists[name] = _digits_only(dict(body))
    worded = [s for name, said in VALUE_WORD_FOLLOW_UPS.items() if name in lists for s in said]
    if worded:
        intents[FOLLOW_UP]["data"].append({"sentences": worded})
    # Templates may use Home Assistant's named phrases: <all>, <everywhere>, <the>, ...
    return {
        "language": "en",
        "intents": intents,
        "lists": lists,
        "expansion_rules": expansion_rules(),
    }


def _digits_only(body: dict[str, Any]) -> dict[str, Any]:
    if isinstance(body.get("range"), dict):
        body["range"] = {"words": False, **body["range"]}
    return body


def slot_lists_by_tool(registry: Registry) -> dict[str, dict[str, set[str]]]:
    by_tool: dict[str, dict[str, set[str]]] = {}
    for spec in registry:
        slots: dict[str, set[str]] = {}
        for group in spec.sentences:
            for sentence in group.sentences:
                for list_name, slot_name in SLOT_RE.findall(sentence):
                    slots.setdefault(slot_name or list_name, set()).add(list_name)
        by_tool[spec.name] = slots
    return by_tool
