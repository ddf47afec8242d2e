"""What Home Assistant's intents mean in our tools: one readable table, one function per intent.

Home Assistant's sentence library (`home-assistant-intents`) names an intent
and its slots ("HassTurnOn", name=light.kitchen; "HassLightSet", area=bedroom,
brightness=50). Each handler below turns one recognized intent into the call
of a built-in tool that does the same thing, or None when we have no such
tool (the next reading, or the rest of the router, gets its chance).

Slot values as `ha_library` fills them: `name` is a device id, `scene:NAME`
or `todo:LIST`; `area` is an area name or `HERE` (the user's own room, which
the tools resolve); `floor` is a floor name; `domain` is a Home Assistant
domain ("light", "climate", ...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sottovoce.agent.calls import Call

HERE = "__here__"
Slots = Mapping[str, Any]

# Home Assistant's domain for each of our device kinds (the rest are spelled alike).
HA_DOMAIN = {"thermostat": "climate"}
KIND_OF_DOMAIN = {"climate": "thermostat"}

# Turning a device on or off, by its kind.
_ON = {
    "light": Call("light_turn_on"),
    "switch": Call("device_turn_on"),
    "fan": Call("device_turn_on"),
    "cover": Call("cover_open"),
    "valve": Call("cover_open"),
    "lock": Call("lock_lock"),
    "vacuum": Call("vacuum_start"),
    "media_player": Call("media_play"),
    "thermostat": Call("climate_set_mode", {"mode": "heat"}),
}
_OFF = {
    "light": Call("light_turn_off"),
    "switch": Call("device_turn_off"),
    "fan": Call("device_turn_off"),
    "cover": Call("cover_close"),
    "valve": Call("cover_close"),
    "lock": Call("lock_unlock"),  # Home Assistant's "turn off" of a lock unlocks it
    "vacuum": Call("vacuum_return"),
    "media_player": Call("media_stop"),
    "thermostat": Call("climate_set_mode", {"mode": "off"}),
}
_STATUS = {
    "light": "light_status",
    "switch": "device_status",
    "fan": "device_status",
    "cover": "cover_status",
    "valve": "cover_status",
    "lock": "lock_status",
    "vacuum": "vacuum_status",
    "media_player": "media_now_playing",
    "thermostat": "climate_status",
    "sensor": "sensor_read",
    "binary_sensor": "binary_sensor_check",
}
# What a device kind is called when a command names no device ("the fans in the office").
_KIND_WORD = {"fan": "fans", "switch": "switches", "valve": "valves"}
_COVER_WORD = {"blind": "blinds", "curtain": "curtains", "shade": "shades", "shutter": "shutters"}
_COVER_WORD |= {"garage": "garage door", "awning": "awning", "gate": "gate", "window": "window"}


def _kind(slots: Slots) -> str | None:
    """The kind of the named device, else the kind of the domain the sentence fixed."""
    name = slots.get("name")
    if isinstance(name, str) and "." in name and ":" not in name:
        return name.partition(".")[0]
    domain = slots.get("domain")
    return KIND_OF_DOMAIN.get(domain, domain) if isinstance(domain, str) else None


def _place(slots: Slots, everywhere: bool = True) -> dict[str, Any]:
    """The name/area arguments of a device tool from the slots."""
    name = slots.get("name")
    if isinstance(name, str) and "." in name:
        return {"name": name}
    place = slots.get("area") or slots.get("floor")
    if place == HERE:
        return {}
    if place:
        return {"area": place}
    return {"area": "house"} if everywhere else {}


def _group(slots: Slots, kind: str) -> dict[str, Any]:
    """Arguments for every device of a kind in a place: the kind word narrows generic tools."""
    args = _place(slots)
    if "name" in args:
        return args
    word = _COVER_WORD.get(str(slots.get("device_class"))) or _KIND_WORD.get(kind)
    return {**args, "name": word} if word else args


def _switch(table: dict[str, Call]) -> Callable[[Slots], Call | None]:
    def handle(slots: Slots) -> Call | None:
        name = slots.get("name")
        if isinstance(name, str) and name.startswith("scene:"):
            return Call("scene_activate", {"scene": name[6:]}) if table is _ON else None
        kind = _kind(slots)
        base = table.get(kind or "")
        if base is None:
            return None
        return Call(base.tool, {**base.args, **_group(slots, kind or "")})

    return handle


def _light_set(slots: Slots) -> Call | None:
    where = _place(slots)
    if "brightness" in slots:
        return Call("light_set_brightness", {"percent": slots["brightness"], **where})
    if "color" in slots:
        return Call("light_set_color", {"color": str(slots["color"]), **where})
    if "temperature" in slots:
        kelvin = float(slots["temperature"])
        white = "warm white" if kelvin <= 3000 else "cool white" if kelvin <= 5000 else "daylight"
        return Call("light_set_color", {"color": white, **where})
    return None


# Home Assistant's answers about many devices at once, and what its kinds are called.
_ASKS = frozenset({"any", "all", "which", "how_many"})
_ASK_NOUN = {"light": "light", "switch": "switch", "fan": "fan", "lock": "lock", "cover": "cover"}
_ASK_NOUN |= {"valve": "valve", "media_player": "media player", "binary_sensor": "sensor"}


def _get_state(slots: Slots) -> Call | None:
    kind = _kind(slots) or "light"
    asked = slots.get("response")
    if asked in _ASKS and "state" in slots and "name" not in slots:
        return _ask(slots, kind, str(asked))
    tool = _STATUS.get(kind)
    if tool is None:
        return None
    if tool == "binary_sensor_check" and "state" in slots and "name" in slots:
        return Call(tool, {"state": str(slots["state"]), **_place(slots)})
    if tool == "binary_sensor_check" and "device_class" in slots:
        return Call(tool, {"device_class": str(slots["device_class"]), **_place(slots)})
    if tool == "sensor_read":
        name = slots.get("name")
        return Call(tool, {"name": name}) if isinstance(name, str) else None
    return Call(tool, _group(slots, kind))


def _ask(slots: Slots, kind: str, asked: str) -> Call | None:
    """'Which doors are locked', 'how many lights are on': a question about many devices."""
    noun = _COVER_WORD.get(str(slots.get("device_class"))) or _ASK_NOUN.get(kind)
    if noun is None:
        return None
    args: dict[str, Any] = {"noun": noun, "state": str(slots["state"]), "ask": asked}
    place = slots.get("area") or slots.get("floor")
    if place and place != HERE:
        args["area"] = place
    elif place == HERE:
        args["area"] = "here"
    return Call("devices_ask", args)


def _temperature(slots: Slots) -> Call:
    name = slots.get("name")
    if isinstance(name, str) and name.startswith("thermostat."):
        return Call("climate_status", {"name": name})
    return Call("sensor_quantity", {"quantity": "temperature", **_place(slots, False)})


def _seconds(slots: Slots, prefix: str = "") -> int | None:
    total = 0.0
    for unit, size in (("hours", 3600), ("minutes", 60), ("seconds", 1)):
        value = slots.get(prefix + unit)
        if isinstance(value, int | float):
            total += value * size
    return round(total) or None


def _timer(tool: str, shift: bool = False) -> Callable[[Slots], Call | None]:
    def handle(slots: Slots) -> Call | None:
        args: dict[str, Any] = {}
        label = slots.get("name")
        if isinstance(label, str) and label.strip():
            args["label"] = label.strip()
        start = _seconds(slots, "start_")
        if shift:
            amount = _seconds(slots)
            if amount is None:
                return None
            args["seconds"] = amount
        elif start is not None:
            args["seconds"] = start
        return Call(tool, args)

    return handle


def _start_timer(slots: Slots) -> Call | None:
    if "conversation_command" in slots:
        return None  # "in 5 minutes turn off the lights": no delayed commands yet
    seconds = _seconds(slots)
    if seconds is None:
        return None
    label = slots.get("name")
    args: dict[str, Any] = {"seconds": seconds}
    if isinstance(label, str) and label.strip():
        args["label"] = label.strip()
    return Call("timer_start", args)


def _list(tool: str, default: str | None = None) -> Callable[[Slots], Call | None]:
    def handle(slots: Slots) -> Call | None:
        item = str(slots.get("item", "")).strip()
        if not item:
            return None
        name = slots.get("name")
        listed = name[5:] if isinstance(name, str) and name.startswith("todo:") else default
        return Call(tool, {"items": item, **({"list_name": listed} if listed else {})})

    return handle


def _volume_step(slots: Slots) -> Call:
    step = slots.get("volume_step", "up")
    args = _place(slots, False)
    if isinstance(step, int | float):
        direction = "up" if step >= 0 else "down"
        return Call("media_volume_step", {"direction": direction, "step": abs(int(step)), **args})
    return Call("media_volume_step", {"direction": "down" if step == "down" else "up", **args})


def _media(tool: str, **fixed: Any) -> Callable[[Slots], Call]:
    return lambda slots: Call(tool, {**fixed, **_place(slots, False)})


def _with(tool: str, arg: str, slot: str) -> Callable[[Slots], Call | None]:
    def handle(slots: Slots) -> Call | None:
        if slot not in slots:
            return None
        return Call(tool, {arg: slots[slot], **_place(slots)})

    return handle


def _vacuum(tool: str) -> Callable[[Slots], Call]:
    return lambda slots: Call(tool, _place(slots, False))


def _play(slots: Slots) -> Call | None:
    query = str(slots.get("search_query", "")).strip()
    return Call("media_play_media", {"media": query, **_place(slots, False)}) if query else None


HANDLERS: dict[str, Callable[[Slots], Call | None]] = {
    "HassTurnOn": _switch(_ON),
    "HassTurnOff": _switch(_OFF),
    "HassLightSet": _light_set,
    "HassGetState": _get_state,
    "HassClimateGetTemperature": _temperature,
    "HassClimateSetTemperature": _with("climate_set_temperature", "temperature", "temperature"),
    "HassFanSetSpeed": _with("fan_set_speed", "percent", "percentage"),
    "HassSetPosition": _with("cover_set_position", "percent", "position"),
    "HassMediaPause": _media("media_pause"),
    "HassMediaUnpause": _media("media_play"),
    "HassMediaNext": _media("media_skip", direction="next"),
    "HassMediaPrevious": _media("media_skip", direction="previous"),
    "HassMediaPlayerMute": _media("media_mute", muted=True),
    "HassMediaPlayerUnmute": _media("media_mute", muted=False),
    "HassSetVolume": _with("media_set_volume", "percent", "volume_level"),
    "HassSetVolumeRelative": _volume_step,
    "HassMediaSearchAndPlay": _play,
    "HassVacuumStart": _vacuum("vacuum_start"),
    "HassVacuumCleanArea": _vacuum("vacuum_start"),
    "HassVacuumReturnToBase": _vacuum("vacuum_return"),
    "HassStartTimer": _start_timer,
    "HassCancelTimer": _timer("timer_cancel"),
    "HassCancelAllTimers": lambda slots: Call("timer_cancel_all"),
    "HassPauseTimer": _timer("timer_pause"),
    "HassUnpauseTimer": _timer("timer_resume"),
    "HassTimerStatus": _timer("timer_status"),
    "HassIncreaseTimer": _timer("timer_add_time", shift=True),
    "HassDecreaseTimer": _timer("timer_remove_time", shift=True),
    "HassShoppingListAddItem": _list("list_add", "shopping"),
    "HassShoppingListCompleteItem": _list("list_remove", "shopping"),
    "HassListAddItem": _list("list_add"),
    "HassListRemoveItem": _list("list_remove"),
    "HassListCompleteItem": _list("list_remove"),
    "HassGetWeather": lambda slots: Call("weather_get"),
    "HassGetCurrentTime": lambda slots: Call("time_get"),
    "HassGetCurrentDate": lambda slots: Call("date_get"),
}
"""Every Home Assistant intent we understand, and the tool call it becomes."""


def to_call(intent: str, slots: Slots) -> Call | None:
    """Our tool call for a recognized Home Assistant intent, or None if we have none."""
    handler = HANDLERS.get(intent)
    return handler(slots) if handler is not None else None
