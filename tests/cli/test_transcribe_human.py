"""`sottovoce transcribe` (default model) on read human speech: LibriVox clips.

The clips and their exact reference transcripts are in tests/data/audio/SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sottovoce.cli import main
from sottovoce.eval.wer import word_error_rate

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("stt_loaded_once")]

AUDIO = Path(__file__).parent.parent / "data" / "audio"


@pytest.mark.parametrize(
    ("clip", "said"),
    [
        ("librivox-ill-disposed.wav", "he was not an ill disposed young man"),
        (
            "librivox-cold-hearted.wav",
            "unless to be rather cold hearted and rather selfish is to be ill disposed",
        ),
        ("librivox-amiable-himself.wav", "he might even have been made amiable himself"),
    ],
)
def test_read_human_speech(clip: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(AUDIO / clip)]) == 0
    assert word_error_rate(said, capsys.readouterr().out) <= 0.2
