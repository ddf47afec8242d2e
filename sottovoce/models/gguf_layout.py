"""The layout of a GGUF file, read without loading it: is every tensor's data in the file?

llama.cpp trusts a GGUF file's tensor table: a truncated download or damaged
table can make it read past the end of its memory map and abort the whole
process (SIGABRT), with no chance to say which file is bad. This walks the
header the way llama.cpp does (magic, version, metadata, tensor infos),
without allocating anything the file asks for, and checks that each tensor's
data lies inside the file, overlaps no other tensor's, and that the file
ends where the last tensor's (aligned) data ends. It reads the header only (a few MB for a large
vocabulary), not the weights: damaged weights of the right size need the
catalog's sha256 (`sottovoce models verify`).

Written here rather than taken from the `gguf` package (llama.cpp's
gguf-py), which is not a dependency and pulls in numpy-based readers that map
the whole file.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

# ggml type -> (elements per block, bytes per block), from ggml.c's type traits.
GGML_BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4),  # F32
    1: (1, 2),  # F16
    2: (32, 18),  # Q4_0
    3: (32, 20),  # Q4_1
    6: (32, 22),  # Q5_0
    7: (32, 24),  # Q5_1
    8: (32, 34),  # Q8_0
    9: (32, 36),  # Q8_1
    10: (256, 84),  # Q2_K
    11: (256, 110),  # Q3_K
    12: (256, 144),  # Q4_K
    13: (256, 176),  # Q5_K
    14: (256, 210),  # Q6_K
    15: (256, 292),  # Q8_K
    16: (256, 66),  # IQ2_XXS
    17: (256, 74),  # IQ2_XS
    18: (256, 98),  # IQ3_XXS
    19: (256, 50),  # IQ1_S
    20: (32, 18),  # IQ4_NL
    21: (256, 110),  # IQ3_S
    22: (256, 82),  # IQ2_S
    23: (256, 136),  # IQ4_XS
    24: (1, 1),  # I8
    25: (1, 2),  # I16
    26: (1, 4),  # I32
    27: (1, 8),  # I64
    28: (1, 8),  # F64
    29: (256, 56),  # IQ1_M
    30: (1, 2),  # BF16
    34: (256, 54),  # TQ1_0
    35: (256, 66),  # TQ2_0
    39: (32, 17),  # MXFP4
}
# Metadata value type -> its size (fixed-size types only; 8 string, 9 array).
_SCALARS = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY, _UINT32 = 8, 9, 4
DEFAULT_ALIGNMENT = 32
MAX_DIMS = 4  # GGML_MAX_DIMS


class LayoutError(Exception):
    """What is wrong with the file's layout, as the middle of a one-line message."""


class _Reader:
    """Reads little-endian values from a memory map, never past its end."""

    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data, self.at = data, 0

    def take(self, size: int, what: str) -> int:
        start = self.at
        if size < 0 or start + size > len(self.data):
            raise LayoutError(f"it ends inside its header ({what} at byte {start})")
        self.at += size
        return start

    def u32(self, what: str) -> int:
        value: int = struct.unpack_from("<I", self.data, self.take(4, what))[0]
        return value

    def u64(self, what: str) -> int:
        value: int = struct.unpack_from("<Q", self.data, self.take(8, what))[0]
        return value

    def string(self, what: str) -> bytes:
        size = self.u64(what)
        start = self.take(size, what)
        return bytes(self.data[start : start + size])

    def skip_string(self, what: str) -> None:
        self.take(self.u64(what), what)


def check_layout(path: Path) -> int:
    """Raise `LayoutError` unless every tensor of the GGUF file at `path` is inside it.

    Returns the number of tensors. The caller has checked the magic and version.
    """
    size = path.stat().st_size
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        reader = _Reader(data)
        reader.take(8, "magic and version")
        tensors = reader.u64("tensor count")
        entries = reader.u64("metadata count")
        # Each tensor info and metadata entry takes well over 8 bytes: a larger
        # count is a damaged header, not a reason to loop for ever.
        if tensors > size // 8 or entries > size // 8:
            raise LayoutError(f"its header claims {tensors} tensors and {entries} metadata entries")
        alignment = _metadata(reader, entries)
        infos = [_tensor_info(reader, number) for number in range(tensors)]
        start = _align(reader.at, alignment)
    end, previous = start, ""
    for name, offset, nbytes in sorted(infos, key=lambda info: info[1]):
        if offset % alignment:
            raise LayoutError(f"tensor {name} starts at {offset}, not a multiple of {alignment}")
        if start + offset < end:
            raise LayoutError(f"tensor {name}'s data overlaps tensor {previous}'s")
        stop = start + offset + (nbytes or 0)
        if stop > size:
            raise LayoutError(
                f"tensor {name} ends at byte {stop} but the file has {size} bytes (truncated?)"
            )
        end, previous = stop, name
    known = all(nbytes is not None for _, _, nbytes in infos)
    if known and not end <= size <= _align(end, alignment):
        raise LayoutError(f"it has {size - end} bytes after its last tensor's data")
    return tensors


def _metadata(reader: _Reader, entries: int) -> int:
    alignment = DEFAULT_ALIGNMENT
    for number in range(entries):
        key = reader.string(f"metadata key {number}")
        kind = reader.u32(f"metadata {key!r} type")
        if key == b"general.alignment" and kind == _UINT32:
            at = reader.at
            alignment = reader.u32("general.alignment")
            reader.at = at
            if alignment == 0 or alignment & (alignment - 1):
                raise LayoutError(f"its alignment {alignment} is not a power of two")
        _skip_value(reader, kind, f"metadata {key!r}")
    return alignment


def _skip_value(reader: _Reader, kind: int, what: str) -> None:
    if kind in _SCALARS:
        reader.take(_SCALARS[kind], what)
    elif kind == _STRING:
        reader.skip_string(what)
    elif kind == _ARRAY:
        item = reader.u32(what)
        count = reader.u64(what)
        if item in _SCALARS:
            reader.take(_SCALARS[item] * count, what)
        elif item == _STRING:
            for _ in range(count):
                reader.skip_string(what)
        else:
            raise LayoutError(f"{what} is an array of unknown type {item}")
    else:
        raise LayoutError(f"{what} has unknown type {kind}")


def _tensor_info(reader: _Reader, number: int) -> tuple[str, int, int | None]:
    what = f"tensor {number}'s info"
    name = reader.string(what).decode("utf-8", "replace")
    dims = reader.u32(what)
    if not 0 < dims <= MAX_DIMS:
        raise LayoutError(f"tensor {name} has {dims} dimensions")
    elements = 1
    for _ in range(dims):
        elements *= reader.u64(what)
    kind = reader.u32(what)
    offset = reader.u64(what)
    block = GGML_BLOCKS.get(kind)
    if block is None:
        return name, offset, None  # a type newer than this table: only its start is checked
    per_block, block_bytes = block
    if elements % per_block:
        raise LayoutError(f"tensor {name} has {elements} values, not whole blocks of {per_block}")
    return name, offset, elements // per_block * block_bytes


def _align(offset: int, alignment: int) -> int:
    return offset + (-offset % alignment)
