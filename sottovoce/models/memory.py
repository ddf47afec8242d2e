"""Giving memory that the engines freed back to the system (glibc's `malloc_trim`).

A turn's work (whisper's decoding, the language model's sampling, numpy's
copies of the audio) frees tens of megabytes that glibc keeps in its heaps
for later. Each engine frees into the heap of the thread it runs on, so the
kept memory of one engine is not reused by another, and the resident size
after a few turns is the sum of what each kept. `release()` hands the free
pages back after an engine's call; it takes 1-7 ms (measured on a 2-core
x86 machine), so it follows whole transcriptions, syntheses and decisions,
never the audio path that runs while idle.

`share_heaps()` goes further for a long-running process that loads several
engines: glibc gives each thread its own heap ("arena"), so what whisper's
worker thread frees is not reused by piper's or the language model's threads,
and the peak is the sum of each thread's own peak. With one arena they reuse
each other's freed memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable
from typing import Any

_Trim = Callable[[int], int]
_Mallopt = Callable[[int, int], int]
_M_ARENA_MAX = -8  # glibc's malloc.h


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library, or None where it cannot be found."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None


def _function(name: str, *argtypes: type[ctypes._SimpleCData[int]]) -> Any:
    """A C library function returning an int, or None where the library has none."""
    libc = _libc()
    function = getattr(libc, name, None) if libc is not None else None
    if function is not None:
        function.argtypes = list(argtypes)
        function.restype = ctypes.c_int
    return function


@functools.cache
def _malloc_trim() -> _Trim | None:
    """glibc's `malloc_trim`, or None where the C library is not glibc (musl, macOS)."""
    trim: _Trim | None = _function("malloc_trim", ctypes.c_size_t)
    return trim


@functools.cache
def _mallopt() -> _Mallopt | None:
    """glibc's `mallopt`, or None where the C library has none (macOS; musl's does nothing)."""
    set_option: _Mallopt | None = _function("mallopt", ctypes.c_int, ctypes.c_int)
    return set_option


def share_heaps(arenas: int = 1) -> bool:
    """Let threads allocate from at most `arenas` heaps; False where this C library cannot.

    Call it once when a long-running command starts, before the engines load:
    it changes how the whole process allocates, so never at import time. In
    `sottovoce run --wake hey_jarvis` with spoken commands the peak was about
    20 MiB lower with one arena, and it took no more CPU (docs/measurements.md).
    """
    set_option = _mallopt()
    return set_option is not None and set_option(_M_ARENA_MAX, arenas) == 1


def release() -> bool:
    """Return the heaps' free pages to the system; False where this C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
