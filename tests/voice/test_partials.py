"""LocalAgreement-2: words are committed once two hypotheses in a row agree on them."""

from __future__ import annotations

from sottovoce.voice.partials import LocalAgreement, Partial


def test_the_first_hypothesis_is_all_tentative() -> None:
    assert LocalAgreement().update("turn on the") == Partial("", "turn on the")


def test_the_common_prefix_of_two_hypotheses_is_committed() -> None:
    policy = LocalAgreement()
    policy.update("turn on the kitch")
    partial = policy.update("turn on the kitchen light")
    assert partial == Partial("turn on the", "kitchen light")
    assert partial.text == "turn on the kitchen light"


def test_agreement_ignores_case_and_punctuation() -> None:
    policy = LocalAgreement()
    policy.update("Turn on the kitchen.")
    partial = policy.update("turn on, the kitchen light")
    # The newest spelling of each agreed word is kept.
    assert partial.committed == "turn on, the kitchen"
    assert partial.tentative == "light"


def test_committed_words_are_never_retracted() -> None:
    policy = LocalAgreement()
    policy.update("turn on the kitchen")
    policy.update("turn on the kitchen light")
    partial = policy.update("turn off the kitchen light please")
    assert partial.committed == "turn on the kitchen"
    assert partial.tentative == "light please"
    # Later agreement extends what was committed; it does not rewrite it.
    partial = policy.update("turn off the kitchen light please now")
    assert partial.committed == "turn on the kitchen light please"
    assert partial.tentative == "now"


def test_hypotheses_that_disagree_commit_nothing_new() -> None:
    policy = LocalAgreement()
    policy.update("set a")
    assert policy.update("set a timer") == Partial("set a", "timer")
    assert policy.update("set the time") == Partial("set a", "time")


def test_reset_starts_a_new_utterance() -> None:
    policy = LocalAgreement()
    policy.update("front left")
    policy.update("front left")
    policy.reset()
    assert policy.update("rear right") == Partial("", "rear right")


def test_empty_hypotheses_are_harmless() -> None:
    policy = LocalAgreement()
    assert policy.update("") == Partial("", "")
    assert policy.update("") == Partial("", "")
    assert policy.update("hello") == Partial("", "hello")
    assert Partial("", "").text == ""
