"""A language model's free-text reply is made fit to be said."""

from sottovoce.agent.router import spoken_reply


def test_a_looping_reply_is_said_once() -> None:
    looped = "The door is locked. The door is locked. The door is locked. The"
    assert spoken_reply(looped) == "The door is locked. The"


def test_a_long_reply_is_cut_to_two_sentences() -> None:
    assert (
        spoken_reply("It is sunny. Enjoy your day! Anything else?")
        == "It is sunny. Enjoy your day!"
    )


def test_a_short_reply_is_unchanged() -> None:
    assert spoken_reply("Sure, done.") == "Sure, done."
