"""What this installation understands, in words a speech recognizer can use.

Every installed plugin's sentence templates and slot-list values, and the
world's names, are gathered from a Registry (and a World):

- `build_vocabulary`: the fixed short commands a template can say without a
  world name or a number ("pause", "timer status", "i would like a latte"),
  each tool's shortest command, the plugins' slot values, the world's names;
- `speech_prompt`: whisper's initial prompt. It reads like example commands,
  the short ones nearest the speech, with the names before them. A bare list
  of names made whisper hear short commands as names ("pause" as "Outdoor
  Humidity"): the prompt is the text whisper believes came just before, so
  a short word is pulled towards whatever that text is full of.
- `grammar_acceptor`: the grammar's exact match of what was heard, which
  grammar-aware recognition (models/stt_choice.py) prefers among whisper's
  best readings.

Templates are expanded exhaustively here (hassil's `sample_expression` also
expands world lists and ranges, which never ends); a template with more than
`MAX_FORMS` short forms is not a fixed command.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hassil import (
    Alternative,
    Expression,
    ListReference,
    Permutation,
    Sequence,
    TextChunk,
    parse_sentence,
)

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.agent.prompt import world_names
from sottovoce.devices import World
from sottovoce.tools import Registry

MAX_FORMS = 512  # short forms of one template beyond which it is not a fixed command
MAX_WORDS = 5  # a short command has at most this many words
PROMPT_CHARS = 720  # whisper keeps 223 prompt tokens; short words run ~3 characters a token
_EXAMPLES = 24  # example commands in the prompt
_BUILTIN = "sottovoce.tools.builtin."
_WORD = re.compile(r"[a-z][a-z']*")
_TEMPLATE_SYNTAX = re.compile(r"\{[^}]*\}|<[^>]*>")


class _NotFixed(Exception):
    """The template needs a world name, a number or free text, or has too many forms."""


@dataclass(frozen=True)
class Vocabulary:
    """The commands, words and names one installation understands."""

    commands: tuple[str, ...]  # every short fixed command, fewest words first
    examples: tuple[str, ...]  # each tool's shortest command, added plugins' first, then shortest
    added_values: tuple[str, ...]  # values of the slot lists of plugins not built in ("latte")
    builtin_values: tuple[str, ...]  # values of the built-in plugins' slot lists ("red")
    names: tuple[str, ...]  # the world's names, most important first
    words: tuple[str, ...]  # every word of every template, most used first


def build_vocabulary(registry: Registry, world: World | None = None) -> Vocabulary:
    """The vocabulary of every installed plugin, and of the world's names."""
    commands: dict[str, None] = {}
    examples: list[tuple[bool, str]] = []
    counts: dict[str, int] = {}
    values: dict[bool, dict[str, None]] = {True: {}, False: {}}
    for spec in registry:
        builtin = spec.function.__module__.startswith(_BUILTIN)
        lists = _plugin_lists(spec.lists)
        for body in lists.values():
            values[builtin].update(dict.fromkeys(body))
        forms: list[str] = []
        for template in (t for group in spec.sentences for t in group.sentences):
            for word in _template_words(template):
                counts[word] = counts.get(word, 0) + 1
            forms += [f for f in _fixed_forms(template, lists) if len(f.split()) <= MAX_WORDS]
        commands.update(dict.fromkeys(forms))
        if forms:
            examples.append((builtin, min(forms, key=lambda f: len(f.split()))))
    return Vocabulary(
        commands=tuple(sorted(commands, key=lambda c: len(c.split()))),
        examples=tuple(
            dict.fromkeys(t for _, t in sorted(examples, key=lambda e: (e[0], len(e[1].split()))))
        ),
        added_values=tuple(values[False]),
        builtin_values=tuple(v for v in values[True] if v not in values[False]),
        names=tuple(world_names(world)) if world is not None else (),
        words=tuple(sorted(counts, key=lambda w: -counts[w])),
    )


def speech_prompt(vocabulary: Vocabulary, budget_chars: int = PROMPT_CHARS) -> str:
    """A prompt of example commands and names, the most useful last (nearest the speech)."""
    one_word = [c for c in vocabulary.commands if " " not in c]
    added = [e for e in vocabulary.examples if e not in one_word]
    # By importance: one-word commands, the added plugins' words, a few
    # examples, the world's names, then the built-in lists' values.
    ranked = [
        [_as_sentence(c) for c in one_word],
        [_as_sentence(", ".join(vocabulary.added_values))] if vocabulary.added_values else [],
        [_as_sentence(e) for e in added[:_EXAMPLES] if len(e.split()) <= 3],
        [f"{name}," for name in vocabulary.names],
        [f"{value}," for value in vocabulary.builtin_values],
    ]
    chosen: list[list[str]] = []
    used = 0
    for group in ranked:
        taken = []
        for piece in group:
            if used + len(piece) + 1 > budget_chars:
                break
            taken.append(piece)
            used += len(piece) + 1
        chosen.append(taken)
    # Written least important first; lists of names end as a sentence.
    text = " ".join(" ".join(group) for group in reversed(chosen) if group)
    return text


def grammar_acceptor(grammar: Grammar) -> Callable[[str], bool]:
    """Whether the grammar matches what was heard exactly, after normalization."""

    def accepts(text: str) -> bool:
        words = normalize(text)
        return bool(words) and grammar.best(words) is not None

    return accepts


def _as_sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _template_words(template: str) -> list[str]:
    return _WORD.findall(_TEMPLATE_SYNTAX.sub(" ", template.lower()))


def _plugin_lists(declared: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """A tool's own text slot lists: the spoken forms of each value."""
    lists: dict[str, list[str]] = {}
    for name, body in declared.items():
        spoken = [_spoken(value) for value in body.get("values", ())]
        lists[name] = [form for text in spoken for form in _fixed_forms(text, {})]
    return lists


def _spoken(value: Any) -> str:
    text = value.get("in", "") if isinstance(value, Mapping) else value
    return str(text) if isinstance(text, str) else ""


def _fixed_forms(template: str, lists: Mapping[str, list[str]]) -> list[str]:
    """Every sentence the template can say, or none if it is not a fixed command."""
    try:
        forms = _expand(parse_sentence(template).expression, lists)
    except _NotFixed:
        return []
    words = (" ".join(f.split()) for f in forms)
    return list(dict.fromkeys(w for w in words if w and _WORD.fullmatch(w.replace(" ", ""))))


def _expand(expression: Expression, lists: Mapping[str, list[str]]) -> list[str]:
    if isinstance(expression, TextChunk):
        return [expression.original_text]
    if isinstance(expression, ListReference):
        if expression.list_name not in lists:
            raise _NotFixed  # a world list, a number or free text
        return _bounded(lists[expression.list_name])
    if isinstance(expression, Alternative):
        return _bounded([f for item in expression.items for f in _expand(item, lists)])
    if isinstance(expression, Permutation):
        raise _NotFixed  # its orders multiply quickly; none is a short command
    if isinstance(expression, Sequence):
        forms = [""]
        for item in expression.items:
            joined = (a + b for a in forms for b in _expand(item, lists))
            # Forms only grow along a sequence: drop the long ones early.
            forms = _bounded([f for f in joined if len(f.split()) <= MAX_WORDS])
        return forms
    raise _NotFixed  # rules and anything hassil adds later


def _bounded(forms: list[str]) -> list[str]:
    if len(forms) > MAX_FORMS:
        raise _NotFixed
    return forms
