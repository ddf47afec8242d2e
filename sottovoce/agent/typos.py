"""Typed slips mended against the words the commands use: "remnd me", "set an alrm",
"ad eggs to my shoping list", "whats on my shoppinglist".

Tried by the router only when nothing understood the words as typed (speech
recognition writes real words; a person typing does not always). A word is
mended only when it is no word of any template, name or slot value, and exactly
one command word is one slip away from it (a letter missing or two swapped;
in a longer word also a letter extra or wrong; a doubled letter typed once),
or it is two known words run together. The words a tool gets back in its free
text are the user's own: a mended word is put back as typed there ("washing
powder" stays "powder" even if it was read as "power" to match).

Likewise a command said without its "the" ("cancel alarm", "turn on big
light", as learners and hurried typists say it) is tried with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from sottovoce.agent.calls import Call
from sottovoce.agent.grammar_intents import template_words
from sottovoce.agent.modelguard import template_words as tool_words
from sottovoce.agent.names import all_spoken_names
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World
from sottovoce.tools import Registry

_MIN_SLIP = 4  # a shorter word has too many neighbours to guess from one slip
_MIN_WRONG = 6  # a wrong or extra letter is guessed only in a word this long
_MIN_PART = 3  # each word of a run-together pair
_WORD = re.compile(r"^[a-z]+$")


class Typos:
    """Mends typed slips in normalized text against one installation's words."""

    def __init__(self, command_words: Iterable[str], other_words: Iterable[str]) -> None:
        self._commands = frozenset(w for w in command_words if _WORD.match(w))
        self._known = self._commands | frozenset(other_words)
        self._targets = sorted(w for w in self._commands if len(w) >= _MIN_SLIP)

    @classmethod
    def of_home(cls, registry: Registry, world: World) -> Typos:
        """Mending against every installed tool's sentences, and the home's names."""
        names = [n for forms in all_spoken_names(world).values() for n in forms]
        names += [normalize(a.name) for a in world.areas]
        names += [normalize(c.name) for c in world.contacts]
        values = {w for spec in registry for w in tool_words(spec)}
        return cls(template_words(registry), {w for n in names for w in n.split()} | values)

    def mend(self, text: str) -> tuple[str, dict[str, str]]:
        """The text with its slips mended, and each mended word -> the word typed."""
        words: list[str] = []
        typed: dict[str, str] = {}
        for word in text.split():
            mended = self._mended(word)
            if mended is not None:
                typed[mended] = word
            words.append(mended or word)
        return " ".join(words), typed

    def _mended(self, word: str) -> str | None:
        if word in self._known or not _WORD.match(word):
            return None
        doubled = {word[:i] + word[i] + word[i:] for i in range(len(word))}
        found = sorted(doubled & self._commands)
        if len(found) == 1:  # "ad" -> "add", "shoping" -> "shopping"
            return found[0]
        if len(word) >= _MIN_SLIP:
            near = [t for t in self._targets if abs(len(t) - len(word)) <= 1]
            slips = [t for t in near if _one_slip(word, t)]
            if len(slips) == 1:
                return slips[0]
        return self._run_together(word)

    def _run_together(self, word: str) -> str | None:
        splits = [
            f"{word[:i]} {word[i:]}"
            for i in range(_MIN_PART, len(word) - _MIN_PART + 1)
            if word[:i] in self._known and word[i:] in self._known
        ]
        return splits[0] if len(splits) == 1 else None


def _one_slip(word: str, target: str) -> bool:
    """Whether `word` is `target` typed with one slip that its length makes a safe guess."""
    if OSA.distance(word, target, score_cutoff=1) > 1:
        return False
    if len(target) == len(word) + 1 or sorted(target) == sorted(word):
        return True  # a letter left out ("alrm"), two swapped ("lihgts")
    # A wrong or extra letter turns a short word into another word ("love": "move").
    return len(word) >= _MIN_WRONG


def as_typed(calls: list[Call], typed: dict[str, str]) -> list[Call]:
    """The calls with the user's own words back in their free text."""
    if not typed:
        return calls

    def back(value: object) -> object:
        if not isinstance(value, str):
            return value
        return " ".join(typed.get(word, word) for word in value.split())

    return [Call(c.tool, {k: back(v) for k, v in c.args.items()}) for c in calls]


_PARTICLES = frozenset({"on", "off", "up", "down", "out", "in"})
_DETERMINERS = frozenset(
    "the a an my our your his her their this that these those all every some any".split()
)


def with_article(text: str) -> list[str]:
    """The text with "the" after its opening verb, when none follows it: "cancel alarm",
    "turn on big light" (said or typed so by many; the grammar's sentences say "the")."""
    words = text.split()
    cut = 2 if len(words) > 2 and words[1] in _PARTICLES else 1
    if len(words) <= cut or words[cut] in _DETERMINERS or not words[0].isalpha():
        return []
    return [" ".join([*words[:cut], "the", *words[cut:]])]


def holds_the(call: Call) -> bool:
    """Whether a slot of the call holds the "the" that `with_article` put in."""
    return any(isinstance(v, str) and v.split()[:1] == ["the"] for v in call.args.values())
