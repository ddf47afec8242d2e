"""What the agent is saying, laid out on the input's timeline.

The voice loop advances playback by the length of each input chunk: the
sentence audio for that stretch goes to the speaker (or an output file), and
the same audio at 16 kHz goes to the echo canceller as its reference, so the
loop always knows exactly what was played when. Stopping (barge-in) drops
everything queued at once.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from sottovoce.voice.audio import RATE, resample_s16


@dataclass
class Sentence:
    """One stretch of reply audio waiting or playing."""

    text: str
    pcm: bytes  # at the output rate
    ref: bytes  # the same at 16 kHz
    announcement: bool = False
    played_s: float = 0.0
    started: bool = False

    @property
    def duration_s(self) -> float:
        """Its length in seconds."""
        return len(self.ref) / 2 / RATE


@dataclass(frozen=True)
class Played:
    """The audio of one input-chunk-long window of playback."""

    start_s: float
    pcm: bytes  # output rate, silence where nothing played
    ref: bytes  # 16 kHz
    started: tuple[Sentence, ...]  # sentences that began in this window

    @property
    def audible(self) -> bool:
        """Whether anything played in this window."""
        return any(self.ref)


class Playback:
    """A queue of sentences played out window by window."""

    def __init__(self, out_rate: int) -> None:
        self.out_rate = out_rate
        self.now_s = 0.0
        self._queue: deque[Sentence] = deque()

    @property
    def busy(self) -> bool:
        """Something is playing or waiting to play."""
        return bool(self._queue)

    @property
    def current(self) -> Sentence | None:
        """The sentence playing now (or next to play)."""
        return self._queue[0] if self._queue else None

    def enqueue(self, text: str, pcm: bytes, rate: int, *, announcement: bool = False) -> Sentence:
        """Queue a sentence; announcements go right after the sentence playing now."""
        out = resample_s16(pcm, rate, self.out_rate)
        sentence = Sentence(text, out, resample_s16(pcm, rate, RATE), announcement)
        if announcement and self._queue and self._queue[0].started:
            self._queue.insert(1 + self._announcements_queued(), sentence)
        else:
            self._queue.append(sentence)
        return sentence

    def _announcements_queued(self) -> int:
        count = 0
        for sentence in list(self._queue)[1:]:
            if not sentence.announcement:
                break
            count += 1
        return count

    def stop(self) -> list[Sentence]:
        """Stop now (barge-in); returns what was playing or queued."""
        dropped = list(self._queue)
        self._queue.clear()
        return dropped

    def advance(self, seconds: float) -> Played:
        """Play the next `seconds`; the audio of that window."""
        start, end = self.now_s, self.now_s + seconds
        out_total = _count(end, self.out_rate) - _count(start, self.out_rate)
        ref_total = _count(end, RATE) - _count(start, RATE)
        out, ref, started = bytearray(), bytearray(), []
        left = seconds
        while self._queue and left > 1e-9:
            sentence = self._queue[0]
            if not sentence.started:
                sentence.started = True
                started.append(sentence)
            take = min(left, sentence.duration_s - sentence.played_s)
            out += _slice(sentence.pcm, self.out_rate, sentence.played_s, take)
            ref += _slice(sentence.ref, RATE, sentence.played_s, take)
            sentence.played_s += take
            left -= take
            if sentence.duration_s - sentence.played_s <= 1e-9:
                self._queue.popleft()
        self.now_s = end
        pcm, ref_pcm = _fit(bytes(out), out_total), _fit(bytes(ref), ref_total)
        return Played(start, pcm, ref_pcm, tuple(started))


def _count(seconds: float, rate: int) -> int:
    return round(seconds * rate)


def _slice(pcm: bytes, rate: int, from_s: float, length_s: float) -> bytes:
    first = _count(from_s, rate)
    return pcm[2 * first : 2 * (first + _count(length_s, rate))]


def _fit(pcm: bytes, samples: int) -> bytes:
    """Exactly `samples` samples: padded with silence or trimmed by rounding's sample."""
    size = 2 * samples
    return pcm[:size] + bytes(max(0, size - len(pcm)))
