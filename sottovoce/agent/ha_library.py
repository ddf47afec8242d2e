"""Home Assistant's sentence library as a grammar over our world.

The `home-assistant-intents` package holds the sentences Assist itself
matches (maintained by the Home Assistant community, CC BY 4.0). This module
loads its intents for a language, keeps the ones `ha_mapping` can carry out,
and gives hassil our world the way Home Assistant gives it its entities: a
`name` list of every device (and scene, and shopping list) with its domain
as context, and the `area` and `floor` lists. "Here" is the user's own room,
which the tools resolve, so sentences that need an area from context always
have one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hassil import Intents, RecognizeResult, SlotList, TextSlotList, recognize_all
from home_assistant_intents import get_intents

from sottovoce.agent.calls import Call
from sottovoce.agent.ha_mapping import HA_DOMAIN, HANDLERS, HERE, to_call
from sottovoce.agent.names import all_spoken_names
from sottovoce.agent.normalize import normalize
from sottovoce.agent.slot_lists import shared_across_rooms
from sottovoce.devices import World

# Sentences whose only meaning is an action we do not have are dropped at load,
# so they cannot shadow one of ours.
_WANTED = frozenset(HANDLERS)
_OPTIONAL = re.compile(r"\[[^\[\]]*\]")
_SLOT = re.compile(r"\{([^}]*)\}")
_PLACES = frozenset({"name", "area", "floor"})


@dataclass(frozen=True)
class Reading:
    """One way Home Assistant's sentences read the words, as our call."""

    intent: str
    call: Call
    literal_chunks: int
    from_name: bool


class HaLibrary:
    """Home Assistant's sentences for one language, compiled against one world."""

    def __init__(self, world: World, language: str = "en") -> None:
        data = get_intents(language)
        if data is None:
            raise ValueError(f"Home Assistant's sentence library has no language {language!r}")
        self._intents = Intents.from_dict(_wanted(data))
        self._lists = ha_lists(world)
        self._skip = [normalize(w) for w in data.get("skip_words", [])] + data.get("skip_words", [])
        self._context = {"area": HERE}
        self._area_of = {d.id: (d.area or "").lower() for d in world.devices.values()}
        for intent in self._intents.intents.values():
            for group in intent.data:
                _ = group.sentences  # hassil parses templates lazily; do it now, not mid-turn
        self.readings("turn on the light")  # and warms its matcher

    def readings(self, text: str) -> list[Reading]:
        """Every reading of the text that maps to our tools, best first."""
        results = recognize_all(
            text,
            self._intents,
            slot_lists=self._lists,
            skip_words=self._skip,
            intent_context=self._context,
        )
        found = [
            reading
            for r in results
            if (reading := _reading(r)) is not None and self._in_its_area(r)
        ]
        found.sort(key=lambda r: (r.from_name, r.literal_chunks), reverse=True)
        return found

    def _in_its_area(self, result: RecognizeResult) -> bool:
        """A device said with a room is in that room ("the telly in the kitchen" is no
        reading of the lounge's telly), as Assist checks before it acts."""
        name, area = result.entities.get("name"), result.entities.get("area")
        if name is None or area is None or str(name.value) not in self._area_of:
            return True
        return self._area_of[str(name.value)] == str(area.value).lower()

    def best(self, text: str) -> Reading | None:
        """The best reading of the text, or None when the library does not cover it."""
        found = self.readings(text)
        return found[0] if found else None


def expansion_rules(language: str = "en") -> dict[str, str]:
    """Home Assistant's named phrases (<all>, <everywhere>, <the>, ...), for any template."""
    data = get_intents(language) or {}
    return dict(data.get("expansion_rules", {}))


def _wanted(data: dict[str, Any]) -> dict[str, Any]:
    intents = {
        name: {**body, "data": [_acting(group) for group in body["data"]]}
        for name, body in data["intents"].items()
        if name in _WANTED
    }
    return {**data, "intents": intents}


def _acting(group: dict[str, Any]) -> dict[str, Any]:
    """The group without sentences that are a bare name: "the coffee maker" is not a command."""
    return {**group, "sentences": [s for s in group["sentences"] if _says_something(s)]}


def _says_something(template: str) -> bool:
    """Whether a template needs more than names and places: a word, a rule or a value."""
    text = template.replace("<the>", "")
    while (stripped := _OPTIONAL.sub("", text)) != text:
        text = stripped
    values = [s for s in _SLOT.findall(text) if s.split(":")[0] not in _PLACES]
    return bool(values or re.search(r"[a-z<]", _SLOT.sub("", text)))


def _reading(result: RecognizeResult) -> Reading | None:
    slots = {name: entity.value for name, entity in result.entities.items()}
    if result.response:
        slots.setdefault("response", result.response)  # "any", "which", "how_many", ...
    named = "name" in result.entities and not result.entities["name"].is_wildcard
    call = to_call(result.intent.name, slots)
    if call is None:
        return None
    clean = {k: _whole(v) for k, v in call.args.items()}
    return Reading(result.intent.name, Call(call.tool, clean), result.text_chunks_matched, named)


def ha_lists(world: World) -> dict[str, SlotList]:
    """The `name`, `area` and `floor` lists of a world, as Home Assistant would give them."""
    names: list[tuple[str, Any, dict[str, Any]]] = []
    every = all_spoken_names(world)
    # A name devices in two rooms share is left to our own sentences, whose tools ask which.
    shared = shared_across_rooms(world, every)
    for device in world.devices.values():
        domain = HA_DOMAIN.get(device.kind, device.kind)
        context = {"domain": domain, "area": device.area}
        names += [(s, device.id, context) for s in every[device.id] if s not in shared]
    names += [(scene.name, f"scene:{scene.name}", {"domain": "scene"}) for scene in world.scenes]
    lists = sorted(world.record_names("list_name"))  # Home Assistant's to-do lists
    names += [(name, f"todo:{name}", {"domain": "todo"}) for name in lists]
    areas = [(area.name, area.name) for area in world.areas]
    floors = [(floor, floor) for floor in world.floor_words()]
    return {
        "name": _text_list("name", names),
        "area": _text_list("area", areas),
        "floor": _text_list("floor", floors),
    }


def _text_list(name: str, values: Iterable[tuple[Any, ...]]) -> TextSlotList:
    """A slot list of spoken forms, each in both its written and its normalized spelling."""
    seen: dict[str, tuple[Any, ...]] = {}
    for spoken, *rest in values:
        for form in (str(spoken).lower(), normalize(str(spoken))):
            if form and form not in seen:
                seen[form] = (form, *rest)
    return TextSlotList.from_tuples(list(seen.values()), allow_template=False, name=name)


def _whole(value: Any) -> Any:
    """50.0 -> 50: whole numbers as the tools' integer arguments expect them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
