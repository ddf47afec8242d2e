"""A local stand-in for a model hub: serves files over HTTP with Range support and faults on demand.

Faults are queued per path and used up one request at a time:
"404", "corrupt" (one byte flipped), "ignore-range" (answers 200 with the
whole file), "drop:N" (sends N bytes of the body, then closes the connection),
"trickle:N:S" (sends N bytes every S seconds until the test ends).
"""

from __future__ import annotations

import hashlib
import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def fake_model(size: int = 300_000, seed: int = 7) -> bytes:
    """Deterministic bytes standing in for a model file."""
    return random.Random(seed).randbytes(size)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FakeHub:
    """The files, the queued faults, and a log of (path, Range header) per request."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.faults: dict[str, list[str]] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.url = ""
        self.stopped = threading.Event()  # set when the hub stops: trickles end

    def add(self, path: str, data: bytes) -> str:
        """Serve `data` at `path`; returns its URL."""
        self.files[path] = data
        return self.url + path

    def fault(self, path: str, *faults: str) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def next_fault(self, path: str) -> str | None:
        queue = self.faults.get(path)
        return queue.pop(0) if queue else None


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

        def do_GET(self) -> None:
            wanted = self.headers.get("Range")
            hub.requests.append((self.path, wanted))
            fault = hub.next_fault(self.path)
            data = hub.files.get(self.path)
            if data is None or fault == "404":
                self.send_error(404)
                return
            if fault == "corrupt":
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            start = 0
            if wanted and fault != "ignore-range":
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault and fault.startswith("drop:"):
                self.wfile.write(body[: int(fault.removeprefix("drop:"))])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            if fault and fault.startswith("trickle:"):
                self._trickle(body, fault)
                return
            self.wfile.write(body)

        def _trickle(self, body: bytes, fault: str) -> None:
            _, size, pause = fault.split(":")
            step = int(size)
            try:
                for start in range(0, len(body), step):
                    self.wfile.write(body[start : start + step])
                    self.wfile.flush()
                    if hub.stopped.wait(float(pause)):
                        break
            except OSError:
                pass  # the client gave up: that is what the trickle tests want
            self.close_connection = True

    return Handler


@contextmanager
def serving() -> Iterator[FakeHub]:
    """A hub on 127.0.0.1 (a free port), stopped afterwards."""
    hub = FakeHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    server.daemon_threads = True
    hub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        hub.stopped.set()
        server.shutdown()
        server.server_close()
        thread.join()
