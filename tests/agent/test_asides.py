"""Word tests for where a command starts: asides, device subjects, bound words."""

from __future__ import annotations

import pytest

from sottovoce.agent.asides import (
    device_subject,
    is_aside,
    is_statement,
    may_start_command,
    opens_remark,
)

NAMES = {"bedside lamp": "light.bedside", "radio": "media_player.radio", "tv": "media_player.tv"}


@pytest.mark.parametrize(
    "words",
    ["we are out of butter", "it is freezing in here", "i am off out", "i need milk"],
)
def test_a_short_clause_with_its_subject_is_an_aside(words: str) -> None:
    assert is_aside(words.split())


@pytest.mark.parametrize(
    "words",
    ["add butter", "turn off the light", "it", "we are out of butter and eggs and tea and jam"],
)
def test_a_command_a_lone_word_or_a_long_clause_is_no_aside(words: str) -> None:
    assert not is_aside(words.split())


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("add eggs", "turn off the light"),
        ("we are out of butter", "add butter to the list"),
        ("jot down that the plumber comes tuesday", "switch on the hall light"),
    ],
)
def test_a_new_command_may_start_after_a_whole_phrase(head: str, tail: str) -> None:
    assert may_start_command(head.split(), tail.split())


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("tell anna to", "turn off the lights"),  # an infinitive
        ("text bob i left", "the lights on"),  # the object of "left"
        ("text bob i left the", "lights on"),
        ("note that the kids should", "stop the music"),  # a modal
        ("text anna can you", "turn the oven on"),  # a subject
        ("remind me to check whether", "the door is locked"),
    ],
)
def test_words_bound_to_what_came_before_start_no_command(head: str, tail: str) -> None:
    assert not may_start_command(head.split(), tail.split())


@pytest.mark.parametrize(
    ("said", "device", "rest"),
    [
        ("the bedside lamp's a bit dim can you make it brighter", "light.bedside", 3),
        ("the bedside lamp is too dim make it brighter", "light.bedside", 4),
        ("my radio sounds awful turn it off", "media_player.radio", 3),
        ("tv is far too loud", "media_player.tv", 2),
    ],
)
def test_an_aside_about_a_device_names_it(said: str, device: str, rest: int) -> None:
    assert device_subject(said.split(), NAMES) == (device, rest)


@pytest.mark.parametrize(
    "said",
    [
        "turn on the bedside lamp",  # a command, not an aside
        "the kitchen is cold turn it up",  # a room, not a device
        "the bedside lamp",  # no verb
        "the reading lamp is too dim",  # no such device
    ],
)
def test_no_device_aside(said: str) -> None:
    assert device_subject(said.split(), NAMES) is None


@pytest.mark.parametrize(
    ("words", "states"),
    [
        ("it is freezing", True),
        ("we are out of butter", True),
        ("i am off out", True),
        ("we need bread", False),  # asks for something
        ("i want the lights on", False),
        ("turn the heating up", False),  # no aside at all
    ],
)
def test_a_statement_says_how_things_are(words: str, states: bool) -> None:
    assert is_statement(words.split()) is states


@pytest.mark.parametrize(
    ("said", "remark"),
    [
        ("thursday so i have time for the meeting", False),  # "so i": a reason follows
        ("the sun so glaring", True),
        ("daddy coming back", True),
    ],
)
def test_a_remark_without_is_but_not_a_word_before_a_reason(said: str, remark: bool) -> None:
    assert opens_remark(said.split(), 0) is remark
