"""Words that point back at what was just acted on: "in there", "the hall one", "the front ones".

After a command or question about a device, "close the curtains in there" means
its room, "the hall one" the same sort of device in the hall, and "the front
ones" the one of that sort whose name starts with "front". These rewrite the
words into names the grammar reads; the cascade (`cascade.py`) tries them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sottovoce.agent.grammar import Grammar
from sottovoce.tools.targets import KIND_WORDS

# "There" said as a place: the room of what was just acted on or asked about.
_THERE = re.compile(r" (?:in|up|down|out|over) there ")
_IN_THERE = re.compile(r" in there ")


@dataclass(frozen=True)
class Pointing:
    """What "there" and "the ... one" point at: the devices last acted on."""

    grammar: Grammar
    names: Mapping[str, str]  # a device's normalized spoken name -> its id
    kind: str | None  # the one kind of the devices last acted on
    device: str | None  # the one device last acted on
    area: str | None  # the one room of the devices last acted on

    def there(self, text: str, *, inside: bool = False) -> str:
        """'Close the curtains in there' after the bedroom window, "how hot is it up there"
        after the attic's humidity: "there" is that room (only "in there" if `inside`)."""
        area = self.grammar.area_of(self.device) if self.device else None
        said = (_IN_THERE if inside else _THERE).search(f" {text} ")
        if area is None or said is None:
            return text
        return f" {text} ".replace(said.group(0), f" in the {area} ").strip()

    def one(self, text: str) -> str:
        """'Turn the hall one off' after asking which lights are on: the hall's light; "and
        the spare room one" after the main bedroom's bedside lamp: the spare room's;
        "turn the front ones off" after the back sprinklers: the front sprinklers."""
        words = text.split()
        kind = KIND_WORDS.get(self.kind or "", ())
        for k, word in enumerate(words):
            if word not in ("one", "ones") or not kind or k < 2:
                continue
            for size in (2, 1):
                place = " ".join(words[max(k - size, 0) : k])
                if words[k - size - 1 : k - size] == ["the"] and self.grammar.is_place(place):
                    plural = next((w for w in kind if w.endswith("s")), kind[0])
                    words[k] = self._head_name() or (kind[0] if word == "one" else plural)
                    return " ".join(words)
            named = self._qualified(words[k - 1]) if words[k - 2] == "the" else None
            if named is not None:
                return " ".join([*words[: k - 1], named, *words[k + 1 :]])
        return text

    def _qualified(self, word: str) -> str | None:
        """The one name of the last kind that starts with `word` ("front" -> "front
        sprinklers"), if exactly one device of that kind is so named."""
        if self.kind is None:
            return None
        found = {
            device: name
            for name, device in self.names.items()
            if device.startswith(self.kind + ".") and name.startswith(word + " ")
        }
        if len(found) != 1:
            return None
        device = next(iter(found))
        return self.grammar.name_of(device) or found[device]

    def _head_name(self) -> str | None:
        """The name of the one device last acted on without its room or owner ("bedside
        lamp"; "light" for the kitchen light), if it is said with a room at all."""
        spoken = self.grammar.name_of(self.device) if self.device else None
        if spoken is None or self.area is None:
            return None
        words = spoken.removeprefix(self.area).split()
        while words and words[0].endswith("'s"):
            words = words[1:]
        return " ".join(words) or None
