"""What "it" means: the device an aside is about, else the kind last acted on, else the music."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sottovoce.agent.calls import TurnResult
from sottovoce.agent.dialogue import DialogueState
from sottovoce.testing import AgentHarness


@pytest.fixture(scope="module")
def home() -> Iterator[AgentHarness]:
    yield AgentHarness(include_builtins=True)  # the grammar is compiled once for the module


def _talk(h: AgentHarness, *lines: str) -> TurnResult:
    """Say the lines as one conversation, from a fresh start; the last turn's result."""
    h.agent.state = DialogueState()
    results = [h.say(line) for line in lines]
    return results[-1]


@pytest.mark.parametrize(
    ("said", "tool", "device"),
    [
        ("the bedside lamp is too dim, could you make it brighter", "light_brighter", "bedside"),
        ("the reading lamp's much too bright, dim it", "light_dimmer", "reading"),
        ("the desk lamp looks a bit dim, turn it up", "light_brighter", "desk"),
        ("the kitchen radio is far too loud, turn it down", "media_volume_step", "radio"),
        ("the garage door was open all night, close it", "cover_close", "garage"),
        ("bedroom curtains are open, shut them", "cover_close", "curtains"),
    ],
)
def test_it_is_the_device_an_aside_is_about(
    home: AgentHarness, said: str, tool: str, device: str
) -> None:
    result = _talk(home, said)
    assert [c.tool for c in result.calls] == [tool]
    assert device in str(result.calls[0].args["name"])


def test_an_aside_about_a_device_beats_what_was_acted_on_before(home: AgentHarness) -> None:
    result = _talk(home, "turn on the hallway light", "the landing light is dim, brighten it")
    assert result.calls[0].args["name"] == "light.landing"


@pytest.mark.parametrize(
    "said",
    [
        "the bedside lamp is lovely",
        "the bedside lamp is on",
        "the radio was great",
        "the kitchen radio is on, is it too loud",  # a question, not "too loud"
        "the desk fan is noisy, I hate it",
        "the front door is stuck, open it",  # a lock does not open like a cover
    ],
)
def test_a_remark_about_a_device_alone_does_nothing(home: AgentHarness, said: str) -> None:
    before = home.snapshot()
    assert _talk(home, said).calls == []
    assert home.snapshot() == before


@pytest.mark.parametrize(
    ("before", "said", "tool"),
    [
        ("turn on the kitchen light", "turn it up", "light_brighter"),
        ("dim the desk lamp", "crank it up", "light_brighter"),
        ("turn on the reading lamp", "turn it down", "light_dimmer"),
        ("switch on the bedroom light", "turn it down by 30 percent", "light_dimmer"),
    ],
)
def test_turn_it_up_after_a_light_is_that_light(
    home: AgentHarness, before: str, said: str, tool: str
) -> None:
    result = _talk(home, before, said)
    assert [c.tool for c in result.calls] == [tool]
    assert result.calls[0].args["name"] == "it"


def test_turn_it_up_after_a_light_turned_off_by_it_is_still_the_light(home: AgentHarness) -> None:
    result = _talk(home, "turn on the kitchen light", "turn it off", "turn it on", "turn it up")
    assert [c.tool for c in result.calls] == ["light_brighter"]


@pytest.mark.parametrize(
    "before",
    [
        (),  # nothing acted on
        ("play some music",),
        ("set a timer for 10 minutes",),
        ("turn on the kitchen light", "play some music"),  # the music came last
    ],
)
@pytest.mark.parametrize("said", ["turn it up", "turn it down"])
def test_turn_it_up_otherwise_is_the_volume(
    home: AgentHarness, before: tuple[str, ...], said: str
) -> None:
    result = _talk(home, *before, said)
    assert [c.tool for c in result.calls] == ["media_volume_step"]
