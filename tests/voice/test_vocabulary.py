"""The vocabulary of every installed plugin: short commands, speech prompt, grammar acceptor."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import Field

from sottovoce.agent.grammar import Grammar
from sottovoce.cli.speech import agent_speech
from sottovoce.devices import World
from sottovoce.models.stt import Hypotheses, Hypothesis
from sottovoce.testing import make_world
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.voice.vocabulary import (
    Vocabulary,
    build_vocabulary,
    grammar_acceptor,
    speech_prompt,
)


def coffee() -> Plugin:
    """An added plugin whose words no world name covers."""
    plugin = Plugin("coffee", "Order coffee.")

    @plugin.tool(
        sentences=["(i would like|can i get) (a|an) {drink} [with {milk}]", "cancel my order"],
        lists={
            "drink": {"values": ["latte", {"in": "iced mocha", "out": "mocha"}]},
            "milk": {"values": ["(skim|skimmed) milk"]},
        },
    )
    def coffee_order(
        ctx: ToolContext,
        drink: Annotated[str, Field(description="the drink")],
        milk: Annotated[str | None, Field(description="the milk")] = None,
    ) -> str:
        """Order a drink."""
        return drink

    return plugin


@pytest.fixture(scope="module")
def registry() -> Registry:
    registry = Registry.builtin()
    registry.add(coffee())
    return registry


@pytest.fixture(scope="module")
def world() -> World:
    return make_world()


@pytest.fixture(scope="module")
def vocabulary(registry: Registry, world: World) -> Vocabulary:
    return build_vocabulary(registry, world)


def test_fixed_commands_of_every_plugin_are_gathered(vocabulary: Vocabulary) -> None:
    for command in ("pause", "resume", "next", "timer status", "pause timer", "cancel the timer"):
        assert command in vocabulary.commands
    for command in ("i would like a latte", "can i get a latte", "cancel my order"):
        assert command in vocabulary.commands
    assert "i would like an iced mocha" not in vocabulary.commands  # six words: not short


def test_templates_with_world_names_numbers_or_free_text_are_not_fixed_commands(
    vocabulary: Vocabulary,
) -> None:
    assert not any("{" in c or "[" in c or "(" in c for c in vocabulary.commands)
    assert "set a timer for" not in vocabulary.commands
    assert all(len(c.split()) <= 5 for c in vocabulary.commands)


def test_commands_come_fewest_words_first(vocabulary: Vocabulary) -> None:
    counts = [len(c.split()) for c in vocabulary.commands]
    assert counts == sorted(counts)


def test_added_plugins_values_are_kept_apart_from_the_built_in_ones(
    vocabulary: Vocabulary,
) -> None:
    assert vocabulary.added_values == ("latte", "iced mocha", "skim milk", "skimmed milk")
    assert "red" in vocabulary.builtin_values
    assert vocabulary.examples[0] in {"can i get a latte", "cancel my order"}


def test_template_words_and_world_names_are_gathered(vocabulary: Vocabulary) -> None:
    assert {"timer", "pause", "like"} <= set(vocabulary.words)
    assert vocabulary.names[0] == "kitchen"  # rooms first
    assert "Anna" in vocabulary.names


def test_the_prompt_reads_like_commands_with_the_short_ones_last(vocabulary: Vocabulary) -> None:
    prompt = speech_prompt(vocabulary)
    assert len(prompt) <= 720
    tail = prompt[-200:]
    for command in ("Pause.", "Resume.", "Next."):
        assert command in tail
    assert "Latte, iced mocha, skim milk, skimmed milk." in prompt
    assert "Pause timer." in prompt
    assert "kitchen," in prompt  # names still bias recognition, further from the speech


def test_a_small_budget_keeps_the_short_commands_and_drops_the_names(
    vocabulary: Vocabulary,
) -> None:
    prompt = speech_prompt(vocabulary, budget_chars=120)
    assert len(prompt) <= 120
    assert "Pause." in prompt
    assert "kitchen" not in prompt


def test_a_registry_without_short_commands_gives_a_prompt_of_names(world: World) -> None:
    assert speech_prompt(build_vocabulary(Registry(), world)).startswith("kitchen, living room,")
    assert speech_prompt(build_vocabulary(Registry())) == ""


def test_the_acceptor_is_the_grammar_s_exact_match_after_normalization(
    registry: Registry, world: World
) -> None:
    accepts = grammar_acceptor(Grammar(registry, world))
    assert accepts("Pause.")
    assert accepts("Timer, status.")
    assert accepts("I'd like a latte.")
    assert accepts("Turn on the kitchen light, please.")
    assert not accepts("Outdoor humidity.")
    assert not accepts("Tell me a joke.")
    assert not accepts("")


class Readings:
    """A recognizer whose best reading is a near miss and whose second is the command."""

    def hypotheses(self, pcm: bytes, prompt: str | None = None, count: int = 5) -> Hypotheses:
        options = (Hypothesis("Renew.", -0.5), Hypothesis("Resume.", -1.2))
        return Hypotheses(options, len(pcm) / 32000)


def test_the_agent_s_speech_path_prefers_what_its_grammar_matches(
    registry: Registry, world: World
) -> None:
    ears, prompt = agent_speech(Readings(), registry, world)
    assert ears.transcribe(bytes(16000)).text == "Resume."
    assert "Latte, iced mocha" in prompt
