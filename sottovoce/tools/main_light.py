"""'The big light': a room's main light, when no device is called so.

British and Irish speakers call the ceiling light of a room "the big light" (as
against its lamps); others say "the main light" or "the overhead light". A home
that has no device of that name still has the light meant: the room's one light
named as a ceiling light, or as the room itself ("bedroom light"), or its one
light that is no lamp.
"""

from __future__ import annotations

from collections.abc import Sequence

from sottovoce.devices import Device

MAIN_LIGHT_NAMES = ("big light", "main light", "overhead light", "top light", "ceiling light")
_CEILING_WORDS = frozenset(
    "ceiling overhead main big top pendant pendants chandelier downlights spotlights".split()
)
_LAMP_WORDS = frozenset(
    "lamp lamps strip string fairy night bedside reading desk floor standing table cabinet"
    " cupboard under led".split()
)


def main_light(lights: Sequence[Device], room: str) -> Device | None:
    """The main light among a room's lights, or None if none stands out."""
    for test in (_ceiling, lambda d: _room_light(d, room), _no_lamp):
        found = [d for d in lights if test(d)]
        if len(found) == 1:
            return found[0]
    return None


def _words(device: Device) -> set[str]:
    return {w for name in (device.name, *device.aliases) for w in name.lower().split()}


def _ceiling(device: Device) -> bool:
    return bool(_words(device) & _CEILING_WORDS)


def _room_light(device: Device, room: str) -> bool:
    names = {n.lower() for n in (device.name, *device.aliases)}
    return f"{room.lower()} light" in names


def _no_lamp(device: Device) -> bool:
    return not _words(device) & _LAMP_WORDS
