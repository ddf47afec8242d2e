"""Audio in and out: sources that deliver 16 kHz mono 16-bit chunks, whatever arrives.

The microphone (sounddevice), files of any common format (through PyAV), raw
PCM streams such as standard input, and in-memory buffers for tests.
Everything is converted on the way in.
"""

from .chunk import (
    BYTES_PER_S,
    CHANNELS,
    RATE,
    SAMPLE_WIDTH,
    AudioChunk,
    AudioError,
    byte_offset,
)
from .convert import PCM_FORMATS, To16kMono, resample_s16
from .microphone import MicrophoneSource, load_sounddevice
from .sources import FileSource, MemorySink, MemorySource, PcmSource, read_all

__all__ = [
    "BYTES_PER_S",
    "CHANNELS",
    "PCM_FORMATS",
    "RATE",
    "SAMPLE_WIDTH",
    "AudioChunk",
    "AudioError",
    "FileSource",
    "MemorySink",
    "MemorySource",
    "MicrophoneSource",
    "PcmSource",
    "To16kMono",
    "byte_offset",
    "load_sounddevice",
    "read_all",
    "resample_s16",
]
