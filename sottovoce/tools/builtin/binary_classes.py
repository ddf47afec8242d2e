"""What a binary sensor's "on" means for each device class, in the words people use.

Home Assistant's binary sensor device classes are the reference (SPEC's
`device_class`): a battery sensor that is on means the battery is low, a lock
sensor that is on means it is unlocked, a door's means it is open. Questions
use these words ("is the phone battery low?", "are any doors open?") and the
replies say the state back in them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClassWords:
    """How one device class is asked about and spoken of."""

    on: tuple[str, ...]  # state words meaning "on" (the first is said in replies)
    off: tuple[str, ...]  # state words meaning "off" (the first is said in replies)
    nouns: tuple[str, ...] = ()  # what a group of them is called ("batteries")
    subject: str = ""  # appended to the device's name in replies ("the phone battery")


_OPEN = ClassWords(("open", "opened", "ajar", "left open"), ("closed", "shut"))
_DETECTED = ("detected", "triggered", "on", "going off", "alarming")
_CLEAR = ("clear", "not detected", "off", "ok", "okay", "fine")

CLASSES: dict[str, ClassWords] = {
    "battery": ClassWords(
        ("low", "running low", "flat", "dead", "empty", "almost empty"),
        ("normal", "ok", "okay", "fine", "good", "charged", "full"),
        ("battery", "batteries"),
        "battery",
    ),
    "battery_charging": ClassWords(
        ("charging", "on charge"), ("not charging", "discharging"), ("battery", "batteries")
    ),
    "carbon_monoxide": ClassWords(
        ("detecting carbon monoxide", *_DETECTED),
        _CLEAR,
        (
            "carbon monoxide sensor",
            "carbon monoxide detector",
            "carbon monoxide alarm",
            "co sensor",
            "co detector",
            "co alarm",
        ),
    ),  # fmt: skip
    "cold": ClassWords(("cold", "too cold", "freezing"), ("normal", "not cold", "warm")),
    "connectivity": ClassWords(
        ("connected", "online", "on line"),
        ("disconnected", "offline", "off line", "not connected"),
        ("device", "devices", "connection", "connections"),
    ),
    "door": ClassWords(_OPEN.on, _OPEN.off, ("door", "doors")),
    "garage_door": ClassWords(_OPEN.on, _OPEN.off, ("garage door", "garage doors", "door")),
    "gas": ClassWords(
        ("detecting gas", *_DETECTED), _CLEAR, ("gas sensor", "gas detector", "gas alarm")
    ),
    "heat": ClassWords(("hot", "too hot", "overheating"), ("normal", "not hot", "cool")),
    "light": ClassWords(
        ("detecting light", "light detected", "detected", "seeing light"),
        ("dark", "not detected", "no light"),
        ("light sensor", "light sensors"),
    ),
    "lock": ClassWords(("unlocked", "open"), ("locked", "securely locked", "closed")),
    "moisture": ClassWords(
        ("wet", "leaking", "flooded", "detecting water", "detecting a leak", *_DETECTED),
        ("dry", "clear", "not leaking", "ok", "okay", "fine"),
        ("water sensor", "leak sensor", "leak detector", "flood sensor", "moisture sensor"),
    ),
    "motion": ClassWords(
        ("detecting motion", "motion detected", *_DETECTED),
        ("clear", "quiet", "off"),
        ("motion sensor", "motion detector", "movement sensor", "pir"),
    ),  # fmt: skip
    "moving": ClassWords(("moving",), ("still", "not moving", "stopped")),
    "occupancy": ClassWords(
        ("occupied", "detected", "triggered", "on"),
        ("empty", "clear", "unoccupied", "off"),
        ("occupancy sensor", "presence sensor"),
    ),  # fmt: skip
    "opening": ClassWords(_OPEN.on, _OPEN.off, ("opening", "openings")),
    "plug": ClassWords(("plugged in",), ("unplugged", "not plugged in")),
    "power": ClassWords(
        ("powered", "powered on", "on power", "getting power", "detected"),
        ("unpowered", "powered off", "without power", "off", "not detected"),
    ),
    "presence": ClassWords(
        ("home", "at home", "in", "present"), ("away", "out", "not home", "gone")
    ),
    "problem": ClassWords(
        ("having a problem", "reporting a problem", "faulty", "broken", "in trouble"),
        ("ok", "okay", "fine", "working"),
    ),
    "running": ClassWords(("running", "on"), ("not running", "off", "stopped", "idle")),
    "safety": ClassWords(("unsafe", "not safe"), ("safe",)),
    "smoke": ClassWords(
        ("detecting smoke", "smoke detected", *_DETECTED),
        _CLEAR,
        ("smoke sensor", "smoke detector", "smoke alarm", "fire alarm"),
    ),  # fmt: skip
    "sound": ClassWords(
        ("hearing sound", "detecting sound", *_DETECTED),
        _CLEAR,
        ("sound sensor", "noise sensor", "sound detector"),
    ),  # fmt: skip
    "tamper": ClassWords(("tampered with", "being tampered with"), ("clear", "ok", "okay")),
    "update": ClassWords(
        ("available", "out of date", "needing an update"),
        ("up to date", "installed"),
        ("update", "updates"),
    ),
    "vibration": ClassWords(("vibrating", "detecting vibration", *_DETECTED), _CLEAR),
    "window": ClassWords(_OPEN.on, _OPEN.off, ("window", "windows")),
}


def words_of(device_class: str) -> ClassWords:
    """The words of a device class; an unknown class is plain on/off."""
    return CLASSES.get(device_class.lower(), ClassWords(("on",), ("off",)))


def meaning(device_class: str, word: str) -> bool | None:
    """True if `word` is this class's "on", False if its "off", None if it says neither."""
    words = words_of(device_class)
    if word in words.on:
        return True
    if word in words.off:
        return False
    return None
