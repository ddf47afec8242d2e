"""Endpointing with a fake VAD: pauses, the utterance so far, and what a cut keeps."""

from __future__ import annotations

import numpy as np
import pytest

from sottovoce.models.vad import SileroVAD, VADConfig
from sottovoce.testing import EnergyVAD, silence
from sottovoce.voice.endpoint import Endpointer, Utterance, quick_vad
from tests.voice.speech_fakes import chunks, count_words, words


def _run(endpointer: Endpointer, pcm: bytes) -> list[tuple[float, bool, Utterance | None]]:
    """(time, paused, cut) after each chunk."""
    return [(c.end_s, endpointer.paused, endpointer.feed(c)) for c in chunks(pcm)]


def test_a_pause_is_seen_well_before_the_end_is_confirmed() -> None:
    endpointer = Endpointer(EnergyVAD(), check_every_s=0.1)
    steps = _run(endpointer, silence(0.3) + words(4) + silence(1.0))
    speech_end = 0.3 + 4 * 0.2 + 3 * 0.08
    first_pause = next(t for t, paused, _ in steps if paused)
    cut_at, cut = next((t, u) for t, _, u in steps if u is not None)
    assert cut.end_s == pytest.approx(speech_end, abs=0.02)
    assert speech_end + 0.25 <= first_pause < speech_end + 0.45
    assert cut_at - first_pause > 0.2
    assert count_words(cut.pcm) == 4


def test_the_utterance_so_far_is_what_the_cut_gives() -> None:
    endpointer = Endpointer(EnergyVAD(), check_every_s=0.1)
    seen = []
    for chunk in chunks(silence(0.2) + words(3) + silence(1.0)):
        if endpointer.paused:
            seen.append(endpointer.pending())
        cut = endpointer.feed(chunk)
        if cut is not None:
            break
    assert cut is not None and seen and seen[-1] is not None
    assert seen[-1].pcm == cut.pcm and seen[-1].end_s == pytest.approx(cut.end_s)
    assert endpointer.pending() is None and not endpointer.paused


def test_speech_after_a_short_pause_is_the_same_utterance() -> None:
    endpointer = Endpointer(EnergyVAD(), check_every_s=0.1)
    steps = _run(endpointer, words(2) + silence(0.4) + words(2) + silence(1.0))
    pauses = [t for t, paused, _ in steps if paused]
    cuts = [u for _, _, u in steps if u is not None]
    assert len(cuts) == 1 and count_words(cuts[0].pcm) == 4
    # Paused during the short silence (0.48 to 0.88 s), speaking again after it.
    assert any(0.7 < t < 0.95 for t in pauses) and any(t > 1.6 for t in pauses)
    assert not any(1.0 < t < 1.36 for t in pauses)


def test_a_word_begun_before_the_vad_can_see_it_is_not_cut_off() -> None:
    # The VAD sees speech once it has lasted 0.1 s; the next word starts at 0.78 s.
    endpointer = Endpointer(EnergyVAD(min_speech_s=0.1), check_every_s=0.1)
    steps = _run(endpointer, words(1) + silence(0.58) + words(3) + silence(1.0))
    found = [u for _, _, u in steps if u is not None]
    # 0.6 s after the first word, the second had begun: no cut was made there.
    assert [count_words(u.pcm) for u in found] == [4]


def test_a_word_begun_as_the_cut_is_made_is_kept_whole() -> None:
    # The cut is made at 0.96 s, when the word begun at 0.9 s is not speech yet.
    endpointer = Endpointer(EnergyVAD(min_speech_s=0.1), check_every_s=0.1)
    steps = _run(endpointer, words(1) + silence(0.7) + words(3) + silence(1.0))
    assert [t for t, _, u in steps if u is not None][0] == pytest.approx(0.96)
    found = [u for _, _, u in steps if u is not None]
    assert [count_words(u.pcm) for u in found] == [1, 3]
    assert found[1].start_s == pytest.approx(0.9, abs=0.01)
    assert len(found[1].pcm) == pytest.approx(3 * 0.2 * 32000 + 2 * 0.08 * 32000, abs=700)


def test_silero_vad_is_made_to_close_speech_after_the_pause() -> None:
    vad = SileroVAD()
    quick = quick_vad(vad, 0.25)
    assert isinstance(quick, SileroVAD) and quick.config.trailing_silence_ms == 250
    assert quick.config.threshold == vad.config.threshold
    already = SileroVAD(VADConfig(trailing_silence_ms=200))
    assert quick_vad(already, 0.25) is already
    fake = EnergyVAD()
    assert quick_vad(fake, 0.25) is fake


def test_audio_kept_after_a_cut_is_dropped_when_the_stream_skips_ahead() -> None:
    endpointer = Endpointer(EnergyVAD(), check_every_s=0.1)
    cuts = [u for _, _, u in _run(endpointer, words(1) + silence(0.7)) if u is not None]
    assert len(cuts) == 1 and endpointer.buffer  # a little silence is kept
    later = [
        u for c in chunks(silence(5.0) + words(2) + silence(0.7))[150:] if (u := endpointer.feed(c))
    ]
    assert len(later) == 1 and later[0].start_s == pytest.approx(5.0, abs=0.01)
    assert count_words(later[0].pcm) == 2


class LoudFrames:
    """Frame scores by loudness, as `EnergyVAD` hears speech."""

    frame_s = 512 / 16000

    def voiced(self, pcm: bytes) -> list[bool]:
        """One flag per 32 ms frame."""
        samples = np.frombuffer(pcm, dtype="<i2")
        return [
            bool(np.abs(samples[i : i + 512]).max() > 1000) for i in range(0, len(samples), 512)
        ]


def _silences(endpointer: Endpointer, pcm: bytes) -> list[tuple[float, float]]:
    """(time, silence known) after each chunk while paused, up to the first cut."""
    seen = []
    for chunk in chunks(pcm):
        if endpointer.feed(chunk) is not None:
            break
        if endpointer.paused:
            seen.append((chunk.end_s, endpointer.scored_silence_s()))
    return seen


def test_scored_frames_make_the_silence_known_up_to_the_look() -> None:
    # The VAD reports speech only once it has lasted 0.1 s: from its spans alone
    # silence is known only up to 0.1 s before a look; frame by frame, to the
    # latest whole frame of audio (here at the look).
    slow = Endpointer(EnergyVAD(min_speech_s=0.1), check_every_s=0.1)
    scored = Endpointer(EnergyVAD(min_speech_s=0.1), check_every_s=0.1, frames=LoudFrames())
    pcm = words(1) + silence(0.5)
    [(_, slow_known)] = [s for s in _silences(slow, pcm) if s[0] == pytest.approx(0.6)]
    [(_, scored_known)] = [s for s in _silences(scored, pcm) if s[0] == pytest.approx(0.6)]
    # To the last whole frame scored: up to a frame (32 ms) short of the look.
    assert slow_known + 0.1 - 512 / 16000 <= scored_known <= slow_known + 0.1 + 1e-6


def test_a_word_begun_since_the_pause_ends_the_known_silence_where_it_starts() -> None:
    # The second word starts at 0.5 s, 0.28 s after the first ended; the look at
    # 0.6 s comes before the VAD reports it (0.15 s of speech): silence is known
    # up to its start, not to the look.
    vad = EnergyVAD(min_speech_s=0.15)
    endpointer = Endpointer(vad, check_every_s=0.1, frames=LoudFrames())
    seen = _silences(endpointer, words(1) + silence(0.3) + words(3) + silence(0.2))
    assert max(known for at, known in seen if at < 0.9) < 0.3


def test_a_click_that_never_becomes_speech_does_not_hold_the_known_silence_back() -> None:
    vad = EnergyVAD(min_speech_s=0.1)
    endpointer = Endpointer(vad, trailing_silence_s=2.0, check_every_s=0.1, frames=LoudFrames())
    click = np.full(160, 8000, dtype="<i2").tobytes()  # 10 ms
    seen = _silences(endpointer, words(1) + silence(0.2) + click + silence(1.0))
    # The frame count stops at the click (0.2 s after the word); the VAD's goes on.
    assert seen[-1][1] == pytest.approx(endpointer.silence_s) and seen[-1][1] > 0.8
    assert max(known for _, known in seen if known < 0.35) >= 0.2
