"""Follow-ups: the last call re-aimed at a new area, device, day, contact or value.

"And in the kitchen?", "make that 35", "the fan too": the dialogue keeps the
last successful call, and a follow-up's slots replace its arguments (a device
of another kind moves the call to that kind's sibling tool).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from sottovoce.agent.calls import Call
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.own_sentences import HERE
from sottovoce.tools import Registry
from sottovoce.tools.targets import KIND_WORDS, TYPE_WORDS


def kept_sort(grammar: Grammar, names: Mapping[str, str], last: Call, area: str) -> dict[str, str]:
    """What a room said alone re-aims the last device call at: "and the spare room one"
    after the main bedroom's bedside lamp, the name it shares with a device elsewhere;
    else the sort of thing it was ("no, the den" after the living room lamp: the den's
    lamp; "no, the kitchen" after the dining room light: its main light), if that room
    has one; else nothing (the kind there: "same in Thandi's room")."""
    device = last.args.get("name")
    name = grammar.name_of(device) if isinstance(device, str) else None
    if name and name not in names:
        return {"name": name}
    sort = name.split()[-1] if name else None
    if name and isinstance(device, str) and name == f"{grammar.area_of(device)} light":
        sort = "main light"
    elif sort not in TYPE_WORDS:
        return {}
    return {"name": sort} if sort and grammar.has_sort(area, sort) else {}


def follow_up(registry: Registry, last: Call, slots: dict[str, object]) -> Call | None:
    """Re-aim the last call at a new area, device, day, contact or value; None if it cannot be."""
    spec = registry.get(last.tool)
    if spec is None:
        return None
    if "kind" in slots:
        return _other_kind(registry, last, str(slots["kind"]), slots.get("area"))
    if "value" in slots:
        value = slots["value"]
        changed = (
            _new_value(last, value)
            or _to_percent(registry, last, value)
            or _to_number(registry, last, value)
        )
        if changed is None or "area" not in slots:
            return changed
        aimed = {k: v for k, v in changed.args.items() if k != "name"}
        kind_said = _kind_of(changed.args.get("name"))
        if kind_said is not None and len(spec.kinds) > 1:
            aimed["name"] = kind_said
        return Call(changed.tool, {**aimed, "area": slots["area"]})
    params = set(spec.args_model.model_fields)
    if not set(slots) <= params or not _a_list_name(slots.get("list_name")):
        return None
    args = dict(last.args)
    if "area" in slots:
        kind_said = _kind_of(args.pop("name", None))
        if kind_said is not None and len(spec.kinds) > 1 and "name" not in slots:
            args["name"] = kind_said  # "the bedroom one" after the hall fan: the fans there
    if "name" in slots:
        args.pop("area", None)
    args.update(slots)
    if args.get("area") == HERE:
        del args["area"]  # where the user is: a tool's default
    tool = last.tool
    name = slots.get("name")
    kind = name.partition(".")[0] if isinstance(name, str) and "." in name else None
    if kind is not None and spec.kinds and kind not in spec.kinds:
        sibling = sibling_tool(registry, last.tool, kind)
        if sibling is None and _switches_off(last):
            # "Turn off the immersion and the heating": a thermostat is switched off by its mode.
            return _switched_off(registry, kind, name) if isinstance(name, str) else None
        tool = sibling or tool
    return Call(tool, args)


def _switches_off(call: Call) -> bool:
    """Whether the call switches something off (a turn_off, or a mode set to off)."""
    return call.tool.endswith("_turn_off") or call.args.get("mode") == "off"


def _switched_off(registry: Registry, kind: str, name: str) -> Call | None:
    """Switching `name` off as its kind is switched off: its turn_off, or its mode 'off'."""
    offs = [s for s in registry if kind in s.kinds and s.name.endswith(("_turn_off", "_close"))]
    if offs:  # the kind's own tool before one for every kind
        return Call(min(offs, key=lambda s: len(s.kinds)).name, {"name": name})
    for spec in registry:
        if kind not in spec.kinds or spec.reads_only or "mode" not in spec.args_model.model_fields:
            continue
        try:
            spec.args_model.model_validate({"name": name, "mode": "off"})
        except ValidationError:
            continue
        return Call(spec.name, {"name": name, "mode": "off"})
    return None


def _kind_of(name: object) -> str | None:
    """The kind word of a device id ("fan.hall" -> "fan") or a kind word as said; else None."""
    if not isinstance(name, str):
        return None
    kind = name.partition(".")[0] if "." in name else name
    for own, words in KIND_WORDS.items():
        if kind == own or kind in words:
            return words[0]
    return None


def _other_kind(registry: Registry, last: Call, word: str, area: object) -> Call | None:
    """'No, I meant the fan' after the bedroom light: the same change to the room's fan
    (`word` is the kind's word as said: "fan", "lamp").

    `area` is the room of the device acted on (the cascade knows it)."""
    spec = registry.get(last.tool)
    kind = next((k for k, words in KIND_WORDS.items() if word in words), None)
    if spec is None or kind is None or not isinstance(area, str):
        return None
    tool = last.tool if kind in spec.kinds else sibling_tool(registry, last.tool, kind)
    if tool is None:
        return None
    args = {k: v for k, v in last.args.items() if k != "name"}
    named = registry.get(tool)
    takes_name = named is not None and "name" in named.args_model.model_fields
    if takes_name and named is not None and (len(named.kinds) > 1 or word in TYPE_WORDS):
        args["name"] = word  # which kind, or which sort ("lamp"): targets reads the word
    return Call(tool, {**args, "area": area})


def _a_list_name(name: object) -> bool:
    """'And the christmas list?' names a list; in "add eggs and milk to my shopping list"
    the words after "and" ("milk to my shopping") do not."""
    words = str(name).split() if name is not None else []
    return len(words) <= 2 and not {"to", "on", "onto", "in", "into", "from"} & set(words)


def _new_value(last: Call, value: object) -> Call | None:
    """'make that 35': the last call again with its one number changed."""
    numeric = [
        key
        for key, old in last.args.items()
        if isinstance(old, int | float) and not isinstance(old, bool)
    ]
    if len(numeric) != 1:
        return None
    key, old = numeric[0], last.args[numeric[0]]
    if key == "seconds" and isinstance(value, int | float):
        value = _in_units_of(old, value)
        if last.tool == _TIMER_START:  # the timer just set is changed, not joined by another
            return _timer_changed(last, float(old), float(value))
    return Call(last.tool, {**last.args, key: value})


# "Make it 20" after a timer of 15 minutes: the timers plugin's tools that change one.
_TIMER_START, _TIMER_MORE, _TIMER_LESS = "timer_start", "timer_add_time", "timer_remove_time"


def _in_units_of(old: object, value: float) -> float:
    """'Make it 20' after 15 minutes is 20 minutes: a bare number in the unit said before."""
    if not isinstance(old, int | float) or value >= 60:
        return value
    for unit in (3600, 60):
        if old >= unit and old % unit == 0:
            return value * unit
    return value


def _timer_changed(last: Call, old: float, new: float) -> Call | None:
    if new == old:
        return None
    tool = _TIMER_MORE if new > old else _TIMER_LESS
    aim = {"label": last.args["label"]} if last.args.get("label") else {"timer_s": old}
    return Call(tool, {"seconds": abs(new - old), **aim})


def _to_percent(registry: Registry, last: Call, value: object) -> Call | None:
    """'Halfway' after opening a blind: the same plugin's tool that sets a percent, aimed
    at the same devices (cover_open -> cover_set_position)."""
    spec = registry.get(last.tool)
    if spec is None or not isinstance(value, int | float):
        return None
    aim = {k: v for k, v in last.args.items() if k in ("name", "area")}
    for other in registry:
        fields = other.args_model.model_fields
        same = other.plugin == spec.plugin and other.kinds == spec.kinds
        if same and "percent" in fields and set(aim) <= set(fields) and not other.reads_only:
            return Call(other.name, {**aim, "percent": value})
    return None


def _to_number(registry: Registry, last: Call, value: object) -> Call | None:
    """'Twenty three please' after switching the aircon to heat: the same plugin's tool
    that sets the one number its devices take (climate_set_mode -> climate_set_temperature)."""
    spec = registry.get(last.tool)
    if spec is None or not isinstance(value, int | float) or "name" not in last.args:
        return None
    aim = {k: v for k, v in last.args.items() if k in ("name", "area")}
    for other in registry:
        fields = other.args_model.model_fields
        numbers = [
            key
            for key, field in fields.items()
            if field.is_required() and field.annotation in (int, float)
        ]
        same = other.plugin == spec.plugin and other.kinds == spec.kinds
        if same and len(numbers) == 1 and set(aim) <= set(fields) and not other.reads_only:
            return Call(other.name, {**aim, numbers[0]: value})
    return None


# What switching on or off is for kinds that open and close: "and the garden irrigation"
# after switching on the pool pump opens the valve.
_SAME_ACTION = {"turn_on": ("open",), "turn_off": ("close",), "open": ("turn_on",)} | {
    "close": ("turn_off",)
}


def sibling_tool(registry: Registry, tool: str, kind: str) -> str | None:
    """The tool doing the same thing for another device kind (light_turn_on -> fan_turn_on)."""
    _, _, action = tool.partition("_")
    actions = {action, *_SAME_ACTION.get(action, ())}
    fitting = [
        spec
        for spec in registry
        if kind in spec.kinds
        and any(spec.name.endswith("_" + a) for a in actions)
        and spec.name != tool
    ]
    # The kind's own tool before one for every kind (fan_turn_on, not device_turn_on).
    fitting.sort(key=lambda spec: len(spec.kinds))
    return fitting[0].name if fitting else None
