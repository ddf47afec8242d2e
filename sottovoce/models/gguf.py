"""Cheap checks on a GGUF model file before llama.cpp loads it.

llama.cpp's own errors on a bad file are long and sometimes a crash (a
truncated file or damaged tensor table aborts the process); these checks
name the file and what to do in one line. The tensor table is walked by
`gguf_layout.py` at every load: it reads the header only (about 0.1 s for a
50k-token vocabulary), never the weights.
"""

from __future__ import annotations

import struct
from pathlib import Path

from sottovoce.models.filecheck import DamagedModel
from sottovoce.models.gguf_layout import LayoutError, check_layout
from sottovoce.models.llm import EngineUnavailable

_MAGIC = b"GGUF"
_HEADER = struct.Struct("<4sIQQ")  # magic, version, tensor count, metadata count
# What llama.cpp needs beside the weights: compute buffers and a KV cache that
# grows with the context; a rough, generous figure per context token.
_OVERHEAD_BYTES = 64 << 20
_BYTES_PER_CONTEXT_TOKEN = 96 << 10


def check_gguf(path: Path) -> None:
    """Raise `EngineUnavailable` unless `path` is a GGUF file whose tensors all lie inside it.

    A truncated or damaged file raises `DamagedModel`.
    """
    if not path.is_file():
        raise EngineUnavailable(
            f"model file {path} does not exist; run `sottovoce models list` to see what is "
            "installed, or `sottovoce models pull NAME`"
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER.size)
    except OSError as exc:
        raise EngineUnavailable(f"cannot read model file {path}: {exc.strerror}") from None
    if len(header) < _HEADER.size or not header.startswith(_MAGIC):
        raise DamagedModel(
            f"{path} is not a GGUF model file (truncated or another format); "
            "download it again with `sottovoce models pull NAME`"
        )
    _, version, tensors, _ = _HEADER.unpack(header)
    if version not in (2, 3) or tensors == 0:
        raise EngineUnavailable(
            f"{path} is a GGUF file of version {version} with {tensors} tensors, which this "
            "llama.cpp cannot load; use a GGUF v3 model"
        )
    try:
        check_layout(path)
    except LayoutError as exc:
        raise DamagedModel(
            f"{path} is a damaged GGUF file: {exc}; check it with `sottovoce models verify` "
            "and download it again (`sottovoce models pull NAME`)"
        ) from None
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"cannot read model file {path}: {exc}") from None


def needed_bytes(path: Path, context: int) -> int:
    """A generous estimate of the memory a model needs with this context size."""
    return path.stat().st_size + _OVERHEAD_BYTES + context * _BYTES_PER_CONTEXT_TOKEN


def available_bytes() -> int | None:
    """Memory the system can give without swapping (Linux MemAvailable), if known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def check_memory(path: Path, context: int, available: int | None = None) -> None:
    """Raise `EngineUnavailable` when the model clearly cannot fit in free memory."""
    free = available if available is not None else available_bytes()
    need = needed_bytes(path, context)
    if free is not None and need > free:
        raise EngineUnavailable(
            f"model {path.name} needs about {need >> 20} MB but only {free >> 20} MB are free; "
            "choose a smaller model (`sottovoce models list`) or a smaller [llm] context"
        )
