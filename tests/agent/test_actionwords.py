"""A model's call that changes something needs a word asking for its action, not its argument's."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from sottovoce.agent.actionwords import action_words, said_actions, with_synonyms
from sottovoce.agent.agent import Agent
from sottovoce.agent.grounding import Grounding
from sottovoce.devices import World, default_world_path, load_world
from sottovoce.models import LLMDecision, ToolChoice
from sottovoce.testing import ScriptedLLM
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.tools.api import ToolSpec


@cache
def _registry() -> Registry:
    return Registry.builtin()


@cache
def _grounding() -> Grounding:
    return Grounding(_world())


def _world() -> World:
    return load_world(default_world_path(), virtual=True)


def _spec(name: str) -> ToolSpec:
    spec = _registry().get(name)
    assert spec is not None
    return spec


def test_a_tools_own_values_are_not_its_action() -> None:
    start = action_words(_spec("workout_start"))
    assert {"start", "track", "record"} <= start and not {"walk", "run", "ride"} & start
    opening = action_words(_spec("cover_open"))
    assert {"open", "raise"} <= opening and "water" not in opening


def test_a_word_after_a_determiner_names_a_thing() -> None:
    # "(stop|end) [my|the] (workout|run|ride|walk)": the walk is what is stopped.
    stop = action_words(_spec("workout_stop"))
    assert {"stop", "finish"} <= stop and not {"walk", "workout"} & stop


def test_a_word_that_takes_an_object_stays_a_verb() -> None:
    # "give {contact} a call" makes "call" a thing, "call {contact}" a verb again.
    assert "call" in action_words(_spec("call_place"))


demo = Plugin("garden", "Water the garden beds.")


@demo.tool(
    sentences=["water the {bed}", "give the {bed} a drink"], lists={"bed": {"values": ["roses"]}}
)
def garden_water(ctx: ToolContext, bed: str) -> str:
    """Water a garden bed."""
    return "Watering."


def test_a_plugins_templates_give_its_action_words() -> None:
    assert action_words(demo.tools[0]) == {"water", "give"}


def test_a_tool_without_sentences_is_known_by_its_name_and_description() -> None:
    spec = demo.tools[0]
    bare = ToolSpec(
        name="issue_create",
        plugin="tracker",
        description="Create an issue.",
        function=spec.function,
        args_model=spec.args_model,
    )
    assert {"create", "issue"} <= action_words(bare)


def test_said_words_count_in_their_other_forms_and_idioms() -> None:
    assert {"open", "stop"} <= said_actions("I want the blinds opened and the music stopped")
    assert "unlock" in said_actions("could you let me in")
    assert "unlock" not in said_actions("let me know in ten minutes")
    assert "unlock" in said_actions("please let my friend in through the front door")
    assert "turn" in said_actions("kitchen lights on please")
    assert "turn" in said_actions("the fan off in the bedroom")
    assert "turn" not in said_actions("walk the dog on sunday")
    assert "skip" in said_actions("go back to the last song")
    assert "switch" in with_synonyms({"turn"}) and "glow" in with_synonyms({"turn"})


@pytest.mark.parametrize(
    ("tool", "text"),
    [
        ("workout_start", "walk the dog"),
        ("workout_stop", "walk the dog"),
        ("cover_open", "water the plants"),
        ("device_turn_on", "feed the cat"),
        ("list_create", "download the new episode"),
    ],
)
def test_an_arguments_word_does_not_ask_for_the_action(tool: str, text: str) -> None:
    why = _grounding().refused(_spec(tool), text)
    assert why is not None and "asks for what it does" in why


@pytest.mark.parametrize(
    ("tool", "text"),
    [
        ("cover_open", "could you get the bedroom blinds to open a bit"),
        ("cover_set_position", "could you get the bedroom blinds to open a bit"),
        ("cover_set_position", "I'd like the bedroom blinds lifted a little"),
        ("light_turn_on", "please make the bedside lamp glow"),
        ("workout_start", "start tracking my walk with the dog"),
        ("call_place", "give mum a ring"),
        ("light_turn_on", "bedside lamp on in the bedroom please"),
        ("media_skip", "next song please"),
        ("cover_status", "the bedroom blinds, how are they"),  # reads only: no action needed
    ],
)
def test_commands_the_grammar_missed_still_work(tool: str, text: str) -> None:
    assert _grounding().refused(_spec(tool), text) is None


def test_the_model_walking_the_dog_changes_nothing() -> None:
    choice = ToolChoice("workout_start", {"kind": "walk"})
    world = _world()
    agent = Agent(_registry(), world, ScriptedLLM({"dog": LLMDecision(calls=(choice,))}))
    before = world.snapshot()
    turn = asyncio.run(agent.handle("walk the dog"))
    assert world.snapshot() == before and turn.calls == []
    assert any("asks for what it does" in p for p in turn.problems)
