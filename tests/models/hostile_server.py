"""A language-model server that lies, floods, trickles, hangs or fails, on 127.0.0.1.

`/<behaviour>/v1/chat/completions` picks what it does. It answers the way an
OpenAI-compatible server does (server-sent events, or one JSON completion)
when it answers at all. A handler that trickles or hangs ends as soon as the
client closes the connection, so each test leaves nothing running.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SSE, JSON = "text/event-stream", "application/json"
ESCAPES = "\x1b[2J\x1b[H\x1b]0;owned\x07Hello\x00 there,\u202e friend\x9b31m!\x1b[0m\x07\x08\x7f"


def event(content: Any) -> bytes:
    """One server-sent event carrying a piece of the answer."""
    chunk = {"choices": [{"index": 0, "delta": {"content": content}}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


def events(text: str, size: int = 8) -> bytes:
    """A whole streamed answer: `text` in small pieces, then [DONE]."""
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    return b"".join(event(p) for p in pieces) + b"data: [DONE]\n\n"


def whole(text: str) -> bytes:
    """One completion as a server that ignores `stream` sends it."""
    return json.dumps({"choices": [{"message": {"content": text}}]}).encode()


def reply(text: str) -> str:
    return json.dumps({"tool": "reply", "text": text})


def call(tool: str, **arguments: Any) -> str:
    return json.dumps({"tool": tool, "arguments": arguments})


def offered(body: dict[str, Any]) -> list[str]:
    """The tools a request offered, read from the schema in its response_format."""
    form = body.get("response_format") or {}
    schema = form.get("json_schema", {}).get("schema") or form.get("schema") or {}
    if isinstance(schema, str):
        schema = json.loads(schema)
    return [o["properties"]["tool"]["const"] for o in schema.get("anyOf", [])]


class Handler(BaseHTTPRequestHandler):
    """Behaves as the first part of the path says."""

    server: HostileServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        behaviour = self.path.split("/")[1]
        self.server.requests.append((behaviour, offered(body)))
        try:
            BEHAVIOURS[behaviour](self, offered(body))
        except OSError:
            pass  # the client stopped reading and closed: what a bounded client does

    def send(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", SSE)
        self.end_headers()

    def write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def keep_writing(self, make: Callable[[int], bytes], every_s: float, most: int) -> None:
        """Write `make(i)` every `every_s` until the client goes or `most` writes are done."""
        for i in range(most):
            if self.client_gone(every_s):
                return self.server.saw_close(self.path)
            try:
                self.write(make(i))
            except OSError:
                return self.server.saw_close(self.path)

    def client_gone(self, wait_s: float) -> bool:
        """Wait up to `wait_s`; whether the client closed the connection meanwhile."""
        readable, _, _ = select.select([self.connection], [], [], wait_s)
        if not readable or self.server.released.is_set():
            return self.server.released.is_set()
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def hang(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.client_gone(0.05):
                return self.server.saw_close(self.path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _trickle(handler: Handler, tools: list[str]) -> None:
    handler.start_stream()
    text = reply("Hello there, I am thinking about it very slowly")
    handler.keep_writing(lambda i: event(text[i % len(text)]), 0.15, 400)


def _trickle_bytes(handler: Handler, tools: list[str]) -> None:
    handler.start_stream()
    line = event(reply("Hello there")).rstrip(b"\n") * 1000  # no line end for a long time
    handler.keep_writing(lambda i: line[i : i + 1], 0.05, len(line))


def _hang_in_headers(handler: Handler, tools: list[str]) -> None:
    handler.write(b"HTTP/1.0 200 OK\r\n")
    handler.keep_writing(lambda i: b"X-Slow: " + b"a" * 10 + b"\r\n", 0.1, 90)


def _flood_stream(handler: Handler, tools: list[str]) -> None:
    handler.start_stream()
    handler.write(event('{"tool": "reply", "text": "'))
    handler.keep_writing(lambda i: event("flood " * 150), 0.0, 10_000)  # ~10 MB


def _flood_json(handler: Handler, tools: list[str]) -> None:
    handler.send(200, JSON, whole(reply("flood " * 1_700_000)))  # 10 MB


def _endless_calls(handler: Handler, tools: list[str]) -> None:
    handler.start_stream()
    unlock = call("lock_unlock", name="front door")
    handler.keep_writing(lambda i: event(unlock), 0.0, 100_000)


def _first_tool(tools: list[str]) -> str:
    return next(t for t in tools if t != "reply")


def _fixed(status: int, kind: str, data: bytes) -> Callable[[Handler, list[str]], None]:
    return lambda handler, tools: handler.send(status, kind, data)


def _answer(make: Callable[[list[str]], str]) -> Callable[[Handler, list[str]], None]:
    return lambda handler, tools: handler.send(200, SSE, events(make(tools)))


BEHAVIOURS: dict[str, Callable[[Handler, list[str]], None]] = {
    "polite": _answer(lambda tools: reply("Hello there, friend.")),
    "escapes": _answer(lambda tools: reply(ESCAPES)),
    "escapes-whole": lambda handler, tools: handler.send(200, JSON, whole(reply(ESCAPES))),
    "long-reply": _answer(lambda tools: reply("hello there friend " * 300)),
    "flood-stream": _flood_stream,
    "flood-json": _flood_json,
    "trickle": _trickle,
    "trickle-bytes": _trickle_bytes,
    "hang": lambda handler, tools: handler.hang(),
    "hang-in-headers": _hang_in_headers,
    "error-500": _fixed(500, JSON, b'{"error": {"message": "\\u001b[31mboom\\u001b]0;t\\u0007"}}'),
    "error-503": _fixed(503, "text/plain", b"\x1b[2J overloaded, \x9b try later"),
    "garbage": _fixed(200, SSE, b"data: \x1b[2J{{{ not json at all\n\n"),
    "not-sse": _fixed(200, "text/html", b"\x1b]0;title\x07<html>login</html>"),
    "wrong-shape": _fixed(200, SSE, b'data: {"choices": {"delta": 5}}\n\ndata: [DONE]\n\n'),
    "wrong-content": _fixed(200, SSE, event(5) + event(["a"]) + b"data: [DONE]\n\n"),
    "not-an-object": _answer(lambda tools: "[1, 2, 3]"),
    "no-such-tool": _answer(lambda tools: call("self_destruct", everything=True)),
    "wrong-types": _answer(lambda tools: call(_first_tool(tools), name=42, area=[1], text={})),
    "many-calls": _answer(lambda tools: call("lock_unlock", name="front door") * 300),
    "endless-calls": _endless_calls,
    "unlock": _answer(lambda tools: call("lock_unlock", name="front door")),
    "unlock-other": _answer(lambda tools: call("lock_unlock", name="back door")),
    "call": _answer(lambda tools: call("call_place", contact="Mum")),
    "message": _answer(lambda tools: call("message_send", contact="Anna", text=ESCAPES)),
}


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, list[str]]]
    released: threading.Event
    closed: list[str]  # the paths of requests whose client closed the connection mid-answer
    change: threading.Condition

    def saw_close(self, path: str) -> None:
        with self.change:
            self.closed.append(path)
            self.change.notify_all()

    def wait_for_close(self, behaviour: str, timeout_s: float) -> bool:
        """Whether a client of `behaviour` closes its connection within `timeout_s`."""
        with self.change:
            return self.change.wait_for(
                lambda: any(p.split("/")[1] == behaviour for p in self.closed), timeout_s
            )

    def url(self, behaviour: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{behaviour}/v1"


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    """The server, listening on 127.0.0.1 on a free port until the block ends."""
    httpd = HostileServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    httpd.released = threading.Event()
    httpd.closed = []
    httpd.change = threading.Condition()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.released.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join()
