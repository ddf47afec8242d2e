"""Free text as the user said it: a note, a message, a list item keep the user's words.

The grammar matches normalized words, so a free-text slot (`{text}`) holds them
normalized: "text priya running ten minutes late" fills the message with
"running 600 seconds late". For each free-text argument of a grammar call, the
run of words said whose normalized form is the argument is put back, in lower
case and without the punctuation around words ("running ten minutes late",
"i'm at the station"). When no run of the words said normalizes to the
argument (the sentence around it changed how it reads), the normalized text
stays: nothing is lost, it is only less literal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sottovoce.agent.calls import Call
from sottovoce.agent.normalize import normalize
from sottovoce.agent.normalize.fillers import is_hesitation
from sottovoce.agent.toolselect import lists_by_param
from sottovoce.tools import Registry

FREE_TEXT_LISTS = frozenset({"text"})
_EDGE_PUNCTUATION = re.compile(r"^[^\w']+|[^\w']+$")
_MAX_WORDS = 60  # a longer utterance keeps its normalized text (the search is quadratic)


def verbatim(calls: list[Call], registry: Registry, said: str) -> list[Call]:
    """The calls, their free-text arguments in the words `said` where they can be found."""
    # Without hesitations: "oat milk and, um, paper towels" keeps no "um" on the list.
    words = [
        w
        for w in (_EDGE_PUNCTUATION.sub("", t).lower() for t in said.split())
        if w and not is_hesitation(w)
    ]
    if not words or len(words) > _MAX_WORDS:
        return calls
    return [_restored(call, registry, tuple(words)) for call in calls]


def _restored(call: Call, registry: Registry, words: tuple[str, ...]) -> Call:
    spec = registry.get(call.tool)
    if spec is None:
        return call
    free = {p for p, lists in lists_by_param(spec).items() if lists & FREE_TEXT_LISTS}
    args = dict(call.args)
    for name in free & args.keys():
        value = args[name]
        if isinstance(value, str) and value:
            args[name] = as_said(value, words) or value
    return call if args == call.args else Call(call.tool, args)


def as_said(value: str, words: tuple[str, ...]) -> str | None:
    """The run of `words` whose normalized form is `value` (the latest), or None."""
    size = len(value.split())
    shortest, longest = max(1, size - 3), min(len(words), 3 * size + 3)
    for length in range(shortest, longest + 1):
        for start in range(len(words) - length, -1, -1):
            span = " ".join(words[start : start + length])
            if span == value or _normal(span) == value:
                return span
    return None


@lru_cache(maxsize=4096)
def _normal(text: str) -> str:
    return normalize(text)
