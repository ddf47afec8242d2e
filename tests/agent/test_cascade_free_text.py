"""A free-text slot (list item, note, message, reminder) does not swallow a command after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sottovoce.agent.dialogue import DialogueState
from sottovoce.testing import AgentHarness


@pytest.fixture(scope="module")
def home() -> Iterator[AgentHarness]:
    yield AgentHarness(include_builtins=True)  # the grammar is compiled once for the module


def _calls(h: AgentHarness, said: str) -> list[tuple[str, dict[str, object]]]:
    h.agent.state = DialogueState()  # each sentence on its own, with nothing before it
    return [(c.tool, c.args) for c in h.say(said).calls]


@pytest.mark.parametrize(
    ("said", "item"),
    [
        ("we've run out of coffee, put coffee on the shopping list", "coffee"),
        ("I'm nearly out of shampoo, add shampoo to the shopping list", "shampoo"),
        ("we are running out of bin bags, can you add bin bags to the list", "bin bags"),
    ],
)
def test_a_statement_before_a_command_is_an_aside(home: AgentHarness, said: str, item: str) -> None:
    calls = _calls(home, said)
    assert [(tool, args["items"]) for tool, args in calls] == [("list_add", item)]


@pytest.mark.parametrize(
    ("said", "first", "second"),
    [
        ("add batteries, switch off the desk lamp", "list_add", "light_turn_off"),
        ("add eggs turn on the desk fan", "list_add", "device_turn_on"),
        (
            "jot down that the plumber is coming tuesday, turn on the hallway light",
            "note_add",
            "light_turn_on",
        ),
        ("note the code is 4512, lock the front door", "note_add", "lock_lock"),
        ("add eggs, set a pasta timer for 10 minutes", "list_add", "timer_start"),
    ],
)
def test_a_command_after_a_command_with_free_text_is_done_too(
    home: AgentHarness, said: str, first: str, second: str
) -> None:
    calls = _calls(home, said)
    assert [tool for tool, _ in calls] == [first, second]
    assert all(" turn " not in f" {v} " and "switch" not in str(v) for v in calls[0][1].values())


@pytest.mark.parametrize(
    "said",
    ["add bread, I need it for tomorrow", "add milk, we're out of it"],
)
def test_a_statement_after_the_command_is_an_aside(home: AgentHarness, said: str) -> None:
    calls = _calls(home, said)
    assert len(calls) == 1 and calls[0][0] == "list_add"
    assert calls[0][1]["items"] in {"bread", "milk"}


@pytest.mark.parametrize(
    ("said", "tool", "text"),
    [
        ("add salt and vinegar crisps to the shopping list", "list_add", "salt and vinegar crisps"),
        ("put fish and chips on the list", "list_add", "fish and chips"),
        ("remember that the window cleaner comes at 10", "note_add", "the window cleaner comes at"),
        ("note that the kids should turn off the tv by 8", "note_add", "should turn off the tv"),
        ("make a note that anna wants the lights off", "note_add", "anna wants the lights off"),
        ("tell anna to switch off the porch light", "message_send", "switch off the porch light"),
        ("text ben I left the kitchen light on", "message_send", "i left the kitchen light on"),
        ("remind me at 6 pm to turn off the coffee maker", "reminder_add", "off the coffee maker"),
    ],
)
def test_free_text_that_only_mentions_a_command_stays_whole(
    home: AgentHarness, said: str, tool: str, text: str
) -> None:
    calls = _calls(home, said)
    assert len(calls) == 1 and calls[0][0] == tool
    assert text in " ".join(str(v) for v in calls[0][1].values())


def test_the_command_starts_where_a_command_can_open(home: AgentHarness) -> None:
    """Not at "at 8 set a" (a timer labelled so): "set a timer" is where it opens."""
    calls = _calls(home, "text anna the film starts at 8, set a timer for 10 minutes")
    assert calls == [
        ("message_send", {"contact": "Anna", "text": "the film starts at 8"}),
        ("timer_start", {"seconds": 600}),
    ]
    home.say("no")  # the message waits for a yes


@pytest.mark.parametrize(
    ("said", "tools"),
    [
        # A statement is the reason for the command: only the command is done.
        ("it's freezing, add gloves and a scarf to the shopping list", ["list_add"]),
        ("it's freezing and turn the heating up", ["climate_warmer"]),
        # A request is a command of its own, unless the command says it again.
        ("we need bread, switch off the landing light", ["list_add", "light_turn_off"]),
        ("we need bread, add bread to the shopping list", ["list_add"]),
        # Two statements are two requests; a list stays one.
        ("we are out of milk and we need eggs", ["list_add", "list_add"]),
        ("we are out of milk and eggs", ["list_add"]),
    ],
)
def test_a_statement_is_a_reason_a_request_a_command(
    home: AgentHarness, said: str, tools: list[str]
) -> None:
    assert [tool for tool, _ in _calls(home, said)] == tools
