"""Finding the devices a command is about, and naming them in a reply.

Shared by the device tools: a name (or alias, or id, or a near miss), an
area or floor, "it" (what the conversation last touched), or nothing at all
(where the user is). Failures are `ToolError`s whose text is spoken.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from sottovoce.devices import Device
from sottovoce.tools.context import ToolContext
from sottovoce.tools.errors import ToolError, WhichOne
from sottovoce.tools.main_light import MAIN_LIGHT_NAMES, main_light
from sottovoce.tools.outdoors import side_areas

PRONOUNS = frozenset({"it", "them", "that", "this", "those", "these", "they", "one"})
EVERYWHERE = frozenset(
    {"house", "home", "everywhere", "all", "whole house", "every room", "all rooms", "the house"}
)
FUZZY_CUTOFF = 82.0
_LISTED = 3  # devices named one by one in a reply; more are counted ("the 5 lights")

# What people call each kind when they name no particular device.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "light": ("light", "lights", "lamp", "lamps", "lighting"),
    "switch": ("switch", "switches", "plug", "plugs", "socket"),
    "fan": ("fan", "fans"),
    "thermostat": ("thermostat", "heating", "heat", "heater", "ac", "air conditioning"),
    "media_player": ("speaker", "speakers", "music", "player", "tv", "radio"),
    "cover": ("blinds", "blind", "curtains", "curtain", "shades", "shade", "shutters", "cover"),
    "lock": ("lock", "locks", "door", "doors"),
    "sensor": ("sensor", "sensors"),
    "binary_sensor": ("sensor", "sensors"),
    "vacuum": ("vacuum", "robot", "hoover", "vacuum cleaner", "robot vacuum"),
    "valve": ("valve", "valves", "water", "sprinkler", "sprinklers"),
}

# Kind words that say what sort of thing it is, not only its kind: "the lamp" is no
# ceiling light, "the TV" no kitchen speaker. Said with no name, they mean a device
# called so (here, else the one in the home, else the user is asked which).
TYPE_WORDS = frozenset(
    {
        "lamp",
        "tv",
        "radio",
        "door",
        "plug",
        "socket",
        "heater",
        "blind",
        "curtain",
        "shade",
        "speaker",
    }
)

# Labels whose plural is not the label and "s" ("the 4 blinds and covers").
KIND_PLURALS = {"blind or cover": "blinds and covers", "switch": "switches"}

KIND_LABELS: dict[str, str] = {
    "media_player": "media player",
    "binary_sensor": "sensor",
    "cover": "blind or cover",
}


# Words for what a sensor measures. A device's name without its room that is
# only one of these ("temperature" of "outside temperature") would name the
# measure everywhere, not that device: such a form is never made.
MEASURE_WORDS = frozenset(
    {"temperature", "temp", "humidity", "power", "energy", "pressure", "co2", "battery",
     "light level", "air quality", "noise", "moisture", "illuminance", "level", "reading"}
)  # fmt: skip


def status_sentences(*kinds: str, words: str = "") -> list[str]:
    """'what is the status of X', 'X status', 'what state is X in': for a kind's status tool.

    `words` ("(light|lights)") adds the kind in a room: "the status of the kitchen lights".
    """
    names = "(" + "|".join(f"{{{kind}:name}}" for kind in kinds) + ")"
    if words:
        names = f"({names}|{{area}} {words}|{words} (in|on) [the] {{area}})"
    asks = "[<what_is>|check|give me|report|show me|get]"
    return [
        f"{asks} [the] [current] (status|state) (of|on|for) [the] {names}",
        f"{asks} [the] {names} [current] (status|state)",
        f"(what|which) (state|status) is [the] {names} [currently] in",
    ]


def kind_label(kinds: Sequence[str]) -> str:
    """A spoken word for a set of kinds ("light", "lock", "device")."""
    if len(kinds) == 1:
        return KIND_LABELS.get(kinds[0], kinds[0])
    return "device"


def of_kinds(ctx: ToolContext, kinds: Sequence[str]) -> list[Device]:
    """All devices of the given kinds, in world order."""
    return [d for d in ctx.world.devices.values() if d.kind in kinds]


def find_devices(
    ctx: ToolContext, kinds: Sequence[str], name: str | None = None, area: str | None = None
) -> list[Device]:
    """The devices meant by a name and/or area; nothing given means where the user is."""
    found = _find(ctx, kinds, name, area)
    ctx.touch(found)
    return found


def find_one(
    ctx: ToolContext, kinds: Sequence[str], name: str | None = None, area: str | None = None
) -> Device:
    """Like find_devices, for commands that make sense for one device only."""
    found = find_devices(ctx, kinds, name, area)
    if len(found) > 1:
        raise WhichOne(f"Which one? I know {phrase(found)}.", ids(found))
    return found[0]


def _find(
    ctx: ToolContext, kinds: Sequence[str], name: str | None, area: str | None
) -> list[Device]:
    name = _clean(name)
    area = _clean(area)
    if name and name in PRONOUNS:
        return _referent(ctx, kinds)
    word = None
    if name and _is_kind_word(name, kinds):
        word, name = name, None
        # "The fan" to a tool for fans, lights and switches: the fans.
        kinds = [k for k in kinds if word in KIND_WORDS.get(k, ())] or kinds
    if name:
        return _by_name(ctx, kinds, name, area)
    if area:
        found = _in_area(ctx, kinds, area)
        # "The lamp in the den": the den's lamps, not its ceiling light (a floor's "lamp"
        # is its lights, as Home Assistant reads "the lamp on the first floor").
        # So are "all the blinds" in the house: not its curtains and skylight.
        room = ctx.world.area(area) is not None or area in EVERYWHERE
        sort = _singular(word)
        called = [d for d in found if room and sort in TYPE_WORDS and _called(d, sort)]
        return called or found
    return _here(ctx, kinds, word)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.lower().split())
    for prefix in ("the ", "my ", "our ", "all the ", "all "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text or None


def _is_kind_word(name: str, kinds: Sequence[str]) -> bool:
    return any(name in KIND_WORDS.get(kind, ()) for kind in kinds) or name in (
        "device",
        "devices",
        "everything",
    )


def _referent(ctx: ToolContext, kinds: Sequence[str]) -> list[Device]:
    devices = [ctx.world.devices[i] for i in ctx.referent if i in ctx.world.devices]
    fitting = [d for d in devices if d.kind in kinds]
    if not fitting:
        if devices:
            raise ToolError(f"I can't do that with {phrase(devices)}.")
        raise ToolError("I'm not sure which device you mean.")
    return fitting


def _by_name(ctx: ToolContext, kinds: Sequence[str], name: str, area: str | None) -> list[Device]:
    candidates = of_kinds(ctx, kinds)
    exact = [d for d in candidates if name == d.id or name in _names(d)]
    if len({d.area for d in exact}) > 1:
        return _same_name(ctx, exact, name, area)
    said_room = ctx.world.area(area) if area else None
    if exact and said_room is not None and all(d.area != said_room.name for d in exact):
        # "Put the telly on in the kitchen" with the telly in the lounge: not that one.
        said = exact[0].name if name == exact[0].id else name
        raise ToolError(f"There is no {said} in {the_name(said_room.name)}.")
    if exact:
        return exact
    if ctx.world.area(name) is not None or name in ctx.world.floor_words() or name in EVERYWHERE:
        return _in_area(ctx, kinds, name)
    grouped = _area_and_kind_word(ctx, kinds, name)
    if grouped is not None:
        return grouped
    if name in MAIN_LIGHT_NAMES and "light" in kinds:
        room = (area or ctx.area or "").lower()  # the area as said is in lower case
        lights = [d for d in candidates if d.kind == "light" and (d.area or "").lower() == room]
        found = main_light(lights, room) if room else None
        if found is not None:
            return [found]
    # "The tube light" with one in the hall, the kitchen and the study: as one name in
    # several rooms (the one in the room said or the user's, else a question).
    ended = [d for d in candidates if " " in name and _ends_in(d, name, area)]
    if len({d.area for d in ended}) > 1:
        return _same_name(ctx, ended, name, area)
    if ended:
        return ended
    near = _fuzzy(candidates, name)
    if near is not None:
        return [near]
    other = [d for d in ctx.world.devices.values() if name in _names(d)]
    if other:
        raise ToolError(f"I can't do that with {the_name(other[0].name)}.")
    raise ToolError(f"There is no {name} here.")


def _same_name(ctx: ToolContext, named: list[Device], name: str, area: str | None) -> list[Device]:
    """Devices of one name in several rooms: those in the room said, else in the user's
    room, else the user is asked which ("the bedside lamp in the main bedroom or ...")."""
    for place in (area, ctx.area):
        there = [d for d in named if place and (d.area == place or _floor(ctx, d.area) == place)]
        if there:
            return there
    choices = [
        f"{the_name(d.name)} in {the_name(d.area)}" if d.area else the_name(d.name) for d in named
    ]
    listed = ", ".join(choices[:-1]) + " or " + choices[-1]
    raise WhichOne(f"Which {name}: {listed}?", ids(named))


def _singular(word: str | None) -> str | None:
    """A type word said in the plural as its singular ("blinds" -> "blind")."""
    if word and word.endswith("s") and word[:-1] in TYPE_WORDS:
        return word[:-1]
    return word


def _called(device: Device, word: str) -> bool:
    """Whether a spoken name of the device contains the word, singular or plural."""
    stem = word[:-1] if word.endswith("s") else word
    return any(stem in name.split() or stem + "s" in name.split() for name in _names(device))


def _ends_in(device: Device, ending: str, area: str | None) -> bool:
    """Whether a name of the device ends in the words (and it is in the area, if one)."""
    here = area is None or device.area == area
    return here and any(name.endswith(" " + ending) for name in _names(device))


def _names(device: Device) -> set[str]:
    return {device.name.lower(), *(alias.lower() for alias in device.aliases)}


def _area_and_kind_word(ctx: ToolContext, kinds: Sequence[str], name: str) -> list[Device] | None:
    """'kitchen lights' or 'upstairs lamps': an area or floor followed by a kind word."""
    for kind in kinds:
        for word in KIND_WORDS.get(kind, ()):
            if name.endswith(" " + word):
                place = name[: -len(word) - 1].strip()
                if ctx.world.area(place) is not None or place in ctx.world.floor_words():
                    return _in_area(ctx, kinds, place)
    return None


def _fuzzy(candidates: list[Device], name: str) -> Device | None:
    choices: dict[str, Device] = {}
    for device in candidates:
        for spoken in _names(device):
            choices[spoken] = device
    if not choices:
        return None
    best = process.extractOne(name, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return choices[best[0]] if best is not None else None


def areas_named(ctx: ToolContext, place: str) -> list[str]:
    """The area names an area, floor or "the house" stands for; ToolError if none."""
    place = _clean(place) or ""
    world = ctx.world
    found = world.area(place)
    if found is not None:
        return [found.name]
    floors = world.floor_words().get(place)
    if floors is not None:
        return [a.name for a in world.areas if a.floor in floors]
    if (sides := side_areas(world, place)) is not None:
        return sides  # "the outdoor lights": those of the garden and the patio
    if place in EVERYWHERE:
        return [a.name for a in world.areas]
    raise ToolError(f"I don't know a room called {place}.")


def _in_area(ctx: ToolContext, kinds: Sequence[str], place: str) -> list[Device]:
    if place in EVERYWHERE:
        found = of_kinds(ctx, kinds)
    else:
        names = set(areas_named(ctx, place))
        found = [d for d in of_kinds(ctx, kinds) if d.area in names]
    if not found:
        raise ToolError(f"There is no {kind_label(kinds)} in {the_name(place)}.")
    return found


def _here(ctx: ToolContext, kinds: Sequence[str], word: str | None = None) -> list[Device]:
    every = of_kinds(ctx, kinds)
    here = [d for d in every if ctx.area is not None and d.area == ctx.area]
    if word is not None and _singular(word) in TYPE_WORDS:  # "close the curtains": those
        return _of_type(ctx, kinds, word, here, every)
    if here:
        return here
    if len(every) == 1:
        return every
    # None here, but "the blinds" may still name the one device called so.
    called = [d for d in every if word and _called(d, word)]
    if len(called) == 1:
        return called
    # Nor in the room, but one in the house and the rest outside it (on no floor): the
    # house's heating, not the shed's. (One per floor is no answer: the user is asked.)
    floor = _floor(ctx, ctx.area)
    indoors = [d for d in every if floor is not None and _floor(ctx, d.area) is not None]
    if len(indoors) == 1 and _floor(ctx, indoors[0].area) == floor:
        return indoors
    if not every:
        raise ToolError(f"There is no {kind_label(kinds)} here.")
    where = f" in {the_name(ctx.area)}" if ctx.area else ""
    raise WhichOne(f"Which {kind_label(kinds)}? There is none{where}.", ids(called or every))


def _floor(ctx: ToolContext, area: str | None) -> str | None:
    found = ctx.world.area(area) if area else None
    return found.floor if found is not None else None


def _of_type(
    ctx: ToolContext, kinds: Sequence[str], word: str, here: list[Device], every: list[Device]
) -> list[Device]:
    """'The lamp': the lamps here; else the one lamp in the home; else the user is asked
    which. A home with no lamp at all means its lights here, as "the lights" would."""
    called = [d for d in every if _called(d, word)]
    called_here = [d for d in here if d in called]
    if called_here:
        return called_here
    if len(called) == 1 or (len(every) == 1 and not called):
        return called or every
    if here and not called:
        return here
    if not every:
        raise ToolError(f"There is no {kind_label(kinds)} here.")
    choices = called or every
    if len(choices) <= _LISTED:
        raise WhichOne(f"Which {_spelled(word)}: {phrase(choices, 'or')}?", ids(choices))
    where = f" in {the_name(ctx.area)}" if ctx.area else " here"
    raise WhichOne(f"Which {_spelled(word)}? There is none{where}.", ids(choices))


def ids(devices: Sequence[Device]) -> tuple[str, ...]:
    """The devices' ids, for a question that asks which of them."""
    return tuple(d.id for d in devices)


def phrase(devices: Sequence[Device], last: str = "and") -> str:
    """'the reading lamp', 'the desk lamp and the floor lamp', or 'the 5 lights'."""
    if len(devices) == 1:
        return the_name(devices[0].name)
    if len(devices) <= _LISTED:
        names = [the_name(d.name) for d in devices]
        return ", ".join(names[:-1]) + f" {last} " + names[-1]
    kinds = sorted({d.kind for d in devices})
    return f"the {len(devices)} {KIND_PLURALS.get(kind_label(kinds), kind_label(kinds) + 's')}"


def the_name(name: str) -> str:
    """'the desk lamp', but "Tom's light" as it is: a possessive takes no article."""
    first = name.split()[0].lower() if name.split() else ""
    return name if first.endswith(("'s", "s'")) and len(first) > 2 else f"the {name}"


def sentence(devices: Sequence[Device], singular: str, plural: str) -> str:
    """'The reading lamp is on.' / 'The 5 lights are on.' from two verb forms.

    One device with a plural name ("the living room blinds", "the fairy lights")
    takes the plural verb.
    """
    text = phrase(devices)
    one = len(devices) == 1 and not plural_name(devices[0].name)
    verb = singular if one else plural
    return f"{text[0].upper()}{text[1:]} {verb}."


def plural_name(name: str) -> bool:
    """Whether a device's name is a plural noun ("blinds", "fairy lights", not "glass", "Sonos")."""
    last = name.split()[-1].lower() if name.split() else ""
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "os"))


def _spelled(word: str) -> str:
    return word.upper() if word == "tv" else word
