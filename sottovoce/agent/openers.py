"""The words a command can open with: the first words of every tool's sentence templates.

A command said after a free text ("note the code is 4512, lock the front door")
starts with one of them ("lock", "turn", "add", "set"), while the words that
merely continue a note or a message ("starts at 8", "the lights on") mostly do
not. Read from the templates themselves, so a plugin's new sentences count.
"""

from __future__ import annotations

from collections.abc import Callable

from hassil import parse_sentence
from hassil.expression import (
    Alternative,
    Expression,
    Group,
    Permutation,
    RuleReference,
    TextChunk,
)

from sottovoce.agent.normalize import normalize_template
from sottovoce.tools import Registry
from sottovoce.tools.api import SentenceGroup

_CACHE_SIZE = 8
_cache: dict[tuple[object, ...], frozenset[str]] = {}


def opening_words(registry: Registry) -> frozenset[str]:
    """The words the registry's sentence templates can begin with (worked out once)."""
    return _cached(
        ("openers", registry),
        lambda: frozenset(word for spec in registry for word in _spec_openers(spec.sentences)),
    )


def name_openers(registry: Registry, slot: str = "{contact") -> frozenset[str]:
    """The words that open a command with a name said right after them ("text", "call").

    "text bob ..." with a bob nobody knows is still a message: its words after
    the name are the message's, never a command of their own.
    """

    def words() -> frozenset[str]:
        found: set[str] = set()
        for spec in registry:
            for group in spec.sentences:
                for template in group.sentences:
                    head = template.split(slot)[0].strip() if slot in template else ""
                    if head and " " not in head:  # one word, or one group of words
                        found |= _firsts(parse_sentence(normalize_template(head)).expression)[0]
        return frozenset(found)

    return _cached((slot, registry), words)


def _cached(what: tuple[str, Registry], compute: Callable[[], frozenset[str]]) -> frozenset[str]:
    """Words worked out once per registry (keyed by its tools, which do not change)."""
    key = (what[0], *(id(spec) for spec in what[1]))
    found = _cache.get(key)
    if found is None:
        found = compute()
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()  # a bound, not a policy
        _cache[key] = found
    return found


def _spec_openers(groups: tuple[SentenceGroup, ...]) -> set[str]:
    words: set[str] = set()
    for group in groups:
        for template in group.sentences:
            words |= _firsts(parse_sentence(normalize_template(template)).expression)[0]
    return words


def _firsts(expr: Expression) -> tuple[set[str], bool]:
    """The words the expression can begin with, and whether it can be empty."""
    if isinstance(expr, TextChunk):
        words = expr.text.split()
        return ({words[0].lower()} if words else set()), not words
    if isinstance(expr, Alternative):
        found: set[str] = set()
        empty = expr.is_optional
        for item in expr.items:
            first, can_be_empty = _firsts(item)
            found, empty = found | first, empty or can_be_empty
        return found, empty
    if isinstance(expr, Permutation):  # its parts in any order: any may come first
        found, empty = set(), True
        for item in expr.items:
            first, can_be_empty = _firsts(item)
            found, empty = found | first, empty and can_be_empty
        return found, empty
    if isinstance(expr, Group):  # a sequence: its first part that cannot be empty, and before
        found = set()
        for item in expr.items:
            first, can_be_empty = _firsts(item)
            found |= first
            if not can_be_empty:
                return found, False
        return found, True
    # A named phrase (<the>) may be empty; a slot opens with a name, not a command word.
    return set(), isinstance(expr, RuleReference)
