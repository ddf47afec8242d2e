"""The learned echo path: a hard-driven loudspeaker's echo leaves the user's words clear."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from sottovoce.cli.speak import open_voice
from sottovoce.voice.audio import resample_s16
from sottovoce.voice.audio.acoustics import RoomShape, impulse_response, loudspeaker
from sottovoce.voice.echopath import POWERS, EchoPath, branches

RATE = 16000
CHUNK = 480


@cache
def _said(text: str) -> np.ndarray:
    """`text` in piper's voice at 16 kHz: the path is learned from a voice, not test tones."""
    spoken = open_voice(None, seed=3).speak(text)
    pcm = resample_s16(spoken.pcm, spoken.sample_rate, RATE)
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64)


def _echo(ref: np.ndarray, distortion: float) -> np.ndarray:
    """What the device's own speaker sounds like in its microphone, in a furnished room."""
    room = np.convolve(loudspeaker(ref, distortion), impulse_response(RoomShape()))[: len(ref)]
    delay = int(0.04 * RATE)
    return 0.6 * np.concatenate([np.zeros(delay), room[:-delay]])


def _under_user_db(distortion: float) -> float:
    """How far the echo left in the user's words is under them, once the path is learned."""
    reply = _said("Your shopping list has eggs, bread, coffee, apples and a big bag of rice.")
    ref = np.concatenate([np.zeros(RATE // 2), reply, np.zeros(RATE)])
    echo = _echo(ref, distortion)
    command = 0.5 * _said("Please unlock the front door.")
    start = int(3.5 * RATE)
    user = np.zeros_like(ref)
    user[start : start + len(command)] = command
    path, out = EchoPath(), []
    for at in range(0, len(ref) - CHUNK + 1, CHUNK):
        part = slice(at, at + CHUNK)
        # What WebRTC's suppressor leaves: nearly nothing until the user speaks.
        left = user[part] + 0.01 * echo[part]
        cleaned = path.remove(echo[part] + user[part], ref[part], left)
        out.append(np.zeros(CHUNK) if cleaned is None else cleaned)
    during = slice(start, start + len(command))
    residual = np.concatenate(out)[during] - user[during]
    return float(10 * np.log10(np.mean(user[during] ** 2) / np.mean(residual**2)))


@pytest.mark.slow
def test_a_clean_loudspeakers_echo_is_removed() -> None:
    assert _under_user_db(0.0) >= 25


@pytest.mark.slow
def test_a_distorting_loudspeakers_echo_is_removed_as_well() -> None:
    # A linear echo path left this echo 12 dB under the user's words (9 dB at 0.3).
    assert _under_user_db(0.2) >= 20
    assert _under_user_db(0.3) >= 19


def test_the_branches_are_what_was_played_and_its_odd_powers() -> None:
    ref = np.array([0.0, 16384.0, -32768.0])
    rows = branches(ref)
    assert rows.shape == (len(POWERS), 3)
    assert np.allclose(rows[0], ref)
    assert np.allclose(rows[1], [0.0, 32768.0 / 8, -32768.0])  # odd: the sign is kept


def test_nothing_is_removed_until_the_path_is_learned() -> None:
    path = EchoPath()
    chunk = np.full(CHUNK, 1000.0)
    assert path.remove(chunk, chunk, np.zeros(CHUNK)) is None


def test_silence_played_leaves_the_path_finite() -> None:
    # Windows of near-silence are learned from (the pauses between sentences): with
    # nothing played, there is no loudspeaker curve to fit, and no division by zero.
    path = EchoPath()
    quiet = np.zeros(CHUNK)
    outs = [path.remove(quiet, quiet, quiet) for _ in range(200)]
    assert all(out is None or np.all(np.isfinite(out)) for out in outs)
    assert np.all(np.isfinite(path.shape))
