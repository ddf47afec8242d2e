"""The world's slot lists for the sentence grammars: names, rooms, contacts, scenes, media.

Each device is listed under its kind and as a "device" by every spoken form of
its name (`names.py`); rooms by their names, other words for them, floors and
"the whole house"; contacts also as "my mum", "my brother Raj"; "it" and its
kin as the pronoun list `ref`. `grammar.py` matches against them; the tool
selector and the model's grounding check read them too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hassil import TextSlotList

from sottovoce.agent.names import all_spoken_names, area_forms, kind_only_names, shared_endings
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World
from sottovoce.devices.kinds import KINDS
from sottovoce.tools.main_light import MAIN_LIGHT_NAMES
from sottovoce.tools.outdoors import side_words

WORLD_TEXT_LISTS = ("device", "area", "contact", "scene", "media", "artist", "ref")
NAME_LISTS = frozenset({*WORLD_TEXT_LISTS, *KINDS} - {"ref"})

PRONOUNS = ("it", "them", "that", "this", "those", "these", "they")
# Words for who a contact is to the user, said before the name: "my brother Raj".
KIN_WORDS = (
    "brother sister mum mom mother dad father son daughter wife husband partner friend boss"
    " colleague cousin uncle aunt auntie nan nana gran granny grandma grandpa neighbour neighbor"
).split()
_MY = ("", "the ", "my ", "our ")
EVERYWHERE = ("house", "whole house", "everywhere", "home")


def world_lists(world: World) -> dict[str, TextSlotList]:
    """Slot lists from the world: names of devices by kind, areas, contacts, scenes, media."""
    names = (*WORLD_TEXT_LISTS, *KINDS, *(f"{kind}_part" for kind in KINDS))
    lists: dict[str, list[tuple[str, Any]]] = {name: [] for name in names}
    every = all_spoken_names(world)
    # A name devices in two rooms share ("bedside lamp" in two bedrooms) is passed on as
    # said: the tool picks the one in the user's room, or asks which. (One thing's several
    # sensors, "the weather station", stay its first: the tool picks by what is asked.)
    shared = shared_across_rooms(world, every)
    for device in world.devices.values():
        for spoken in every[device.id]:
            value = spoken if spoken in shared else device.id
            lists.setdefault(device.kind, []).append((spoken, value))
            lists["device"].append((spoken, value))
    # "The tube light" when the hall, kitchen and study each have one: passed on as said.
    for ending in shared_endings(world, every):
        kinds = {
            d.kind
            for d in world.devices.values()
            if any(n.lower().endswith(" " + ending) for n in (d.name, *d.aliases))
        }
        for kind in sorted(kinds):
            lists.setdefault(kind, []).append((ending, ending))
        lists["device"].append((ending, ending))
    # "Unlock the gate" for the gate lock: a lock's own commands only (`{lock_part:name}`).
    for device_id, forms in kind_only_names(world).items():
        kind = world.devices[device_id].kind
        lists.setdefault(f"{kind}_part", []).extend((form, device_id) for form in forms)
    # "The big light": a room's main light, when no device is called so (tools.main_light).
    # "The overhead lights" are the main light too (the plural as people say it).
    for spoken in MAIN_LIGHT_NAMES:
        for form in (spoken, spoken + "s"):
            if not any(form in names for names in every.values()):
                lists.setdefault("light", []).append((form, spoken))
                lists["device"].append((form, spoken))
    for area in world.areas:
        lists["area"].append((area.name, area.name))
    lists["area"].extend(area_forms(world))  # "hallway" for the hall
    for floor in world.floor_words():
        lists["area"].append((floor, floor))
    lists["area"].extend((side, side) for side in side_words(world))  # "the outdoor lights"
    lists["area"].extend((place, place) for place in EVERYWHERE)
    # "Every room in the house", "all areas of the home": the whole house.
    lists["area"].extend((whole, "house") for whole in _every_room())
    lists["contact"] = [(c.name, c.name) for c in world.contacts]
    # "Ring my mum" (heard "the mum": "my" is folded), "call my brother Raj".
    lists["contact"] += [(f"{the}{c.name}", c.name) for c in world.contacts for the in _MY[1:]]
    lists["contact"] += [
        (f"{the}{kin} {c.name}", c.name) for c in world.contacts for kin in KIN_WORDS for the in _MY
    ]
    lists["scene"] = [(s.name, s.name) for s in world.scenes]
    # "Activate kitchen party mode scene": a room said before a scene's name places it.
    scenes = {s.name.lower() for s in world.scenes}
    lists["scene"] += [
        (f"{a.name} {s.name}", s.name)
        for a in world.areas
        for s in world.scenes
        if f"{a.name} {s.name}".lower() not in scenes
    ]
    lists["media"] = [(m.title, m.title) for m in world.media_library]
    said = {n for forms in every.values() for n in forms}
    lists["media"] += [(end, title) for end, title in _title_ends(world) if end not in said]
    lists["artist"] = [(m.artist, m.artist) for m in world.media_library if m.artist]
    lists["ref"] = [(word, "it") for word in PRONOUNS]
    return {name: _text_list(name, pairs) for name, pairs in lists.items()}


_LITTLE = frozenset("of for the a an and to in on at by with from my your our".split())


def _title_ends(world: World) -> list[tuple[str, str]]:
    """'Radio 4' for "BBC Radio 4": a title's last words (two or more) that end no other."""
    titles = [m.title for m in world.media_library]
    ends: dict[str, set[str]] = {}
    for title in titles:
        words = title.lower().split()
        for start in range(1, len(words) - 1):
            if words[start] not in _LITTLE:  # "Kind of Blue" is never "of blue"
                ends.setdefault(" ".join(words[start:]), set()).add(title)
    known = {t.lower() for t in titles}
    return [(end, next(iter(t))) for end, t in ends.items() if len(t) == 1 and end not in known]


def shared_across_rooms(world: World, every: Mapping[str, list[str]]) -> set[str]:
    """Spoken names that devices in different rooms share (`every`: spoken names by id)."""
    rooms: dict[str, set[str | None]] = {}
    for device in world.devices.values():
        for spoken in every[device.id]:
            rooms.setdefault(spoken, set()).add(device.area)
    return {spoken for spoken, areas in rooms.items() if len(areas) > 1}


def _every_room() -> list[str]:
    """'all rooms', 'every area', 'each room in the home', ...: the whole house."""
    rooms = ["all rooms", "all areas", "all the rooms", "every room", "every area", "each room"]
    rooms += ["each area"]
    homes = [f"{word} the {home}" for word in ("in", "of") for home in ("house", "home", "flat")]
    return rooms + [f"{room} {home}" for room in rooms for home in homes]


def _text_list(name: str, pairs: list[tuple[str, Any]]) -> TextSlotList:
    seen: dict[str, Any] = {}
    for spoken, value in pairs:
        key = normalize(spoken)
        if key and key not in seen:
            seen[key] = value
    return TextSlotList.from_tuples(list(seen.items()), name=name)
