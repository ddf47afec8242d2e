"""Where the voice loop's played audio goes: a WAV timeline, the speaker, a recording of replies.

Each takes the loop's windows of playback (`Played`) and hands them to a
device sink from `voice/audio`.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from sottovoce.voice.audio import AudioError, SpeakerSink, WavFileSink
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.playback import Played


class TimelineFile:
    """Writes every window, silence included, so the file lines up with the input."""

    def __init__(self, path: Path, rate: int) -> None:
        self._sink = WavFileSink(path, rate)

    def write(self, played: Played) -> None:
        """The window, as played."""
        self._sink.write(played.pcm)

    def stop(self) -> None:
        """Nothing is buffered: the timeline already shows where playback stopped."""

    def close(self) -> None:
        """Finish the file and put it in place."""
        self._sink.close()

    def discard(self) -> None:
        """The run failed: leave no half-made file (and any old one as it was)."""
        self._sink.discard()


class SpeakerOut:
    """Plays through the speaker from a worker thread, so the loop never waits on the device."""

    def __init__(self, sink: SpeakerSink) -> None:
        self._sink = sink
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self.failure: AudioError | None = None
        self._thread = threading.Thread(target=self._play, name="speaker", daemon=True)
        self._thread.start()

    def write(self, played: Played) -> None:
        """Queue the window if anything plays in it."""
        if played.audible:
            self._queue.put(played.pcm)

    def stop(self) -> None:
        """Barge-in: drop what is queued and what the device still holds."""
        while not self._queue.empty():
            self._queue.get_nowait()
        self._sink.stop()
        self._sink.resume()

    def close(self) -> None:
        """Let the last reply finish, then release the device."""
        self._queue.put(None)
        self._thread.join()
        self._sink.close()

    def _play(self) -> None:
        while (pcm := self._queue.get()) is not None:
            try:
                self._sink.write(pcm)
            except AudioError as exc:  # reported by the caller; keep draining
                self.failure = exc


class RoomOut:
    """Plays into a simulated room and records each reply (pauses under half a second kept)."""

    def __init__(self, room: SimulatedRoom, rate: int) -> None:
        self.room = room
        self.rate = rate
        self.replies: list[tuple[float, bytes]] = []  # (stream time it began, audio)
        self._current: bytearray | None = None
        self._quiet = b""

    def write(self, played: Played) -> None:
        """The window enters the room; what the agent says is kept."""
        self.room.play(played.ref)
        if played.audible:
            if self._current is None:
                self._current = bytearray()
                self.replies.append((played.start_s, b""))
            self._current += self._quiet + played.pcm
            self._quiet = b""
            self.replies[-1] = (self.replies[-1][0], bytes(self._current))
        elif self._current is not None:
            self._quiet += played.pcm
            if len(self._quiet) > self.rate:  # half a second of s16
                self.stop()

    def stop(self) -> None:
        """The reply ends here (barge-in, or a long pause)."""
        self._current, self._quiet = None, b""
