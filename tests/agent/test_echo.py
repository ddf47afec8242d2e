"""The echo canceller on synthetic signals: delays, gains, the user talking over it, no echo."""

from __future__ import annotations

import numpy as np
import pytest

from sottovoce.agent.echo import EchoCanceller

CHUNK = 480  # 30 ms at 16 kHz


def _speechlike(seconds: float, seed: int) -> np.ndarray:
    """Noise shaped into syllables: broadband and never periodic, like a voice."""
    rng = np.random.default_rng(seed)
    n = int(seconds * 16000)
    envelope = np.abs(np.sin(np.arange(n) / 16000 * 2 * np.pi * 3.0)) ** 0.5
    return (rng.normal(0, 4000, n) * envelope).astype(np.float32)


def _run(ec: EchoCanceller, mic: np.ndarray, ref: np.ndarray) -> tuple[np.ndarray, list[bool]]:
    out, muting = [], []
    for i in range(0, len(mic) - CHUNK + 1, CHUNK):
        m = np.clip(mic[i : i + CHUNK], -32768, 32767).astype("<i2").tobytes()
        r = np.clip(ref[i : i + CHUNK], -32768, 32767).astype("<i2").tobytes()
        out.append(np.frombuffer(ec.process(m, r), dtype="<i2").astype(np.float32))
        muting.append(ec.muting)
    return np.concatenate(out), muting


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))


@pytest.mark.parametrize(("delay_s", "gain"), [(0.04, 0.8), (0.12, 0.3), (0.3, 0.6)])
def test_the_echo_is_found_and_removed(delay_s: float, gain: float) -> None:
    ref = np.concatenate([np.zeros(8000, np.float32), _speechlike(3.0, 1)])
    d = int(delay_s * 16000)
    noise = np.random.default_rng(2).normal(0, 10, len(ref)).astype(np.float32)
    mic = gain * np.concatenate([np.zeros(d, np.float32), ref[:-d]]) + noise
    ec = EchoCanceller()
    out, muting = _run(ec, mic, ref)
    assert ec.converged and abs((ec.delay or 0) - d) <= 2
    tail = slice(len(out) - 16000, len(out))  # the last second, long after convergence
    assert _rms(out[tail]) < _rms(mic[tail]) / 10  # at least 20 dB of echo removed
    assert muting[20] and not muting[-1]  # ignored until cancelled, then passed on


def test_the_user_talking_over_the_echo_comes_through() -> None:
    ref = np.concatenate([np.zeros(8000, np.float32), _speechlike(4.0, 3)])
    d = 1280
    echo = 0.5 * np.concatenate([np.zeros(d, np.float32), ref[:-d]])
    user = np.zeros_like(ref)
    user[48000:64000] = _speechlike(1.0, 4)  # from 3 s to 4 s
    out, _ = _run(EchoCanceller(), echo + user, ref)
    during = slice(48000, 64000)
    assert _rms(out[during] - user[during]) < _rms(user[during]) / 5
    assert _rms(out[during]) == pytest.approx(_rms(user[during]), rel=0.2)


def test_a_microphone_that_does_not_hear_the_speaker_is_not_muted_for_long() -> None:
    ref = _speechlike(2.0, 5)
    user = _speechlike(2.0, 6)  # the user alone (headphones, or a file)
    out, muting = _run(EchoCanceller(), user, ref)
    assert not any(muting[30:])  # after 0.9 s at the latest
    assert np.array_equal(out[16000:], user[16000 : len(out)].astype("<i2").astype(np.float32))


def test_nothing_played_means_nothing_touched() -> None:
    user = _speechlike(1.0, 7)
    out, muting = _run(EchoCanceller(), user, np.zeros_like(user))
    assert not any(muting)
    assert np.array_equal(out, user[: len(out)].astype("<i2").astype(np.float32))
