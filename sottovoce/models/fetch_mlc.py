"""Pulling an MLC build: a directory of many files, listed by the build's own manifest.

No sha256 is published for these files. `mlc-chat-config.json` and the
tensor-cache manifest are fetched first; the manifest gives each weight
shard's size and md5, which every shard is checked against. The manifest,
the config and the tokenizer files themselves can only be reported (their
sha256 is printed), not checked. A fresh build is assembled in
`<name>.part/` and moved into place only when complete.
"""

from __future__ import annotations

import os
from pathlib import Path

from sottovoce.models.catalog_entry import ModelEntry, ModelFile
from sottovoce.models.digest import file_problem
from sottovoce.models.download import FetchOptions, PullResult, apply_mirror, download
from sottovoce.models.fetch_errors import FetchError
from sottovoce.models.mlc_manifest import (
    CONFIG,
    MANIFESTS,
    local_manifest,
    mlc_dir_problems,
    shard_files,
    tokenizer_files,
)


class _Pull:
    """One MLC pull: where files come from, where they go, and what was fetched."""

    def __init__(self, base: str, work: Path, options: FetchOptions) -> None:
        self.base, self.work, self.options = base, work, options
        self.fetched: list[str] = []
        self.unchecked: list[tuple[str, str]] = []

    def small(self, name: str) -> None:
        """A file with no published checksum: fetched once, its sha256 reported."""
        target = self.work / name
        if target.is_file():
            return
        got = download(f"{self.base}/{name}", target, ModelFile(name, None, None), self.options)
        self.fetched.append(name)
        self.unchecked.append((name, got))

    def shard(self, shard: ModelFile) -> None:
        """A weight shard, checked against the manifest's size and md5."""
        target = self.work / shard.path
        if target.is_file() and file_problem(target, shard) is None:
            return
        download(f"{self.base}/{shard.path}", target, shard, self.options)
        self.fetched.append(shard.path)

    def manifest(self) -> Path:
        """The tensor-cache manifest, under whichever name this build uses."""
        found = local_manifest(self.work)
        if found is not None:
            return found
        for name in MANIFESTS:
            try:
                self.small(name)
            except FetchError as exc:
                if exc.status == 404:
                    continue
                raise
            return self.work / name
        raise FetchError(
            f"{self.base} has no {' or '.join(MANIFESTS)}; it does not look like an MLC build"
        )


def pull_mlc(entry: ModelEntry, dest_dir: Path, options: FetchOptions) -> PullResult:
    """Download (or repair) an MLC build into `dest_dir`."""
    assert entry.mlc_repo is not None
    installed = (dest_dir / CONFIG).is_file()
    if installed and not mlc_dir_problems(dest_dir, entry.name):
        return PullResult(dest_dir, already=True)
    # A damaged install is repaired in place, file by file (each one atomic);
    # a new one is assembled beside it so that it appears only when complete.
    work = dest_dir if installed else dest_dir.with_name(dest_dir.name + ".part")
    base = apply_mirror(f"{entry.mlc_repo}/resolve/main", options.mirror)
    job = _Pull(base, work, options)
    job.small(CONFIG)
    manifest = job.manifest()
    for name in tokenizer_files(work / CONFIG):
        job.small(name)
    for shard in shard_files(manifest):
        job.shard(shard)
    if work != dest_dir:
        _move_into_place(work, dest_dir)
    return PullResult(dest_dir, False, tuple(job.fetched), tuple(job.unchecked))


def _move_into_place(work: Path, dest_dir: Path) -> None:
    if dest_dir.is_dir() and not any(dest_dir.iterdir()):
        dest_dir.rmdir()
    if dest_dir.exists():
        raise FetchError(
            f"{dest_dir} exists but is not a complete MLC build; move it away and run again "
            f"(the download is kept in {work})"
        )
    os.replace(work, dest_dir)
