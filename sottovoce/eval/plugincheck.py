"""`sottovoce tools check`: do the installed plugins load, and do their sentences reach their tools?

On top of the checks that need no world (`sottovoce.tools.check`: imports,
schemas, names, kinds), each tool's sentence templates must compile with
hassil, and example sentences drawn from each template (list slots filled
from a world and the tool's own lists) must be routed to that tool by the
agent's real router, against the grammar of every plugin the agent would
load. Each example goes in where a typed or spoken utterance does
(`Agent.handle`: the same normalization, the same yes/no of the dialogue, the
same router with the words as heard), and only carrying the calls out is left
out, so an example that passes here matches in use. An example using
"it"/"them" is routed as if the tool had just been used, since that is when a
user says it. An example that routes nowhere and is heard differently from
how it is written (numbers as digits, contractions expanded, fillers and
punctuation dropped) is reported with how it is heard and what to write.
"""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hassil import Intents, Sentence, SlotList, parse_sentence
from hassil.errors import MissingListError, MissingRuleError

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import Call
from sottovoce.agent.dialogue import DialogueState
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.ha_library import expansion_rules
from sottovoce.agent.normalize import normalize
from sottovoce.agent.router import Decision, Router
from sottovoce.agent.slot_lists import world_lists
from sottovoce.devices import KINDS, World
from sottovoce.eval.samples import Sample, draw_samples
from sottovoce.models import TextSink
from sottovoce.tools import Plugin, Registry, ToolSpec
from sottovoce.tools.check import Loaded, Problem, accepted, static_problems
from sottovoce.tools.outdoors import INSIDE, OUTSIDE

DEFAULT_SAMPLES = 5  # examples per template: ~4,200 over the built-ins, ~17 s

# Slot lists every template may use beyond the world's (sottovoce.tools.api.WORLD_LISTS);
# ranges are only sampled at a few points, wildcards by a typical value.
BASE_LISTS: Mapping[str, Any] = {
    "number": {"range": {"from": 0, "to": 100}},
    "percent": {"range": {"from": 0, "to": 100}},
    "duration_s": {"range": {"from": 1, "to": 3600}},
    "text": {"wildcard": True},
    "words": {"wildcard": True},
    "list_name": {"wildcard": True},
    "time": {"wildcard": True},
}


# Lists whose value names a device: an example drawn from one meant that device.
_NAME_LISTS = frozenset({"device", "ref", *KINDS})


@dataclass
class CheckReport:
    """What the check found."""

    plugins: int
    tools: int
    problems: list[Problem] = field(default_factory=list)
    samples: int = 0  # example sentences routed
    unsampled: int = 0  # templates whose lists are empty in this world
    yielded: int = 0  # examples taken as designed by another reading (_yields_to_a_name, _side)

    def summary_line(self) -> str:
        """`N plugins, M tools checked: K problems`."""
        return f"{self.plugins} plugins, {self.tools} tools checked: {len(self.problems)} problems"


@dataclass
class _Template:
    """A compiled template of a tool, with the slot lists its examples draw from."""

    spec: ToolSpec
    sentence: Sentence
    lists: Mapping[str, SlotList]


def check_plugins(
    loaded: Loaded, world: World, *, only: str | None = None, samples: int = DEFAULT_SAMPLES
) -> CheckReport:
    """Check the loaded plugins (or only the one named) against `world`."""
    static = static_problems(loaded)
    templates, compiled = _compile(loaded.plugins, world)
    blocked = {p.where for p in static + compiled if p.blocking}
    registry = accepted(_without(loaded.plugins, blocked))
    entrance = _Entrance(registry, world)

    def selected(name: str) -> bool:
        return only is None or name in (only, loaded.names.get(only))

    mine = [p for p in loaded.plugins if selected(p.name)]
    report = CheckReport(
        plugins=len(mine) + sum(selected(name) for name in loaded.failures),
        tools=sum(len(p.tools) for p in mine),
        problems=[p for p in static + compiled if selected(p.where.partition(".")[0])],
    )
    routable = [
        t for t in templates if selected(t.spec.plugin) and registry.get(t.spec.name) is t.spec
    ]
    report.problems += asyncio.run(_route_samples(entrance, routable, samples, report))
    return report


def _compile(plugins: Sequence[Plugin], world: World) -> tuple[list[_Template], list[Problem]]:
    """Every template parsed by hassil, with its lists; problems for what does not compile."""
    shared = dict(slot_lists(BASE_LISTS))
    shared.update(world_lists(world))
    templates: list[_Template] = []
    problems: list[Problem] = []
    for plugin in plugins:
        for spec in plugin.tools:
            try:
                own = slot_lists(spec.lists)
            except Exception as exc:  # hassil raises several types for a malformed list
                problem = f"bad slot lists: {_error(exc)}"
                problems.append(Problem(spec.qualified_name, problem, blocking=True))
                continue
            for text in _texts(spec):
                try:
                    sentence = parse_sentence(text)
                except Exception as exc:  # hassil's parse errors have no common base
                    problem = f"template {text!r} does not compile: {_error(exc)}"
                    problems.append(Problem(spec.qualified_name, problem, blocking=True))
                    continue
                templates.append(_Template(spec, sentence, {**shared, **own}))
    return templates, problems


def slot_lists(lists: Mapping[str, Any]) -> dict[str, SlotList]:
    """Slot lists parsed by hassil from their YAML-style definitions."""
    parsed: dict[str, SlotList] = Intents.from_dict(
        {"language": "en", "intents": {}, "lists": dict(lists)}
    ).slot_lists
    return parsed


def _texts(spec: ToolSpec) -> list[str]:
    return [text for group in spec.sentences for text in group.sentences]


def _without(plugins: Sequence[Plugin], blocked: set[str]) -> list[Plugin]:
    """The plugins less their blocked tools, so that the rest of each is still routed.

    The agent would skip such a plugin whole (or fail to build its grammar); the
    check goes on with its other tools, to report all that needs fixing at once.
    """
    kept = []
    for plugin in plugins:
        copy = Plugin(plugin.name, plugin.description, plugin.kinds)
        copy.tools = [s for s in plugin.tools if s.qualified_name not in blocked]
        kept.append(copy)
    return kept


class _DecidingRouter(Router):
    """The router, recording its decisions and handing the agent nothing to carry out."""

    decisions: list[Decision]

    async def route(
        self,
        text: str,
        state: DialogueState,
        on_text: TextSink | None = None,
        *,
        heard: str | None = None,
    ) -> Decision:
        decision = await super().route(text, state, on_text, heard=heard)
        self.decisions.append(decision)
        return Decision(decision.route)


class _Entrance:
    """The agent's own way in for an utterance (`Agent.handle`), with nothing run."""

    def __init__(self, registry: Registry, world: World) -> None:
        grammar = Grammar(registry, world)
        self.registry = registry
        self.agent = Agent(registry, world, grammar=grammar)
        self.router = _DecidingRouter(registry, world, grammar=grammar)
        self.agent.router = self.router

    async def decide(self, said: str, state: DialogueState) -> Decision:
        """What the agent decides for `said` in a conversation in `state`."""
        self.agent.state = state
        self.router.decisions = []
        result = await self.agent.handle(said)
        if not self.router.decisions:  # the dialogue answered (a yes or no), or it was too long
            return Decision(result.route, reply=result.reply)
        calls = [call for decision in self.router.decisions for call in decision.calls]
        replies = [d.reply for d in self.router.decisions if d.reply]
        return Decision(self.router.decisions[0].route, calls, " ".join(replies) or None)


async def _route_samples(
    entrance: _Entrance, templates: Sequence[_Template], count: int, report: CheckReport
) -> list[Problem]:
    problems = []
    # Templates may use Home Assistant's named phrases (<all>, <everywhere>), as the grammar does.
    rules = {name: parse_sentence(text) for name, text in expansion_rules().items()}
    for template in templates:
        spec = template.spec
        try:
            drawn = draw_samples(template.sentence, template.lists, count, spec.name, rules)
        except MissingListError as exc:
            if "has no values" in str(exc):
                report.unsampled += 1  # nothing in this world to name: nothing to try
                continue
            problems.append(Problem(spec.qualified_name, f"{template.sentence.text!r}: {exc}"))
            continue
        except MissingRuleError as exc:
            problems.append(Problem(spec.qualified_name, f"{template.sentence.text!r}: {exc}"))
            continue
        for sample in drawn:
            report.samples += 1
            state = DialogueState()
            if "ref" in sample.lists:
                state.last_call = Call(spec.name, {})
            decision = await entrance.decide(sample.text, state)
            miss = _misroute(decision, spec.name)
            if miss is not None and (
                _yields_to_a_name(decision, sample.lists)
                or _yields_to_a_side(entrance.registry, spec, decision, sample)
            ):
                report.yielded += 1
            elif miss is not None:
                hint = "" if decision.calls else heard_hint(sample, spec.lists)
                problems.append(Problem(spec.qualified_name, f'"{sample.text}" {miss}{hint}'))
    return problems


def heard_hint(sample: Sample, own_lists: Mapping[str, Any]) -> str:
    """How an example that routed nowhere is heard, when not as written, and what to write.

    The grammar reads a template's own words in both forms, but a tool's own list
    values only as written: a value normalization changes can never be matched.
    """
    said, heard = _as_written(sample.text), normalize(sample.text)
    if said == heard:
        return ""
    changes = _changes(said.split(), heard.split())
    unheard = [
        (name, value)
        for name, value in sample.values
        if name in own_lists and _as_written(value) != normalize(value)
    ]
    if unheard:
        name, value = unheard[0]
        advice = f'write the value "{value}" of {{{name}}} as it is heard: "{normalize(value)}"'
    else:
        advice = "write the template's words as they are heard"
    return f'; it is heard as "{heard}" ({changes}): {advice}'


def _as_written(text: str) -> str:
    """The words of `text` as a template holds them: lower case, no punctuation at their ends."""
    words = (word.strip(',.!?;:"') for word in text.lower().split())
    return " ".join(word for word in words if word)


def _changes(said: list[str], heard: list[str]) -> str:
    """What normalization did to the words: '"two" becomes "2"', '"um" is dropped'."""
    found = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=said, b=heard).get_opcodes():
        before, after = " ".join(said[a1:a2]), " ".join(heard[b1:b2])
        if op == "replace":
            found.append(f'"{before}" becomes "{after}"')
        elif op == "delete":
            found.append(f'"{before}" is dropped')
        elif op == "insert":
            found.append(f'"{after}" is added')
    return ", ".join(found[:3])


def _yields_to_a_name(decision: Decision, lists: frozenset[str]) -> bool:
    """Whether the words went to a device the world calls by them, not by a name slot.

    The grammar prefers a device's own name to any other reading ("what is the
    outside temperature" reads a sensor called so, if the home has one): a
    template's example taken that way is working as designed.
    """
    if lists & _NAME_LISTS or not decision.calls:
        return False
    return all("." in str(call.args.get("name", "")) for call in decision.calls)


def _yields_to_a_side(
    registry: Registry, spec: ToolSpec, decision: Decision, sample: Sample
) -> bool:
    """Whether a question about "outside"/"inside" went to another question's tool.

    A side word drawn for `{area}` stands for several areas, and a tool written for
    that side ("how cold is it outside": the outdoor temperature) outranks a general
    one that answers it alike (a sensor reading "in the garden"); nothing changes either way.
    """
    sides = OUTSIDE | INSIDE
    if not spec.reads_only or not any(n == "area" and v in sides for n, v in sample.values):
        return False
    tools = [registry.get(call.tool) for call in decision.calls]
    return bool(tools) and all(tool is not None and tool.reads_only for tool in tools)


def _misroute(decision: Decision, tool: str) -> str | None:
    """None when the decision calls `tool` only; else where the words went instead."""
    tools = [call.tool for call in decision.calls]
    if tools and all(name == tool for name in tools):
        return None
    if tools:
        return f"routes to {', '.join(dict.fromkeys(tools))}"
    return f"routes nowhere ({decision.reply})" if decision.reply else "routes nowhere"


def _error(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())
