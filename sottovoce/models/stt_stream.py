"""Transcribing audio of any length as it arrives, in windows whisper can take.

Whisper reads at most 30 seconds at a time. Audio is gathered into windows of
up to `WINDOW_S`, each cut at its quietest moment near the end, so a word is
not split between two windows; memory stays bounded whatever the length.
While a window grows, it can be re-read every `PARTIAL_EVERY_S` to show a
partial transcript.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from sottovoce.models.stt import SAMPLE_RATE, WhisperSTT
from sottovoce.models.vad import SileroVAD

WINDOW_S = 15.0
PARTIAL_EVERY_S = 2.0
_SEARCH_S = 5.0  # where to look for a quiet cut, before the end of the window
_FRAME = SAMPLE_RATE // 20  # 50 ms frames for finding the quietest moment

Partial = Callable[[str], None]


def transcribe_stream(
    stt: WhisperSTT,
    pieces: Iterable[bytes],
    prompt: str | None = None,
    on_partial: Partial | None = None,
    vad: SileroVAD | None = None,
) -> Iterator[str]:
    """The text of each window of 16 kHz mono s16 PCM, as soon as the window is complete.

    With a `vad`, a window without speech is not transcribed at all: whisper
    tends to hear words ("you", "thank you") in silence and noise.
    """

    def read(pcm: bytes) -> str:
        if vad is not None and not vad.speech_spans(pcm):
            return ""
        return stt.transcribe(pcm, prompt).text

    window = b""
    last_partial = 0
    limit = int(WINDOW_S * SAMPLE_RATE) * 2
    for piece in pieces:
        window += piece
        if len(window) >= limit:
            cut = _quiet_cut(window)
            text = read(window[:cut])
            window, last_partial = window[cut:], 0
            if text:
                yield text
        elif (
            on_partial is not None
            and len(window) - last_partial >= PARTIAL_EVERY_S * SAMPLE_RATE * 2
        ):
            last_partial = len(window)
            on_partial(read(window))
    text = read(window) if window else ""
    if text:
        yield text


def _quiet_cut(window: bytes) -> int:
    """A byte offset near the end of the window where the audio is quietest."""
    samples = np.frombuffer(window, dtype="<i2").astype(np.float32)
    start = max(0, len(samples) - int(_SEARCH_S * SAMPLE_RATE))
    tail = samples[start : start + (len(samples) - start) // _FRAME * _FRAME]
    if len(tail) == 0:
        return len(window)
    energy = np.abs(tail.reshape(-1, _FRAME)).mean(axis=1)
    quietest = int(np.argmin(energy))
    return (start + quietest * _FRAME + _FRAME // 2) * 2
