"""A download progress display on stderr: a redrawn bar on a terminal, plain lines otherwise.

Plain lines (one every tenth of the file) keep logs and CI output readable,
where carriage-return redraws would turn into one enormous line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

_BAR = 24
_REDRAW_SECONDS = 0.1


def human_bytes(count: float) -> str:
    """A byte count for people: 512 B, 3.4 MB, 2.39 GB (powers of 1000, as download sites show)."""
    for unit in ("B", "kB", "MB", "GB"):
        if abs(count) < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


class Progress:
    """Shows how far a download has got: bytes, percent and rate."""

    def __init__(
        self,
        stream: TextIO,
        *,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._tty = stream.isatty() if tty is None else tty
        self._clock = clock
        self._label = ""
        self._total: int | None = None
        self._done = 0
        self._start_done = 0
        self._started = 0.0
        self._last_draw = 0.0
        self._next_tenth = 1
        self._shown = -1  # bytes done at the last plain status line

    def start(self, label: str, total: int | None, done: int = 0) -> None:
        """A new file: `done` bytes are already there (a resumed download)."""
        self._label, self._total, self._done, self._start_done = label, total, done, done
        self._shown = -1
        self._started = self._last_draw = self._clock()
        self._next_tenth = self._tenth() + 1
        if not self._tty:
            resumed = f", resuming at {human_bytes(done)}" if done else ""
            size = human_bytes(total) if total is not None else "size unknown"
            self._line(f"downloading {label} ({size}{resumed})")
        else:
            self._draw()

    def advance(self, count: int) -> None:
        """`count` more bytes arrived."""
        self._done += count
        now = self._clock()
        if self._tty and now - self._last_draw >= _REDRAW_SECONDS:
            self._last_draw = now
            self._draw()
        elif not self._tty and self._tenth() >= self._next_tenth and not self._complete():
            self._next_tenth = self._tenth() + 1
            self._status_line()

    def finish(self) -> None:
        """The file is complete (or the transfer stopped): end the bar's line."""
        if self._tty:
            self._draw()
            self._stream.write("\n")
            self._stream.flush()
        elif self._shown != self._done:
            self._status_line()

    def note(self, text: str) -> None:
        """A message of its own, on its own line (clearing a half-drawn bar first)."""
        self._line(("\r\033[K" if self._tty else "") + text)

    def _status_line(self) -> None:
        self._shown = self._done
        self._line(f"{self._label}: {self._status()}")

    def _complete(self) -> bool:
        # The last line is left to `finish`, so that it is not printed twice.
        return self._total is not None and self._done >= self._total

    def _tenth(self) -> int:
        if not self._total:
            return self._done // (100 * 1000 * 1000)  # unknown size: a line per 100 MB
        return self._done * 10 // self._total

    def _status(self) -> str:
        elapsed = max(self._clock() - self._started, 1e-6)
        rate = human_bytes((self._done - self._start_done) / elapsed)
        if self._total:
            percent = 100 * self._done / self._total
            of = f"{human_bytes(self._done)} of {human_bytes(self._total)}"
            return f"{percent:5.1f}%  {of}  {rate}/s"
        return f"{human_bytes(self._done)}  {rate}/s"

    def _draw(self) -> None:
        filled = _BAR * self._done // self._total if self._total else 0
        bar = "#" * filled + "." * (_BAR - filled)
        self._stream.write(f"\r{self._label} [{bar}] {self._status()}\033[K")
        self._stream.flush()

    def _line(self, text: str) -> None:
        self._stream.write(text + "\n")
        self._stream.flush()
