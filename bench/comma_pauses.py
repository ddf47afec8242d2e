"""Benchmark: how much silence the endpointer knows of at a comma's pause, in piper's speech.

A whole command ends the turn once `CUT_AFTER_S` (0.3 s) of silence is known
(voice/hearing.py); a pause inside a sentence must stay below that, or its
end would be cut off ("Yes," and then "please" as a turn of its own). Each
phrase, spoken by the shipped voice (piper draws noise inside its network, so
each draw differs), is endpointed at the streaming path's settings with a
long trailing silence, and the most silence known during each pause inside
it is reported, two ways: frame-scored (as the streaming path does now) and
from the VAD's spans alone (as before 2026-12-05).

    .venv/bin/python bench/comma_pauses.py [--draws 3] [--pace 1.0]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from spoken_cases import piper

from sottovoce.models.vad import SileroVAD
from sottovoce.voice import hearing
from sottovoce.voice.audio import FileSource, MemorySource, read_all
from sottovoce.voice.endpoint import Endpointer, voice_frames

PHRASES = (
    "Yes, please.",
    "Turn on the kitchen light, please.",
    "No, thank you.",
    "Okay, thanks.",
    "Set a timer for ten minutes, please.",
    "Turn off the lights, and lock the front door.",
    "Hmm, turn on the lamp.",
    "Well, what time is it?",
    "Sure, go ahead.",
    "Lights off, please.",
    "Yes, unlock it.",
    "Actually, make it warmer.",
    "Please, turn the fan off.",
)


def pauses(pcm: bytes) -> list[tuple[float, float]]:
    """Per pause inside the speech: the most silence known (frame-scored, from spans alone)."""
    vad = SileroVAD()
    endpointer = Endpointer(
        vad,
        trailing_silence_s=2.0,
        check_every_s=hearing.CHECK_EVERY_S,
        pause_s=hearing.PAUSE_S,
        idle_every_s=hearing.IDLE_EVERY_S,
        frames=voice_frames(vad),
    )
    found: list[tuple[float, float]] = []
    current: list[float] | None = None  # [speech end, scored, spans alone]
    for chunk in MemorySource(pcm):
        if endpointer.feed(chunk) is not None:
            break  # the pause after the last word: not inside the speech
        end = endpointer.last_speech_s
        if endpointer.paused and end is not None:
            spans = max(0.0, endpointer.checked_s - endpointer.onset_s - end)
            if current is None or abs(current[0] - end) > 0.05:
                if current is not None:
                    found.append((current[1], current[2]))
                current = [end, endpointer.scored_silence_s(), spans]
            else:
                current[1] = max(current[1], endpointer.scored_silence_s())
                current[2] = max(current[2], spans)
        elif current is not None:
            found.append((current[1], current[2]))
            current = None
    return found


def main() -> None:
    """Speak each phrase `--draws` times and print the silence known at its pauses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--pace", type=float, help="piper's length scale (1.0: its own pace)")
    args = parser.parse_args()
    speak = piper(None, args.pace)
    worst = (0.0, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.draws):
            for text in PHRASES:
                wav = Path(tmp) / "phrase.wav"
                speak(text, wav)
                found = pauses(bytes(16000) + read_all(FileSource(wav)) + bytes(64000))
                figures = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in found) or "-"
                print(f"{text:48} scored/spans: {figures}", flush=True)
                for scored, spans in found:
                    worst = (max(worst[0], scored), max(worst[1], spans))
    print(f"most silence known in a pause: {worst[0]:.3f} s scored, {worst[1]:.3f} s from spans")
    print(f"a whole command ends after {hearing.CUT_AFTER_S} s")


if __name__ == "__main__":
    main()
