"""Whether a device is in a state named by a word, and whether a noun can name it.

Used to answer questions about many devices at once ("which doors are
locked?", "are any batteries low?"): the noun says which devices the user
means, the state word what to check, and a device the word says nothing
about (a light is neither locked nor unlocked) is left out of the answer.
"""

from __future__ import annotations

from sottovoce.devices import Device
from sottovoce.tools.builtin.binary_classes import CLASSES, meaning
from sottovoce.tools.targets import KIND_WORDS

ON = ("on", "turned on", "switched on", "lit", "left on")
OFF = ("off", "turned off", "switched off", "out")
OPEN = ("open", "opened", "left open", "ajar")
CLOSED = ("closed", "shut")

# Words for every kind besides binary sensors, each meaning True (the first tuple)
# or False (the second) of the kind's test below.
_KIND_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "light": (ON, OFF),
    "switch": (ON, OFF),
    "fan": ((*ON, "spinning", "running"), OFF),
    "thermostat": ((*ON, "heating", "cooling"), OFF),
    "cover": (OPEN, CLOSED),
    "valve": ((*OPEN, "on", "running"), (*CLOSED, "off")),
    "lock": (("locked", "securely locked"), ("unlocked", "open")),
    "media_player": (("playing", "on"), ("off", "stopped", "idle", "paused", "quiet")),
    "vacuum": (("cleaning", "running", "on", "vacuuming"), ("docked", "off", "charging")),
}

# Nouns that name every device: the state word alone chooses.
ANYTHING = frozenset({"thing", "device", "everything", "anything", "sensor", "something"})
# Nouns that name every device of a kind (a door is a lock, as Home Assistant's
# <lockable> has it) ...
_EXTRA_NOUNS: dict[str, tuple[str, ...]] = {
    "lock": ("door",),
    "media_player": ("media player",),
    "thermostat": ("radiator", "boiler"),
    "valve": ("tap",),
}
# ... nouns for a sort of a kind: they name the devices of the kind called so, or,
# where none is, any of the kind (people call blinds curtains) ...
_SORTS: dict[str, tuple[str, ...]] = {
    "cover": ("blind", "curtain", "shade", "shutter", "roller"),
    "media_player": ("tv", "television", "telly", "speaker", "radio", "stereo"),
    "switch": ("plug", "socket"),
    "valve": ("sprinkler",),
}
# ... and nouns that name only the devices of the kind called so (a blind is no window).
_CALLED_ONLY: dict[str, tuple[str, ...]] = {
    "cover": ("window", "door", "garage door", "gate", "awning", "skylight"),
    "lock": ("window", "gate", "garage door"),
}


def by_class(device: Device, word: str) -> bool:
    """Whether a binary sensor's own class gives the word a meaning (not just on/off)."""
    cls = str(device.state().get("device_class", ""))
    return device.kind == "binary_sensor" and meaning(cls, word) is not None


def is_true(device: Device, word: str) -> bool | None:
    """Whether the device is in the state the word names; None if the word does not apply."""
    state = device.state()
    if device.kind == "binary_sensor":
        cls = str(state.get("device_class", "")).lower()
        said = meaning(cls, word)
        if said is None and word in ("on", "off") and cls not in CLASSES:
            said = word == "on"  # a class without words of its own is on or off
        return None if said is None else bool(state.get("on")) == said
    words = _KIND_STATES.get(device.kind)
    if words is None:
        return None
    if word not in words[0] and word not in words[1]:
        return None
    return _test(device, word) == (word in words[0])


def _test(device: Device, word: str) -> bool:
    """The kind's own yes/no state, read for the word's family."""
    state = device.state()
    kind = device.kind
    if kind in ("cover", "valve"):
        return int(state.get("position", 0)) > 0
    if kind == "lock":
        return bool(state.get("locked"))
    if kind == "thermostat":
        mode = str(state.get("mode", "off"))
        return mode == {"heating": "heat", "cooling": "cool"}.get(word, mode) and mode != "off"
    if kind == "media_player":
        return str(state.get("status")) == "playing"
    if kind == "vacuum":
        return str(state.get("status")) == "cleaning"
    return bool(state.get("on"))


def singular(noun: str) -> str:
    """'batteries' -> 'battery', 'switches' -> 'switch', 'lights' -> 'light'."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def plural(noun: str) -> str:
    """'battery' -> 'batteries', 'switch' -> 'switches', 'light' -> 'lights'."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "ss", "x")):
        return noun + "es"
    return noun if noun.endswith("s") else noun + "s"


def fits(device: Device, noun: str, sort_named: bool = True) -> bool:
    """Whether the noun (singular) can name the device: its kind, its class, or its name.

    `sort_named` says whether some device of the kind is called by the noun when the
    noun names a sort of the kind ("curtain" among covers); if none is, any fits.
    """
    if noun in ANYTHING:
        return True
    kind = device.kind
    if noun in _SORTS.get(kind, ()):
        return _called(device, noun) or not sort_named
    if noun in _CALLED_ONLY.get(kind, ()):
        return _called(device, noun)
    kind_words = {singular(w) for w in KIND_WORDS.get(kind, ())}
    if noun in kind_words or noun in _EXTRA_NOUNS.get(kind, ()):
        return True
    if kind == "binary_sensor":
        cls = str(device.state().get("device_class", "")).lower()
        nouns = CLASSES[cls].nouns if cls in CLASSES else ()
        if noun in {singular(n) for n in nouns}:
            return True
    return _called(device, noun)


def _called(device: Device, noun: str) -> bool:
    names = [device.name.lower(), *(a.lower() for a in device.aliases)]
    return any(f" {noun} " in f" {singular_words(n)} " for n in names)


def is_sort(kind: str, noun: str) -> bool:
    """Whether the noun names a sort of the kind (see `fits`)."""
    return noun in _SORTS.get(kind, ())


def called(device: Device, noun: str) -> bool:
    """Whether one of the device's names has the noun in it (singular or plural)."""
    return _called(device, noun)


def singular_words(name: str) -> str:
    """A name with each word made singular, so 'doors' in a question finds 'patio doors'."""
    return " ".join(singular(w) for w in name.split())


# Kind words that name no device in a question ("what music is on" asks what plays).
_NOT_NOUNS = frozenset({"music", "heat", "heating", "water", "ac"})


def noun_words() -> list[str]:
    """Every noun a question may name devices by, singular."""
    found = set(ANYTHING)
    for words in (
        *KIND_WORDS.values(),
        *_EXTRA_NOUNS.values(),
        *_SORTS.values(),
        *_CALLED_ONLY.values(),
    ):
        found.update(singular(w) for w in words)
    for spec in CLASSES.values():
        found.update(singular(n) for n in spec.nouns)
    return sorted(found - _NOT_NOUNS)


def state_word_list() -> list[str]:
    """Every state word of every kind and class."""
    found = {w for pair in _KIND_STATES.values() for side in pair for w in side}
    found.update(w for spec in CLASSES.values() for w in (*spec.on, *spec.off))
    return sorted(found, key=lambda w: (-len(w), w))
