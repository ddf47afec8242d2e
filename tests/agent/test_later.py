"""An order for later (agent/later.py): said so, never done now, never left to a model."""

from __future__ import annotations

import pytest

from sottovoce.agent.later import LATER_REPLY, for_later
from sottovoce.testing import AgentHarness


@pytest.mark.parametrize(
    "text",
    [
        "at 13:00 today start the robot vacuum cleaner",
        "by 10:50 am daily start my vacuum cleaner",
        "every morning at 7:00 turn on the coffee machine",
        "tomorrow at 8:00 open the blinds",
        # Or closed by it: "start coffee at six am", "... should start ... everyday".
        "turn on the lamp at 7:00",
        "start coffee at 06:00",
        "turn off the lights tonight",
        "my vacuum cleaner should start between 10 to 11:00 am everyday",
    ],
)
def test_an_order_opened_or_closed_by_when(text: str) -> None:
    assert for_later(text)


@pytest.mark.parametrize(
    "text",
    [
        "at the moment turn on the kitchen light",  # no time said
        "tomorrow is it going to rain",  # no order
        "i will leave at 7:00",  # no order
        "call now, lines are open until 00:00",  # no time to act
        "set your alarms because the all blacks kick off at 07:30 tomorrow",  # a reason's time
        "send anna word that dinner is at 8:00",  # the message's time
        "text ben i will be home at 18:00",
        "at 7:00",
        "",
    ],
)
def test_not_an_order_for_later(text: str) -> None:
    assert not for_later(text)


def test_said_so_and_nothing_done() -> None:
    world = {
        "areas": ["hall"],
        "devices": [{"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum",
                     "area": "hall", "state": {"status": "docked"}}],
    }  # fmt: skip
    h = AgentHarness(include_builtins=True, world=world)
    assert h.say("at one pm today start the robot vacuum cleaner").reply == LATER_REPLY
    assert h.snapshot()["devices"]["vacuum.robot"]["status"] == "docked"
    assert "remind you" in h.say("at one pm remind me to start the vacuum").reply
