"""Relaxed readings: a question asked about a question ("do you know what time it is")."""

from __future__ import annotations

import pytest

from sottovoce.agent.relaxed import direct_question, relaxed_forms
from sottovoce.testing import AgentHarness


@pytest.mark.parametrize(
    ("said", "direct"),
    [
        ("do you know what time it is", "what time is it"),
        ("tell me if the garage door is open", "is the garage door open"),
        ("do you know if it will rain tomorrow", "will it rain tomorrow"),
        (
            "any idea what the temperature is in the kitchen",
            "what is the temperature in the kitchen",
        ),
        ("tell me which lights are on", "which lights are on"),
        ("i wonder how warm it is outside", "how warm is it outside"),
    ],
)
def test_a_question_about_a_question_is_asked_directly(said: str, direct: str) -> None:
    assert direct_question(said.split()) == direct
    assert direct in relaxed_forms(said)


@pytest.mark.parametrize(
    "said", ["tell me a joke", "turn on the light", "do you know", "tell me if it"]
)
def test_no_direct_question_where_none_was_asked(said: str) -> None:
    assert direct_question(said.split()) is None


def test_the_direct_question_is_answered_and_changes_nothing() -> None:
    h = AgentHarness(include_builtins=True)
    before = h.snapshot()
    assert "front door" in h.say("can you tell me if the front door is locked").reply.lower()
    assert h.snapshot() == before


def test_a_piece_of_only_inner_words_reads_as_it_was() -> None:
    # "the aircon warmer a bit" split at its pieces left "a bit" alone: no crash.
    assert relaxed_forms("a bit") == ["a bit"]
    assert relaxed_forms("a little bit")[0] == "a little bit"
