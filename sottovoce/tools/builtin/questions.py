"""Questions about many devices at once: are any, are all, which, how many.

"Are any windows open?", "which doors are locked?", "how many lights are on
in the kitchen?", "are all the batteries OK?", "is anything still on
upstairs?". The noun says which devices (a kind, a binary sensor's class, a
word of a name), the state word what to check (state_words.py), and the reply
answers the question asked: a yes or no with the ones that differ, the names,
or the count first.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from sottovoce.devices import KINDS, Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin import state_words as sw
from sottovoce.tools.targets import areas_named, plural_name, the_name

plugin = Plugin("questions", "Answer are any, are all, which and how many about devices' states.")

Ask = Literal["any", "all", "which", "how_many"]

_IN = "((in|on|at|around) [the] {area}|{area})"
_WHERE = f"[{_IN}]"
_NOW = "[currently|still|right now|at the moment|now]"
_NOUN = "[the|my|our] {ask_noun:noun}"
_STATE = "{ask_state:state}"


def _noun_list() -> dict[str, Any]:
    values = []
    for noun in sw.noun_words():
        forms = {noun, sw.plural(noun)}
        values.append({"in": "(" + "|".join(sorted(forms)) + ")", "out": noun})
    return {"values": values}


def _state_list() -> dict[str, Any]:
    return {"values": [{"in": w, "out": w} for w in sw.state_word_list()]}


def _group(ask: Ask, sentences: list[str]) -> dict[str, Any]:
    return {"sentences": sentences, "slots": {"ask": ask}}


def _sentences() -> list[str | dict[str, Any]]:
    any_ = "(is|are) [there] any [of] [the]"
    return [
        _group(
            "any",
            [
                f"{any_} {_NOUN} {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"(is|are) there {_NOUN} {_NOW} {_STATE} {_NOW} {_WHERE}",  # "are there lights on"
                f"{any_} {{area}} {{ask_noun:noun}} {_NOW} {_STATE}",
                f"{any_} {_STATE} {{ask_noun:noun}} {_WHERE}",
                f"(do|have) (i|we) [got|have] any {_STATE} {{ask_noun:noun}} {_WHERE}",
                f"(do|have) (i|we) [got|have] any {{ask_noun:noun}} {_STATE} {_WHERE}",
                f"did (i|we|someone|anyone|somebody) leave any {{ask_noun:noun}} {_STATE} {_WHERE}",
                f"{any_} {_NOUN} {_IN} {_NOW} {_STATE}",
            ],
        ),
        {
            "sentences": [
                f"is (anything|something) {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"is there (anything|something) [left] {_NOW} {_STATE} {_NOW} {_WHERE}",
            ],
            "slots": {"ask": "any", "noun": "thing"},
        },
        {
            "sentences": [
                f"which things (is|are) {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"(tell me|list) everything (that is|that's) {_NOW} {_STATE} {_WHERE}",
            ],
            "slots": {"ask": "which", "noun": "thing"},
        },
        {
            "sentences": [f"is everything {_NOW} {_STATE} {_WHERE}"],
            "slots": {"ask": "all", "noun": "thing"},
        },
        _group(
            "all",
            [
                f"(is|are) all [of] [the] {_NOUN} {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"(is|are) all [of] [the] {{area}} {{ask_noun:noun}} {_NOW} {_STATE}",
                f"(is|are) (every|each) {{ask_noun:noun}} {_NOW} {_STATE} {_WHERE}",
                f"(is|are) all [of] [the] {_NOUN} {_IN} {_NOW} {_STATE}",
            ],
        ),
        _group(
            "which",
            [
                f"(which|what) [of] [the] {_NOUN} (is|are) {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"(which|what) [of] [the] {{area}} {{ask_noun:noun}} (is|are) {_NOW} {_STATE}",
                f"(tell me|list) (which|what|the) {{ask_noun:noun}} (is|are) {_STATE} {_WHERE}",
                f"(which|what) {{ask_noun:noun}} (have|has) (i|we|someone) left {_STATE} {_WHERE}",
                f"(which|what) [of] [the] {_NOUN} {_IN} (is|are) {_NOW} {_STATE}",
            ],
        ),
        _group(
            "how_many",
            [
                f"how many [of] [the] {_NOUN} (is|are) {_NOW} {_STATE} {_NOW} {_WHERE}",
                f"how many [of] [the] {{area}} {{ask_noun:noun}} (is|are) {_NOW} {_STATE}",
                f"how many {_STATE} {{ask_noun:noun}} (is|are) there {_WHERE}",
                f"how many {_STATE} {{ask_noun:noun}} (do|have) (i|we) [got|have] {_WHERE}",
                f"how many [of] [the] {_NOUN} {_IN} (is|are) {_NOW} {_STATE}",
            ],
        ),
    ]


@plugin.tool(
    reads_only=True,
    kinds=list(KINDS),
    lists={"ask_noun": _noun_list(), "ask_state": _state_list()},
    sentences=_sentences(),
)
def devices_ask(
    ctx: ToolContext,
    noun: Annotated[str, Field(description="what the devices are called: light, door, battery")],
    state: Annotated[str, Field(description="the state asked about: on, open, locked, low")],
    ask: Annotated[Ask, Field(description="any, all, which or how_many")] = "any",
    area: Annotated[str | None, Field(description="area or floor; none = the whole house")] = None,
) -> str:
    """Say whether any or all devices are in a state, which ones are, or how many."""
    noun, state = sw.singular(noun.strip().lower()), state.strip().lower()
    places = _places(ctx, area)
    found = _fitting(ctx, noun, places)
    plain = state in sw.ON or state in sw.OFF
    if noun in sw.ANYTHING and not plain and any(sw.by_class(d, state) for d in found):
        # "Which devices are running": the sensors that say so, not every light that is on.
        found = [d for d in found if sw.by_class(d, state)]
    judged = [(d, said) for d in found if (said := sw.is_true(d, state)) is not None]
    where = _where(area)
    if not judged:
        if noun in sw.ANYTHING:
            raise ToolError(f"Nothing{where} can be {state}.")
        raise ToolError(f"There are no {sw.plural(noun)}{where} that can be {state}.")
    ctx.touch([d for d, _ in judged])
    yes = [d for d, said in judged if said]
    no = [d for d, said in judged if not said]
    return _reply(ask, noun, state, where, yes, no)


def _fitting(ctx: ToolContext, noun: str, places: list[str] | None) -> list[Device]:
    every = list(ctx.world.devices.values())
    named_sorts = {d.kind for d in every if sw.is_sort(d.kind, noun) and sw.called(d, noun)}
    return [d for d in every if sw.fits(d, noun, d.kind in named_sorts) and _in(d, places)]


_HERE = ("here", "in here", "this room")


def _places(ctx: ToolContext, area: str | None) -> list[str] | None:
    if area is None or area.strip().lower() in _HERE:
        return None if area is None else ([ctx.area] if ctx.area else None)
    return areas_named(ctx, area)


def _in(device: Device, places: list[str] | None) -> bool:
    return places is None or device.area in places


def _where(area: str | None) -> str:
    if not area:
        return ""
    place = area.strip().lower()
    if place in _HERE:
        return " in here"
    if place in ("upstairs", "downstairs", "outside", "inside", "everywhere"):
        return f" {place}"
    return f" on the {place}" if place.endswith("floor") else f" in the {place}"


def _reply(ask: Ask, noun: str, state: str, where: str, yes: list[Device], no: list[Device]) -> str:
    total = len(yes) + len(no)
    nouns = sw.plural(noun) if noun not in sw.ANYTHING else "devices"
    if ask == "how_many":
        if not yes:
            return f"None of the {nouns}{where} are {state}."
        counted = (noun if noun not in sw.ANYTHING else "device") if len(yes) == 1 else nouns
        verb = "is" if len(yes) == 1 else "are"
        return f"{len(yes)} {counted} {verb} {state}{where}: {_names(yes)}."
    if ask == "which":
        if not yes:
            return f"None of the {nouns}{where} are {state}."
        return _cap(f"{_names(yes)} {_be(yes)} {state}{where}.")
    if ask == "all":
        if not no:
            if total <= 3:
                return f"Yes, {_names(yes)} {_be(yes)} {state}{where}."
            return f"Yes, all {total} {nouns} are {state}{where}."
        return f"No, {_names(no)} {_be(no)} not {state}."
    if not yes:
        return f"No, none of the {nouns}{where} are {state}."
    return f"Yes, {_names(yes)} {_be(yes)} {state}{where}."


def _names(devices: list[Device]) -> str:
    names = [the_name(d.name) for d in devices]
    if len(names) > 5:
        return f"{', '.join(names[:4])} and {len(names) - 4} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _be(devices: list[Device]) -> str:
    return "is" if len(devices) == 1 and not plural_name(devices[0].name) else "are"


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]
