"""Grammar-aware recognition: of whisper's best few readings, the one the grammar knows.

Whisper decodes a short command with a language model of its own, and the
prompt pulls it further: "pause" came out as a device name, "timer status"
as "time for status". Beam search keeps several readings; when one that the
caller's grammar matches exactly scores close to the best, the audio supports
it as well, and it is taken. Otherwise the best reading stands, so free speech
the grammar does not cover comes through as heard.

The speech layer does not know the grammar: the caller hands in `accepts`, a
function of the heard text (the agent's normalizer and exact grammar match).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sottovoce.models.stt import Hypotheses, Hypothesis, Transcript

Accepts = Callable[[str], bool]

# How far below the best reading (log probability per token) a reading the
# grammar accepts may score and still be taken. Where espeak-ng's "resume" and
# "timer status" were misheard, the command came 0.7 and 0.1 below the best
# (tests/models/test_stt_short_commands.py); free speech is measured in
# bench/short_commands.py.
MARGIN = 1.0
COUNT = 5  # readings kept by beam search (the beam is as wide)


class HypothesisSource(Protocol):
    """A recognizer that returns its best few readings (`WhisperSTT`, or a fake)."""

    def hypotheses(self, pcm: bytes, prompt: str | None = None, count: int = 5) -> Hypotheses:
        """The best `count` readings of `pcm` (16 kHz mono s16), best first."""
        ...


@dataclass(frozen=True)
class Choice:
    """The reading taken, and whether the grammar's preference changed it."""

    text: str
    changed: bool


def choose(options: Sequence[Hypothesis], accepts: Accepts, margin: float = MARGIN) -> Choice:
    """The best reading the grammar accepts if within `margin` of the best; else the best."""
    if not options:
        return Choice("", changed=False)
    best = options[0]
    if accepts(best.text):
        return Choice(best.text, changed=False)
    for option in sorted(options[1:], key=lambda o: -o.score):
        if option.score < best.score - margin:
            break
        if accepts(option.text):
            return Choice(option.text, changed=True)
    return Choice(best.text, changed=False)


class GrammarAwareSTT:
    """A recognizer (a `SpeechToText` for voice/hearing.py) preferring what the grammar matches."""

    def __init__(
        self,
        stt: HypothesisSource,
        accepts: Accepts,
        *,
        margin: float = MARGIN,
        count: int = COUNT,
    ) -> None:
        self.stt = stt
        self.accepts = accepts
        self.margin = margin
        self.count = count
        self.changed = 0  # how many transcripts the grammar's preference changed

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The words in `pcm`: a reading the grammar matches if the audio supports it."""
        found = self.stt.hypotheses(pcm, prompt, self.count)
        choice = choose(found.options, self.accepts, self.margin)
        self.changed += choice.changed
        return Transcript(choice.text, found.duration_s, no_speech=not choice.text)
