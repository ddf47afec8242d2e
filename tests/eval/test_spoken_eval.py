"""Spoken eval turns: audio -> VAD -> faster-whisper -> the agent, with timings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sottovoce.cli import main

pytestmark = pytest.mark.slow

AUDIO = Path(__file__).parent.parent / "data" / "audio"
CASES = """
cases:
  - id: kitchen
    audio: kitchen-light-on.wav
    expect: {state: {devices: {light.kitchen_ceiling: {"on": true}}}}
  - id: timer
    audio: timer-ten-minutes.wav
    expect: {reply: "(?i)timer"}
  - id: broken
    audio: broken.wav
  - id: missing
    audio: nowhere.wav
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    for clip in ("kitchen-light-on.wav", "timer-ten-minutes.wav"):
        shutil.copyfile(AUDIO / clip, tmp_path / clip)
    (tmp_path / "broken.wav").write_bytes(b"RIFF" + bytes(range(200)))
    path = tmp_path / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    return path


@pytest.mark.parametrize("realtime", [False, True])
def test_spoken_turns_act_and_report_timings(case_file: Path, realtime: bool) -> None:
    out = case_file.parent / "report.json"
    flags = ["--realtime"] if realtime else []
    assert main(["eval", str(case_file), "--json", str(out), "-q", *flags]) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    by_id = {case["id"]: case for case in report["cases"]}
    assert by_id["kitchen"]["passed"] and by_id["timer"]["passed"]
    timings = by_id["kitchen"]["turns"][0]["timings_s"]
    assert 0.5 < timings["speech_end"] < 2.5 and 0 <= timings["stt_final"] < 10
    assert "kitchen light" in by_id["kitchen"]["turns"][0]["heard"].lower()
    # Broken and missing audio fail their case with a reason, and crash nothing.
    assert report["errors"] == 0
    assert "broken.wav" in by_id["broken"]["turns"][0]["problems"][0]
    assert "no such audio file" in by_id["missing"]["turns"][0]["problems"][0]
