"""Kind words that a home uses as devices' names: "heater" when its heaters are plugs.

Templates say some kinds in words: "turn on the heater" is the thermostat's
heating, "switch off the socket" the switches in the speaker's room. In a home
whose heaters are a block heater and a space heater on switches, and whose
thermostat is called "thermostat", "the heater" names the switches; in one
with a single "workshop socket", "the socket" names it. The kind's reading
would act on the wrong device. The grammar asks this module which words are
so taken, and for which kinds.
"""

from __future__ import annotations

import re

from sottovoce.agent.names import SYNONYMS
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World
from sottovoce.tools.targets import KIND_WORDS, TYPE_WORDS

_WORD = re.compile(r"[a-z][a-z']*")


class TakenKindWords:
    """For one world: each kind's words that only devices of other kinds are called by."""

    def __init__(self, world: World) -> None:
        heads: dict[str, set[str]] = {}  # word -> kinds whose devices' names end in it
        called: dict[str, set[str]] = {}  # word -> devices whose names end in it
        words_of: dict[str, set[str]] = {}  # word -> kinds whose devices' names hold it
        self._names: dict[str, list[str]] = {}  # word -> full names ending in it
        for device in world.devices.values():
            for name in {normalize(n) for n in (device.name, *device.aliases)}:
                words = _WORD.findall(name)
                for word in words:
                    words_of.setdefault(word, set()).add(device.kind)
                if len(words) > 1:
                    heads.setdefault(words[-1], set()).add(device.kind)
                    called.setdefault(words[-1], set()).add(device.id)
                    self._names.setdefault(words[-1], []).append(name)
        self._taken: dict[str, frozenset[str]] = {}
        for kind, said in KIND_WORDS.items():
            # The kind's own name ("light", "lights") stays the class, whatever is called so.
            # A singular word that devices are called by, other than the kind's own name
            # ("heater", not "light" or "blinds"), names them: devices of other kinds, or
            # the one device so called. Several of this kind ("my lamp", "the lamp") stay
            # the kind's reading, which knows the speaker's room.
            taken = {
                w
                for w in said
                if w in heads
                and not w.endswith("s")
                and w != kind
                and (kind not in words_of[w] or len(called[w]) == 1)
            }
            if taken:
                self._taken[kind] = frozenset(taken)

    def in_text(self, text: str, kinds: tuple[str, ...] | list[str]) -> list[str]:
        """The words of `text` that the kinds' templates read as the kind but name other devices."""
        taken = frozenset().union(*(self._taken.get(k, frozenset()) for k in kinds))
        return [w for w in _WORD.findall(text) if w in taken] if taken else []

    def named(self, text: str, word: str) -> list[str]:
        """`text` with `word` replaced by each full name ending in it ("the block heater")."""
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        return [pattern.sub(name, text, count=1) for name in self._names.get(word, [])]


def type_word(text: str, kinds: tuple[str, ...] | list[str]) -> str | None:
    """The word of `text` that says what sort of device of these kinds is meant ("the
    lamp", "the telly" -> "tv"), as the device tools know it; None if there is none.

    Said with no name, such a word names devices called so (`targets.TYPE_WORDS`),
    not every device of the kind in the room.
    """
    said = {w for kind in kinds for w in KIND_WORDS.get(kind, ()) if w in TYPE_WORDS}
    if not said:
        return None
    for word in _WORD.findall(text):
        known: str = _OTHER_WORDS.get(word, word)
        if known in said:
            return known
    return None


# "telly" -> "tv": another household word for a type word (names.SYNONYMS), not itself
# a word of any kind ("light" is not "lamp").
_ALL_KIND_WORDS = frozenset(w for words in KIND_WORDS.values() for w in words)
_OTHER_WORDS: dict[str, str] = {
    other: min(group & TYPE_WORDS)
    for group in SYNONYMS
    if group & TYPE_WORDS
    for other in group
    if other not in _ALL_KIND_WORDS and " " not in other
}
