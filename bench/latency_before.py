"""The paths of `bench/voice_latency.py` as they were before: endpointing, recognizer, voice.

- `stream_before`: the streaming path with the endpointing of before
  2026-12-05 18:00 UTC (silence known only from the VAD's spans, every word
  that may promise more waiting for it, 0.3 s of silence after a whole command);
- `stream_old`: the streaming path with the voice as at b91767b (2026-12-05
  20:50 UTC): piper's session with onnxruntime's default threads (pinned to
  the cores, spinning between operators).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sottovoce.models.tts import PiperTTS
from sottovoce.voice import hearing
from sottovoce.voice.audio import MemorySource
from sottovoce.voice.endpoint import SpeechFinder, quick_vad
from sottovoce.voice.hearing import PAUSE_S, Heard, Hearing

BEFORE = "stream_before"
OLD = "stream_old"


class _Unscored:
    """A VAD whose frames the endpointer cannot score (it is not Silero's own)."""

    def __init__(self, vad: SpeechFinder) -> None:
        self.vad = vad
        self.config = getattr(vad, "config", None)  # its minimum speech, for the endpointer

    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        """The wrapped VAD's spans."""
        return self.vad.speech_spans(pcm)


def hear_as_before(ears: Hearing, pcm: bytes, complete: Callable[[str], bool]) -> Heard:
    """The streaming path with the endpointing of before 2026-12-05 18:00 UTC."""
    particles, cut_after = hearing._PARTICLES, hearing.CUT_AFTER_S
    hearing._PARTICLES = frozenset()  # every word that may promise more waits for it
    hearing.CUT_AFTER_S = 0.3
    try:
        return ears.hear(MemorySource(pcm), realtime=True, complete=complete)
    finally:
        hearing._PARTICLES, hearing.CUT_AFTER_S = particles, cut_after


def unscored(ears: Hearing) -> Hearing:
    """The same recognizer and VAD, with silence known only from the VAD's spans."""
    return Hearing(ears.stt, _Unscored(quick_vad(ears.vad, PAUSE_S)), ears.prompt)


def old_voice(path: Path) -> PiperTTS:
    """The voice with the session options of before: onnxruntime's default threads."""
    import json

    import onnxruntime  # type: ignore[import-untyped]
    from piper import PiperVoice
    from piper.config import PiperConfig

    from sottovoce.models.tts import _shared_arena, _Shrinking

    voice = PiperTTS(path)
    options = onnxruntime.SessionOptions()
    options.enable_mem_pattern = False
    shrinks = _shared_arena(onnxruntime)
    if shrinks:
        options.add_session_config_entry("session.use_env_allocators", "1")
    config_path = path.with_name(path.name + ".json")
    with config_path.open(encoding="utf-8") as file:
        config = PiperConfig.from_dict(json.load(file))
    session: Any = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    if shrinks:
        session = _Shrinking(session, onnxruntime)
    voice._voice = PiperVoice(session=session, config=config)
    return voice
