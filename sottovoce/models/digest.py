"""A file's digest, and what is wrong with a file against its catalog record (size, sha256, md5)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sottovoce.models.catalog_entry import ModelFile

_CHUNK = 1 << 20  # hash in 1 MiB pieces: a 2 GB model never sits in memory


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    """The hex digest of a file, read in chunks."""
    digest = hashlib.new(algorithm, usedforsecurity=False)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_problem(path: Path, expected: ModelFile) -> str | None:
    """What is wrong with `path` against its catalog record, or None when it checks out."""
    if not path.is_file():
        return "is missing"
    size = path.stat().st_size
    if expected.size_bytes is not None and size != expected.size_bytes:
        what = "truncated" if size < expected.size_bytes else "too long"
        return f"is {size} bytes, expected {expected.size_bytes} ({what})"
    for algorithm, want in (("sha256", expected.sha256), ("md5", expected.md5)):
        if want is not None:
            got = file_digest(path, algorithm)
            if got != want.lower():
                return f"fails its {algorithm} check (expected {want[:12]}…, got {got[:12]}…)"
    return None
