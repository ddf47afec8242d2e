"""Speech to text with faster-whisper (CTranslate2), on 16 kHz mono 16-bit PCM.

The model directory comes from the catalog (the registry packages hold
faster-whisper's converted models); nothing is downloaded. Recognition can be
biased towards what this installation understands with an initial prompt of
its vocabulary (device names, rooms, contacts).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.models.filecheck import check_whisper_dir
from sottovoce.models.llm import EngineUnavailable
from sottovoce.models.memory import release

SAMPLE_RATE = 16_000
_REQUIRED = ("model.bin", "config.json", "tokenizer.json")
_ONE_WINDOW_S = 30.0  # whisper reads 30 s at a time
_HOP = 160  # samples per feature frame (10 ms)
# A transcript runs to about 4 tokens a second of speech; decoding may go to
# this many a second (and a few more) before it is cut, so a model that loops
# on a phrase stops soon instead of writing 448 tokens.
_TOKENS_PER_S = 12


@dataclass(frozen=True)
class STTConfig:
    """How speech is recognized."""

    language: str = "en"
    beam_size: int = 1  # greedy: on a small CPU a wider beam costs more than it gains
    threads: int = 2
    compute_type: str = "int8"
    # Whisper's encoder always reads a 30 s window, and for a two-second command
    # that is most of the time a transcription takes. A shorter window (the
    # audio and `window_pad_s` of silence, at least `min_window_s`, in whole
    # seconds) costs half of it. In shorter windows whisper repeated a short
    # command ("Pause timer. Pause timer. ...") or misheard it more often
    # (bench/stt_window.py). `window_pad_s` None: always 30 s.
    window_pad_s: float | None = 8.0
    min_window_s: float = 14.0


@dataclass(frozen=True)
class Hypothesis:
    """One reading of the audio, as beam search scored it."""

    text: str
    score: float  # log probability per token (the end token included), as the beam ranks it


@dataclass(frozen=True)
class Hypotheses:
    """The best few readings of a stretch of audio, best first."""

    options: tuple[Hypothesis, ...]
    duration_s: float
    no_speech: bool = False


@dataclass(frozen=True)
class Transcript:
    """What was heard in a stretch of audio."""

    text: str
    duration_s: float
    no_speech: bool = False


class WhisperSTT:
    """A faster-whisper model loaded from a local directory."""

    name = "faster-whisper"

    def __init__(self, model_dir: Path, config: STTConfig | None = None) -> None:
        self.config = config or STTConfig()
        missing = [name for name in _REQUIRED if not (model_dir / name).is_file()]
        if missing:
            raise EngineUnavailable(
                f"{model_dir} is not a faster-whisper model (missing {', '.join(missing)}); "
                "run `sottovoce models verify`"
            )
        check_whisper_dir(model_dir)  # before CTranslate2 sees it
        try:
            from faster_whisper import WhisperModel  # type: ignore[import-untyped]
        except ImportError:
            raise EngineUnavailable("faster-whisper is not installed; run ./setup.sh") from None
        try:
            self.model: Any = WhisperModel(
                str(model_dir),
                device="cpu",
                compute_type=self.config.compute_type,
                cpu_threads=self.config.threads,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            raise EngineUnavailable(
                f"cannot load the speech model in {model_dir}: {first}"
            ) from None
        # CTranslate2 models may be used by one transcription at a time here.
        self._lock = threading.Lock()
        release()  # loading converts the float16 weights to int8: the copies are free now

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The words in `pcm` (16 kHz mono s16); `prompt` biases towards known words."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration = len(samples) / SAMPLE_RATE
        if len(samples) < SAMPLE_RATE // 10:
            return Transcript("", duration, no_speech=True)
        if _window_frames(duration, self.config) is not None:
            with self._lock:
                found = _beam(self.model, samples, prompt, self.config, 1)
            text = found.options[0].text if found.options else ""
            return Transcript(text, duration, no_speech=not text)
        with self._lock:
            segments, _ = self.model.transcribe(
                samples,
                language=self.config.language,
                beam_size=self.config.beam_size,
                initial_prompt=prompt or None,
                condition_on_previous_text=False,
                without_timestamps=True,
                vad_filter=False,
                # No fallback to sampling: on doubtful audio it decodes again at
                # random, so the same words came out differently from run to run
                # (and several decodes cost their time).
                temperature=0.0,
            )
            texts = [s.text for s in segments if s.no_speech_prob < 0.8 or s.avg_logprob > -0.5]
        release()
        text = " ".join(" ".join(texts).split())
        return Transcript(text, duration, no_speech=not text)

    def hypotheses(self, pcm: bytes, prompt: str | None = None, count: int = 5) -> Hypotheses:
        """The `count` best readings of `pcm` (16 kHz mono s16, at most 30 s) by beam search."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration = len(samples) / SAMPLE_RATE
        if len(samples) < SAMPLE_RATE // 10:
            return Hypotheses((), duration, no_speech=True)
        if duration > _ONE_WINDOW_S:  # beyond one window, the plain transcript is all there is
            heard = self.transcribe(pcm, prompt)
            return Hypotheses((Hypothesis(heard.text, 0.0),), duration, heard.no_speech)
        with self._lock:
            return _beam(self.model, samples, prompt, self.config, count)


def _beam(
    model: Any, samples: Any, prompt: str | None, config: STTConfig, count: int
) -> Hypotheses:
    """faster-whisper's decoding of one window, keeping the n-best that it throws away."""
    from faster_whisper.tokenizer import Tokenizer  # type: ignore[import-untyped]
    from faster_whisper.transcribe import get_suppressed_tokens  # type: ignore[import-untyped]

    duration = len(samples) / SAMPLE_RATE
    tokenizer = Tokenizer(
        model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=config.language
    )
    previous = tokenizer.encode(" " + prompt.strip()) if prompt else []
    start = model.get_prompt(tokenizer, previous, without_timestamps=True)
    encoded = model.encode(_features(model, samples, config))
    longest = min(model.max_length, len(start) + int(_TOKENS_PER_S * duration) + 16)
    # Temperature 0 only: faster-whisper's fallback samples at random when a
    # short command scores low, and the choice must be repeatable.
    result = model.model.generate(
        encoded,
        [start],
        beam_size=max(count, config.beam_size),
        num_hypotheses=count,
        max_length=longest,
        return_scores=True,
        return_no_speech_prob=True,
        suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
    )[0]
    pairs = list(zip(result.sequences_ids, result.scores, strict=True))
    options = tuple(Hypothesis(once(tokenizer.decode(i)), float(s)) for i, s in pairs)
    # As `transcribe` does: likely silence whose words are doubtful is no speech
    # (faster-whisper's average counts the end token once more).
    average = pairs[0][1] * len(pairs[0][0]) / (len(pairs[0][0]) + 1) if pairs else 0.0
    silent = result.no_speech_prob >= 0.8 and average <= -0.5
    release()  # the decoding's buffers, which would stay in this thread's heap
    return Hypotheses(() if silent else options, duration, no_speech=silent or not options)


def _window_frames(duration_s: float, config: STTConfig) -> int | None:
    """Feature frames of the short window for `duration_s` of audio; None for a full one."""
    if config.window_pad_s is None:
        return None
    seconds = max(math.ceil(duration_s + config.window_pad_s), math.ceil(config.min_window_s))
    return None if seconds >= _ONE_WINDOW_S else seconds * SAMPLE_RATE // _HOP


def _features(model: Any, samples: Any, config: STTConfig) -> Any:
    """Whisper's log-mel features of `samples` in a window as long as they need."""
    from faster_whisper.audio import pad_or_trim  # type: ignore[import-untyped]

    frames = _window_frames(len(samples) / SAMPLE_RATE, config)
    if frames is None:
        return pad_or_trim(model.feature_extractor(samples))
    # Silence is added to the audio, not to the features: whisper was trained
    # on windows padded with silent samples, and features padded with zeros
    # (faster-whisper's way, harmless in a full window) made it repeat itself.
    padded = np.pad(samples, (0, frames * _HOP - len(samples)))
    return pad_or_trim(model.feature_extractor(padded, padding=0), frames)


def once(text: str) -> str:
    """`text` with a phrase that whisper repeated over and over said once.

    On a short clip whisper may loop: "Pause timer. Pause timer. Pause
    timer. Pause" up to its length limit. A command said twice in a row is
    the same command, so the whole text is cut to the phrase when it is
    nothing but that phrase again and again (the last time possibly cut off).
    """
    said = text.split()
    plain = [w.strip(".,!?;:").lower() for w in said]
    for size in range(1, len(said) // 2 + 1):
        if all(plain[i] == plain[i % size] for i in range(size, len(said))):
            return " ".join(said[:size]).rstrip(",;:")
    return " ".join(said)
