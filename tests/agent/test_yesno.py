"""Yes or no said first to a question about one state (agent/yesno.py)."""

from __future__ import annotations

import pytest

from sottovoce.agent.yesno import yes_or_no
from sottovoce.testing import AgentHarness


@pytest.mark.parametrize(
    ("question", "reply", "answer"),
    [
        ("is the front door locked", "The door is unlocked.", "No, the door is unlocked."),
        ("is the garage door open", "The garage door is closed.", "No, the garage door is closed."),
        ("is the gate shut", "The gate is closed.", "Yes, the gate is closed."),
        ("are the lights on upstairs", "The landing light and the lamp are all on.",
         "Yes, the landing light and the lamp are all on."),
        ("is eli's fan still on", "Eli's fan is on at 66 percent.",
         "Yes, Eli's fan is on at 66 percent."),
        ("is the radio playing", "The radio is paused on Morning Jazz.",
         "No, the radio is paused on Morning Jazz."),
        # Said as a statement, read as a question.
        ("the garage door is closed right", "The garage door is closed.",
         "Yes, the garage door is closed."),
        ("did i leave the back door unlocked", "The back door is locked.",
         "No, the back door is locked."),
        ("have we left the bathroom window open", "The bathroom window is closed.",
         "No, the bathroom window is closed."),
    ],
)  # fmt: skip
def test_the_answer_comes_first(question: str, reply: str, answer: str) -> None:
    assert yes_or_no(question, reply) == answer


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("are the lights on", "The lamp is on; the strip is off."),  # both ways
        ("is the tv on", "The TV is paused on the news."),  # a paused TV is still on
        ("what is the temperature", "It is 21 degrees."),  # no yes/no question
        ("is it raining", "Yes, the forecast for today is rain."),  # said already
        ("is the heating at 20", "The thermostat is set to 21 degrees."),  # no state asked
        ("tell me if the door is open", "The door is closed."),  # not read as one
    ],
)
def test_no_answer_is_put_first_when_the_reply_does_not_settle_it(
    question: str, reply: str
) -> None:
    assert yes_or_no(question, reply) == reply


@pytest.mark.parametrize(
    "said", ["and the porch light", "what about the porch light", "how about the porch light"]
)
def test_a_follow_on_is_answered_as_the_question_was(said: str) -> None:
    h = AgentHarness(world=_porch_world(), include_builtins=True)
    assert h.say("is the kitchen light on?").reply.startswith("No, ")
    assert h.say(said).reply.startswith("Yes, the porch light is on")


def test_a_follow_on_after_no_yes_or_no_question_gets_none() -> None:
    h = AgentHarness(world=_porch_world(), include_builtins=True)
    h.say("turn on the kitchen light")
    assert h.say("and the porch light").reply == "The porch light is on."


def _porch_world() -> dict[str, object]:
    light = {"kind": "light", "state": {"on": False}}
    return {
        "clock": "2026-01-12T07:15:00",
        "areas": ["kitchen", "porch"],
        "devices": [
            {**light, "id": "light.kitchen", "name": "kitchen light", "area": "kitchen"},
            {"id": "light.porch", "kind": "light", "name": "porch light", "area": "porch",
             "state": {"on": True}},
        ],
    }  # fmt: skip
