"""Turn Home Assistant's English intent tests into sottovoce worlds and state-checked cases.

    python bench/ha_cases.py SRC_DIR OUT_DIR [--manifest MANIFEST.tsv]
    sottovoce eval OUT_DIR/actions-off.yaml     # and actions-on.yaml, queries.yaml

Where the data comes from: the public repository home-assistant/intents (CC BY 4.0), folder
`tests/en`. SRC_DIR is a copy of that folder: `_fixtures.yaml` (the test home: floors, areas,
entities with their states and attributes, timers, media) and the test files
(`<domain>_<Intent>.yaml`, and `<Intent>/<template>.yaml` in subfolders, which carry a few
entities and areas of their own). Each test gives sentences, the intent Home Assistant
recognises in them and its slots. This script knows nothing of sottovoce's code: it maps the
intent and slots onto the world they act on and writes what the world must look like afterwards
(SPEC sections 1 and 3), so that `sottovoce eval` measures how many of those sentences the agent
understands.

What it writes into OUT_DIR:

- `world.yaml`: the fixture home with Home Assistant's own states (for questions);
  `world-off.yaml`: the same home with everything off, closed, unlocked, paused, docked and
  empty lists; `world-on.yaml`: everything on, open, locked, playing (muted), cleaning, and the
  lists holding the items the tests remove. Every action case runs in the world where it
  changes something visible.
- `actions-off.yaml`, `actions-on.yaml`: one case per sentence (id `<test file>-<n>`, n counting
  the file's sentences from 1), strict state expectations.
- `queries.yaml`: questions and small talk; nothing may change (`expect: {state: {}}`), with a
  loose reply regex only where the right answer is certain (a number, a list of names).
- `README.md`: source, licence, attribution, how to regenerate, counts and what was skipped.

Sentences whose intent, domain or target sottovoce has no equivalent for are skipped and
counted by reason (printed at the end and written to the README).
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Home Assistant domain -> sottovoce device kind.
DOMAIN_KIND = {
    "light": "light",
    "switch": "switch",
    "fan": "fan",
    "cover": "cover",
    "lock": "lock",
    "climate": "thermostat",
    "media_player": "media_player",
    "sensor": "sensor",
    "binary_sensor": "binary_sensor",
    "vacuum": "vacuum",
    "valve": "valve",
}

# Older or renamed intents -> the intent they are handled as.
INTENT_ALIASES = {
    "HassOpenCover": "HassTurnOn",
    "HassCloseCover": "HassTurnOff",
    "HassSetTimer": "HassStartTimer",
    "HassGetDate": "HassGetCurrentDate",
    "HassGetTime": "HassGetCurrentTime",
    "HassHello": "HassRespond",
    "HassShoppingListCompleteItem": "HassListRemoveItem",
    "HassShoppingListRemoveItem": "HassListRemoveItem",
    "HassListCompleteItem": "HassListRemoveItem",
    "HassShoppingListAddItem": "HassListAddItem",
}

QUERY_INTENTS = {
    "HassGetState",
    "HassClimateGetTemperature",
    "HassGetWeather",
    "HassGetCurrentTime",
    "HassGetCurrentDate",
    "HassTimerStatus",
    "HassNevermind",
    "HassRespond",
}

TIMER_INTENTS = {
    "HassCancelTimer",
    "HassCancelAllTimers",
    "HassPauseTimer",
    "HassUnpauseTimer",
    "HassIncreaseTimer",
    "HassDecreaseTimer",
}

# Where the listener stands for template tests that say "context_area: true" but name none.
DEFAULT_CONTEXT_AREA = "Living Room"
# Thermostat targets a Celsius home accepts; the fixture's 1 and 50 (Fahrenheit) are not.
PLAUSIBLE_C = (5, 35)
# What the media players of the "off" and "on" worlds hold: playing needs something to play,
# and it is not in the library, so that playing a library item visibly changes it.
PLACEHOLDER_MEDIA = "evening news"
# The fixture's clock for HassGetCurrentTime/Date ("1:02 AM", "September 17th, 2013").
CLOCK = "2013-09-17T01:02:00"
TEMPLATE_CHARS = re.compile(r"[{}\[\]<>|]")
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()

Json = dict[str, Any]


class Skip(Exception):
    """A test sentence that cannot be converted; the message is the reason, counted."""


@dataclass
class Device:
    """One fixture entity that becomes a sottovoce device."""

    id: str
    ha_id: str
    domain: str
    name: str
    area: str | None
    floor: str | None
    device_class: str | None
    aliases: list[str]
    ha_state: str
    attrs: dict[str, Any]

    @property
    def kind(self) -> str:
        return DOMAIN_KIND[self.domain]


@dataclass
class Home:
    """The fixture home: areas, devices and the services around them."""

    areas: dict[str, str | None] = field(default_factory=dict)  # area name -> floor name
    area_ids: dict[str, str] = field(default_factory=dict)  # HA area id / lower name -> name
    floors: dict[str, str] = field(default_factory=dict)  # HA floor id / lower name -> name
    devices: list[Device] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    weather: list[tuple[str, str, float | None]] = field(default_factory=list)
    skipped_entities: Counter[str] = field(default_factory=Counter)
    removals: dict[str, list[str]] = field(default_factory=dict)  # list -> items cases remove

    def area(self, value: Any) -> str:
        key = str(value).strip().lower()
        for candidate in (key, key + "_id", slug(key), slug(key) + "_id"):
            if candidate in self.area_ids:
                return self.area_ids[candidate]
        raise Skip(f"area not in fixtures: {value}")

    def floor(self, value: Any) -> str:
        key = str(value).strip().lower()
        if key in self.floors:
            return self.floors[key]
        raise Skip(f"floor not in fixtures: {value}")

    def by_id(self, device_id: str) -> Device:
        return next(d for d in self.devices if d.id == device_id)


@dataclass
class Report:
    """What a conversion produced and what it left out."""

    counts: Counter[str] = field(default_factory=Counter)  # output file -> cases
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> sentences
    skipped_files: dict[str, set[str]] = field(default_factory=dict)  # reason -> test files
    sentences: int = 0

    def skip(self, reason: str, test_file: str) -> None:
        self.skipped[reason] += 1
        self.skipped_files.setdefault(reason, set()).add(test_file)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def clean_name(text: str) -> str:
    """A name as people say it: lower case, template optionals like ``Joe[']s`` dropped."""
    return re.sub(r"\s+", " ", re.sub(r"\[[^\]]*\]", "", str(text))).strip().lower()


def slot_value(value: Any) -> Any:
    """Slot values come as scalars, ``{value: x}`` (old tests) or lists of variants."""
    if isinstance(value, dict) and "value" in value:
        value = value["value"]
    if isinstance(value, list):
        return [slot_value(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


def first(value: Any) -> Any:
    value = slot_value(value)
    return value[0] if isinstance(value, list) and value else value


def number(value: Any) -> float | None:
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# --------------------------------------------------------------------------- reading


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def ha_state_text(raw: Any) -> str:
    """An entity's state as Home Assistant stores it (binary sensors give ``{in, out}``)."""
    if isinstance(raw, dict):
        raw = raw.get("out", raw.get("in", ""))
    return "" if raw is None else str(raw).strip().lower()


def read_home(src: Path, test_docs: list[tuple[str, Json]]) -> Home:
    """The fixture home, plus the entities and areas that template tests bring along."""
    fixtures = load_yaml(src / "_fixtures.yaml") or {}
    home = Home()
    for floor in fixtures.get("floors") or []:
        name = clean_name(floor["name"])
        home.floors[str(floor.get("id", name)).lower()] = name
        home.floors[name] = name
    for area in fixtures.get("areas") or []:
        name = clean_name(area["name"])
        floor_id = area.get("floor")
        home.areas[name] = home.floors.get(str(floor_id).lower()) if floor_id else None
        home.area_ids[str(area.get("id", slug(name))).lower()] = name
        home.area_ids[name] = name
        for alias in area.get("aliases") or []:
            home.area_ids[clean_name(alias)] = name
    for entity in fixtures.get("entities") or []:
        add_entity(home, entity)
    for item in fixtures.get("media") or []:
        home.media.append(str(item["title"]))
    # Template tests (subfolders) describe a small home of their own; merge what is new.
    for _, doc in test_docs:
        for area in doc.get("areas") or []:
            name = clean_name(area["name"])
            if name not in home.areas:
                home.areas[name] = None
                home.area_ids[name] = name
        for entity in doc.get("entities") or []:
            domain = str(entity.get("domain", "")).lower()
            name = clean_name(entity["name"])
            if any(d.domain == domain and d.name == name for d in home.devices):
                continue
            if domain == "sensor" and "state_with_unit" in entity:
                value, _, unit = str(entity["state_with_unit"]).partition(" ")
                entity = {**entity, "state": value, "attributes": {"unit_of_measurement": unit}}
            add_entity(home, {**entity, "id": f"{domain}.{slug(name)}"})
        for item in doc.get("media") or []:
            if str(item["title"]) not in home.media:
                home.media.append(str(item["title"]))
    return home


def add_entity(home: Home, entity: Json) -> None:
    ha_id = str(entity["id"])
    domain, _, object_id = ha_id.partition(".")
    name = clean_name(entity["name"])
    attrs = dict(entity.get("attributes") or {})
    state = ha_state_text(entity.get("state"))
    if domain == "scene":
        home.scenes.append(name)
        return
    if domain == "todo":
        home.lists.append(name)
        return
    if domain == "weather":
        home.weather.append((name, state, number(attrs.get("temperature"))))
        return
    if domain not in DOMAIN_KIND:
        home.skipped_entities[domain] += 1
        return
    if domain == "sensor" and number(state) is None:
        home.skipped_entities["sensor with a non-numeric state"] += 1
        return
    area_id = entity.get("area")
    area = home.area_ids.get(str(area_id).lower()) if area_id else None
    our_id = f"{DOMAIN_KIND[domain]}.{slug(object_id) or slug(name)}"
    taken = {d.id for d in home.devices}
    base, n = our_id, 2
    while our_id in taken:
        our_id, n = f"{base}_{n}", n + 1
    home.devices.append(
        Device(
            id=our_id,
            ha_id=ha_id,
            domain=domain,
            name=name,
            area=area,
            floor=home.areas.get(area) if area else None,
            device_class=str(attrs["device_class"]) if attrs.get("device_class") else None,
            aliases=[clean_name(a) for a in entity.get("aliases") or []],
            ha_state=state,
            attrs=attrs,
        )
    )


# --------------------------------------------------------------------------- worlds


def percent(value: Any, default: int) -> int:
    n = number(value)
    if n is None:
        return default
    return round(n * 100) if 0 < n <= 1 and "." in str(value) else round(n)


def device_state(dev: Device, variant: str) -> Json:
    """The state of a device in the world variant "ha", "off" or "on"."""
    on = variant == "on" if variant != "ha" else None
    s = dev.ha_state
    a = dev.attrs
    if dev.kind in ("light", "switch", "fan"):
        is_on = s == "on" if on is None else on
        state: Json = {"on": is_on}
        if dev.kind == "light" and on is None:
            state["brightness"] = percent(a.get("brightness"), 255) * 100 // 255 or 100
        elif dev.kind == "light":
            # Not 50 or 100, which tests ask for: setting them must visibly change it.
            state["brightness"] = 30 if not on else 100
        if dev.kind == "fan":
            state["speed"] = percent(a.get("percentage"), 50)
        return state
    if dev.kind in ("cover", "valve"):
        if on is None:
            pos = percent(a.get("position", a.get("current_position")), -1)
            return {"position": pos if pos >= 0 else (0 if s == "closed" else 100)}
        return {"position": 100 if on else 0}
    if dev.kind == "lock":
        return {"locked": s == "locked" if on is None else on}
    if dev.kind == "thermostat":
        current = number(a.get("current_temperature"))
        target = number(a.get("temperature"))
        mode = {"heat_cool": "auto"}.get(s, s) if s in ("heat", "cool", "auto", "off") else "heat"
        return {
            "target": tidy(target) if target is not None else 21,
            "current": tidy(current) if current is not None else 20,
            "mode": mode,
        }
    if dev.kind == "media_player":
        if on is None:
            status = s if s in ("playing", "paused") else "stopped"
            return {
                "status": status,
                "volume": percent(a.get("volume_level"), 50),
                "muted": bool(a.get("is_volume_muted", False)),
                "media": "",
            }
        return {
            "status": "playing" if on else "paused",
            "volume": 50,
            "muted": on,
            "media": PLACEHOLDER_MEDIA,
        }
    if dev.kind == "vacuum":
        if on is None:
            return {"status": s if s in ("cleaning", "returning") else "docked"}
        return {"status": "cleaning" if on else "docked"}
    if dev.kind == "sensor":
        value = number(s)
        return {"value": tidy(value or 0), "unit": str(a.get("unit_of_measurement", ""))}
    # binary_sensor: read-only, the same in every variant
    return {"on": s == "on", "device_class": dev.device_class or ""}


def scene_target(home: Home) -> str | None:
    """A light that every scene switches on: harmless, and visible in the "off" world."""
    lights = sorted(d.id for d in home.devices if d.kind == "light")
    return lights[0] if lights else None


def world_doc(home: Home, variant: str, list_items: dict[str, list[str]]) -> Json:
    areas: list[Any] = [{"name": a, "floor": f} if f else a for a, f in home.areas.items()]
    devices = []
    for dev in home.devices:
        entry: Json = {"id": dev.id, "kind": dev.kind, "name": dev.name}
        if dev.aliases:
            entry["aliases"] = dev.aliases
        if dev.area:
            entry["area"] = dev.area
        entry["state"] = device_state(dev, variant)
        devices.append(entry)
    city, condition, temp_f = home.weather[0] if home.weather else ("london", "cloudy", None)
    temp_c = round((temp_f - 32) * 5 / 9) if temp_f is not None else 15
    label = {"ha": "Home Assistant's states", "off": "everything off", "on": "everything on"}
    doc: Json = {
        "name": f"Home Assistant intent test fixtures ({label[variant]})",
        "language": "en",
        "location": {"city": city.title(), "timezone": "Europe/London"},
        "clock": CLOCK,
        "areas": areas,
        "devices": devices,
        "weather": {
            "current": {"condition": condition or "cloudy", "temperature": temp_c},
            # The fixture gives the weather now only; today's forecast repeats it.
            "forecast": [
                {"day": "today", "condition": condition or "cloudy", "high": temp_c, "low": temp_c}
            ],
        },
    }
    names = ["shopping", *[n for n in home.lists if n != "shopping"]]
    doc["lists"] = {n: list(list_items.get(n, [])) if variant == "on" else [] for n in names}
    target = scene_target(home)
    if home.scenes and target:
        doc["scenes"] = [{"name": s, "sets": {target: {"on": True}}} for s in home.scenes]
    if home.media:
        doc["media_library"] = [{"title": t} for t in home.media]
    return doc


# --------------------------------------------------------------------------- targets


@dataclass
class Test:
    """One test of a test file, normalised."""

    file: str
    intent: str
    slots: dict[str, Any]
    context_area: str | None
    response: str
    domain_hint: str | None


def class_words(device_class: str) -> list[str]:
    """Words that name a cover class in a device's name ("garage" -> garage, door)."""
    return {
        "garage": ["garage"],
        "garage_door": ["garage"],
        "blind": ["blind"],
        "shade": ["shade"],
        "shutter": ["shutter"],
        "curtain": ["curtain"],
        "awning": ["awning"],
        "window": ["window"],
        "door": ["door"],
        "gate": ["gate"],
        "damper": ["damper"],
        "shutters": ["shutter"],
    }.get(device_class, [device_class])


def resolve(home: Home, test: Test, domains: set[str] | None, *, need: bool = True) -> list[Device]:
    """The devices a test's slots point at, the way Home Assistant would match them."""
    slots = test.slots
    name = first(slots.get("name"))
    if isinstance(name, str) and name.lower() == "all":
        name = None
    area = home.area(first(slots["area"])) if slots.get("area") else None
    floor = home.floor(first(slots["floor"])) if slots.get("floor") else None
    if area is None and floor is None and name is None and test.context_area:
        area = test.context_area
    classes_raw = slot_value(slots.get("device_class"))
    classes = [classes_raw] if isinstance(classes_raw, str) else list(classes_raw or [])
    if domains is not None and not any(d in DOMAIN_KIND for d in domains):
        raise Skip(f"domain not in sottovoce: {sorted(domains)[0]}")
    found = [d for d in home.devices if domains is None or d.domain in domains]
    if name is not None:
        key = str(name)
        by_id = [d for d in found if d.ha_id == key]
        found = by_id or [d for d in found if clean_name(key) in (d.name, *d.aliases)]
        if not found:
            raise Skip("named entity not in the converted world")
    if area is not None:
        in_area = [d for d in found if d.area == area]
        if name is not None and not in_area:
            raise Skip("named device is not in the named area")
        found = in_area
    if floor is not None:
        found = [d for d in found if d.floor == floor]
    if classes:
        found = [d for d in found if d.device_class in classes or d.domain in classes]
        for dev in found:
            if dev.domain == "cover" and not any(
                w in dev.name for c in classes for w in class_words(c)
            ):
                raise Skip("cover class only in attributes (sottovoce covers have none)")
    if need and not found:
        what = f"{'/'.join(classes)} " if classes else ""
        raise Skip(f"no {what}device of the domain at that place in fixtures")
    return found


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """A converted case and the output it belongs to: "off", "on" or "query"."""

    target: str
    body: Json


def single(say: str, state: Json, *, reply: str | None = None, loose: bool = False) -> Json:
    expect: Json = {"state": state}
    if reply:
        expect["reply"] = reply
    turn: Json = {"say": say, "expect": expect}
    if loose:
        turn["loose"] = True
    return turn


def devices_state(changes: dict[str, Json]) -> Json:
    return {"devices": changes} if changes else {}


def turn_on_off(home: Home, test: Test, say: str) -> Case:
    on = test.intent == "HassTurnOn"
    domain = slot_value(test.slots.get("domain")) or test.domain_hint
    domains = {domain} if isinstance(domain, str) else set(domain) if domain else None
    if domains == {"scene"}:
        target = scene_target(home)
        name = clean_name(first(test.slots.get("name", "")))
        if not on or name not in home.scenes or target is None:
            raise Skip("scene not in fixtures")
        return Case("off", single(say, devices_state({target: {"on": True}})))
    if domains and not domains & DOMAIN_KIND.keys():
        raise Skip(f"domain not in sottovoce: {sorted(domains)[0]}")
    targets = resolve(home, test, domains)
    kinds = {d.kind for d in targets}
    if kinds & {"media_player", "thermostat", "sensor", "binary_sensor", "vacuum"}:
        raise Skip(f"turn on/off of {sorted(kinds)[0]} has no sottovoce state")
    changes: dict[str, Json] = {}
    for dev in targets:
        if dev.kind in ("cover", "valve"):
            changes[dev.id] = {"position": 100 if on else 0}
        elif dev.kind == "lock":
            changes[dev.id] = {"locked": on}
        else:
            changes[dev.id] = {"on": on}
    if kinds == {"lock"} and not on:
        # Unlocking waits for a spoken confirmation (SPEC section 1).
        return Case("on", {"turns": [single(say, {}), single("yes", devices_state(changes))]})
    return Case("off" if on else "on", single(say, devices_state(changes)))


def toggle(home: Home, test: Test, say: str) -> Case:
    targets = resolve(home, test, None)
    if {d.kind for d in targets} - {"light", "switch", "fan"}:
        raise Skip("toggle of a device other than light/switch/fan")
    return Case("on", single(say, devices_state({d.id: {"on": False} for d in targets})))


def light_set(home: Home, test: Test, say: str) -> Case:
    targets = resolve(home, test, {"light"})
    change: Json = {"on": True}
    if "brightness" in test.slots:
        change["brightness"] = int(first(test.slots["brightness"]))
    elif "color" in test.slots:
        change["color"] = str(first(test.slots["color"])).lower()
    else:
        raise Skip("light setting other than brightness or colour")
    return Case("off", single(say, devices_state({d.id: dict(change) for d in targets})))


def set_position(home: Home, test: Test, say: str) -> Case:
    domain = slot_value(test.slots.get("domain"))
    targets = resolve(home, test, {domain} if domain else {"cover", "valve"})
    pos = int(first(test.slots["position"]))
    variant = "off" if pos != 0 else "on"
    return Case(variant, single(say, devices_state({d.id: {"position": pos} for d in targets})))


def climate_set(home: Home, test: Test, say: str) -> Case:
    targets = resolve(home, test, {"climate"})
    placed = any(test.slots.get(k) for k in ("name", "area", "floor")) or test.context_area
    if not placed and len(targets) > 1:
        raise Skip("no place named and several thermostats")
    temp = tidy(float(first(test.slots["temperature"])))
    if not PLAUSIBLE_C[0] <= temp <= PLAUSIBLE_C[1]:
        # The fixture thinks in Fahrenheit; 50 or 1 degrees Celsius is refused, not misheard.
        raise Skip("thermostat target implausible in Celsius (fixture is Fahrenheit)")
    return Case("off", single(say, devices_state({d.id: {"target": temp} for d in targets})))


def media_targets(home: Home, test: Test) -> list[Device]:
    targets = resolve(home, test, {"media_player"})
    placed = any(test.slots.get(k) for k in ("name", "area", "floor")) or test.context_area
    if not placed and len(targets) > 1:
        raise Skip("no player named and several media players")
    return targets


MEDIA_ACTIONS: dict[str, tuple[str, Json]] = {
    "HassMediaPause": ("on", {"status": "paused"}),
    "HassMediaUnpause": ("off", {"status": "playing"}),
    "HassMediaStop": ("on", {"status": "stopped"}),
    "HassMediaMute": ("off", {"muted": True}),
    "HassMediaUnmute": ("on", {"muted": False}),
}
MEDIA_REPLY = {
    "HassMediaNext": r"(?i)\b(next|skip\w*|track|song)\b",
    "HassMediaPrevious": r"(?i)\b(previous|back|last|track|song|replay\w*|restart\w*)\b",
}
NOT_FOUND = r"(?i)\b(not|no|can't|cannot|couldn't|don't|unable|sorry)\b"


def media(home: Home, test: Test, say: str) -> Case:
    targets = media_targets(home, test)
    if test.intent in MEDIA_ACTIONS:
        variant, change = MEDIA_ACTIONS[test.intent]
        return Case(variant, single(say, devices_state({d.id: dict(change) for d in targets})))
    if test.intent in MEDIA_REPLY:
        # Next/previous change nothing in the snapshot; the reply must mention the skip.
        return Case("on", single(say, {}, reply=MEDIA_REPLY[test.intent]))
    if test.intent == "HassSetVolume":
        volume = int(first(test.slots["volume_level"]))
        if volume == 50:
            raise Skip("volume already at the asked level")
        return Case("off", single(say, devices_state({d.id: {"volume": volume} for d in targets})))
    # HassMediaSearchAndPlay
    query = str(first(test.slots.get("search_query", "")))
    title = next((t for t in home.media if t.lower() == query.lower()), None)
    if title is None:
        return Case("off", single(say, {}, reply=NOT_FOUND))
    change = {"status": "playing", "media": title}
    return Case("off", single(say, devices_state({d.id: dict(change) for d in targets})))


def vacuum(home: Home, test: Test, say: str) -> Case:
    targets = resolve(home, test, {"vacuum"})
    if test.intent == "HassVacuumStart":
        return Case(
            "off", single(say, devices_state({d.id: {"status": "cleaning"} for d in targets}))
        )
    return Case("on", single(say, devices_state({d.id: {"status": "returning"} for d in targets})))


def list_name(home: Home, test: Test) -> str:
    name = test.slots.get("name")
    if not name:
        return "shopping"
    wanted = clean_name(first(name))
    for known in home.lists:
        if known == wanted or known.replace("'", "") == wanted:
            return known
    raise Skip("list not in fixtures")


def list_item(test: Test) -> str:
    return str(first(test.slots["item"])).lower()


def lists(home: Home, test: Test, say: str) -> Case:
    name, item = list_name(home, test), list_item(test)
    if test.intent == "HassListAddItem":
        return Case("off", single(say, {"lists": {name: [item]}}))
    # The "on" world's lists hold every item that removal cases take off (see `convert`).
    held = home.removals.get(name, [])
    return Case("on", single(say, {"lists": {name: [x for x in held if x != item]}}))


# ---------------------------------------------------------------- timers


def spoken_duration(seconds: int) -> str:
    parts = []
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    for n, unit in ((h, "hour"), (m, "minute"), (s, "second")):
        if n:
            parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
    return " and ".join(parts)


def timer(duration: int, label: str | None = None, paused: bool = False) -> Json:
    return {"label": label, "duration_s": duration, "remaining_s": duration, "paused": paused}


def start_phrase(t: Json) -> str:
    phrase = f"set a timer for {spoken_duration(t['duration_s'])}"
    return phrase + (f" called {t['label']}" if t["label"] else "")


def duration_of(slots: dict[str, Any]) -> int:
    total = 0
    for key, factor in (("hours", 3600), ("minutes", 60), ("seconds", 1)):
        if key in slots:
            total += round(float(first(slots[key])) * factor)
    return total


def start_timer(test: Test, say: str) -> Case:
    if "conversation_command" in test.slots:
        raise Skip("timer that runs a command later")
    duration = duration_of(test.slots)
    if not duration:
        raise Skip("timer without a duration")
    label = first(test.slots.get("name")) or None
    text = first(test.slots.get("text")) or None
    if text and " " not in str(text):
        label = text
    if text and label is None:
        # A timer "to check the oven": what the label becomes is not fixed; check the duration.
        return Case("off", single(say, {"timers": [{"duration_s": duration}]}, loose=True))
    return Case("off", single(say, {"timers": [timer(duration, label)]}))


def timer_setup(test: Test) -> tuple[list[Json], int]:
    """The timers a timer test needs first, and the index of the one it is about."""
    slots = test.slots
    if slots.get("area"):
        raise Skip("timer by area (sottovoce timers have no area)")
    if slots.get("start_hours") or slots.get("start_minutes") or slots.get("start_seconds"):
        duration = (
            int(first(slots.get("start_hours") or 0)) * 3600
            + int(first(slots.get("start_minutes") or 0)) * 60
            + int(first(slots.get("start_seconds") or 0))
        )
        other = 600 if duration != 600 else 1200
        return [timer(duration), timer(other)], 0
    if slots.get("name"):
        return [timer(1800, str(first(slots["name"])).lower()), timer(600)], 0
    return [timer(600)], 0


def timer_case(test: Test, say: str, target: str) -> Case:
    if test.intent == "HassCancelAllTimers":
        if test.slots.get("area"):
            raise Skip("timer by area (sottovoce timers have no area)")
        setup, index = [timer(600), timer(1800, "pizza")], -1
    else:
        setup, index = timer_setup(test)
    turns: list[Json] = []
    made: list[Json] = []
    for i, t in enumerate(setup):
        made.append(dict(t))
        turns.append(single(start_phrase(t), {"timers": [dict(x) for x in made]}))
        if test.intent == "HassUnpauseTimer" and i == index:
            made[i]["paused"] = True
            turns.append(single("pause the timer", {"timers": [dict(x) for x in made]}))
    after = [dict(x) for x in made]
    if test.intent == "HassCancelAllTimers":
        after = []
    elif test.intent == "HassCancelTimer":
        del after[index]
    elif test.intent == "HassPauseTimer":
        after[index]["paused"] = True
    elif test.intent == "HassUnpauseTimer":
        after[index]["paused"] = False
    elif test.intent in ("HassIncreaseTimer", "HassDecreaseTimer"):
        delta = duration_of(test.slots) * (1 if test.intent == "HassIncreaseTimer" else -1)
        if not delta:
            raise Skip("timer change without a duration")
        after[index]["duration_s"] += delta
        after[index]["remaining_s"] += delta
    turns.append(single(say, {"timers": after}))
    return Case(target, {"turns": turns})


# ---------------------------------------------------------------- questions


def number_regex(value: float) -> str:
    """A reply regex for a number said in digits (or as a word up to twelve)."""
    value = tidy(value)
    if isinstance(value, int):
        digits = f"{abs(value):,}".replace(",", ",?")
        alternatives = [rf"(?<![\d.]){digits}(?![\d])"]
        if 0 <= value < len(NUMBER_WORDS):
            alternatives.append(rf"\b{NUMBER_WORDS[value]}\b")
        if value == 0:
            alternatives.append(r"\b(no|none|not any)\b")
    else:
        whole, frac = str(abs(value)).split(".")
        alternatives = [rf"(?<![\d.]){whole}[.,]{frac}(?![\d])", rf"\b{whole} point {frac}\b"]
    body = "|".join(alternatives)
    if value < 0:
        body = f"(-|minus ?)({body})"
    return f"(?i)({body})"


def names_regex(names: list[str]) -> str:
    """Every name must be mentioned, in any order."""
    return "(?is)" + "".join(f"(?=.*{re.escape(n)})" for n in names)


def state_matches(dev: Device, wanted: str, world: dict[str, Json]) -> bool | None:
    """Whether a device is in HA state `wanted` in the HA world; None when not comparable."""
    st = world[dev.id]
    if dev.kind in ("light", "switch", "fan", "binary_sensor") and wanted in ("on", "off"):
        return bool(st["on"]) == (wanted == "on")
    if dev.kind in ("cover", "valve") and wanted in ("open", "closed"):
        return bool(st["position"] > 0) == (wanted == "open")
    if dev.kind == "lock" and wanted in ("locked", "unlocked"):
        return bool(st["locked"]) == (wanted == "locked")
    if dev.kind == "media_player" and wanted == "playing":
        return bool(st["status"] == "playing")
    return None


def ha_listing(response: str) -> list[str] | None:
    """The names in a response like "A, B and C"; None when it is cut short ("and 3 more")."""
    text = response.strip().rstrip(".")
    if re.search(r"\bmore\b", text):
        return None
    if text.lower() == "not any":
        return []
    return [clean_name(p) for p in re.split(r",\s*|\s+and\s+", text) if p.strip()]


def status_regex(dev: Device, st: Json) -> str | None:
    if dev.kind == "lock":
        return r"(?i)(?<!un)locked" if st["locked"] else r"(?i)unlocked"
    if dev.kind in ("cover", "valve"):
        return r"(?i)\bopen" if st["position"] > 0 else r"(?i)\bclosed?\b"
    if dev.kind in ("light", "switch", "fan"):
        return r"(?i)\bon\b" if st["on"] else r"(?i)\boff\b"
    if dev.kind == "sensor":
        return number_regex(float(st["value"]))
    return None


NEGATION = r"no|not|none|nothing|nobody|neither|isn't|aren't"
# A "yes": the word itself, or a reply that negates nothing ("The phone is charging.").
YES_REGEX = r"(?is)\byes\b|^(?!.*\b(no|not|none|nothing|sorry)\b)(?!.*n't\b)"


# The opposite of an asked state: "are all switches on?" is answered "no" by naming one off.
OPPOSITE = {
    "on": ["off"],
    "off": ["on"],
    "open": ["closed", "shut"],
    "closed": ["open"],
    "locked": ["unlocked"],
    "unlocked": ["locked"],
}
# Home Assistant's words for a binary sensor's off and on states, by device class.
BINARY_WORDS = {
    "battery": ("normal", "low"),
    "battery_charging": ("not charging", "charging"),
    "carbon_monoxide": ("clear", "detected"),
    "cold": ("normal", "cold"),
    "connectivity": ("disconnected", "connected"),
    "door": ("closed", "open"),
    "garage_door": ("closed", "open"),
    "gas": ("clear", "detected"),
    "heat": ("normal", "hot"),
    "light": ("no light", "light detected"),
    "lock": ("locked", "unlocked"),
    "moisture": ("dry", "wet"),
    "motion": ("clear", "detected"),
    "occupancy": ("clear", "detected"),
    "opening": ("closed", "open"),
    "plug": ("unplugged", "plugged in"),
    "power": ("off", "on"),
    "presence": ("away", "home"),
    "problem": ("ok", "problem"),
    "running": ("not running", "running"),
    "safety": ("safe", "unsafe"),
    "smoke": ("clear", "detected"),
    "sound": ("clear", "detected"),
    "tamper": ("clear", "tampering detected"),
    "update": ("up-to-date", "update available"),
    "vibration": ("clear", "detected"),
    "window": ("closed", "open"),
}


def no_regex(response: str, wanted: Any, targets: list[Device]) -> str:
    """A "no": a negation, the state Home Assistant names instead ("No, closed"), the
    opposite of the asked state, or the devices that are not in it ("No, Back Door is not
    locked")."""
    rest = response.strip().rstrip(".").partition(",")[2].strip().lower()
    words = NEGATION.split("|")
    shown = re.match(r"(.+?) (is|are) not \w+$", rest)
    if shown:
        words += [n for n in re.split(r",\s*|\s+and\s+", shown.group(1)) if "more" not in n]
    elif rest:
        words.append(rest)
    if isinstance(wanted, str):
        words += OPPOSITE.get(wanted, [])
        for dev in targets:
            if dev.kind == "binary_sensor" and dev.device_class in BINARY_WORDS:
                off, on = BINARY_WORDS[dev.device_class]
                words.append(off if wanted == "on" else on)
    unique = list(dict.fromkeys(w for w in words if w))
    return rf"(?i)\b({'|'.join(re.escape(w) for w in unique)})\b"


def get_state_reply(home: Home, test: Test, world: dict[str, Json]) -> str | None:
    domain = slot_value(test.slots.get("domain"))
    domains = {domain} if isinstance(domain, str) else None
    if domains and not domains & DOMAIN_KIND.keys():
        raise Skip(f"domain not in sottovoce: {domain}")
    targets = resolve(home, test, domains, need=False)
    if test.slots.get("name") and not targets:
        raise Skip("named entity not in the converted world")
    if any(d.kind == "media_player" for d in targets):
        return None  # Home Assistant's idle/standby/on have no sottovoce counterpart
    wanted = slot_value(test.slots.get("state"))
    response = test.response.strip()
    low = response.lower()
    if test.slots.get("name") and wanted is None and len(targets) == 1:
        return status_regex(targets[0], world[targets[0].id])
    if low == "yes" or low.startswith("yes,"):
        return YES_REGEX
    if low == "no" or low.startswith("no,"):
        return no_regex(response, wanted, targets)
    if test.slots.get("name") or not isinstance(wanted, str):
        return None
    matches = [state_matches(d, wanted, world) for d in targets]
    if not targets or None in matches:
        return None
    hits = sorted(d.name for d, m in zip(targets, matches, strict=True) if m)
    if re.fullmatch(r"\d+", response):
        return number_regex(len(hits)) if len(hits) == int(response) else None
    listing = ha_listing(response)
    if listing is not None and sorted(listing) == hits:
        return names_regex(hits) if hits else r"(?i)\b(no|none|not any|nothing)\b"
    return None


def query(home: Home, test: Test, say: str, world: dict[str, Json]) -> Case:
    reply: str | None = None
    if test.intent == "HassGetState":
        reply = get_state_reply(home, test, world)
    elif test.intent == "HassClimateGetTemperature":
        targets = resolve(home, test, {"climate"})
        if len(targets) == 1:
            reply = number_regex(float(world[targets[0].id]["current"]))
    elif test.intent == "HassGetWeather":
        name = test.slots.get("name")
        if not home.weather:
            raise Skip("no weather entity in fixtures")
        if name and clean_name(first(name)) != home.weather[0][0]:
            raise Skip("weather for a second place (sottovoce has one weather service)")
        condition = home.weather[0][1]
        reply = r"(?i)\brain" if condition.startswith("rain") else None
    elif test.intent == "HassGetCurrentTime":
        reply = r"(?i)\b1[:.]02\b|\bone (oh )?two\b"
    elif test.intent == "HassGetCurrentDate":
        reply = r"(?i)\b17(th)?\b|seventeenth"
    elif test.intent == "HassTimerStatus":
        setup, _ = timer_setup(test)
        turns, made = [], []
        for t in setup:
            made.append(dict(t))
            turns.append(single(start_phrase(t), {"timers": [dict(x) for x in made]}))
        turns.append(single(say, {"timers": [dict(x) for x in made]}))
        return Case("query", {"turns": turns})
    return Case("query", single(say, {}, reply=reply))


# --------------------------------------------------------------------------- tests


OVERRIDE_KEYS = ("timers", "media", "entities", "areas", "floors")


def normalise(rel: str, doc: Json, raw: str, home: Home, test: Json) -> Test:
    """The intent, slots and listener area of one test, in whichever format the file uses."""
    if any(key in test for key in OVERRIDE_KEYS):
        raise Skip("test overrides the fixtures for itself")
    intent_doc = test.get("intent") or test.get("intents")
    folder = rel.split("/")[0] if "/" in rel else None
    if isinstance(intent_doc, dict):
        name = str(intent_doc.get("name", ""))
        slots = intent_doc.get("slots")
        context = intent_doc.get("context") or test.get("context")
    elif folder:
        name, slots, context = folder, test.get("slots"), test.get("context")
    else:
        raise Skip("test without an intent")
    if slots is not None and not isinstance(slots, dict):
        raise Skip(f"malformed slots ({name})")
    slots = dict(slots or {})
    intent = INTENT_ALIASES.get(name, name)
    domain_hint = None
    if name in ("HassOpenCover", "HassCloseCover"):
        domain_hint = "cover"
    stem = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
    if folder and "light" in stem and intent in ("HassTurnOn", "HassTurnOff"):
        domain_hint = "light"
    context_area = None
    if isinstance(context, dict) and context.get("area"):
        context_area = home.area(context["area"])
    elif folder and "context_area: true" in raw and not (slots.get("area") or slots.get("name")):
        context_area = home.area(DEFAULT_CONTEXT_AREA)
    response = test.get("response") or test.get("responses") or ""
    return Test(rel, intent, slots, context_area, str(response), domain_hint)


def convert_sentence(home: Home, test: Test, say: str, world: dict[str, Json]) -> Case:
    intent = test.intent
    if intent in QUERY_INTENTS:
        return query(home, test, say, world)
    if intent in ("HassTurnOn", "HassTurnOff"):
        return turn_on_off(home, test, say)
    if intent == "HassToggle":
        return toggle(home, test, say)
    if intent == "HassLightSet":
        return light_set(home, test, say)
    if intent == "HassSetPosition":
        return set_position(home, test, say)
    if intent == "HassClimateSetTemperature":
        return climate_set(home, test, say)
    if intent in (*MEDIA_ACTIONS, *MEDIA_REPLY, "HassSetVolume", "HassMediaSearchAndPlay"):
        return media(home, test, say)
    if intent in ("HassVacuumStart", "HassVacuumReturnToBase"):
        return vacuum(home, test, say)
    if intent in ("HassListAddItem", "HassListRemoveItem"):
        return lists(home, test, say)
    if intent == "HassStartTimer":
        return start_timer(test, say)
    if intent in TIMER_INTENTS:
        return timer_case(test, say, "off")
    raise Skip(f"intent without a sottovoce equivalent: {intent}")


def collect_removals(home: Home, docs: list[tuple[str, Json, str]]) -> None:
    """The items removal tests take off: the "on" world's lists must hold them."""
    for rel, doc, raw in docs:
        for test in doc.get("tests") or []:
            try:
                norm = normalise(rel, doc, raw, home, test)
                if norm.intent == "HassListRemoveItem":
                    held = home.removals.setdefault(list_name(home, norm), [])
                    if list_item(norm) not in held:
                        held.append(list_item(norm))
            except Skip:
                continue


def test_files(src: Path) -> list[Path]:
    return sorted(p for p in src.rglob("*.yaml") if not p.name.startswith("_") and p.is_file())


def case_id(rel: str, n: int) -> str:
    return f"{rel.removesuffix('.yaml').replace('/', '-')}-{n}"


def convert(src: Path, out: Path, manifest: Path | None = None) -> Report:
    """Read SRC (a copy of tests/en) and write worlds, case files and a README into OUT."""
    docs: list[tuple[str, Json, str]] = []
    for path in test_files(src):
        rel = path.relative_to(src).as_posix()
        raw = path.read_text(encoding="utf-8")
        docs.append((rel, yaml.safe_load(raw) or {}, raw))
    home = read_home(src, [(rel, doc) for rel, doc, _ in docs if "/" in rel])
    ha_world = {d.id: device_state(d, "ha") for d in home.devices}
    collect_removals(home, docs)
    report = Report()
    outputs: dict[str, list[Json]] = {"off": [], "on": [], "query": []}
    for rel, doc, raw in docs:
        n = 0
        for test in doc.get("tests") or []:
            sentences = [str(s) for s in test.get("sentences") or []]
            try:
                norm: Test | None = normalise(rel, doc, raw, home, test)
                reason = None
            except Skip as skip:
                norm, reason = None, str(skip)
            for say in sentences:
                n += 1
                report.sentences += 1
                if norm is None:
                    report.skip(reason or "?", rel)
                    continue
                if TEMPLATE_CHARS.search(say):
                    report.skip("sentence with template syntax", rel)
                    continue
                try:
                    case = convert_sentence(home, norm, say.strip(), ha_world)
                except Skip as skip:
                    report.skip(str(skip), rel)
                    continue
                body: Json = {"id": case_id(rel, n)}
                if norm.context_area:
                    body["area"] = norm.context_area
                body.update(case.body)
                outputs[case.target].append(body)
    list_items = home.removals
    out.mkdir(parents=True, exist_ok=True)
    worlds = {"ha": "world.yaml", "off": "world-off.yaml", "on": "world-on.yaml"}
    for variant, filename in worlds.items():
        dump(out / filename, world_doc(home, variant, list_items), WORLD_HEADER)
    files = {
        "off": ("actions-off.yaml", "world-off.yaml"),
        "on": ("actions-on.yaml", "world-on.yaml"),
        "query": ("queries.yaml", "world.yaml"),
    }
    for target, (filename, world) in files.items():
        dump(out / filename, {"world": world, "cases": outputs[target]}, CASES_HEADER)
        report.counts[filename] = len(outputs[target])
    (out / "README.md").write_text(readme(report, home, manifest), encoding="utf-8")
    return report


WORLD_HEADER = (
    "# Generated by bench/ha_cases.py from home-assistant/intents tests/en/_fixtures.yaml\n"
    "# (CC BY 4.0, Home Assistant contributors). Do not edit: regenerate.\n"
)
CASES_HEADER = (
    "# Generated by bench/ha_cases.py from home-assistant/intents tests/en (CC BY 4.0,\n"
    "# Home Assistant contributors): their test sentences with the state sottovoce must\n"
    "# reach. Do not edit: regenerate.\n"
)


def dump(path: Path, data: Json, header: str) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")


def readme(report: Report, home: Home, manifest: Path | None) -> str:
    converted = sum(report.counts.values())
    skipped = sum(report.skipped.values())
    lines = [
        "# Home Assistant's English intent tests as sottovoce cases",
        "",
        "Source: the public repository [home-assistant/intents]"
        "(https://github.com/home-assistant/intents), folder `tests/en` (the test sentences,"
        " `_fixtures.yaml` and the template tests in its subfolders).",
        "",
        "Licence: the Home Assistant intents are licensed under the Creative Commons Attribution"
        " 4.0 International licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/)."
        " Attribution: the sentences, names and states here are by the Home Assistant"
        " contributors, taken from home-assistant/intents; they were converted (changed) into"
        " sottovoce's world and case formats by `bench/ha_cases.py`: names lower-cased, states"
        " mapped onto sottovoce device kinds, one case per sentence, and expected end states"
        " added. This folder is under the same licence.",
        "",
        f"Generated: {datetime.date.today().isoformat()}.",
        "",
        "## Regenerate and run",
        "",
        "```",
        "python bench/ha_cases.py SRC_DIR bench/data/ha_en   # SRC_DIR = a copy of tests/en",
        "sottovoce eval bench/data/ha_en/actions-off.yaml",
        "sottovoce eval bench/data/ha_en/actions-on.yaml",
        "sottovoce eval bench/data/ha_en/queries.yaml",
        "```",
        "",
        "## Files",
        "",
        "| file | what |",
        "|---|---|",
        "| `world.yaml` | the fixture home with Home Assistant's states (for questions) |",
        "| `world-off.yaml` | everything off/closed/unlocked/paused/docked, empty lists |",
        "| `world-on.yaml` | everything on/open/locked/playing and muted/cleaning; lists hold"
        " the items the removal cases take off |",
        f"| `actions-off.yaml` | {report.counts['actions-off.yaml']} cases, world-off |",
        f"| `actions-on.yaml` | {report.counts['actions-on.yaml']} cases, world-on |",
        f"| `queries.yaml` | {report.counts['queries.yaml']} cases, world; nothing may change |",
        "",
        f"{report.sentences} sentences read, {converted} converted, {skipped} skipped.",
        "",
        "Conventions: ids are `<test file>-<n>`, n counting the file's sentences from 1."
        " A test's `context: {area: X}` (the satellite's area) becomes the case's `area:`;"
        f" template tests marked `context_area: true` without an area use `{DEFAULT_CONTEXT_AREA}`."
        ' Unlocking is two turns (the sentence, then "yes"). Timer tests other than starting'
        " one first start the timers they need with sentences of this script's own (\"set a"
        ' timer for 10 minutes", "... called pizza"), one turn each. Next/previous track'
        " change nothing in the state and are checked by a loose reply regex. Temperatures keep"
        " the fixture's numbers (the thermostat's 68 is Fahrenheit in Home Assistant);"
        " thermostat targets outside 5-35 are skipped. In the off and on worlds lights that are"
        f' off stand at brightness 30, and media players hold "{PLACEHOLDER_MEDIA}" (not in the'
        " library), so that every action changes something visible.",
        "",
        "Questions: `expect: {state: {}}` always; a reply regex only where the answer is"
        " certain: a sensor's or thermostat's number, a count, the list of names for \"which"
        ' ..." (checked against the world), open/closed, locked/unlocked, on/off for a named'
        ' device, and for yes/no questions a loose check (a "no" must negate or name the'
        ' actual state or the device that differs; a "yes" must say yes or negate nothing).'
        ' Small talk, "never mind", timer status and media player states have none.',
        "",
        "## Skipped sentences by reason",
        "",
        "| sentences | reason | test files |",
        "|---|---|---|",
    ]
    for reason, count in report.skipped.most_common():
        files = ", ".join(sorted(report.skipped_files[reason]))
        lines.append(f"| {count} | {reason} | {files} |")
    if home.skipped_entities:
        lines += [
            "",
            "Fixture entities left out of the worlds: "
            + ", ".join(f"{k} ({v})" for k, v in sorted(home.skipped_entities.items()))
            + ".",
        ]
    if manifest and manifest.exists():
        lines += [
            "",
            "## Source versions",
            "",
            "The files were taken at these commits of home-assistant/intents:",
            "",
            "| file | commit |",
            "|---|---|",
        ]
        for row in manifest.read_text(encoding="utf-8").splitlines():
            if "\t" in row:
                path, commit = row.split("\t", 1)
                lines.append(f"| `{path}` | `{commit}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="a copy of home-assistant/intents tests/en")
    parser.add_argument("out", type=Path, help="where to write worlds and case files")
    parser.add_argument("--manifest", type=Path, help="TSV of source file and commit, for README")
    args = parser.parse_args(argv)
    if not (args.src / "_fixtures.yaml").is_file():
        print(f"error: {args.src / '_fixtures.yaml'} not found", file=sys.stderr)
        return 2
    report = convert(args.src, args.out, args.manifest)
    total = sum(report.counts.values())
    print(
        f"{report.sentences} sentences: {total} converted, {sum(report.skipped.values())} skipped"
    )
    for filename, count in sorted(report.counts.items()):
        print(f"  {filename}: {count} cases")
    print("skipped by reason:")
    for reason, count in report.skipped.most_common():
        print(f"  {count:4d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
