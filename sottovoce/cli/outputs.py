"""Outputs never clobber inputs: the checks every command that writes a file makes first.

`run --input F --output F` once overwrote the recording it was about to read.
Before anything is written, a command names its inputs (the recording, the
world, the store, the config, a voice or a case file) and its output; an
output that is the same file as an input (the same path once resolved, a
symlink or a hard link to it) is refused in one line, exit 2. An output
directory is refused when a file the command would write there is an input.
Each output is then written to a temporary file and renamed into place
(`models/atomic.py`), so a failure leaves no half-written file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: equal once resolved, or the same inode."""
    try:
        if os.path.samefile(first, second):
            return True
    except OSError:
        pass  # one of them does not exist (yet): compare where they point
    return os.path.realpath(first) == os.path.realpath(second)


def clobber_problem(
    option: str, output: Path | None, inputs: Mapping[str, Path | None]
) -> str | None:
    """The one-line refusal when `output` is one of `inputs` (label -> path), else None."""
    if output is None:
        return None
    for label, path in inputs.items():
        if path is not None and same_file(output, path):
            link = "" if str(output) == str(path) else f" ({output} leads to {path})"
            return (
                f"{option} {output} is the same file as {label}{link}; writing it would "
                f"destroy the input: choose another {option} (nothing was written)"
            )
    if output.is_dir():
        return f"{option} {output} is a directory; give a file name"
    return None


def dir_clobber_problem(
    option: str, directory: Path | None, written: re.Pattern[str], inputs: Mapping[str, Path | None]
) -> str | None:
    """The refusal when a file the command writes into `directory` (names matching
    `written`) would be one of `inputs`, or when `directory` cannot be a directory."""
    if directory is None:
        return None
    if directory.exists() and not directory.is_dir():
        return f"{option} {directory} is a file, not a directory; give a directory"
    if not directory.is_dir():
        return None  # made afresh: nothing in it can be an input
    for entry in sorted(directory.iterdir()):
        if not written.fullmatch(entry.name):
            continue
        for label, path in inputs.items():
            if path is not None and same_file(entry, path):
                return (
                    f"{option} {directory} would overwrite {entry.name}, which is {label} "
                    f"{path}; choose another {option} (nothing was written)"
                )
    return None


def existing(paths: Iterable[Path]) -> dict[str, Path | None]:
    """Inputs labelled by their own path (for files read implicitly: the store, the config)."""
    return {str(path): path for path in paths}
