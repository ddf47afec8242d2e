"""Audio in and out: sources that deliver 16 kHz mono 16-bit chunks, and sinks for speech.

In: the microphone (sounddevice), files of any common format (through PyAV),
raw PCM streams such as standard input, and in-memory buffers for tests;
everything is converted on the way in. Out: WAV files and the speaker, fed
mono 16-bit PCM at the voice's own rate.
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
from .sinks import SpeakerSink, WavFileSink, write_wav
from .sources import FileSource, MemorySource, PcmSource, read_all

__all__ = [
    "BYTES_PER_S",
    "CHANNELS",
    "PCM_FORMATS",
    "RATE",
    "SAMPLE_WIDTH",
    "AudioChunk",
    "AudioError",
    "FileSource",
    "MemorySource",
    "MicrophoneSource",
    "PcmSource",
    "SpeakerSink",
    "To16kMono",
    "WavFileSink",
    "byte_offset",
    "load_sounddevice",
    "read_all",
    "resample_s16",
    "write_wav",
]
