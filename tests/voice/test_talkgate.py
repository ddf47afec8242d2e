"""Always listening, wake word and push to talk, without models."""

from __future__ import annotations

import pytest

from sottovoce.voice.audio import AudioChunk
from sottovoce.voice.talkgate import TalkGate, without_wake_words


def _chunk(index: int, pcm: bytes = b"\0\0" * 480) -> AudioChunk:
    return AudioChunk(pcm, index * 0.03)


class FakeWake:
    """Hears the wake word in any chunk whose audio is b'WAKE...'."""

    def __init__(self) -> None:
        self.fed = 0

    def feed(self, pcm: bytes) -> str | None:
        self.fed += 1
        return "hey_jarvis" if pcm.startswith(b"WAKE") else None


def test_always_lets_everything_through() -> None:
    gate = TalkGate("always")
    assert all(gate.admit(_chunk(i)) == [_chunk(i)] for i in range(5))
    gate.utterance_done()
    assert gate.is_open


LOUD = b"\x00\x10" * 480  # a steady level of 4096


def test_push_to_talk_listens_from_the_press_to_the_end_of_one_utterance() -> None:
    gate = TalkGate("push")
    assert gate.admit(_chunk(0)) == []
    gate.press()
    assert gate.admit(_chunk(1)) == [_chunk(0), _chunk(1)]  # with the moments before the press
    gate.utterance_done()
    assert gate.admit(_chunk(2)) == [] and not gate.is_open
    gate.press()
    gate.release()
    assert gate.admit(_chunk(3)) == []


def test_a_press_brings_the_last_three_tenths_of_a_second_before_it() -> None:
    gate = TalkGate("push")
    assert [gate.admit(_chunk(i)) for i in range(15)] == [[]] * 15
    gate.press()
    assert gate.admit(_chunk(15)) == [_chunk(i) for i in range(5, 16)]
    assert gate.admit(_chunk(16)) == [_chunk(16)]


def test_a_press_after_a_gap_in_the_stream_brings_nothing_from_before_it() -> None:
    gate = TalkGate("push")
    gate.admit(_chunk(0))
    gate.press()
    assert gate.admit(_chunk(40)) == [_chunk(40)]


def test_the_wake_word_opens_the_gate_with_what_followed_its_pause() -> None:
    wake = FakeWake()
    gate = TalkGate("wake", wake)
    said = [_chunk(i, LOUD) for i in range(10, 17)] + [_chunk(17)]  # the wake word, a pause
    said += [_chunk(18, LOUD), _chunk(19, LOUD)]  # the command begins...
    assert [gate.admit(chunk) for chunk in said] == [[]] * len(said)
    woke = gate.admit(_chunk(20, b"WAKE" + LOUD[4:]))  # ...as the word is spotted
    assert gate.woken_by == "hey_jarvis" and gate.is_open
    assert [c.start_s for c in woke] == pytest.approx([0.51, 0.54, 0.57, 0.6])  # from the pause
    # Open, the wake word spotter is not consulted.
    fed = wake.fed
    assert gate.admit(_chunk(21)) == [_chunk(21)] and wake.fed == fed
    gate.utterance_done()
    assert gate.admit(_chunk(22)) == []


def test_without_a_pause_after_the_wake_word_nothing_before_it_is_replayed() -> None:
    gate = TalkGate("wake", FakeWake())
    for i in range(20):
        gate.admit(_chunk(i, LOUD))  # the wake word running straight into the command
    assert gate.admit(_chunk(20, b"WAKE" + LOUD[4:])) == []
    assert gate.is_open


def test_a_press_does_not_open_a_wake_word_gate() -> None:
    gate = TalkGate("wake", FakeWake())
    gate.press()
    assert not gate.is_open


def test_a_wake_gate_needs_a_detector() -> None:
    with pytest.raises(ValueError, match="needs a wake word"):
        TalkGate("wake")


def test_after_a_reply_a_wake_gate_listens_for_a_follow_up_without_the_word() -> None:
    gate = TalkGate("wake", FakeWake())
    gate.follow_up()
    assert gate.is_open and gate.admit(_chunk(1)) == [_chunk(1)]
    gate.end_follow_up()  # the window ran out with nothing said
    assert not gate.is_open and gate.admit(_chunk(2)) == []


def test_a_wake_word_said_in_the_follow_up_window_keeps_the_gate_open_past_it() -> None:
    # "Hey Jarvis, set a timer ..." begun as the window runs out: the window's
    # end must not cut the command off.
    gate = TalkGate("wake", FakeWake())
    gate.follow_up()
    gate.admit(_chunk(1, b"WAKE" + LOUD[4:]))
    gate.end_follow_up()
    assert gate.is_open and gate.admit(_chunk(2)) == [_chunk(2)]
    gate.utterance_done()
    assert not gate.is_open


def test_a_window_that_a_wake_word_opened_is_not_closed_by_a_follow_up_ending() -> None:
    gate = TalkGate("wake", FakeWake())
    assert gate.admit(_chunk(1, b"WAKE" + LOUD[4:])) == [] and gate.is_open
    gate.end_follow_up()
    assert gate.is_open


def test_the_wake_word_is_taken_off_the_front_of_what_was_heard() -> None:
    words = ("hey_jarvis",)
    assert without_wake_words("Hey Jarvis, set a timer.", words) == "set a timer."
    assert without_wake_words("A Jarvis. What time is it?", words) == "What time is it?"
    assert without_wake_words("Hey, what time is it?", words) == "Hey, what time is it?"
    assert without_wake_words("Alexa, stop.", ("alexa",)) == "stop."
    assert without_wake_words("Alexa.", ("alexa",)) == "Alexa."
