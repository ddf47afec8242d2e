"""The words that ask for a tool's action: "walk" names a walk, "start" asks for one.

A small model calls `workout_start(kind="walk")` for "walk the dog" and opens
the garden water valve for "water the plants": a word of the call's argument
was said, but nothing asked for the action. A tool that changes something is
therefore carried out from the model only when the user said one of its
action words, or a close synonym of one.

A tool's action words are the words its sentence templates open with, past
politeness, pronouns and other function words ("please", "i am", "let us"):
in an English command that is where the verb stands ("start a walk", "i am
heading out for a run", "time for a ride"). Words that name what the tool acts
on are not action words even there: the values of the tool's own lists
("walk", "water"), device kinds ("lights") and things ("lawn"). A plugin's
tools get this from their templates alone; a tool without templates (an MCP
server's) is known by the words of its name and description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from hassil import parse_sentence
from hassil.expression import (
    Alternative,
    Expression,
    Group,
    ListReference,
    Permutation,
    RuleReference,
    Sequence,
    TextChunk,
)

from sottovoce.agent.toolselect import words_of
from sottovoce.devices.kinds import KINDS
from sottovoce.tools.api import ToolSpec

_WORD = re.compile(r"[a-z0-9']+")
# "light[s]", "colo[u]r": an optional part glued to a word is part of that word.
_GLUED = re.compile(r"(?<=[a-z])\[[a-z']*\]")

# Words that stand before the verb of a command, or are too common to say which
# action is meant ("get", "make", "put on"): a template's first word past them is
# its verb.
_BEFORE_VERB = frozenset(
    (
        "it them me us you i we he she they please kindly just now then so and or but hey ok"
        " okay also again quickly can could would will shall should may might must do does did"
        " am is are was were be been being have has had let lets let's i'm i'd i'll we're you're"
        " it's go going gonna want wanna like love need wish try get make to for of in on at by"
        " with from into onto up down out off over back about there here not no yes very really"
        " too more less little bit new another other second third extra quick"
    ).split()
)
_SLOT = "{slot}"
# What follows a verb that takes an object: a slot, a determiner or a pronoun.
_OBJECTS = frozenset({_SLOT, "it", "them", "me", "us", "him", "her"})
# After one of these comes the name of a thing, not a verb: the way ends there.
_DETERMINERS = frozenset(
    "a an the this that these those my our your his her their its some any all every each"
    " both".split()
)
# Words that name things, not actions, wherever they stand in a template.
_THINGS = words_of(
    " ".join(KINDS).replace("_", " ")
    + " lamp lights bulb strip door window blind curtain shade shutter plug outlet socket"
    + " speaker tv television radio player heater heating thermostat sensor room floor"
)
# Close synonyms: a word said of a group stands for every word of it, when one of
# them is a tool's action word. A group says what kind of action, not its direction
# ("turn" is on and off alike; choosing between them is the model's part).
_SYNONYMS = tuple(
    words_of(group)
    for group in (
        "open raise lift",
        "close shut lower",
        "turn switch power flip glow shine illuminate activate enable deactivate disable",
        "start begin launch commence initiate activate trigger",
        "stop end finish halt cease quit terminate abort",
        "cancel delete remove clear erase drop scrap dismiss",
        "add include insert append jot",
        "increase raise boost bump crank",
        "decrease reduce lower lessen dim",
        "set adjust change alter modify transition",
        "play listen hear stream",
        "skip next previous",
        "call ring phone dial",
        "send text message",
        "lock secure bolt latch",
        "unlock unbolt unlatch",
        "pause hold freeze suspend",
        "resume continue unpause restart",
        "mute silence hush shush",
        "clean vacuum hoover sweep",
        "remind reminder",
        "track record log",
    )
)

# Idioms whose words ask for nothing one by one: "let me in" is "unlock".
# Said text is matched lower-cased, words only, single spaces.
_IDIOMS = tuple(
    (re.compile(rf"\b{pattern}\b"), meaning)
    for pattern, meaning in (
        # "let my friend in", not "let me know in ten minutes"
        (r"let (?!(?:[a-z]+ ){0,2}know\b)(?:[a-z]+ ){1,3}(?:in|inside)", "unlock open"),
        (r"(?:light|brighten) (?:[a-z]+ ){0,2}up", "illuminate brighten"),
        (r"go back", "skip replay"),
        # "kitchen lights on", "fan off in the bedroom": a closing on or off switches.
        (
            r"(?:on|off)(?: please| now| (?:in|on|at|for|upstairs|downstairs)(?: [a-z]+){0,4})?$",
            "turn",
        ),
    )
)


def action_words(spec: ToolSpec) -> frozenset[str]:
    """The words that, said, ask for this tool's action (stemmed as `words_of` does)."""
    if not spec.sentences:
        return frozenset(words_of(f"{spec.name.replace('_', ' ')} {spec.description}") - _THINGS)
    opening: set[str] = set()
    nouns: set[str] = set()
    verbs: set[str] = set()
    for group in spec.sentences:
        for template in group.sentences:
            expression = _parsed(template)
            if expression is None:
                continue
            opening |= _first(expression, _BEFORE_VERB, _DETERMINERS)[0]
            for word, following in _pairs(expression, []):
                if word in _DETERMINERS:
                    nouns |= following
                elif following & _OBJECTS:
                    verbs.add(word)
    # "stop my walk": a word after a determiner names a thing, unless the word
    # takes an object elsewhere ("give mom a call", but "call {contact}").
    things = words_of(" ".join(nouns - verbs)) | _own_values(spec.lists) | _THINGS
    return frozenset(words_of(" ".join(opening - {_SLOT})) - things)


def said_actions(text: str) -> set[str]:
    """The words of what was said, with the action words its idioms stand for."""
    lowered = " ".join(_WORD.findall(text.lower()))
    said = words_of(" ".join(_bases(word) for word in lowered.split()))
    for idiom, meaning in _IDIOMS:
        if idiom.search(lowered):
            said |= words_of(meaning)
    return said


def _bases(word: str) -> str:
    """A word with the forms it may come from: "opened" may be "open", "stopped" "stop"."""
    if len(word) < 4 or not word.endswith("ed"):
        return word
    stem = word[:-2]
    undoubled = stem[:-1] if stem[-1] == stem[-2] else stem
    return f"{word} {stem} {stem}e {undoubled}"


def with_synonyms(words: Iterable[str]) -> frozenset[str]:
    """The words and every close synonym of them."""
    found = set(words)
    return frozenset(found.union(*(group for group in _SYNONYMS if group & found)))


def _parsed(template: str) -> Expression | None:
    try:
        return parse_sentence(_GLUED.sub("", template.lower())).expression
    except Exception:  # a template the grammar rejects: it gives no words either
        return None


def _first(
    expression: Expression, skip: frozenset[str] = frozenset(), ends: frozenset[str] = frozenset()
) -> tuple[set[str], bool]:
    """The first words of an expression past `skip`, and whether a way through it has none.

    A way ends at a word of `ends` (giving nothing) and at a slot (giving `_SLOT`).
    """
    if isinstance(expression, TextChunk):
        for word in _WORD.findall(expression.text):
            if word in ends:
                return set(), False
            if word not in skip:
                return {word}, False
        return set(), True
    if isinstance(expression, ListReference | RuleReference):
        return {_SLOT}, False
    if isinstance(expression, Alternative | Permutation):
        found: set[str] = set()
        passes = isinstance(expression, Alternative) and expression.is_optional
        for item in expression.items:
            words, through = _first(item, skip, ends)
            found |= words
            passes = passes or through
        return found, passes
    if isinstance(expression, Group):
        found = set()
        for item in expression.items:
            words, through = _first(item, skip, ends)
            found |= words
            if not through:
                return found, False
        return found, True
    return set(), True


def _pairs(expression: Expression, after: list[Expression]) -> Iterator[tuple[str, set[str]]]:
    """Every word of a template with the words (or `_SLOT`) that may come next."""
    if isinstance(expression, TextChunk):
        words = _WORD.findall(expression.text)
        for word, following in zip(words, words[1:], strict=False):
            yield word, {following}
        if words:
            yield words[-1], _first(Sequence(items=list(after)))[0]
    elif isinstance(expression, Alternative | Permutation):
        for item in expression.items:
            yield from _pairs(item, after)
    elif isinstance(expression, Group):
        items = expression.items
        for index, item in enumerate(items):
            yield from _pairs(item, [*items[index + 1 :], *after])


def _own_values(lists: Mapping[str, Mapping[str, object]]) -> set[str]:
    """The words of the values a tool's own lists name ("walk", "water")."""
    texts: list[str] = []
    for body in lists.values():
        values = body.get("values")
        for value in values if isinstance(values, list) else []:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, Mapping):
                texts += [str(value.get(key, "")) for key in ("in", "out")]
    return words_of(" ".join(texts))
