"""Canonical text for the sentence-grammar router.

Speech-to-text and typing produce many spellings of one request ("Um, set a timer for
forty-five seconds please", "5 p.m.", "21°C"). ``normalize`` folds them into one form so
the templates stay simple: lower case, no punctuation or filler words, contractions
expanded, digits for number words, durations as ``<N> seconds`` and times as ``HH:MM``.

Each step has its own module here: ``spelling`` (case, symbols, punctuation,
contractions), ``fillers``, ``numbers``, ``clock_times`` and ``durations``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from sottovoce.agent.normalize.clock_times import time_at
from sottovoce.agent.normalize.durations import duration_at
from sottovoce.agent.normalize.fillers import FILLER_WORDS, drop_fillers
from sottovoce.agent.normalize.numbers import number_at
from sottovoce.agent.normalize.spelling import (
    SPELLING_WORDS,
    SPELLINGS,
    clean,
    enumeration_commas,
    expand_bare,
    joined_letters,
)

_REPEATED = frozenset("the a an my our your".split())
# "It's chilly. Can you make it warmer?": a request's opener after a sentence, as at the start.
_REQUEST_AFTER = re.compile(
    r"([.!?;,])\s+(?:can|could|would|will) you (?!mind\b|be so\b)(?=[a-z])", re.IGNORECASE
)
# "Make the LED strip, like, dark blue": a hedge set apart by commas says nothing.
_HEDGE = re.compile(r",\s*(?:like|you know)\s*,", re.IGNORECASE)
_Reader = Callable[[list[str], int, list[str]], tuple[str, int] | None]


def normalize(text: str) -> str:
    """Return the canonical form of a user sentence for template matching."""
    text = _REQUEST_AFTER.sub(r"\1 ", _HEDGE.sub(" ", text))
    words = drop_fillers(expand_bare(joined_letters(clean(enumeration_commas(text)).split())))
    # "Set the, uh, the island lights": a little word said again after a hesitation.
    words = [w for k, w in enumerate(words) if not (k and w == words[k - 1] and w in _REPEATED)]
    # Folded after filler removal so that "per um cent" settles in one pass.
    tokens = SPELLINGS.sub(lambda m: SPELLING_WORDS[m.group(0)[0]], " ".join(words)).split()
    for reader in (number_at, time_at, duration_at):
        tokens = _rewrite(tokens, reader)
    return _FAHRENHEIT.sub(_celsius, " ".join(tokens))


# "68 degrees fahrenheit": the tools take degrees Celsius. A small number is a step
# ("up 4 degrees fahrenheit"), a large one a temperature; both to the nearest half degree.
_FAHRENHEIT = re.compile(r"\b(\d+(?:\.\d+)?) degrees? fahrenheit\b")
_SMALLEST_FAHRENHEIT_TEMPERATURE = 40


def _celsius(match: re.Match[str]) -> str:
    degrees = float(match.group(1))
    if degrees >= _SMALLEST_FAHRENHEIT_TEMPERATURE:
        degrees -= 32
    celsius = round(degrees * 5 / 9 * 2) / 2
    return f"{celsius:g} degrees"


def said_once(words: list[str]) -> list[str]:
    """The words with a run of two to four said twice in a row said once: a restart ("what
    is the, um, what is the temperature"). For a second reading only: a template may say a
    run twice ("all the all the rooms" of "[all the] {area}")."""
    for size in (4, 3, 2):
        kept: list[str] = []
        k = 0
        while k < len(words):
            if len(words) >= k + 2 * size and words[k : k + size] == words[k + size : k + 2 * size]:
                k += size
                continue
            kept.append(words[k])
            k += 1
        words = kept
    return words


# Template syntax: slots, rules, groups, alternatives and permutations.
_TEMPLATE_SYNTAX = re.compile(r"(\{[^}]*\}|<[^>]*>|[()\[\]|;])")


def normalize_template(template: str) -> str:
    """A hassil template with its words in the form `normalize` gives what was heard.

    A plugin's "i'd like a {drink}" must meet the heard "i would like a latte":
    each run of plain words between the template's syntax may also be said in
    the form heard text is normalized to (contractions, politeness words,
    spellings, numbers and durations); the syntax and the slots stay as written.
    """
    pieces = _TEMPLATE_SYNTAX.split(template)
    return "".join(p if _TEMPLATE_SYNTAX.fullmatch(p) else _template_words(p) for p in pieces)


@functools.lru_cache(maxsize=4096)
def _template_words(text: str) -> str:
    # Pure, and the same few thousand word runs recur in every grammar built.
    if not text.strip():
        return text
    tokens = [t for t in expand_bare(clean(text).split()) if t not in FILLER_WORDS]
    tokens = SPELLINGS.sub(lambda m: SPELLING_WORDS[m.group(0)[0]], " ".join(tokens)).split()
    for reader in (number_at, time_at, duration_at):
        tokens = _rewrite(tokens, reader)
    words, core = text.strip(), " ".join(tokens)
    if core != words:
        # Both forms: a fragment is normalized without the words around it, which can
        # decide ("the next one" keeps its "one"). A space, not nothing, where words
        # were dropped: hassil matches "( |x)" but not "(|x)".
        core = f"({words}|{core or ' '})"
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _rewrite(tokens: list[str], reader: _Reader) -> list[str]:
    """Replace every span that reader recognizes with its canonical text."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        # Numbers and times right after "play" are usually titles ("play one love").
        found = None if out[-1:] == ["play"] else reader(tokens, i, out)
        if found is None:
            out.append(tokens[i])
            i += 1
        else:
            text, i = found
            out.extend(text.split())
    return out
