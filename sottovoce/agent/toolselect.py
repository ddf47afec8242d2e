"""Which tools the language model is offered for one turn, and their world-narrowed schemas.

A small model chooses well among a few tools and badly among eighty, and a
short prompt is a fast prompt. Tools are scored by the words they share with
the user's (weighted by how rare each word is among tools), by the kinds of
the devices the user named, and by the conversation (the plugin used last).
Their name and area arguments are narrowed to the names this world has, so
the constrained model cannot invent a device.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sottovoce.agent.calls import Call
from sottovoce.agent.slot_lists import world_lists
from sottovoce.devices import World
from sottovoce.models import ToolSchema
from sottovoce.tools import Registry
from sottovoce.tools.api import SLOT_RE, ToolSpec

DEFAULT_LIMIT = 5
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the to of in at for and or is are be it my me i you please can could would "
    "will what how do does make by with from this that unless told one"
    # How much, said with any tool: "a bit", "way too", "really".
    " bit little tad touch slightly way far much really so very pretty quite rather just".split()
)


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words_of(text: str) -> set[str]:
    """The content words of a text, lower-cased and crudely stemmed."""
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def _template_words(spec: ToolSpec) -> set[str]:
    text = " ".join(s for group in spec.sentences for s in group.sentences)
    return words_of(SLOT_RE.sub(" ", text))


class ToolSelector:
    """Picks the tools worth offering for a sentence, in one world."""

    def __init__(
        self,
        registry: Registry,
        world: World,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        self.registry = registry
        self.limit = limit
        self._vocab = {spec.name: self._vocabulary(spec) for spec in registry}
        counts = Counter(w for vocab in self._vocab.values() for w in vocab)
        total = max(1, len(self._vocab))
        self._idf = {w: math.log(1 + total / n) for w, n in counts.items()}
        lists = world_lists(world)
        self._values = {
            name: sorted({_spoken(v.text_in) for v in slot.values} - {""})
            for name, slot in lists.items()
        }
        self._kind_of_name = {
            _key(spoken): device.kind
            for device in world.devices.values()
            for spoken in (device.name, *device.aliases)
        }

    @staticmethod
    def _vocabulary(spec: ToolSpec) -> set[str]:
        return (
            words_of(spec.name.replace("_", " "))
            | words_of(spec.description)
            | _template_words(spec)
            | words_of(" ".join(spec.kinds).replace("_", " "))
        )

    def select(self, text: str, last: Call | None = None) -> list[ToolSpec]:
        """The most relevant tools for the words (at most `limit`; none if nothing relates)."""
        said = words_of(text)
        kinds = self._kinds_named(text)
        last_plugin = self._plugin_of(last)
        scored: list[tuple[float, str, ToolSpec]] = []
        for spec in self.registry:
            score = sum(self._idf.get(w, 0.0) for w in said & self._vocab[spec.name])
            if kinds & set(spec.kinds):
                # A tool for every kind of device says little about this one.
                score += 3.0 / len(spec.kinds)
            if score > 0 and spec.plugin == last_plugin:
                score += 0.5
            if score > 0:
                scored.append((score, spec.name, spec))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [spec for _, _, spec in scored[: self.limit]]

    def schemas(self, specs: Iterable[ToolSpec]) -> list[ToolSchema]:
        """The tools as the model sees them, with name-like arguments narrowed to this world."""
        return [ToolSchema(s.name, s.description, self._narrowed(s)) for s in specs]

    def _kinds_named(self, text: str) -> set[str]:
        padded = f" {_key(text)} "
        return {kind for name, kind in self._kind_of_name.items() if f" {name} " in padded}

    def _plugin_of(self, call: Call | None) -> str | None:
        spec = self.registry.get(call.tool) if call is not None else None
        return spec.plugin if spec is not None else None

    def _narrowed(self, spec: ToolSpec) -> dict[str, Any]:
        schema = spec.json_schema()
        properties = schema.get("properties", {})
        for param, list_names in lists_by_param(spec).items():
            values = self._allowed(list_names, spec.lists)
            if param in properties and values:
                properties[param] = _with_enum(properties[param], values)
        return schema

    def _allowed(
        self, list_names: set[str], declared: Mapping[str, Mapping[str, Any]]
    ) -> list[str]:
        values: set[str] = set()
        for name in list_names:
            if name in self._values:
                values.update(self._values[name])
                continue
            extra = _declared_values(declared.get(name, {}))
            if not extra:
                return []  # free text, a number or a time: leave the argument open
            values.update(extra)
        return sorted(values)


def lists_by_param(spec: ToolSpec) -> dict[str, set[str]]:
    """For each argument its sentences fill, the slot lists they fill it from."""
    found: dict[str, set[str]] = {}
    for group in spec.sentences:
        for sentence in group.sentences:
            for list_name, slot in SLOT_RE.findall(sentence):
                found.setdefault(slot or list_name, set()).add(list_name)
    return found


def _declared_values(body: Mapping[str, Any]) -> list[str]:
    values = body.get("values")
    if not isinstance(values, list):
        return []
    out = []
    for value in values:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, Mapping) and isinstance(value.get("out"), str):
            out.append(value["out"])
    return out


def _with_enum(prop: dict[str, Any], values: list[str]) -> dict[str, Any]:
    """A string property (possibly nullable) restricted to the given values."""
    if prop.get("type") == "string" and "enum" not in prop:
        return {**prop, "enum": values}
    options = prop.get("anyOf")
    if isinstance(options, list) and {"type": "string"} in options:
        narrowed = [
            {"type": "string", "enum": values} if o == {"type": "string"} else o for o in options
        ]
        return {**prop, "anyOf": narrowed}
    return prop


def _spoken(expression: object) -> str:
    text = getattr(expression, "text", "")
    return text if isinstance(text, str) else ""


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
