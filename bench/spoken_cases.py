"""Make a spoken copy of a case file: every `say` becomes an `audio` clip.

    .venv/bin/python bench/spoken_cases.py CASES.yaml OUT_DIR [--tts piper|espeak] [--voice V]
    .venv/bin/sottovoce eval OUT_DIR/cases.yaml --world WORLD

The default speaker is piper with the shipped voice (`--voice` takes another
`.onnx` voice or a catalog name; `--pace` slows or hurries it); `--tts espeak`
uses espeak-ng (`sudo apt-get install -y espeak-ng`) with an espeak voice name.
"""

from __future__ import annotations

import argparse
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

Speaker = Callable[[str, Path], None]


def espeak(voice: str) -> Speaker:
    """A speaker that runs espeak-ng."""

    def speak(text: str, path: Path) -> None:
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True)

    return speak


def piper(voice: str | None, pace: float | None) -> Speaker:
    """A speaker that uses a piper voice (the shipped one by default)."""
    from sottovoce.models.catalog import Catalog, default_models_dir
    from sottovoce.models.tts import PiperTTS, TTSConfig, voice_path
    from sottovoce.voice.audio import write_wav

    tts = PiperTTS(voice_path(Catalog(default_models_dir()), voice), TTSConfig(length_scale=pace))

    def speak(text: str, path: Path) -> None:
        audio = tts.speak(text)
        # Half a second of silence after the words, as a microphone would hear.
        silence = b"\0" * (audio.sample_rate // 2 * 2)
        write_wav(path, audio.pcm + silence, audio.sample_rate)

    return speak


def speak_cases(data: dict[str, Any], out: Path, speak: Speaker) -> int:
    """Replace each `say` in the parsed case file by a clip in `out`; the number of clips."""
    count = 0
    for case in data["cases"]:
        for index, turn in enumerate(case["turns"] if "turns" in case else [case]):
            if "say" in turn:
                name = f"{case['id']}-{index}.wav"
                speak(turn.pop("say"), out / name)
                turn["audio"] = name
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tts", choices=("piper", "espeak"), default="piper")
    parser.add_argument("--voice", help="espeak voice name, or piper voice (.onnx or catalog)")
    parser.add_argument("--pace", type=float, help="piper length scale (1.0 normal, 1.2 slower)")
    args = parser.parse_args()
    data = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    speak = espeak(args.voice or "en-us") if args.tts == "espeak" else piper(args.voice, args.pace)
    count = speak_cases(data, args.out, speak)
    if data.get("world"):
        data["world"] = str((args.cases.parent / data["world"]).resolve())
    (args.out / "cases.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    print(f"{count} clips in {args.out}")


if __name__ == "__main__":
    main()
