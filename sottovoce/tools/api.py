"""The tool plugin API: a typed function with a docstring becomes a tool.

One pydantic model is built from the function's signature (less the
`ToolContext` first parameter). It yields both the JSON schema shown to a
language model and the validator applied to what the model (or the sentence
grammar) produced, so the two cannot drift apart.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, create_model

from sottovoce.devices.kinds import KINDS

ToolFunction = Callable[..., Any]
# What a plugin says has come due: called with a ToolContext, returns what to announce.
DueFunction = Callable[[Any], Iterable[str]]
# A section of the world's snapshot (SPEC.md section 2), from a ToolContext: JSON.
SectionFunction = Callable[[Any], Any]
# Names a plugin's records hold (a list's name), for recognition and the grammar.
NamesFunction = Callable[[Any], Iterable[str]]
# Run with a ToolContext when the plugin is attached to a world (seeding records).
SetupFunction = Callable[[Any], None]
ConfirmPrompt = Callable[[Mapping[str, Any]], str]

# Slot lists that the agent fills from the world at run time; a sentence may
# use these without declaring them: one per device kind (its devices' names),
# and these.
WORLD_LISTS = frozenset(
    {
        *KINDS,
        # A device's name without its kind word, for that kind's commands only ("the gate"
        # for the gate lock, though "the gate" itself is a cover).
        *(f"{kind}_part" for kind in KINDS),
        "device",
        "area",
        "contact",
        "scene",
        "media",
        "artist",
        "list_name",
        "ref",
        "number",
        "percent",
        "duration_s",
        "text",
        "words",
        "time",
    }
)

# A slot in a sentence template: {list} or {list:parameter}.
SLOT_RE = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")


@dataclass(frozen=True)
class SentenceGroup:
    """Sentence templates (hassil syntax) plus slot values they imply."""

    sentences: tuple[str, ...]
    slots: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolSpec:
    """Everything the agent knows about one tool."""

    name: str
    plugin: str
    description: str
    function: ToolFunction
    args_model: type[BaseModel]
    sentences: tuple[SentenceGroup, ...] = ()
    lists: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()
    confirm: bool = False
    timeout_s: float = 5.0
    # Changes nothing (a status, a reading, the weather): a question may call it.
    reads_only: bool = False

    @property
    def qualified_name(self) -> str:
        """The tool's name within its plugin's namespace: `plugin.tool`."""
        return f"{self.plugin}.{self.name}"

    def json_schema(self) -> dict[str, Any]:
        """The JSON schema of the tool's arguments, as a language model sees it."""
        return self.args_model.model_json_schema()

    def validate(self, args: Mapping[str, Any]) -> dict[str, Any]:
        """Check and coerce arguments; raises pydantic.ValidationError."""
        model = self.args_model.model_validate(dict(args))
        return model.model_dump(exclude_unset=True)

    def is_async(self) -> bool:
        """Whether the tool function is a coroutine function."""
        return inspect.iscoroutinefunction(self.function)


class Plugin:
    """A named collection of tools; a plugin module exposes one as `plugin`.

    `kinds`, when given, are the only device kinds the plugin's tools may act on:
    a tool declaring another kind is refused when it is defined.
    """

    def __init__(
        self, name: str, description: str = "", kinds: Sequence[str] | None = None
    ) -> None:
        self.name = name
        self.description = description
        self.kinds: tuple[str, ...] | None = tuple(kinds) if kinds is not None else None
        self.tools: list[ToolSpec] = []
        self.due_checks: list[DueFunction] = []
        self.sections: dict[str, SectionFunction] = {}
        self.name_sources: list[tuple[str, NamesFunction]] = []
        self.setups: list[SetupFunction] = []

    def due(self, function: DueFunction) -> DueFunction:
        """Register a check for what has come due (used as a decorator).

        Called with a `ToolContext` (no area, nothing confirmed) a few times a
        second by the voice loop and before every turn: it takes what is due out of
        `ctx.records` and returns the sentences to announce. It runs
        inside one store transaction, so among processes sharing the store exactly
        one announces each item; what it changes is saved when it returns.
        """
        self.due_checks.append(function)
        return function

    def section(self, name: str) -> Callable[[SectionFunction], SectionFunction]:
        """Register a section of the world's snapshot, called `name` (used as a decorator).

        Called with a `ToolContext`; returns JSON (what `sottovoce eval` compares
        and `expect` in a case file names). Two plugins may not give the same section.
        """

        if name == "devices":
            raise ValueError(f"plugin {self.name}: the devices section is the world's own")

        def register(function: SectionFunction) -> SectionFunction:
            self.sections[name] = function
            return function

        return register

    def names(self, slot: str) -> Callable[[NamesFunction], NamesFunction]:
        """Register a source of `slot`'s values that the plugin's records hold (a decorator).

        Called with a `ToolContext`; returns names a user may say (the lists
        plugin gives `list_name`: "shopping", "packing"). They join the world's
        names in speech recognition's vocabulary and in Home Assistant's sentences.
        """

        def register(function: NamesFunction) -> NamesFunction:
            self.name_sources.append((slot, function))
            return function

        return register

    def setup(self, function: SetupFunction) -> SetupFunction:
        """Register what to do when the plugin meets a world (used as a decorator).

        Called with a `ToolContext` once the agent is built on a world: for
        example, adding the world file's initial data to the plugin's records.
        What it changes is saved at once.
        """
        self.setups.append(function)
        return function

    def tool_kinds(self) -> tuple[str, ...]:
        """The device kinds the plugin's tools declare, together."""
        return tuple(dict.fromkeys(kind for spec in self.tools for kind in spec.kinds))

    def outside_kinds(self, spec: ToolSpec) -> list[str]:
        """The kinds `spec` declares that this plugin does not (none when it declares no limit)."""
        if self.kinds is None:
            return []
        return [kind for kind in spec.kinds if kind not in self.kinds]

    def tool(
        self,
        *,
        sentences: Sequence[str | Mapping[str, Any]] = (),
        kinds: Sequence[str] = (),
        confirm: bool = False,
        lists: Mapping[str, Mapping[str, Any]] | None = None,
        timeout_s: float = 5.0,
        reads_only: bool | None = None,
    ) -> Callable[[ToolFunction], ToolFunction]:
        """Register a function as a tool of this plugin (used as a decorator).

        `reads_only=True` marks a tool that changes nothing; when not given it is
        inferred from the tool's name and description (`infer_reads_only`).
        """

        def register(function: ToolFunction) -> ToolFunction:
            spec = build_spec(
                function,
                plugin=self.name,
                sentences=sentences,
                kinds=kinds,
                confirm=confirm,
                lists=lists or {},
                timeout_s=timeout_s,
                reads_only=reads_only,
            )
            if any(existing.name == spec.name for existing in self.tools):
                raise ValueError(f"plugin {self.name}: tool {spec.name} defined twice")
            outside = self.outside_kinds(spec)
            if outside:
                raise ValueError(
                    f"plugin {self.name}: tool {spec.name} declares kinds {', '.join(outside)},"
                    f" outside the plugin's kinds ({', '.join(self.kinds or ()) or 'none'})"
                )
            self.tools.append(spec)
            return function

        return register


def build_spec(
    function: ToolFunction,
    *,
    plugin: str,
    sentences: Sequence[str | Mapping[str, Any]],
    kinds: Sequence[str],
    confirm: bool,
    lists: Mapping[str, Mapping[str, Any]],
    timeout_s: float,
    reads_only: bool | None = None,
) -> ToolSpec:
    """Build a ToolSpec from a function; raises ValueError on a badly formed tool."""
    name = function.__name__
    description = inspect.getdoc(function) or ""
    if not description:
        raise ValueError(f"tool {name}: a docstring is required (it is the model's description)")
    args_model = _args_model(function)
    groups = tuple(_sentence_group(item) for item in sentences)
    _check_slots(name, groups, args_model, lists)
    return ToolSpec(
        name=name,
        plugin=plugin,
        description=description.splitlines()[0],
        function=function,
        args_model=args_model,
        sentences=groups,
        lists=dict(lists),
        kinds=tuple(kinds),
        confirm=confirm,
        timeout_s=timeout_s,
        reads_only=infer_reads_only(name, description) if reads_only is None else reads_only,
    )


# Verbs of tools that only look: "Say whether ...", "get_forecast", "timer_status".
_READ_VERBS = frozenset(
    "say read describe answer tell get list show check report find search query look status"
    " names now".split()
)
# Verbs of tools that change something; any of them in a name outweighs a reading verb.
_CHANGE_VERBS = frozenset(
    "add set remove delete clear create start stop send call place cancel turn open close"
    " lock unlock play pause write update put make run activate toggle mute skip".split()
)


def infer_reads_only(name: str, description: str) -> bool:
    """Whether a tool not marked either way looks like one that changes nothing."""
    # The description's first word is its verb ("Say whether doors are locked").
    first = description.split(maxsplit=1)[0].lower().strip(".,:;") if description.strip() else ""
    if first in _READ_VERBS or first in _CHANGE_VERBS:
        return first in _READ_VERBS
    words = set(name.lower().split("_"))
    return not words & _CHANGE_VERBS and bool(words & _READ_VERBS)


def _args_model(function: ToolFunction) -> type[BaseModel]:
    signature = inspect.signature(function)
    params = list(signature.parameters.values())
    if not params:
        raise ValueError(f"tool {function.__name__}: the first parameter must be the ToolContext")
    hints = get_type_hints(function, include_extras=True)
    fields: dict[str, Any] = {}
    for param in params[1:]:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise ValueError(f"tool {function.__name__}: *args/**kwargs are not allowed")
        if param.name not in hints:
            raise ValueError(f"tool {function.__name__}: parameter {param.name} needs a type")
        default = ... if param.default is param.empty else param.default
        fields[param.name] = (hints[param.name], default)
    config = ConfigDict(extra="forbid")
    model: type[BaseModel] = create_model(f"{function.__name__}_args", __config__=config, **fields)
    return model


def _sentence_group(item: str | Mapping[str, Any]) -> SentenceGroup:
    if isinstance(item, str):
        return SentenceGroup(sentences=(item,))
    texts = item.get("sentences", ())
    if isinstance(texts, str):
        texts = (texts,)
    return SentenceGroup(sentences=tuple(texts), slots=dict(item.get("slots", {})))


def _check_slots(
    name: str,
    groups: tuple[SentenceGroup, ...],
    args_model: type[BaseModel],
    lists: Mapping[str, Mapping[str, Any]],
) -> None:
    params = set(args_model.model_fields)
    for group in groups:
        for slot in group.slots:
            if slot not in params:
                raise ValueError(f"tool {name}: fixed slot {slot!r} is not a parameter")
        for sentence in group.sentences:
            for list_name, slot_name in SLOT_RE.findall(sentence):
                slot = slot_name or list_name
                if slot not in params:
                    raise ValueError(
                        f"tool {name}: sentence {sentence!r} fills {slot!r}, not a parameter"
                    )
                if list_name not in WORLD_LISTS and list_name not in lists:
                    raise ValueError(
                        f"tool {name}: sentence {sentence!r} uses unknown list {list_name!r}"
                    )
