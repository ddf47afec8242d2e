"""Wake words on real audio with the bundled openWakeWord models."""

from __future__ import annotations

from pathlib import Path

import pytest

from sottovoce.models import EngineUnavailable
from sottovoce.models.wake import WakeWord
from sottovoce.voice.audio import FileSource

pytestmark = pytest.mark.slow

AUDIO = Path(__file__).parent.parent / "data" / "audio"


def _heard(detector: WakeWord, clip: str) -> list[str]:
    silence = bytes(16000)
    found = [w for w in [detector.feed(silence)] if w]
    for chunk in FileSource(AUDIO / clip):
        word = detector.feed(chunk.pcm)
        if word:
            found.append(word)
    word = detector.feed(silence)
    return found + ([word] if word else [])


@pytest.fixture(scope="module")
def detector() -> WakeWord:
    return WakeWord(["hey_jarvis", "alexa"])


def test_each_wake_word_wakes_once(detector: WakeWord) -> None:
    assert _heard(detector, "hey-jarvis-turn-on-the-light.wav") == ["hey_jarvis"]
    assert _heard(detector, "alexa-turn-on-the-light.wav") == ["alexa"]


@pytest.mark.parametrize("clip", ["jfk.wav", "kitchen-light-on.wav", "timer-ten-minutes.wav"])
def test_other_speech_does_not_wake(detector: WakeWord, clip: str) -> None:
    assert _heard(detector, clip) == []


def test_unknown_wake_words_and_thresholds_are_refused() -> None:
    with pytest.raises(EngineUnavailable, match="unknown wake word 'hey_computer'.*okay_nabu"):
        WakeWord(["hey_computer"])
    with pytest.raises(EngineUnavailable, match="threshold"):
        WakeWord(threshold=1.5)
