"""Commands as speech recognition mishears them still reach the right tool.

Whisper turns fillers into words ("um could you" -> "I'm kid you"), drops a
final "-ed" ("is the front door lock"), hears "an" as "in" and puts commas
where the speaker paused. The built-in grammar on the default home absorbs
these without a language model.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.agent.normalize import normalize
from sottovoce.agent.prompt import speech_vocabulary
from sottovoce.devices import default_world_path, load_world
from sottovoce.tools import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


def _after(registry: Registry, *lines: str) -> tuple[Agent, list[str]]:
    agent = Agent(registry, load_world(default_world_path()))

    async def run() -> list[str]:
        return [(await agent.handle(line)).reply for line in lines]

    return agent, asyncio.run(run())


def _state(agent: Agent) -> dict[str, Any]:
    return agent.world.snapshot()


def test_misheard_fillers_before_a_command_are_dropped(registry: Registry) -> None:
    agent, _ = _after(registry, "I'm kid you turn on the reading lamp please.")
    assert _state(agent)["devices"]["light.reading_lamp"]["on"] is True


def test_a_misheard_last_word_is_dropped(registry: Registry) -> None:
    agent, _ = _after(registry, "turn on the desk lamp", "and the bedside lamp tube")
    assert _state(agent)["devices"]["light.bedside_lamp"]["on"] is True


def test_junk_that_leaves_no_command_is_still_not_understood(registry: Registry) -> None:
    agent, [reply] = _after(registry, "I'm kid you very much indeed")
    assert "didn't understand" in reply
    assert _state(agent) == _after(registry)[0].world.snapshot()


@pytest.mark.parametrize(
    ("heard", "answer"),
    [("Is the front door lock?", "locked"), ("is the bathroom window close", "closed")],
)
def test_a_dropped_ed_still_asks_the_state(registry: Registry, heard: str, answer: str) -> None:
    _, [reply] = _after(registry, heard)
    assert answer in reply.lower() or "open" in reply.lower()


def test_an_misheard_as_in_is_not_part_of_a_timer_label(registry: Registry) -> None:
    agent, _ = _after(registry, "Set in egg timer for 6 minutes.")
    assert [t["label"] for t in _state(agent)["timers"]] == ["egg"]


def test_a_pause_before_called_does_not_split_the_command(registry: Registry) -> None:
    agent, _ = _after(registry, "Set a timer, call roast for an hour and a half.")
    [timer] = _state(agent)["timers"]
    assert (timer["label"], timer["duration_s"]) == ("roast", 5400)


@pytest.mark.parametrize(
    ("heard", "folded"),
    [
        ("Put eggs, butter, and flour on the list.", "put eggs and butter and flour on the list"),
        ("add apples, pears or plums", "add apples and pears or plums"),
        ("Set a timer, called roast for an hour and a half.", "set a timer called roast for"),
    ],
)
def test_enumeration_commas(heard: str, folded: str) -> None:
    assert normalize(heard).startswith(folded)


def test_speech_vocabulary_keeps_the_important_names_last() -> None:
    world = load_world(default_world_path())
    vocabulary = speech_vocabulary(world)
    names = vocabulary.rstrip(".").split(", ")
    # Whisper keeps the end of a long prompt: rooms and people must be there.
    assert names[-1] == world.areas[0].name
    assert {c.name for c in world.contacts} <= set(names[-30:])
    assert len(vocabulary) <= 800


def test_a_huge_home_stays_within_the_prompt_budget() -> None:
    world = load_world(default_world_path())
    assert len(speech_vocabulary(world, budget_chars=120)) <= 120


@pytest.mark.parametrize("heard", ["Yes.", "no", "go ahead"])
def test_a_yes_or_no_with_nothing_asked_does_nothing(registry: Registry, heard: str) -> None:
    agent, [reply] = _after(registry, heard)
    assert reply == "Okay." if heard == "no" else "nothing waiting" in reply
    assert agent.world.snapshot() == _after(registry)[0].world.snapshot()


@pytest.mark.parametrize(
    "line",
    [
        "text bob I left the kitchen light on",
        "message zed the hallway light is on again",
        "tell gareth to turn off the landing light",
        "call mystery man about the bedside lamp being on",
    ],
)
def test_a_message_to_someone_unknown_is_not_cut_into_a_command(
    registry: Registry, line: str
) -> None:
    """A name nobody knows after "text"/"tell"/"call" is not a misheard start."""
    before = _state(Agent(registry, load_world(default_world_path())))
    agent, [reply] = _after(registry, line)
    assert " is on" not in reply.lower() and " is off" not in reply.lower()
    assert _state(agent)["devices"] == before["devices"]


def test_tell_me_if_still_reaches_the_question(registry: Registry) -> None:
    _, [reply] = _after(registry, "tell me if there are any lights on")
    assert reply.startswith(("Yes", "No"))
