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
    ],
)
def test_an_order_opened_by_when(text: str) -> None:
    assert for_later(text)


@pytest.mark.parametrize(
    "text",
    [
        "at the moment turn on the kitchen light",  # no time said
        "tomorrow is it going to rain",  # no order
        "turn on the lamp at 7:00",  # the order first: not this reading
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
