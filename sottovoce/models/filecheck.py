"""Model files checked before an engine loads them, and a record of the checks that passed.

A native library (llama.cpp, CTranslate2, onnxruntime) given a damaged file
may abort the whole process; these checks come first and fail in one line
that names the file, what is wrong and what to do (`DamagedModel`).

- A catalog model: every file's size and sha256 against the catalog.
- A user's own file, cheap structural checks: a GGUF's header and tensor
  table (`gguf.py`), a CTranslate2 `model.bin`'s variable table (its size is
  exactly what the table says), a piper voice's `.onnx` (present, not empty)
  and its `.onnx.json` config (parses).

Hashing a 2 GB model takes seconds on a Pi, so a passed check is remembered
in `checked.json` in the models directory, keyed on the file's path, size,
modification and change times and inode (and the sha256 checked against):
the next start reads the record instead of the file. A file changed in any
of these is checked again. The record is written atomically; when it cannot be written (a
read-only data directory) the checks simply run every time.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

from sottovoce.models.atomic import atomic_write
from sottovoce.models.catalog import Catalog, ModelEntry, file_problem, repair_hint
from sottovoce.models.llm import EngineUnavailable

CACHE_NAME = "checked.json"
_VERIFY = "`sottovoce models verify`"


class DamagedModel(EngineUnavailable):
    """A model file failed its check; the message is one line: the file, what, what to do."""


class CheckCache:
    """Which files passed which check, keyed on path, size and modification time."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._records: dict[str, dict[str, object]] | None = None

    @classmethod
    def beside(cls, catalog: Catalog) -> CheckCache:
        """The record kept in the catalog's models directory."""
        return cls(catalog.models_dir / CACHE_NAME)

    def passed(self, file: Path, check: str) -> bool:
        """Whether `file`, as it is now, passed `check` before."""
        key, stamp = _stamp(file)
        record = self._load().get(key)
        return record is not None and record.get("stamp") == stamp and check in _checks(record)

    def remember(self, file: Path, check: str) -> None:
        """Record that `file`, as it is now, passed `check`."""
        key, stamp = _stamp(file)
        records = self._load()
        record = records.get(key)
        checks = _checks(record) if record is not None and record.get("stamp") == stamp else []
        records[key] = {"stamp": stamp, "checks": sorted({*checks, check})}
        if self.path is None:
            return
        try:
            with atomic_write(self.path) as out:
                out.write(json.dumps(records, indent=1).encode())
        except OSError:
            pass  # a read-only data directory: the check runs again next time

    def _load(self) -> dict[str, dict[str, object]]:
        if self._records is None:
            self._records = {}
            if self.path is not None:
                try:
                    loaded = json.loads(self.path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    loaded = {}  # missing or damaged: every check runs again
                if isinstance(loaded, dict):
                    self._records = {k: v for k, v in loaded.items() if isinstance(v, dict)}
        return self._records


def _stamp(file: Path) -> tuple[str, list[int]]:
    resolved = file.resolve()
    info = resolved.stat()
    # ctime and inode too: a file replaced or rewritten keeps neither, whatever its mtime says.
    return str(resolved), [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _checks(record: dict[str, object]) -> list[str]:
    checks = record.get("checks")
    return [c for c in checks if isinstance(c, str)] if isinstance(checks, list) else []


def check_entry(catalog: Catalog, entry: ModelEntry, cache: CheckCache | None = None) -> None:
    """Raise `DamagedModel` unless every file of a catalog model has its size and sha256."""
    cache = cache if cache is not None else CheckCache.beside(catalog)
    for file in entry.stored_files:
        path = catalog.file_path(entry, file)
        if path is None or not path.is_file():
            continue  # not installed: the caller says how to install it
        check = f"sha256:{file.sha256}" if file.sha256 else f"size:{file.size_bytes}"
        if cache.passed(path, check):
            continue
        problem = file_problem(path, file)
        if problem is not None:
            raise DamagedModel(
                f"{path} {problem} ({entry.name}); {repair_hint(entry, file)}, "
                f"or check it with {_VERIFY}"
            )
        cache.remember(path, check)


def check_whisper_dir(model_dir: Path) -> None:
    """Raise `DamagedModel` unless `model_dir/model.bin` is exactly as long as its table says."""
    path = model_dir / "model.bin"
    if not path.is_file():
        return  # the engine names the missing files
    try:
        expected = ctranslate2_size(path)
    except (OSError, ValueError) as exc:
        raise DamagedModel(
            f"{path} is not a readable CTranslate2 model ({exc}); "
            f"check it with {_VERIFY}, or pull or reinstall the model"
        ) from None
    size = path.stat().st_size
    if expected != size:
        what = "truncated" if size < expected else "longer than its table says"
        raise DamagedModel(
            f"{path} is {size} bytes but its variables need {expected} ({what}); "
            f"check it with {_VERIFY}, or pull or reinstall the model"
        )


def ctranslate2_size(path: Path) -> int:
    """The byte length a CTranslate2 `model.bin` must have, read from its variable table.

    Layout (ctranslate2 src/models/model.cc): u32 version; from version 2 a
    spec name and a u32 revision; u32 variable count; each variable a name, a
    u8 rank, u32 dims, a u8 type (item size before version 4), a u32 byte
    count and the bytes; from version 3 a u32 alias count and name pairs.
    Strings are a u16 length then that many bytes. Only the table is read.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:

        def take(fmt: str) -> int:
            raw = handle.read(struct.calcsize(fmt))
            if len(raw) < struct.calcsize(fmt):
                raise ValueError(f"it ends at byte {handle.tell()}, inside its table")
            value: int = struct.unpack(fmt, raw)[0]
            return value

        def skip(count: int) -> None:
            if handle.seek(count, os.SEEK_CUR) > size:
                raise ValueError(f"it ends before byte {handle.tell()}")

        version = take("<I")
        if not 1 <= version <= 6:
            raise ValueError(f"unknown format version {version}")
        if version >= 2:
            skip(take("<H"))
            take("<I")
        for _ in range(take("<I")):
            skip(take("<H"))
            skip(4 * take("<B"))
            take("<B")
            skip(take("<I"))
        if version >= 3:
            for _ in range(take("<I")):
                skip(take("<H"))
                skip(take("<H"))
        return handle.tell()


def check_piper_voice(onnx: Path) -> None:
    """Raise `DamagedModel` unless the voice's `.onnx` has content and its `.onnx.json` parses."""
    config = onnx.with_name(onnx.name + ".json")
    hint = "check it with `sottovoce models verify`, or reinstall the voice"
    if not onnx.is_file() or onnx.stat().st_size == 0:
        state = "is empty" if onnx.is_file() else "does not exist"
        raise DamagedModel(f"voice file {onnx} {state}; {hint}")
    try:
        parsed = json.loads(config.read_bytes())
    except OSError as exc:
        raise DamagedModel(
            f"voice config {config} cannot be read ({exc.strerror or exc}); a piper voice "
            f"needs its .onnx.json beside the .onnx; {hint}"
        ) from None
    except ValueError as exc:
        raise DamagedModel(f"voice config {config} is not valid JSON ({exc}); {hint}") from None
    if not isinstance(parsed, dict) or "audio" not in parsed:
        raise DamagedModel(f"voice config {config} is not a piper voice config; {hint}")
