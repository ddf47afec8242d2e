"""The agent end to end on the test plugin: routing, context, confirmations, safety."""

from __future__ import annotations

import asyncio

from agent_helpers import make_registry, make_world

from sottovoce.agent.agent import Agent
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.testing import ScriptedLLM


def _agent(engine: ScriptedLLM | None = None) -> Agent:
    return Agent(make_registry(), make_world(), engine)


def _say(agent: Agent, *lines: str) -> list[str]:
    async def run() -> list[str]:
        return [(await agent.handle(line)).reply for line in lines]

    return asyncio.run(run())


def _on(agent: Agent, device: str) -> bool:
    return bool(agent.world.devices[device].state()["on"])


def test_grammar_command_acts_and_replies_from_the_result() -> None:
    agent = _agent()
    [reply] = _say(agent, "Turn on the kitchen light, please.")
    assert _on(agent, "light.kitchen")
    assert reply == "The kitchen light is on."


def test_no_name_means_where_the_user_is() -> None:
    agent = _agent()
    _say(agent, "turn on the lights")
    assert _on(agent, "light.kitchen") and not _on(agent, "light.desk")


def test_floor_addresses_every_area_on_it() -> None:
    agent = _agent()
    _say(agent, "turn on the lights in the upstairs")
    assert _on(agent, "light.desk") and _on(agent, "light.reading_lamp")
    assert not _on(agent, "light.kitchen")


def test_pronoun_refers_to_the_last_device() -> None:
    agent = _agent()
    replies = _say(agent, "turn on the desk lamp", "set it to half", "switch it back off")
    state = agent.world.devices["light.desk"].state()
    assert state["brightness"] == 50 and state["on"] is False
    assert "50" in replies[1]


def test_near_miss_name_is_fuzzy_matched() -> None:
    agent = _agent()
    _say(agent, "turn on the reading lamb")
    assert _on(agent, "light.reading_lamp")


def test_unknown_name_is_reported_and_changes_nothing() -> None:
    agent = _agent()
    before = agent.world.snapshot()
    [reply] = _say(agent, "turn on the hot tub")
    assert "hot tub" in reply
    assert agent.world.snapshot() == before


def test_two_commands_joined_by_and_both_run() -> None:
    agent = _agent()
    _say(agent, "turn on the desk lamp and turn on the kettle")
    assert _on(agent, "light.desk") and _on(agent, "switch.kettle")


def test_elliptical_second_command_reuses_the_verb_across_kinds() -> None:
    agent = _agent()
    _say(agent, "turn on the desk lamp and the kettle")
    assert _on(agent, "light.desk") and _on(agent, "switch.kettle")


def test_follow_up_reaims_the_last_call() -> None:
    agent = _agent()
    _say(agent, "turn on the lights in the bedroom", "and in the study?")
    assert _on(agent, "light.reading_lamp") and _on(agent, "light.desk")


def test_negation_and_mere_mentions_change_nothing() -> None:
    agent = _agent()
    before = agent.world.snapshot()
    replies = _say(agent, "don't turn on the kitchen light", "these lamps are ugly")
    assert agent.world.snapshot() == before
    assert "won't" in replies[0]
    assert "didn't understand" in replies[1]


def test_risky_tool_asks_then_acts_on_yes() -> None:
    agent = _agent()
    replies = _say(agent, "unlock the front door")
    assert replies == ["Unlock the front door?"]
    assert agent.world.devices["lock.front_door"].state()["locked"] is True
    _say(agent, "sure")
    assert agent.world.devices["lock.front_door"].state()["locked"] is False


def test_no_drops_the_risky_call() -> None:
    agent = _agent()
    _say(agent, "unlock the front door", "no", "yes")
    assert agent.world.devices["lock.front_door"].state()["locked"] is True


def test_another_request_drops_the_confirmation_and_is_handled() -> None:
    agent = _agent()
    _say(agent, "unlock the front door", "turn on the kettle", "yes")
    assert agent.world.devices["lock.front_door"].state()["locked"] is True
    assert _on(agent, "switch.kettle")


def test_confirm_tool_that_forgets_to_ask_is_stopped() -> None:
    agent = _agent()
    [reply] = _say(agent, "open sesame")
    assert reply.endswith("?")
    assert agent.world.devices["lock.front_door"].state()["locked"] is True


def test_faulty_tool_is_rolled_back_and_the_agent_goes_on() -> None:
    agent = _agent()
    [reply, after] = _say(agent, "break the kitchen light", "turn on the desk lamp")
    assert "went wrong" in reply
    assert not _on(agent, "light.kitchen")
    assert after == "The desk lamp is on."


def test_hanging_tool_times_out_and_is_rolled_back() -> None:
    agent = _agent()
    [reply] = _say(agent, "hang")
    assert "too long" in reply
    assert not _on(agent, "light.kitchen")


def test_tool_touching_an_undeclared_kind_is_refused() -> None:
    agent = _agent()
    [reply] = _say(agent, "sneak the kettle on")
    assert "not allowed" in reply
    assert not _on(agent, "switch.kettle")


def test_user_facing_error_is_spoken() -> None:
    agent = _agent()
    assert _say(agent, "read my note") == ["You have no notes."]


def test_without_an_engine_unknown_words_are_not_understood() -> None:
    agent = _agent()
    [reply] = _say(agent, "make the house cosy")
    assert "didn't understand" in reply


def test_language_model_route_with_one_correction() -> None:
    engine = ScriptedLLM({"cosy": LLMDecision(calls=(ToolChoice("light_dim", {"percent": 300}),))})
    agent = _agent(engine)
    [reply] = _say(agent, "make the house cosy")
    assert len(engine.requests) == 2  # the invalid call got one correction turn
    assert "couldn't" in reply


def test_language_model_route_runs_a_valid_call() -> None:
    call = ToolChoice("light_on", {"name": "desk lamp"})
    engine = ScriptedLLM({"cosy": LLMDecision(calls=(call,))})
    agent = _agent(engine)
    _say(agent, "power up the desk lamp, make it cosy")
    assert _on(agent, "light.desk")


def test_route_is_recorded() -> None:
    agent = _agent()

    async def run() -> list[str]:
        return [(await agent.handle(t)).route for t in ("turn on the kettle", "blah blah")]

    assert asyncio.run(run()) == ["grammar", "none"]
