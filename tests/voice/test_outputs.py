"""Where played audio goes: a WAV timeline, a room recording, the speaker's worker thread."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.outputs import RoomOut, SpeakerOut, TimelineFile
from sottovoce.voice.playback import Playback

TONE = (b"\x00\x10\x00\xf0") * 4000  # 0.5 s at 16 kHz, loud


def _play(playback: Playback, seconds: float, *outs: object) -> None:
    for _ in range(round(seconds / 0.03)):
        played = playback.advance(0.03)
        for out in outs:
            out.write(played)  # type: ignore[attr-defined]


def test_the_timeline_file_lines_up_with_the_input(tmp_path: Path) -> None:
    playback = Playback(22050)
    out = TimelineFile(tmp_path / "out.wav", 22050)
    _play(playback, 0.6, out)
    playback.enqueue("Hello.", TONE, 16000)
    _play(playback, 1.2, out)
    out.close()
    with wave.open(str(tmp_path / "out.wav")) as w:
        assert w.getframerate() == 22050
        assert abs(w.getnframes() / 22050 - 1.8) < 0.001
        frames = w.readframes(w.getnframes())
    first_sound = next(i for i in range(0, len(frames), 2) if frames[i : i + 2] != b"\0\0") // 2
    assert abs(first_sound / 22050 - 0.6) < 0.001


def test_the_room_recording_keeps_each_reply_whole() -> None:
    room = SimulatedRoom()
    playback = Playback(16000)
    out = RoomOut(room, 16000)
    playback.enqueue("One.", TONE, 16000)
    _play(playback, 0.7, out)  # a 0.2 s pause within the reply
    playback.enqueue("Two.", TONE, 16000)
    _play(playback, 2.0, out)  # then a long pause: the reply is over
    playback.enqueue("Three.", TONE, 16000)
    _play(playback, 0.6, out)
    assert [round(at, 2) for at, _ in out.replies] == [0.0, 2.7]
    assert abs(len(out.replies[0][1]) / 32000 - 1.2) < 0.05
    assert len(room._speaker) == round(3.3 * 16000)  # every window entered the room


class _Sink:
    def __init__(self) -> None:
        self.written: list[bytes] = []
        self.stops = self.resumes = 0
        self.release = threading.Event()
        self.closed = False

    def write(self, pcm: bytes) -> None:
        self.release.wait(5)
        self.written.append(pcm)

    def stop(self) -> None:
        self.stops += 1

    def resume(self) -> None:
        self.resumes += 1

    def close(self) -> None:
        self.closed = True


def test_the_speaker_plays_from_a_thread_and_barge_in_drops_the_queue() -> None:
    sink = _Sink()
    out = SpeakerOut(sink)  # type: ignore[arg-type]
    playback = Playback(16000)
    playback.enqueue("A long reply.", TONE * 4, 16000)
    _play(playback, 0.9, out)  # the loop never waits, though the device is stuck
    out.stop()
    sink.release.set()
    out.close()
    assert sink.stops == 1 and sink.resumes == 1 and sink.closed
    assert len(sink.written) <= 1  # at most the block the device was already playing
