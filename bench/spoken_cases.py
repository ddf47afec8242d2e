"""Make a spoken copy of a case file: every `say` becomes an `audio` clip made with espeak-ng.

    .venv/bin/python bench/spoken_cases.py CASES.yaml OUT_DIR [--voice en-us]
    .venv/bin/sottovoce eval OUT_DIR/cases.yaml --world WORLD

Needs espeak-ng (`sudo apt-get install -y espeak-ng`); it stands in for a voice
the project has not tuned to until piper arrives.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path
from typing import Any

import yaml


def _speak(text: str, path: Path, voice: str) -> None:
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(path), text], check=True)


def _turns(case: dict[str, Any]) -> list[dict[str, Any]]:
    return case["turns"] if "turns" in case else [case]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--voice", default="en-us")
    args = parser.parse_args()
    data = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for case in data["cases"]:
        for index, turn in enumerate(_turns(case)):
            if "say" in turn:
                name = f"{case['id']}-{index}.wav"
                _speak(turn.pop("say"), args.out / name, args.voice)
                turn["audio"] = name
                count += 1
    if data.get("world"):
        data["world"] = str((args.cases.parent / data["world"]).resolve())
    (args.out / "cases.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    print(f"{count} clips in {args.out}")


if __name__ == "__main__":
    main()
