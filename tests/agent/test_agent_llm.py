"""The language-model route of the agent: offered tools, grounding, corrections, outages."""

from __future__ import annotations

import asyncio
import socket

from agent_helpers import make_registry, make_world

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import Call, TurnResult
from sottovoce.agent.grounding import Grounding
from sottovoce.agent.router import CANT_REACH
from sottovoce.models import (
    ChatMessage,
    LLMDecision,
    ModelOutputError,
    TextSink,
    ToolChoice,
    ToolSchema,
)
from sottovoce.models.llm_config import LLMConfig
from sottovoce.models.openai_http import OpenAIHTTPEngine
from sottovoce.testing import ScriptedLLM


def _turns(agent: Agent, *lines: str) -> list[TurnResult]:
    async def run() -> list[TurnResult]:
        return [await agent.handle(line) for line in lines]

    return asyncio.run(run())


def _call(tool: str, **args: object) -> LLMDecision:
    return LLMDecision(calls=(ToolChoice(tool, args),))


def test_only_related_tools_are_offered_with_this_worlds_names() -> None:
    engine = ScriptedLLM()
    agent = Agent(make_registry(), make_world(), engine)
    _turns(agent, "please make the desk lamp glow")
    [(messages, offered)] = engine.requests
    assert "light_on" in offered and len(offered) <= 5
    assert "note_read" not in offered
    assert messages[0].role == "system" and "desk lamp" in messages[0].content


def test_a_grounded_call_is_carried_out_and_counted() -> None:
    engine = ScriptedLLM({"glow": _call("light_on", name="desk lamp")})
    agent = Agent(make_registry(), make_world(), engine)
    [turn] = _turns(agent, "please make the desk lamp glow")
    assert turn.route == "llm" and agent.world.devices["light.desk"].state()["on"]
    assert (turn.model_outputs, turn.model_valid) == (1, 1)


def test_a_call_on_something_the_user_did_not_name_is_not_carried_out() -> None:
    # "attic" is nowhere in this home; the model picked the nearest light it was allowed.
    engine = ScriptedLLM({"attic": _call("light_on", name="desk lamp")})
    agent = Agent(make_registry(), make_world(), engine)
    [turn] = _turns(agent, "please make the attic light glow")
    assert not agent.world.devices["light.desk"].state()["on"]
    assert turn.calls == []


def test_grounding_accepts_aliases_pronouns_and_everywhere() -> None:
    grounding = Grounding(make_world())
    spec = make_registry().get("light_on")
    assert spec is not None
    said = {
        "the book light please": Call("light_on", {"name": "reading lamp"}),
        "turn it on": Call("light_on", {"name": "it"}),
        "all the lights": Call("light_on", {"area": "house"}),
    }
    for text, call in said.items():
        assert grounding.ungrounded(call, spec, text) is None, text
    assert grounding.ungrounded(Call("light_on", {"name": "kitchen light"}), spec, "a light") == (
        "kitchen light"
    )


class _Garbling:
    """An engine that writes garbage first, then a good call."""

    name = "garbling"

    def __init__(self) -> None:
        self.calls = 0

    def decide(
        self,
        messages: list[ChatMessage],
        tools: list[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        self.calls += 1
        if self.calls == 1:
            raise ModelOutputError("the model wrote no JSON: 'blah'")
        assert messages[-1].role == "tool" and "no JSON" in messages[-1].content
        return _call("light_on", name="desk lamp")

    def close(self) -> None:
        """Nothing to free."""


def test_malformed_output_gets_one_correction_turn() -> None:
    agent = Agent(make_registry(), make_world(), _Garbling())
    [turn] = _turns(agent, "please make the desk lamp glow")
    assert agent.world.devices["light.desk"].state()["on"]
    assert (turn.model_outputs, turn.model_valid) == (2, 1)


def test_a_spoken_answer_goes_to_the_sink_once_checked() -> None:
    joke = "Why did the scarecrow win an award?"
    engine = ScriptedLLM({"joke": LLMDecision(text=joke)})
    agent = Agent(make_registry(), make_world(), engine)
    pieces: list[str] = []

    async def run() -> None:
        await agent.router.route("tell me a joke", agent.state, pieces.append)

    asyncio.run(run())
    assert pieces == [joke]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_model_is_said_and_the_grammar_keeps_working() -> None:
    config = LLMConfig(engine="openai", base_url=f"http://127.0.0.1:{_closed_port()}/v1")
    agent = Agent(make_registry(), make_world(), OpenAIHTTPEngine(config))
    first, second = _turns(agent, "please make the desk lamp glow", "turn on the kitchen light")
    assert first.reply == CANT_REACH and any("127.0.0.1" in p for p in first.problems)
    assert second.route == "grammar" and agent.world.devices["light.kitchen"].state()["on"]


class _Broken:
    """An engine with a bug."""

    name = "broken"

    def decide(
        self,
        messages: list[ChatMessage],
        tools: list[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        raise KeyError("choices")

    def close(self) -> None:
        """Nothing to free."""


def test_a_crashing_engine_does_not_end_the_conversation() -> None:
    agent = Agent(make_registry(), make_world(), _Broken())
    first, second = _turns(agent, "please make the desk lamp glow", "turn on the kitchen light")
    assert first.reply == CANT_REACH and any("KeyError" in p for p in first.problems)
    assert second.route == "grammar"


def test_a_name_this_home_lacks_is_reported_without_asking_the_model() -> None:
    engine = ScriptedLLM({"hot tub": _call("light_on", name="desk lamp")})
    agent = Agent(make_registry(), make_world(), engine)
    [turn] = _turns(agent, "turn on the hot tub")
    assert "hot tub" in turn.reply and turn.calls == [] and engine.requests == []
