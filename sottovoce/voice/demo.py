"""`sottovoce demo`: a scripted spoken conversation with the simulated home, no hardware needed.

A synthetic user speaks each line of the script with a piper voice into a
simulated room; the real pipeline (VAD, streaming STT, router, tools, TTS)
hears it, acts on the default world and answers. The user waits for each
answer before the next line, as a person would, except once on purpose: one
line sets a short timer, and the next is said over its announcement, as
people do; the agent must stop talking and hear that line from its first word.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from sottovoce.voice.audio import AudioChunk, resample_s16, write_wav
from sottovoce.voice.audio.acoustics import RoomShape, impulse_response
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.voiceloop import Voice, VoiceLoop

DEMO_SCRIPT = (
    "Turn on the kitchen lights.",
    "What's the temperature in the bedroom?",
    "Please add coffee to the shopping list.",
    "Set a timer for 15 seconds.",
    "Please unlock the front door.",
    "Yes, please.",
    "What's on the shopping list?",
)
SAID_OVER_THE_AGENT = frozenset({"Please unlock the front door."})  # over the announcement
QUIET_S = 0.8  # the user waits this long after the agent is done before speaking again
OVER_AFTER_S = 0.5  # into the announcement, the user starts talking over it
MAX_S = 300.0  # of conversation: a stuck pipeline must still end


def demo_room() -> SimulatedRoom:
    """A furnished living room; the device's speaker is loud in its own microphone, as they are."""
    return SimulatedRoom(
        echo_gain=0.6,
        echo_delay_s=0.04,  # the sound card's output buffer
        response=impulse_response(RoomShape()),
        distortion=0.2,
        noise_rms=30.0,
    )


@dataclass(frozen=True)
class Line:
    """One line the user says: its words and its audio at the voice's rate."""

    text: str
    pcm: bytes
    rate: int
    over_agent: bool = False  # said over the next announcement rather than after the reply


def speak_lines(voice: Voice, script: tuple[str, ...] = DEMO_SCRIPT) -> list[Line]:
    """The script, spoken."""
    lines = []
    for text in script:
        audio = voice.speak(text)
        lines.append(Line(text, audio.pcm, audio.sample_rate, text in SAID_OVER_THE_AGENT))
    return lines


@dataclass
class ScriptedUser:
    """Says its lines into a room one by one, each after the agent has finished answering."""

    room: SimulatedRoom
    loop: VoiceLoop
    lines: list[Line]
    finished: Callable[[], bool] = lambda: True  # more to wait for once all is said
    said: list[tuple[float, Line]] = field(default_factory=list)

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        """What the room's microphone hears, until the conversation is over."""
        quiet_since: float | None = None
        pending = list(self.lines)
        while self.room.now_s < MAX_S:
            now = self.room.now_s
            if pending and pending[0].over_agent:
                if self._announcing():
                    self._say(pending.pop(0), now)
            elif self.loop.idle and now >= self.room.speaking_until_s:
                quiet_since = now if quiet_since is None else quiet_since
                if now - quiet_since >= QUIET_S:
                    if pending:
                        self._say(pending.pop(0), now)
                        quiet_since = None
                    elif self.finished():
                        return
            else:
                quiet_since = None
            yield self.room.next_chunk()

    def _announcing(self) -> bool:
        """An announcement has been playing long enough to be talked over."""
        playing = self.loop.playback.current
        return bool(playing and playing.announcement and playing.played_s >= OVER_AFTER_S)

    def _say(self, line: Line, now: float) -> None:
        self.room.say(resample_s16(line.pcm, line.rate))
        self.said.append((now, line))


def write_conversation(
    directory: Path, said: list[tuple[float, Line]], replies: list[tuple[float, bytes]], rate: int
) -> list[Path]:
    """Each utterance as NN-user.wav / NN-agent.wav, numbered in the order they were spoken."""
    directory.mkdir(parents=True, exist_ok=True)
    parts: list[tuple[float, str, bytes, int]] = [
        (at, "user", line.pcm, line.rate) for at, line in said
    ]
    parts += [(at, "agent", pcm, rate) for at, pcm in replies if pcm]
    paths = []
    for number, (_, who, pcm, part_rate) in enumerate(sorted(parts, key=lambda p: p[0]), 1):
        path = directory / f"{number:02d}-{who}.wav"
        write_wav(path, pcm, part_rate)
        paths.append(path)
    return paths
