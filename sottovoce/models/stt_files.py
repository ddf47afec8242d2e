"""The directory a speech model loads from, joining a model shipped in parts first.

faster-whisper base arrives in two packages (`model.bin.part1`, `.part2`);
the first use joins them into the models directory, checks the result by
sha256 against the catalog, and only then moves it into place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from sottovoce.models.catalog import Catalog, ModelEntry, ModelError

_CHUNK = 1 << 20


def whisper_dir(catalog: Catalog, entry: ModelEntry) -> Path:
    """Where faster-whisper loads `entry` from; joins split files on first use."""
    main = catalog.main_path(entry) if catalog.installed(entry) else None
    if main is None:
        raise ModelError(f"speech model {entry.name} is not installed; run ./setup.sh")
    joined = [f for f in entry.files if f.joined]
    if not joined:
        return main
    target = catalog.models_dir / entry.name
    for file in joined:
        done = target / file.path
        if not done.is_file() or done.stat().st_size != file.size_bytes:
            _join(catalog, entry, file.path, target)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        if (main / name).is_file() and not (target / name).is_file():
            shutil.copyfile(main / name, target / name)
    return target


def _join(catalog: Catalog, entry: ModelEntry, name: str, target: Path) -> None:
    file = next(f for f in entry.files if f.path == name)
    by_path = {f.path: f for f in entry.files}
    target.mkdir(parents=True, exist_ok=True)
    partial = target / f"{name}.joining"
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in file.parts:
            source = catalog.file_path(entry, by_path[part])
            if source is None or not source.is_file():
                raise ModelError(f"{entry.name}: part {part} is missing; run ./setup.sh")
            with source.open("rb") as handle:
                while block := handle.read(_CHUNK):
                    digest.update(block)
                    out.write(block)
    if file.sha256 is not None and digest.hexdigest() != file.sha256:
        partial.unlink()
        raise ModelError(
            f"{entry.name}: the joined {name} fails its sha256; reinstall the packages "
            "with ./setup.sh"
        )
    os.replace(partial, target / name)
