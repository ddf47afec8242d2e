"""The real default model (SmolLM2-135M) on out-of-domain sentences: the world must not change.

These are from bench/data/ood_dev.yaml; most made the unguarded model act (a
walk started, a list was created, a light brightened). "walk the dog" started a
walk even with the names checked: "walk" was said, though nothing asked for a
walk to start (agent/actionwords.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.agent.grammar import Grammar
from sottovoce.cli.llm import local_model
from sottovoce.devices import default_world_path, load_world
from sottovoce.models.llamacpp import LlamaCppEngine
from sottovoce.models.llm_config import LLMConfig
from sottovoce.tools import Registry

pytestmark = pytest.mark.slow

HARMFUL_BEFORE = [
    "what is the exchange rate between us and mexico",
    "should I buy a new car",
    "what should I cook for dinner",
    "I'm bored",
    "the kitchen light is very old",
    "I bought new curtains for the bedroom",
    "my watch strap broke",
    "translate hello into japanese",
    "the vacuum is getting old",
    "the coffee maker needs descaling soon",
    "what do you think about football",
    "tell me about quantum physics",
    "walk the dog",
]


@pytest.fixture(scope="module")
def engine() -> Iterator[LlamaCppEngine]:
    engine = LlamaCppEngine(local_model(None), LLMConfig(threads=1))
    yield engine
    engine.close()


def test_out_of_domain_sentences_change_nothing(engine: LlamaCppEngine) -> None:
    registry = Registry.builtin()
    grammar = Grammar(registry, load_world(default_world_path(), virtual=True))
    changed = []
    for text in HARMFUL_BEFORE:
        world = load_world(default_world_path(), virtual=True)
        agent = Agent(registry, world, engine, grammar=grammar)
        before = world.snapshot()
        turn = asyncio.run(agent.handle(text))
        if world.snapshot() != before:
            changed.append(f"{text!r}: {turn.calls}")
    assert changed == []
