"""Confirmations: several risky calls in one utterance, readable prompts, nothing done unasked.

On the built-in tools and the default home: the front door is locked, the back
door unlocked, and Anna, Ben, Carlos and Mum are contacts.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from agent_helpers import make_world

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.agent.dialogue import ask_together
from sottovoce.agent.grammar import Grammar
from sottovoce.devices import default_world_path, load_world
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.testing import ScriptedLLM
from sottovoce.tools import Plugin, Registry, ToolContext

RISKY = "unlock the front door and call mum"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


_GRAMMARS: dict[int, Grammar] = {}


def _agent(registry: Registry, engine: ScriptedLLM | None = None) -> Agent:
    """An agent on a fresh default home; the compiled grammar is shared (same names)."""
    world = load_world(default_world_path())
    if id(registry) not in _GRAMMARS:
        _GRAMMARS[id(registry)] = Grammar(registry, world)
    return Agent(registry, world, engine, grammar=_GRAMMARS[id(registry)])


def _turns(agent: Agent, *lines: str) -> list[TurnResult]:
    async def run() -> list[TurnResult]:
        return [await agent.handle(line) for line in lines]

    return asyncio.run(run())


def _replies(agent: Agent, *lines: str) -> list[str]:
    return [turn.reply for turn in _turns(agent, *lines)]


def _state(agent: Agent) -> dict[str, Any]:
    return agent.world.snapshot()


def _front_locked(agent: Agent) -> bool:
    return bool(_state(agent)["devices"]["lock.front_door"]["locked"])


def _untouched(agent: Agent, before: dict[str, Any]) -> bool:
    return _state(agent) == before


def test_two_risky_actions_are_asked_in_one_question_and_yes_runs_both(
    registry: Registry,
) -> None:
    agent = _agent(registry)
    before = _state(agent)
    asked, done = _turns(agent, RISKY, "yes")
    assert asked.reply == "Unlock the front door and call Mum?"
    assert len(asked.calls) == 2
    assert done.reply == "The front door is unlocked. Calling Mum."
    assert [call.tool for call in done.calls] == ["lock_unlock", "call_place"]
    assert not _front_locked(agent)
    assert _state(agent)["calls"] == [{"to": "Mum"}]
    assert before["calls"] == [] and before["devices"]["lock.front_door"]["locked"]


def test_asking_changes_nothing(registry: Registry) -> None:
    agent = _agent(registry)
    before = _state(agent)
    _turns(agent, RISKY)
    assert _untouched(agent, before)


@pytest.mark.parametrize("answer", ["no", "cancel", "never mind"])
def test_no_drops_both(registry: Registry, answer: str) -> None:
    agent = _agent(registry)
    before = _state(agent)
    replies = _replies(agent, RISKY, answer, "yes")
    assert replies[1] == "Okay, I won't."
    assert replies[2] == "There's nothing waiting for a yes or no."
    assert _untouched(agent, before)


def test_an_unrelated_sentence_drops_both_and_is_handled(registry: Registry) -> None:
    agent = _agent(registry)
    before = _state(agent)
    replies = _replies(agent, RISKY, "turn on the kitchen light", "yes")
    assert replies[1] == "The kitchen ceiling light is on."
    assert replies[2] == "There's nothing waiting for a yes or no."
    after = _state(agent)
    assert after["devices"]["light.kitchen_ceiling"]["on"] is True
    assert after["devices"]["lock.front_door"] == before["devices"]["lock.front_door"]
    assert after["calls"] == [] and after["messages"] == []


def test_no_then_another_request_drops_both_and_runs_the_request(registry: Registry) -> None:
    agent = _agent(registry)
    _turns(agent, RISKY, "no, call anna")
    assert _front_locked(agent)
    assert _state(agent)["calls"] == []  # "call anna" is itself asked first
    assert agent.state.pending and agent.state.pending_prompt == "Call Anna?"


def test_a_safe_action_runs_now_and_the_reply_says_what_is_asked(registry: Registry) -> None:
    agent = _agent(registry)
    [turn] = _turns(agent, "unlock the front door and turn on the kitchen light")
    assert turn.reply == "The kitchen ceiling light is on. Unlock the front door?"
    assert _state(agent)["devices"]["light.kitchen_ceiling"]["on"] is True
    assert _front_locked(agent)
    [done] = _turns(agent, "sure")
    assert done.reply == "The front door is unlocked."
    assert not _front_locked(agent)


def test_three_risky_actions_are_one_question_and_run_in_order(registry: Registry) -> None:
    agent = _agent(registry)
    said = "unlock the front door and call mum and send a message to ben saying on my way"
    asked, done = _replies(agent, said, "do it")
    assert asked == "Unlock the front door, call Mum and send 'on my way' to Ben?"
    assert done == "The front door is unlocked. Calling Mum. Message sent to Ben."
    state = _state(agent)
    assert not state["devices"]["lock.front_door"]["locked"]
    assert state["calls"] == [{"to": "Mum"}]
    assert state["messages"] == [{"to": "Ben", "text": "on my way"}]


def test_three_risky_actions_and_no(registry: Registry) -> None:
    agent = _agent(registry)
    before = _state(agent)
    said = "unlock the front door and call mum and send a message to ben saying on my way"
    _turns(agent, said, "no thanks")
    assert _untouched(agent, before)


def test_the_same_action_twice_is_asked_and_done_once(registry: Registry) -> None:
    agent = _agent(registry)
    asked, done = _replies(agent, "call mum and call mum", "yes")
    assert asked == "Call Mum?"
    assert done == "Calling Mum."
    assert _state(agent)["calls"] == [{"to": "Mum"}]


def _two_calls(*calls: ToolChoice) -> LLMDecision:
    return LLMDecision(calls=calls)


def test_the_model_route_with_two_risky_calls_asks_both_and_yes_runs_both(
    registry: Registry,
) -> None:
    decision = _two_calls(
        ToolChoice("lock_unlock", {"name": "front door"}),
        ToolChoice("call_place", {"contact": "Mum"}),
    )
    engine = ScriptedLLM({"front door": decision})
    agent = _agent(registry, engine)
    before = _state(agent)
    asked = _turns(agent, "could you let the guests in through the front door and give mum a ring")
    assert asked[0].route == "llm"
    assert asked[0].reply == "Unlock the front door and call Mum?"
    assert _untouched(agent, before)
    [done] = _turns(agent, "yes please")
    assert done.reply == "The front door is unlocked. Calling Mum."
    assert not _front_locked(agent) and _state(agent)["calls"] == [{"to": "Mum"}]


def test_the_model_route_with_two_risky_calls_and_no(registry: Registry) -> None:
    decision = _two_calls(
        ToolChoice("lock_unlock", {"name": "front door"}),
        ToolChoice("call_place", {"contact": "Mum"}),
    )
    agent = _agent(registry, ScriptedLLM({"front door": decision}))
    before = _state(agent)
    _turns(agent, "could you let me in through the front door and ring up mum for me", "no")
    assert _untouched(agent, before)


def test_a_risky_call_whose_target_does_not_exist_asks_nothing(registry: Registry) -> None:
    agent = _agent(registry)
    before = _state(agent)
    replies = _replies(agent, "unlock the doors in the bedroom", "call bob", "yes")
    assert replies[0] == "There is no lock in the bedroom."
    assert "Bob is not in your contacts" in replies[1]
    assert replies[2] == "There's nothing waiting for a yes or no."
    assert _untouched(agent, before)


def test_a_missing_target_beside_a_real_one_asks_only_the_real_one(registry: Registry) -> None:
    decision = _two_calls(
        ToolChoice("call_place", {"contact": "Bob"}),
        ToolChoice("lock_unlock", {"name": "front door"}),
    )
    agent = _agent(registry, ScriptedLLM({"front door": decision}))
    [asked] = _turns(agent, "could you ring bob and let me in through the front door")
    assert asked.reply == "Bob is not in your contacts. Unlock the front door?"
    assert _front_locked(agent)
    _turns(agent, "yes")
    assert not _front_locked(agent) and _state(agent)["calls"] == []


# Readable prompts for every built-in risky tool.

PROMPTS = {
    "lock_unlock": ("unlock the front door", "Unlock the front door?"),
    "call_place": ("call mum", "Call Mum?"),
    "message_send": (
        "send a message to anna saying on my way",
        "Send 'on my way' to Anna?",
    ),
}


def test_every_risky_built_in_tool_has_a_prompt_test(registry: Registry) -> None:
    risky = {spec.name for spec in registry if spec.confirm}
    assert risky == set(PROMPTS)


@pytest.mark.parametrize("tool", sorted(PROMPTS))
def test_each_risky_tool_names_its_action_and_target(registry: Registry, tool: str) -> None:
    said, prompt = PROMPTS[tool]
    agent = _agent(registry)
    before = _state(agent)
    [turn] = _turns(agent, said)
    assert [call.tool for call in turn.calls] == [tool]
    assert turn.reply == prompt
    spec = registry.get(tool)
    assert spec is not None and spec.description.rstrip(".").lower() not in turn.reply.lower()
    assert _untouched(agent, before)


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("unlock the back door", "The back door is already unlocked."),
        ("unlock the kitchen door", "The back door is already unlocked."),
    ],
)
def test_a_risky_tool_with_nothing_to_change_says_so_without_asking(
    registry: Registry, said: str, reply: str
) -> None:
    agent = _agent(registry)
    before = _state(agent)
    replies = _replies(agent, said, "yes")
    assert replies == [reply, "There's nothing waiting for a yes or no."]
    assert _untouched(agent, before)


def test_unlocking_every_door_asks_only_about_the_locked_one(registry: Registry) -> None:
    agent = _agent(registry)
    asked, _ = _replies(agent, "unlock all the doors", "yes")
    assert asked == "Unlock the front door?"
    assert not _front_locked(agent)


def test_questions_are_joined_into_one_sentence() -> None:
    assert ask_together(["Call Mum?"]) == "Call Mum?"
    assert ask_together(["Unlock the front door?", "Call Mum?"]) == (
        "Unlock the front door and call Mum?"
    )
    three = ["Unlock the front door?", "Call Mum?", "Send 'hi' to Ben?"]
    assert ask_together(three) == "Unlock the front door, call Mum and send 'hi' to Ben?"
    # A tool server's "Do you want me to ...?" joins as an action too; acronyms keep their case.
    mixed = ["Unlock the front door?", "Do you want me to erase a note?", "MQTT reset?"]
    assert ask_together(mixed) == "Unlock the front door, erase a note and MQTT reset?"
    assert ask_together(["Call Mum?", "Call Mum?"]) == "Call Mum?"


# Risky plugin tools that do not ask as they should: never acted on unasked.

careless = Plugin("careless", "Risky tools that forget to ask.")


@careless.tool(kinds=["lock"], confirm=True, sentences=["check the bolts"])
def bolts_check(ctx: ToolContext) -> str:
    """Unlock nothing: there is nothing to do, so nothing to ask."""
    return "The bolts are fine."


@careless.tool(confirm=True, sentences=["scribble {text}"])
def note_scribble(ctx: ToolContext, text: str) -> str:
    """Write a note without asking."""
    ctx.records["scribbles"] = [*ctx.records.get("scribbles", []), text]
    return "Noted."


@careless.section("scribbles")
def scribbles(ctx: ToolContext) -> list[str]:
    """The notes scribbled."""
    return list(ctx.records.get("scribbles", []))


@careless.tool(kinds=["lock"], confirm=True, sentences=["force the door"])
def door_force(ctx: ToolContext) -> str:
    """Unlock the door without asking, and swallow whatever stops it."""
    try:
        ctx.world.devices["lock.front_door"].set(locked=False)
    except Exception:  # the point of this tool: it swallows the question
        return "Forced."
    return "Forced."


def _careless_agent() -> Agent:
    return Agent(Registry([careless]), make_world())


def test_a_risky_tool_that_had_nothing_to_do_is_answered_as_it_is() -> None:
    agent = _careless_agent()
    before = _state(agent)
    assert _replies(agent, "check the bolts") == ["The bolts are fine."]
    assert not agent.state.pending and _untouched(agent, before)


def test_a_risky_tool_that_acted_unasked_is_rolled_back_and_asks_from_the_call() -> None:
    agent = _careless_agent()
    [asked] = _replies(agent, "scribble buy milk")
    assert asked == "Should I run note scribble for buy milk?"
    assert _state(agent)["scribbles"] == []
    _turns(agent, "yes")
    assert _state(agent)["scribbles"] == ["buy milk"]


def test_a_risky_tool_is_stopped_at_its_first_write_even_if_it_swallows_the_question() -> None:
    agent = _careless_agent()
    [asked] = _replies(agent, "force the door")
    assert asked == "Should I run door force?"
    assert _front_locked(agent)
    assert _replies(agent, "yes") == ["Forced."]
    assert not _front_locked(agent)


@pytest.mark.parametrize("said", ["never mind", "no", "no thanks", "nevermind"])
def test_a_bare_no_with_nothing_asked_is_let_go(registry: Registry, said: str) -> None:
    agent = _agent(registry)
    before = _state(agent)
    assert _replies(agent, said) == ["Okay."]
    assert _untouched(agent, before)
