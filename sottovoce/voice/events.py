"""The typed events the voice loop reports, one per thing that happened in a conversation.

Stream times (`at_s`) are seconds of input audio since the loop started: the
same timeline as the input file, or the microphone's since it opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sottovoce.agent.calls import TurnResult

# The microphone source's own events, re-exported: they are part of `Event` below.
from sottovoce.voice.audio.microphone import MicrophoneBack as MicrophoneBack
from sottovoce.voice.audio.microphone import MicrophoneLost as MicrophoneLost


@dataclass(frozen=True)
class Woke:
    """The wake word was heard (or the talk button pressed)."""

    at_s: float
    word: str


@dataclass(frozen=True)
class PartialHeard:
    """Words recognized so far in the utterance in progress."""

    text: str


@dataclass(frozen=True)
class UserSaid:
    """The final transcript of one utterance."""

    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Ignored:
    """An utterance the agent did not act on, and why (its own voice, nothing heard)."""

    text: str
    reason: str


@dataclass(frozen=True)
class TurnDone:
    """The agent acted on an utterance and has its reply."""

    result: TurnResult


@dataclass(frozen=True)
class Speaking:
    """A sentence starts playing."""

    at_s: float
    text: str
    announcement: bool = False


@dataclass(frozen=True)
class Interrupted:
    """The user spoke over the agent: playback stopped."""

    at_s: float  # when playback stopped
    speech_at_s: float  # where the user's voice began, as the detector placed it


@dataclass(frozen=True)
class Problem:
    """Something failed; the loop keeps going."""

    text: str


@dataclass
class TurnTrace:
    """When each stage of one turn finished, in seconds after the end of speech."""

    heard: str
    speech_end_s: float  # stream time
    stage_s: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        """One line for `--trace`."""
        stages = " ".join(f"{name}={value * 1000:.0f}ms" for name, value in self.stage_s.items())
        return f"trace: speech_end@{self.speech_end_s:.2f}s {stages}"


Event = (
    Woke
    | PartialHeard
    | UserSaid
    | Ignored
    | TurnDone
    | Speaking
    | Interrupted
    | Problem
    | TurnTrace
    | MicrophoneLost
    | MicrophoneBack
)
