"""Free text keeps the user's words: notes, messages, list items and reminders as said."""

from __future__ import annotations

import pytest

from sottovoce.agent.verbatim import as_said
from sottovoce.testing import AgentHarness


@pytest.mark.parametrize(
    ("said", "normalized", "kept"),
    [
        ("running ten minutes late", "running 600 seconds late", "running ten minutes late"),
        ("I'm at the station, love", "i am at the station love", "i'm at the station love"),
        ("two pints of milk", "2 pints of milk", "two pints of milk"),
        ("milk", "milk", "milk"),
        ("an hour and a half", "5400 seconds", "an hour and a half"),
    ],
)
def test_the_words_said_whose_normal_form_is_the_argument(
    said: str, normalized: str, kept: str
) -> None:
    words = tuple(w.strip(",.!?").lower() for w in f"please say {said} now".split())
    assert as_said(normalized, words) == kept


def test_text_the_words_do_not_give_stays_normalized() -> None:
    assert as_said("something else", ("say", "hello")) is None


def test_a_note_a_message_and_a_list_item_keep_the_words_said() -> None:
    h = AgentHarness(include_builtins=True)
    h.say("Note that I owe Tom twenty quid.")
    h.say("Add two pints of milk to the shopping list")
    h.say("text mum running ten minutes late")
    h.say("yes")
    state = h.snapshot()
    assert state["notes"] == ["i owe tom twenty quid"]
    assert "two pints of milk" in state["lists"]["shopping"]
    assert [m["text"] for m in state["messages"]] == ["running ten minutes late"]


def test_a_reminder_said_in_the_first_person_is_told_back_in_the_second() -> None:
    h = AgentHarness(include_builtins=True)
    reply = h.say("remind me that I'm meeting Sam at the station in an hour").reply
    assert reply.startswith("I'll remind you that you're meeting sam at the station in 1 hour")
    assert h.snapshot()["reminders"][0]["text"] == "i'm meeting sam at the station"
