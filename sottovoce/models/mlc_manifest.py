"""Reading an MLC build's own manifest: which files it has and how to check them.

An MLC q4f16_1 build is a directory of many files. Two of them describe the
rest: `mlc-chat-config.json` names the tokenizer files, and the tensor cache
manifest (`ndarray-cache.json`, renamed `tensor-cache.json` in newer builds)
lists every weight shard with its byte size and md5. No sha256 is published
for these files, so the manifest is what `pull` and `verify` check against.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from sottovoce.models.catalog_entry import ModelError, ModelFile
from sottovoce.models.digest import file_problem

CONFIG = "mlc-chat-config.json"
MANIFESTS = ("ndarray-cache.json", "tensor-cache.json")


def safe_name(name: object, source: str) -> str:
    """A relative file name from a manifest, refusing anything that would leave the directory."""
    if not isinstance(name, str) or not name:
        raise ModelError(f"{source} names a file badly ({name!r}); delete it and pull again")
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        raise ModelError(f"{source} names a file outside its directory ({name!r}); not using it")
    return name


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path} is not readable JSON ({exc}); pull the model again") from None


def tokenizer_files(config_path: Path) -> list[str]:
    """The tokenizer files that `mlc-chat-config.json` says the build uses."""
    config = _load_json(config_path)
    names = config.get("tokenizer_files", []) if isinstance(config, dict) else None
    if not isinstance(names, list):
        raise ModelError(f"{config_path} has no tokenizer_files list; pull the model again")
    return [safe_name(name, str(config_path)) for name in names]


def shard_files(manifest_path: Path) -> list[ModelFile]:
    """The weight shards a tensor-cache manifest lists, with their sizes and md5s."""
    manifest = _load_json(manifest_path)
    records = manifest.get("records") if isinstance(manifest, dict) else None
    if not isinstance(records, list):
        raise ModelError(f"{manifest_path} lists no records; pull the model again")
    shards = []
    for record in records:
        if not isinstance(record, dict):
            raise ModelError(f"{manifest_path} has a malformed record; pull the model again")
        name = safe_name(record.get("dataPath"), str(manifest_path))
        size = record.get("nbytes")
        md5 = record.get("md5sum")
        shards.append(
            ModelFile(
                name,
                None,
                size if isinstance(size, int) else None,
                md5=md5 if isinstance(md5, str) else None,
            )
        )
    return shards


def local_manifest(directory: Path) -> Path | None:
    """The tensor-cache manifest in an MLC directory, whichever name it has."""
    for name in MANIFESTS:
        if (directory / name).is_file():
            return directory / name
    return None


def mlc_dir_problems(directory: Path, name: str) -> list[str]:
    """Problems with an installed MLC directory, checked against its own manifest."""
    fix = f"run `sottovoce models pull {name}` to fetch it again"
    manifest = local_manifest(directory)
    if manifest is None or not (directory / CONFIG).is_file():
        return [f"{directory} lacks its {CONFIG} or tensor-cache manifest ({name}); {fix}"]
    try:
        expected = [ModelFile(n, None, None) for n in tokenizer_files(directory / CONFIG)]
        expected += shard_files(manifest)
    except ModelError as exc:
        return [str(exc)]
    problems = []
    for file in expected:
        problem = file_problem(directory / file.path, file)
        if problem is not None:
            problems.append(f"{directory / file.path} {problem} ({name}); {fix}")
    return problems
