"""'The other one', 'now Mom's too': the last command moved to a device's twin.

After "turn on the dining room chandelier", "nah, the other one" means the home's
other chandelier; after "Sinead's bedside lamp", the other bedside lamp in that
room. The twin shares the device's kind and the last word of its name, and is
the only such device (in the same room, when the home has several). After
"Dad's reading lamp to full", "now Mom's too" is the device of the same kind
that Mom owns (her reading lamp, if she has several).
"""

from __future__ import annotations

import re

from sottovoce.agent.calls import Call
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World

_OTHER = re.compile(
    r"^(?:(?:no|nah|nope|ah|oh|ag|sorry|actually|wait|not that one|wrong one|i meant|i mean"
    r"|and|now|also|ok|okay|then)\s+)*"
    r"(?:the )?other (?:one|1|[a-z]+)"
    r"(?: (?:instead|please|then|so|i meant|too|as well|also|now))*$"
)


_OWNER = re.compile(
    r"^(?:(?:and|now|what about|how about|also|then|ok|no|do)\s+)*(?:the\s+)?"
    r"(?P<owner>[a-z]+'s)(?: (?:one|ones|1))?(?: (?:too|as well|also|please|then|now))*$"
)


_THEIRS = frozenset({"his", "her", "their"})


class OtherOne:
    """Finds the twin of a device, or another owner's one, in one world."""

    def __init__(self, world: World) -> None:
        self._devices = {
            d.id: (d.kind, _head(d.name), d.area) for d in world.devices.values() if d.name
        }
        self._owners = {d.id: normalize(d.name).split()[0] for d in world.devices.values()}
        self._names = {d.id: normalize(d.name) for d in world.devices.values()}
        self._name_words = {
            word
            for d in world.devices.values()
            for name in (d.name, *d.aliases)
            for word in normalize(name).split()
        }

    def moved(self, text: str, last: Call | None) -> Call | None:
        """The last call aimed at the twin of its one device, or at another owner's device
        of its kind, if the text asks for that; else None."""
        device = last.args.get("name") if last is not None else None
        if last is None or not isinstance(device, str):
            return None
        if _OTHER.match(text):
            moved = self.twin(device)
        elif owner := _OWNER.match(text):
            moved = self.owned(owner["owner"], device)
        else:
            return None
        return Call(last.tool, {**last.args, "name": moved}) if moved is not None else None

    def possessed(self, text: str, last: Call | None) -> str:
        """'And put on her electric blanket' after Granny's radiator: "her" is Granny's
        (the owner of the device or room last acted on); the text as it was otherwise."""
        words = text.split()
        # Only before a word of a device's name: "tell her I'm late" is a message.
        spots = [
            i
            for i, word in enumerate(words[:-1])
            if word in _THEIRS and words[i + 1] in self._name_words
        ]
        owner = self._owner_of(last) if last is not None and spots else None
        if owner is None:
            return text
        return " ".join(owner if i in spots else word for i, word in enumerate(words))

    def _owner_of(self, call: Call) -> str | None:
        name, area = call.args.get("name"), call.args.get("area")
        said = [self._owners.get(name, "") if isinstance(name, str) else ""]
        said.append(normalize(area).split()[0] if isinstance(area, str) and area else "")
        return next((w for w in said if w.endswith("'s") and len(w) > 2), None)

    def owned(self, owner: str, device: str) -> str | None:
        """The device of `device`'s kind whose name starts with the owner's word ("mom's"),
        of the same head noun if the owner has several; else None."""
        if device not in self._devices:
            return None
        kind, head, _ = self._devices[device]
        theirs = [
            other
            for other, first in self._owners.items()
            if first == owner and other != device and self._devices.get(other, ("",))[0] == kind
        ]
        if len(theirs) > 1:
            theirs = [other for other in theirs if self._devices[other][1] == head]
        return theirs[0] if len(theirs) == 1 else None

    def twin(self, device: str) -> str | None:
        """The one other device of the same kind and head noun, else None."""
        if device not in self._devices:
            return None
        kind, head, area = self._devices[device]
        same = [
            other
            for other, (k, h, _) in self._devices.items()
            if other != device and k == kind and h == head
        ]
        named = [other for other in same if self._names[other] == self._names[device]]
        if len(same) > 1:
            # The one of the same name elsewhere ("the bedside lamp" in the other bedroom),
            # else the one of the same sort in the same room.
            same = named if len(named) == 1 else [o for o in same if self._devices[o][2] == area]
        return same[0] if len(same) == 1 else None


def _head(name: str) -> str:
    words = normalize(name).split()
    return words[-1] if words else ""
