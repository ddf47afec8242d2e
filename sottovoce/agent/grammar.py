"""The sentence grammar: every tool's hassil templates, with slot lists filled from the world.

Matching is exact and takes milliseconds. When it fails, a second pass lets
hassil capture the words where a name was expected and fuzzy-matches them
against the world's names, so that "reading lamb" still finds the reading
lamp, and a name that matches nothing ("the hot tub") is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from hassil import (
    Intents,
    RecognizeResult,
    SlotList,
    TextSlotList,
    recognize_all,
)

from sottovoce.agent.calls import Call, UnknownName
from sottovoce.agent.fuzzy import NameRepair
from sottovoce.agent.grammar_intents import (
    FOLLOW_UP,
    intents_dict,
    slot_lists_by_tool,
    template_words,
)
from sottovoce.agent.ha_library import HaLibrary
from sottovoce.agent.kindwords import TakenKindWords, type_word
from sottovoce.agent.names import all_spoken_names, shared_endings
from sottovoce.agent.normalize import normalize
from sottovoce.agent.own_sentences import UNKNOWN_INTENTS, UNKNOWN_SENTENCES
from sottovoce.agent.slot_lists import (
    EVERYWHERE,
    NAME_LISTS,
    PRONOUNS,
    shared_across_rooms,
    world_lists,
)
from sottovoce.devices import World
from sottovoce.tools import Registry
from sottovoce.tools.main_light import MAIN_LIGHT_NAMES, main_light

_CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}(?: am| pm)?")
# Lists of clock times: the tool gets the words as said, since hassil reads "07:30"
# and "7:30" as one value and the padding tells whether am or pm was said.
_CLOCK_LISTS = frozenset({"time", "reminder_clock"})
_RECENT = 512  # texts whose best match is remembered


@dataclass(frozen=True)
class Match:
    """A grammar match: the call it stands for and how good it is."""

    call: Call
    literal_chunks: int
    wild: tuple[str, ...] = ()
    plugin: str | None = None


class Grammar:
    """The compiled sentence grammar of a registry against one world."""

    def __init__(self, registry: Registry, world: World, *, library: bool = True) -> None:
        self._intents = Intents.from_dict(intents_dict(registry))
        self._lists: dict[str, SlotList] = dict(world_lists(world))
        self._slot_lists = slot_lists_by_tool(registry)
        self._plugins = {spec.name: spec.plugin for spec in registry}
        self._areas = {normalize(a.name) for a in world.areas} | {
            normalize(f) for f in world.floor_words()
        }
        self._places = _device_places(world)
        # Names several devices share ("bedside lamp", "hall light"): names all the same.
        every = all_spoken_names(world)
        shared = [*shared_across_rooms(world, every), *shared_endings(world, every)]
        self._shared = frozenset(normalize(name) for name in shared)
        self._taken = TakenKindWords(world)
        self._area_of = {d.id: normalize(d.area) for d in world.devices.values() if d.area}
        self._name_of = {d.id: normalize(d.name) for d in world.devices.values()}
        self._sorts = _sorts_by_area(world)
        self._tool_kinds = {spec.name: tuple(spec.kinds) for spec in registry}
        self._takes_name = {s.name for s in registry if "name" in s.args_model.model_fields}
        self._repair = NameRepair(_spoken_names(self._lists), template_words(registry))
        self._unknown = Intents.from_dict(UNKNOWN_INTENTS)
        # Home Assistant's sentences read what ours do not ("light up the living room").
        self._library = HaLibrary(world) if library else None
        self._recent: dict[tuple[str, str | None, bool, str | None], Match | None] = {}
        for intent in self._intents.intents.values():
            for data in intent.data:
                _ = data.sentences  # hassil parses templates lazily; do it now, not mid-turn

    def name_of(self, device: str) -> str | None:
        """A device's name as said ("bedside lamp"), if the home has it."""
        return self._name_of.get(device)

    def has_sort(self, area: str, sort: str) -> bool:
        """Whether the room has a device of that sort: one called so ("lamp"), or its main
        light ("main light")."""
        return sort in self._sorts.get(normalize(area), set())

    def is_place(self, words: str) -> bool:
        """Whether the words are a room or floor of this home, as said ("hall", "upstairs")."""
        return words in self._areas

    def area_of(self, device: str) -> str | None:
        """The room a device is in, as said ("living room"), if it has one."""
        return self._area_of.get(device)

    def match(self, text: str) -> Call | None:
        """The best exact match of normalized text, or None."""
        best = self.best(text)
        return best.call if best is not None else None

    def best(
        self,
        text: str,
        prefer: str | None = None,
        *,
        device_referent: bool = False,
        kind: str | None = None,
    ) -> Match | None:
        """The best exact match; ties go to tools of the `prefer` plugin (the last one used),
        then, when "it" is a device (`device_referent`), to readings that take "it" as one.
        With `kind`, only readings whose tool can act on that kind of device (or that
        act on none) count: "make it half" after a blind is not a light's level.

        Remembered for the last few hundred texts: the router tries the same pieces
        of a sentence joined by "and" many times over, and matching is the slow part.
        """
        key = (text, prefer, device_referent, kind)
        if key in self._recent:
            return self._recent[key]
        found = self._best(text, prefer, device_referent, kind)
        if len(self._recent) >= _RECENT:
            self._recent.clear()  # a bound, not a policy: one clear() is safe across threads
        self._recent[key] = found
        return found

    def _best(
        self, text: str, prefer: str | None, device_referent: bool, kind: str | None = None
    ) -> Match | None:
        results = recognize_all(text, self._intents, slot_lists=self._lists)
        matches = [
            _to_match(r, self._plugins.get(r.intent.name), self._clock_slots(r))
            for r in results
            if self._times_are_times(r)
        ]
        if kind is not None:
            matches = [m for m in matches if self._may_act_on(m.call.tool, kind)]
        matches = [m for m in matches if self._in_place(m.call)] or matches
        best = _best(matches, prefer, device_referent, self._shared)
        if best is not None and not _names_device(best.call):
            taken = self._taken.in_text(text, self._tool_kinds.get(best.call.tool, ()))
            if taken:
                return self._named_instead(text, taken, best)
            return self._of_type(text, best)
        return best or self.library_match(text)

    def _may_act_on(self, tool: str, kind: str) -> bool:
        """Whether a reading's "it" may be a device of this kind (a follow-up's may)."""
        return tool == FOLLOW_UP or kind in self._tool_kinds.get(tool, ())

    def _of_type(self, text: str, best: Match) -> Match:
        """'Turn on the lamp': a call that names nothing takes the word that says what sort
        of device it is, so the tool finds one called so (not the room's ceiling light)."""
        call = best.call
        if call.tool not in self._takes_name or "name" in call.args:
            return best
        word = type_word(text, self._tool_kinds.get(call.tool, ()))
        if word is None:
            return best
        return replace(best, call=Call(call.tool, {**call.args, "name": word}))

    def _named_instead(self, text: str, taken: list[str], kind_reading: Match) -> Match | None:
        """The reading of the one device that the kind's word names ("heater": the block
        heater); None when several are (the user is asked which)."""
        found: dict[object, Match] = {}
        for word in taken:
            for named in self._taken.named(text, word):
                for result in recognize_all(named, self._intents, slot_lists=self._lists):
                    match = _to_match(result, self._plugins.get(result.intent.name), set())
                    device = match.call.args.get("name")
                    if _names_device(match.call):
                        found.setdefault(device, match)
        if not found:
            return kind_reading
        return next(iter(found.values())) if len(found) == 1 else None

    def _in_place(self, call: Call) -> bool:
        """Whether a call's device is in the room it names, if it names both: "the heating
        in the bedroom" is not the office's heater."""
        name, area = call.args.get("name"), call.args.get("area")
        if not isinstance(name, str) or not isinstance(area, str) or name not in self._places:
            return True
        return normalize(area) in self._places[name] | set(EVERYWHERE)

    def library_match(self, text: str) -> Match | None:
        """The best reading of Home Assistant's sentences that one of our tools carries out."""
        if self._library is None:
            return None
        for reading in self._library.readings(text):
            plugin = self._plugins.get(reading.call.tool)
            if plugin is not None:
                return Match(reading.call, reading.literal_chunks, (), plugin)
        return None

    def _clock_slots(self, result: RecognizeResult) -> set[str]:
        slots = self._slot_lists.get(result.intent.name, {})
        return {name for name in result.entities if slots.get(name, set()) & _CLOCK_LISTS}

    def _times_are_times(self, result: RecognizeResult) -> bool:
        """A clock-time slot must hold a clock time as normalization writes it."""
        return all(
            _CLOCK_TIME.fullmatch(str(result.entities[name].text).strip())
            for name in self._clock_slots(result)
        )

    def match_fuzzy(self, text: str) -> Call | UnknownName | None:
        """Match after repairing near-miss names; else report a name nothing resembles."""
        repaired = self._repair.repair(text)
        if repaired is not None:
            call = self.match(repaired)
            if call is not None and call.tool != FOLLOW_UP:
                return call
        found = [
            unknown
            for result in recognize_all(text, self._unknown, slot_lists=self._lists)
            if (unknown := self._unknown_name(result)) is not None
        ]
        # The most specific reading wins: a room before a thing, then the fewest words.
        order = list(UNKNOWN_SENTENCES)
        return min(found, key=lambda u: (order.index(u.what), len(u.text)), default=None)

    def _unknown_name(self, result: RecognizeResult) -> UnknownName | None:
        if "thing" not in result.entities:
            return None
        words = _strip_article(str(result.entities["thing"].text).strip())
        what = result.intent.name
        if not words or len(words.split()) > 3 or words in PRONOUNS:
            return None
        if words.split()[0] in ("it", "them", "they"):
            return None  # "turn it down to 30, he's asleep": "it down" is no name
        if _CLOCK_TIME.search(words):
            return None  # "start coffee at 06:00": a time to act is no part of a name
        if what == "place" and words in self._areas:
            return None
        if what == "thing" and any(f" {a} " in f" {words} " for a in self._areas):
            return None  # "all the lights downstairs": a place, not an unknown thing
        return UnknownName(text=words, known=self._repair.knows(words), what=what)


def _spoken_names(lists: Mapping[str, SlotList]) -> list[str]:
    names = []
    for name, slot_list in lists.items():
        if name in NAME_LISTS and isinstance(slot_list, TextSlotList):
            for value in slot_list.values:
                text = getattr(value.text_in, "text", None)
                if not isinstance(text, str) or text.lower() in MAIN_LIGHT_NAMES:
                    continue  # "veranda light" is no near miss of "overhead light"
                # A contact as "my brother Raj" is said right or not at all: near it, "father
                # tom" would be repaired to "father tomasz" by the words they share.
                if name != "contact" or text.lower() == str(value.value_out).lower():
                    names.append(text)
    return names


def _strip_article(text: str) -> str:
    for article in ("the ", "my ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _to_match(
    result: RecognizeResult, plugin: str | None = None, verbatim: set[str] | None = None
) -> Match:
    args = {
        name: str(entity.text).strip() if name in (verbatim or ()) else entity.value
        for name, entity in result.entities.items()
    }
    clean = {k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in args.items()}
    wild = tuple(str(e.text) for e in result.entities.values() if getattr(e, "is_wildcard", False))
    return Match(Call(result.intent.name, clean), result.text_chunks_matched, wild, plugin)


def _best(
    matches: list[Match],
    prefer: str | None = None,
    device_referent: bool = False,
    shared: frozenset[str] = frozenset(),
) -> Match | None:
    if not matches:
        return None

    # A named device beats an area reading of the same words ("kitchen light"); the
    # tools of the last plugin used break ties ("pause it" after a timer); and "it" is a
    # device only after one was acted on: "turn it off" after a light means the light,
    # not a timer, and "turn it up" with nothing before means the music's volume.
    # A question whose reading fixes the form of its answer ("are all ...", "how many
    # ...": an `ask` argument) beats a reading that would only describe the devices.
    def rank(m: Match) -> tuple[bool, bool, bool, bool, bool, int, int]:
        return (
            m.call.tool != FOLLOW_UP,
            _names_device(m.call) or m.call.args.get("name") in shared,
            "ask" in m.call.args,
            prefer is not None and m.plugin == prefer,
            ("it" in m.call.args.values()) == device_referent,
            m.literal_chunks,
            -sum(len(w) for w in m.wild),
        )

    return max(matches, key=rank)


def _device_places(world: World) -> dict[str, set[str]]:
    """Each device's id -> its room and the words for its floor, as said."""
    floor_of = {a.name: a.floor for a in world.areas}
    words = world.floor_words()
    places: dict[str, set[str]] = {}
    for device in world.devices.values():
        floor = floor_of.get(device.area or "")
        spoken = {w for w, floors in words.items() if floor is not None and floor in floors}
        places[device.id] = {normalize(p) for p in [device.area or "", *spoken] if p}
    return places


def _sorts_by_area(world: World) -> dict[str, set[str]]:
    """The words of every device name in each room, and "main light" if it has one."""
    sorts: dict[str, set[str]] = {}
    for area in world.areas:
        here = [d for d in world.devices.values() if d.area == area.name]
        words = {w for d in here for n in (d.name, *d.aliases) for w in normalize(n).split()}
        lights = [d for d in here if d.kind == "light"]
        sorts[normalize(area.name)] = words | (
            {"main light"} if main_light(lights, area.name) else set()
        )
    return sorts


def _names_device(call: Call) -> bool:
    name = call.args.get("name")
    return isinstance(name, str) and "." in name
