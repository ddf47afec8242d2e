"""Follow-ups that carry the last change on: "a bit more", "lower", "and limes too".

After "turn the tv down", "a bit more" is the same step again; after "set the tv
volume to 40", "bit lower" is a step down of the same device ("turn it down");
after "add lemons to the shopping list", "oh, and limes too" adds to the same
list. These are tried only when the grammar found nothing in the words as
they stand, and only right after a call they can carry on.
"""

from __future__ import annotations

from sottovoce.agent.calls import Call
from sottovoce.agent.learner import STRONG, STRONG_SOUND

# Tools that change by a step: saying "more" again is taking the same step again.
_STEPS = frozenset(
    "light_brighter light_dimmer fan_faster fan_slower climate_warmer climate_cooler"
    " media_volume_step".split()
)
_MORE = frozenset(
    {"more", "again", "even more", "some more", "further", "more again", "1 more", "once more"}
    | {"another", "another 1", "another degree", "another notch", "1 more degree", "1 more notch"}
    | {"another bit", "a bit more again", "more still", "little more", "a little more"}
)
# After a level was set ("the table lamp to 50"), "a little more" or "less" is a step
# from it: what each asks of "it".
_FROM_LEVEL = {
    "light_set_brightness": ("make it brighter", "make it dimmer"),
    "media_set_volume": ("turn it up", "turn it down"),
    "fan_set_speed": ("make it faster", "make it slower"),
    "climate_set_temperature": ("turn it up", "turn it down"),  # "make it" is the room
}
_LESS = frozenset({"less", "bit less", "little less", "a little less", "a bit less"})
# A comparative said alone after a device was acted on: what it asks of "it".
_COMPARATIVES = {
    "louder": "make it louder",
    "higher": "turn it up",
    "up": "turn it up",
    "quieter": "make it quieter",
    "softer": "make it quieter",
    "lower": "turn it down",
    "down": "turn it down",
    "brighter": "make it brighter",
    "dimmer": "make it dimmer",
    "darker": "make it dimmer",
    "warmer": "make it warmer",
    "hotter": "make it warmer",
    "cooler": "make it cooler",
    "colder": "make it cooler",
    "faster": "make it faster",
    "slower": "make it slower",
    # As learners say them: "more cold please", "more fast".
    "more cold": "make it cooler",
    "more cool": "make it cooler",
    "more warm": "make it warmer",
    "more hot": "make it warmer",
    "more bright": "make it brighter",
    "less bright": "make it dimmer",
    "more fast": "make it faster",
    "more slow": "make it slower",
}
# As learners say it (a light's "strong" is bright): for a light, then for a sound.
_STRONGER = {
    said: (f"make it {meant}", f"make it {STRONG_SOUND[meant]}") for said, meant in STRONG.items()
} | {"more loud": ("make it louder",) * 2, "less loud": ("make it quieter",) * 2}
_SOFTENERS = ("a little bit", "a wee bit", "a little", "a bit", "a tad", "a touch", "slightly")
_LEADS = frozenset("oh and also plus ok okay now just maybe actually no bit little tad".split())
_TRAILS = ("as well", "please", "too", "also", "still", "than that", "then", "again")
_OUTSIDE = frozenset({"outside", "outdoors", "out there", "outside now"})
_ADDING = frozenset({"list_add", "list_remove"})
_ON_A_LIST = frozenset({"list_add", "list_remove", "list_read", "list_clear"})
# Words that start something other than an item for the list: "and the weather?".
_NOT_ITEMS = frozenset(
    "the my your our what where when why how who which is are do does can could will would"
    " turn switch set make put play stop start call text open close lock unlock it that"
    " them this those".split()
)
# "Remove sugar, Ajoba is diabetic": a clause is no part of the item.
_NOT_IN_ITEMS = frozenset("from off is are was were will has have".split())
_MAX_ITEM_WORDS = 6  # "and a pint of semi skimmed"


def carry_on(text: str, last: Call | None, on_devices: bool) -> Call | str | None:
    """The last call again, words to read with "it" for its device, a list addition, or None.

    `text` is normalized; `last` the previous command; `on_devices` whether it acted
    on devices (a comparative is about them).
    """
    if last is None:
        return None
    core, marked = _core(text)
    words = core.split()
    if last.tool in _STEPS and core in _MORE | {""} and text.strip():
        return last
    if last.tool in _FROM_LEVEL and core and (core in _MORE or core in _LESS):
        return _FROM_LEVEL[last.tool][core in _LESS]
    # "What's the temperature in the hall?" "And the humidity?": the same place.
    if "quantity" in last.args and words[:1] == ["the"] and 1 < len(words) <= 3:
        place = last.args.get("area")
        return f"what is {core}" + (f" in the {place}" if isinstance(place, str) else "")
    if core in _OUTSIDE and "quantity" in last.args:
        # "How warm is it in the office?" "And outside?"
        return f"what is the {last.args['quantity']} outside"
    if core in _COMPARATIVES and on_devices:
        return _COMPARATIVES[core]
    if core in _STRONGER and on_devices:  # "more strong": of a sound, louder
        return _STRONGER[core][last.tool.startswith("media")]
    # "Remove the dal" right after the list was used: from that list.
    if last.tool in _ON_A_LIST and words[:1] in (["remove"], ["delete"]) and len(words) > 1:
        if not _NOT_IN_ITEMS & set(words) and len(words) <= _MAX_ITEM_WORDS + 1:
            return f"{core} from the list"
    if last.tool in _ADDING and marked and _is_item(core):
        return Call(last.tool, {**last.args, "items": core})
    return None


def bare_comparative(text: str) -> bool:
    """Whether the words are a comparative alone ("actually a bit dimmer"): after a device
    was acted on, that device, before any reading of the words as they stand."""
    return _core(text)[0] in _COMPARATIVES or _core(text)[0] in _STRONGER


def _core(text: str) -> tuple[str, bool]:
    """The words without softeners, "oh and" before and "too" after; and whether an
    "and"/"too"-like word marked them as one more of the same."""
    padded = f" {text} "
    for softener in _SOFTENERS:
        padded = padded.replace(f" {softener} ", " ")
    words = padded.split()
    if words[:2] in (["what", "about"], ["how", "about"]):
        words = words[2:]
    marked = False
    while words and words[0] in _LEADS:
        marked = marked or words[0] in ("and", "also", "plus")
        words = words[1:]
    changed = True
    while changed and words:
        changed = False
        for trail in _TRAILS:
            size = len(trail.split())
            if len(words) >= size and " ".join(words[-size:]) == trail:
                marked = marked or trail in ("as well", "too", "also")
                words, changed = words[:-size], True
    return " ".join(words), marked


def _is_item(core: str) -> bool:
    words = core.split()
    return 0 < len(words) <= _MAX_ITEM_WORDS and words[0] not in _NOT_ITEMS


def same_list(call: Call, last: Call | None) -> Call:
    """A list call that names no list, or says "it", works on the list just used ("add
    cereal to the grocery list", then "actually take milk off"; "make a list called
    cookout", then "add buns to it"); "take that off" after an addition takes it off."""
    named = call.args.get("list_name")
    if last is None or call.tool not in _ON_A_LIST or (named and named not in _IT):
        return call
    if last.tool not in _ON_A_LIST | {"list_create"} or not last.args.get("list_name"):
        return call
    args = {**call.args, "list_name": last.args["list_name"]}
    if call.tool in _ADDING and args.get("items") in _IT and last.tool in _ADDING:
        args["items"] = last.args["items"]  # "put it back on" after taking bread off
    return Call(call.tool, args)


_IT = frozenset({"it", "that", "this", "them", "those", "there", "that one", "that list"})


def unknown_list(calls: list[Call]) -> bool:
    """Whether the one call works on "it" as a list with no list to be "it"."""
    return len(calls) == 1 and calls[0].tool in _ON_A_LIST and calls[0].args.get("list_name") in _IT


# "Clear it" alone cancels a timer (the timers plugin's reading); right after a list was
# read or changed, it empties that list.
# "Remove that" is read the same way: the items just added taken off again.
_CANCELLING, _CLEARING, _REMOVING, _ADD = "timer_cancel", "list_clear", "list_remove", "list_add"
_CLEAR_WORDS = frozenset({"clear it", "clear that", "clear it all", "clear all that"})
_REMOVE_WORDS = frozenset({"remove that", "remove it", "delete that", "delete it"})


def list_cleared(text: str, calls: list[Call], last: Call | None) -> list[Call]:
    """The list just used emptied, if "clear it" was said right after it, or the items
    just added taken off for "remove that"; else `calls`."""
    listed = last.args.get("list_name") if last is not None else None
    if last is None or last.tool not in _ON_A_LIST | {"list_create"} or not listed:
        return calls
    if [c.tool for c in calls] != [_CANCELLING] or calls[0].args:
        return calls
    said = _core(text)[0]
    # "right, clear it", "clear it, I have bought everything": said first or last
    if _said_with(said, _CLEAR_WORDS):
        return [Call(_CLEARING, {"list_name": listed})]
    if _said_with(said, _REMOVE_WORDS) and last.tool == _ADD and last.args.get("items"):
        return [Call(_REMOVING, {"list_name": listed, "items": last.args["items"]})]
    return calls


def _said_with(said: str, phrases: frozenset[str]) -> bool:
    padded = f" {said} "
    return any(padded.startswith(f" {p} ") or padded.endswith(f" {p} ") for p in phrases)
