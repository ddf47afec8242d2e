"""Cheap checks on model files before llama.cpp sees them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from sottovoce.models import EngineUnavailable
from sottovoce.models.gguf import check_gguf, check_memory, needed_bytes


def _gguf(path: Path, version: int = 3, tensors: int = 5) -> Path:
    path.write_bytes(struct.pack("<4sIQQ", b"GGUF", version, tensors, 7) + b"\0" * 64)
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
