"""Example sentences drawn at random from a hassil template, for checking what a template matches.

hassil's own `sample_expression` enumerates every expansion (a product over
each alternative and every list value, with ranges expanded in full), which
is exhaustive but explodes on templates with several lists and never ends on
`{duration_s}`. Here each draw walks the parsed template once, choosing one
alternative, one list value and one of a few numbers from a range; a seeded
generator keeps the examples the same from run to run.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from hassil import (
    Alternative,
    Expression,
    ListReference,
    Permutation,
    RangeSlotList,
    RuleReference,
    Sentence,
    Sequence,
    SlotList,
    TextChunk,
    TextSlotList,
    WildcardSlotList,
)
from hassil.errors import MissingListError, MissingRuleError

# What free text stands for in an example ({time} holds a clock time as normalized).
WILDCARD_EXAMPLES: Mapping[str, str] = {
    "text": "eggs",
    "words": "eggs",
    "list_name": "shopping",
    "time": "7:30",
}
DEFAULT_WILDCARD = "something"


@dataclass(frozen=True)
class Sample:
    """One example sentence, the slot lists it drew from and the list values it said."""

    text: str
    lists: frozenset[str]
    values: tuple[tuple[str, str], ...] = ()  # (list name, the words drawn from it)


def draw_samples(
    sentence: Sentence,
    lists: Mapping[str, SlotList],
    count: int,
    seed: str = "",
    rules: Mapping[str, Sentence] | None = None,
) -> list[Sample]:
    """Up to `count` distinct examples of `sentence`; MissingListError for an undefined list."""
    rng = random.Random(f"{seed}:{sentence.text}")
    found: dict[str, Sample] = {}
    for _ in range(count * 3):  # duplicates are common in small templates
        walk = _Walk(rng, lists, rules or {})
        text = " ".join(walk.expand(sentence.expression).split())
        found.setdefault(text, Sample(text, frozenset(walk.used), tuple(walk.values)))
        if len(found) >= count:
            break
    return list(found.values())


class _Walk:
    """One random path through a template."""

    def __init__(
        self, rng: random.Random, lists: Mapping[str, SlotList], rules: Mapping[str, Sentence]
    ) -> None:
        self.rng = rng
        self.lists = lists
        self.rules = rules
        self.used: set[str] = set()
        self.values: list[tuple[str, str]] = []

    def expand(self, expression: Expression) -> str:
        if isinstance(expression, TextChunk):
            return expression.original_text
        if isinstance(expression, Alternative):
            return self.expand(self.rng.choice(expression.items))
        if isinstance(expression, Permutation):
            items = list(expression.items)
            self.rng.shuffle(items)
            return " ".join(self.expand(item) for item in items)
        if isinstance(expression, Sequence):
            return "".join(self.expand(item) for item in expression.items)
        if isinstance(expression, ListReference):
            return self._value(expression.list_name)
        if isinstance(expression, RuleReference) and expression.rule_name in self.rules:
            return self.expand(self.rules[expression.rule_name].expression)
        raise MissingRuleError(f"template rules are not supported: {expression!r}")

    def _value(self, name: str) -> str:
        slot_list = self.lists.get(name)
        if slot_list is None:
            raise MissingListError(f"unknown list {{{name}}}")
        self.used.add(name)
        if isinstance(slot_list, TextSlotList):
            if not slot_list.values:
                raise MissingListError(f"list {{{name}}} has no values")
            words = " ".join(self.expand(self.rng.choice(slot_list.values).text_in).split())
            self.values.append((name, words))
            return words
        if isinstance(slot_list, RangeSlotList):
            return self._number(slot_list)
        if isinstance(slot_list, WildcardSlotList):
            return WILDCARD_EXAMPLES.get(name, DEFAULT_WILDCARD)
        raise MissingListError(f"list {{{name}}} is of an unknown type")

    def _number(self, numbers: RangeSlotList) -> str:
        # The ends and a middle value: enough to show the template, cheap to route.
        steps = (numbers.stop - numbers.start) // max(numbers.step, 1)
        middle = numbers.start + (steps // 2) * numbers.step
        return str(self.rng.choice((numbers.start, middle, numbers.stop)))
