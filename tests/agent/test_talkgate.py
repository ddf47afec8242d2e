"""Always listening, wake word and push to talk, without models."""

from __future__ import annotations

import pytest

from sottovoce.agent.talkgate import REPLAY_CHUNKS, TalkGate
from sottovoce.devices.audio import AudioChunk


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


def test_push_to_talk_listens_from_the_press_to_the_end_of_one_utterance() -> None:
    gate = TalkGate("push")
    assert gate.admit(_chunk(0)) == []
    gate.press()
    assert gate.admit(_chunk(1)) == [_chunk(1)]
    gate.utterance_done()
    assert gate.admit(_chunk(2)) == [] and not gate.is_open
    gate.press()
    gate.release()
    assert gate.admit(_chunk(3)) == []


def test_the_wake_word_opens_the_gate_with_the_moments_before_it() -> None:
    wake = FakeWake()
    gate = TalkGate("wake", wake)
    quiet = [gate.admit(_chunk(i)) for i in range(20)]
    assert quiet == [[]] * 20
    woke = gate.admit(_chunk(20, b"WAKE" + b"\0" * 956))
    assert gate.woken_by == "hey_jarvis" and gate.is_open
    assert len(woke) == REPLAY_CHUNKS and woke[-1].start_s == pytest.approx(0.6)
    # Open, the wake word spotter is not consulted.
    fed = wake.fed
    assert gate.admit(_chunk(21)) == [_chunk(21)] and wake.fed == fed
    gate.utterance_done()
    assert gate.admit(_chunk(22)) == []


def test_a_press_does_not_open_a_wake_word_gate() -> None:
    gate = TalkGate("wake", FakeWake())
    gate.press()
    assert not gate.is_open


def test_a_wake_gate_needs_a_detector() -> None:
    with pytest.raises(ValueError, match="needs a wake word"):
        TalkGate("wake")
