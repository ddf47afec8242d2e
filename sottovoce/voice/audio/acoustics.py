"""How a room carries the loudspeaker's sound to the microphone: an impulse response.

Image-source room impulse responses come from `pyroomacoustics` (a shoebox
room of a given size and reverberation time, the speaker and microphone
where a smart speaker would put them); the loudspeaker's distortion is a soft
clip. The simulated room (`room.py`) convolves what the agent plays with them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .chunk import RATE

_TAIL_DB = -50.0  # the response is cut where it has decayed this far below its peak


@dataclass(frozen=True)
class RoomShape:
    """A shoebox room and where the speaker and the microphone stand in it (metres)."""

    size: tuple[float, float, float] = (4.5, 5.0, 2.7)
    speaker: tuple[float, float, float] = (2.0, 2.5, 1.0)
    microphone: tuple[float, float, float] = (2.1, 2.55, 1.05)  # a device with both, 12 cm apart
    rt60_s: float = 0.4  # a furnished living room


def impulse_response(shape: RoomShape) -> np.ndarray:
    """The speaker-to-microphone response, scaled so its direct path has gain 1."""
    import pyroomacoustics as pra  # scipy comes with it: loaded only for a simulated room

    absorption, max_order = pra.inverse_sabine(shape.rt60_s, list(shape.size))
    room = pra.ShoeBox(
        list(shape.size), fs=RATE, materials=pra.Material(absorption), max_order=max_order
    )
    room.add_source(list(shape.speaker))
    room.add_microphone(list(shape.microphone))
    room.compute_rir()
    response = np.asarray(room.rir[0][0], dtype=np.float64)
    peak = int(np.argmax(np.abs(response)))
    response = response / abs(response[peak])
    # pyroomacoustics centres a fractional-delay filter on each arrival: what
    # comes before the direct sound's filter is (almost) nothing.
    start = max(0, peak - 40)
    level = 20 * np.log10(np.abs(response) + 1e-12)
    audible = np.flatnonzero(level > _TAIL_DB)
    kept: np.ndarray = response[start : int(audible.max()) + 1].astype(np.float32)
    return kept


def loudspeaker(signal: np.ndarray, distortion: float) -> np.ndarray:
    """A small loudspeaker driven hard: louder parts are compressed (0 = a perfect speaker)."""
    if distortion <= 0.0:
        return signal
    full = 32768.0
    drive = 1.0 + 4.0 * distortion
    driven: np.ndarray = np.tanh(drive * signal / full) / np.tanh(drive) * full
    return driven.astype(np.float32)
