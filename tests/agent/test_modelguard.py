"""The model does no harm: a question does not act, tools need their words, replies are vetted."""

from __future__ import annotations

import asyncio

import pytest
from agent_helpers import make_registry, make_world

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import TurnResult
from sottovoce.agent.modelguard import (
    checked_reply,
    help_sentence,
    is_question,
    is_remark,
    said_to_someone,
)
from sottovoce.agent.normalize import normalize
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.testing import AgentHarness, ScriptedLLM
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.tools.api import infer_reads_only

SORRY = "Sorry, I didn't understand"


def _turn(agent: Agent, text: str) -> TurnResult:
    return asyncio.run(agent.handle(text))


def _call(tool: str, **args: object) -> LLMDecision:
    return LLMDecision(calls=(ToolChoice(tool, args),))


def _agent(pattern: str, decision: LLMDecision) -> Agent:
    return Agent(make_registry(), make_world(), ScriptedLLM({pattern: decision}))


def _unchanged(agent: Agent) -> bool:
    return not any(
        agent.world.devices[d].state()["on"]
        for d in ("light.desk", "light.kitchen", "switch.kettle")
    )


@pytest.mark.parametrize(
    "text",
    [
        "what is the exchange rate between us and mexico",
        "do i need a jacket",
        "is the desk lamp glowing",
        "can dogs eat chocolate",
        "can you tell me the time",
        "tell me about the roman empire",
        "i wonder if it will snow",
        "should i buy a new car?",
    ],
)
def test_questions_are_told_apart(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text", ["turn on the desk lamp", "can you turn on the desk lamp", "please start a walk"]
)
def test_requests_are_not_questions(text: str) -> None:
    assert not is_question(text)


def test_remarks_are_told_apart_from_requests() -> None:
    assert is_remark("the kitchen light is very old") and is_remark("i forgot my keys")
    assert not is_remark("the kitchen light on please") and not is_remark("i need milk")


def test_a_question_the_model_answers_with_an_action_changes_nothing() -> None:
    agent = _agent("glowing", _call("light_on", name="desk lamp"))
    turn = _turn(agent, "is the desk lamp glowing")
    assert _unchanged(agent) and turn.calls == []
    assert turn.reply.startswith(SORRY) and any("question" in p for p in turn.problems)


def test_a_question_may_call_a_tool_that_changes_nothing() -> None:
    agent = _agent("note", _call("note_read"))
    turn = _turn(agent, "what does my note say")
    assert [c.tool for c in turn.calls] == ["note_read"]


def test_an_action_whose_words_were_not_said_is_refused() -> None:
    # light_break's sentences speak of breaking; nothing here asks for it.
    agent = _agent("glow", _call("light_break"))
    turn = _turn(agent, "please make the desk lamp glow")
    assert turn.calls == [] and turn.reply.startswith(SORRY)
    assert any("nothing said calls for light_break" in p for p in turn.problems)


def test_an_action_named_by_its_device_is_carried_out() -> None:
    agent = _agent("glow", _call("light_on", name="desk lamp"))
    turn = _turn(agent, "please make the desk lamp glow")
    assert agent.world.devices["light.desk"].state()["on"] and turn.route == "llm"


def test_a_remark_does_not_switch_what_it_mentions() -> None:
    agent = _agent("old", _call("light_on", name="desk lamp"))
    turn = _turn(agent, "the desk lamp is very old")
    assert _unchanged(agent) and turn.calls == []


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("what is the capital of peru", "Service office, service office, service office."),
        ("what is the meaning of life", "Life is life. " * 3),
        ("how old is the universe", " ".join(["The universe is very old and very big"] * 4)),
        ("turn the", "Hello, I'm here to help with your shopping list."),
        ("how do you make pancakes", "I'm making pancakes for the guests."),
        ("what a lovely afternoon", "The kitchen light is on."),
        ("what is the capital of peru", "Bananas are yellow."),
    ],
)
def test_a_looping_long_claiming_or_stray_reply_is_replaced(said: str, reply: str) -> None:
    agent = _agent(".", LLMDecision(text=reply))
    turn = _turn(agent, said)
    assert turn.reply.startswith(SORRY)
    assert any("the reply" in p for p in turn.problems)


def test_a_short_reply_on_topic_is_said() -> None:
    agent = _agent("capital", LLMDecision(text="The capital of Peru is Lima. It is big. Ok"))
    assert (
        _turn(agent, "what is the capital of peru").reply
        == "The capital of Peru is Lima. It is big."
    )


def test_a_greeting_may_be_answered_in_other_words() -> None:
    reply, why = checked_reply("Hello! What can I do for you?", "hi there", set())
    assert reply == "Hello! What can I do for you?", why


demo = Plugin("garden", "Water the garden beds, and say how wet they are.")


@demo.tool(sentences=["water the {bed}"], lists={"bed": {"values": ["roses", "herbs"]}})
def garden_water(ctx: ToolContext, bed: str) -> str:
    """Water a garden bed."""
    return "Watering."


@demo.tool(sentences=["how wet are the {bed}"], lists={"bed": {"values": ["roses", "herbs"]}})
def garden_moisture(ctx: ToolContext, bed: str) -> str:
    """Say how wet a garden bed is."""
    return "Damp."


def test_help_is_built_from_the_plugins_descriptions() -> None:
    sentence = help_sentence(Registry([demo]))
    assert sentence == "Sorry, I didn't understand. You can ask me to water the garden beds."


def test_reading_tools_are_inferred_and_marked() -> None:
    assert [s.reads_only for s in demo.tools] == [False, True]
    assert infer_reads_only("get_forecast", "") and not infer_reads_only("list_add", "Add items.")
    builtin = {s.name: s.reads_only for s in Registry.builtin()}
    assert builtin["lock_status"] and builtin["weather_get"] and builtin["list_read"]
    assert not builtin["workout_start"] and not builtin["scene_activate"]


def test_a_new_list_is_named_in_the_users_words_only() -> None:
    from sottovoce.agent.calls import Call as ToolCall
    from sottovoce.agent.grounding import Grounding
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True)
    grounding = Grounding(h.world)
    create, add = h.registry.get("list_create"), h.registry.get("list_add")
    assert create is not None and add is not None
    invented = ToolCall("list_create", {"list_name": "new_episode.txt"})
    assert grounding.ungrounded(invented, create, "download the new episode") == "new_episode.txt"
    named = ToolCall("list_create", {"list_name": "packing"})
    assert grounding.ungrounded(named, create, "make me a packing list") is None
    held = ToolCall("list_add", {"items": "milk", "list_name": "shopping"})
    assert grounding.ungrounded(held, add, "we need milk") is None  # a list that exists
    # Free text the user said nothing of (ood4, with the default model) is no item.
    made_up = ToolCall("list_add", {"items": "note_delete_all", "list_name": "shopping"})
    said = "actually forget it i will do it myself"
    assert grounding.ungrounded(made_up, add, said) == "note_delete_all"


def test_a_note_is_mostly_the_users_words() -> None:
    from sottovoce.agent.calls import Call as ToolCall
    from sottovoce.agent.grounding import Grounding
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True)
    grounding = Grounding(h.world)
    note = h.registry.get("note_add")
    assert note is not None
    # SLURP's "i want to take a trip to switzerland ..." with the default model: a note of
    # the model's own sentence, which shared one word with what was said.
    said = "i want to take a trip to switzerland for free can you take me there"
    written = "switzerland is a beautiful country with many amazing things to see and do"
    assert grounding.ungrounded(ToolCall("note_add", {"text": written}), note, said) == written
    kept = ToolCall("note_add", {"text": "the key is under the mat"})
    assert grounding.ungrounded(kept, note, "take a note that the key is under the mat") is None


def test_a_model_may_not_pick_a_fixed_choice_nobody_said() -> None:
    from sottovoce.agent.calls import Call as ToolCall
    from sottovoce.agent.grounding import Grounding
    from sottovoce.testing import AgentHarness

    h = AgentHarness(include_builtins=True)
    grounding = Grounding(h.world)
    start = h.registry.get("workout_start")
    assert start is not None
    walk = ToolCall("workout_start", {"kind": "walk"})
    assert grounding.ungrounded(walk, start, "record a video of the garden") == "walk"
    jog = ToolCall("workout_start", {"kind": "run"})
    assert grounding.ungrounded(jog, start, "i'm off for a jog") is None  # a word of "run"


@pytest.mark.parametrize(
    "text",
    [
        "Ben switched off the desk lamp before he went out",
        "radio paradise played that same track twice",
        "the kettle ran twice this morning",
        "if I had the money I'd put a lamp in every room",
        "once the kids are asleep I'll probably dim the living room a bit",
    ],
)
def test_stories_and_suppositions_are_remarks(text: str) -> None:
    assert is_remark(normalize(text), frozenset({"turn", "switch", "put"}))


def test_a_command_that_opens_with_its_verb_is_no_story() -> None:
    assert not is_remark("turn on the heated blanket", frozenset({"turn"}))
    assert not is_remark("switch off the landing light", frozenset({"switch"}))


def test_a_device_named_in_full_that_the_tool_cannot_act_on_is_refused() -> None:
    # The model reads "the kitchen light" as a reason to boil the kettle.
    agent = _agent("kitchen light", _call("switch_on"))
    turn = _turn(agent, "could you turn on the kitchen light thing by the kettle")
    assert turn.calls == [] and _unchanged(agent)
    assert any("does not act on" in p for p in turn.problems)


@pytest.mark.parametrize(
    "text",
    [
        "maybe we should get a second robot vacuum for upstairs",
        "one day we should put a dimmer on the hallway light",
        "we might turn the heating up later",
    ],
)
def test_musings_and_plans_are_remarks(text: str) -> None:
    assert is_remark(text)


def test_a_question_about_the_assistant_hearing_is_a_question() -> None:
    assert is_question("can you hear me okay")
    assert is_question(normalize("can you hear me okay"))  # "can you" is dropped first
    assert not is_question("can you turn the hall light on")


@pytest.mark.parametrize(
    ("text", "to_someone"),
    [
        ("kids go brush your teeth and turn the bathroom light off after", True),
        ("mia it's bedtime go and turn your nightlight on", True),
        ("turn your volume down", False),
        ("turn the bathroom light off", False),
    ],
)
def test_words_said_to_people_in_the_room(text: str, to_someone: bool) -> None:
    assert said_to_someone(text) is to_someone


@pytest.mark.parametrize(
    "text", ["maybe we should get some milk", "one day we should get a new shopping trolley"]
)
def test_a_musing_changes_nothing_though_the_grammar_reads_it(text: str) -> None:
    h = AgentHarness(include_builtins=True, world={"name": "Flat", "lists": {"shopping": []}})
    before = h.snapshot()
    h.say(text)
    assert h.snapshot() == before


@pytest.mark.parametrize(
    "said", ["actually forget it I'll do it myself", "never mind", "oh forget about it"]
)
def test_a_dismissal_reaches_no_model(said: str) -> None:
    # With the default model, "actually forget it I'll do it myself" called note_delete_all.
    agent = _agent("forget|mind", _call("light_turn_on", name="desk"))
    turn = _turn(agent, said)
    assert turn.calls == [] and turn.reply == "Okay."
    assert _unchanged(agent)
