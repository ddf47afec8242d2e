"""Benchmark: `sottovoce transcribe` on an hour of audio, for time and memory.

Quiet room noise (no speech, so the VAD lets whisper skip every window) with
one spoken command at the very end goes into a real `sottovoce transcribe`
process: piped as raw PCM on standard input (made block by block, so nothing
holds the hour in memory here), or with `--file` as a WAV file written first.
It reports the wall time, the real-time speed, the process's resident memory
through the run (it must level off, not grow with the input) and its peak, and
checks that the command at the end was heard.

    .venv/bin/python bench/long_audio.py [--minutes 60] [--rate 16000] [--channels 1] [--file]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import av
import numpy as np

from sottovoce.voice.audio import FileSource, read_all

SPEECH = Path(__file__).parent.parent / "tests" / "data" / "audio" / "kitchen-light-on.wav"
NOISE_RMS = 30  # of 32767: about -60 dBFS, a quiet room
BLOCK_S = 10
SAMPLE_EVERY_S = 0.5
# `python -m sottovoce.cli ARGS`, writing its peak RSS (VmHWM) to a file as it exits. Not
# wait4's ru_maxrss: a child's includes its parent's RSS when it was spawned.
WITH_PEAK = """
import atexit, runpy, sys
from pathlib import Path
peak = Path(sys.argv.pop(1))
status = Path("/proc/self/status")
atexit.register(lambda: peak.write_text(status.read_text().split("VmHWM:")[1].split()[0]))
runpy.run_module("sottovoce.cli", run_name="__main__", alter_sys=True)
"""


def speech(rate: int, channels: int) -> bytes:
    """The spoken command, at the rate and channel count of the stream."""
    pcm = np.frombuffer(read_all(FileSource(SPEECH)), dtype="<i2")
    frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = 16000
    layout = "mono" if channels == 1 else "stereo"
    resampler = av.AudioResampler(format="s16", layout=layout, rate=rate)
    out = [*resampler.resample(frame), *resampler.resample(None)]
    return b"".join(f.to_ndarray().astype("<i2").tobytes() for f in out)


def blocks(seconds: float, rate: int, channels: int) -> Iterator[bytes]:
    """Noise, then the command, then a second of noise; made as it is sent."""
    rng = np.random.default_rng(0)

    def noise(duration: float) -> bytes:
        samples = rng.normal(0, NOISE_RMS, int(duration * rate) * channels)
        return samples.astype("<i2").tobytes()

    sent = 0.0
    while sent < seconds:
        step = min(BLOCK_S, seconds - sent)
        yield noise(step)
        sent += step
    yield speech(rate, channels)
    yield noise(1.0)


def write_wav(path: Path, seconds: float, rate: int, channels: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        for block in blocks(seconds, rate, channels):
            out.writeframes(block)


def feed(stdin: IO[bytes], seconds: float, rate: int, channels: int) -> None:
    try:
        for block in blocks(seconds, rate, channels):
            stdin.write(block)
    except BrokenPipeError:
        pass  # the process ended early; its exit code and stderr say why
    finally:
        stdin.close()


def watch(pid: int, samples: list[tuple[float, int]], started: float) -> None:
    """(seconds since start, RSS in KiB) of the process, until it ends."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS:"))
        except (OSError, StopIteration):
            return  # gone (a zombie has no VmRSS line)
        samples.append((time.perf_counter() - started, int(line.split()[1])))
        time.sleep(SAMPLE_EVERY_S)


@dataclass
class Result:
    """What one transcription cost and said."""

    elapsed_s: float = 0.0
    peak_kib: int = 0
    code: int = 0
    out: str = ""
    err: str = ""
    rss: list[tuple[float, int]] = field(default_factory=list)  # (s since start, KiB)


def run(args: argparse.Namespace, tmp: Path) -> Result:
    """Transcribe the long input in a child process, watching its memory."""
    seconds = args.minutes * 60
    command = [sys.executable, "-c", WITH_PEAK, str(tmp / "peak"), "transcribe"]
    if args.file:
        write_wav(tmp / "long.wav", seconds, args.rate, args.channels)
        command.append(str(tmp / "long.wav"))
    else:
        command += ["-", "--rate", str(args.rate), "--channels", str(args.channels)]
    result, started = Result(), time.perf_counter()
    with (tmp / "out").open("wb") as out, (tmp / "err").open("wb") as err:
        stdin = None if args.file else subprocess.PIPE
        process = subprocess.Popen(command, stdin=stdin, stdout=out, stderr=err)
    threads = [threading.Thread(target=watch, args=(process.pid, result.rss, started))]
    if process.stdin is not None:
        feeding = (process.stdin, seconds, args.rate, args.channels)
        threads.append(threading.Thread(target=feed, args=feeding))
    for thread in threads:
        thread.start()
    result.code = process.wait()
    result.elapsed_s = time.perf_counter() - started
    for thread in threads:
        thread.join()
    result.peak_kib = int((tmp / "peak").read_text())
    result.out, result.err = (tmp / "out").read_text(), (tmp / "err").read_text()
    return result


def report(args: argparse.Namespace, result: Result) -> None:
    seconds = args.minutes * 60
    how = "a WAV file" if args.file else "standard input"
    print(f"{os.cpu_count()} CPUs; {args.minutes:g} min at {args.rate} Hz, {args.channels} ch")
    print(f"on {how}: exit {result.code}; {result.elapsed_s:.1f} s wall", end="")
    print(f", {seconds / result.elapsed_s:.0f}x real time")
    rss = result.rss
    quarters = [rss[len(rss) * q // 4 - 1] for q in (1, 2, 3, 4)] if rss else []
    print(
        "RSS through the run: " + ", ".join(f"{k / 1024:.0f} MiB at {t:.0f} s" for t, k in quarters)
    )
    print(f"peak RSS {result.peak_kib / 1024:.0f} MiB")
    print(f"transcript: {result.out.strip()!r}")
    if result.err.strip():
        print(f"stderr: {result.err.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--rate", type=int, default=16000)
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--file", action="store_true", help="a WAV file, not standard input")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args, Path(tmp))
    report(args, result)
    heard = "kitchen" in result.out.lower()
    print("the command at the end was heard" if heard else "the command at the end was NOT heard")
    sys.exit(0 if result.code == 0 and heard else 1)


if __name__ == "__main__":
    main()
