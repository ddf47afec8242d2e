"""'It' as the device it stands for, where the grammar's reading of "it" falls short.

"Turn it off" after opening a valve: the tool read for "it" (switching) cannot
act on a valve, but "turn the irrigation valve off" reads as closing it. And
"the mini split, put it on cool": a device named first is what "it" means in
the command after it.
"""

from __future__ import annotations

from collections.abc import Mapping

from sottovoce.agent.calls import Call
from sottovoce.agent.grammar import Grammar, Match
from sottovoce.agent.relaxed import relaxed_forms
from sottovoce.tools import Registry

IT_WORDS = frozenset({"it", "them", "that", "this"})


class Pronouns:
    """Reads "it" again as a device's own name when its first reading cannot act on it."""

    def __init__(self, registry: Registry, grammar: Grammar, names: Mapping[str, str]):
        self.registry = registry
        self.grammar = grammar
        self._said_as: dict[str, str] = {}  # a device's id -> the first name it is said by
        for said, device in names.items():
            self._said_as.setdefault(device, said)

    def said_by_name(self, text: str, whole: Match | None, device: str | None) -> Match | None:
        """The reading with "it" said as `device` when the tool read for "it" cannot act on
        that kind of device, or when "it" was read as nothing ("put it up" is read only as
        "put the thermostat up"); else `whole` as it was."""
        if device is None:
            return whole
        if whole is not None:
            spec = self.registry.get(whole.call.tool)
            if spec is None or not _says_it(whole.call):
                return whole
            if not spec.kinds or device.partition(".")[0] in spec.kinds:
                return whole
        words = text.split()
        spots = [i for i, word in enumerate(words) if word in IT_WORDS]
        if len(spots) != 1 or device not in self._said_as:
            return whole
        words[spots[0]] = f"the {self._said_as[device]}"
        for form in relaxed_forms(" ".join(words)):
            named = self.grammar.best(form)
            if named is not None and device in named.call.args.values():
                return named
        return whole


def topic(words: list[str], names: Mapping[str, str]) -> tuple[str, int] | None:
    """A device named first and where the command about it ("it") starts, or None.

    "the mini split, put it on cool" -> (the mini split's id, 3): the name is the
    topic, and the command says it again as "it".
    """
    start = 1 if words[:1] == ["the"] else 0
    for end in range(len(words) - 1, start, -1):
        device = names.get(" ".join(words[start:end]))
        if device is not None:
            return (device, end) if IT_WORDS & set(words[end:]) else None
    return None


def _says_it(call: Call) -> bool:
    return "it" in call.args.values()
