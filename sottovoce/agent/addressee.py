"""Whom words are for: the assistant, or someone else in the room.

"Jake, could you turn the telly down", "Callum, will you put the kettle on", "kids,
go and switch the light off" and "mum said to lock the door" name an action but
are not asked of the assistant:
neither the grammar nor a language model may act on them. A household member's
or contact's name said first, before a request ("will you"), addresses them;
an unknown word set apart by a comma at the start is someone called; the
assistant's own names, words for anyone ("olly", "mate") and interjections
("sorry,") are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sottovoce.agent.normalize.fillers import DISCOURSE_OPENERS
from sottovoce.agent.openers import name_openers, opening_words
from sottovoce.tools import Registry

_DISCOURSE_WORDS = frozenset(p for p in DISCOURSE_OPENERS if " " not in p)
# "Jake, could you ...", "Arjun beta, switch ...": a name (and a word of endearment), a comma.
_CALLED = re.compile(r"\s*([^\W\d_]+)(?:\s+([^\W\d_]+))?\s*,")
_PARTICLES = frozenset("on off up down then now so there here just ok okay".split())
_SAID = frozenset("said says told asked wants".split())
_POLITE = frozenset((a, "you") for a in ("could", "can", "will", "would", "wo", "do", "did"))
# What the assistant may be called: a wake word's name, or a word for anyone.
_ADDRESS = frozenset(
    "hey hi hello oi okay ok mate buddy dude pal love darling jarvis alexa computer assistant"
    " google siri mycroft sottovoce olly"
    # Interjections set apart by a comma: "sorry, turn it off", "cheers, and the hall too".
    " sorry thanks cheers oops look ugh gosh jeez damn yes yeah yep no nope please hmm"
    " quick".split()
)


class Addressee:
    """Tells words for the assistant from words to or about other people."""

    def __init__(self, registry: Registry, name_words: Iterable[str], people: Iterable[str]):
        self.registry = registry
        self._name_words = frozenset(name_words)  # the words of device names and places
        # People's first names, as said ("callum" of "Callum Reid").
        self.people = frozenset(person.split()[0] for person in people if person)

    def not_for_me(self, text: str, heard: str | None = None) -> bool:
        """Whether normalized text is put to someone else or reports what someone said.

        `heard` is the text before normalization: a name set apart by a comma is
        someone called ("olly can you dim the lights" says the assistant's name).
        """
        words = text.split()
        return self._reported(words) or self._to_someone_else(words, _called(heard, words))

    def _reported(self, words: list[str]) -> bool:
        """'Mum said to lock the door', 'my wife says ...' (but "text mum says hi" is a message)."""
        if not words or words[0] in name_openers(self.registry):
            return False
        return any(
            words[k] in _SAID and words[k - 1] not in ("i", "we") for k in (1, 2) if k < len(words)
        )

    def _to_someone_else(self, words: list[str], called: list[str]) -> bool:
        """'Callum, will you ...' (someone the home knows), 'Sarah, tell him ...', 'kids,
        go and switch the light off' (a word set apart by a comma that is no command's
        first word, no name here, and none of the assistant's names or interjections)."""
        if len(words) < 3:
            return False
        first = words[0]
        if first in self.people and tuple(words[1:3]) in _POLITE:
            return True
        known = opening_words(self.registry) | self._name_words | _ADDRESS | _DISCOURSE_WORDS
        if " ".join(called) in DISCOURSE_OPENERS or set(called) & _PARTICLES:
            return False  # "hang on, pause the timer", "right then, ..."
        return bool(called) and not set(called) & known


def _called(heard: str | None, words: list[str]) -> list[str]:
    """The words set apart by a comma at the start, as normalized (`words`), or none."""
    found = _CALLED.match(heard) if heard is not None else None
    if found is None:
        return []
    return words[: 2 if found.group(2) else 1]
