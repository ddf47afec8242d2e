"""One HTTP POST whose answer is bounded in time and in size, for a server that may be hostile.

`urllib` bounds each socket operation by a timeout, not the exchange: a server
that sends a byte every second keeps a read going for as long as it likes,
and a server that sends 10 MB has all of it read. Here the whole exchange
(connecting, the status line and headers, every read of the body) ends at a
deadline: a watchdog shuts the socket down then, which wakes any blocked read,
and the answer is read in pieces counted against a byte budget. The request
goes straight to the server (`http.client`), without the environment's HTTP
proxy: the model server is a local one.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

_PIECE = 16 * 1024


class Late(Exception):
    """The deadline passed before the answer was complete; the connection was closed."""


class TooLong(Exception):
    """The answer is larger than the byte budget; reading stopped and the connection closed."""


class NoHost(ValueError):
    """The URL names no host."""


class Answer:
    """The server's answer: status, content type, and the body read within the bounds."""

    def __init__(self, response: http.client.HTTPResponse, max_bytes: int, late: _Watchdog):
        self.status = response.status
        self.content_type = response.getheader("Content-Type", "") or ""
        self._response = response
        self._left = max_bytes
        self._late = late

    def read(self, most: int | None = None) -> bytes:
        """The whole body, or at most `most` bytes of it (then never `TooLong`)."""
        want = self._left + 1 if most is None else min(most, self._left + 1)
        pieces: list[bytes] = []
        while want > 0:
            piece = self._piece(min(_PIECE, want), check=most is None)
            if not piece:
                break
            pieces.append(piece)
            want -= len(piece)
        return b"".join(pieces)

    def lines(self) -> Iterator[bytes]:
        """The body's lines as they arrive, without their line ends."""
        rest = b""
        while piece := self._piece(_PIECE, check=True):
            rest += piece
            *whole, rest = rest.split(b"\n")
            for line in whole:
                yield line.rstrip(b"\r")
        if rest:
            yield rest.rstrip(b"\r")

    def _piece(self, size: int, *, check: bool) -> bytes:
        try:
            piece = self._response.read1(size)
        except (OSError, http.client.HTTPException):
            self._late.check()
            raise
        self._late.check()  # a shut-down socket reads as the end of the answer
        self._left -= len(piece)
        if check and self._left < 0:
            raise TooLong
        return piece


class _Watchdog:
    """Shuts a socket down at the deadline, waking whatever read waits on it."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.fired = False
        self._timer: threading.Timer | None = None

    def watch(self, sock: socket.socket) -> None:
        delay = max(0.0, self.deadline - time.monotonic())
        self._timer = threading.Timer(delay, self._fire, (sock,))
        self._timer.daemon = True
        self._timer.start()

    def _fire(self, sock: socket.socket) -> None:
        self.fired = True
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def check(self) -> None:
        """Raise `Late` when the deadline has passed."""
        if self.fired or time.monotonic() >= self.deadline:
            raise Late

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


@contextmanager
def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout_s: float,
    deadline: float,
    max_bytes: int,
) -> Iterator[Answer]:
    """POST `body` to `url` and give the answer, all of it before `deadline` (monotonic).

    `timeout_s` bounds connecting and then each wait for data. Raises `Late`
    once the deadline passes, `TooLong` past `max_bytes` of body, `NoHost`
    or `ValueError` for a URL that cannot be used, and `OSError` or
    `http.client.HTTPException` when the exchange fails.
    """
    late = _Watchdog(deadline)
    late.check()
    parts = urlsplit(url)
    if not parts.hostname:
        raise NoHost(f"no host in {url!r}")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    wait = min(timeout_s, deadline - time.monotonic())
    connection = kind(parts.hostname, parts.port, timeout=max(wait, 0.001))
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        try:
            connection.connect()
            assert connection.sock is not None
            late.watch(connection.sock)
            connection.request("POST", path or "/", body, headers)
            response = connection.getresponse()
        except (OSError, http.client.HTTPException):
            late.check()
            raise
        with response:
            yield Answer(response, max_bytes, late)
    finally:
        late.stop()
        connection.close()
