"""Writing a file so that it is either whole or not there: a temporary file, then a rename.

The lowest floor that writes files users keep (the record of checked models);
the WAV sinks, the plugin scaffold and the command line use it too. The
temporary file is in the target's folder (a rename across file systems would
copy), named `.NAME.XXXX.tmp`, and is removed when the writing fails; a crash
(kill -9) can leave one behind, never a half-written NAME. A symlink is
followed: the file it points to is replaced, the link stays. A target that
exists and is not a regular file (a FIFO, /dev/null) is written directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class AtomicFile:
    """A binary file being written; `commit` puts it in place, `discard` drops it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))
        self._temp: str | None = None
        if _special(self.path):
            self.file: IO[bytes] = open(self.path, "wb")  # noqa: SIM115 (closed by commit/discard)
            return
        self.file = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by commit/discard)
            "wb", dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp", delete=False
        )
        self._temp = self.file.name

    def commit(self) -> None:
        """Flush to disk and replace the target in one step."""
        try:
            self.file.flush()
            if self._temp is not None:
                os.fsync(self.file.fileno())
            self.file.close()
            if self._temp is not None:
                os.replace(self._temp, self.path)
                self._temp = None
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Drop what was written; the target is as it was."""
        with contextlib.suppress(OSError):
            self.file.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None


def _special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # not there yet


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to write; on a clean exit it replaces `path` in one step.

    On an exception the temporary file is removed and `path` is untouched.
    """
    atomic = AtomicFile(path)
    try:
        yield atomic.file
    except BaseException:
        atomic.discard()
        raise
    atomic.commit()
