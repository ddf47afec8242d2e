"""Typed slips mended against the commands' words (agent/typos.py), tried last by the router."""

from __future__ import annotations

import pytest

from sottovoce.agent.calls import Call
from sottovoce.agent.typos import Typos, as_typed, with_article
from sottovoce.testing import AgentHarness

_TYPOS = Typos(
    ["remind", "alarm", "add", "shopping", "list", "turn", "tune", "power", "calendar", "move"],
    ["kitchen", "light", "washing"],
)


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        ("remnd me", "remind me"),  # a letter missing
        ("set an alrm", "set an alarm"),
        ("ad eggs", "add eggs"),  # a doubled letter typed once
        ("my shoping list", "my shopping list"),
        ("my shoppinglist", "my shopping list"),  # run together
        ("my calender", "my calendar"),  # a wrong letter
        ("tunr it", "turn it"),  # two letters swapped
        ("tumr it", "tumr it"),  # one slip from "turn" and from "tune": no guess
        ("i love it", "i love it"),  # a wrong letter in a short word: no guess ("move")
        ("the kitchen light", "the kitchen light"),  # known words stay
        ("at 7:30", "at 7:30"),
    ],
)
def test_slips_are_mended_only_when_one_word_fits(typed: str, mended: str) -> None:
    assert _TYPOS.mend(typed)[0] == mended


def test_the_users_own_words_come_back_in_free_text() -> None:
    text, typed = _TYPOS.mend("add washing powder")
    assert text == "add washing power"
    calls = as_typed([Call("list_add", {"items": "washing power", "n": 2})], typed)
    assert calls == [Call("list_add", {"items": "washing powder", "n": 2})]


@pytest.mark.parametrize(
    ("said", "tool"),
    [
        ("remnd me in 15 minutes to turn the oven off", "reminder_add"),
        ("set an alrm for 7 am tomorrow", "alarm_set"),
        ("ad washing powder to my shoping list", "list_add"),
        ("whats on my shoppinglist", "list_read"),
    ],
)
def test_the_agent_understands_typed_slips(said: str, tool: str) -> None:
    result = AgentHarness(include_builtins=True).say(said)
    assert [call.tool for call in result.calls] == [tool]


def test_words_that_are_no_slip_of_a_command_change_nothing() -> None:
    h = AgentHarness(include_builtins=True)
    before = h.snapshot()
    remarks = ("i timed my run this morning", "bake a cake", "what is the capitol of france")
    for said in (*remarks, "i love the kitchen light"):
        assert h.say(said).calls == []
    assert h.snapshot() == before


@pytest.mark.parametrize(
    ("said", "articled"),
    [
        ("cancel alarm", ["cancel the alarm"]),
        ("turn on big light", ["turn on the big light"]),
        ("turn on the light", []),
        ("cancel my alarm", []),
        ("lights", []),
    ],
)
def test_the_article_a_command_left_out(said: str, articled: list[str]) -> None:
    assert with_article(said) == articled


def test_a_command_without_its_article_is_understood() -> None:
    h = AgentHarness(include_builtins=True)
    h.say("set an alarm for 7 am")
    assert h.say("delete alarm").calls[0].tool == "alarm_cancel"
    assert h.snapshot()["reminders"] == []


def test_the_article_put_in_is_never_what_a_slot_holds() -> None:
    h = AgentHarness(include_builtins=True)
    assert h.say("please put to my calendar daily standup to ten am").calls == []
    assert h.snapshot()["reminders"] == []
