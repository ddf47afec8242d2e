"""Wake words with openWakeWord's bundled models (pyopen-wakeword, TFLite, offline).

Audio (16 kHz mono s16) is fed in small pieces, as it arrives; `feed` returns
the name of a wake word as soon as its probability passes the threshold. The
original `openwakeword` package downloads its models at run time, which is
why this one is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sottovoce.models.llm import EngineUnavailable

WAKE_WORDS = ("okay_nabu", "hey_jarvis", "alexa", "hey_mycroft", "hey_rhasspy")
_PIECE_BYTES = 2560  # 80 ms: openWakeWord's own step; larger pieces overflow its buffer


class WakeWord:
    """Listens for one or more of the bundled wake words."""

    name = "openwakeword"

    def __init__(self, words: Sequence[str] = ("hey_jarvis",), threshold: float = 0.5) -> None:
        unknown = [w for w in words if w not in WAKE_WORDS]
        if unknown or not words:
            raise EngineUnavailable(
                f"unknown wake word {unknown[0] if unknown else ''!r}; "
                f"choose from {', '.join(WAKE_WORDS)}"
            )
        if not 0.0 < threshold < 1.0:
            raise EngineUnavailable("the wake word threshold must be between 0 and 1")
        try:
            from pyopen_wakeword import Model, OpenWakeWord, OpenWakeWordFeatures
        except (ImportError, OSError) as exc:
            raise EngineUnavailable(
                f"pyopen-wakeword cannot be loaded ({exc}); run ./setup.sh"
            ) from None
        self.threshold = threshold
        self.words = tuple(words)
        self._features: Any = OpenWakeWordFeatures.from_builtin()
        self._models: dict[str, Any] = {w: OpenWakeWord.from_builtin(Model(w)) for w in words}

    def feed(self, pcm: bytes) -> str | None:
        """The wake word heard in this piece of audio, if any."""
        heard = None
        for start in range(0, len(pcm), _PIECE_BYTES):
            for features in self._features.process_streaming(pcm[start : start + _PIECE_BYTES]):
                for word, model in self._models.items():
                    if any(p >= self.threshold for p in model.process_streaming(features)):
                        heard = heard or word
        if heard is not None:
            self.reset()  # one utterance of the word wakes once
        return heard

    def reset(self) -> None:
        """Forget the audio so far."""
        self._features.reset()
        for model in self._models.values():
            model.reset()
