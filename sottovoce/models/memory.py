"""Giving memory that the engines freed back to the system (glibc's `malloc_trim`).

A turn's work (whisper's decoding, the language model's sampling, numpy's
copies of the audio) frees tens of megabytes that glibc keeps in its heaps
for later. Each engine frees into the heap of the thread it runs on, so the
kept memory of one engine is not reused by another, and the resident size
after a few turns is the sum of what each kept. `release()` hands the free
pages back after an engine's call; it takes 1-7 ms (measured on a 2-core
x86 machine), so it follows whole transcriptions, syntheses and decisions,
never the audio path that runs while idle.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable

_Trim = Callable[[int], int]


@functools.cache
def _malloc_trim() -> _Trim | None:
    """glibc's `malloc_trim`, or None where the C library is not glibc (musl, macOS)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release() -> bool:
    """Return the heaps' free pages to the system; False where this C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
