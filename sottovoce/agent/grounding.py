"""A language model's call may only name what the user named.

A small model asked about "the attic light" in a home without an attic picks
the nearest name it was allowed, and would switch the landing light. So a
call is carried out only when each name-like argument (a device, a room, a
contact, a scene, a piece of media) shares a word with what the user said,
through the thing's name or one of its aliases, or is a pronoun for the thing
just talked about. Otherwise the agent says it does not know that name.

The tool itself must be grounded too (`agent/modelguard.py`): a question or a
remark calls only tools that change nothing, a call needs a word of its
tool's sentences among the user's, a call that changes something needs a word
asking for its action (`agent/actionwords.py`: "walk the dog" names a walk
but asks for none), and a free-text reply is said only when it is short, on
topic and claims nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from sottovoce.agent.actionwords import action_words, with_synonyms
from sottovoce.agent.calls import Call
from sottovoce.agent.modelguard import checked_reply, refusal, tool_words
from sottovoce.agent.slot_lists import KIN_WORDS, world_lists
from sottovoce.agent.toolselect import lists_by_param, words_of
from sottovoce.devices import World
from sottovoce.devices.kinds import KINDS
from sottovoce.tools.api import ToolSpec
from sottovoce.tools.main_light import MAIN_LIGHT_NAMES

_WORDS = re.compile(r"[a-z0-9']+")
_NAMED_LISTS = frozenset({"device", "area", "contact", "scene", "media", "artist", *KINDS})
_NEW_NAME_LISTS = frozenset({"list_name"})
_PRONOUNS = frozenset({"it", "them", "that", "this", "those", "these"})
_EVERYWHERE = frozenset({"house", "home", "everywhere", "whole house", "all", "every"})
_HOME_LISTS = ("device", "area", "contact", "list_name")
# Arguments that name something whatever the sentences call them.
_NAMED_PARAMS = frozenset({"name", "area", "contact", "scene"})
# Words that say what kind of thing, not which one: "the attic light" shares
# "light" with every light in the house.
_GENERIC = words_of(
    " ".join(KINDS).replace("_", " ")
    + " lamp lights bulb strip door window blind curtain shade shutter plug outlet socket"
    + " speaker tv television radio player heater heating thermostat sensor room floor"
)


class Grounding:
    """Knows the names of one world, to check a call's arguments against the user's words."""

    def __init__(self, world: World) -> None:
        self._aliases: dict[str, set[str]] = {}
        for device in world.devices.values():
            spoken = {device.name, *device.aliases, device.id}
            for name in spoken:
                self._aliases.setdefault(name.lower(), set()).update(s.lower() for s in spoken)
        self._world = world
        self._tool_words: dict[str, set[str]] = {}
        self._actions: dict[str, frozenset[str]] = {}

    @cached_property
    def _values(self) -> dict[str, list[str]]:
        """The world's slot lists as spoken, built when the model is first checked."""
        # Building the lists took 0.3 s on the default world here (a busy 2-core
        # machine); a session that never reaches the model should not pay it.
        return {
            name: [str(getattr(v.text_in, "text", "")) for v in slot.values]
            for name, slot in world_lists(self._world).items()
            if name != "ref"
        }

    @cached_property
    def _areas(self) -> set[str]:
        """The words of this home's rooms and floors."""
        return words_of(" ".join(self._values.get("area", ())))

    @cached_property
    def _home(self) -> set[str]:
        """What a reply may not bring up unasked: the things, rooms, people and lists here."""
        home = [v for name in _HOME_LISTS for v in self._values.get(name, ())]
        # A contact is also said "my friend Ana": "friend" is no one in this home.
        said = words_of(" ".join(home) + " " + " ".join(KINDS).replace("_", " "))
        names = words_of(" ".join(contact.name for contact in self._world.contacts))
        # Nor does "the big light" make "big" a thing here, when no device is called so.
        devices = words_of(" ".join(d.name for d in self._world.devices.values()))
        generic = words_of(" ".join(MAIN_LIGHT_NAMES)) - devices
        return said - (set(KIN_WORDS) - names) - generic

    @cached_property
    def _full_names(self) -> list[tuple[str, str]]:
        """Devices' names of more than one word, as said (space-padded), with their kinds."""
        return [
            (f" {' '.join(_WORDS.findall(device.name.lower()))} ", device.kind)
            for device in self._world.devices.values()
            if len(device.name.split()) > 1
        ]

    def refused(self, spec: ToolSpec, text: str) -> str | None:
        """Why the model's call of this tool does not follow from the words, or None if it does."""
        words = self._tool_words.get(spec.name)
        if words is None:
            words = self._tool_words[spec.name] = tool_words(spec, self._values)
        actions = self._actions.get(spec.name)
        if actions is None:
            actions = self._actions[spec.name] = with_synonyms(action_words(spec))
        return refusal(spec, words, text, self._areas, actions) or self._other_kind(spec, text)

    def _other_kind(self, spec: ToolSpec, text: str) -> str | None:
        """A device named in full that this tool cannot act on: "set the bedroom temperature
        sensor to 25" is no thermostat's target."""
        if not spec.kinds or spec.reads_only:
            return None
        padded = f" {' '.join(_WORDS.findall(text.lower()))} "
        named = {kind for name, kind in self._full_names if name in padded}
        if named and not named & set(spec.kinds):
            return f"the user named a {'/'.join(sorted(named))}, which {spec.name} does not act on"
        return None

    def reply(self, reply: str, text: str) -> tuple[str | None, str]:
        """The part of a model's reply fit to be said (or None), and why not."""
        return checked_reply(reply, text, self._home)

    def ungrounded(self, call: Call, spec: ToolSpec, text: str) -> str | None:
        """The first name-like argument the user did not say, or None when all are grounded."""
        said = words_of(text)
        named = _named_params(spec)
        by_param = lists_by_param(spec)
        made_up = {p for p, lists in by_param.items() if lists & _NEW_NAME_LISTS}
        free = {p for p, lists in by_param.items() if lists & {"text", "words"}}
        for param, value in call.args.items():
            own = by_param.get(param, set()) & spec.lists.keys()
            if own and not _chosen_as_said(value, [spec.lists[name] for name in own], said):
                return str(value)
            if not isinstance(value, str):
                continue
            if param in named and not self._said(value, said, text):
                return value
            # A name the user gives a new thing (a list) is theirs, every word of it:
            # "download the new episode" must not make a list "new_episode.txt".
            if param in made_up and not self._held(value) and not words_of(value) <= said:
                return value
            # Free text acted on unasked (an item, a note) is mostly words that were said:
            # "actually forget it, I'll do it myself" must not add "note_delete_all" to a
            # list, nor "a trip to switzerland" note "switzerland is a beautiful country
            # with many amazing things to see". (A message is read back before it is sent.)
            if param in free and not spec.confirm and value.strip():
                words = words_of(value)
                if 2 * len(words & said) < len(words):
                    return value
        return None

    def _held(self, name: str) -> bool:
        """Whether a list of that name exists (its name need not be said: "we need milk")."""
        return name.lower() in (n.lower() for n in self._world.record_names("list_name"))

    def _said(self, value: str, said: set[str], text: str) -> bool:
        lowered = value.lower()
        if lowered in _PRONOUNS:
            return bool(set(text.lower().split()) & _PRONOUNS)
        if lowered in _EVERYWHERE:
            return bool(set(text.lower().split()) & _EVERYWHERE)
        spoken = self._aliases.get(lowered, {lowered})
        return any((words_of(name) - _GENERIC) & said for name in spoken) or any(
            words_of(name) == said & words_of(name) for name in spoken
        )


def _chosen_as_said(value: object, lists: list[Mapping[str, Any]], said: set[str]) -> bool:
    """Whether a value of a tool's own list was said in one of its words ("jog" for run).

    "Record a video of the garden" must not start a walk: a model may not pick a
    fixed choice the user said nothing of.
    """
    words: set[str] = set()
    for body in lists:
        for entry in body.get("values", []) if isinstance(body.get("values"), list) else []:
            if isinstance(entry, Mapping) and entry.get("out") == value:
                words |= words_of(str(entry.get("in", "")))
            elif entry == value:
                words |= words_of(str(entry))
    return not words or bool(words & said)


def _named_params(spec: ToolSpec) -> set[str]:
    from_lists = {p for p, lists in lists_by_param(spec).items() if lists & _NAMED_LISTS}
    return from_lists | (_NAMED_PARAMS & set(spec.args_model.model_fields))
