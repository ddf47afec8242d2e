"""Names as people say them: the forms of a device's name that the grammars accept.

A world gives each device a name and maybe aliases; people also use the
household's other word for the same thing ("coffee pot" for the coffee
maker, "roomba" for the robot vacuum, "socket" for a plug, "telly" for the
TV), the name without the room when only one thing in the house is called
that ("the radio" for the kitchen radio; never a bare measure: "the
temperature" is not the kitchen temperature sensor), and "lamp" and "light"
interchangeably. Only forms that name exactly one device are added, never a
room's name nor a room and a kind word ("living room light" is every light in
the living room), so a shortened name cannot steal another device's words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sottovoce.devices import Device, World
from sottovoce.tools.main_light import MAIN_LIGHT_NAMES, main_light
from sottovoce.tools.targets import KIND_WORDS, MEASURE_WORDS

_KIND_WORDS = frozenset(word for words in KIND_WORDS.values() for word in words)

# Words for the same household thing; a name ending in one may end in any other.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split(","))
    for group in (
        "coffee maker,coffee machine,coffee pot,espresso machine,coffee,espresso",
        "plug,socket,outlet,smart plug,power socket",
        "tv,television,telly",
        "speaker,speakers,sound system",
        "vacuum,robot vacuum,vacuum cleaner,hoover,roomba,robot hoover,robot",
        "lamp,light",
        "lights,lamps",
        "blinds,shades",
        "blind,shade",
        "curtains,drapes",
        "washing machine,washer",
        "tumble dryer,dryer",
        "air conditioner,air conditioning,ac,air con,aircon",
        "sprinklers,irrigation,sprinkler",
        "kettle,electric kettle",
        "heating,heater",
    )
)


# Other words for the same room; used only where they name one area of the home.
AREA_SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split(","))
    for group in (
        "hall,hallway,entrance hall,entryway,foyer",
        "lounge,living room,sitting room,front room,family room",
        "garden,yard,backyard,back yard,back garden",
        "laundry,laundry room,utility room,utility",
        "toilet,loo,wc,restroom,washroom,downstairs toilet",
        "study,home office,office",
        "bedroom,master bedroom,master's bedroom,main bedroom",
    )
)


def area_forms(world: World) -> list[tuple[str, str]]:
    """(other word, area name) for rooms people call by another word ("hallway" for the hall).

    A word is added only when no area is called so and it fits one area alone.
    """
    names = {a.name.lower(): a.name for a in world.areas}
    found: dict[str, set[str]] = {}
    for lowered, name in names.items():
        for group in AREA_SYNONYMS:
            if lowered in group:
                for other in group - set(names):
                    found.setdefault(other, set()).add(name)
        # "The porch" for the back porch, "the bedroom" for the master bedroom.
        first, _, rest = lowered.partition(" ")
        if rest and first in _AREA_QUALIFIERS and rest not in names:
            found.setdefault(rest, set()).add(name)
        # "Aaji's room" for the aaji room, "Mei room" for Mei's room.
        if rest in _ROOM_WORDS and " " not in rest:
            other = first[:-2] if first.endswith("'s") else first + "'s"
            if f"{other} {rest}" not in names:
                found.setdefault(f"{other} {rest}", set()).add(name)
    return sorted((word, next(iter(areas))) for word, areas in found.items() if len(areas) == 1)


def spoken_names(device: Device, world: World) -> list[str]:
    """The device's name and aliases, then the other forms that name it alone."""
    return _with_extra(device, _extra_forms(world))


def all_spoken_names(world: World) -> dict[str, list[str]]:
    """`spoken_names` of every device, by id: the forms are worked out once for all.

    (Once per device made building a grammar quadratic: 300 devices with five
    aliases each took 14 s.)
    """
    extra = _extra_forms(world)
    return {device.id: _with_extra(device, extra) for device in world.devices.values()}


def kind_only_names(world: World) -> dict[str, list[str]]:
    """Names a device has only among its own kind: the "gate lock" is "the gate" to a lock
    command ("unlock the gate"), though "the gate" itself is a cover. (Only its own kind's
    commands read them: "is the gate open?" still asks about the cover.)"""
    devices = list(world.devices.values())
    names = {d.id: {n.lower() for n in (d.name, *d.aliases)} for d in devices}
    parts = {d.id: {s for n in names[d.id] for s in _without_part(n)} for d in devices}
    # Which kinds hold each name as said, and which kinds have each part form (by device).
    held: dict[str, set[str]] = {}
    for d in devices:
        for name in names[d.id]:
            held.setdefault(name, set()).add(d.kind)
    found: dict[str, list[str]] = {}
    for device in devices:
        for form in parts[device.id]:
            kinds = held.get(form, set())
            rivals = any(
                form in parts[d.id] for d in devices if d.kind == device.kind and d is not device
            )
            if kinds and device.kind not in kinds and not rivals:
                found.setdefault(device.id, []).append(form)
    return found


def shared_endings(world: World, every: dict[str, list[str]]) -> list[str]:
    """Endings that names of one kind share across rooms ("tube light" for the hall, kitchen
    and study tube lights), said alone: the tool takes the one in the user's room or asks.

    `every` holds each device's spoken names; an ending that is itself one is left to it.
    """
    places = {a.name.lower() for a in world.areas} | {f.lower() for f in world.floors()}
    spoken = {form for forms in every.values() for form in forms}
    # Not from inside a room's name: "room fan" of the kids room fan.
    tails = {place.split()[-1] for place in places}
    rooms: dict[tuple[str, str], set[str | None]] = {}
    for device in world.devices.values():
        for name in {n.lower() for n in (device.name, *device.aliases)}:
            words = name.split()
            for size in range(2, len(words)):
                ending = " ".join(words[-size:])
                rooms.setdefault((device.kind, ending), set()).add(device.area)
    return sorted(
        {
            ending
            for (_, ending), areas in rooms.items()
            if len(areas) > 1
            and ending.split()[0] not in tails
            and ending not in spoken
            and ending not in places
            and not _place_and_kind(ending, places)
        }
    )


def _with_extra(device: Device, extra: dict[str, list[str]]) -> list[str]:
    own = [device.name.lower(), *(a.lower() for a in device.aliases)]
    return own + [form for form in extra.get(device.id, []) if form not in own]


def _extra_forms(world: World) -> dict[str, list[str]]:
    """Synonym and room-less forms of every device's names, kept only where unambiguous."""
    places = {a.name.lower() for a in world.areas} | {f.lower() for f in world.floors()}
    places |= {word for word, _ in area_forms(world)}  # "the porch" is the back porch
    taken = {n.lower() for d in world.devices.values() for n in (d.name, *d.aliases)}
    forms: dict[str, set[str]] = {}
    heated = any(d.kind == "thermostat" for d in world.devices.values())
    for device in world.devices.values():
        names = [device.name.lower(), *(a.lower() for a in device.aliases)]
        found = {s for n in names for s in _synonym_forms(n)}
        found |= {s for n in names for s in _without_place(n, places)}
        found |= {s for n in names for s in _without_part(n)}
        found |= {s for n in names for s in _head_alone(n)}
        found |= {s for n in names for s in _without_owner(n)}
        # With the room it is in, by any of those names: "the radiator in Mei's room".
        found |= {s for n in [*names, *found] for s in _in_its_room(n, device.area)}
        found |= {s for n in names for s in _room_last(n, places)}
        found |= {s for n in names for s in _numbered(n)}
        if device.kind == "sensor":
            found |= {s for n in names for s in _without_measure(n)}
        if device.kind == "binary_sensor":
            found |= {s for n in names for s in _without_watch(n)}
        if device.kind == "light":
            found |= {s for n in names for s in _said_as_light(n)}
        if heated and device.kind != "thermostat":
            # "Turn off the heating" in a home with a thermostat is the heating system,
            # not the space heater ("heater" and "heating" are synonyms otherwise).
            found = {f for f in found if f.split()[-1] != "heating"}
        forms[device.id] = {f for f in found - taken - places if not _place_and_kind(f, places)}
    for device_id, said in _main_light_forms(world, taken).items():
        forms[device_id] |= said
    owners = Counter(form for found in forms.values() for form in found)
    heads = _head_owners(world)
    return {
        device_id: sorted(
            f for f in found if owners[f] == 1 and heads.get(f, {device_id}) == {device_id}
        )
        for device_id, found in forms.items()
    }


def _main_light_forms(world: World, taken: set[str]) -> dict[str, set[str]]:
    """'The living room big light', 'the big light in the bedroom': a room's main light
    said as such with the room (tools.main_light), where no device is called so."""
    forms: dict[str, set[str]] = {}
    for area in world.areas:
        room = area.name.lower()
        lights = [d for d in world.devices.values() if d.kind == "light" and d.area == area.name]
        found = main_light(lights, area.name)
        if found is None:
            continue
        for spoken in (s for s in MAIN_LIGHT_NAMES if s not in taken):
            said = {f"{room} {spoken}", f"{spoken} in the {room}", f"{spoken} in {room}"}
            forms.setdefault(found.id, set()).update(said)
    return forms


def _head_owners(world: World) -> dict[str, set[str]]:
    """Which devices' names end in each word (or its synonym): "lamp" is every lamp's."""
    owners: dict[str, set[str]] = {}
    for device in world.devices.values():
        for name in (device.name, *device.aliases):
            head = name.lower().split()[-1]
            for word in {head, *(w for g in SYNONYMS if head in g for w in g)}:
                owners.setdefault(word, set()).add(device.id)
    return owners


def _place_and_kind(form: str, places: set[str]) -> bool:
    """'living room light': a room and a kind word mean every such device there, not one."""
    return any(
        form.startswith(place + " ") and form[len(place) + 1 :] in _KIND_WORDS for place in places
    )


def _synonym_forms(name: str) -> Iterable[str]:
    """'kitchen plug' -> 'kitchen socket', 'kitchen outlet', ...: the head noun swapped."""
    for group in SYNONYMS:
        for word in sorted(group, key=len, reverse=True):  # "robot vacuum" before "vacuum"
            if name == word or name.endswith(" " + word):
                stem = name[: len(name) - len(word)]
                yield from (stem + other for other in group if other != word)
                break


# What a device is rather than what it does: people leave it off ("shut off the main water"
# for the main water valve, "turn on the kettle" for the kettle plug).
# ("Front door lock": the front door; "garage door opener": the garage door.)
_PARTS = ("valve", "smart plug", "plug", "socket", "outlet", "switch", "lock", "opener")
# A word left alone that says which one, not what: "the main", "the front" name nothing.
_QUALIFIERS = frozenset(
    "main big small little left right front back side top bottom upper lower new old"
    " first second third north south east west inner outer middle".split()
)


_ROOM_WORDS = frozenset("room bedroom office study".split())
_AREA_QUALIFIERS = _QUALIFIERS | {"upstairs", "downstairs", "master", "guest", "rear"}


def _without_part(name: str) -> Iterable[str]:
    """'main water valve' -> 'main water': the name without a trailing part word."""
    for part in _PARTS:
        if name.endswith(" " + part):
            rest = name[: -len(part) - 1]
            if rest.split()[-1] not in _QUALIFIERS and rest not in MEASURE_WORDS:
                yield rest
            return
    # "The bathroom extractor" for the bathroom extractor fan: a fan named by what it
    # does ("ceiling fan" is not "the ceiling").
    rest = name.removesuffix(" fan")
    if rest != name and rest.split()[-1].endswith(("or", "er")):
        yield rest


def _without_owner(name: str) -> Iterable[str]:
    """ "priya's desk light" -> "desk light" (the thing without whose it is: "my desk light")
    and "priya's light" (whose it is and what it is)."""
    owner, _, rest = name.partition("'s ")
    if rest and " " not in owner:
        # Not "room light" of "jack's room light": the owner's is the room, and "the room
        # light" is the light of the room it is said in.
        if rest.split()[0] not in _ROOM_WORDS:
            yield rest
            yield from _synonym_forms(rest)
        if " " in rest:
            yield from _synonym_forms(f"{owner}'s {rest.split()[-1]}")
            yield f"{owner}'s {rest.split()[-1]}"


def _head_alone(name: str) -> Iterable[str]:
    """'electric blanket' -> 'blanket': a two-word name by its noun, if no kind or measure."""
    words = name.split()
    if len(words) == 2 and len(words[1]) >= 4 and words[0] not in _AREA_QUALIFIERS:
        if words[1] not in _KIND_WORDS and words[1] not in MEASURE_WORDS:
            yield words[1]


def _room_last(name: str, places: set[str]) -> Iterable[str]:
    """'sonos kitchen' (a name as Home Assistant users write them) -> 'kitchen sonos' and
    'sonos'."""
    for place in places:
        rest = name.removesuffix(" " + place)
        if rest != name and 0 < len(rest.split()) <= 2:
            yield from (f"{place} {rest}", rest)


def _numbered(name: str) -> Iterable[str]:
    """'irrigation zone 1' -> 'zone 1': a numbered name by its last word and number."""
    words = name.split()
    if len(words) >= 3 and words[-1].isdigit():
        yield " ".join(words[-2:])


# Words that say a light is one: a light named without them ("bedroom ceiling") is also
# said with "light" after it.
_LIGHT_WORDS = frozenset(
    "light lights lamp lamps lighting pendant pendants chandelier sconce sconces strip"
    " spotlight spotlights downlights bulb bulbs backlight".split()
)


def _said_as_light(name: str) -> Iterable[str]:
    """'bedroom ceiling' -> 'bedroom ceiling light(s)'; 'master bath vanity' -> '... light'."""
    if name.split()[-1] not in _LIGHT_WORDS:
        yield from (f"{name} light", f"{name} lights")


def _without_measure(name: str) -> Iterable[str]:
    """'pool temperature' -> 'pool' ("how warm is the pool"), 'washing machine power' ->
    'washing machine': what a sensor measures, named by the thing."""
    words = name.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in MEASURE_WORDS:
            yield " ".join(words[:-size])
            return


# What a binary sensor watches for, said before its sensor word: "washer leak sensor".
_WATCHED = frozenset("leak water flood moisture".split())
_SENSOR_WORDS = frozenset("sensor detector".split())


def _without_watch(name: str) -> Iterable[str]:
    """'washer leak sensor' -> 'washer' ("is the washer leaking"): the thing it watches."""
    words = name.split()
    if len(words) > 2 and words[-1] in _SENSOR_WORDS and words[-2] in _WATCHED:
        yield " ".join(words[:-2])


def _in_its_room(name: str, area: str | None) -> Iterable[str]:
    """'dehumidifier in tomasz's room': a name said with the room it is in."""
    room = area.lower() if area else ""
    if room and not name.startswith(room) and name not in _KIND_WORDS:
        yield from (f"{name} in the {room}", f"{name} in {room}")


def _without_place(name: str, places: set[str]) -> Iterable[str]:
    """'kitchen radio' -> 'radio' (and 'radio in the kitchen'): the name without a leading
    room or floor."""
    for place in places:
        if name.startswith(place + " ") and len(name) > len(place) + 1:
            rest = name[len(place) + 1 :]
            if rest in MEASURE_WORDS:
                continue  # "the temperature" is every room's, not the kitchen sensor's
            if rest in _KIND_WORDS and rest.endswith("s") and rest != "sprinklers":
                continue  # "the lights" are the room's lights, not the backyard lights
            yield rest
            yield from _synonym_forms(rest)
            if rest not in _KIND_WORDS:  # "the light in the kitchen" is every light there
                # "The big light in the front room" for the front room big light.
                yield from (f"{rest} in the {place}", f"{rest} in {place}")
